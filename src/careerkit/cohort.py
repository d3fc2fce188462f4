"""Collecting the room: every shared answer in an exchange folder, in one pandas table.

``collect(EXCHANGE)`` reads each participant's file once, keeps one row per participant and
exercise, validates every value against its exercise's answer model, and reports damaged files
and answers that do not fit as sentences instead of stopping. It is a plain loop of ``json.loads``
and one DataFrame built at the end, so collecting 20,000 files stays close to reading them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.errors import CareerkitError, ExchangeError
from careerkit.sharing import EXCHANGE_FORMAT, EXCHANGE_SCHEMA
from careerkit.workbook import KEY_PATTERN

if TYPE_CHECKING:
    import pandas as pd

MAX_FILE_BYTES = 1_000_000  # a participant's shared answers are a few kB; anything bigger is not ours
COLUMNS = ("participant", "module", "exercise", "key", "quote", "value")


@dataclass(frozen=True)
class FileProblem:
    """One file (or one answer in it) that was skipped, and why."""

    file: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}"


@dataclass
class CollectResult:
    """The collected table (one row per participant and exercise) and what had to be skipped."""

    exchange: Path
    table: pd.DataFrame
    problems: list[FileProblem] = field(default_factory=list)
    files: int = 0

    @property
    def participants(self) -> int:
        return int(self.table["participant"].nunique())

    def describe(self) -> str:
        """A few sentences for the facilitator: how many people, answers and skipped files."""
        people = self.participants
        text = (
            f"Collected {len(self.table)} shared answer{'s' if len(self.table) != 1 else ''} from "
            f"{people} participant{'s' if people != 1 else ''} in {self.exchange} ({self.files} file"
            f"{'s' if self.files != 1 else ''})."
        )
        if self.problems:
            text += f" {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} (skipped, the rest is kept):"
            text += "".join(f"\n  - {problem}" for problem in self.problems)
        return text


def collect(exchange: str | Path, validate: bool = True) -> CollectResult:
    """Read every shared file in ``exchange`` into a table; damaged files are reported, not fatal."""
    import pandas as pd

    folder = Path(exchange).expanduser()
    names = _exchange_files(folder)
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    problems: list[FileProblem] = []
    for name in names:
        answers, problem = _read_file(folder, name)
        if problem:
            problems.append(FileProblem(name, problem))
            continue
        participant = name[: -len(".json")]
        for key, item in answers.items():
            if not isinstance(key, str) or not KEY_PATTERN.match(key) or not isinstance(item, dict) or "value" not in item:
                problems.append(FileProblem(name, f"the answer '{str(key)[:60]}' is malformed and was skipped"))
                continue
            module, exercise = key.split(".")
            columns["participant"].append(participant)
            columns["module"].append(module)
            columns["exercise"].append(exercise)
            columns["key"].append(key)
            columns["quote"].append(item.get("quote") is True)
            columns["value"].append(item["value"])
    if validate:
        keep = _validate(columns, problems)
        if keep is not None:
            columns = {name: [v for v, ok in zip(values, keep, strict=True) if ok] for name, values in columns.items()}
    table = pd.DataFrame(columns, columns=list(COLUMNS))
    table["quote"] = table["quote"].astype(bool)
    return CollectResult(exchange=folder, table=table, problems=problems, files=len(names))


def run_collect(exchange: str | Path, output: str | Path | None = None) -> CollectResult:
    """``careerkit collect``: collect, and save the table as CSV or JSON lines if ``output`` is given."""
    result = collect(exchange)
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


def _exchange_files(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return sorted(e.name for e in entries if e.name.endswith(".json") and not e.name.startswith("."))
    except FileNotFoundError:
        raise ExchangeError(folder, "there is no such folder") from None
    except NotADirectoryError:
        raise ExchangeError(folder, "it is a file, not a folder") from None
    except OSError as err:
        raise ExchangeError(folder, f"it could not be read ({err.strerror})") from None


def _read_file(folder: Path, name: str) -> tuple[dict[str, Any], str]:
    """The file's answers, or an empty dict and a sentence saying why it cannot be used."""
    try:
        with open(os.path.join(folder, name), "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        return {}, f"it could not be read ({err.strerror})"
    if len(raw) > MAX_FILE_BYTES:
        return {}, f"it is larger than {MAX_FILE_BYTES // 1_000_000} MB, so it is not a careerkit exchange file"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {}, "it is not UTF-8 text"
    try:
        data = json.loads(text)
    except ValueError:
        return {}, "it is not valid JSON (damaged or cut short)"
    if not isinstance(data, dict) or data.get("format") != EXCHANGE_FORMAT:
        return {}, "it is not a careerkit exchange file"
    version = data.get("schema_version")
    if version != EXCHANGE_SCHEMA:
        newer = isinstance(version, int) and version > EXCHANGE_SCHEMA
        return {}, "it was written by a newer careerkit; upgrade the kit" if newer else f"unknown schema_version {version!r}"
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return {}, "it has no answers section"
    return answers, ""


def _list_validator(key: str):
    """A pydantic validator for a list of answers to ``key``; None if the kit has no such exercise, or if the
    exercise is private by design (its view says ``shareable = False``): such answers are never collected."""
    from careerkit.widgets import exercise_class

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


def _validate(columns: dict[str, list[Any]], problems: list[FileProblem]) -> list[bool] | None:
    """Check every value against its exercise's model, one batch per exercise; None if all are fine."""
    from pydantic import ValidationError

    rows_by_key: dict[str, list[int]] = {}
    for row, key in enumerate(columns["key"]):
        rows_by_key.setdefault(key, []).append(row)
    bad: dict[int, str] = {}
    for key, rows in rows_by_key.items():
        validator = _list_validator(key)
        if validator is None:
            for row in rows:
                bad[row] = f"{key} is not an exercise of this kit that can be shared; skipped"
            continue
        try:
            validator.validate_python([columns["value"][row] for row in rows])
        except ValidationError as err:
            for error in err.errors():
                row = rows[error["loc"][0]]
                if row not in bad:
                    where = ".".join(str(p) for p in error["loc"][1:]) or "the answer"
                    bad[row] = f"{key} does not fit the exercise ({where}: {error['msg']}); skipped"
    if not bad:
        return None
    for row in sorted(bad):
        problems.append(FileProblem(f"{columns['participant'][row]}.json", bad[row]))
    return [row not in bad for row in range(len(columns["key"]))]
