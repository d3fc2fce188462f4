"""How feedback's words are matched, pinned down where mutation testing (`make mutate`) found nothing noticing a
change: the text normalised, the stems, the words in order with a gap, and a strength's ideas."""

from __future__ import annotations

import pytest

from careerkit.modules.feedback import domain as fb


def test_text_is_lower_cased_with_straight_apostrophes_and_hyphens_as_spaces():
    assert fb.normalise("Don‘t RE-use it’s") == "don't re use it's"
    assert fb.mentions("We re-use the old spec", "use")


@pytest.mark.parametrize(("word", "root"), [
    ("gas", "gas"), ("bus", "bus"), ("its", "its"),  # three letters are left alone
    ("seeing", "see"), ("running", "run"), ("calls", "call"), ("interrupted", "interrupt"), ("ana's", "ana"),
    ("'quoted'", "quot"),
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
