"""A facilitator collects the room: one row per participant and exercise, damaged files reported, never fatal."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from careerkit import cohort, sharing
from careerkit.cli import app
from careerkit.errors import ExchangeError

END_STATE = {"role": "CPO", "builder": "Builder", "horizon_years": 15, "why": "Impact"}
STAY = {"learning_left": 6, "story_value": 7, "cost": 4, "short_term_reasons": ["boss"], "notes": ""}


def exchange_file(folder, name, answers, **extra):
    data = {"format": "careerkit-exchange", "schema_version": 1, "pseudonym": name,
            "answers": {k: {"value": v, "quote": False} for k, v in answers.items()}}
    data.update(extra)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def room(tmp_path):
    """An exchange with two good participants."""
    folder = tmp_path / "exchange"
    folder.mkdir()
    exchange_file(folder, "p-good1", {"versioning.end_state": END_STATE, "versioning.stay_or_go": STAY})
    exchange_file(folder, "p-good2", {"versioning.stay_or_go": dict(STAY, cost=9)})
    return folder


def test_one_row_per_participant_and_exercise(room):
    result = cohort.collect(room)
    table = result.table
    assert list(table.columns) == list(cohort.COLUMNS)
    assert sorted(zip(table["participant"], table["key"], strict=True)) == [
        ("p-good1", "versioning.end_state"), ("p-good1", "versioning.stay_or_go"), ("p-good2", "versioning.stay_or_go"),
    ]
    assert set(table["module"]) == {"versioning"} and set(table["exercise"]) == {"end_state", "stay_or_go"}
    assert table.loc[table["participant"] == "p-good2", "value"].iloc[0]["cost"] == 9
    assert result.problems == [] and result.files == 2 and result.participants == 2
    assert "3 shared answers from 2 participants" in result.describe()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"format": "careerkit-exchange", "schema_version": 1, "answers": {"versioning.end', "not valid JSON"),
        (b"", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "not a careerkit exchange file"),
        (b'{"some": "other tool"}', "not a careerkit exchange file"),
        (b'{"format": "careerkit-exchange", "schema_version": 9, "answers": {}}', "newer careerkit"),
        (b'{"format": "careerkit-exchange", "schema_version": 1, "answers": [1]}', "no answers section"),
    ],
    ids=["cut-short", "empty", "binary", "a-list", "other-json", "newer-schema", "answers-not-a-dict"],
)
def test_a_damaged_file_is_skipped_and_reported_and_the_rest_is_kept(room, content, problem):
    (room / "p-bad.json").write_bytes(content)
    result = cohort.collect(room)
    assert result.participants == 2 and len(result.table) == 3
    assert [p.file for p in result.problems] == ["p-bad.json"]
    assert problem in result.problems[0].problem
    assert "p-bad.json" in result.describe()


def test_answers_that_do_not_fit_their_exercise_are_skipped_one_by_one(room):
    exchange_file(room, "p-mixed", {
        "versioning.end_state": dict(END_STATE, horizon_years=500),  # out of range
        "versioning.stay_or_go": STAY,  # fine: kept
        "nosuchmodule.thing": {"x": 1},  # an exercise this kit does not have
    })
    data = json.loads((room / "p-mixed.json").read_text())
    data["answers"]["Bad Key"] = {"value": 1}
    data["answers"]["versioning.portfolio"] = "not a dict with a value"
    (room / "p-mixed.json").write_text(json.dumps(data))
    result = cohort.collect(room)
    kept = result.table[result.table["participant"] == "p-mixed"]
    assert list(kept["key"]) == ["versioning.stay_or_go"]
    problems = " | ".join(str(p) for p in result.problems)
    assert "versioning.end_state does not fit the exercise (horizon_years" in problems
    assert "nosuchmodule.thing is not an exercise of this kit that can be shared" in problems
    assert "'Bad Key' is malformed" in problems and "'versioning.portfolio' is malformed" in problems


def test_huge_files_folders_and_unreadable_entries_do_not_stop_the_collection(room):
    (room / "p-huge.json").write_bytes(b" " * (cohort.MAX_FILE_BYTES + 10))
    (room / "p-folder.json").mkdir()
    result = cohort.collect(room)
    assert sorted(p.file for p in result.problems) == ["p-folder.json", "p-huge.json"]
    assert "larger than 1 MB" in str(result.problems[1]) and "could not be read" in str(result.problems[0])
    assert result.participants == 2


def test_salt_temporary_and_other_files_are_not_participants(room):
    sharing.exchange_salt(room)
    (room / ".p-x.json.tmp").write_text("half written")
    (room / "notes.txt").write_text("facilitator's notes")
    result = cohort.collect(room)
    assert result.files == 2 and result.problems == []


def test_an_empty_exchange_is_an_empty_table(tmp_path):
    result = cohort.collect(tmp_path)
    assert result.table.empty and list(result.table.columns) == list(cohort.COLUMNS)
    assert "Collected 0 shared answers from 0 participants" in result.describe()


def test_a_missing_exchange_is_a_sentence(tmp_path):
    with pytest.raises(ExchangeError, match="there is no such folder"):
        cohort.collect(tmp_path / "nowhere")


def test_careerkit_collect_prints_the_summary_and_writes_the_table(room, tmp_path):
    (room / "p-bad.json").write_text("{oops")
    out = tmp_path / "table.csv"
    result = CliRunner().invoke(app, ["collect", str(room), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 shared answers from 2 participants" in result.output
    assert "p-bad.json: it is not valid JSON" in result.output
    lines = out.read_text().splitlines()
    assert lines[0] == "participant,module,exercise,key,quote,value" and len(lines) == 4
    missing = CliRunner().invoke(app, ["collect", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "no such folder" in missing.output and "Traceback" not in missing.output
