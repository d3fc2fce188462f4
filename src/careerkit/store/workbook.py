"""One JSON workbook per participant: nothing typed is ever lost.

Every save re-reads the file under a lock, changes one answer, and writes the whole file to a
temporary file that is fsynced and atomically renamed over the old one. Two kernels writing the
same workbook therefore merge their answers instead of overwriting each other, and a crash
mid-save leaves the previous complete file in place.
"""

from __future__ import annotations

import logging
import os
import re
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
from careerkit.errors import (
    CareerkitError,
    UnstorableError,
    VersionNotFoundError,
    WorkbookError,
    WorkbookOwnerError,
    say,
)
from careerkit.store.files import (
    FILE_MODE,
    MAX_BYTES,
    VALUE_DEPTH,
    Damaged,
    check_json,
    file_stem,
    keep_backup,
    legacy_stem,
    parse_json_tree,
    private_folder,
    read_bytes,
    remove_stale_temp_files,
    validate_participant,
)

SCHEMA_VERSION = 2
KEY_PATTERN = re.compile(r"^[a-z0-9_]+\.[a-z0-9_]+$")
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


__all__ = ["Workbook", "validate_participant", "validate_key", "default_home", "diff_answers", "SCHEMA_VERSION"]


def validate_key(key: str) -> str:
    if not KEY_PATTERN.match(key):
        raise WorkbookError(Path("?"), say("workbook.not_a_key", key=key))
    return key


def default_home() -> Path:
    """Where workbooks live: ``$CAREERKIT_HOME``, else ``~/.careerkit`` (never inside the kit's files)."""
    env = os.environ.get(ENV_HOME)
    return Path(env).expanduser() if env else Path.home() / ".careerkit"


class _NewerSchema(Exception):
    pass


def _migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring an older workbook up to the current schema. v1 stored bare values without timestamps."""
    version = raw.get("schema_version", raw.get("version", 1))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Damaged("schema_not_number")
    if version > SCHEMA_VERSION:
        raise _NewerSchema(say("workbook.newer", version=version))
    if version == 1:
        answers = raw.get("answers", {})
        if not isinstance(answers, dict):
            raise Damaged("answers_not_table")
        when = raw.get("saved") or raw.get("created") or "2000-01-01T00:00:00+00:00"
        raw = {
            "schema_version": 2,
            "participant": raw.get("participant"),
            "created": raw.get("created", when),
            "answers": {k: {"value": v, "updated": when, "shared": False} for k, v in answers.items()},
            "versions": [],
        }
    return raw


def parse_workbook(raw: bytes) -> WorkbookData:
    """A workbook from the bytes of its file; Damaged (or _NewerSchema) saying why not.

    Its answers are held to the writer's own rule (``check_json`` at VALUE_DEPTH), so whatever opens can
    be saved, shipped as a version and opened again."""
    tree, depth = parse_json_tree(raw)
    try:
        data = WorkbookData.model_validate(_migrate(tree))
    except (ValidationError, RecursionError):
        raise Damaged("incomplete") from None
    if depth <= VALUE_DEPTH + 2:  # every value lies at least 3 levels down (a schema 1 answer), so none is too deep
        return data
    stored = [a.value for a in data.answers.values()] + [v for p in data.versions for v in p.answers.values()]
    try:
        for value in stored:
            check_json(value, VALUE_DEPTH)
    except Damaged as err:
        raise Damaged("in_answer", problem=err.problem) from None
    return data


def _check_storable(path: Path, what: str, value: Any) -> None:
    """UnstorableError, before the file is touched, for a value the reader would refuse or JSON cannot hold."""
    try:
        check_json(value, VALUE_DEPTH)
    except Damaged as err:
        raise UnstorableError(path, what, err.problem) from None


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
        self.path = self.home / f"{file_stem(self.participant)}.json"
        self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S, mode=FILE_MODE)
        self._clock = clock
        old = legacy_stem(self.participant)
        self._legacy = self.home / f"{old}.json" if old and old != self.path.stem else None

    def __repr__(self) -> str:
        return f"Workbook({self.participant!r}, {len(self.answers())} answers)"

    # reading
    def load(self) -> WorkbookData:
        """The workbook as stored; a missing file is an empty workbook. Whatever the file holds, this
        returns or raises a WorkbookError naming the file, with one backup of damaged bytes; it never
        changes the file."""
        raw = read_bytes(self.path)
        if raw is None and self._legacy is not None:
            raw = self._adopt_legacy_file()
        if raw is None:
            return WorkbookData(participant=self.participant, created=self._clock())
        data = self._parse(self.path, raw)
        if not self._owns(data):
            if self._hand_back(data.participant):
                return WorkbookData(participant=self.participant, created=self._clock())
            raise WorkbookOwnerError(self.path, data.participant, self.participant)
        return data

    def _parse(self, path: Path, raw: bytes) -> WorkbookData:
        try:
            return parse_workbook(raw)
        except _NewerSchema as err:
            raise WorkbookError(path, str(err), backup=keep_backup(path)) from None
        except Damaged as err:
            raise WorkbookError(path, say("workbook.damaged", problem=err.problem), backup=keep_backup(path)) from None

    def _owns(self, data: WorkbookData) -> bool:
        """Whether the file holds this participant's answers (the same name, however its accents are encoded)."""
        return unicodedata.normalize("NFC", data.participant.strip()) == self.participant

    def _adopt_legacy_file(self) -> bytes | None:
        """careerkit 0.1 named the file lower-cased ("Ana" -> ana.json): move the participant's own file to
        its new name. A file there holding someone else's name is left alone."""
        legacy = self._legacy
        raw = read_bytes(legacy)
        if raw is None:
            return None
        data = self._parse(legacy, raw)
        if not self._owns(data):
            return None
        with self._locked():
            _move_without_replacing(legacy, self.path)
        return read_bytes(self.path)

    def _hand_back(self, owner: str) -> bool:
        """This file is another participant's careerkit 0.1 workbook ("Ana" saved as ana.json, now asked for
        as "ana"): move it to its owner's new name, where they will look for it, if nothing is there yet."""
        try:
            owner = validate_participant(owner)
        except CareerkitError:
            return False
        if legacy_stem(owner) != self.path.stem or file_stem(owner) == self.path.stem:
            return False
        target = self.home / f"{file_stem(owner)}.json"
        with self._locked():
            return _move_without_replacing(self.path, target)

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
        _check_storable(self.path, say("workbook.the_answer_to", key=key), value)
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
                raise WorkbookError(self.path, say("workbook.nothing_to_share", key=key))
            data.answers[key].shared = bool(shared)
            self._write(data)
        self.notify({key})
        return data.answers[key]

    def shared_answers(self) -> dict[str, Answer]:
        return {k: a for k, a in self.answers().items() if a.shared}

    def replace_answers(self, values: dict[str, Any]) -> None:
        """Seed many answers at once (the demo participant); existing answers for those keys are replaced."""
        for key, value in values.items():
            validate_key(key)
            _check_storable(self.path, say("workbook.the_answer_to", key=key), value)
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
        _check_storable(self.path, say("workbook.the_note"), [note, label])
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

        A bound method is held weakly, so a view that is gone stops being called. Anything else is held as
        given: a function, a built-in's method such as ``list.append``, a method of an object that takes no weak
        reference.
        """
        try:
            ref = weakref.WeakMethod(observer)
        except TypeError:  # not a Python method of an object a weak reference can point to
            ref = lambda: observer  # noqa: E731
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
            private_folder(self.home)
        except OSError as err:
            raise WorkbookError(self.path, say("workbook.no_folder", reason=err.strerror)) from None
        return _LockGuard(self._lock, self.path)

    def _write(self, data: WorkbookData) -> None:
        """Called holding the lock: so any temp file of this workbook is a killed save's, and goes."""
        payload = data.model_dump_json(indent=1).encode("utf-8")
        if len(payload) > MAX_BYTES:  # the reader refuses a larger file: saving it would lock every answer away
            raise WorkbookError(self.path, say("workbook.too_large_to_save", mb=MAX_BYTES // (1024 * 1024)))
        remove_stale_temp_files(self.home, self.path.name)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}~", suffix=".tmp", dir=self.home)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except OSError as err:
            Path(tmp).unlink(missing_ok=True)
            raise WorkbookError(self.path, say("workbook.not_saved", reason=err.strerror)) from None
        _fsync_dir(self.home)



def _move_without_replacing(source: Path, target: Path) -> bool:
    """Rename ``source`` to ``target`` unless ``target`` exists; True if it moved."""
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except FileNotFoundError:
        return target.exists()
    except OSError:  # no hard links here (some shared or FAT folders)
        if target.exists():
            return False
        os.replace(source, target)
        return True
    source.unlink(missing_ok=True)
    return True


class _LockGuard:
    def __init__(self, lock: FileLock, path: Path):
        self._lock = lock
        self._path = path

    def __enter__(self):
        try:
            self._lock.acquire()
        except Timeout:
            raise WorkbookError(self._path, say("workbook.locked", seconds=LOCK_TIMEOUT_S)) from None
        except OSError as err:  # a folder, or another user's file, where the lock file goes
            raise WorkbookError(self._path, say("workbook.lock_unopenable", lock=self._lock.lock_file,
                                                reason=err.strerror)) from None
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
