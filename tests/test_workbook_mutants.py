"""The workbook store's rules pinned down where mutation testing (``make mutate``) found nothing noticing a change:
names at the edge of what is allowed, the file as written on disk, migration, versions and their labels."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from careerkit.errors import (
    ParticipantIdError,
    UnstorableError,
    VersionNotFoundError,
    WorkbookError,
    WorkbookOwnerError,
)
from careerkit.store.files import file_stem
from careerkit.store.workbook import Workbook, default_home, diff_answers, validate_key, validate_participant

T1 = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
T2 = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)


def fixed(when):
    return lambda: when


@pytest.mark.parametrize("name", [
    "A", "7", "a" * 64, "a" * 65, "a" * 128, "Ana B. Li", "ana_b-2", "x_", "ana.", ".ana", "a\\b", "a..b",
    "ana@example.org", "李雷", "COM0", "CONSOLE", "LPT10", "a.CON",
])
def test_names_at_the_edges_of_what_is_allowed(name):
    assert validate_participant(f"  {name}  ") == name


def test_a_name_is_nfc_normalised():
    assert validate_participant("e\u0301") == "\u00e9"


DEVICE = "CON, PRN, AUX, NUL, COM1 to COM9 and LPT1 to LPT9 name devices on Windows, not files"


@pytest.mark.parametrize(("name", "shown", "problem"), [
    ("", "", "it is empty"),
    ("   ", "", "it is empty"),
    ("a" * 129, "a" * 40, "it is longer than 128 characters"),
    (".", ".", "it is only dots"),
    ("...", "...", "it is only dots"),
    ("an\x00a", "an?a", "it contains control characters"),
    ("\x7f", "?", "it contains control characters"),
    ("a\ud800", "a?", "it contains control characters"),
    ("a/b", "a/b", "it contains '/'"),
    ("/", "/", "it contains '/'"),
    ("CON", "CON", DEVICE),
    ("nul.json", "nul.json", DEVICE),
    ("Con .txt", "Con .txt", DEVICE),
    ("com1", "com1", DEVICE),
    ("LPT9", "LPT9", DEVICE),
    ("COM\u00b9", "COM\u00b9", DEVICE),
    ("CONIN$", "CONIN$", DEVICE),
    (None, "None", "it is not text"),
])
def test_names_that_are_refused_say_why(name, shown, problem):
    with pytest.raises(ParticipantIdError) as err:
        validate_participant(name)
    assert err.value.problem == problem
    assert str(err.value) == (f"'{shown}' cannot be used as a participant name: {problem}. Use up to 128 characters: "
                              "letters in any script, digits, spaces and punctuation other than '/'.")


@pytest.mark.parametrize(("name", "stem"), [
    ("Ana", "^ana"), ("ana", "ana"), ("Ana B", "^ana_^b"), ("Ana_B", "^ana+5f^b"),
    ("ana@example.org", "ana+40example.org"), ("李雷", "+e6+9d+8e+e9+9b+b7"),
    ("-ana", "+2dana"), ("a-b", "a-b"), (".ana.", "+2eana+2e"), ("a.b", "a.b"),
])
def test_each_name_maps_to_its_own_file_name(name, stem):
    assert file_stem(name) == stem


def test_the_file_on_disk_holds_the_schema_the_name_and_each_answer(tmp_path):
    book = Workbook("Ana Maria", tmp_path, clock=fixed(T1))
    book.save_answer("lanes.story", {"roles": []})
    assert book.path == tmp_path / "^ana_^maria.json"
    raw = json.loads(book.path.read_text())
    assert raw == {"schema_version": 2, "participant": "Ana Maria", "created": "2026-01-15T10:00:00Z",
                   "answers": {"lanes.story": {"value": {"roles": []}, "updated": "2026-01-15T10:00:00Z",
                                               "shared": False}},
                   "versions": []}
    assert list(tmp_path.glob("*.tmp")) == []


def test_saving_again_keeps_the_shared_flag_and_moves_the_time(tmp_path):
    Workbook("Ana", tmp_path, clock=fixed(T1)).save_answer("lanes.story", 1)
    Workbook("Ana", tmp_path).set_shared("lanes.story", True)
    again = Workbook("Ana", tmp_path, clock=fixed(T2)).save_answer("lanes.story", 2)
    assert (again.value, again.updated, again.shared) == (2, T2, True)
    assert Workbook("Ana", tmp_path).shared_answers().keys() == {"lanes.story"}
    Workbook("Ana", tmp_path).set_shared("lanes.story", False)
    assert Workbook("Ana", tmp_path).shared_answers() == {}


def test_sharing_an_answer_never_given_is_a_sentence(tmp_path):
    with pytest.raises(WorkbookError, match="there is no answer for lanes.story to share yet; answer it first"):
        Workbook("Ana", tmp_path).set_shared("lanes.story", True)


def test_values_by_module_and_get_with_a_default(tmp_path):
    book = Workbook("Ana", tmp_path)
    book.replace_answers({"lanes.story": 1, "lanes.path": 2, "act3.rabbit": 3})
    assert book.values("lanes.") == {"lanes.story": 1, "lanes.path": 2}
    assert book.values() == {"lanes.story": 1, "lanes.path": 2, "act3.rabbit": 3}
    assert book.get("act3.rabbit") == 3 and book.get("act3.arcs", "none") == "none"
    assert repr(book) == "Workbook('Ana', 3 answers)"


@pytest.mark.parametrize("key", ["lanes", "Lanes.story", "lanes.story.x", "lanes-story", ".story"])
def test_a_key_that_is_not_module_dot_exercise_is_refused(tmp_path, key):
    with pytest.raises(WorkbookError, match=f"'{key}' is not an exercise key like 'versioning.end_state'"):
        Workbook("Ana", tmp_path).save_answer(key, 1)
    assert not (tmp_path / "ana.json").exists()


def test_a_version_1_workbook_is_migrated_with_its_dates(tmp_path):
    (tmp_path / "ana.json").write_text(json.dumps({
        "version": 1, "participant": "Ana", "created": "2025-05-01T08:00:00+00:00", "saved": "2025-06-01T08:00:00+00:00",
        "answers": {"lanes.story": {"roles": []}}}))
    data = Workbook("Ana", tmp_path).load()
    assert data.schema_version == 2 and data.created == datetime(2025, 5, 1, 8, tzinfo=UTC)
    answer = data.answers["lanes.story"]
    assert (answer.value, answer.updated, answer.shared) == ({"roles": []}, datetime(2025, 6, 1, 8, tzinfo=UTC), False)
    assert data.versions == []


def test_a_version_1_workbook_without_dates_gets_a_fixed_old_date(tmp_path):
    (tmp_path / "ana.json").write_text(json.dumps({"participant": "Ana", "answers": {"lanes.path": 5}}))
    data = Workbook("Ana", tmp_path).load()
    assert data.created == datetime(2000, 1, 1, tzinfo=UTC) and data.answers["lanes.path"].value == 5


def test_a_workbook_from_a_newer_kit_says_to_upgrade_and_is_kept(tmp_path):
    path = tmp_path / "ana.json"
    path.write_text(json.dumps({"schema_version": 3, "participant": "Ana", "created": "2026-01-01T00:00:00Z"}))
    with pytest.raises(WorkbookError) as err:
        Workbook("Ana", tmp_path).load()
    assert err.value.problem == "it was written by a newer careerkit (schema 3); upgrade the kit to open it"
    assert err.value.backup is not None and err.value.backup.name.startswith("ana~damaged-")
    assert json.loads(err.value.backup.read_text())["schema_version"] == 3


def test_shipped_versions_are_numbered_labelled_and_found_by_either(tmp_path):
    book = Workbook("Ana", tmp_path, clock=fixed(T1))
    book.save_answer("lanes.story", 1)
    first = book.ship_version()
    assert (first.number, first.label, first.note, first.created, first.answers) == (1, "v1", "", T1, {"lanes.story": 1})
    book.save_answer("lanes.story", 2)
    second = book.ship_version(note="n" * 2500, label="  " + "L" * 50 + "  ")
    assert (second.number, second.label, len(second.note)) == (2, "L" * 40, 2000)
    third = book.ship_version(label="   ")
    assert third.label == "v3"
    assert book.version("v2").label == "L" * 40 and book.version("L" * 40).number == 2
    assert [c.model_dump() for c in book.diff("v1", "v2")] == [
        {"key": "lanes.story", "kind": "changed", "before": 1, "after": 2}]
    with pytest.raises(VersionNotFoundError, match=f"There is no plan version 'v9'. Versions shipped so far: v1, {'L' * 40}, v3."):
        book.version("v9")


def test_no_version_shipped_says_none_yet(tmp_path):
    with pytest.raises(VersionNotFoundError, match="Versions shipped so far: none yet."):
        Workbook("Ana", tmp_path).version("v1")


def test_the_diff_names_what_was_added_removed_and_changed_in_key_order():
    changes = diff_answers({"b.x": 1, "c.x": 2, "d.x": 3}, {"a.x": 0, "c.x": 2, "d.x": 4})
    assert [(c.key, c.kind, c.before, c.after) for c in changes] == [
        ("a.x", "added", None, 0), ("b.x", "removed", 1, None), ("d.x", "changed", 3, 4)]


def test_a_value_that_cannot_be_stored_is_refused_before_the_file_is_touched(tmp_path):
    book = Workbook("Ana", tmp_path)
    book.save_answer("lanes.story", 1)
    before = book.path.read_bytes()
    with pytest.raises(UnstorableError, match="holds a Python set"):
        book.save_answer("lanes.path", {1, 2})
    assert book.path.read_bytes() == before


def test_without_careerkit_home_workbooks_live_in_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("CAREERKIT_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_home() == tmp_path / ".careerkit"
    monkeypatch.setenv("CAREERKIT_HOME", "~/elsewhere")
    assert default_home() == tmp_path / "elsewhere"


def test_a_version_1_workbook_with_only_its_creation_date_dates_its_answers_by_it(tmp_path):
    (tmp_path / "ana.json").write_text(json.dumps({
        "participant": "Ana", "created": "2025-05-01T08:00:00+00:00", "answers": {"lanes.path": 5}}))
    assert Workbook("Ana", tmp_path).answers()["lanes.path"].updated == datetime(2025, 5, 1, 8, tzinfo=UTC)


def test_an_old_style_version_key_from_a_newer_kit_is_refused_too(tmp_path):
    (tmp_path / "ana.json").write_text(json.dumps({"version": 3, "participant": "Ana"}))
    with pytest.raises(WorkbookError, match=r"newer careerkit \(schema 3\)"):
        Workbook("Ana", tmp_path).load()


# an old shared file handed back to its owner (careerkit 0.1 lower-cased file names)
def old_file(home, stem, owner, role="CPO"):
    home.mkdir(parents=True, exist_ok=True)
    (home / f"{stem}.json").write_text(json.dumps(
        {"schema_version": 2, "participant": owner, "created": "2026-01-15T10:00:00+00:00",
         "answers": {"versioning.end_state": {"value": {"role": role}, "updated": "2026-01-15T10:00:00+00:00"}}}))


def test_an_old_file_asked_for_by_the_lower_case_name_goes_to_its_owner(tmp_path):
    old_file(tmp_path, "ana", "Ana")
    ana_lower = Workbook("ana", tmp_path)
    assert ana_lower.answers() == {}  # a fresh workbook for "ana"
    owner = Workbook("Ana", tmp_path)
    assert owner.path.exists() and not ana_lower.path.exists()
    assert owner.get("versioning.end_state") == {"role": "CPO"}


def test_an_old_file_is_not_handed_back_over_the_owners_own(tmp_path):
    Workbook("Ana", tmp_path).save_answer("versioning.end_state", {"role": "Mine"})
    old_file(tmp_path, "ana", "Ana", role="Old")
    with pytest.raises(WorkbookOwnerError) as caught:
        Workbook("ana", tmp_path).answers()
    assert (caught.value.owner, caught.value.participant) == ("Ana", "ana")
    assert Workbook("Ana", tmp_path).get("versioning.end_state") == {"role": "Mine"}
    assert json.loads((tmp_path / "ana.json").read_text())["participant"] == "Ana"  # left where it was


@pytest.mark.parametrize("owner", ["Ben", "", "a/b"])
def test_a_file_holding_a_name_it_was_never_saved_under_is_refused_and_left_alone(tmp_path, owner):
    # "Ben" is no old name of ana.json, and "" and "a/b" are no names
    old_file(tmp_path, file_stem("ana"), owner)
    before = (tmp_path / f"{file_stem('ana')}.json").read_bytes()
    with pytest.raises(WorkbookOwnerError):
        Workbook("ana", tmp_path).answers()
    assert (tmp_path / f"{file_stem('ana')}.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".json") == [f"{file_stem('ana')}.json"]


# views that show other answers are told what changed
def test_observers_hear_each_save_with_its_keys_until_they_unsubscribe(tmp_path):
    from careerkit.store.workbook import VERSIONS

    book, heard, other = Workbook("Ana", tmp_path), [], []
    stop = book.subscribe(lambda keys: heard.append(keys))
    Workbook("Ben", tmp_path).subscribe(lambda keys: other.append(keys))
    book.save_answer("versioning.end_state", {"role": "CPO"})
    Workbook("Ana", tmp_path).replace_answers({"lanes.story": {"roles": []}, "lanes.radar": {}})
    book.ship_version()
    assert heard == [frozenset({"versioning.end_state"}), frozenset({"lanes.story", "lanes.radar"}), frozenset({VERSIONS})]
    assert other == []  # another participant's file
    assert stop() is None and heard.__len__() == 3
    book.save_answer("versioning.end_state", {"role": "CTO"})
    assert len(heard) == 3
    assert not stop()  # a second unsubscribe does nothing


def test_an_observer_that_fails_or_is_gone_never_stops_a_save_or_the_others(tmp_path, caplog):
    book, heard = Workbook("Ana", tmp_path), []

    class View:
        def __init__(self):
            self.heard = []

        def refresh(self, keys):
            self.heard.append(keys)

    def broken(keys):
        raise RuntimeError("a view's bug")

    gone, kept = View(), View()
    book.subscribe(broken)
    book.subscribe(gone.refresh)  # a bound method is held weakly: a view that is gone is not kept alive
    book.subscribe(kept.refresh)
    book.subscribe(lambda keys: heard.append(keys))
    del gone
    book.save_answer("versioning.end_state", {"role": "CPO"})
    assert book.get("versioning.end_state") == {"role": "CPO"}
    assert kept.heard == [frozenset({"versioning.end_state"})] and heard == kept.heard
    assert [r.getMessage() for r in caplog.records] == ["a workbook observer failed"]
    import os

    from careerkit.store.workbook import _observers

    assert len(_observers[os.path.abspath(book.path)]) == 3  # the one that is gone was dropped


def test_a_version_or_a_seeded_answer_json_cannot_hold_is_a_sentence_and_changes_nothing(tmp_path):
    book = Workbook("Ana", tmp_path)
    book.save_answer("versioning.end_state", {"role": "CPO"})
    before = book.path.read_bytes()
    with pytest.raises(UnstorableError) as caught:
        book.ship_version(note="half an emoji \udc00")
    assert str(caught.value).startswith(f"The version's note could not be saved in your workbook {book.path}: it ")
    with pytest.raises(UnstorableError) as caught:
        book.ship_version(label="v\udc00")
    with pytest.raises(UnstorableError) as caught:
        book.replace_answers({"lanes.story": {"roles": []}, "lanes.radar": "half an emoji \udc00"})
    assert str(caught.value).startswith(f"The answer to lanes.radar could not be saved in your workbook {book.path}: it ")
    assert book.path.read_bytes() == before


def test_times_are_saved_in_utc_to_the_second(tmp_path):
    answer = Workbook("Ana", tmp_path).save_answer("versioning.end_state", {"role": "CPO"})
    assert answer.updated.tzinfo is not None and answer.updated.utcoffset().total_seconds() == 0
    assert answer.updated.microsecond == 0
    assert abs((datetime.now(UTC) - answer.updated).total_seconds()) < 60


def test_without_hard_links_an_old_file_is_still_moved_and_never_over_another(tmp_path, monkeypatch):
    import errno
    import os

    def no_links(source, target):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    old_file(tmp_path, "ana", "Ana")
    assert Workbook("ana", tmp_path).answers() == {}  # handed back by a rename
    assert Workbook("Ana", tmp_path).get("versioning.end_state") == {"role": "CPO"}
    assert not (tmp_path / "ana.json").exists()
    old_file(tmp_path, "ana", "Ana", role="Old")
    with pytest.raises(WorkbookOwnerError):
        Workbook("ana", tmp_path).answers()  # Ana's own file is there: the old one is not renamed over it
    assert Workbook("Ana", tmp_path).get("versioning.end_state") == {"role": "CPO"}
    assert (tmp_path / "ana.json").exists()


def test_a_built_in_method_or_an_object_without_weak_references_can_observe_saves(tmp_path):
    # list.append is a built-in's bound method: WeakMethod refuses it (TypeError), and it used to fail subscribe
    class Slotted:
        __slots__ = ("heard",)

        def __init__(self):
            self.heard = []

        def refresh(self, keys):
            self.heard.append(keys)

    book, heard, slotted = Workbook("Ana", tmp_path), [], Slotted()
    stop = book.subscribe(heard.append)
    book.subscribe(slotted.refresh)
    book.save_answer("versioning.end_state", {"role": "CPO"})
    assert heard == slotted.heard == [frozenset({"versioning.end_state"})]
    stop()
    book.save_answer("versioning.end_state", {"role": "CTO"})
    assert heard == [frozenset({"versioning.end_state"})]
    assert slotted.heard == [frozenset({"versioning.end_state"})] * 2


# when the disk, the folder or the lock fails: the learner gets a sentence naming their file and keeps their answers
def _left_in(folder, book):
    """What a save left in the folder besides the workbook and its lock file."""
    return sorted(p.name for p in folder.iterdir() if p.name not in (book.path.name, f"{book.path.name}.lock"))


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_disk_failing_mid_save_is_a_sentence_and_keeps_the_last_answer(tmp_path, monkeypatch, failing):
    import errno
    import os

    book = Workbook("Ana", tmp_path)
    book.save_answer("versioning.end_state", {"role": "CPO"})
    before = book.path.read_bytes()

    def broken(*args):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, failing, broken)
    with pytest.raises(WorkbookError) as caught:
        book.save_answer("versioning.end_state", {"role": "VP"})
    monkeypatch.undo()
    assert caught.value.path == book.path
    assert str(caught.value).startswith(f"Your workbook {book.path} could not be used: it could not be saved "
                                        "(Input/output error); your last answer is not stored. ")
    assert book.path.read_bytes() == before and book.get("versioning.end_state") == {"role": "CPO"}
    assert _left_in(tmp_path, book) == []  # the half-done save's temp file is gone
    book.save_answer("versioning.end_state", {"role": "VP"})  # the lock was let go: the next save works
    assert book.get("versioning.end_state") == {"role": "VP"}


def test_a_save_interrupted_inside_the_write_keeps_the_last_answer_and_the_next_save_clears_it(tmp_path, monkeypatch):
    import os

    book = Workbook("Ana", tmp_path)
    book.save_answer("versioning.end_state", {"role": "CPO"})

    def interrupted(fd):  # the learner interrupts the kernel: the new bytes are in the temp file, not yet renamed
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        book.save_answer("versioning.end_state", {"role": "VP"})
    monkeypatch.undo()
    assert book.get("versioning.end_state") == {"role": "CPO"}
    left = _left_in(tmp_path, book)  # in the workbook's own (private) folder, named for it, so a later save finds it
    assert len(left) == 1 and left[0].startswith(f".{book.path.name}~") and left[0].endswith(".tmp")
    assert b'"VP"' in (tmp_path / left[0]).read_bytes()
    book.save_answer("lanes.story", {"roles": []})
    assert _left_in(tmp_path, book) == []
    assert book.values() == {"versioning.end_state": {"role": "CPO"}, "lanes.story": {"roles": []}}


def test_a_folder_that_cannot_be_made_is_a_sentence_naming_the_workbook(tmp_path):
    (tmp_path / "taken").write_text("a file where the workbook folder should be")
    book = Workbook("Ana", tmp_path / "taken" / "home")
    with pytest.raises(WorkbookError) as caught:
        book.save_answer("versioning.end_state", {"role": "CPO"})
    assert caught.value.path == book.path
    assert str(caught.value).startswith(
        f"Your workbook {book.path} could not be used: its folder could not be created (Not a directory). ")


def test_a_workbook_another_notebook_keeps_locked_is_a_sentence_and_nothing_changes(tmp_path, monkeypatch):
    import threading

    from filelock import FileLock

    from careerkit.store import workbook

    monkeypatch.setattr(workbook, "LOCK_TIMEOUT_S", 0.2)
    book = Workbook("Ana", tmp_path)
    book.save_answer("versioning.end_state", {"role": "CPO"})
    before, caught = book.path.read_bytes(), []

    def save():
        try:
            book.save_answer("versioning.end_state", {"role": "VP"})
        except WorkbookError as err:
            caught.append(err)

    saving = threading.Thread(target=save, daemon=True)
    with FileLock(f"{book.path}.lock"):  # another kernel, in the middle of its own save
        saving.start()
        saving.join(10)
        assert not saving.is_alive()  # it gave up after its timeout: a learner is never left waiting
    assert len(caught) == 1 and caught[0].path == book.path
    assert str(caught[0]).startswith(
        f"Your workbook {book.path} could not be used: another notebook kept it locked for more than 0.2 s; try again. ")
    assert book.path.read_bytes() == before
    book.save_answer("versioning.end_state", {"role": "VP"})  # once the other save is done, it works
    assert book.get("versioning.end_state") == {"role": "VP"}


def test_a_lock_file_that_cannot_be_opened_is_a_sentence_naming_the_workbook(tmp_path):
    from pathlib import Path

    book = Workbook("Ana", tmp_path)
    book.save_answer("versioning.end_state", {"role": "CPO"})
    before = book.path.read_bytes()
    Path(f"{book.path}.lock").unlink()
    Path(f"{book.path}.lock").mkdir()  # a sync tool or another user left a folder there
    with pytest.raises(WorkbookError) as caught:
        book.set_shared("versioning.end_state", True)
    assert caught.value.path == book.path
    assert str(caught.value).startswith(f"Your workbook {book.path} could not be used: its lock file {book.path}.lock "
                                        "could not be opened (Is a directory); nothing was saved. ")
    assert book.path.read_bytes() == before


def test_a_key_that_is_not_an_exercise_key_is_a_whole_sentence():
    with pytest.raises(WorkbookError) as caught:
        validate_key("lanes")
    assert str(caught.value).startswith(
        "Your workbook ? could not be used: 'lanes' is not an exercise key like 'versioning.end_state'. ")


def test_the_file_can_be_read_by_a_person_one_field_to_a_line(tmp_path):
    book = Workbook("Ana", tmp_path)
    book.save_answer("versioning.end_state", {"role": "CPO"})
    lines = [line.strip() for line in book.path.read_text(encoding="utf-8").splitlines()]
    assert '"participant": "Ana",' in lines and '"role": "CPO"' in lines


def test_the_workbook_and_its_lock_file_are_private(tmp_path):
    import stat

    book = Workbook("Ana", tmp_path / "home")
    book.save_answer("versioning.end_state", {"role": "CPO"})
    modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in book.home.iterdir()}
    assert modes == {book.path.name: "0o600", f"{book.path.name}.lock": "0o600"}
    assert oct(stat.S_IMODE(book.home.stat().st_mode)) == "0o700"


def test_without_a_folder_given_the_workbook_is_in_careerkit_home(isolated_home):
    Workbook("Ana").save_answer("versioning.end_state", {"role": "CPO"})
    assert Workbook("Ana", isolated_home).get("versioning.end_state") == {"role": "CPO"}
    assert Workbook("Ana").path == isolated_home / "^ana.json"


# what opens and what is refused: each refusal says why, and the file is kept as it was
def _refused(tmp_path, content):
    path = tmp_path / "^ana.json"
    path.write_text(json.dumps(content))
    before = path.read_bytes()
    with pytest.raises(WorkbookError) as caught:
        Workbook("Ana", tmp_path).load()
    assert path.read_bytes() == before and caught.value.backup.read_bytes() == before
    return caught.value.problem


@pytest.mark.parametrize("version", [0, -1, True, False, "2", 1.5, None])
@pytest.mark.parametrize("field", ["schema_version", "version"])
def test_a_schema_version_that_is_not_a_version_number_is_refused(tmp_path, field, version):
    problem = _refused(tmp_path, {field: version, "participant": "Ana", "created": "2026-01-01T00:00:00Z",
                                  "answers": {"lanes.story": {"value": 1, "updated": "2026-01-01T00:00:00Z"}}})
    assert problem == "it is damaged: its schema version is not a version number"


def test_a_version_1_workbook_whose_answers_are_not_a_table_is_refused(tmp_path):
    problem = _refused(tmp_path, {"version": 1, "participant": "Ana", "answers": [["lanes.story", 1]]})
    assert problem == "it is damaged: its answers are not a table of exercises"


def test_a_version_1_workbook_without_answers_opens_empty(tmp_path):
    (tmp_path / "^ana.json").write_text(json.dumps({"version": 1, "participant": "Ana"}))
    book = Workbook("Ana", tmp_path)
    assert book.answers() == {}
    book.save_answer("lanes.story", 1)
    assert book.values() == {"lanes.story": 1}


def test_a_workbook_missing_an_answers_time_is_refused_as_incomplete(tmp_path):
    problem = _refused(tmp_path, {"schema_version": 2, "participant": "Ana", "created": "2026-01-01T00:00:00Z",
                                  "answers": {"lanes.story": {"value": 1}}})
    assert problem == "it is damaged: it is not a complete careerkit workbook"


def _nested(levels):
    value = "deep"
    for _ in range(levels - 1):
        value = [value]
    return value


@pytest.mark.parametrize("schema", [1, 2])
def test_an_answer_as_deep_as_a_save_allows_opens_and_one_deeper_is_refused(tmp_path, schema):
    from careerkit.store.files import VALUE_DEPTH

    def workbook(value):
        if schema == 1:  # the shallowest place an answer is stored: 3 levels down
            return {"version": 1, "participant": "Ana", "answers": {"lanes.story": value}}
        return {"schema_version": 2, "participant": "Ana", "created": "2026-01-01T00:00:00Z",
                "answers": {"lanes.story": {"value": value, "updated": "2026-01-01T00:00:00Z"}}}

    (tmp_path / "^ana.json").write_text(json.dumps(workbook(_nested(VALUE_DEPTH))))
    assert Workbook("Ana", tmp_path).get("lanes.story") == _nested(VALUE_DEPTH)
    problem = _refused(tmp_path, workbook(_nested(VALUE_DEPTH + 1)))
    assert problem == f"it is damaged: an answer in it is nested too deeply (more than {VALUE_DEPTH} levels)"



def _nested(levels):
    value = 0
    for _ in range(levels - 1):
        value = [value]
    return value


# what a learner reads when an answer cannot be saved, after "...could not be saved in your workbook <path>: it"
UNSTORABLE = [
    ({1, 2}, "holds a Python set, which JSON cannot store", "contiene un set de Python, que JSON no puede guardar"),
    (float("nan"), "holds Infinity or NaN, which JSON does not allow", "contiene Infinity o NaN, que JSON no admite"),
    ("half an emoji \udc00", "holds text that is not valid Unicode (a character cut in half?)",
     "contiene texto que no es Unicode válido (¿un carácter cortado por la mitad?)"),
    (10 ** 4000, "holds a whole number of thousands of digits, too long to read back",
     "contiene un número entero de miles de cifras, demasiado largo para volver a leerlo"),
    ({1: "a"}, "has a key that is not text (int 1)", "tiene una clave que no es texto (int 1)"),
    (_nested(61), "is nested too deeply (more than 60 levels)",
     "está anidado a demasiada profundidad (más de 60 niveles)"),
]


@pytest.mark.parametrize(("value", "english", "spanish"), UNSTORABLE)
def test_an_answer_json_cannot_hold_is_named_by_its_exercise_in_the_learners_language(tmp_path, monkeypatch, value,
                                                                                       english, spanish):
    book = Workbook("Ana", tmp_path)
    book.save_answer("versioning.end_state", {"role": "CPO"})
    before = book.path.read_bytes()
    monkeypatch.delenv("CAREERKIT_LANG", raising=False)
    with pytest.raises(UnstorableError) as caught:
        book.save_answer("lanes.radar", value)
    assert str(caught.value) == (f"The answer to lanes.radar could not be saved in your workbook {book.path}: it "
                                 f"{english}. Everything saved before is unchanged; change it and try again.")
    monkeypatch.setenv("CAREERKIT_LANG", "es")
    with pytest.raises(UnstorableError) as caught:
        book.save_answer("lanes.radar", value)
    assert str(caught.value) == (f"La respuesta a lanes.radar: no se ha podido guardar en tu cuaderno de respuestas "
                                 f"{book.path}: {spanish}. Todo lo guardado antes sigue igual; cámbialo y vuelve a "
                                 "intentarlo.")
    assert book.path.read_bytes() == before


def test_a_spanish_learner_reads_each_problem_of_their_workbook_in_spanish(tmp_path, monkeypatch):
    monkeypatch.setenv("CAREERKIT_LANG", "es")
    book = Workbook("Ana", tmp_path)
    with pytest.raises(VersionNotFoundError) as caught:
        book.version("v1")
    assert str(caught.value) == ("No hay ninguna versión del plan «v1». Versiones lanzadas hasta ahora: ninguna "
                                 "todavía.")
    with pytest.raises(WorkbookError) as caught:
        book.set_shared("versioning.end_state", True)
    assert str(caught.value).startswith(f"No se ha podido usar tu cuaderno de respuestas {book.path}: aún no hay "
                                        "respuesta a versioning.end_state que compartir; respóndela primero. ")
    with pytest.raises(WorkbookError) as caught:
        book.save_answer("no key", 1)
    assert "«no key» no es una clave de ejercicio como «versioning.end_state»" in str(caught.value)
    book.save_answer("versioning.end_state", {"role": "CPO"})
    with pytest.raises(UnstorableError) as caught:
        book.ship_version(note="half an emoji \udc00")
    assert str(caught.value) == (f"La nota de la versión: no se ha podido guardar en tu cuaderno de respuestas "
                                 f"{book.path}: contiene texto que no es Unicode válido (¿un carácter cortado por la "
                                 "mitad?). Todo lo guardado antes sigue igual; cámbialo y vuelve a intentarlo.")
    book.path.write_text(json.dumps({"schema_version": 3, "participant": "Ana", "created": T1.isoformat()}))
    with pytest.raises(WorkbookError) as caught:
        Workbook("Ana", tmp_path).load()
    assert str(caught.value).startswith(f"No se ha podido usar tu cuaderno de respuestas {book.path}: lo escribió una "
                                        "versión más nueva de careerkit (esquema 3); actualiza el kit para abrirlo. "
                                        "Se ha guardado una copia del archivo dañado en ")


def test_a_name_careerkit_0_1_never_took_never_opens_another_learners_file_on_a_case_blind_disk(tmp_path):
    """careerkit 0.1 had no file name for "李雷", so there is no old file to look for. On a disk that ignores case
    (macOS, Windows) a look-up of "None.json" would open "none.json", the workbook of the learner called "none":
    when that file is damaged, "李雷" must still get their own empty workbook, and nothing of "none"'s is copied."""
    Workbook("none", tmp_path).save_answer("versioning.end_state", {"role": "CPO"})
    theirs = tmp_path / "none.json"
    theirs.write_bytes(b'{"schema_version": 2, "participant": "none", "answers": {')
    if not (tmp_path / "None.json").exists():  # a case-sensitive disk: show the same file under both spellings
        (tmp_path / "None.json").symlink_to(theirs.name)
    book = Workbook("李雷", tmp_path)
    assert book.answers() == {}
    book.save_answer("lanes.radar", {"energy": 3})
    assert Workbook("李雷", tmp_path).get("lanes.radar") == {"energy": 3}
    assert theirs.read_bytes() == b'{"schema_version": 2, "participant": "none", "answers": {'
    assert sorted(p.name for p in tmp_path.glob("*damaged*")) == []


def test_a_save_that_would_make_the_workbook_too_large_to_open_is_refused_and_every_answer_stays(tmp_path,
                                                                                                monkeypatch):
    """The reader refuses a file of more than 32 MB, so a save that would write one would lock the learner out of
    every answer: it is refused with a sentence instead, the file as it was. A file of exactly 32 MB opens."""
    from careerkit.store.files import MAX_BYTES

    monkeypatch.delenv("CAREERKIT_LANG", raising=False)
    book = Workbook("Ana", tmp_path, clock=fixed(T1))
    book.save_answer("versioning.end_state", {"role": "CPO"})
    book.save_answer("lanes.story", "x")
    fits = 1 + MAX_BYTES - book.path.stat().st_size  # the longest story that keeps the file within 32 MB
    book.save_answer("lanes.story", "x" * fits)
    assert book.path.stat().st_size == MAX_BYTES
    assert len(Workbook("Ana", tmp_path).get("lanes.story")) == fits
    book.save_answer("lanes.story", "x" * (fits // 2))
    before = book.path.read_bytes()
    with pytest.raises(WorkbookError) as caught:
        book.save_answer("lanes.story", "x" * (fits + 1))
    assert str(caught.value) == (
        f"Your workbook {book.path} could not be used: saving this would make it larger than 32 MB, more than a "
        "workbook can hold; your last change is not stored. Your answers in it have not been replaced. Ask your "
        "facilitator, or move the file aside and run the cell again to start a fresh workbook.")
    monkeypatch.setenv("CAREERKIT_LANG", "es")
    with pytest.raises(WorkbookError) as caught:
        book.ship_version(note="all of it")  # a version holds every answer again: twice the story
    assert str(caught.value).startswith(
        f"No se ha podido usar tu cuaderno de respuestas {book.path}: guardar esto lo haría ocupar más de 32 MB, más "
        "de lo que cabe en un cuaderno de respuestas; tu último cambio no está guardado. ")
    assert book.path.read_bytes() == before
    reopened = Workbook("Ana", tmp_path)
    assert reopened.get("versioning.end_state") == {"role": "CPO"} and reopened.versions() == []
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
