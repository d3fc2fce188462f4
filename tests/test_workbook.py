"""Workbook storage: a participant never loses what they typed."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from careerkit.errors import ParticipantIdError, UnstorableError, VersionNotFoundError, WorkbookError
from careerkit.store.workbook import SCHEMA_VERSION, Workbook, diff_answers, validate_participant

FIXTURES = Path(__file__).parent / "fixtures" / "workbooks"


def test_an_answer_saved_is_there_for_a_new_kernel(make_workbook, isolated_home):
    make_workbook("Ana").save_answer("versioning.end_state", {"role": "CPO"})
    fresh = Workbook("Ana", isolated_home)  # what a restarted kernel does
    assert fresh.get("versioning.end_state") == {"role": "CPO"}
    answer = fresh.answers()["versioning.end_state"]
    assert answer.shared is False
    assert answer.updated is not None


def test_workbook_file_is_plain_json_with_schema_and_participant(make_workbook):
    book = make_workbook("Ana Lopez")
    book.save_answer("lanes.ratings", {"chosen": "growth"})
    data = json.loads(book.path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["participant"] == "Ana Lopez"
    assert data["answers"]["lanes.ratings"]["value"] == {"chosen": "growth"}
    assert data["answers"]["lanes.ratings"]["shared"] is False
    assert book.path.name == "^ana_^lopez.json"  # capitals and spaces stay distinct (see test_workbook_files)


def test_sharing_flag_survives_later_saves(make_workbook):
    book = make_workbook()
    book.save_answer("lanes.ratings", {"chosen": "growth"})
    book.set_shared("lanes.ratings", True)
    book.save_answer("lanes.ratings", {"chosen": "crafting"})
    assert book.shared_answers()["lanes.ratings"].value == {"chosen": "crafting"}
    book.set_shared("lanes.ratings", False)
    assert book.shared_answers() == {}


def test_sharing_an_unanswered_exercise_says_answer_first(make_workbook):
    with pytest.raises(WorkbookError, match="answer it first"):
        make_workbook().set_shared("lanes.ratings", True)


def test_values_that_cannot_be_stored_leave_the_file_untouched(make_workbook):
    book = make_workbook()
    book.save_answer("versioning.end_state", {"role": "CPO"})
    before = book.path.read_bytes()
    with pytest.raises(UnstorableError, match="it holds a Python object, which JSON cannot store"):
        book.save_answer("versioning.end_state", {"role": object()})
    assert book.path.read_bytes() == before


@pytest.mark.parametrize("bad", ["", "   ", "../etc/passwd", "a/b", "..", "...", "ana\x00", "tab\there", "x" * 129,
                                 "CON", "nul", "Aux", "com1", "LPT9", "NUL.json", "con.txt", "COM\u00b9", "prn "])
def test_unsafe_participant_ids_are_refused_with_a_sentence(bad):
    with pytest.raises(ParticipantIdError) as err:
        validate_participant(bad)
    assert "cannot be used as a participant name" in str(err.value)


@example("0.")
@given(st.text(min_size=1, max_size=80))
def test_any_accepted_participant_id_stays_inside_the_home_folder(name):
    try:
        safe = validate_participant(name)
    except ParticipantIdError:
        return
    book = Workbook(safe, "/tmp/ck-home")
    assert book.path.parent == Path("/tmp/ck-home")
    assert "/" not in book.path.name and "\\" not in book.path.name and book.path.stem not in ("", ".", "..")
    assert (Path("/tmp/ck-home") / book.path.name).resolve().parent == Path("/tmp/ck-home").resolve()  # '0..0' is fine


def test_damaged_workbook_gives_a_clear_error_keeps_a_backup_and_is_not_replaced(make_workbook):
    book = make_workbook()
    book.save_answer("versioning.end_state", {"role": "CPO"})
    book.path.write_text('{"schema_version": 2, "participant": "Ana", "answ')  # truncated by a bad editor
    damaged = book.path.read_bytes()
    with pytest.raises(WorkbookError) as err:
        book.save_answer("versioning.end_state", {"role": "VP"})
    message = str(err.value)
    assert str(book.path) in message and "damaged" in message and "kept at" in message
    assert err.value.backup is not None and err.value.backup.read_bytes() == damaged
    assert book.path.read_bytes() == damaged  # nothing silently replaced


def test_workbook_from_an_older_schema_migrates(isolated_home):
    isolated_home.mkdir(parents=True)
    shutil.copy(FIXTURES / "v1_ana.json", isolated_home / "ana.json")
    book = Workbook("Ana", isolated_home)
    assert book.get("versioning.end_state")["role"] == "VP Product"
    book.save_answer("versioning.portfolio", {"gap_to_fill": "", "plan": ""})
    data = json.loads(book.path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["answers"]["versioning.end_state"]["value"]["horizon_years"] == 12


def test_workbook_from_a_newer_kit_asks_for_an_upgrade(make_workbook):
    book = make_workbook()
    book.home.mkdir(parents=True, exist_ok=True)
    book.path.write_text(json.dumps({"schema_version": 99, "participant": "Ana", "created": "2030-01-01T00:00:00Z"}))
    with pytest.raises(WorkbookError, match="newer careerkit"):
        book.get("versioning.end_state")


def test_ship_versions_and_diff_them(make_workbook):
    book = make_workbook()
    book.save_answer("versioning.end_state", {"role": "CPO"})
    book.save_answer("lanes.ratings", {"chosen": "growth"})
    v1 = book.ship_version(note="after the workshop")
    book.save_answer("lanes.ratings", {"chosen": "crafting"})
    book.save_answer("act3.north_star", {"sentence": "Teach"})
    v2 = book.ship_version()
    assert (v1.label, v2.label) == ("v1", "v2")
    assert [v.label for v in book.versions()] == ["v1", "v2"]
    changes = {c.key: c for c in book.diff("v1", "v2")}
    assert changes["lanes.ratings"].kind == "changed"
    assert changes["lanes.ratings"].before == {"chosen": "growth"}
    assert changes["act3.north_star"].kind == "added"
    assert "versioning.end_state" not in changes
    with pytest.raises(VersionNotFoundError, match="v1, v2"):
        book.diff("v1", "v7")


def test_diff_answers_names_removed_keys():
    assert [c.kind for c in diff_answers({"a.b": 1}, {})] == ["removed"]


def _writer(home: str, participant: str, prefix: str, count: int, start) -> None:
    real_load = Workbook.load
    jitter = random.Random(prefix)

    def slow_load(self):  # a slow disk: a gap of 0-20 ms between reading the file and writing it back
        data = real_load(self)
        time.sleep(jitter.uniform(0, 0.02))
        return data

    Workbook.load = slow_load
    book = Workbook(participant, home)
    start.wait(60)  # both kernels are up: they write at the same time
    for i in range(count):
        book.save_answer(f"{prefix}.answer_{i}", {"n": i})


def test_two_processes_writing_the_same_workbook_lose_nothing(isolated_home):
    # Both kernels start together and read-modify-write with a gap: without the file lock nearly every
    # save of one overwrites the other's (checked by removing the lock: it fails every run).
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(2)
    procs = [ctx.Process(target=_writer, args=(str(isolated_home), "Ana", p, 30, start)) for p in ("kernel_a", "kernel_b")]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(90)
        assert proc.exitcode == 0
    answers = Workbook("Ana", isolated_home).answers()
    assert len([k for k in answers if k.startswith("kernel_a.")]) == 30
    assert len([k for k in answers if k.startswith("kernel_b.")]) == 30


KILLER = """
import os, sys
from careerkit.store.workbook import Workbook
book = Workbook("Ana", sys.argv[1])
book.save_answer("versioning.end_state", {"role": "first"})
real_replace = os.replace
def crash(*args):  # the machine dies after the temp file is written, before the rename
    os._exit(9)
os.replace = crash
book.save_answer("versioning.end_state", {"role": "second"})
"""


def test_a_process_killed_mid_save_leaves_the_previous_complete_workbook(isolated_home):
    result = subprocess.run([sys.executable, "-c", KILLER, str(isolated_home)], timeout=60)
    assert result.returncode == 9
    assert Workbook("Ana", isolated_home).get("versioning.end_state") == {"role": "first"}


IN_THE_WRITE = """
import os, sys, time
from careerkit.store.workbook import Workbook
book = Workbook("Ana", sys.argv[1])
book.save_answer("versioning.end_state", {"role": sys.argv[2]})  # acknowledged: it returned
def hang(fd):  # the new bytes are in the temp file; the rename has not happened
    print("inside the write", flush=True)
    time.sleep(120)
os.fsync = hang
book.save_answer("versioning.end_state", {"role": "never acknowledged " + sys.argv[2]})
"""


def test_sigkill_inside_the_write_never_leaves_a_half_written_file(isolated_home):
    """Every run, the kill lands between writing the new bytes and the rename: the learner keeps the
    last acknowledged answer, and the next save clears the killed save's temp file."""
    book = Workbook("Ana", isolated_home)
    for round_ in range(3):
        acknowledged = f"round {round_}"
        proc = subprocess.Popen([sys.executable, "-c", IN_THE_WRITE, str(isolated_home), acknowledged],
                                stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().strip() == "inside the write"
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
        assert proc.returncode == -signal.SIGKILL
        assert book.get("versioning.end_state") == {"role": acknowledged}
        left = [p for p in isolated_home.iterdir() if p.name.endswith(".tmp")]
        assert len(left) == 1 and b"never acknowledged" in left[0].read_bytes()  # killed inside the write
    book.save_answer("lanes.ratings", {"chosen": "growth"})
    assert [p.name for p in isolated_home.iterdir() if p.name.endswith(".tmp")] == []
    assert book.get("versioning.end_state") == {"role": "round 2"}
