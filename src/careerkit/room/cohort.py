"""Collecting the room: every shared answer, from the room or from a room export, in one pandas table.

``collect(SOURCE)`` reads a room export (``careerkit room export room.json``, JSON or CSV) or, given the
room's URL and the facilitator's token, the room itself. It keeps one row per participant and exercise,
validates every value against its exercise's answer model, and reports rows that do not fit as
sentences instead of stopping. Participants are the pseudonyms the room drew; nothing here names anyone.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.errors import CareerkitError
from careerkit.store.workbook import KEY_PATTERN

if TYPE_CHECKING:
    import pandas as pd

EXPORT_FORMAT = "careerkit-room-export"
EXPORT_SCHEMA = 1
MAX_EXPORT_BYTES = 500_000_000  # 20,000 participants sharing everything is about 200 MB
COLUMNS = ("participant", "module", "exercise", "key", "quote", "value")


@dataclass(frozen=True)
class FileProblem:
    """One row (or the whole source) that was skipped, and why."""

    file: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}"


@dataclass
class CollectResult:
    """The collected table (one row per participant and exercise) and what had to be skipped."""

    exchange: str
    table: pd.DataFrame
    problems: list[FileProblem] = field(default_factory=list)
    files: int = 0  # rows read

    @property
    def participants(self) -> int:
        return int(self.table["participant"].nunique())

    def describe(self) -> str:
        """A few sentences for the facilitator: how many people, answers and skipped rows."""
        people = self.participants
        text = (
            f"Collected {len(self.table)} shared answer{'s' if len(self.table) != 1 else ''} from "
            f"{people} participant{'s' if people != 1 else ''} in {self.exchange}."
        )
        if self.problems:
            text += f" {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} (skipped, the rest is kept):"
            text += "".join(f"\n  - {problem}" for problem in self.problems)
        return text


def is_room_url(source: str | Path) -> bool:
    return isinstance(source, str) and source.startswith(("http://", "https://"))


def read_export(source: str | Path, token: str = "") -> list[Any]:
    """The rows of a room export file (JSON or CSV), or of the room itself at a URL (facilitator's token)."""
    if is_room_url(source):
        from careerkit.room.client import RoomClient

        data = RoomClient(str(source), token, timeout=60).export()
        return _export_rows(data, str(source))
    path = Path(source).expanduser()
    if path.is_dir():
        raise CareerkitError(f"{path} is a folder. Shared answers now live in the room: write a file with "
                             "`careerkit room export room.json` and collect that.")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_EXPORT_BYTES + 1)
    except FileNotFoundError:
        raise CareerkitError(f"There is no room export at {path}; write one with `careerkit room export`.") from None
    except OSError as err:
        raise CareerkitError(f"The room export {path} could not be read ({err.strerror}).") from None
    if len(raw) > MAX_EXPORT_BYTES:
        raise CareerkitError(f"{path} is larger than {MAX_EXPORT_BYTES // 1_000_000} MB: not a room export.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CareerkitError(f"{path} is not UTF-8 text, so it is not a room export.") from None
    if path.suffix.lower() == ".csv":
        return _csv_rows(text, path)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise CareerkitError(f"{path} is not valid JSON (damaged or cut short), so it is not a room export.") from None
    return _export_rows(data, str(path))


def _export_rows(data: Any, where: str) -> list[Any]:
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise CareerkitError(f"{where} is not a careerkit room export.")
    version = data.get("schema_version")
    if version != EXPORT_SCHEMA:
        newer = isinstance(version, int) and version > EXPORT_SCHEMA
        raise CareerkitError(f"{where} was written by a newer careerkit; upgrade the kit." if newer
                             else f"{where} has an unknown schema_version {version!r}.")
    rows = data.get("rows")
    if not isinstance(rows, list):
        raise CareerkitError(f"{where} has no rows.")
    return rows


def _csv_rows(text: str, path: Path) -> list[Any]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"participant", "key", "quote", "value"} <= set(reader.fieldnames):
        raise CareerkitError(f"{path} is not a careerkit room export (its columns are participant, key, quote, value).")
    rows: list[Any] = []
    for row in reader:
        try:
            value = json.loads(row["value"])
        except (ValueError, TypeError, RecursionError):
            value = _UNREADABLE
        rows.append({"participant": row["participant"], "key": row["key"],
                     "quote": str(row["quote"]).strip().lower() == "true", "value": value})
    return rows


_UNREADABLE = object()


def collect(source: str | Path, validate: bool = True, token: str = "") -> CollectResult:
    """Every shared answer in a room export (or the room at a URL) as a table; bad rows are reported, not fatal."""
    import pandas as pd

    rows = read_export(source, token)
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    problems: list[FileProblem] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(rows, start=1):
        problem = _row_problem(row, seen)
        if problem:
            problems.append(FileProblem(f"row {number}", problem))
            continue
        module, exercise = row["key"].split(".")
        for name, value in (("participant", row["participant"]), ("module", module), ("exercise", exercise),
                            ("key", row["key"]), ("quote", row.get("quote") is True), ("value", row["value"])):
            columns[name].append(value)
    if validate:
        bad = _validate(_batches(columns["key"], columns["value"]))
        if bad:
            for row in sorted(bad):
                problems.append(FileProblem(columns["participant"][row], bad[row]))
            keep = [row not in bad for row in range(len(columns["key"]))]
            columns = {name: [v for v, k in zip(values, keep, strict=True) if k] for name, values in columns.items()}
    table = pd.DataFrame(columns, columns=list(COLUMNS))
    table["quote"] = table["quote"].astype(bool)
    return CollectResult(exchange=str(source), table=table, problems=problems, files=len(rows))


def _row_problem(row: Any, seen: set[tuple[str, str]]) -> str:
    if not isinstance(row, dict) or not isinstance(row.get("participant"), str) or "value" not in row:
        return "it is not a shared answer (participant, key, quote, value); skipped"
    key = row.get("key")
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        return f"the answer '{str(key)[:60]}' is malformed and was skipped"
    if row["value"] is _UNREADABLE:
        return f"{key}: its value is not valid JSON; skipped"
    if (row["participant"], key) in seen:
        return f"{key} appears twice for {row['participant'][:20]}; the second was skipped"
    seen.add((row["participant"], key))
    return ""


def _batches(keys: list[str], values: list[Any]) -> list[tuple[str, list[int], list[Any]]]:
    grouped: dict[str, list[int]] = {}
    for row, key in enumerate(keys):
        grouped.setdefault(key, []).append(row)
    return [(key, rows, [values[r] for r in rows]) for key, rows in grouped.items()]


def run_collect(source: str | Path, output: str | Path | None = None, token: str = "") -> CollectResult:
    """``careerkit collect``: collect, and save the table as CSV or JSON lines if ``output`` is given."""
    result = collect(source, token=token)
    if output is not None:
        write_table(result.table, Path(output))
    return result


def write_table(table: pd.DataFrame, path: Path) -> Path:
    """Save the collected table; answers are stored as JSON text so nothing is lost in a CSV."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise CareerkitError(f"The table can be saved as .csv or .json, not '{path.name}'.")
    flat = table.assign(value=[json.dumps(v, ensure_ascii=False, sort_keys=True) for v in table["value"]])
    try:
        if suffix == ".csv":
            flat.to_csv(path, index=False)
        else:
            table.to_json(path, orient="records", lines=True, force_ascii=False)
    except OSError as err:
        raise CareerkitError(f"The table could not be written to {path} ({err.strerror}).") from None
    return path


def _list_validator(key: str):
    """A pydantic validator for a list of answers to ``key``; None if the kit has no such exercise, or if the
    exercise is private by design (its view says ``shareable = False``): such answers are never collected."""
    from careerkit.modules import exercise_class

    try:
        view = exercise_class(key)
    except CareerkitError:
        return None
    if not getattr(view, "shareable", True):
        return None
    return _adapter(view.Model)


@cache
def _adapter(model):
    from pydantic import TypeAdapter

    return TypeAdapter(list[model])


def _validate(batches: list[tuple[str, list[int], list[Any]]]) -> dict[int, str]:
    """Check every value against its exercise's model, one batch per exercise: the rows that do not fit, and why."""
    from pydantic import ValidationError

    bad: dict[int, str] = {}
    for key, rows, values in batches:
        validator = _list_validator(key)
        if validator is None:
            for row in rows:
                bad[row] = f"{key} is not an exercise of this kit that can be shared; skipped"
            continue
        try:
            validator.validate_python(values)
        except ValidationError as err:
            for error in err.errors():
                row = rows[error["loc"][0]]
                if row not in bad:
                    where = ".".join(str(p) for p in error["loc"][1:]) or "the answer"
                    bad[row] = f"{key} does not fit the exercise ({where}: {error['msg']}); skipped"
    return bad
