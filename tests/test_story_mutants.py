"""The story checker as the participant meets it, pinned down where mutation testing (`make mutate`) found
nothing noticing a change: which numbers count as evidence and which date a claim, the phrase matcher, every
message about a role and about I and we, and the words the checks are given (careerkit.modules.lanes.story)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from careerkit.modules.lanes import story as st

REPLACE = "with something specific: the action you took (I wrote, I decided, I led) or the exact lesson."
HEADING = 'A word or two is a heading, not a claim: write a sentence that starts with "I".'


@pytest.mark.parametrize(("sentence", "numbers"), [
    ("I led 12 people", ["12"]), ("Acme 2000 users", ["2000"]),  # counts
    ("in 2021 I led 12 people", ["12"]), ("I shipped it in 2021 with 5 people", ["5"]),  # "in 2021" dates it
    ("2019-2022 I led 3 teams", ["3"]), ("2019–2022 I led 3 teams", ["3"]), ("hit 2021/2022 targets", []),
    ("launch (2021 budget) went", []), ("launch ( 2021 budget", []), ("Acme (x 2021) more", []),
    ("Acme 2021", []), ("Acme 2021, more", []), ("Acme 2021: more", []), ("Acme 2021; more", []),
    ("Acme 2021. More", []), ("Acme 2021 , more", []), ("Acme 2021-ish", []), ("Acme 2021–22", ["22"]),
    ("Acme 2021/22 plan", ["22"]),
    ("joined in Acme 2021 budget", ["2021"]),  # the word just before decides, not one further back
    ("2021 budget grew", ["2021"]),
])
def test_a_year_dates_a_claim_and_a_count_backs_it(sentence, numbers):
    assert st.find_numbers(sentence) == numbers


def test_the_phrase_matcher_takes_the_longest_phrase_whole_words_any_case():
    pattern = st._phrase_pattern(["Helped", "helped with", " ", "A/B"])
    text = "I helped with X, HELPED them, ran an a/b test; unhelpedful, helped/x, none of it"
    assert pattern.findall(text) == ["helped with", "HELPED", "a/b"]
    assert st._phrase_pattern([]).findall("x (?!x)x none") == []


def test_the_checks_use_the_words_they_are_given():
    mine = st.words().model_copy(update={"number_words": ["umpteen"], "hedges": ["wager"], "vague_phrases": ["zebra"],
                                         "artefacts": ["dossier"]})
    assert st.find_evidence("I hired umpteen", mine).numbers == ["umpteen"]
    assert st.find_evidence("I hired umpteen").numbers == []
    [claim] = st.find_vague_claims("I wager we fed a zebra.", story_words=mine)
    assert claim.suggestion == (f'Say what you did yourself: start with "I", not "we". Replace "zebra" {REPLACE} '
                                "Add a result someone could check: a number (how many, how much, by when), the "
                                "artefact (the spec, the launch), or the outcome (what changed for users or the business).")
    assert st.find_vague_claims("I wrote the dossier.", story_words=mine) == []
    story = st.CareerStory(roles=[st.StoryRole(role="PM at Acme", learned="I wager we fed a zebra.",
                                               achieved="I wrote the dossier.")])
    report = st.check_story(story, mine)
    assert report.counts == st.PronounCount(i=1, we=1, hedged=1)
    assert [(c.field, c.claim.vague_words) for c in report.claims] == [("learned", ["zebra"])]
    default = st.check_story(story)
    assert default.counts == st.PronounCount(i=2, we=1) and default.claims[0].field == "achieved"
    # the sentences too are split with the abbreviations given: "fig." does not end one
    figures = st.words().model_copy(update={"abbreviations": ["fig."]})
    assert [(c.sentence, c.kind) for c in st.find_vague_claims("I helped, see fig. 2.", story_words=figures)] == [
        ("I helped, see fig. 2.", "weak_wording")]


def test_a_word_or_two_is_a_heading_and_a_short_claim_with_its_number_is_fine():
    [claim] = st.find_vague_claims("Shipped it.", require_evidence=False)
    assert (claim.kind, claim.suggestion) == ("weak_wording", HEADING)
    assert st.find_vague_claims("I shipped the new checkout.", require_evidence=False) == []
    assert st.find_vague_claims("Shipped 3.") == []


# the story's messages
def test_story_level_problems_are_named_for_the_story():
    with pytest.raises(ValidationError) as caught:
        st.CareerStory.model_validate({"roles": "x"})
    assert "The story: Input should be a valid list" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        st.CareerStory.model_validate({"roles": [{}] * 13})
    assert [e["msg"] for e in caught.value.errors()] == ["Value error, Keep the story to 12 roles: the most recent ones"]
    with pytest.raises(ValidationError) as caught:
        st.CareerStory.model_validate({"roles": [{"role": 5}, {"achieved": "x" * 3000}]})
    assert ("Role 1, role: Input should be a valid string; Role 2, what I achieved is too long: keep it under 2000 "
            "characters") in str(caught.value)


def role(title="", company="", learned="", achieved=""):
    return st.StoryRole(role=title, company=company, learned=learned, achieved=achieved)


def test_each_role_is_told_what_it_is_missing():
    story = st.CareerStory(roles=[
        role(learned="I learned to listen."), role("PM"), role(), role("Lead", "Acme", achieved="I hired 4 people."),
        role("A very long role title that goes on and on past forty", "X", learned="I learned pricing.",
             achieved="I cut churn by 5%.")])
    report = st.check_story(story)
    assert report.messages[0] == '"I" 4 times against "we" 0: you tell your own part [00:24:30].'
    assert report.messages[1:5] == [
        "Role 1 has no title: name the role, e.g. 'Senior PM, payments'.",
        "Role 1: what did I achieve? The lesson needs its result.",
        "Role 2 (PM) is one word. Add the company or scope ('PM, checkout at a travel start-up'): your next employer "
        "needs to know where you did it.",
        "Role 2 (PM): write what I learned and what I achieved; both are empty.",
    ] and report.messages[5] == "Role 4 (Lead): what did I learn? The result needs its lesson."
    assert len(report.role_counts) == 5 and report.role_counts[2] == st.PronounCount()  # the empty role counts nothing
    assert report.counts.i == 4
    assert st._role_name(5, story.roles[4]) == "Role 5 (A very long role title that goes on and )"  # 40 characters


@pytest.mark.parametrize(("learned", "first", "last"), [
    ("We helped with it.", 'You wrote "we" 1 time and "I" 0 times. Your next employer hires you, not your team: '
     "say what I did, in I-statements [00:24:30].", "1 sentence could be stronger: see the suggestions. Your words "
     "are never changed for you."),
    ("We shipped it. We sold it. I helped.", 'You wrote "we" 2 times and "I" 1 time. Your next employer hires you, '
     "not your team: say what I did, in I-statements [00:24:30].", None),
    ("We shipped it. I sold it.", '"I" 1 times against "we" 1: you tell your own part [00:24:30].', None),
])
def test_i_against_we_is_counted_in_words(learned, first, last):
    report = st.check_story(st.CareerStory(roles=[role("PM at Acme", learned=learned, achieved="")]))
    assert report.messages[0] == first
    if last:
        assert report.messages[-1] == last


@pytest.mark.parametrize(("text", "count"), [
    ("I.E. we did it. I think so. I believe it. I led.", st.PronounCount(i=1, we=1, hedged=2)),
    ("i.e. I led it. I.e., I ran it", st.PronounCount(i=2)),  # "i.e." is no pronoun, and the I after it counts
    ("( i ) I led it", st.PronounCount(i=1)), ("Everyone shipped (so did I) on time", st.PronounCount(i=1)),
    ("I really really really think so", st.PronounCount(i=1)),  # a hedge is looked for three words on, no further
    ("I really just think so. I honestly do believe it.", st.PronounCount(hedged=2)),  # every filler skipped, not one
    ('She said "we did it" and I agreed', st.PronounCount(i=1, quoted_we=1)),
])
def test_i_and_we_are_counted_as_written(text, count):
    assert st.count_pronouns(text) == count


def test_quoted_words_are_blanked_to_their_length():
    assert st.without_quotes('a "we" b') == "a      b"
