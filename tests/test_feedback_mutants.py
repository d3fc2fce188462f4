"""How feedback's words are matched, pinned down where mutation testing (`make mutate`) found nothing noticing a
change: the text normalised, the stems (English and Spanish), the words in order with a gap, a strength's ideas, the
drill's loops and means, open and closed questions, and a facilitator's own content read as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerkit.modules.feedback import domain as fb
from careerkit.modules.feedback import drill as dr


@pytest.fixture(autouse=True)
def words_matched_afresh():
    """Every test stems its words afresh. Stems, stop words, synonym groups and content ids are cached per process,
    and mutation testing forks each run from a process that already ran every test: a test reading an earlier
    test's cached stems would pass whatever the stemmer now does."""
    for cached in (fb._stem, fb._known_in, fb._stops_in, fb._groups_in):
        cached.cache_clear()


def test_text_is_lower_cased_with_straight_apostrophes_and_hyphens_as_spaces():
    assert fb.normalise("Don‘t RE-use it’s") == "don't re use it's"
    assert fb.mentions("We re-use the old spec", "use")


@pytest.mark.parametrize(("word", "root"), [
    ("gas", "gas"), ("bus", "bus"), ("its", "its"),  # three letters are left alone
    ("seeing", "see"), ("running", "run"), ("calls", "call"), ("interrupted", "interrupt"), ("ana's", "ana"),
    ("'quoted'", "quot"),
    # a word of four letters is stemmed too ("asks" is "ask", "make" is "making"); a suffix leaving fewer than
    # three letters stays ("thing" is not "th"); "ss", "is" and a final "e" as the stemmer knows them
    ("asks", "ask"), ("make", "mak"), ("making", "mak"), ("thing", "thing"), ("things", "thing"),
    ("process", "process"), ("analysis", "analysis"), ("decide", "decid"), ("decided", "decid"),
])
def test_stems(word, root):
    assert fb.stem(word) == root


def test_a_texts_ideas_skip_stop_words_and_words_of_two_letters():
    assert fb.concepts("the sky ox bananas") == {"sky", "banana"}
    assert fb.concepts("and with from") == set()


def test_phrase_words_are_found_in_order_with_at_most_one_word_between():
    assert fb._contains(("a", "x", "x", "a", "b"), ("a", "b"))  # the first "a" leads nowhere, the second does
    assert fb._contains(("a", "x", "b", "c"), ("a", "b", "c"))  # one word between a and b, none between b and c
    assert not fb._contains(("a", "x", "b", "x", "x", "c"), ("a", "b", "c"))
    assert not fb._contains(("b", "a"), ("a", "b")) and not fb._contains(("a", "b"), ())


def test_a_strength_naming_a_superpower_keeps_its_own_words_too():
    found = fb.strength_concepts("Great collaborator and bananas")
    assert {"banana", "collaborator", "consensus"} <= found


# Spanish stems
def test_a_spanish_past_tense_typed_without_its_accent_meets_the_infinitive(es):
    assert fb.mentions("Le pedí más tiempo", "pedir") and fb.mentions("Le pedi más tiempo", "pedir")
    assert fb.mentions("Subi la propuesta tarde", "subir")


def test_a_short_spanish_stem_keeps_its_i(es):
    """'leí' (I read) is not the pronoun 'le'."""
    assert not fb.mentions("Le di el informe", "leí el informe")
    assert fb.mentions("Leí el informe", "leí el informe")


def test_a_spanish_word_in_single_quotes_is_the_word(es):
    assert fb.mentions("Me dijiste 'interrumpes' dos veces", "interrumpir")


def test_stop_words_follow_a_change_of_language(monkeypatch):
    """A kernel that matched English words and then shows a Spanish notebook leaves Spanish stop words out."""
    english = fb.ContradictionLog(strengths=["Good for the team"], items=[fb.FeedbackItem(about="The team trusts me")])
    assert fb.find_contradictions(english).cells == [["contradicts"]]
    monkeypatch.setenv("CAREERKIT_LANG", "es")
    spanish = fb.ContradictionLog(strengths=["Bueno para escuchar"], items=[fb.FeedbackItem(about="No sirve para nada")])
    assert fb.find_contradictions(spanish).cells == [[""]]  # "para" (for) is all they share


# a facilitator's own content (CAREERKIT_CONTENT)
def coach_content(tmp_path, monkeypatch, *changes: tuple[str, str]) -> None:
    """A facilitator's copy of feedback's content file, each ``(old, new)`` of ``changes`` replaced."""
    folder = tmp_path / "coach"
    folder.mkdir()
    text = Path(fb.__file__).with_name("content.toml").read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (folder / "feedback.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(folder))


MENTOR = """cues = ["story", "detail", "number", "accurate", "wrong"]

[[superpowers]]
id = "mentor"
label = "Patient mentor"
shadow = "Might do the work for others"
origin = "kit"
"""


def test_a_superpower_the_facilitator_adds_can_be_chosen(tmp_path, monkeypatch):
    """Chosen after the shipped list was read; the facilitator's superpower, of the kit's own origin, is shown
    with its origin's marker where a source superpower shows its timestamp."""
    assert [p.superpower for p in fb.Shadows(superpowers=["growth"]).pairs] == ["Excellent at growth"]
    coach_content(tmp_path, monkeypatch, ('cues = ["story", "detail", "number", "accurate", "wrong"]\n', MENTOR))
    pairs = fb.Shadows(superpowers=["mentor"], ratings={"mentor": "right"}).pairs
    assert [(p.superpower, p.shadow, p.timestamp) for p in pairs] == [
        ("Patient mentor", "Might do the work for others", "(kit's own)")]  # cited by its origin: it has no timestamp


def test_a_facilitator_s_base_rate_is_said_as_written(tmp_path, monkeypatch):
    """A cause the facilitator puts at 0.6 is said at 60%, where nothing the learner answered points."""
    coach_content(tmp_path, monkeypatch, ("base_rate = 0.5\n", "base_rate = 0.6\n"),
                  ("base_rate = 0.1666\n", "base_rate = 0.0666\n"))
    first = fb.diagnose({})[0]
    assert (first.id, first.base_rate) == ("development_area", 60.0)
    assert first.reasons == ["No answer points here: it ranks on its base rate (60%)."]


def test_without_clause_joiners_pair_feedback_is_cut_at_sentence_ends_only(tmp_path, monkeypatch):
    coach_content(tmp_path, monkeypatch, ('clause_joiners = ["and", "but"]', "clause_joiners = []"))
    points = dr.points_from_text("You go quiet in planning, then you disagree in the hallway. Ask me first!")
    assert [p.label for p in points] == ["You go quiet in planning, then you disagree in the hallway", "Ask me first"]


# the drill
def test_after_fifty_loops_the_drill_says_fifty():
    drill = dr.PairDrill()
    for _ in range(dr.PAIR_LOOP_LIMIT):
        drill.repeat_back("You said I rush the review.", "You rush the review.")
        drill.not_quite()
    with pytest.raises(dr.DrillStepError, match="^50 loops on one piece of feedback"):
        drill.repeat_back("You said I rush the review.", "You rush the review.")


def test_the_mean_drill_score_has_one_decimal():
    log = dr.RepeatBackLog(history=[dr.Attempt(mode="solo", text="x", score=s) for s in (100, 50, 50)])
    assert dr.drill_summary(log)["mean_score"] == 66.7


# open and closed questions
@pytest.mark.parametrize(("question", "closed"), [
    ("Sobre la revisión, ¿qué cambiarías?", False),  # the lead-in before the '¿' is not the question
    ("¿Qué opinas del plan? ¿Te gustó?", False),  # read from the first '¿', not the last
    ("¿¿Te pareció bien la revisión?", True),  # a '¿' typed twice
    ("Sobre la revisión, ¿?", False),  # no words after the '¿': nothing to call closed
])
def test_a_spanish_question_is_read_from_its_first_opener(es, question, closed):
    assert dr.is_closed(question) is closed
