"""Module 2's lanes rules pinned down where mutation testing (``make mutate``) found nothing noticing a change:
the sentence a participant reads for each kind of bad input, each rounding and tie, and each plural.
Every expected sentence is written out by hand from the rule it checks."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from careerkit.modules.lanes import domain as ln

RATE = "Rate each lane on evidence, energy and opportunity first; the ranking follows your ratings."


def refused(model, value) -> str:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(value)
    [error] = caught.value.errors()
    return error["msg"].removeprefix("Value error, ")


def ratings(chosen=(), why="", **scores):
    return ln.LaneRatings.model_validate({
        "scores": {lane: dict(zip(("evidence", "energy", "opportunity"), s, strict=True)) for lane, s in scores.items()},
        "chosen": list(chosen), "why": why})


def entry(lane, engagement, energy, activity="Something I did"):
    return {"activity": activity, "lane": lane, "engagement": engagement, "energy": energy}


# bad input: one sentence naming the lane or entry and the field, as the participant sees them
@pytest.mark.parametrize(("value", "sentence"), [
    ({"growth": {"evidence": 11}}, "Growth, evidence is 11: rate it from 0 to 10"),
    ({"team": {"opportunity": -1}}, "Team expertise, opportunity is -1: rate it from 0 to 10"),
    ({"growth": {"evidence": "lots"}}, "Growth, evidence needs a whole number from 0 to 10"),  # int_parsing
    ({"growth": {"energy": [7]}}, "Growth, energy needs a whole number from 0 to 10"),  # int_type
    ({"market": {"evidence": 2.5}}, "Market ambiguity, evidence needs a whole number from 0 to 10"),  # int_from_float
    ({"nope": {}}, "The ratings: 'nope' is not a lane; the lanes are crafting, market, organizational, domain, team, growth"),
])
def test_a_bad_rating_is_named_by_its_lane_and_dimension(value, sentence):
    assert refused(ln.LaneRatings, {"scores": value}) == sentence


def test_a_bad_rating_for_a_lane_the_content_does_not_name_is_named_as_saved():
    # a workbook keeps any value (an older kit's lane, a hand-edited file): the sentence names the lane as it was
    # saved, where a known lane is named by its label
    assert refused(ln.LaneRatings, {"scores": {"old_lane": {"evidence": 11}}}) == (
        "old_lane, evidence is 11: rate it from 0 to 10")
    assert refused(ln.Radar, {"current": {"old_lane": "high"}}) == "Current, old_lane needs a whole number from 0 to 10"


def test_ratings_that_are_not_a_table_are_named_as_a_rating():
    assert refused(ln.LaneRatings, {"scores": 5}) == "A rating: Input should be a valid dictionary"


def test_two_problems_in_one_lane_are_both_named_once_each():
    assert refused(ln.LaneRatings, {"scores": {"growth": {"evidence": 11, "energy": "x"}}}) == (
        "Growth, evidence is 11: rate it from 0 to 10; Growth, energy needs a whole number from 0 to 10")


@pytest.mark.parametrize(("value", "sentence"), [
    (5, "An entry: Input should be a valid list"),
    ([5], "Entry 1: Input should be a valid dictionary or instance of EnergyEntry"),
    ([entry("growth", 5, 5), {"lane": "x"}], "Entry 2, lane: choose a lane from the list"),
    ([{"activity": "a" * 201}], "Entry 1, what you did is too long: keep it under 200 characters"),
    ([entry("growth", 5, 5), entry("growth", 0, 5)], "Entry 2, engagement is 0: rate it from 1 to 10"),
    ([entry("growth", 5, "high")], "Entry 1, energy needs a whole number from 1 to 10"),
    ([entry("growth", 5, 5)] * 31, "keep the log to 30 entries: the most recent ones"),
])
def test_a_bad_log_entry_is_named_by_its_number_and_field(value, sentence):
    assert refused(ln.EnergyLog, {"entries": value}) == sentence


def test_a_lane_rated_on_any_one_question_counts_as_rated():
    assert not ratings(growth=(0, 0, 0)).is_rated()
    for score in [(3, 3, 6), (5, 5, 0), (0, 4, 4), (1, 0, 0)]:  # totals a minus would bring to zero
        assert ratings(growth=score).is_rated(), score
        assert ln.check_choice(ratings(growth=score), ln.rank_lanes(ratings(growth=score)))[0] != RATE


def test_the_log_averages_are_kept_to_one_decimal():
    log = ln.EnergyLog.model_validate({"entries": [entry("growth", 7, 9), entry("growth", 8, 9), entry("growth", 8, 8)]})
    [growth] = ln.summarise_log(log).values()
    assert (growth.entries, growth.engagement, growth.energy, growth.level) == (3, 7.7, 8.7, 8.2)


def test_of_two_equally_draining_lanes_the_one_logged_more_is_most_draining():
    log = ln.EnergyLog.model_validate({"entries": [
        entry("crafting", 3, 3), entry("team", 3, 3), entry("team", 3, 3), entry("growth", 9, 9)]})
    assert ln.check_log(log) == [
        "Most energising so far: Growth (engagement 9, energy 9, 1 entry).",  # whole averages shown whole
        "Most draining: Team expertise (engagement 3, energy 3).",
        "No entries yet for: Market ambiguity, Organizational ambiguity, Domain expertise.",
    ]
    log = ln.EnergyLog.model_validate({"entries": [
        entry("team", 3, 3), entry("crafting", 3, 3), entry("crafting", 3, 3), entry("growth", 9, 9)]})
    assert ln.check_log(log)[1] == "Most draining: Crafting (engagement 3, energy 3)."


def test_the_log_and_the_ranking_write_the_same_number_the_same_way():
    # a whole average is "9" in the log's summary as in the ranking's reasons (the log once said "9.0")
    log = ln.EnergyLog.model_validate({"entries": [entry("growth", 9, 9), entry("team", 4, 5)]})
    said = ln.check_log(log)
    assert said[1] == "Most energising so far: Growth (engagement 9, energy 9, 1 entry)."
    assert said[2] == "Most draining: Team expertise (engagement 4, energy 5)."
    [growth] = [r for r in ln.rank_lanes(ratings(growth=(6, 9, 6)), log) if r.lane == "growth"]
    assert "(engagement 9, energy 9): the energy counted is between your rating (9) and your log (9)." in growth.reasons[1]
    assert not any(".0" in line for line in [*said, *growth.reasons])


def test_the_energy_counted_is_between_the_rating_and_the_log_to_one_decimal():
    log = ln.EnergyLog.model_validate({"entries": [entry("growth", 7, 8)]})  # level 7.5
    [growth] = [r for r in ln.rank_lanes(ratings(growth=(6, 5, 6)), log) if r.lane == "growth"]
    assert growth.energy == 6.2  # (5 + 7.5) / 2 = 6.25, rounded to one decimal
    assert growth.score == 18.2
    assert growth.reasons[:2] == [
        "Evidence 6, energy 6.2, opportunity 6: 18.2 of 30.",
        "Your energy log has 1 entry here (engagement 7, energy 8): the energy counted is between your rating (5) and "
        "your log (7.5).",
    ]
    log = ln.EnergyLog.model_validate({"entries": [entry("growth", 7, 8), entry("growth", 7, 8)]})
    [growth] = [r for r in ln.rank_lanes(ratings(growth=(6, 5, 6)), log) if r.lane == "growth"]
    assert growth.reasons[1].startswith("Your energy log has 2 entries here")


def test_the_pick_is_read_against_the_ranking_sentence_by_sentence():
    rated = {"growth": (8, 8, 8), "team": (5, 5, 5)}
    assert ln.check_choice(ratings(**rated), ln.rank_lanes(ratings(**rated))) == [
        "You have not picked a lane. Your ratings rank Growth first. Picking a specific lane is crucial [00:24:21]: "
        "become world-class in a specific area [00:24:04]. Without a pick, expertise spreads thin (kit's own)."]
    several = ratings(["growth", "team"], "Both", **rated)
    assert ln.check_choice(several, ln.rank_lanes(several)) == [
        "You picked 2 lanes (Growth, Team expertise). That is allowed, and it goes against the source's advice: "
        "picking a specific lane is crucial [00:24:21]. Which one would you lead with?"]
    first = ratings(["growth"], **rated)
    assert ln.check_choice(first, ln.rank_lanes(first)) == [
        "You picked Growth, and your ratings rank it first: now build the evidence in it.",
        "Say why in one or two sentences: you will tell this to your next employer."]
    second = ratings(["team"], "I like it", **rated)
    assert ln.check_choice(second, ln.rank_lanes(second)) == [
        "You picked Team expertise (ranked 2 of 6); your ratings rank Growth first. Keep your pick if you know why: "
        "write the reason down."]


def test_a_tie_at_the_top_is_named_with_every_lane_in_it():
    tied = ratings(["growth"], "Why not", growth=(5, 5, 5), team=(5, 5, 5), market=(5, 5, 5), crafting=(1, 1, 1))
    assert ln.check_choice(tied, ln.rank_lanes(tied)) == [  # a tie keeps the content's order: market, team, growth
        "You picked Growth (ranked 3 of 6); your ratings rank Market ambiguity first. Keep your pick if you know why: "
        "write the reason down.",
        "Market ambiguity ties with Team expertise, Growth: your energy log can break the tie.",
    ]


def radar(current=None, target=None):
    return ln.Radar.model_validate({"current": current or {}, "target": target or {}})


def test_the_radar_names_the_biggest_gaps_first_and_reads_the_pick():
    now = dict.fromkeys(ln.lane_ids(), 5)
    four = radar(now, now | {"crafting": 6, "team": 9, "growth": 7, "market": 8})
    assert ln.read_radar(four, ["growth"]) == [
        "Biggest gaps: Team expertise 5 → 9; Market ambiguity 5 → 8; Growth 5 → 7.",
        "You want to grow 4 lanes at once. World-class expertise comes from one [00:24:04].",
        "Your pick, Growth, has a target of 7, below Team expertise (9): are you building the lane you picked?",
    ]
    two = radar(now, now | {"domain": 7, "crafting": 7})  # a tie keeps the content's order
    assert ln.read_radar(two, ["crafting"]) == [
        "Biggest gaps: Crafting 5 → 7; Domain expertise 5 → 7.",
        "Your pick, Crafting, has your highest target: the radar and the pick agree.",
    ]
    assert ln.read_radar(two, ["crafting", "domain"]) == ["Biggest gaps: Crafting 5 → 7; Domain expertise 5 → 7."]
    assert ln.read_radar(radar(now, now), []) == [
        "No target is above today's strength yet: raise the target of the lane you want to be world-class in."]
    assert ln.read_radar(radar(now | {"team": 9}, now), ["growth"])[1] == (
        "Your pick, Growth, has your highest target: the radar and the pick agree.")


@pytest.mark.parametrize(("value", "sentence"), [
    ({"current": {"growth": 11}}, "Current, Growth is 11: rate it from 0 to 10"),
    ({"target": {"team": -2}}, "Target, Team expertise is -2: rate it from 0 to 10"),
    ({"current": {"growth": "high"}}, "Current, Growth needs a whole number from 0 to 10"),
    ({"target": {"fame": 3}}, "Target: 'fame' is not a lane; the lanes are crafting, market, organizational, domain, team, growth"),
])
def test_a_bad_radar_level_is_named_by_its_side_and_lane(value, sentence):
    assert refused(ln.Radar, value) == sentence


def test_the_radar_starts_from_the_evidence_rated_with_every_lane_present():
    start = ln.radar_from_ratings(ratings(growth=(6, 9, 9), team=(2, 0, 0)))
    assert start.current == {"crafting": 0, "market": 0, "organizational": 0, "domain": 0, "team": 2, "growth": 6}
    assert start.target == start.current
    assert radar({"growth": 4}).current == start.current | {"team": 0, "growth": 4}


def test_three_growing_lanes_are_too_many_and_the_lead_lanes_are_all_named():
    now = dict.fromkeys(ln.lane_ids(), 5)
    three = radar(now, now | {"crafting": 9, "team": 9, "growth": 6})
    assert ln.read_radar(three, ["growth"])[1:] == [
        "You want to grow 3 lanes at once. World-class expertise comes from one [00:24:04].",
        "Your pick, Growth, has a target of 6, below Crafting, Team expertise (9): are you building the lane you picked?",
    ]


def test_the_ranking_breaks_a_tie_by_energy_then_evidence_and_keeps_the_log():
    tied = ratings(crafting=(4, 5, 6), market=(6, 5, 4), team=(5, 6, 4))  # 15 each: team has the most energy
    assert [r.lane for r in ln.rank_lanes(tied)][:3] == ["team", "market", "crafting"]
    log = ln.EnergyLog.model_validate({"entries": [entry("growth", 7, 8)]})
    [growth] = [r for r in ln.rank_lanes(ratings(growth=(6, 5, 6)), log) if r.lane == "growth"]
    assert growth.logged == ln.summarise_log(log)["growth"]
    fractions = ln.EnergyLog.model_validate({"entries": [entry("growth", 7, 8), entry("growth", 8, 8), entry("growth", 8, 8)]})
    [growth] = [r for r in ln.rank_lanes(ratings(growth=(6, 5, 6)), fractions) if r.lane == "growth"]
    assert (growth.energy, growth.score) == (6.4, 18.4)  # (5 + 7.8) / 2 = 6.4


# the reasons under each lane: every sentence, at the edge where it starts to be said and one step short of it
@pytest.mark.parametrize(("score", "logged", "said"), [
    ((5, 5, 5), None, ["Evidence 5, energy 5, opportunity 5: 15 of 30."]),
    ((5, 8, 5), (5, 5), [  # a log 3 below the rating: trust the log
        "Evidence 5, energy 6.5, opportunity 5: 16.5 of 30.",
        "Your energy log has 1 entry here (engagement 5, energy 5): the energy counted is between your rating (8) "
        "and your log (5).",
        "Your log says this work drains you more than you rated: trust the log."]),
    ((5, 8, 5), (6, 6), [  # 2 below: said nothing more
        "Evidence 5, energy 7, opportunity 5: 17 of 30.",
        "Your energy log has 1 entry here (engagement 6, energy 6): the energy counted is between your rating (8) "
        "and your log (6)."]),
    ((5, 3, 5), (6, 6), [  # 3 above
        "Evidence 5, energy 4.5, opportunity 5: 14.5 of 30.",
        "Your energy log has 1 entry here (engagement 6, energy 6): the energy counted is between your rating (3) "
        "and your log (6).",
        "Your log shows more energy here than you rated."]),
    ((5, 4, 5), (6, 6), [
        "Evidence 5, energy 5, opportunity 5: 15 of 30.",
        "Your energy log has 1 entry here (engagement 6, energy 6): the energy counted is between your rating (4) "
        "and your log (6)."]),
    ((7, 4, 5), None, [
        "Evidence 7, energy 4, opportunity 5: 16 of 30.",
        "Strong evidence, little energy: you are good at it, and it drains you. Can you go deep for years?"]),
    ((6, 4, 5), None, ["Evidence 6, energy 4, opportunity 5: 15 of 30."]),
    ((7, 5, 5), None, ["Evidence 7, energy 5, opportunity 5: 17 of 30."]),
    ((3, 7, 5), None, [
        "Evidence 3, energy 7, opportunity 5: 15 of 30.",
        "Energy without evidence yet: a lane to build, starting with one project you can point to."]),
    ((3, 6, 5), None, ["Evidence 3, energy 6, opportunity 5: 14 of 30."]),
    ((4, 7, 5), None, ["Evidence 4, energy 7, opportunity 5: 16 of 30."]),
    ((6, 6, 3), None, [
        "Evidence 6, energy 6, opportunity 3: 15 of 30.",
        "Little demand where you want to go: check the market, or the destination."]),
    ((6, 6, 4), None, ["Evidence 6, energy 6, opportunity 4: 16 of 30."]),
    ((6, 5, 3), None, ["Evidence 6, energy 5, opportunity 3: 14 of 30."]),
    ((8, 3, 2), None, [  # two warnings at once, in this order
        "Evidence 8, energy 3, opportunity 2: 13 of 30.",
        "Strong evidence, little energy: you are good at it, and it drains you. Can you go deep for years?"]),
    ((9, 3, 2), None, [
        "Evidence 9, energy 3, opportunity 2: 14 of 30.",
        "Strong evidence, little energy: you are good at it, and it drains you. Can you go deep for years?",
        "Little demand where you want to go: check the market, or the destination."]),
])
def test_each_lane_reason_is_said_from_its_edge_on(score, logged, said):
    log = ln.EnergyLog.model_validate({"entries": [entry("growth", *logged)] if logged else []})
    [growth] = [r for r in ln.rank_lanes(ratings(growth=score), log if logged else None) if r.lane == "growth"]
    assert growth.reasons == said


def test_the_log_sentence_counts_its_entries_in_words():
    log = ln.EnergyLog.model_validate({"entries": [entry("growth", 6, 6), entry("growth", 6, 6)]})
    [growth] = [r for r in ln.rank_lanes(ratings(growth=(5, 6, 5)), log) if r.lane == "growth"]
    assert growth.reasons[1] == ("Your energy log has 2 entries here (engagement 6, energy 6): the energy counted is "
                                 "between your rating (6) and your log (6).")
