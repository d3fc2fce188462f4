"""The room's pure rules, called directly (no database, no server): what a body may be, which exercises and
values the room accepts, and what an unquoted answer keeps. The HTTP tests meet the same rules through a socket."""

from __future__ import annotations

import pytest

from careerkit.errors import RoomError
from careerkit.room import answers as checks
from careerkit.room.limits import MAX_BODY_BYTES, MAX_DEPTH, nesting_depth, parse_body


def refused(call, status, code):
    with pytest.raises(RoomError) as caught:
        call()
    assert (caught.value.status, caught.value.code) == (status, code), caught.value.message
    return caught.value.message


# the body: size, encoding, nesting, JSON
@pytest.mark.parametrize(("text", "depth"), [
    ("", 0), ("1", 0), ("[]", 1), ("{}", 1), ("[[], {}]", 2), ('{"a": [{"b": [1]}]}', 4),
    ('"[[[["', 0),  # brackets inside a string are text
    ('["\\"[[["]', 1),  # an escaped quote does not end the string
    ('["\\\\", [[1]]]', 3),  # an escaped backslash does: the brackets after it count
    ("[][][]", 1), ("[[]][[[]]]", 3),  # the deepest point, not the number of brackets
    ("[X[]]", 2), ("XXXX", 0),  # only brackets count
])
def test_nesting_depth_counts_the_deepest_bracket_and_skips_strings(text, depth):
    assert nesting_depth(text, 100) == depth


def test_nesting_depth_stops_counting_just_past_the_limit():
    assert nesting_depth("[" * 1000, 5) == 6
    assert nesting_depth("[" * 5 + "]" * 5, 5) == 5


def test_a_body_at_the_caps_is_read_and_one_past_them_is_refused_with_a_sentence():
    nested = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    expected: list = []
    for _ in range(MAX_DEPTH - 1):
        expected = [expected]
    assert parse_body(nested) == expected  # 16 levels: the deepest answer fits
    message = refused(lambda: parse_body("[" + nested + "]"), 400, "too_deep")
    assert message == "The request nests more than 16 levels deep; nothing was stored."
    assert parse_body(b'{"a": [1, 2]}', max_depth=2) == {"a": [1, 2]}
    refused(lambda: parse_body('{"a": [[1]]}', max_depth=2), 400, "too_deep")

    full = '"' + "x" * (MAX_BODY_BYTES - 2) + '"'
    assert parse_body(full.encode()) == "x" * (MAX_BODY_BYTES - 2)
    message = refused(lambda: parse_body((full + " ").encode()), 413, "too_large")
    assert message == "The request is larger than 64 kB; nothing was stored."
    assert refused(lambda: parse_body(b"[1, 2]", max_bytes=5), 413, "too_large") == (
        "The request is larger than 0 kB; nothing was stored.")
    assert parse_body(b"[1,2]", max_bytes=5) == [1, 2]


def test_a_body_that_is_not_utf8_or_not_json_is_one_clear_refusal():
    assert parse_body("{\"name\": \"Zoë\"}".encode()) == {"name": "Zoë"}
    assert parse_body('{"name": "Zoë"}') == {"name": "Zoë"}  # text as it came
    assert refused(lambda: parse_body(b"\xff\xfe\x00"), 400, "not_utf8") == (
        "The request is not UTF-8 text; nothing was stored.")
    assert refused(lambda: parse_body(b"{not json"), 400, "not_json") == (
        "The request is not valid JSON; nothing was stored.")
    refused(lambda: parse_body(""), 400, "not_json")
    refused(lambda: parse_body("X" * 40), 400, "not_json")  # not JSON, however many letters: not "too deep"


# which exercises, which values
@pytest.mark.parametrize(("key", "status", "code"), [
    (7, 400, "bad_key"), ("", 400, "bad_key"), ("versioning", 400, "bad_key"), ("Versioning.Roadmap", 400, "bad_key"),
    ("versioning." + "x" * 60, 400, "bad_key"),  # 71 characters: past the 64 a key may have
    ("versioning.nothing_here", 404, "unknown_exercise"), ("act3.rabbit", 403, "private_exercise"),
])
def test_a_key_the_room_does_not_take_is_refused_and_not_shareable(key, status, code):
    message = refused(lambda: checks.check_key(key), status, code)
    assert message.endswith(".") and (code == "bad_key" or f"'{key}'" in message)
    assert checks.is_shareable(key) is False


def test_the_refusals_name_the_exercise_and_what_to_do():
    assert refused(lambda: checks.check_key("act3.rabbit"), 403, "private_exercise") == (
        "'act3.rabbit' is private by design: its answers are never shared.")
    assert refused(lambda: checks.check_key("versioning.nothing_here"), 404, "unknown_exercise") == (
        "The kit has no exercise 'versioning.nothing_here'.")
    assert refused(lambda: checks.check_key("a.b"), 404, "unknown_exercise") == "The kit has no exercise 'a.b'."
    assert refused(lambda: checks.check_key("Versioning.Roadmap"), 400, "bad_key") == (
        "An exercise is named like 'versioning.roadmap'.")


def test_a_key_of_64_characters_is_a_key():
    key = "versioning." + "x" * 53
    assert len(key) == 64
    refused(lambda: checks.check_key(key), 404, "unknown_exercise")  # read, then not found: not a malformed key


def test_the_shareable_exercises_are_the_kits_own():
    assert checks.is_shareable("versioning.stay_or_go") is True
    assert checks.is_shareable("lanes.story") is True


def test_a_value_that_does_not_fit_is_refused_naming_the_field():
    stay = {"learning_left": 6, "story_value": 7, "cost": "lots", "short_term_reasons": ["boss"], "notes": ""}
    message = refused(lambda: checks.check_answer("versioning.stay_or_go", stay, quote=True), 422, "invalid_answer")
    assert message.startswith("The answer does not fit 'versioning.stay_or_go' (cost: ")
    assert message.endswith("); nothing was stored.")
    message = refused(lambda: checks.check_answer("versioning.stay_or_go", "lots", quote=True), 422, "invalid_answer")
    assert "(the answer: " in message


def test_at_most_five_problems_are_named_each_by_its_place():
    bad = {"learning_left": "a", "story_value": "b", "cost": "c", "short_term_reasons": [4, 5], "notes": 5}
    message = refused(lambda: checks.check_answer("versioning.stay_or_go", bad, quote=True), 422, "invalid_answer")
    integer = "Input should be a valid integer, unable to parse string as an integer"
    assert message == (
        f"The answer does not fit 'versioning.stay_or_go' (learning_left: {integer}; story_value: {integer}; "
        f"cost: {integer}; short_term_reasons.0: Input should be a valid string; short_term_reasons.1: Input should "
        "be a valid string); nothing was stored.")  # the sixth problem (notes) is left for the next try


def test_a_key_of_65_characters_is_not_a_key():
    refused(lambda: checks.check_key("versioning." + "x" * 54), 400, "bad_key")


def test_an_exercise_without_an_answer_model_is_not_shared_and_one_not_marked_private_is(monkeypatch):
    class NoModel:
        pass

    class Plain:  # no "shareable" at all: shareable, as every exercise is unless it says otherwise
        Model = dict

    monkeypatch.setattr(checks, "_view", lambda key: NoModel)
    assert refused(lambda: checks.check_key("versioning.roadmap"), 404, "unknown_exercise") == (
        "'versioning.roadmap' is not an exercise whose answers can be shared.")
    monkeypatch.setattr(checks, "_view", lambda key: Plain)
    checks.check_key("versioning.roadmap")
    assert checks.is_shareable("versioning.roadmap") is True


# what an unquoted answer keeps
def test_an_unquoted_story_keeps_its_shape_and_loses_every_typed_word():
    story = {"roles": [{"role": "PM", "company": "Acme", "learned": "Patience", "achieved": "Shipped"},
                       {"role": "Lead", "company": "", "learned": "", "achieved": "Hired 4"}]}
    assert checks.check_answer("lanes.story", story, quote=True) == story
    assert checks.check_answer("lanes.story", story, quote=False) == {"roles": [
        {"role": "", "company": "", "learned": "", "achieved": ""},
        {"role": "", "company": "", "learned": "", "achieved": ""}]}


def test_an_unquoted_answer_keeps_its_choices_and_numbers():
    stay = {"learning_left": 6, "story_value": 7, "cost": 4, "short_term_reasons": ["boss"], "notes": "My boss, Sam"}
    kept = checks.check_answer("versioning.stay_or_go", stay, quote=False)
    assert kept == dict(stay, notes="")
    assert checks.check_answer("versioning.stay_or_go", stay, quote=True) == stay


def test_redact_walks_models_lists_and_dicts_and_leaves_the_rest():
    from pydantic import BaseModel, Field

    class Row(BaseModel):
        said: str = Field("", max_length=10, title="Said")
        tag: str = "kept"  # a choice, not typed: no title, no length cap

    class Answer(BaseModel):
        rows: list[Row] = []
        by_name: dict[str, Row] = {}
        pair: tuple[Row, Row] | None = None
        note: str = Field("", max_length=10, title="Note")
        label: str = Field("", title="Label")  # titled but uncapped: not typed text

    answer = Answer(rows=[Row(said="a", tag="t")], by_name={"x": Row(said="b")}, pair=(Row(said="c"), Row()),
                    note="n", label="l")
    dumped = answer.model_dump(mode="json")
    assert checks.redact(answer, dumped) == {
        "rows": [{"said": "", "tag": "t"}], "by_name": {"x": {"said": "", "tag": "kept"}},
        "pair": [{"said": "", "tag": "kept"}, {"said": "", "tag": "kept"}], "note": "", "label": "l"}
    assert dumped["note"] == "n"  # the dump itself is not changed
    partial = {"note": "n", "extra": "e"}
    assert checks.redact(answer, partial) == {"note": "", "extra": "e"}  # a field not dumped is not added
    assert checks.redact({"a": Row(said="s")}, {"a": {"said": "s", "tag": "t"}, "b": 2}) == {
        "a": {"said": "", "tag": "t"}, "b": 2}
    assert checks.redact("text", "text") == "text"
    assert checks.redact([Row(said="s")], "not a list") == "not a list"
    assert checks.redact({"a": "s"}, ["s"]) == ["s"] and checks.redact(["s"], {"a": "s"}) == {"a": "s"}
    assert checks._typed_text_fields(Answer) == frozenset({"note"})


# what the live view gets for one exercise
STAY = {"learning_left": 6, "story_value": 7, "cost": 4, "short_term_reasons": ["boss"], "notes": ""}


def row(participant, notes, quote, revealed=False):
    return {"participant": participant, "value": dict(STAY, notes=notes), "quote": quote, "quote_revealed": revealed}


def test_the_summary_quotes_only_those_who_allowed_it_in_their_order():
    from careerkit.room.summary import summarise

    rows = [row("p-1", "Not for quoting, these words", False), row("p-2", "My boss says  these several words", True, True),
            row("p-3", "", True), row("p-4", "Another one of these words", True)]
    assert summarise("versioning.stay_or_go", rows, 2) == {"distributions": [], "quotes": [
        {"participant": "p-2", "revealed": True, "texts": ["My boss says these several words"]},
        {"participant": "p-4", "revealed": False, "texts": ["Another one of these words"]}]}


def test_the_summary_draws_the_charts_unless_they_are_held():
    from careerkit.content import demo_answers
    from careerkit.room.summary import summarise

    ratings = demo_answers()["lanes.ratings"]
    rows = [{"participant": f"p-{n}", "value": ratings, "quote": False, "quote_revealed": False} for n in range(3)]
    shown = summarise("lanes.ratings", rows, 3)
    assert [(d["title"], d["respondents"]) for d in shown["distributions"]] == [("The lane each person picked", 3)]
    assert shown["quotes"] == []
    assert summarise("lanes.ratings", rows, 3, charts=False) == {"distributions": [], "quotes": []}
