"""One JSON workbook per participant: nothing typed is ever lost.

Every save re-reads the file under a lock, changes one answer, and writes the whole file to a
temporary file that is fsynced and atomically renamed over the old one. Two kernels writing the
same workbook therefore merge their answers instead of overwriting each other, and a crash
mid-save leaves the previous complete file in place.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import unicodedata
import weakref
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock, Timeout
from pydantic import BaseModel, Field, ValidationError

from careerkit.constants import ENV_HOME
from careerkit.errors import ParticipantIdError, VersionNotFoundError, WorkbookError

SCHEMA_VERSION = 2
KEY_PATTERN = re.compile(r"^[a-z0-9_]+\.[a-z0-9_]+$")
# starts and ends with a letter or digit (a trailing dot makes "name..json" and is unsafe on Windows)
PARTICIPANT_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,62}[A-Za-z0-9_-])?$")
LOCK_TIMEOUT_S = 10

Clock = Callable[[], datetime]
Observer = Callable[[frozenset[str]], None]
VERSIONS = "versions"  # what observers are told when a plan version is shipped (answer keys always hold a dot)
# Observers of each workbook file in this process, whichever Workbook object saves to it (weakly held).
_observers: dict[str, list[Callable[[], Observer | None]]] = {}
log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Answer(BaseModel):
    """One exercise's answer: what the participant entered, when, and whether they share it."""

    value: Any
    updated: datetime
    shared: bool = False


class PlanVersion(BaseModel):
    """A shipped, dated copy of every answer: version N of the participant's career plan."""

    number: int = Field(ge=1)
    label: str
    note: str = ""
    created: datetime
    answers: dict[str, Any]


class WorkbookData(BaseModel):
    schema_version: int = SCHEMA_VERSION
    participant: str
    created: datetime
    answers: dict[str, Answer] = {}
    versions: list[PlanVersion] = []


class Change(BaseModel):
    """One difference between two plan versions."""

    key: str
    kind: Literal["added", "removed", "changed"]
    before: Any = None
    after: Any = None


def validate_participant(participant: str) -> str:
    """Return the participant name if it is safe as a file name, else raise ParticipantIdError."""
    if not isinstance(participant, str) or not participant.strip():
        raise ParticipantIdError(str(participant), "it is empty")
    name = unicodedata.normalize("NFC", participant.strip())
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ParticipantIdError(name, "it contains control characters")
    if "/" in name or "\\" in name or ".." in name:
        raise ParticipantIdError(name, "it contains a path separator or '..'")
    if not PARTICIPANT_PATTERN.match(name):
        raise ParticipantIdError(name, "it has characters that are not allowed, or is too long")
    return name


def validate_key(key: str) -> str:
    if not KEY_PATTERN.match(key):
        raise WorkbookError(Path("?"), f"'{key}' is not an exercise key like 'versioning.end_state'")
    return key


def default_home() -> Path:
    """Where workbooks live: ``$CAREERKIT_HOME``, else ``~/.careerkit`` (never inside the kit's files)."""
    env = os.environ.get(ENV_HOME)
    return Path(env).expanduser() if env else Path.home() / ".careerkit"


def _file_stem(participant: str) -> str:
    return participant.replace(" ", "_").lower()


def _migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring an older workbook up to the current schema. v1 stored bare values without timestamps."""
    version = raw.get("schema_version", raw.get("version", 1))
    if version == 1:
        when = raw.get("saved") or raw.get("created") or "2000-01-01T00:00:00+00:00"
        raw = {
            "schema_version": 2,
            "participant": raw["participant"],
            "created": raw.get("created", when),
            "answers": {k: {"value": v, "updated": when, "shared": False} for k, v in raw.get("answers", {}).items()},
            "versions": [],
        }
    elif version > SCHEMA_VERSION:
        raise ValueError(f"it was written by a newer careerkit (schema {version}); upgrade the kit to open it")
    return raw


def diff_answers(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What changed between two sets of answers, in key order."""
    changes: list[Change] = []
    for key in sorted(before.keys() | after.keys()):
        if key not in before:
            changes.append(Change(key=key, kind="added", after=after[key]))
        elif key not in after:
            changes.append(Change(key=key, kind="removed", before=before[key]))
        elif before[key] != after[key]:
            changes.append(Change(key=key, kind="changed", before=before[key], after=after[key]))
    return changes


class Workbook:
    """A participant's workbook on disk. Each method reads the file fresh, so it is safe across kernels."""

    def __init__(self, participant: str, home: Path | str | None = None, clock: Clock = utc_now):
        self.participant = validate_participant(participant)
        self.home = Path(home) if home is not None else default_home()
        self.path = self.home / f"{_file_stem(self.participant)}.json"
        self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)
        self._clock = clock

    def __repr__(self) -> str:
        return f"Workbook({self.participant!r}, {len(self.answers())} answers)"

    # reading
    def load(self) -> WorkbookData:
        """The workbook as stored; a missing file is an empty workbook."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return WorkbookData(participant=self.participant, created=self._clock())
        except OSError as err:
            raise WorkbookError(self.path, f"it could not be read ({err.strerror})") from None
        try:
            return WorkbookData.model_validate(_migrate(json.loads(text)))
        except (ValueError, KeyError, TypeError, ValidationError) as err:
            problem = "it is damaged (not a complete careerkit workbook)"
            if isinstance(err, ValueError) and "newer careerkit" in str(err):
                problem = str(err)
            raise WorkbookError(self.path, problem, backup=self._backup_damaged()) from None

    def answers(self) -> dict[str, Answer]:
        return self.load().answers

    def get(self, key: str, default: Any = None) -> Any:
        """The saved value for ``module.exercise``, or ``default`` if there is none."""
        answer = self.answers().get(key)
        return default if answer is None else answer.value

    def values(self, prefix: str = "") -> dict[str, Any]:
        """Every saved value, optionally only those whose key starts with ``prefix``."""
        return {k: a.value for k, a in self.answers().items() if k.startswith(prefix)}

    # writing
    def save_answer(self, key: str, value: Any) -> Answer:
        """Save one answer, keeping everything else in the file (including other kernels' answers)."""
        validate_key(key)
        json.dumps(value)  # fail before touching the file if the value cannot be stored
        with self._locked():
            data = self.load()
            previous = data.answers.get(key)
            answer = Answer(value=value, updated=self._clock(), shared=previous.shared if previous else False)
            data.answers[key] = answer
            self._write(data)
        self.notify({key})
        return answer

    def set_shared(self, key: str, shared: bool) -> Answer:
        """Mark one answer as shared with the group (or private again)."""
        validate_key(key)
        with self._locked():
            data = self.load()
            if key not in data.answers:
                raise WorkbookError(self.path, f"there is no answer for {key} to share yet; answer it first")
            data.answers[key].shared = bool(shared)
            self._write(data)
        self.notify({key})
        return data.answers[key]

    def shared_answers(self) -> dict[str, Answer]:
        return {k: a for k, a in self.answers().items() if a.shared}

    def replace_answers(self, values: dict[str, Any]) -> None:
        """Seed many answers at once (the demo participant); existing answers for those keys are replaced."""
        for key in values:
            validate_key(key)
        with self._locked():
            data = self.load()
            now = self._clock()
            for key, value in values.items():
                data.answers[key] = Answer(value=value, updated=now)
            self._write(data)
        self.notify(values)

    # plan versions
    def ship_version(self, note: str = "", label: str | None = None) -> PlanVersion:
        """Snapshot every answer as the next version of the career plan ("v1", "v2", ...)."""
        with self._locked():
            data = self.load()
            number = len(data.versions) + 1
            version = PlanVersion(
                number=number,
                label=(label or f"v{number}").strip()[:40] or f"v{number}",
                note=note[:2000],
                created=self._clock(),
                answers={k: a.value for k, a in data.answers.items()},
            )
            data.versions.append(version)
            self._write(data)
        self.notify({VERSIONS})
        return version

    def versions(self) -> list[PlanVersion]:
        return self.load().versions

    def version(self, label: str) -> PlanVersion:
        versions = self.versions()
        for version in versions:
            if version.label == label or f"v{version.number}" == label:
                return version
        raise VersionNotFoundError(label, [v.label for v in versions])

    def diff(self, older: str, newer: str) -> list[Change]:
        """What changed in the plan between two shipped versions."""
        return diff_answers(self.version(older).answers, self.version(newer).answers)

    # observers: views that show other answers update themselves
    def subscribe(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer(keys)`` after each save to this workbook's file in this process; returns unsubscribe.

        A bound method is held weakly, so a view that is gone stops being called.
        """
        ref = weakref.WeakMethod(observer) if hasattr(observer, "__self__") else (lambda: observer)
        observers = _observers.setdefault(os.path.abspath(self.path), [])
        observers.append(ref)
        return lambda: ref in observers and observers.remove(ref)

    def notify(self, keys: Iterable[str]) -> None:
        """Tell this file's observers which answers changed (``VERSIONS`` for a shipped version)."""
        changed = frozenset(keys)
        observers = _observers.get(os.path.abspath(self.path), [])
        for ref in list(observers):
            observer = ref()
            if observer is None:
                observers.remove(ref)
                continue
            try:
                observer(changed)
            except Exception:  # an observer's failure must never undo or hide a save
                log.exception("a workbook observer failed")

    # internals
    def _locked(self):
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise WorkbookError(self.path, f"its folder could not be created ({err.strerror})") from None
        return _LockGuard(self._lock, self.path)

    def _write(self, data: WorkbookData) -> None:
        payload = data.model_dump_json(indent=1).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.home)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except OSError as err:
            Path(tmp).unlink(missing_ok=True)
            raise WorkbookError(self.path, f"it could not be saved ({err.strerror}); your last answer is not stored") from None
        _fsync_dir(self.home)

    def _backup_damaged(self) -> Path | None:
        stamp = utc_now().strftime("%Y%m%dT%H%M%S")
        backup = self.path.with_name(f"{self.path.stem}.damaged-{stamp}.json")
        try:
            if not backup.exists():
                shutil.copy2(self.path, backup)
            return backup
        except OSError:
            return None


class _LockGuard:
    def __init__(self, lock: FileLock, path: Path):
        self._lock = lock
        self._path = path

    def __enter__(self):
        try:
            self._lock.acquire()
        except Timeout:
            raise WorkbookError(
                self._path, f"another notebook kept it locked for more than {LOCK_TIMEOUT_S} s; try again"
            ) from None
        return self

    def __exit__(self, *exc):
        self._lock.release()
        return False


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
