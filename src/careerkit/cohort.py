"""Collecting the room: every shared answer in an exchange folder, in one pandas table.

``collect(EXCHANGE)`` reads each participant's file once, keeps one row per participant and
exercise, validates every value against its exercise's answer model, and reports damaged files
and answers that do not fit as sentences instead of stopping. It is a plain loop of ``json.loads``
and one DataFrame built at the end, so collecting 20,000 files stays close to reading them.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, groupby
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
    # The table keeps every answer alive: with the cyclic garbage collector on, each collection it
    # triggers walks all of them again, which costs more than the reading. Nothing here makes cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        columns, problems = _rows(names, (_read_raw(folder, name) for name in names), validate)
        table = pd.DataFrame(columns, columns=list(COLUMNS))
        table["quote"] = table["quote"].astype(bool)
    finally:
        if collecting:
            gc.enable()
    return CollectResult(exchange=folder, table=table, problems=problems, files=len(names))


class _Rows:
    """The table's rows, in file order, as columns; and each exercise's rows, to be validated together."""

    def __init__(self) -> None:
        self.participants: list[str] = []
        self.keys: list[str] = []
        self.quotes: list[bool] = []
        self.values: list[Any] = []
        self.problems: list[FileProblem] = []
        self.parts: dict[str, tuple[str, str] | None] = {}  # key -> (module, exercise); None: malformed
        self.good: set[str] = set()  # the keys whose parts are not None

    def add_files(self, names: list[str], raws: Iterable[bytes | str]) -> None:
        keys, values, good = self.keys, self.values, self.good
        for name, raw in zip(names, raws, strict=True):
            answers, problem = _parse(raw)
            if problem:
                self.problems.append(FileProblem(name, problem))
                continue
            participant = name[: -len(".json")]
            if not good.issuperset(answers):
                self._learn(answers)
            items = answers.values()
            if good.issuperset(answers) and all(isinstance(item, dict) and "value" in item for item in items):
                keys.extend(answers)
                values.extend([item["value"] for item in items])
                self.quotes.extend([item.get("quote") is True for item in items])
                self.participants.extend([participant] * len(answers))
                continue
            for key, item in answers.items():  # some answer is malformed: one at a time
                if key not in good or not isinstance(item, dict) or "value" not in item:
                    self.problems.append(FileProblem(name, f"the answer '{str(key)[:60]}' is malformed and was skipped"))
                    continue
                keys.append(key)
                values.append(item["value"])
                self.quotes.append(item.get("quote") is True)
                self.participants.append(participant)

    def _learn(self, answers: dict[str, Any]) -> None:
        for key in answers:
            if key not in self.parts:
                split = self.parts[key] = _key_parts(key)
                if split is not None:
                    self.good.add(key)

    def batches(self, start: int = 0) -> list[tuple[str, list[int], list[Any]]]:
        """From row ``start`` on: each exercise with its rows (in order) and their values."""
        keys, values = self.keys, self.values
        rows = sorted(range(start, len(keys)), key=keys.__getitem__)  # stable: rows stay in order per key
        batches = []
        for key, group in groupby(rows, key=keys.__getitem__):
            grouped = list(group)
            batches.append((key, grouped, list(map(values.__getitem__, grouped))))
        return batches

    def drop(self, bad: dict[int, str]) -> None:
        """Report the rows that do not fit (in row order) and leave them out of the table."""
        for row in sorted(bad):
            self.problems.append(FileProblem(f"{self.participants[row]}.json", bad[row]))
        keep = [row not in bad for row in range(len(self.keys))]
        self.participants, self.keys, self.quotes, self.values = (
            list(compress(column, keep)) for column in (self.participants, self.keys, self.quotes, self.values)
        )

    def columns(self) -> dict[str, list[Any]]:
        parts = self.parts
        return {
            "participant": self.participants,
            "module": [parts[key][0] for key in self.keys],
            "exercise": [parts[key][1] for key in self.keys],
            "key": self.keys,
            "quote": self.quotes,
            "value": self.values,
        }


def _rows(names: list[str], raws: Iterable[bytes | str], validate: bool) -> tuple[dict[str, list[Any]], list[FileProblem]]:
    """The table's columns (one entry per participant and exercise) and the problems, in file order."""
    rows = _Rows()
    rows.add_files(names, raws)
    if validate:
        bad = _validate(rows.batches())
        if bad:
            rows.drop(bad)
    return rows.columns(), rows.problems


def _key_parts(key: Any) -> tuple[str, str] | None:
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        return None
    module, exercise = key.split(".")
    return module, exercise


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


def _read_raw(folder: Path, name: str) -> bytes | str:
    """The file's bytes, or a sentence saying why it cannot be read."""
    try:
        with open(os.path.join(folder, name), "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        return f"it could not be read ({err.strerror})"
    if len(raw) > MAX_FILE_BYTES:
        return f"it is larger than {MAX_FILE_BYTES // 1_000_000} MB, so it is not a careerkit exchange file"
    return raw


def _parse(raw: bytes | str) -> tuple[dict[str, Any], str]:
    """The file's answers, or an empty dict and a sentence saying why it cannot be used."""
    if isinstance(raw, str):
        return {}, raw
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
