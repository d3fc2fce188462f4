"""Consented sharing: a participant's shared answers, under a pseudonym, in the group's exchange folder.

An answer leaves the workbook only when the participant ticks *share with the group* on it. Each
participant then has exactly one file in the exchange folder, ``EXCHANGE/<pseudonym>.json``, holding
the shared answers and nothing else: no name, no timestamps, no private answer. Every change of the
share toggle (or of a shared answer) rewrites that file atomically; unsharing the last answer
removes it.

The pseudonym is an HMAC of the participant's workbook name keyed by a random salt kept in the
exchange folder (``.careerkit-salt``): stable for a participant within one workshop, different in
the next one, and not reversible by anyone who does not hold the salt.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from careerkit import __version__
from careerkit.constants import ENV_EXCHANGE
from careerkit.errors import ExchangeError
from careerkit.workbook import Workbook

EXCHANGE_FORMAT = "careerkit-exchange"
EXCHANGE_SCHEMA = 1
SALT_FILE = ".careerkit-salt"
EXCHANGE_SETTING = "exchange-folder.txt"  # in the careerkit home: the folder chosen in 00_welcome
PSEUDONYM_PREFIX = "p-"
FILE_MODE = 0o644  # the facilitator (another OS user on a hub) must be able to read it
DROPBOX_FILE_MODE = 0o600  # in a folder others cannot list (1733), only the owner and root read a file
FOLDER_MODE = 0o1777  # like /tmp: everyone writes, only the owner replaces or removes a file


# where the exchange is
def _setting_file() -> Path:
    from careerkit import session

    return session.home() / EXCHANGE_SETTING


def exchange_dir() -> Path | None:
    """The exchange folder: ``$CAREERKIT_EXCHANGE``, else the folder chosen in 00_welcome, else None."""
    env = os.environ.get(ENV_EXCHANGE, "").strip()
    if env:
        return Path(env).expanduser()
    try:
        text = _setting_file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text).expanduser() if text else None


def set_exchange(path: str | Path | None) -> Path | None:
    """Remember the exchange folder given by the facilitator (``None`` or empty: stop sharing to a folder).

    The folder must already exist and be writable: the facilitator creates it, participants only join it.
    """
    setting = _setting_file()
    if path is None or not str(path).strip():
        setting.unlink(missing_ok=True)
        return None
    folder = Path(str(path).strip()).expanduser().resolve()
    if not folder.is_dir():
        raise ExchangeError(folder, "there is no such folder (check the path your facilitator gave you)")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExchangeError(folder, "you are not allowed to write in it")
    setting.parent.mkdir(parents=True, exist_ok=True)
    setting.write_text(str(folder) + "\n", encoding="utf-8")
    return folder


def prepare_exchange(path: str | Path, mode: int = FOLDER_MODE) -> Path:
    """Create the exchange folder for a workshop (facilitator side) and its salt; returns the folder."""
    folder = Path(path).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, mode)
    except OSError as err:
        raise ExchangeError(folder, f"it could not be created ({err.strerror})") from None
    exchange_salt(folder)
    return folder


# pseudonyms
def exchange_salt(folder: Path) -> bytes:
    """The exchange's salt, created once (atomically: two first publishers agree on one salt)."""
    salt_path = folder / SALT_FILE
    try:
        return bytes.fromhex(salt_path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    except (OSError, ValueError, UnicodeDecodeError):
        raise ExchangeError(folder, f"its {SALT_FILE} file is damaged; ask your facilitator to restore it") from None
    value = secrets.token_hex(32)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".salt.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(value + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        try:
            os.link(tmp, salt_path)  # fails if another participant created it first: then theirs wins
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    except OSError as err:
        raise ExchangeError(folder, f"it could not be prepared ({err.strerror})") from None
    return exchange_salt(folder)


def pseudonym(book: Workbook, folder: Path) -> str:
    """The participant's stable name in this exchange: ``p-`` and 16 hex digits."""
    digest = hmac.new(exchange_salt(folder), book.path.stem.encode("utf-8"), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:16]


# publishing
def exchange_file(book: Workbook, folder: Path | None = None) -> Path | None:
    """Where this participant's shared answers are (or would be) published; None without an exchange."""
    folder = folder if folder is not None else exchange_dir()
    if folder is None:
        return None
    return folder / f"{pseudonym(book, _existing(folder))}.json"


def published(book: Workbook, folder: Path | None = None) -> dict[str, Any]:
    """What this participant has published: ``{key: {"value": ..., "quote": bool}}`` (empty if nothing)."""
    path = exchange_file(book, folder)
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    answers = data.get("answers") if isinstance(data, dict) else None
    return answers if isinstance(answers, dict) else {}


def publish(book: Workbook, folder: Path | None = None, quotes: dict[str, bool] | None = None) -> Path | None:
    """Write the participant's shared answers (only those) to the exchange; returns the file, or None.

    ``quotes`` changes whether the participant's words in an answer may be quoted to the group
    (``{key: True}``); answers not named keep their previous choice, and new ones start unquoted.
    With no shared answer left, the participant's file is removed. Without an exchange folder,
    nothing is written and None is returned.
    """
    folder = folder if folder is not None else exchange_dir()
    if folder is None:
        return None
    path = exchange_file(book, folder)
    shared = book.shared_answers()
    if not shared:
        _remove(path)
        return None
    previous = published(book, folder)
    choices = {key: bool(item.get("quote")) for key, item in previous.items() if isinstance(item, dict)}
    choices.update(quotes or {})
    payload = {
        "format": EXCHANGE_FORMAT,
        "schema_version": EXCHANGE_SCHEMA,
        "careerkit": __version__,
        "pseudonym": path.stem,
        "answers": {key: {"value": a.value, "quote": choices.get(key, False)} for key, a in sorted(shared.items())},
    }
    _write_atomic(path, json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True))
    return path


def share(book: Workbook, key: str, shared: bool = True, folder: Path | None = None) -> Path | None:
    """Mark one answer shared (or private again) and bring the exchange up to date."""
    book.set_shared(key, shared)
    return publish(book, folder)


def set_quote(book: Workbook, key: str, allowed: bool, folder: Path | None = None) -> Path | None:
    """Allow (or stop) quoting the participant's words in one shared answer."""
    return publish(book, folder, quotes={key: allowed})


def withdraw(book: Workbook, folder: Path | None = None) -> None:
    """Make every answer private again and remove the participant's file from the exchange."""
    for key in book.shared_answers():
        book.set_shared(key, False)
    folder = folder if folder is not None else exchange_dir()
    if folder is not None:
        _remove(exchange_file(book, folder))


def _existing(folder: Path) -> Path:
    if not folder.is_dir():
        raise ExchangeError(folder, "there is no such folder")
    return folder


def _remove(path: Path | None) -> None:
    if path is None:
        return
    try:
        path.unlink(missing_ok=True)
    except OSError as err:
        raise ExchangeError(path.parent, f"your shared file could not be withdrawn ({err.strerror})") from None


def _file_mode(folder: Path) -> int:
    """0644 in a folder everyone may read; 0600 in a drop box (mode 1733) that only the facilitator reads."""
    try:
        readable = bool(folder.stat().st_mode & 0o004)
    except OSError:
        readable = True
    return FILE_MODE if readable else DROPBOX_FILE_MODE


def _write_atomic(path: Path, text: str) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise ExchangeError(path.parent, f"you cannot write in it ({err.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode(path.parent))
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise ExchangeError(path.parent, f"your shared answers could not be written ({err.strerror})") from None
