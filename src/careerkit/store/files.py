"""The workbook's files on disk: their names, their modes, and reading whatever bytes they hold.

- **Names.** Any name a person or a JupyterHub gives (``Ana``, ``ana``, ``Ana B``, ``ana@example.org``,
  ``李雷``) maps to its own file name, and two different names never map to the same one, even on a
  laptop whose file system ignores case. The mapping keeps lower-case ASCII letters, digits and ``-``,
  writes a space as ``_``, an upper-case letter ``X`` as ``^x``, and every other character as ``+`` and
  the hex of its UTF-8 bytes: ``Ana B`` is ``^ana_^b``, ``Ana_B`` is ``^ana+5f^b``. Each escape is
  self-delimiting, so the mapping can be read back: it is injective. Only a name whose file name would
  pass 120 characters is cut and ends in ``+h`` and 24 hex digits of its SHA-256 (and the workbook
  refuses a file holding another participant's name, so even a collision of those loses nothing).
- **Modes.** Every folder the kit makes for a learner is 0700 and every file it writes there 0600,
  so another user on a shared machine can neither list nor read them.
- **Damaged bytes.** Reading never raises anything but the kit's own error; a damaged file is copied
  once per distinct content (``<stem>~damaged-<hash>.json``) and never changed.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import stat
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from careerkit.errors import ParticipantIdError, WorkbookError, say

FOLDER_MODE = 0o700
FILE_MODE = 0o600
MAX_BYTES = 32 * 1024 * 1024  # a workbook of 200 answers and 20 plan versions is well under 2 MB
MAX_DEPTH = 64  # the deepest a workbook file nests; answers are a few levels deep, deeper JSON is damage
# An answer's value lies deepest in a shipped plan version (workbook, versions, a version, its answers, the
# value): a value of VALUE_DEPTH levels keeps the file within MAX_DEPTH wherever the kit stores it, so any
# workbook that opens can be saved, shipped and opened again.
VALUE_DEPTH = MAX_DEPTH - 4
MAX_INT_BITS = 13_000  # about 3,900 digits: Python reads no integer of more than 4,300 digits back from JSON
MAX_NAME = 128
STEM_LIMIT = 120
_HASHED_KEEP = STEM_LIMIT - 26  # room for "+h" and 24 hex digits

_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_SUPERSCRIPTS = "¹²³"
WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in [*"123456789", *_SUPERSCRIPTS]]
)
_TEMP = re.compile(r"^\.(?P<name>.+)(?:~|\.)[a-z0-9_]{8}\.tmp$")


# names
def validate_participant(participant: Any, source: str = "") -> str:
    """The participant name, stripped and NFC-normalised, if it can be used; else a ParticipantIdError.

    Every valid JupyterHub username is accepted (not empty, no ``/``, not only dots), except names that
    are not text a person can read (control characters) and Windows device names such as ``CON``:
    workbooks get copied to laptops.
    """
    if not isinstance(participant, str):
        raise ParticipantIdError(repr(participant), "not_text", source)
    name = unicodedata.normalize("NFC", participant.strip())
    if not name:
        raise ParticipantIdError(name, "empty", source)
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in name):
        raise ParticipantIdError(_printable(name), "control", source)
    if "/" in name:
        raise ParticipantIdError(name, "slash", source)
    if set(name) == {"."}:
        raise ParticipantIdError(name, "dots", source)
    if len(name) > MAX_NAME:
        raise ParticipantIdError(name, "too_long", source, max=MAX_NAME)
    if is_windows_device(name):
        raise ParticipantIdError(name, "windows_device", source)
    return name


def is_windows_device(name: str) -> bool:
    """Windows opens a device, not a file, for ``CON`` or ``nul.json`` (any case, any extension)."""
    return name.split(".", 1)[0].rstrip(" ").upper() in WINDOWS_DEVICES


def file_stem(participant: str) -> str:
    """The workbook's file name without ``.json``: distinct for distinct names, safe on every system."""
    parts = []
    last = len(participant) - 1
    for i, ch in enumerate(participant):
        if ch in _LITERAL and not (i == 0 and ch == "-"):  # "-x.json" would read as an option in a shell
            parts.append(ch)
        elif ch == "." and 0 < i < last:
            parts.append(ch)
        elif ch == " ":
            parts.append("_")
        elif "A" <= ch <= "Z":
            parts.append("^" + ch.lower())
        else:
            parts.append("".join(f"+{byte:02x}" for byte in ch.encode("utf-8")))
    stem = "".join(parts)
    if len(stem) <= STEM_LIMIT:
        return stem
    kept = re.sub(r"(\+[0-9a-f]?|\^)$", "", stem[:_HASHED_KEEP])  # never end inside an escape
    return f"{kept}+h{hashlib.sha256(participant.encode('utf-8')).hexdigest()[:24]}"


def legacy_stem(participant: str) -> str | None:
    """The file stem careerkit 0.1 used (lower-cased, spaces as ``_``), for names it accepted; else None."""
    if re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,62}[A-Za-z0-9_-])?", participant) and ".." not in participant:
        return participant.replace(" ", "_").lower()
    return None


def _printable(name: str) -> str:
    return "".join(ch if unicodedata.category(ch) not in ("Cc", "Cs") else "?" for ch in name)


# modes
def private_folder(folder: Path) -> Path:
    """Make ``folder`` (and its missing parents) and make sure only its owner can list or enter it."""
    folder = Path(folder)
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    info = folder.stat()
    if info.st_mode & 0o077 and info.st_uid == os.getuid():
        os.chmod(folder, stat.S_IMODE(info.st_mode) & ~0o077 | FOLDER_MODE)
    return folder


def private_file(path: Path) -> Path:
    """Make a file written by someone else (Chromium, matplotlib) readable by its owner only."""
    os.chmod(path, FILE_MODE)
    return path


def write_private(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically (temp file, fsync, rename) with mode 0600."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return _replace_private(Path(path), lambda handle: handle.write(payload))


def _replace_private(path: Path, fill) -> Path:
    """Put a new file at ``path`` atomically with mode 0600: ``fill(handle)`` writes it, then fsync and rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}~", suffix=".tmp", dir=path.parent)  # mkstemp: 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def remove_stale_temp_files(folder: Path, name: str) -> int:
    """Delete temp files a killed save of ``name`` left behind (call it holding the workbook's lock)."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match and match.group("name") == name:
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed


# reading
class Damaged(Exception):
    """Internal: the bytes are not a workbook; ``problem`` says why, in the learner's language.

    ``key`` names the sentence in the ui pack (``errors.damaged.<key>``, or ``errors.value.<key>`` for what is wrong
    with one value: "holds Infinity or NaN..."), filled with ``values``."""

    def __init__(self, key: str, /, **values: Any):
        self.key, self.values = key, values
        self.problem = say(key if "." in key else f"damaged.{key}", **values)
        super().__init__(self.problem)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes (at most MAX_BYTES + 1), or None if there is no file. Never hangs on a pipe."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as err:
        raise WorkbookError(path, say("workbook.unreadable", reason=err.strerror)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise WorkbookError(path, say("workbook.not_a_file"))
        chunks, left = [], MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as err:
        raise WorkbookError(path, say("workbook.unreadable", reason=err.strerror)) from None
    finally:
        os.close(fd)


def parse_json_object(raw: bytes) -> dict[str, Any]:
    """The JSON object in ``raw``, or Damaged saying in words why there is none."""
    return parse_json_tree(raw)[0]


def parse_json_tree(raw: bytes) -> tuple[dict[str, Any], int]:
    """The JSON object in ``raw`` and how deep it nests (as ``check_json`` counts), or Damaged saying why not."""
    if len(raw) > MAX_BYTES:
        raise Damaged("too_large", mb=MAX_BYTES // (1024 * 1024))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Damaged("not_utf8") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise Damaged("too_deep", limit=MAX_DEPTH) from None
    except ValueError:
        raise Damaged("not_json") from None
    if not isinstance(data, dict):
        kind = {list: "list", str: "text", type(None): "null", bool: "bool"}.get(type(data), "number")
        raise Damaged(f"holds_{kind}")
    try:
        return data, check_json(data, MAX_DEPTH)
    except Damaged as err:
        raise Damaged("in_file", problem=err.problem) from None


def check_json(node: Any, limit: int) -> int:
    """How deep ``node`` nests; Damaged, with what follows "it" in a sentence, if it is not JSON the kit can
    store and read back: deeper than ``limit`` levels, text that is not valid Unicode, Infinity or NaN, or
    not a JSON value at all.

    The one measure of depth, for reading and for writing: a number, text, true, false or null is 1 level;
    a list or an object is one level more than its deepest item (an empty one is 1). Iterative: no input
    can make it recurse."""
    stack, deepest = [(node, 1)], 1
    try:
        while stack:
            node, level = stack.pop()
            if level > deepest:
                if level > limit:
                    raise Damaged("value.too_deep", limit=limit)
                deepest = level
            kind = type(node)  # exact types first: a workbook is read on every save
            if kind is str:
                node.encode("utf-8")
            elif kind is dict:
                for key in node:
                    if type(key) is str:
                        key.encode("utf-8")
                    else:
                        _check_key(key)
                stack.extend([(value, level + 1) for value in node.values()])
            elif kind is list:
                stack.extend([(value, level + 1) for value in node])
            elif kind is int:
                if node.bit_length() > MAX_INT_BITS:
                    raise Damaged("value.long_number")
            elif not (kind is bool or node is None):
                _check_other(node, level, stack)
    except UnicodeEncodeError:
        raise Damaged("value.bad_unicode") from None
    return deepest


def _check_other(node: Any, level: int, stack: list) -> None:
    """check_json for what a reader never meets and a writer rarely does: floats, tuples, subclasses."""
    if isinstance(node, str):
        node.encode("utf-8")
    elif isinstance(node, float):
        if not math.isfinite(node):  # Python reads and writes them; JSON has no such number
            raise Damaged("value.not_finite")
    elif isinstance(node, int):
        if node.bit_length() > MAX_INT_BITS:
            raise Damaged("value.long_number")
    elif isinstance(node, dict):
        for key, value in node.items():
            _check_key(key)
            stack.append((value, level + 1))
    elif isinstance(node, list | tuple):
        stack.extend((value, level + 1) for value in node)
    else:
        raise Damaged("value.python_type", type=type(node).__name__)


def _check_key(key: Any) -> None:
    """JSON keys are text. JSON would write 1 as "1" (and then {1: .., "1": ..} reads back as one key)."""
    if not isinstance(key, str):
        raise Damaged("value.key_not_text", type=type(key).__name__, key=f"{key!r:.40}")
    key.encode("utf-8")


# backups
_digests: dict[tuple[int, int, int, int], str] = {}


def keep_backup(path: Path) -> Path | None:
    """A copy of the damaged file beside it, made once per distinct content; None if none could be made."""
    try:
        info = os.stat(path)
        identity = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        digest = _digests.get(identity) or _digest(path)
        _digests[identity] = digest
        backup = path.with_name(f"{path.stem}~damaged-{digest[:16]}.json")
        if not backup.exists():
            _copy_private(path, backup)
        return backup
    except OSError:
        return None


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _copy_private(source: Path, target: Path) -> None:
    def fill(out) -> None:
        with open(source, "rb") as src:
            for block in iter(lambda: src.read(1 << 20), b""):
                out.write(block)

    _replace_private(target, fill)
