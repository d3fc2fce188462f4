"""Whatever is on disk, nothing is lost and nothing leaks: damaged files, colliding names, file modes.

The fuzz tests below feed hypothesis-made bytes and names to the storage layer. Each damaged file must
give the kit's own error naming the file, one backup of exactly its bytes (however often it is read),
and leave the file as it was.
"""

from __future__ import annotations

import json
import os
import random
import stat
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from careerkit.errors import CareerkitError, ParticipantIdError, UnstorableError, WorkbookError, WorkbookOwnerError
from careerkit.store import session
from careerkit.store.files import MAX_BYTES, MAX_DEPTH, VALUE_DEPTH, file_stem
from careerkit.store.workbook import Workbook, validate_participant

FIXTURES = Path(__file__).parent / "fixtures" / "workbooks"
# CAREERKIT_FUZZ_EXAMPLES=3000 for a longer run; `make test` tries 300 inputs per fuzzed class
EXAMPLES = int(os.environ.get("CAREERKIT_FUZZ_EXAMPLES", "300"))
# derandomize: the same inputs every run, so CI is repeatable; CAREERKIT_FUZZ_EXAMPLES widens the search, and
# CAREERKIT_FUZZ_RANDOM=1 draws new inputs each run (a failure is kept in .hypothesis/ and printed to repeat it)
RANDOM = os.environ.get("CAREERKIT_FUZZ_RANDOM", "") not in ("", "0")
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                derandomize=not RANDOM)


def _backups(book: Workbook) -> list[Path]:
    return sorted(book.home.glob(f"{book.path.stem}~damaged-*.json"))


def _deep(depth: int) -> bytes:
    return b'{"participant": "Ana", "answers": ' + b"[" * depth + b"]" * depth + b"}"


DAMAGED = {
    "non-UTF-8 bytes": (b'{"participant": "Ana\xff\xfe"}', "not UTF-8"),
    "a JSON list": (b"[1, 2, 3]", "a list"),
    "a JSON string": (b'"Ana"', "a string"),
    "JSON null": (b"null", "null"),
    "a v1 workbook whose answers are a list": (
        json.dumps({"version": 1, "participant": "Ana", "answers": ["CPO"]}).encode(), "answers are not a table"),
    "JSON nested 100,000 deep": (_deep(100_000), "nested too deeply"),
    "JSON nested 500 deep": (_deep(500), "nested too deeply"),
    "a truncated workbook": (b'{"schema_version": 2, "participant": "Ana", "answ', "not valid JSON"),
    "a lone surrogate": (b'{"participant": "\\ud800", "created": "2026-01-01T00:00:00Z"}', "not valid Unicode"),
    "an answer without its time": (
        json.dumps({"schema_version": 2, "participant": "Ana", "created": "2026-01-01T00:00:00Z",
                    "answers": {"a.b": {"value": 1}}}).encode(), "not a complete careerkit workbook"),
}


def _assert_damaged_the_kit_way(book: Workbook, damaged: bytes, reads: int = 3) -> WorkbookError:
    for _ in range(reads):
        with pytest.raises(WorkbookError) as err:
            book.get("versioning.end_state")
    assert str(book.path) in str(err.value) and "could not be used" in str(err.value)
    assert book.path.read_bytes() == damaged  # the file itself is untouched
    backups = _backups(book)
    assert len(backups) == 1 and backups[0].read_bytes() == damaged  # one backup, however often it is read
    assert err.value.backup == backups[0] and f"kept at {backups[0]}" in str(err.value)
    return err.value


@pytest.mark.parametrize("case", list(DAMAGED))
def test_a_damaged_workbook_gives_a_sentence_one_backup_and_stays_as_it_is(make_workbook, case):
    book = make_workbook("Ana")
    book.save_answer("versioning.end_state", {"role": "CPO"})
    damaged, words = DAMAGED[case]
    book.path.write_bytes(damaged)
    err = _assert_damaged_the_kit_way(book, damaged)
    assert words in str(err)
    with pytest.raises(WorkbookError):  # saving does not replace it either
        book.save_answer("versioning.end_state", {"role": "VP"})
    assert book.path.read_bytes() == damaged and len(_backups(book)) == 1


def test_50_mb_of_random_bytes_read_once_a_second_keep_one_backup(make_workbook):
    book = make_workbook("Ana")
    book.home.mkdir(parents=True)
    damaged = random.Random(12).randbytes(50 * 1024 * 1024)
    book.path.write_bytes(damaged)
    err = _assert_damaged_the_kit_way(book, damaged, reads=5)
    assert f"larger than {MAX_BYTES // (1024 * 1024)} MB" in str(err)


def test_each_distinct_damaged_content_gets_its_own_backup(make_workbook):
    book = make_workbook("Ana")
    book.home.mkdir(parents=True)
    for content in (b"[1]", b"[2]", b"[1]"):
        book.path.write_bytes(content)
        with pytest.raises(WorkbookError):
            book.answers()
    assert sorted(p.read_bytes() for p in _backups(book)) == [b"[1]", b"[2]"]


def test_backups_and_the_folder_are_private(make_workbook):
    book = make_workbook("Ana")
    book.home.mkdir(parents=True, mode=0o755)
    os.chmod(book.home, 0o755)
    book.path.write_bytes(b"[]")
    os.chmod(book.path, 0o644)  # say, a learner's editor wrote it
    with pytest.raises(WorkbookError):
        book.answers()
    assert stat.S_IMODE(_backups(book)[0].stat().st_mode) == 0o600


def test_a_folder_in_place_of_the_workbook_or_a_pipe_is_a_sentence_not_a_hang(make_workbook):
    book = make_workbook("Ana")
    book.path.mkdir(parents=True)
    with pytest.raises(WorkbookError, match="could not be read|not a regular file"):
        book.answers()
    other = make_workbook("Bo")
    os.mkfifo(other.path)
    with pytest.raises(WorkbookError, match="not a regular file"):
        other.answers()


def test_a_killed_saves_temp_files_are_cleared_on_the_next_save(make_workbook):
    book = make_workbook("Ana")
    book.save_answer("versioning.end_state", {"role": "CPO"})
    stale = [book.home / f".{book.path.name}~abcd_123.tmp", book.home / f".{book.path.name}.x1y2z3w4.tmp"]
    others = [book.home / f".{book.path.name}.json~abcd_123.tmp", book.home / "notes.tmp"]  # not this workbook's
    for path in stale + others:
        path.write_text("half a save")
    book.save_answer("versioning.end_state", {"role": "VP"})
    assert [p.exists() for p in stale] == [False, False]
    assert [p.exists() for p in others] == [True, True]


# fuzzing: arbitrary bytes and near-workbooks
def _fuzz_one(raw: bytes, participant: str = "Ana") -> str:
    """What a learner gets from a workbook file holding ``raw``: 'ok', 'damaged' or 'someone else's'."""
    with tempfile.TemporaryDirectory() as folder:
        book = Workbook(participant, folder)
        book.path.write_bytes(raw)
        outcomes = []
        for _ in range(2):
            try:
                book.load()
                outcomes.append("ok")
            except WorkbookOwnerError as err:
                assert str(book.path) in str(err)
                outcomes.append("someone else's")
            except WorkbookError as err:  # anything else but the kit's own error fails the test
                assert str(book.path) in str(err)
                backups = _backups(book)
                assert len(backups) == 1 and backups[0].read_bytes() == raw
                outcomes.append("damaged")
        assert book.path.read_bytes() == raw
        assert outcomes[0] == outcomes[1]
        if outcomes[0] != "damaged":
            assert _backups(book) == []
        event(f"outcome: {outcomes[0]}")
        if outcomes[0] == "ok":  # a file that loads can be saved into and shipped, and keeps its other answers
            before = book.values()
            book.save_answer("fuzz.answer", {"n": 1})
            assert book.values() == {**before, "fuzz.answer": {"n": 1}}
            shipped = book.ship_version(note="fuzz")
            assert Workbook(participant, folder).versions()[-1] == shipped
            assert shipped.answers == book.values()
        return outcomes[0]


@FUZZ
@example(b"")
@example(b"\xef\xbb\xbf{}")
@example(b"[" * 5000)
@given(st.binary(max_size=2048))
def test_fuzz_arbitrary_bytes_as_a_workbook(raw):
    assert _fuzz_one(raw) == "damaged"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)


@FUZZ
@given(JSON)
def test_fuzz_any_json_value_as_a_workbook(value):
    _fuzz_one(json.dumps(value).encode("utf-8"))


NEAR = st.fixed_dictionaries(
    {
        "participant": st.sampled_from(["Ana"] * 6 + ["ana", "Bo", "", 7, None]),
        "created": st.sampled_from(["2026-01-15T10:00:00+00:00"] * 6 + ["soon", 5, None]),
    },
    optional={
        "schema_version": st.one_of(st.sampled_from([1, 2, 2, 2, 3, 0, -1, True, None, "2"]), st.integers()),
        "version": st.one_of(st.integers(0, 3), st.none()),
        "saved": st.one_of(st.just("2026-01-15T10:00:00+00:00"), st.text(max_size=10)),
        "answers": st.one_of(
            st.dictionaries(st.sampled_from(["versioning.end_state", "a.b", ""]), JSON, max_size=3),
            st.dictionaries(st.sampled_from(["a.b"]), st.fixed_dictionaries(
                {"value": JSON, "updated": st.sampled_from(["2026-01-15T10:00:00Z", "yesterday", 5])},
                optional={"shared": st.one_of(st.booleans(), JSON)}), max_size=2),
            JSON),
        "versions": st.one_of(st.lists(JSON, max_size=2), JSON),
    },
)


@FUZZ
@given(NEAR)
def test_fuzz_near_workbooks_of_every_schema(data):
    _fuzz_one(json.dumps(data).encode("utf-8"))


@FUZZ
@given(st.data())
def test_fuzz_a_real_workbook_with_bytes_flipped_cut_or_inserted(data):
    good = (FIXTURES / "v1_ana.json").read_bytes()
    raw = bytearray(good)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip" and at < len(raw):
            raw[at] ^= data.draw(st.integers(1, 255))
        elif action == "cut":
            del raw[at:]
        else:
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
    _fuzz_one(bytes(raw))


OPENERS = {b"[": (b"]", 1), b'{"a":': (b"}", 1), b'[{"b":': (b"}]", 2)}


def _nested(levels: int, opener: bytes, schema: int) -> tuple[bytes, int]:
    """A workbook whose one answer nests so that the whole file is ``levels`` deep, and that answer's depth.

    The file's levels: the workbook, its answers, the answer (in schema 2 the table holding value and time;
    in schema 1 the bare value, which is that table), then the value's own levels."""
    closer, per = OPENERS[opener]
    steps, odd = divmod(levels - 4, per)  # the innermost 1 is the last level
    inner = b"[" * odd + b"1" + b"]" * odd
    version = b'"schema_version": 2, ' if schema == 2 else b""
    raw = b'{' + version + b'"participant": "Ana", "created": "2026-01-01T00:00:00Z", "answers": {"a.b": ' \
          b'{"updated": "2026-01-01T00:00:00Z", "value": ' + opener * steps + inner + closer * steps + b"}}}"
    value_levels = levels - 3 if schema == 2 else levels - 2  # schema 1's value is the table around it
    return raw, value_levels


@settings(max_examples=max(60, EXAMPLES // 5), deadline=None, derandomize=not RANDOM)
@given(st.integers(5, 200_000), st.sampled_from(list(OPENERS)), st.sampled_from([1, 2]))
@example(50, b"[", 2)
@example(MAX_DEPTH, b"[", 1)
@example(MAX_DEPTH - 1, b'[{"b":', 2)
@example(MAX_DEPTH + 1, b'{"a":', 2)
def test_fuzz_deep_nesting_never_raises_a_recursion_error(levels, opener, schema):
    raw, value_levels = _nested(levels, opener, schema)
    assert _fuzz_one(raw) == ("ok" if value_levels <= VALUE_DEPTH else "damaged")


@pytest.mark.parametrize("schema", [1, 2])
@pytest.mark.parametrize("opener", list(OPENERS))
@pytest.mark.parametrize("levels", range(MAX_DEPTH - 6, MAX_DEPTH + 3))
def test_a_workbook_at_the_depth_cap_opens_saves_ships_and_reopens_or_is_refused_with_a_sentence(
        make_workbook, levels, opener, schema):
    book = make_workbook("Ana")
    book.home.mkdir(parents=True)
    raw, value_levels = _nested(levels, opener, schema)
    book.path.write_bytes(raw)
    if value_levels > VALUE_DEPTH:  # the reader holds answers to the writer's rule: refused when first opened
        err = _assert_damaged_the_kit_way(book, raw)
        assert f"nested too deeply (more than {VALUE_DEPTH if levels <= MAX_DEPTH else MAX_DEPTH} levels)" in str(err)
        return
    value = book.get("a.b")
    book.save_answer("versioning.end_state", {"role": "CPO"})
    book.ship_version(note="v1 at the cap")
    again = Workbook("Ana", book.home)
    assert again.get("a.b") == value and again.get("versioning.end_state") == {"role": "CPO"}
    assert again.version("v1").answers["a.b"] == value
    book.save_answer("a.b", value)  # what was read is written back as it was
    assert Workbook("Ana", book.home).get("a.b") == value and _backups(book) == []


def _deep_value(levels: int) -> list:
    value: list = []
    for _ in range(levels - 1):
        value = [value]
    return value


@pytest.mark.parametrize("levels", [VALUE_DEPTH, VALUE_DEPTH + 1, 100_000])
def test_an_answer_nested_past_the_cap_is_refused_before_the_file_is_touched(make_workbook, levels):
    book = make_workbook("Ana")
    book.save_answer("versioning.end_state", {"role": "CPO"})
    before = book.path.read_bytes()
    if levels <= VALUE_DEPTH:
        book.save_answer("a.b", _deep_value(levels))
        book.ship_version()
        assert Workbook("Ana", book.home).version("v1").answers["a.b"] == _deep_value(levels)
        return
    with pytest.raises(UnstorableError) as err:
        book.save_answer("a.b", _deep_value(levels))
    assert f"could not be saved in your workbook {book.path}: it is nested too deeply" in str(err.value)
    assert book.path.read_bytes() == before


@pytest.mark.parametrize("value, words", [
    ({"why": "broken \ud83d emoji"}, "not valid Unicode"),
    ([1.0, float("nan")], "Infinity or NaN"),
    ({"at": float("inf")}, "Infinity or NaN"),
    ({"tags": {"a", "b"}}, "holds a Python set"),
    ({("a", "b"): 1}, "key that is not text"),
    ({1: "one", "1": "uno"}, "key that is not text"),  # JSON would write both as "1": one would be lost
    ({"salary": 10 ** 5000}, "thousands of digits"),  # written, but Python's JSON reader refuses it
])
def test_an_answer_json_cannot_hold_is_a_sentence_and_changes_nothing(make_workbook, value, words):
    book = make_workbook("Ana")
    book.save_answer("versioning.end_state", {"role": "CPO"})
    before = book.path.read_bytes()
    with pytest.raises(UnstorableError, match=words) as err:
        book.save_answer("versioning.end_state", value)
    assert "Everything saved before is unchanged" in str(err.value) and book.path.read_bytes() == before
    with pytest.raises(UnstorableError, match=words):
        book.replace_answers({"versioning.end_state": value})
    assert book.path.read_bytes() == before


# what a view (or a script) may hand the writer: JSON, and Python values JSON has no word for
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(st.characters(), max_size=12)
    | st.sampled_from(["\ud800", float("inf"), frozenset({1})]) | st.builds(pow, st.just(10), st.just(5000)),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=6) | st.integers(0, 3), children, max_size=4),
    max_leaves=20,
)


@FUZZ
@given(VALUES)
def test_fuzz_whatever_the_writer_accepts_reads_back_and_ships(value):
    with tempfile.TemporaryDirectory() as folder:
        book = Workbook("Ana", folder)
        book.save_answer("versioning.end_state", {"role": "CPO"})
        before = book.path.read_bytes()
        try:
            book.save_answer("fuzz.answer", value)
        except UnstorableError as err:
            assert "could not be saved in your workbook" in str(err) and book.path.read_bytes() == before
            event("refused with a sentence")
            return
        event("stored")
        stored = json.loads(json.dumps(value))  # tuples come back as lists
        book.ship_version()
        again = Workbook("Ana", folder)
        assert again.get("fuzz.answer") == stored and again.version("v1").answers["fuzz.answer"] == stored


def test_a_lock_file_that_cannot_be_opened_is_a_sentence_and_changes_nothing(make_workbook):
    book = make_workbook("Ana")
    book.save_answer("versioning.end_state", {"role": "CPO"})
    before = book.path.read_bytes()
    Path(f"{book.path}.lock").unlink()
    Path(f"{book.path}.lock").mkdir()  # say, a sync tool or another user left something there
    with pytest.raises(WorkbookError, match="its lock file .* could not be opened"):
        book.save_answer("versioning.end_state", {"role": "VP"})
    assert book.path.read_bytes() == before


def test_a_workbook_whose_name_is_stored_decomposed_is_still_its_owners(make_workbook):
    book = make_workbook("Zoë")
    book.save_answer("versioning.end_state", {"role": "CPO"})
    data = json.loads(book.path.read_text(encoding="utf-8"))
    book.path.write_text(json.dumps({**data, "participant": unicodedata.normalize("NFD", "Zoë")}), encoding="utf-8")
    assert Workbook("Zoë", book.home).get("versioning.end_state") == {"role": "CPO"}


def test_a_version_note_with_a_broken_character_is_a_sentence_and_changes_nothing(make_workbook):
    book = make_workbook("Ana")
    book.save_answer("versioning.end_state", {"role": "CPO"})
    before = book.path.read_bytes()
    with pytest.raises(UnstorableError, match="The version's note could not be saved.*not valid Unicode"):
        book.ship_version(note="half an emoji \udc00")
    assert book.path.read_bytes() == before and book.versions() == []


# names: one person, one workbook
def test_names_that_differ_by_case_or_space_get_their_own_workbooks(make_workbook):
    books = [make_workbook(name) for name in ("Ana", "ana", "ANA", "Ana B", "Ana_B", "ana b", "ana_b")]
    for book in books:
        book.save_answer("versioning.end_state", {"role": book.participant})
    assert len({b.path for b in books}) == len(books)
    assert len({b.path.name.casefold() for b in books}) == len(books)  # distinct on a laptop that ignores case too
    for book in books:
        assert Workbook(book.participant, book.home).get("versioning.end_state") == {"role": book.participant}


def test_a_workbook_holding_another_name_is_refused_and_left_alone(make_workbook):
    book = make_workbook("Ana")
    book.save_answer("versioning.end_state", {"role": "CPO"})
    copy = book.home / f"{file_stem('Bo')}.json"
    copy.write_bytes(book.path.read_bytes())  # Ana's answers under Bo's file name
    with pytest.raises(WorkbookOwnerError, match="holds the answers of 'Ana', not of 'Bo'"):
        Workbook("Bo", book.home).save_answer("versioning.end_state", {"role": "VP"})
    assert copy.read_bytes() == book.path.read_bytes()
    assert _backups(Workbook("Bo", book.home)) == []


@pytest.mark.parametrize("name", ["ana@example.org", "Ana.Lopez+careers@example.co.uk", "ana\\b", "-dash-first", "0.",
                                  "Ana.", "李雷", "Zoë Ångström", "🙂 smile", "o'brien", "a:b*c?d|e<f>g\"h", "x" * 128])
def test_every_hub_username_works_and_stays_inside_the_folder(make_workbook, isolated_home, name):
    book = make_workbook(name)
    book.save_answer("versioning.end_state", {"role": name})
    assert book.path.parent == isolated_home and book.path.is_file()
    assert Workbook(name, isolated_home).get("versioning.end_state") == {"role": name}
    assert json.loads(book.path.read_text(encoding="utf-8"))["participant"] == name
    assert len(book.path.name.encode()) <= 130 and not set(book.path.name) & set('<>:"/\\|?*')


@pytest.mark.parametrize("device", ["CON", "con", "Nul", "AUX", "PRN", "COM1", "com9", "LPT1", "nul.json", "CON .txt"])
def test_windows_device_names_are_refused_with_a_sentence(device):
    with pytest.raises(ParticipantIdError, match="name devices on Windows"):
        validate_participant(device)


# the hub's own rule (jupyterhub.auth.Authenticator.validate_username), less control characters
HUB_NAMES = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(
    lambda n: "/" not in n and n == n.strip() and set(n) != {"."})


@FUZZ
@given(HUB_NAMES)
def test_fuzz_any_hub_username_maps_to_a_safe_file_name(name):
    try:
        safe = validate_participant(name)
    except ParticipantIdError as err:
        assert "devices on Windows" in str(err)  # the only hub usernames refused
        return
    stem = file_stem(safe)
    assert stem and not stem.startswith((".", "-")) and stem == stem.lower()
    assert not set(stem) & set('<>:"/\\|?*~') and all(32 < ord(c) < 127 for c in stem)
    assert len(stem) <= 120


@FUZZ
@given(HUB_NAMES, HUB_NAMES)
@example("Ana", "ana")
@example("Ana B", "Ana_B")
@example("a b", "a_b")
@example("a+41", "aA")
def test_fuzz_two_different_names_never_share_a_file(first, second):
    try:
        first, second = validate_participant(first), validate_participant(second)
    except ParticipantIdError:
        return
    if unicodedata.normalize("NFC", first) != unicodedata.normalize("NFC", second):
        assert file_stem(first).casefold() != file_stem(second).casefold()


def test_a_learners_existing_lowercase_workbook_is_still_found(isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / "ana_lopez.json").write_text(json.dumps(
        {"schema_version": 2, "participant": "Ana Lopez", "created": "2026-01-15T10:00:00+00:00",
         "answers": {"versioning.end_state": {"value": {"role": "CPO"}, "updated": "2026-01-15T10:00:00+00:00"}}}))
    book = Workbook("Ana Lopez", isolated_home)
    assert book.get("versioning.end_state") == {"role": "CPO"}
    assert book.path.name == "^ana_^lopez.json" and not (isolated_home / "ana_lopez.json").exists()


def test_an_old_shared_file_goes_to_its_owner_and_the_other_name_starts_fresh(isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / "ana.json").write_text(json.dumps(
        {"schema_version": 2, "participant": "Ana", "created": "2026-01-15T10:00:00+00:00",
         "answers": {"versioning.end_state": {"value": {"role": "CPO"}, "updated": "2026-01-15T10:00:00+00:00"}}}))
    assert Workbook("ana", isolated_home).get("versioning.end_state") is None  # "ana" is someone else
    assert Workbook("Ana", isolated_home).get("versioning.end_state") == {"role": "CPO"}


def test_an_old_file_of_someone_else_is_not_taken(isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / "ana.json").write_text(json.dumps(
        {"schema_version": 2, "participant": "ana", "created": "2026-01-15T10:00:00+00:00", "answers": {}}))
    assert Workbook("Ana", isolated_home).answers() == {}
    assert (isolated_home / "ana.json").exists()


def test_an_invalid_participant_in_the_environment_is_a_sentence(monkeypatch):
    monkeypatch.setenv("CAREERKIT_PARTICIPANT", "CON")
    with pytest.raises(ParticipantIdError) as err:
        session.current_participant()
    assert "CAREERKIT_PARTICIPANT" in str(err.value) and isinstance(err.value, CareerkitError)


def test_a_damaged_remembered_name_is_a_sentence(isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / session.CURRENT_FILE).write_bytes(b"\xff\xfe")
    with pytest.raises(ParticipantIdError, match="Type your name again in 00_welcome"):
        session.current_participant()


# file modes
def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_folder_the_kit_makes_is_0700_and_every_file_0600(isolated_home):
    from careerkit.modules import show
    from careerkit.modules.plan.export import export_plan

    session.set_participant("Ana")
    book = session.workbook()
    book.save_answer("versioning.end_state", {"role": "CPO", "builder": "", "horizon_years": 15, "why": ""})
    radar = show("lanes.radar")
    slider = next(iter(radar.current.values()))
    slider.value = 7 if slider.value != 7 else 6  # a change: the radar picture is saved beside the workbook
    export_plan(book, ("html", "md"))
    folders = [p for p in [isolated_home, *isolated_home.rglob("*")] if p.is_dir()]
    files = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert {p.name for p in folders} >= {isolated_home.name, "plans"}
    assert any(p.name.endswith("-radar.png") for p in files) and any(p.suffix == ".md" for p in files)
    assert {str(p.relative_to(isolated_home)): oct(_mode(p)) for p in folders if _mode(p) != 0o700} == {}
    assert {str(p.relative_to(isolated_home)): oct(_mode(p)) for p in files if _mode(p) != 0o600} == {}


def test_an_old_open_kit_folder_is_closed_on_the_next_save(make_workbook, isolated_home):
    isolated_home.mkdir(mode=0o755)
    os.chmod(isolated_home, 0o755)
    make_workbook("Ana").save_answer("versioning.end_state", {"role": "CPO"})
    assert _mode(isolated_home) == 0o700
