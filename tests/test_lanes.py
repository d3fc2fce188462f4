"""Module 2 domain rules: lane ranking, the pick, the energy log, the radar and the IC or manager read."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as hs
from pydantic import ValidationError

from careerkit.content import demo_answers, load_content
from careerkit.modules.lanes import domain as ln
from careerkit.modules.lanes import path as cp
from careerkit.modules.lanes import press_release as pr
from careerkit.modules.lanes import story as st
from careerkit.ui.exercise import friendly_errors

LANES = ["crafting", "market", "organizational", "domain", "team", "growth"]


def ratings(chosen=(), why="", **scores) -> ln.LaneRatings:
    """ratings(growth=(6, 8, 8), ...): evidence, energy, opportunity per lane; the rest zero."""
    return ln.LaneRatings(
        scores={lane: dict(zip(("evidence", "energy", "opportunity"), s, strict=True)) for lane, s in scores.items()},
        chosen=list(chosen), why=why,
    )


def log(*entries) -> ln.EnergyLog:
    return ln.EnergyLog(entries=[
        {"activity": a, "lane": lane, "engagement": g, "energy": e} for a, lane, g, e in entries
    ])


# content


def test_the_six_lanes_come_from_the_source_with_timestamps():
    content = ln.content()
    assert [lane.id for lane in content.lanes] == LANES
    assert [lane.timestamp for lane in content.lanes] == [
        "[00:23:14]", "[00:23:18]", "[00:23:27]", "[00:23:35]", "[00:23:47]", "[00:24:15]",
    ]
    assert "Designing Your Life" in content.energy_log_source.label and "Outside source" in content.energy_log_source.label


def test_story_reads_the_same_file_loosely_and_lanes_strictly():
    assert st.content().story == ln.content().story
    assert load_content("lanes", ln.LanesContent).press_release_parts == st.content().press_release_parts


def test_demo_answers_are_valid_answers():
    demo = demo_answers()
    models = {
        "lanes.ratings": ln.LaneRatings, "lanes.energy_log": ln.EnergyLog, "lanes.radar": ln.Radar,
        "lanes.story": st.CareerStory, "lanes.press_release": pr.PressRelease, "lanes.path": cp.PathAnswer,
    }
    shipped = json.loads(resources.files("careerkit.modules.lanes").joinpath("demo.json").read_text(encoding="utf-8"))
    assert set(shipped) == set(models)
    for key, model in models.items():
        assert model.model_validate(demo[key]).model_dump(mode="json") == demo[key]


# ratings and the ranking


def test_ranking_orders_lanes_by_their_three_ratings_with_reasons():
    ranking = ln.rank_lanes(ratings(growth=(6, 8, 8), crafting=(7, 6, 5), team=(2, 5, 4)))
    assert [r.lane for r in ranking[:3]] == ["growth", "crafting", "team"]
    assert ranking[0].rank == 1 and ranking[0].score == 22
    assert ranking[0].reasons[0] == "Evidence 6, energy 8, opportunity 8: 22 of 30."
    assert [r.rank for r in ranking] == [1, 2, 3, 4, 5, 6]


def test_ties_break_on_energy_then_evidence_then_the_lane_order():
    ranking = ln.rank_lanes(ratings(market=(5, 5, 5), domain=(6, 4, 5), team=(4, 6, 5), growth=(5, 5, 5)))
    assert [r.lane for r in ranking[:4]] == ["team", "market", "growth", "domain"]


def test_the_energy_log_moves_the_energy_a_lane_is_counted_with():
    rated = ratings(growth=(6, 8, 8), organizational=(6, 8, 8))
    without = {r.lane: r for r in ln.rank_lanes(rated)}
    with_log = {r.lane: r for r in ln.rank_lanes(rated, log(
        ("Three meetings on who owns refunds", "organizational", 2, 2),
        ("Activation review", "growth", 9, 9),
    ))}
    assert without["growth"].score == without["organizational"].score == 22
    assert with_log["growth"].energy == 8.5 and with_log["organizational"].energy == 5
    assert with_log["growth"].rank == 1 and with_log["organizational"].rank == 2
    assert "Your log says this work drains you more than you rated: trust the log." in with_log["organizational"].reasons


def test_strengths_and_risks_of_a_lane_are_named():
    ranking = {r.lane: r for r in ln.rank_lanes(ratings(crafting=(9, 2, 6), market=(1, 9, 6), domain=(8, 8, 1)))}
    assert any("it drains you" in reason for reason in ranking["crafting"].reasons)
    assert any("Energy without evidence" in reason for reason in ranking["market"].reasons)
    assert any("Little demand" in reason for reason in ranking["domain"].reasons)


def test_picking_no_lane_is_allowed_and_named_as_the_risk():
    rated = ratings(growth=(6, 8, 8))
    [line] = ln.check_choice(rated, ln.rank_lanes(rated))
    assert line.startswith("You have not picked a lane. Your ratings rank Growth first.")
    assert "[00:24:21]" in line


def test_picking_several_lanes_is_allowed_and_named_as_the_risk():
    rated = ratings(chosen=["growth", "market"], why="Both", growth=(6, 8, 8), market=(3, 7, 7))
    lines = ln.check_choice(rated, ln.rank_lanes(rated))
    assert lines[0].startswith("You picked 2 lanes (Growth, Market ambiguity). That is allowed, and it goes against the source's advice")
    assert rated.chosen_lane is None


def test_picking_a_lane_the_ratings_do_not_rank_first_asks_for_the_reason():
    rated = ratings(chosen=["market"], growth=(6, 8, 8), market=(3, 7, 7))
    lines = ln.check_choice(rated, ln.rank_lanes(rated))
    assert lines[0] == (
        "You picked Market ambiguity (ranked 2 of 6); your ratings rank Growth first. "
        "Keep your pick if you know why: write the reason down."
    )
    assert lines[1].startswith("Say why")
    assert rated.chosen_lane == "market"


def test_nothing_rated_asks_for_ratings_first():
    assert ln.check_choice(ln.LaneRatings(), ln.rank_lanes(ln.LaneRatings())) == [
        "Rate each lane on evidence, energy and opportunity first; the ranking follows your ratings."
    ]


def test_missing_lanes_are_filled_with_zeros_and_duplicates_dropped():
    rated = ln.LaneRatings.model_validate({"scores": {"growth": {"evidence": 4}}, "chosen": ["growth", "growth"]})
    assert list(rated.scores) == LANES
    assert rated.scores["team"].total() == 0 and rated.scores["growth"].evidence == 4
    assert rated.chosen == ["growth"]


def test_blank_answers_hold_every_lane_and_activity():
    assert list(ln.LaneRatings().scores) == LANES
    assert ln.Radar().current == dict.fromkeys(LANES, 0) == ln.radar_from_ratings(ln.LaneRatings()).target
    assert cp.read_path(cp.PathAnswer()).fit == "unclear"


def test_an_out_of_range_rating_names_the_lane_and_the_rating():
    with pytest.raises(ValidationError) as err:
        ln.LaneRatings.model_validate({"scores": {"growth": {"evidence": 4, "energy": 12}}})
    assert friendly_errors(err.value, ln.LaneRatings) == "Your lane ratings: Growth, energy is 12: rate it from 0 to 10."


def test_an_unknown_lane_or_pick_is_refused():
    with pytest.raises(ValidationError, match="'sales' is not a lane"):
        ln.LaneRatings.model_validate({"scores": {"sales": {"evidence": 4}}})
    with pytest.raises(ValidationError, match="not one of the six lanes"):
        ln.LaneRatings.model_validate({"chosen": ["sales"]})


@given(hs.dictionaries(hs.sampled_from(LANES), hs.tuples(*[hs.integers(0, 10)] * 3)))
def test_ranking_is_sorted_and_complete_for_any_ratings(scores):
    ranking = ln.rank_lanes(ratings(**scores))
    assert sorted(r.lane for r in ranking) == sorted(LANES)
    assert [r.score for r in ranking] == sorted((r.score for r in ranking), reverse=True)
    assert all(r.reasons for r in ranking)


# the energy log


def test_log_summary_averages_per_lane_and_names_the_extremes():
    entries = log(
        ("Onboarding A/B test", "growth", 9, 8), ("Growth review", "growth", 8, 9),
        ("Refund ownership meetings", "organizational", 4, 2),
    )
    summary = ln.summarise_log(entries)
    assert summary["growth"].entries == 2 and summary["growth"].engagement == 8.5 and summary["growth"].level == 8.5
    lines = ln.check_log(entries)
    assert lines[0] == "Most energising so far: Growth (engagement 8.5, energy 8.5, 2 entries)."
    assert lines[1] == "Most draining: Organizational ambiguity (engagement 4, energy 2)."
    assert lines[2].startswith("No entries yet for: Crafting, Market ambiguity")


def test_a_short_log_or_an_entry_without_words_is_named():
    lines = ln.check_log(log(("", "growth", 5, 5)))  # the blank row the log starts with
    assert lines == [
        "Entry 1 has no description: what did you do?",
        "Log three to five pieces of recent work: what you did, its lane, how engaged and how energised you felt.",
    ]
    assert not any("Most energising" in line for line in lines)
    assert ln.summarise_log(log(("", "growth", 5, 5))) == {}
    short = ln.check_log(log(("Pricing review", "growth", 8, 8), ("", "team", 2, 2)))
    assert "Three entries or more make a pattern; one or two are anecdotes." in short
    assert "Most energising so far: Growth (engagement 8, energy 8, 1 entry)." in short
    assert ln.check_log(ln.EnergyLog())[0].startswith("Log three to five pieces of recent work")


def test_log_ratings_out_of_range_name_the_entry_and_the_rating():
    with pytest.raises(ValidationError) as err:
        log(("Spec", "crafting", 5, 5), ("Review", "growth", 11, 0))
    assert friendly_errors(err.value, ln.EnergyLog) == (
        "Log entries: Entry 2, engagement is 11: rate it from 1 to 10; Entry 2, energy is 0: rate it from 1 to 10."
    )


def test_log_entry_too_long_or_with_an_unknown_lane_is_explained():
    with pytest.raises(ValidationError) as err:
        log(("x" * 10_000, "growth", 5, 5))
    assert "Entry 1, what you did is too long: keep it under 200 characters" in friendly_errors(err.value, ln.EnergyLog)
    with pytest.raises(ValidationError, match="choose a lane from the list"):
        log(("Spec", "sales", 5, 5))


# the radar


def test_radar_starts_from_the_evidence_rated():
    radar = ln.radar_from_ratings(ratings(growth=(6, 8, 8), crafting=(7, 6, 5)))
    assert radar.current["growth"] == 6 and radar.current["crafting"] == 7 and radar.current["team"] == 0
    assert radar.target == radar.current


def test_radar_names_the_gaps_and_a_target_that_disagrees_with_the_pick():
    current = dict.fromkeys(LANES, 3)
    radar = ln.Radar(current=current, target={**current, "growth": 6, "crafting": 9})
    lines = ln.read_radar(radar, ["growth"])
    assert lines[0] == "Biggest gaps: Crafting 3 → 9; Growth 3 → 6."
    assert lines[1] == "Your pick, Growth, has a target of 6, below Crafting (9): are you building the lane you picked?"


def test_radar_with_too_many_growing_lanes_is_named():
    radar = ln.Radar(current=dict.fromkeys(LANES, 2), target=dict.fromkeys(LANES, 8))
    assert any("You want to grow 6 lanes at once" in line for line in ln.read_radar(radar, []))


def test_radar_out_of_range_names_the_lane():
    with pytest.raises(ValidationError) as err:
        ln.Radar(current={"growth": 14})
    assert friendly_errors(err.value, ln.Radar) == "Current strength: Current, Growth is 14: rate it from 0 to 10."


# the IC or manager path


def path(**kw) -> cp.PathAnswer:
    enjoy = kw.pop("enjoy", {})
    return cp.PathAnswer(enjoy=enjoy, **kw)


BUILDER = {"building": 9, "deep_expertise": 8, "counsel": 4, "coaching": 4, "documentation": 2,
           "resource_justification": 2, "headcount": 2}
MANAGER = {"building": 4, "deep_expertise": 3, "counsel": 9, "coaching": 9, "documentation": 6,
           "resource_justification": 6, "headcount": 7}


def test_a_builder_reads_as_ic_with_reasons_on_both_sides():
    read = cp.read_path(path(enjoy=BUILDER))
    assert read.fit == "ic"
    assert read.headline.startswith("For now, your answers lean to the IC path")
    assert any("building stuff" in r and "[00:43:00]" in r for r in read.for_ic)
    assert any("justifying resources" in r for r in read.for_ic)
    assert read.for_manager  # never a verdict without the other side
    assert read.experiments[0].startswith("IC test:")
    assert any(e.startswith("Manager test:") for e in read.experiments)


def test_sidecar_helpers_who_are_invited_in_read_as_manager():
    read = cp.read_path(path(enjoy=MANAGER, helping_style="sidecar", invited=9, leaning="manager"))
    assert read.fit == "manager"
    assert "You already help from the sidecar: counsel while the other person steers [00:37:19]." in read.for_manager
    assert any("earning the right to manage [00:38:21]" in r for r in read.for_manager)
    assert any("without training [00:35:28]" in c for c in read.cautions)
    assert read.experiments[0].startswith("Manager test:")


def test_the_sidecar_and_invitations_move_the_manager_score():
    plain = cp.read_path(path(enjoy=dict.fromkeys(BUILDER, 5), invited=5))
    helped = cp.read_path(path(enjoy=dict.fromkeys(BUILDER, 5), invited=10, helping_style="sidecar"))
    assert helped.manager_score == plain.manager_score + 2
    assert plain.fit == "unclear"


def test_helping_by_dividing_tasks_or_letting_go_is_a_caution_not_a_verdict():
    read = cp.read_path(path(enjoy=BUILDER, helping_style="bike", invited=2))
    assert any("it is the sidecar" in c for c in read.cautions)
    assert any("earn the right to be invited in [00:38:21]" in c for c in read.cautions)


def test_an_answer_at_odds_with_the_stated_leaning_is_named():
    read = cp.read_path(path(enjoy=BUILDER, leaning="manager"))
    assert "You said you lean manager, and your answers lean the other way. Which answer would you change?" in read.cautions


def test_liking_both_reads_as_both_with_an_experiment_each():
    read = cp.read_path(path(enjoy=dict.fromkeys(BUILDER, 8)))
    assert read.fit == "both"
    assert [e.split(":")[0] for e in read.experiments] == ["IC test", "Manager test", "IC test", "Manager test"]


def test_path_answer_refuses_unknown_activities_styles_and_out_of_range():
    with pytest.raises(ValidationError, match="not one of the activities"):
        path(enjoy={"golf": 3})
    with pytest.raises(ValidationError, match="rate it from 0 to 10"):
        path(enjoy={"building": 11})
    with pytest.raises(ValidationError, match="ways of helping"):
        path(helping_style="shout")
    with pytest.raises(ValidationError) as err:
        path(invited=-1)
    assert "How often colleagues invite you in: is out of range" in friendly_errors(err.value, cp.PathAnswer)
