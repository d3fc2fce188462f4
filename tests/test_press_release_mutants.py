"""The press release as the participant gets it: the page's exact HTML, every check's sentence at its edge, and
the draft made from their story (careerkit.modules.lanes.press_release; found by mutation testing, `make mutate`)."""

from __future__ import annotations

from careerkit.modules.lanes import press_release as pr
from careerkit.modules.lanes import story as st

SAYS_EMPTY = ["A quote is empty.", "What is next is empty."]


def test_the_html_page_of_a_whole_press_release():
    release = pr.PressRelease(
        headline="Payments PM goes deep on growth", subheadline="I cut failed payments by 18%.",
        story_so_far="I started at a travel start-up.\nI learned to listen.\n\n  Then I moved to payments.  ",
        quote='"She turns a messy funnel into a plan."', quote_by="Her manager", whats_next="Growth lead next.")
    assert pr.press_release_html(release) == (
        "<article class='ck-press-release'>"
        "<h1>Payments PM goes deep on growth</h1>"
        "<p class='subheadline'><em>I cut failed payments by 18%.</em></p>"
        "<h2>The story so far</h2><p>I started at a travel start-up.<br>I learned to listen.</p><p>Then I moved to payments.</p>"
        "<blockquote><p>“She turns a messy funnel into a plan.”</p><footer>— Her manager</footer></blockquote>"
        "<h2>What is next</h2><p>Growth lead next.</p>"
        "</article>")


def test_a_quote_said_by_nobody_has_no_footer_and_keeps_its_own_letters():
    release = pr.PressRelease(quote="Xavier says we ship on Fridays", quote_by="  ")
    assert pr.press_release_html(release) == (
        "<article class='ck-press-release'><blockquote><p>“Xavier says we ship on Fridays”</p></blockquote></article>")
    assert pr.press_release_html(pr.PressRelease(quote="‘ Quoted twice ’")) == (
        "<article class='ck-press-release'><blockquote><p>“Quoted twice”</p></blockquote></article>")


# the checks
def test_a_headline_of_12_words_is_short_enough_and_13_is_not():
    twelve = pr.PressRelease(headline=" ".join(["I"] * 12), subheadline="I cut costs by 18%.", story_so_far="I shipped it.",
                             quote="Q", whats_next="I lead.")
    assert pr.check_press_release(twelve) == []
    thirteen = twelve.model_copy(update={"headline": " ".join(["I"] * 13)})
    assert pr.check_press_release(thirteen) == [
        "The headline has 13 words: can you say it in 12 or fewer (kit's own rule of thumb)?"]


def test_as_many_we_as_i_is_not_we_language_and_one_more_we_is():
    release = pr.PressRelease(headline="We lead", subheadline="We cut costs by 18%.", story_so_far="I shipped it.",
                              quote="Q", whats_next="I lead.")
    assert pr.check_press_release(release) == []  # 2 we, 2 I
    more = release.model_copy(update={"whats_next": "We lead."})
    assert pr.check_press_release(more) == [
        '"we" 3 times and "I" 1: a press release for your career is about you [00:24:30].']


def test_at_most_three_vague_claims_are_named_each_cut_at_80_characters():
    long = "I helped with the " + "very " * 20 + "long project."
    release = pr.PressRelease(headline="H", subheadline="I cut costs by 18%.", quote="Q", whats_next="Next.",
                              story_so_far=f"{long} I did many things. I supported them. I worked on it.")
    replace = "with something specific: the action you took (I wrote, I decided, I led) or the exact lesson."
    assert pr.check_press_release(release) == [
        f'"{long[:80]}": Replace "helped with" {replace}',
        f'"I did many things.": Replace "many things" {replace}',
        f'"I supported them.": Replace "supported" {replace}',
    ]


def test_the_sub_headline_and_the_story_are_read_as_separate_sentences():
    release = pr.PressRelease(headline="H", subheadline="I helped with pricing", story_so_far="I shipped it.",
                              quote="Q", whats_next="Next.")
    assert pr.check_press_release(release) == [
        '"I helped with pricing": Replace "helped with" with something specific: the action you took (I wrote, '
        "I decided, I led) or the exact lesson.",
        "The sub-headline has no number, artefact or outcome: make it the proof."]


def test_the_checks_use_the_words_they_are_given():
    mine = st.words().model_copy(update={"hedges": ["wager"], "vague_phrases": ["zebra"], "artefacts": ["dossier"]})
    release = pr.PressRelease(headline="I wager we win", subheadline="We wrote the dossier",
                              story_so_far="We fed a zebra.", quote="Q", whats_next="Next.")
    assert pr.check_press_release(release, mine) == [
        '"we" 3 times and "I" 0: a press release for your career is about you [00:24:30].',
        '"We fed a zebra.": Say what you did yourself: start with "I", not "we". Replace "zebra" with something specific: the action you took (I wrote, I decided, I led) '
        "or the exact lesson."]
    assert pr.check_press_release(release) == [  # the kit's own words: no such hedge, vague word or artefact
        '"we" 3 times and "I" 1: a press release for your career is about you [00:24:30].',
        "The sub-headline has no number, artefact or outcome: make it the proof."]


# the draft from the story
def role(title="", company="", achieved="", learned=""):
    return st.StoryRole(role=title, company=company, achieved=achieved, learned=learned)


def test_the_draft_names_each_role_with_its_company_only_when_there_is_one():
    story = st.CareerStory(roles=[
        role("APM", "", "I shipped checkout."), role("", "Acme", "I ran the pilot."),
        role("PM", "Fintech", "I cut failures by 18%. I hired two PMs."), role("Lead", "Growth Co", learned="Patience")])
    draft = pr.draft_press_release(story, "Growth")
    assert draft.story_so_far == "As APM: I shipped checkout.\n\nAs PM at Fintech: I cut failures by 18%. I hired two PMs."
    assert draft.headline == "Lead, building world-class expertise in growth"  # the latest role, achieved or not
    assert draft.subheadline == "I cut failures by 18%."  # the latest achievement's first sentence
    assert draft.whats_next == "Next, I am going deep in one lane: growth [00:24:21]."


def test_the_draft_without_a_lane_or_a_role_title_leaves_those_parts_empty():
    story = st.CareerStory(roles=[role("APM", "Travel", "I shipped checkout."), role("", "Acme", "I ran the pilot."),
                                  role("", "", "I wrote the spec.")])
    draft = pr.draft_press_release(story)
    assert (draft.headline, draft.subheadline, draft.whats_next) == ("", "I wrote the spec.", "")
    assert draft.story_so_far == "As APM at Travel: I shipped checkout."
    titled = pr.draft_press_release(st.CareerStory(roles=[role("PM", "Acme")]))
    assert (titled.headline, titled.subheadline, titled.story_so_far, titled.whats_next) == ("PM", "", "", "")


def test_an_empty_story_drafts_an_empty_press_release():
    assert pr.draft_press_release(st.CareerStory(), "Growth") == pr.PressRelease(
        whats_next="Next, I am going deep in one lane: growth [00:24:21].")
    assert pr.draft_press_release(st.CareerStory(roles=[role()]), "") == pr.PressRelease()


def test_a_long_achievement_is_cut_to_the_sub_headlines_length():
    draft = pr.draft_press_release(st.CareerStory(roles=[role("PM", achieved="I " + "grew it " * 80)]))
    assert len(draft.subheadline) == 400 and draft.subheadline.startswith("I grew it grew it")
