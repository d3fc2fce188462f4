"""The career story checker and the press release, read as a participant would meet them."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as hs
from pydantic import ValidationError

from careerkit.modules.lanes import press_release as pr
from careerkit.modules.lanes import story as st
from careerkit.ui.exercise import friendly_errors

# I against we


@pytest.mark.parametrize(
    ("text", "i", "we"),
    [
        ("I led the redesign of checkout.", 1, 0),
        ("We shipped the new onboarding flow.", 0, 1),
        ("i rewrote the pricing page after we lost two deals.", 1, 1),
        ("WE launched in May; I ran the beta.", 1, 1),
        ("I'm proud of it, we've grown since, and I'd do it again.", 2, 1),
        ("I’ve owned the roadmap; we’re hiring now.", 1, 1),  # curly apostrophes
        ("Weekly reviews with Wei went well. Wednesday we met.", 0, 1),  # 'we' only as a word
        ("i.e. the app, not the website.", 0, 0),
        ("Options: (i) keep it, (ii) kill it.", 0, 0),
    ],
)
def test_counts_i_and_we_in_any_case_and_contraction(text, i, we):
    count = st.count_pronouns(text)
    assert (count.i, count.we) == (i, we)


def test_we_inside_a_quote_is_someone_elses():
    count = st.count_pronouns('My manager said "we would never have shipped without her" and I kept the job.')
    assert (count.i, count.we, count.quoted_we) == (1, 0, 1)


def test_we_inside_curly_quotes_is_also_set_apart():
    count = st.count_pronouns("The CEO wrote “we owe this launch to the payments team”. We celebrated.")
    assert (count.we, count.quoted_we) == (1, 1)


@pytest.mark.parametrize(
    "text",
    ["I think the launch went well.", "i believe we were right.", "I really think so.", "I kind of feel it worked."],
)
def test_i_think_is_a_hedge_not_an_i_statement(text):
    count = st.count_pronouns(text)
    assert count.i == 0
    assert count.hedged == 1


def test_i_thought_through_the_plan_still_counts_as_doing():
    count = st.count_pronouns("I wrote the plan and I thinned the backlog by half.")
    assert (count.i, count.hedged) == (2, 0)


# sentences and evidence


def test_sentences_split_on_full_stops_but_not_on_abbreviations_or_decimals():
    text = "I grew activation 3.5x, e.g. in Spain. Then I left! Did it work?\n- I wrote the spec"
    assert st.split_sentences(text) == [
        "I grew activation 3.5x, e.g. in Spain.", "Then I left!", "Did it work?", "I wrote the spec",
    ]


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("I cut churn by 18% in 2024.", ["18%"]),
        ("In 2023 I ran the payments team.", []),
        ("From 2019-2022 I owned search.", []),
        ("I signed up 2000 users in a week.", ["2000"]),
        ("I saved $2M a year.", ["$2M"]),
        ("Conversion rose 3x.", ["3x"]),
        ("I hired three engineers.", ["three"]),
        ("I planned Q3.", []),
    ],
)
def test_numbers_that_measure_a_claim_but_not_dates(sentence, numbers):
    assert st.find_numbers(sentence) == numbers


@pytest.mark.parametrize(
    "sentence",
    [
        "I helped with various things for the team.",
        "We were involved in lots of projects.",
        "I worked on payments.",
        "Stuff.",
        "In 2023 I was responsible for onboarding.",
    ],
)
def test_vague_claims_without_a_result_are_flagged_with_a_suggestion(sentence):
    claims = st.find_vague_claims(sentence)
    assert len(claims) == 1
    assert claims[0].kind == "no_evidence"
    assert "a number" in claims[0].suggestion


@pytest.mark.parametrize(
    "sentence",
    [
        "I cut failed payments by 18%.",
        "I launched split payments in two markets.",
        "I wrote the PRD for the new pricing page.",
        "Churn dropped after I rebuilt the cancellation flow.",
    ],
)
def test_claims_with_a_number_artefact_or_outcome_pass(sentence):
    assert st.find_vague_claims(sentence) == []


def test_vague_wording_is_named_even_when_there_is_evidence():
    [claim] = st.find_vague_claims("I helped with the launch.")
    assert claim.kind == "weak_wording"
    assert claim.vague_words == ["helped with"]
    assert 'Replace "helped with"' in claim.suggestion


def test_a_we_sentence_gets_the_i_statement_suggestion():
    [claim] = st.find_vague_claims("We worked on it.")
    assert 'start with "I"' in claim.suggestion


def test_lessons_need_no_number_but_vague_lessons_are_named():
    assert st.find_vague_claims("I learned to talk to customers every week.", require_evidence=False) == []
    [claim] = st.find_vague_claims("I learned a lot.", require_evidence=False)
    assert claim.vague_words == ["a lot"]


def test_the_checker_never_changes_the_sentence():
    text = "we did stuff <b>here</b>."
    [claim] = st.find_vague_claims(text)
    assert claim.sentence == text


# the whole story


def test_an_empty_story_gets_a_message_not_an_error():
    report = st.check_story(st.CareerStory(roles=[st.StoryRole()]))
    assert report.messages == [
        "Your story is empty. Start with the role you hold now: what I learned, what I achieved [00:24:30]."
    ]


def test_a_one_word_role_is_asked_for_where():
    report = st.check_story(st.CareerStory(roles=[st.StoryRole(role="PM", learned="I learned SQL.", achieved="I shipped search.")]))
    assert any("is one word" in m for m in report.messages)
    with_company = st.StoryRole(role="Founder", company="A climate start-up", learned="I learned sales.", achieved="I raised $1M.")
    assert not any("one word" in m for m in st.check_story(st.CareerStory(roles=[with_company])).messages)


def test_more_we_than_i_is_named_with_the_counts():
    story = st.CareerStory(roles=[st.StoryRole(
        role="Senior PM, growth", learned="We learned to test weekly.", achieved="We grew activation 20%. I ran the tests. We won.",
    )])
    report = st.check_story(story)
    assert (report.counts.i, report.counts.we) == (1, 3)
    assert report.messages[0].startswith('You wrote "we" 3 times and "I" 1 time.')


def test_flagged_claims_say_which_role_and_part():
    story = st.CareerStory(roles=[
        st.StoryRole(role="APM", company="Travel", learned="I learned pricing.", achieved="I shipped the app."),
        st.StoryRole(role="PM", company="Bank", learned="I learned a lot.", achieved="I supported the team."),
    ])
    report = st.check_story(story)
    assert [(c.role_number, c.field) for c in report.claims] == [(2, "learned"), (2, "achieved")]


def test_missing_parts_of_a_role_are_named():
    report = st.check_story(st.CareerStory(roles=[st.StoryRole(role="PM, search", company="Acme", learned="I learned ranking.")]))
    assert "Role 1 (PM, search): what did I achieve? The lesson needs its result." in report.messages


def test_a_story_too_long_names_the_role_and_the_box():
    with pytest.raises(ValidationError) as err:
        st.CareerStory.model_validate({"roles": [{"role": "PM"}, {"role": "PM", "learned": "x" * 2001}]})
    assert friendly_errors(err.value, st.CareerStory) == (
        "Your story: Role 2, what I learned is too long: keep it under 2000 characters."
    )
    with pytest.raises(ValidationError) as err:
        st.CareerStory(roles=[st.StoryRole()] * 13)
    assert "Keep the story to 12 roles" in friendly_errors(err.value, st.CareerStory)


# the press release


def release(**kw) -> pr.PressRelease:
    base = dict(
        headline="Payments PM goes deep on growth", subheadline="I cut failed payments by 18%.",
        story_so_far="I launched split payments.\n\nI learned to read a funnel.", quote="She makes funnels simple.",
        quote_by="Her manager", whats_next="Growth lead at a climate company.",
    )
    base.update(kw)
    return pr.PressRelease(**base)


def test_markdown_has_every_part_in_order():
    md = pr.press_release_markdown(release())
    assert md.splitlines()[0] == "# Payments PM goes deep on growth"
    assert md.index("*I cut failed payments by 18%.*") < md.index("## The story so far") < md.index("> “She makes")
    assert "> — Her manager" in md and md.rstrip().endswith("Growth lead at a climate company.")


def test_html_escapes_every_piece_of_learner_text():
    evil = '<script>alert("x")</script>'
    out = pr.press_release_html(release(headline=evil, quote=evil, quote_by=evil, story_so_far=evil, whats_next=evil))
    assert "<script>" not in out
    assert out.count(html.escape(evil)) == 5


def test_an_empty_press_release_renders_nothing_and_asks_for_a_headline():
    empty = pr.PressRelease()
    assert pr.press_release_markdown(empty) == "" and pr.press_release_html(empty) == ""
    assert pr.check_press_release(empty) == [
        "Start with the headline: who you are and the lane you own, in one line (kit's own, building on [00:25:01])."
    ]


def test_press_release_checks_name_we_language_and_a_proofless_subheadline():
    problems = pr.check_press_release(
        release(subheadline="We did great things together.", story_so_far="We launched split payments.", quote="")
    )
    assert "A quote is empty." in problems
    assert any(p.startswith('"we"') for p in problems)
    assert "The sub-headline has no number, artefact or outcome: make it the proof." in problems


def test_a_long_headline_is_named():
    problems = pr.check_press_release(release(headline=" ".join(["word"] * 15)))
    assert "The headline has 15 words: can you say it in 12 or fewer (kit's own rule of thumb)?" in problems


def test_draft_uses_the_story_and_the_lane():
    story = st.CareerStory(roles=[
        st.StoryRole(role="APM", company="Travel", achieved="I shipped the mobile checkout."),
        st.StoryRole(role="PM, payments", company="Fintech", achieved="I cut failed payments by 18%. I hired two PMs."),
    ])
    draft = pr.draft_press_release(story, "Growth")
    assert draft.headline == "PM, payments, building world-class expertise in growth"
    assert draft.subheadline == "I cut failed payments by 18%."
    assert draft.story_so_far.startswith("As APM at Travel: I shipped the mobile checkout.")
    assert "growth" in draft.whats_next


@given(hs.text(max_size=300))
def test_the_checker_accepts_any_text(text):
    count = st.count_pronouns(text)
    assert min(count.i, count.we, count.hedged, count.quoted_we) >= 0
    for claim in st.find_vague_claims(text):
        assert claim.sentence.strip() and claim.sentence in text  # the participant's words, never rewritten


@given(hs.text(max_size=200))
def test_press_release_html_never_lets_markup_through(text):
    out = pr.press_release_html(pr.PressRelease(headline=text, story_so_far=text, quote=text))
    stripped = out
    for tag in ("<article class='ck-press-release'>", "</article>", "<h1>", "</h1>", "<h2>", "</h2>", "<p>", "</p>",
                "<br>", "<blockquote>", "</blockquote>"):
        stripped = stripped.replace(tag, "")
    assert "<" not in stripped and ">" not in stripped
