"""Consented sharing: a participant's shared answers, in the room, under a pseudonym the room drew.

An answer leaves the workbook only when the participant ticks *share with the group* on it, and only
to the room: a service that knows who is asking (see ``careerkit.room``).

- **On JupyterHub** the kernel's own hub token (``JUPYTERHUB_API_TOKEN``) identifies the participant and
  ``CAREERKIT_ROOM_URL`` says where the room is; the hub's configuration sets both.
- **Standalone**, the participant joins once in 00_welcome with the room's URL and code; the room gives
  this workbook a secret of its own, kept beside it in ``<workbook>.room.json`` (mode 0600).

The workbook is the truth: an answer marked shared is sent whenever the room can be reached, and an answer
made private again is withdrawn (deleted in the room). What the room has acknowledged is remembered in the
same ``.room.json``, so nothing is sent twice and nothing marked shared is forgotten while the room is down.
Private-by-design exercises (``shareable = False``, such as ``act3.rabbit``) are refused on every path.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerkit.constants import ENV_ROOM_TOKEN, ENV_ROOM_URL
from careerkit.errors import CareerkitError, RoomError
from careerkit.room.answers import is_shareable
from careerkit.room.client import UNREACHABLE, RoomClient
from careerkit.store.workbook import Workbook

log = logging.getLogger(__name__)

STATE_SUFFIX = ".room.json"
RETRY_S = (2, 5, 10, 30)  # waits between tries while the room is down; then every 30 s

_retries: dict[str, threading.Timer] = {}
_retry_lock = threading.Lock()


@dataclass
class Outcome:
    """What happened to the participant's shared answers: ``sent``, ``pending`` (room down), ``no_room``."""

    state: str
    problems: list[str] = field(default_factory=list)

    @property
    def sent(self) -> bool:
        return self.state == "sent" and not self.problems


# where the room is, for this workbook
def state_file(book: Workbook) -> Path:
    return book.path.with_name(book.path.stem + STATE_SUFFIX)


def _load_state(book: Workbook) -> dict[str, Any]:
    """The workbook's room settings; a missing, damaged or odd file (a pipe, a folder) is no settings."""
    from careerkit.errors import WorkbookError
    from careerkit.store.files import Damaged, parse_json_object, read_bytes

    try:
        raw = read_bytes(state_file(book))
        return {} if raw is None else parse_json_object(raw)
    except (WorkbookError, Damaged):
        return {}


def _save_state(book: Workbook, state: dict[str, Any]) -> None:
    """Written as the workbook is: atomically, 0600, in a 0700 folder."""
    from careerkit.store.files import private_folder, write_private

    path = state_file(book)
    try:
        private_folder(path.parent)
        write_private(path, json.dumps(state, sort_keys=True))
    except OSError as err:
        raise CareerkitError(f"Your room settings could not be saved in {path} ({err.strerror}).") from None


def hub_room() -> tuple[str, str] | None:
    """The room set up by the hub for every kernel: (url, token), or None."""
    url = os.environ.get(ENV_ROOM_URL, "").strip()
    token = os.environ.get(ENV_ROOM_TOKEN, "").strip() or os.environ.get("JUPYTERHUB_API_TOKEN", "").strip()
    return (url, token) if url and token else None


def client(book: Workbook, state: dict[str, Any] | None = None) -> RoomClient | None:
    """The room this workbook shares into, or None (no room yet, or a demo run: demo answers never leave)."""
    from careerkit.store import session

    if session.is_demo():
        return None
    hub = hub_room()
    if hub:
        return RoomClient(*hub)
    state = _load_state(book) if state is None else state
    url, token = state.get("url"), state.get("token")
    return RoomClient(url, token) if isinstance(url, str) and isinstance(token, str) and url and token else None


def join(book: Workbook, url: str, code: str) -> Outcome:
    """Join a standalone room with the code the facilitator shows; answers already marked shared are sent."""
    url = (url or "").strip()
    if not url.startswith(("http://", "https://")):
        raise CareerkitError("The room's address starts with http:// or https://, as your facilitator shows it.")
    if not (code or "").strip():
        raise CareerkitError("Type the room code your facilitator shows (like K7M-4QX).")
    token = RoomClient(url).join(code.strip())
    _save_state(book, {"url": url, "token": token, "sent": {}, "quotes": _load_state(book).get("quotes", {})})
    return publish(book)


def joined(book: Workbook) -> dict[str, str]:
    """The standalone room this workbook joined: ``{"url": ..., "token": ...}``, or empty."""
    state = _load_state(book)
    return {name: state[name] for name in ("url", "token") if isinstance(state.get(name), str)}


def leave(book: Workbook) -> None:
    """Forget the standalone room (answers already in it stay until withdrawn: withdraw first)."""
    state_file(book).unlink(missing_ok=True)


# publishing
def published(book: Workbook) -> dict[str, Any]:
    """What the room has acknowledged for this participant: ``{key: {"quote": bool}}``."""
    state = _load_state(book)
    sent = state.get("sent") if isinstance(state.get("sent"), dict) else {}
    quotes = state.get("quotes") if isinstance(state.get("quotes"), dict) else {}
    return {key: {"quote": bool(quotes.get(key))} for key in sent}


def publish(book: Workbook, quotes: dict[str, bool] | None = None) -> Outcome:
    """Bring the room up to date with the workbook: send what is shared and changed, withdraw what is not.

    ``quotes`` changes whether the participant's words in an answer may be quoted (``{key: True}``).
    When the room cannot be reached, the workbook keeps everything and a retry is scheduled.
    """
    state = _load_state(book)
    state.setdefault("quotes", {})
    state.setdefault("sent", {})
    if quotes:
        state["quotes"].update({key: bool(v) for key, v in quotes.items()})
        if client(book, state) is None:
            _save_state(book, state)
    room = client(book, state)
    if room is None:
        return Outcome("no_room")
    shared = {key: a for key, a in book.shared_answers().items() if is_shareable(key)}
    problems: list[str] = []
    try:
        for key in [k for k in state["sent"] if k not in shared]:
            room.withdraw(key)
            del state["sent"][key]
            _save_state(book, state)
        for key, answer in sorted(shared.items()):
            quote = bool(state["quotes"].get(key))
            digest = _digest(answer.value, quote)
            if state["sent"].get(key) == digest:
                continue
            try:
                room.share(key, answer.value, quote)
            except RoomError as err:
                if err.code == UNREACHABLE or err.status in (0, 429) or err.status >= 500:
                    raise
                problems.append(err.message)
                continue
            state["sent"][key] = digest
            _save_state(book, state)
    except RoomError as err:
        if err.code != UNREACHABLE and err.status not in (0, 429) and err.status < 500:
            raise
        _schedule_retry(book)
        return Outcome("pending", [err.message])
    _cancel_retry(book)
    return Outcome("sent", problems)


def share(book: Workbook, key: str, shared: bool = True) -> Outcome:
    """Mark one answer shared (or private again) and bring the room up to date. A private-by-design
    exercise is refused before anything is marked."""
    if shared and not is_shareable(key):
        raise CareerkitError(f"'{key}' is private by design: its answers are never shared.")
    book.set_shared(key, shared)
    return publish(book)


def set_quote(book: Workbook, key: str, allowed: bool) -> Outcome:
    """Allow (or stop) quoting the participant's words in one shared answer."""
    return publish(book, quotes={key: allowed})


def withdraw(book: Workbook) -> Outcome:
    """Make every answer private again and delete every one of the participant's records in the room."""
    for key in book.shared_answers():
        book.set_shared(key, False)
    state = _load_state(book)
    room = client(book, state)
    if room is None:
        return Outcome("no_room")
    try:
        room.withdraw()
    except RoomError as err:
        if err.code != UNREACHABLE:
            raise
        _schedule_retry(book)
        return Outcome("pending", [err.message])
    state["sent"] = {}
    _save_state(book, state)
    return Outcome("sent")


def _digest(value: Any, quote: bool) -> str:
    text = json.dumps([value, quote], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


# while the room is down
def _schedule_retry(book: Workbook, attempt: int = 0) -> None:
    name = str(book.path)
    with _retry_lock:
        if name in _retries and attempt == 0:
            return
        timer = threading.Timer(RETRY_S[min(attempt, len(RETRY_S) - 1)], _retry, args=(book, attempt + 1))
        timer.daemon = True
        _retries[name] = timer
        timer.start()


def _retry(book: Workbook, attempt: int) -> None:
    with _retry_lock:
        _retries.pop(str(book.path), None)
    try:
        outcome = publish(book)
    except Exception:  # a background retry must never kill the kernel's thread silently
        log.exception("retrying the room failed")
        return
    if outcome.state == "pending":
        _schedule_retry(book, attempt)


def _cancel_retry(book: Workbook) -> None:
    with _retry_lock:
        timer = _retries.pop(str(book.path), None)
    if timer is not None:
        timer.cancel()
