"""Module 2 exercises as a learner uses them: type, tick, slide; the workbook on disk holds the answer."""

from __future__ import annotations

import pytest

from careerkit.content import demo_answers
from careerkit.modules.lanes import views
from careerkit.store import session
from careerkit.store.workbook import Workbook
from careerkit.ui.exercise import plain_text
from shown import assert_shows

LANES = ["crafting", "market", "organizational", "domain", "team", "growth"]


@pytest.fixture
def book(make_workbook) -> Workbook:
    return make_workbook("Ana")


def on_disk(book: Workbook, key: str):
    return Workbook(book.participant, book.home).get(key)


def said(view) -> str:
    return plain_text(view.message.value)


def test_every_exercise_is_registered_under_its_answer_key():
    assert set(views.EXERCISES) == {"ratings", "energy_log", "radar", "story", "press_release", "path"}
    for name, cls in views.EXERCISES.items():
        assert cls.key == f"lanes.{name}"


# the energy log


def fill_entry(row, activity, lane, engagement, energy):
    row["activity"].value = activity
    row["lane"].value = lane
    row["engagement"].value = engagement
    row["energy"].value = energy


def test_a_learner_logs_work_and_it_is_saved_and_restored(book):
    view = views.EnergyLogView(book)
    fill_entry(view.rows.rows[0], "Ran the onboarding A/B test", "growth", 9, 8)
    view.rows.add_button.click()
    fill_entry(view.rows.rows[1], "Refund ownership meeting", "organizational", 3, 2)
    saved = on_disk(book, "lanes.energy_log")
    assert saved["entries"][1] == {"activity": "Refund ownership meeting", "lane": "organizational", "engagement": 3, "energy": 2}
    assert "Most energising so far: Growth" in said(view)
    assert len(view.output.outputs) == 1  # the chart by lane
    again = views.EnergyLogView(book)
    assert [r["activity"].value for r in again.rows.rows] == ["Ran the onboarding A/B test", "Refund ownership meeting"]
    assert again.rows.rows[1]["energy"].value == "2"


def test_a_rating_out_of_range_gets_a_message_and_nothing_is_lost(book):
    view = views.EnergyLogView(book)
    fill_entry(view.rows.rows[0], "Spec review", "crafting", 7, 6)
    view.rows.rows[0]["energy"].value = 14
    assert said(view) == "Log entries: Entry 1, energy is 14: rate it from 1 to 10."
    assert "Not saved yet" in view.status.value
    assert on_disk(book, "lanes.energy_log")["entries"][0]["energy"] == 6
    assert view.rows.rows[0]["energy"].value == "14"  # what the learner typed stays in the box


@pytest.mark.parametrize("field", ["engagement", "energy"])
def test_1e12_in_the_energy_log_gets_a_sentence_and_the_saved_entry_is_kept(book, field):
    view = views.EnergyLogView(book)
    fill_entry(view.rows.rows[0], "Spec review", "crafting", 7, 6)
    view.rows.rows[0][field].value = "1e12"
    assert said(view) == f"Log entries: Entry 1, {field} needs a whole number from 1 to 10."
    assert "Not saved yet" in view.status.value
    assert on_disk(book, "lanes.energy_log")["entries"][0][field] == {"engagement": 7, "energy": 6}[field]
    assert view.rows.rows[0][field].value == "1e12"


def test_the_log_names_its_outside_source(book):
    view = views.EnergyLogView(book)
    assert any("Designing Your Life" in getattr(c, "value", "") for c in view.controls)


# ratings and the pick


def rate(view, lane, evidence, energy, opportunity):
    for dim, level in zip(("evidence", "energy", "opportunity"), (evidence, energy, opportunity), strict=True):
        view.scores[lane][dim].value = level


def test_a_learner_rates_picks_and_sees_the_ranking_with_reasons(book):
    view = views.RatingsView(book)
    rate(view, "growth", 6, 8, 8)
    rate(view, "market", 3, 7, 7)
    view.pick._boxes["market"].value = True
    view.why.value = "Climate companies need <b>market</b> work."
    saved = on_disk(book, "lanes.ratings")
    assert saved["scores"]["growth"] == {"evidence": 6, "energy": 8, "opportunity": 8}
    assert saved["chosen"] == ["market"] and saved["why"] == "Climate companies need <b>market</b> work."
    text = said(view)
    assert "You picked Market ambiguity (ranked 2 of 6); your ratings rank Growth first." in text
    assert "Evidence 6, energy 8, opportunity 8: 22 of 30." in text
    again = views.RatingsView(book)
    assert again.scores["growth"]["energy"].value == "8" and again.pick.read() == ["market"]


def test_picking_several_lanes_is_saved_and_the_risk_named(book):
    view = views.RatingsView(book)
    rate(view, "growth", 6, 8, 8)
    view.pick._boxes["growth"].value = True
    view.pick._boxes["team"].value = True
    assert on_disk(book, "lanes.ratings")["chosen"] == ["team", "growth"]  # in the order of the lanes
    assert "You picked 2 lanes" in said(view)


def test_an_out_of_range_lane_rating_names_the_lane_and_keeps_the_saved_one(book):
    view = views.RatingsView(book)
    rate(view, "growth", 6, 8, 8)
    view.scores["growth"]["energy"].value = 12
    assert said(view) == "Your lane ratings: Growth, energy is 12: rate it from 0 to 10."
    assert on_disk(book, "lanes.ratings")["scores"]["growth"]["energy"] == 8
    view.scores["growth"]["energy"].value = 9
    assert on_disk(book, "lanes.ratings")["scores"]["growth"]["energy"] == 9


def test_1e12_as_a_lane_rating_gets_a_sentence_and_the_saved_rating_is_kept(book):
    view = views.RatingsView(book)
    rate(view, "growth", 6, 8, 8)
    view.scores["growth"]["energy"].value = "1e12"
    assert said(view) == "Your lane ratings: Growth, energy needs a whole number from 0 to 10."
    assert on_disk(book, "lanes.ratings")["scores"]["growth"]["energy"] == 8
    assert view.scores["growth"]["energy"].value == "1e12"


def test_the_ranking_reads_the_energy_log_and_follows_it(book):
    book.save_answer("lanes.energy_log", {"entries": [
        {"activity": "Refund ownership", "lane": "organizational", "engagement": 2, "energy": 2},
    ]})
    view = views.RatingsView(book)
    rate(view, "organizational", 6, 8, 8)
    assert "Your energy log has 1 entry here" in said(view)
    book.save_answer("lanes.energy_log", {"entries": []})
    assert "Your energy log" not in said(view)


# the radar


def test_the_radar_starts_from_the_ratings_and_saves_a_picture_to_keep(book):
    book.save_answer("lanes.ratings", {"scores": {"growth": {"evidence": 6, "energy": 8, "opportunity": 8}}, "chosen": ["growth"]})
    view = views.RadarView(book)
    assert view.current["growth"].value == 6 and view.target["growth"].value == 6
    view.target["growth"].value = 9
    assert on_disk(book, "lanes.radar")["target"]["growth"] == 9
    picture = book.home / "^ana-radar.png"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "^ana-radar.png" in said(view) and str(picture) in said(view)
    assert "Growth 6 → 9" in said(view)
    again = views.RadarView(book)
    assert again.target["growth"].value == 9


def test_the_radar_picture_note_names_no_path_in_a_demo_run(demo_env):
    view = views.RadarView(session.workbook())
    assert "demo-radar.png in your workbook folder" in said(view)
    assert str(demo_env) not in said(view)
    assert (demo_env / "demo-radar.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"  # a picture, not an empty file


def test_taking_now_from_the_ratings_again(book):
    view = views.RadarView(book)
    book.save_answer("lanes.ratings", {"scores": {"crafting": {"evidence": 7}}})
    view.from_ratings.click()
    assert on_disk(book, "lanes.radar")["current"]["crafting"] == 7


# the story


def tell(row, role, company, learned, achieved):
    row["role"].value = role
    row["company"].value = company
    row["learned"].value = learned
    row["achieved"].value = achieved


def test_a_learner_tells_a_role_and_sees_i_against_we_and_suggestions(book):
    view = views.StoryView(book)
    tell(view.rows.rows[0], "Senior PM, growth", "Fintech", "We learned to test weekly.", "We did various things.")
    saved = on_disk(book, "lanes.story")
    assert saved["roles"][0]["achieved"] == "We did various things."
    text = said(view)
    assert 'You wrote "we" 2 times and "I" 0 times.' in text
    assert "We did various things." in text and 'Replace "various"' in text
    assert view.rows.rows[0]["achieved"].value == "We did various things."  # suggestions never rewrite
    again = views.StoryView(book)
    assert again.rows.rows[0]["role"].value == "Senior PM, growth"


def test_an_empty_story_gets_a_clear_message(book):
    view = views.StoryView(book)
    view.rows.rows[0]["role"].value = "x"
    view.rows.rows[0]["role"].value = ""
    assert said(view).startswith("Your story is empty.")


def test_a_one_word_role_is_saved_with_a_message(book):
    view = views.StoryView(book)
    view.rows.rows[0]["role"].value = "PM"
    assert on_disk(book, "lanes.story")["roles"][0]["role"] == "PM"
    assert "Role 1 (PM) is one word." in said(view)


def test_a_10000_character_paste_is_refused_and_the_last_answer_kept(book):
    view = views.StoryView(book)
    tell(view.rows.rows[0], "PM, search", "Acme", "I learned ranking.", "I shipped search.")
    view.rows.rows[0]["achieved"].value = "I shipped search. " * 560
    assert said(view) == "Your story: Role 1, what I achieved is too long: keep it under 2000 characters."
    assert on_disk(book, "lanes.story")["roles"][0]["achieved"] == "I shipped search."
    assert len(view.rows.rows[0]["achieved"].value) > 10_000


def test_html_in_the_story_is_shown_as_text(book):
    view = views.StoryView(book)
    tell(view.rows.rows[0], "<img src=x onerror=alert(1)>", "", "", "<script>alert(1)</script> stuff")
    assert "<script>" not in view.message.value and "<img" not in view.message.value
    assert "&lt;script&gt;" in view.message.value
    assert on_disk(book, "lanes.story")["roles"][0]["achieved"] == "<script>alert(1)</script> stuff"


# the press release


def test_a_learner_writes_a_press_release_and_gets_markdown_and_html_to_copy(book):
    view = views.PressReleaseView(book)
    view.fields["headline"].value = "Payments PM goes deep on <growth>"
    view.fields["subheadline"].value = "I cut failed payments by 18%."
    view.fields["quote"].value = "She makes funnels simple."
    view.fields["quote_by"].value = "Her manager"
    assert on_disk(book, "lanes.press_release")["headline"] == "Payments PM goes deep on <growth>"
    assert view.markdown.value.startswith("# Payments PM goes deep on <growth>\n")
    assert "<h1>Payments PM goes deep on &lt;growth&gt;</h1>" in view.html.value
    assert "&lt;growth&gt;" in view.message.value and "<growth>" not in view.message.value
    assert "The story so far is empty." in said(view)
    again = views.PressReleaseView(book)
    assert again.fields["quote_by"].value == "Her manager"
    assert again.markdown.value == view.markdown.value


def test_start_from_my_story_fills_only_the_empty_boxes(book):
    book.save_answer("lanes.story", {"roles": [
        {"role": "PM, payments", "company": "Fintech", "learned": "I learned funnels.", "achieved": "I cut failed payments by 18%."},
    ]})
    book.save_answer("lanes.ratings", {"chosen": ["growth"]})
    view = views.PressReleaseView(book)
    view.fields["headline"].value = "My own headline"
    view.draft.click()
    saved = on_disk(book, "lanes.press_release")
    assert saved["headline"] == "My own headline"
    assert saved["subheadline"] == "I cut failed payments by 18%."
    assert saved["story_so_far"] == "As PM, payments at Fintech: I cut failed payments by 18%."
    assert "growth" in saved["whats_next"]
    assert "Filled from your story: the sub-headline, the story so far, what is next" in view.status.value


def test_the_copy_boxes_are_not_saved_as_answers(book):
    view = views.PressReleaseView(book)
    view.fields["headline"].value = "Headline"
    view.markdown.value = "edited by hand"
    assert on_disk(book, "lanes.press_release")["headline"] == "Headline"
    assert "edited by hand" not in str(on_disk(book, "lanes.press_release"))


# the IC or manager path


def test_a_learner_weighs_the_paths_and_sees_reasons_on_both_sides(book):
    view = views.PathView(book)
    for activity, level in {"building": 9, "deep_expertise": 8, "documentation": 2, "resource_justification": 2,
                            "headcount": 2, "counsel": 4, "coaching": 4}.items():
        view.enjoy[activity].value = level
    view.style.value = "sidecar"
    view.invited.value = 8
    view.example.value = "A new PM asked me to review her <experiment> plan."
    view.leaning.value = "manager"
    saved = on_disk(book, "lanes.path")
    assert saved["helping_style"] == "sidecar" and saved["leaning"] == "manager" and saved["enjoy"]["building"] == 9
    text = said(view)
    assert "lean to the IC path" in text
    assert "What points to the IC path:" in text and "What points to the manager path:" in text
    assert "You already help from the sidecar" in text
    assert "Try before you choose:" in text
    again = views.PathView(book)
    assert again.style.value == "sidecar" and again.invited.value == 8 and again.enjoy["headcount"].value == 2


def test_a_damaged_saved_answer_is_kept_and_explained(book):
    book.save_answer("lanes.path", {"enjoy": "not a dict"})
    view = views.PathView(book)
    assert "could not be shown" in said(view)
    assert on_disk(book, "lanes.path") == {"enjoy": "not a dict"}


@pytest.mark.parametrize("name", list(views.EXERCISES))
def test_the_demo_participant_sees_every_exercise_filled(demo_env, name):
    view = views.EXERCISES[name](session.workbook())
    assert_shows(view, demo_answers()[view.key])
    assert "ck-problem" not in view.message.value


def test_the_blank_row_the_log_starts_with_is_not_an_entry(book):
    view = views.EnergyLogView(book)
    view.rows.rows[0]["energy"].value = 6  # the learner nudges a number before writing anything
    assert "Most energising" not in said(view) and "Entry 1 has no description" in said(view)
