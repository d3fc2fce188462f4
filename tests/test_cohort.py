"""A facilitator collects the room from an export file: one row per participant and exercise, bad rows
reported and skipped, a file that is not an export a sentence, never a traceback."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from careerkit.cli import app
from careerkit.errors import CareerkitError
from careerkit.room import cohort
from careerkit.room.export import write_export

END_STATE = {"role": "CPO", "builder": "Builder", "horizon_years": 15, "why": "Impact"}
STAY = {"learning_left": 6, "story_value": 7, "cost": 4, "short_term_reasons": ["boss"], "notes": ""}
GOOD = [
    {"participant": "p-good0001", "key": "versioning.end_state", "quote": False, "value": END_STATE},
    {"participant": "p-good0001", "key": "versioning.stay_or_go", "quote": False, "value": STAY},
    {"participant": "p-good0002", "key": "versioning.stay_or_go", "quote": True, "value": dict(STAY, cost=9)},
]


def export_file(path, rows, **extra):
    data = {"format": "careerkit-room-export", "schema_version": 1, "rows": rows}
    data.update(extra)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def room(tmp_path):
    """An export of a room with two participants."""
    return export_file(tmp_path / "room.json", GOOD)


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_one_row_per_participant_and_exercise_from_either_format(tmp_path, suffix):
    result = cohort.collect(write_export(GOOD, tmp_path / f"room{suffix}"))
    table = result.table
    assert list(table.columns) == list(cohort.COLUMNS)
    assert sorted(zip(table["participant"], table["key"], strict=True)) == [
        ("p-good0001", "versioning.end_state"), ("p-good0001", "versioning.stay_or_go"),
        ("p-good0002", "versioning.stay_or_go"),
    ]
    assert set(table["module"]) == {"versioning"} and set(table["exercise"]) == {"end_state", "stay_or_go"}
    assert table.loc[table["participant"] == "p-good0002", "value"].iloc[0]["cost"] == 9
    assert list(table["quote"]) == [False, False, True]
    assert result.problems == [] and result.participants == 2
    assert "3 shared answers from 2 participants" in result.describe()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"format": "careerkit-room-export", "schema_version": 1, "rows": [{"partic', "not valid JSON"),
        (b"", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "not a careerkit room export"),
        (b'{"some": "other tool"}', "not a careerkit room export"),
        (b'{"format": "careerkit-room-export", "schema_version": 9, "rows": []}', "newer careerkit"),
        (b'{"format": "careerkit-room-export", "schema_version": 1, "rows": {"a": 1}}', "no rows"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ],
    ids=["cut-short", "empty", "binary", "a-list", "other-json", "newer-schema", "rows-not-a-list", "deep-nesting"],
)
def test_a_file_that_is_not_an_export_is_a_sentence(tmp_path, content, problem):
    path = tmp_path / "room.json"
    path.write_bytes(content)
    with pytest.raises(CareerkitError, match=problem):
        cohort.collect(path)


def test_rows_that_do_not_fit_their_exercise_are_skipped_one_by_one(tmp_path):
    rows = [*GOOD,
            {"participant": "p-mixed", "key": "versioning.end_state", "quote": False, "value": dict(END_STATE, horizon_years=500)},
            {"participant": "p-mixed", "key": "versioning.stay_or_go", "quote": False, "value": STAY},
            {"participant": "p-mixed", "key": "versioning.stay_or_go", "quote": False, "value": STAY},
            {"participant": "p-mixed", "key": "nosuchmodule.thing", "quote": False, "value": {"x": 1}},
            {"participant": "p-mixed", "key": "Bad Key", "quote": False, "value": 1},
            {"participant": "p-mixed", "key": "act3.rabbit", "quote": False, "value": {}},
            "not a row at all"]
    result = cohort.collect(export_file(tmp_path / "room.json", rows))
    kept = result.table[result.table["participant"] == "p-mixed"]
    assert list(kept["key"]) == ["versioning.stay_or_go"]
    problems = " | ".join(str(p) for p in result.problems)
    assert "versioning.end_state does not fit the exercise (horizon_years" in problems
    assert "appears twice" in problems
    assert "nosuchmodule.thing is not an exercise of this kit that can be shared" in problems
    assert "act3.rabbit is not an exercise of this kit that can be shared" in problems  # private by design
    assert "'Bad Key' is malformed" in problems and "row 10: it is not a shared answer" in problems
    assert result.participants == 3


def test_a_folder_or_a_missing_file_is_a_sentence_naming_the_export(tmp_path):
    with pytest.raises(CareerkitError, match="careerkit room export"):
        cohort.collect(tmp_path)
    with pytest.raises(CareerkitError, match="There is no room export"):
        cohort.collect(tmp_path / "nowhere.json")


def test_an_empty_room_is_an_empty_table(tmp_path):
    result = cohort.collect(export_file(tmp_path / "room.json", []))
    assert result.table.empty and list(result.table.columns) == list(cohort.COLUMNS)
    assert "Collected 0 shared answers from 0 participants" in result.describe()


def test_careerkit_collect_prints_the_summary_and_writes_the_table(tmp_path):
    room = export_file(tmp_path / "room.json", [*GOOD, {"participant": "p-bad", "key": "Bad Key", "value": 1}])
    out = tmp_path / "table.csv"
    result = CliRunner().invoke(app, ["collect", str(room), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 shared answers from 2 participants" in result.output
    assert "row 4: the answer 'Bad Key' is malformed" in result.output
    lines = out.read_text().splitlines()
    assert lines[0] == "participant,module,exercise,key,quote,value" and len(lines) == 4
    missing = CliRunner().invoke(app, ["collect", str(tmp_path / "nowhere.json")])
    assert missing.exit_code == 1 and "no room export" in missing.output and "Traceback" not in missing.output


def test_careerkit_room_export_writes_what_the_facilitator_reads(room_server, tmp_path, make_workbook):
    from careerkit.room import sharing

    for name in ("Ana", "Ben"):
        book = make_workbook(name, {"versioning.stay_or_go": STAY})
        sharing.join(book, room_server.url, room_server.code)
        sharing.share(book, "versioning.stay_or_go")
    out = tmp_path / "room.csv"
    result = CliRunner().invoke(app, ["room", "export", str(out), "--url", room_server.url, "--token", room_server.token])
    assert result.exit_code == 0, result.output
    assert "2 shared answers from 2 participants" in result.output
    assert cohort.collect(out).participants == 2
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    refused = CliRunner().invoke(app, ["room", "export", str(out), "--url", room_server.url, "--token", "wrong"])
    assert refused.exit_code == 1 and "Traceback" not in refused.output
