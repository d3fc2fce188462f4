"""Who is answering: the participant chosen in 00_welcome, or the fictional demo participant.

Headless runs (tests, ``careerkit build``) set ``CAREERKIT_DEMO=1`` so every notebook shows the
demo participant's full answers and the run is deterministic (fixed clock).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from careerkit.constants import DEFAULT_PARTICIPANT, DEMO_PARTICIPANT, ENV_DEMO, ENV_HOME, ENV_PARTICIPANT
from careerkit.errors import ParticipantIdError, WorkbookError, say
from careerkit.store.files import private_folder, read_bytes, write_private
from careerkit.store.workbook import Workbook, default_home, validate_participant

CURRENT_FILE = "current-participant.txt"
DEMO_TIME = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)

_cache: dict[tuple[str, str], Workbook] = {}
_followers: list[Callable[[Workbook], None]] = []  # told when this kernel's participant changes
log = logging.getLogger(__name__)


def follow_participant(callback: Callable[[Workbook], None]) -> Callable[[], None]:
    """Call ``callback(workbook)`` whenever a name is chosen in this kernel (the banner says who is answering).
    Returns the function that stops it."""
    _followers.append(callback)
    return lambda: _followers.remove(callback) if callback in _followers else None


def is_demo() -> bool:
    return os.environ.get(ENV_DEMO, "") == "1"


def _demo_clock() -> datetime:
    return DEMO_TIME


def home() -> Path:
    """The workbook folder for this kernel. In demo mode without CAREERKIT_HOME, a private temp folder."""
    if is_demo() and not os.environ.get(ENV_HOME):
        os.environ[ENV_HOME] = tempfile.mkdtemp(prefix="careerkit-demo-")
    return default_home()


def current_participant() -> str:
    """The participant whose workbook this kernel writes to; a ParticipantIdError (a sentence) if the name
    set in CAREERKIT_PARTICIPANT, or remembered from 00_welcome, cannot be used."""
    if is_demo():
        return DEMO_PARTICIPANT
    env = os.environ.get(ENV_PARTICIPANT)
    if env:
        return validate_participant(env, source=ENV_PARTICIPANT)
    marker = home() / CURRENT_FILE
    try:
        raw = read_bytes(marker)
    except WorkbookError:
        raw = b"\xff"  # unreadable: say so below, as for any other damaged name
    if raw is None:
        return DEFAULT_PARTICIPANT
    try:
        name = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise ParticipantIdError("?", "damaged_marker", source=str(marker)) from None
    return validate_participant(name, source=str(marker)) if name else DEFAULT_PARTICIPANT


def set_participant(name: str) -> Workbook:
    """Remember ``name`` as this machine's participant and return their workbook; a CareerkitError (a
    sentence) if the name or its workbook cannot be used, and then nothing is remembered."""
    name = validate_participant(name)
    folder = home()
    Workbook(name, folder).load()  # another person's or a damaged workbook: the sentence, and nothing remembered
    try:
        write_private(private_folder(folder) / CURRENT_FILE, name + "\n")
    except OSError as err:
        raise WorkbookError(folder / CURRENT_FILE, say("workbook.name_not_remembered", reason=err.strerror)) from None
    book = workbook()
    for callback in list(_followers):
        try:
            callback(book)
        except Exception:  # a view that cannot redraw must not undo the choice of a name
            log.exception("a view following the participant failed")
    return book


def workbook() -> Workbook:
    """The current participant's workbook (the demo one, seeded with its answers, in demo mode)."""
    folder = home()
    participant = current_participant()
    cache_key = (str(folder), participant)
    if cache_key not in _cache:
        if is_demo():
            _cache[cache_key] = _seed_demo(Workbook(participant, folder, clock=_demo_clock))
        else:
            _cache[cache_key] = Workbook(participant, folder)
    return _cache[cache_key]


def _seed_demo(book: Workbook) -> Workbook:
    from careerkit.content import demo_answers
    from careerkit.modules.plan.domain import demo_versions

    if not book.path.exists():
        answers = demo_answers()
        # Ship the demo's earlier plan versions first (modules/plan/demo_versions.json), each on its own date,
        # so 05_my_plan has real snapshots to compare; then the current answers go on top.
        for spec in demo_versions():
            dated = Workbook(book.participant, book.home, clock=lambda when=spec.created: when)
            dated.replace_answers(spec.answers_from(answers))
            dated.ship_version(note=spec.note, label=spec.label)
        book.replace_answers(answers)
    return book
