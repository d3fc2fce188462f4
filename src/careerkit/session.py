"""Who is answering: the participant chosen in 00_welcome, or the fictional demo participant.

Headless runs (tests, ``careerkit build``) set ``CAREERKIT_DEMO=1`` so every notebook shows the
demo participant's full answers and the run is deterministic (fixed clock).
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from careerkit.constants import DEFAULT_PARTICIPANT, DEMO_PARTICIPANT, ENV_DEMO, ENV_HOME, ENV_PARTICIPANT
from careerkit.workbook import Workbook, default_home, validate_participant

CURRENT_FILE = "current-participant.txt"
DEMO_TIME = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)

_cache: dict[tuple[str, str], Workbook] = {}


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
    """The participant whose workbook this kernel writes to."""
    if is_demo():
        return DEMO_PARTICIPANT
    env = os.environ.get(ENV_PARTICIPANT)
    if env:
        return validate_participant(env)
    marker = home() / CURRENT_FILE
    if marker.is_file():
        name = marker.read_text(encoding="utf-8").strip()
        if name:
            return validate_participant(name)
    return DEFAULT_PARTICIPANT


def set_participant(name: str) -> Workbook:
    """Remember ``name`` as this machine's participant (validated) and return their workbook."""
    name = validate_participant(name)
    folder = home()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CURRENT_FILE).write_text(name + "\n", encoding="utf-8")
    return workbook()


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
    from careerkit.plan import demo_versions

    if not book.path.exists():
        answers = demo_answers()
        # Ship the demo's earlier plan versions first (content/demo/versions.json), each on its own date,
        # so 05_my_plan has real snapshots to compare; then the current answers go on top.
        for spec in demo_versions():
            dated = Workbook(book.participant, book.home, clock=lambda when=spec.created: when)
            dated.replace_answers(spec.answers_from(answers))
            dated.ship_version(note=spec.note, label=spec.label)
        book.replace_answers(answers)
    return book
