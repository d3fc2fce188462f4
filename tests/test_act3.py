"""Module 4 domain: the career line, the rabbit read-out, the two arcs, the North Star and the community checks."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from careerkit.build import build
from careerkit.content import demo_answers
from careerkit.modules.act3 import charts
from careerkit.modules.act3 import domain as act3
from careerkit.modules.act3 import whole_career as cl
from careerkit.ui.exercise import friendly_errors

TODAY = date(2026, 1, 15)
DEMO = demo_answers()


def coach_content(tmp_path, monkeypatch, change) -> None:
    """A facilitator's copy of act3's content file (``CAREERKIT_CONTENT``), changed by ``change(text)``."""
    folder = tmp_path / "coach"
    folder.mkdir()
    shipped = Path(act3.__file__).with_name("content.toml").read_text(encoding="utf-8")
    (folder / "act3.toml").write_text(change(shipped), encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(folder))


def line(**changes) -> cl.CareerLine:
    base = {"age": 31, "this_year": 2026, "start_age": 23, "span_years": 65, "act2_age": 34, "act3_age": 50,
            "goal_end_age": 46}
    return cl.CareerLine.model_validate(base | changes)


# the content file
def test_content_names_the_three_signs_and_two_arcs_the_source_names():
    content = act3.content()
    assert {s.id for s in content.rabbit_signs} >= {"dissatisfaction", "conflict", "habits"}
    assert all(s.timestamp == "[01:06:20]" for s in content.rabbit_signs if s.id != "lost")
    assert [a.id for a in content.arcs] == ["scaled_economics", "giving"]
    assert {f.id for f in content.arcs[0].forms} == {"investing", "private_equity"}
    assert {f.id for f in content.arcs[1].forms} == {"content_creation", "volunteering", "mission_company"}
    assert [g.timestamp for g in content.community_gets] == ["[00:46:27]", "[00:46:33]", "[00:46:36]"]
    assert "not the podcast's" in content.acts_source.label  # Acts 1 and 2 are labelled as the kit's own names


# 1. the career line
def test_career_line_places_the_roadmap_and_end_state_by_age():
    timeline = cl.career_timeline(line(), DEMO["versioning.roadmap"], DEMO["versioning.end_state"])
    assert (timeline.start, timeline.end, timeline.now, timeline.goal_end) == (23, 88, 31, 46)
    assert [(a.id, a.start, a.end) for a in timeline.acts] == [("act1", 23, 34), ("act2", 34, 50), ("act3", 50, 88)]
    ages = {m.label: m.age for m in timeline.milestones}
    assert ages == {"v1": 27, "v2": 30, "v3": 32, "v4": 35, "End state": 46}  # age 31 in 2026; v1 starts in 2022
    assert timeline.years_after_goal == 42
    assert timeline.share_after_goal == pytest.approx(42 / 65, abs=0.001)


def test_career_line_without_module_1_has_no_milestones_and_survives_a_damaged_roadmap():
    assert cl.career_timeline(line()).milestones == []
    assert cl.career_timeline(line(), {"versions": "oops"}, {"horizon_years": 500}).milestones == []


def test_the_read_out_names_the_years_after_the_goal_with_the_source():
    lines = cl.read_career_line(line(), DEMO["versioning.roadmap"], DEMO["versioning.end_state"])
    assert lines[0].startswith("Your career runs from 23 to 88. Your current goal ends at 46: 42 years (65% of your career)")
    assert "[01:05:50]" in lines[0]
    assert any("Act 3 [01:06:05]" in text for text in lines)
    assert len(lines) == 2  # nothing else to flag on the demo's line


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"span_years": 40}, "Yours spans 40"),
        ({"act2_age": 60, "act3_age": 40}, "Put the acts in order"),
        ({"goal_end_age": 28}, "may have caught your rabbit already"),
        ({"age": 20}, "outside your career span"),
        ({"goal_end_age": 60}, "end state is reached at about 46"),
    ],
)
def test_the_read_out_flags_what_does_not_add_up(changes, expected):
    lines = cl.read_career_line(line(**changes), None, DEMO["versioning.end_state"])
    assert any(expected in text for text in lines), lines


def test_one_year_after_the_goal_reads_in_the_singular_on_the_line_and_in_the_read_out():
    one = line(goal_end_age=87)  # the career ends at 88
    assert cl.read_career_line(one)[0].startswith(
        "Your career runs from 23 to 88. Your current goal ends at 87: 1 year (2% of your career) comes after it")
    assert "1 year after your goal\nNo North Star yet" in [t.get_text() for t in charts.career_line(
        cl.career_timeline(one)).axes[0].texts]


def test_acts_out_of_order_are_drawn_in_order_anyway():
    timeline = cl.career_timeline(line(act2_age=60, act3_age=40))
    assert [(a.start, a.end) for a in timeline.acts] == [(23, 40), (40, 60), (60, 88)]


def test_suggested_goal_end_is_age_plus_the_end_state_horizon():
    assert cl.suggested_goal_end(31, DEMO["versioning.end_state"]) == 46
    assert cl.suggested_goal_end(31, None) is None
    assert cl.suggested_goal_end(31, {"horizon_years": "soon"}) is None


@given(
    age=st.integers(14, 100), start=st.integers(14, 60), span=st.integers(20, 80),
    act2=st.integers(14, 100), act3_age=st.integers(14, 120), goal=st.integers(14, 120),
)
def test_any_valid_line_gives_contiguous_acts_inside_the_career(age, start, span, act2, act3_age, goal):
    timeline = cl.career_timeline(
        cl.CareerLine(age=age, this_year=2026, start_age=start, span_years=span, act2_age=act2, act3_age=act3_age,
                        goal_end_age=goal)
    )
    assert timeline.acts[0].start == timeline.start and timeline.acts[-1].end == timeline.end
    assert all(a.end == b.start for a, b in zip(timeline.acts, timeline.acts[1:], strict=False))
    assert timeline.start <= timeline.goal_end <= timeline.end
    assert 0 <= timeline.share_after_goal <= 1


def test_an_age_of_200_is_refused_by_the_model():
    with pytest.raises(ValidationError):
        line(age=200)


# 2. the rabbit trap
def test_unknown_stage_sign_or_frequency_is_refused():
    with pytest.raises(ValidationError):
        act3.Rabbit(stage="sprinting")
    with pytest.raises(ValidationError):
        act3.Rabbit(signs={"burnout": 2})
    with pytest.raises(ValidationError):
        act3.Rabbit(signs={"conflict": 7})


def test_a_choice_outside_the_list_is_refused_with_the_sentence_the_learner_reads():
    with pytest.raises(ValidationError) as err:
        act3.Rabbit(stage="sprinting")
    assert friendly_errors(err.value, act3.Rabbit) == "How close you are: choose a stage from the list."
    with pytest.raises(ValidationError) as err:
        act3.ArcPlan(arc="giving", forms=["investing"])
    assert friendly_errors(err.value, act3.ArcPlan) == "This answer: choose a form of giving from the list."


def test_a_coachs_self_check_with_no_warning_signs_still_reads_out_steady(tmp_path, monkeypatch):
    """The signs are the content's: a facilitator may run the rabbit trap without them, and the read-out still shows."""
    coach_content(tmp_path, monkeypatch, lambda text: re.sub(
        r"\[\[rabbit_signs\]\].*?(?=\[\[frequencies\]\])", "", text, flags=re.S
    ).replace("schema_version = 1\n", "schema_version = 1\nrabbit_signs = []\n"))
    assert act3.content().rabbit_signs == []
    readout = act3.read_rabbit(act3.Rabbit())
    steady = {r.id: r for r in act3.content().readouts}["steady"]
    assert (readout.level, readout.headline, readout.lines) == ("steady", steady.headline, [f"{steady.text} {steady.cite}"])


@pytest.mark.parametrize(
    ("signs", "level"),
    [
        ({}, "steady"),
        ({"dissatisfaction": 1, "conflict": 1}, "steady"),
        ({"dissatisfaction": 2}, "notice"),
        ({"dissatisfaction": 1, "conflict": 1, "habits": 1}, "notice"),
        ({"habits": 3}, "attend"),
        ({"dissatisfaction": 2, "conflict": 2, "habits": 2}, "attend"),
    ],
)
def test_the_self_check_reads_out_gently_by_level(signs, level):
    readout = act3.read_rabbit(act3.Rabbit(signs=signs))
    assert readout.level == level


def test_the_strongest_read_out_points_to_people_and_is_not_a_diagnosis():
    readout = act3.read_rabbit(act3.Rabbit(signs={"habits": 3}))
    text = " ".join([readout.headline, *readout.lines]).lower()
    assert "not a diagnosis" in text and "someone you trust" in text
    for clinical in ("depress", "disorder", "symptom", "patient"):
        assert clinical not in text


def test_near_the_catch_with_nothing_after_it_names_the_dog_that_stops_running():
    readout = act3.read_rabbit(act3.Rabbit(rabbit="VP by 35", stage="caught", after=""))
    assert any("[01:05:02]" in text and "never run again" in text for text in readout.lines)
    later = act3.read_rabbit(act3.Rabbit(rabbit="VP by 35", stage="caught", after="Teach"))
    assert not any("never run again" in text for text in later.lines)


# 3. the two arcs
def test_a_new_arcs_answer_weighs_both_arcs():
    assert [p.arc for p in act3.Arcs().plans] == ["scaled_economics", "giving"]


def test_arcs_refuse_a_duplicate_arc_a_form_of_the_other_arc_and_an_unknown_gain():
    with pytest.raises(ValidationError):
        act3.Arcs(plans=[act3.ArcPlan(arc="giving"), act3.ArcPlan(arc="giving")])
    with pytest.raises(ValidationError):
        act3.ArcPlan(arc="giving", forms=["investing"])
    with pytest.raises(ValidationError):
        act3.ArcPlan(arc="giving", gains={"fame": 3})
    with pytest.raises(ValidationError):
        act3.ArcPlan(arc="giving", gains={"wealth": 11})


def arcs(econ: int, giving: int, **plan) -> act3.Arcs:
    return act3.Arcs(plans=[act3.ArcPlan(arc="scaled_economics", energy=econ, **plan),
                            act3.ArcPlan(arc="giving", energy=giving, **plan)])


@pytest.mark.parametrize(
    ("econ", "giving", "direction", "angle"),
    [(2, 9, "giving", 77.5), (9, 2, "scaled_economics", 12.5), (7, 7, "both", 45.0), (2, 1, "neither", 26.6),
     (0, 0, "neither", 45.0)],
)
def test_energy_points_to_the_arc_with_more_energy(econ, giving, direction, angle):
    reading = act3.read_arcs(arcs(econ, giving), TODAY)
    assert reading.direction == direction
    assert reading.angle == pytest.approx(angle, abs=0.1)


def test_each_arc_names_its_biggest_gain_and_giving_cites_the_source():
    reading = act3.read_arcs(act3.Arcs.model_validate(DEMO["act3.arcs"]), TODAY)
    assert reading.headline == "Your energy points towards giving [01:09:41]."
    assert "Scaled economics would give you most wealth (7/10)." in reading.lines
    assert "Giving would give you most benefit to others (9/10)." in reading.lines


@pytest.mark.parametrize(
    ("step", "when", "expected"),
    [
        ("", None, "sketch a first step"),
        ("Call Ana", None, "give your first step a date"),
        ("Call Ana", date(2025, 12, 1), "has passed"),
        ("Call Ana", date(2028, 1, 1), "more than a year away"),
    ],
)
def test_first_steps_need_a_near_future_date(step, when, expected):
    reading = act3.read_arcs(arcs(5, 8, first_step=step, step_date=when), TODAY)
    assert sum(expected in text for text in reading.lines) == 2  # one sentence per arc


# 4. a second North Star
def test_a_good_north_star_has_no_problems():
    assert act3.check_north_star(act3.NorthStar.model_validate(DEMO["act3.north_star"]), TODAY) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("", "one sentence"),
        ("Become VP of Product at a unicorn.", "'vp'"),
        ("Reach an exit, then an IPO.", "'exit', 'ipo'"),
        ("Teach product. Then write a book.", "Keep it to one sentence"),
    ],
)
def test_north_star_checks(sentence, expected):
    answer = act3.NorthStar(sentence=sentence, why_at_70="It never ends", first_step="Call", step_date=date(2026, 3, 1))
    assert any(expected in problem for problem in act3.check_north_star(answer, TODAY))


def test_catchable_words_match_whole_words_only():
    assert act3.catchable_words("Help developers explore exciting entitled titles") == []
    assert act3.catchable_words("Be the Head of Product, then CEO") == ["ceo", "head of"]
    assert act3.check_north_star(act3.NorthStar(sentence="Help PMs, e.g. new ones, grow.", why_at_70="x",
                                                first_step="y", step_date=date(2026, 2, 1)), TODAY) == []


# 5. community
def test_coverage_counts_each_named_community_by_kind():
    plan = act3.CommunityPlan.model_validate(DEMO["act3.community"])
    assert act3.community_coverage(plan) == {
        "safety": {"internal": 1, "external": 0},
        "not_alone": {"internal": 0, "external": 1},
        "practice": {"internal": 1, "external": 1},
    }
    assert act3.check_community(plan) == []


def test_community_checks_name_what_is_missing():
    plan = act3.CommunityPlan(communities=[act3.Community(name="Guild", kind="internal", gets=["practice"])])
    problems = " ".join(act3.check_community(plan))
    assert "No external community yet" in problems
    assert "safety and authenticity [00:46:27]" in problems and "not being alone [00:46:33]" in problems
    assert "What would you give to 'Guild'?" in problems
    assert "Pick one community to join this month" in problems
    assert act3.check_community(act3.CommunityPlan())[0].startswith("Name the communities")


def test_a_missing_kind_is_named_by_its_label_before_the_bracket(tmp_path, monkeypatch):
    """The kind is named as the content labels it, up to its bracket: a coach's label of several words is kept whole."""
    coach_content(tmp_path, monkeypatch, lambda text: text.replace(
        'label = "Internal (inside your company)"', 'label = "Inside your company (internal)"'))
    plan = act3.CommunityPlan(communities=[act3.Community(name="Guild", kind="external", gets=["safety"], give="Talks")])
    assert act3.check_community(plan)[0] == "No inside your company community yet: the source names both kinds [00:46:16]."


def test_community_refuses_an_unknown_kind_or_benefit():
    with pytest.raises(ValidationError):
        act3.Community(name="x", kind="secret")
    with pytest.raises(ValidationError):
        act3.Community(name="x", gets=["money"])


# charts
def _labelled(fig) -> bool:
    title = fig._suptitle.get_text() if fig._suptitle else fig.axes[0].get_title()
    return bool(title) and all(ax.get_xlabel() and ax.get_ylabel() for ax in fig.axes)


def test_every_chart_is_titled_with_labelled_axes():
    timeline = cl.career_timeline(line(), DEMO["versioning.roadmap"], DEMO["versioning.end_state"])
    figures = [
        charts.career_line(timeline, "Help a thousand builders"),
        charts.career_line(cl.career_timeline(line())),
        charts.arcs_energy(act3.Arcs.model_validate(DEMO["act3.arcs"])),
        charts.arcs_energy(act3.Arcs()),
        charts.community_coverage(act3.CommunityPlan.model_validate(DEMO["act3.community"])),
    ]
    assert all(_labelled(fig) for fig in figures)


def test_the_career_line_says_how_many_years_follow_the_goal_and_the_north_star():
    timeline = cl.career_timeline(line())
    texts = [t.get_text() for t in charts.career_line(timeline, "Help builders").axes[0].texts]
    assert "42 years after your goal\nSecond North Star: Help builders" in texts
    bare = [t.get_text() for t in charts.career_line(timeline).axes[0].texts]
    assert "42 years after your goal\nNo North Star yet" in bare


# the deck
@pytest.mark.notebook
@pytest.mark.slow
def test_the_act3_deck_builds_offline_with_speaker_notes_and_no_code(tmp_path):
    result = build(tmp_path / "out", only=["04"], pdf=False, progress=False)
    assert result.warnings == []
    deck = result.decks[0].read_text(encoding="utf-8")
    assert result.decks[0].name == "04_act3.slides.html"
    links = re.findall(r"""(?:src|href)\s*=\s*["'](?!data:)([^"'#][^"']*)["']""", deck)  # data: is inside
    assert links and not [link for link in links if re.match(r"(https?:)?//", link)]
    files = set(links) | set(re.findall(r"""["'](assets/[^"']+\.(?:js|css))["']""", deck))
    missing = [path for path in files if not (result.output / path).is_file()]
    assert missing == []
    assert deck.count('<aside class="notes">') == 6  # one per notes cell of the notebook
    assert "ck.show" not in deck and "import careerkit" not in deck
    assert "The rabbit trap" in deck and "[01:09:09]" in deck
    handout = result.handouts[0].read_text(encoding="utf-8")
    assert '<aside class="notes">' not in handout and "Handle with care" not in handout


# every sentence in full, and each threshold on both of its sides (what mutation testing found unchecked)
STEADY, NOTICE, ATTEND = ({r.id: f"{r.text} {r.cite}" for r in act3.content().readouts}[level]
                          for level in ("steady", "notice", "attend"))
DOG = ("You are at or near the catch, and nothing is written after it yet. A dog that catches the fake rabbit may never "
       "run again [01:05:02]: start with one line about what comes next.")


@pytest.mark.parametrize(("stage", "after", "signs", "lines", "headline"), [
    ("chasing", "", {}, [STEADY], "Nothing here is asking for much attention right now."),
    ("close", "", {"lost": 2}, [NOTICE, DOG], "A few of the signs show up for you."),
    ("caught", " ", {"lost": 2, "habits": 1, "conflict": 1, "dissatisfaction": 2}, [ATTEND, DOG],  # 6 in all
     "Several signs show up often. That deserves some care."),
    ("unsure", "", {"conflict": 1, "habits": 1}, [STEADY, "Not knowing your rabbit is a fine start: the career line "
                                                   "above shows where a goal would end."], None),
    ("chasing", "Teach", {}, [STEADY, "You have something on the track after the rabbit: Act 3 builds on it."], None),
    ("close", "Teach", {}, [STEADY, "You have something on the track after the rabbit: Act 3 builds on it."], None),
])
def test_the_rabbit_read_out_sentence_by_sentence(stage, after, signs, lines, headline):
    readout = act3.read_rabbit(act3.Rabbit(rabbit="VP", stage=stage, after=after, signs=signs))
    assert readout.lines == lines
    if headline:
        assert readout.headline == headline


@pytest.mark.parametrize(("when", "problem"), [
    (date(2026, 1, 15), None),  # today is not past
    (date(2026, 1, 14), "Giving: the date 2026-01-14 has passed. Did you take the step? Set the next one."),
    (date(2027, 1, 16), None),  # 366 days on: still this year's step
    (date(2027, 1, 17), "Giving: more than a year away. Make the first step small enough for this year."),
])
def test_a_first_step_date_from_today_to_a_year_on_is_fine(when, problem):
    answer = act3.Arcs(plans=[act3.ArcPlan(arc="scaled_economics", energy=2, first_step="Call", step_date=date(2026, 2, 1)),
                              act3.ArcPlan(arc="giving", energy=8, first_step="Write", step_date=when)])
    reading = act3.read_arcs(answer, TODAY)
    assert reading.lines == ([problem] if problem else [])


def test_the_arcs_read_out_in_full():
    answer = act3.Arcs(plans=[act3.ArcPlan(arc="scaled_economics", energy=6, gains={"wealth": 4, "fulfilment": 6}),
                              act3.ArcPlan(arc="giving", energy=3, first_step="Write", gains={"benefit": 2, "motivation": 2})])
    reading = act3.read_arcs(answer, TODAY)
    assert (reading.direction, reading.angle) == ("scaled_economics", 26.6)
    assert reading.headline == "Your energy points towards scaled economics [01:09:09]."
    assert reading.lines == [
        "Scaled economics would give you most fulfilment (6/10).",
        "Scaled economics: sketch a first step, however small.",
        "Giving would give you most benefit to others (2/10).",  # a tie keeps the content's order
        "Giving: give your first step a date.",
        "Early stages are often about taking and creating; later stages can be built around giving to others [01:10:06].",
    ]


@pytest.mark.parametrize(("econ", "giving", "direction"), [
    (3, 3, "neither"), (4, 3, "both"), (3, 4, "both"), (5, 3, "scaled_economics"), (3, 5, "giving"), (4, 2, "scaled_economics"),
])
def test_the_arc_direction_on_each_side_of_its_thresholds(econ, giving, direction):
    reading = act3.read_arcs(arcs(econ, giving), TODAY)
    assert reading.direction == direction
    headlines = {
        "neither": "Neither arc pulls much yet. That is an honest answer: try the forms below as experiments.",
        "both": "Your energy points between the two arcs: many people mix them in Act 3.",
        "giving": "Your energy points towards giving [01:09:41].",
        "scaled_economics": "Your energy points towards scaled economics [01:09:09].",
    }
    assert reading.headline == headlines[direction]


def test_the_north_star_checks_in_full():
    assert act3.check_north_star(act3.NorthStar(), TODAY) == [
        "Write your North Star in one sentence: a direction, not a destination (kit's own)."]
    answer = act3.NorthStar(sentence="Become a CTO. Then get promoted.", first_step="Call", step_date=date(2025, 1, 1))
    assert act3.check_north_star(answer, TODAY) == [
        "Keep it to one sentence: if it needs two, pick the one that would still pull you at 70.",
        "It names 'cto', 'promoted': a goal that can be caught, like the fake rabbit (kit's own, building on "
        "[01:05:02]). A North Star is a direction that keeps pulling after you arrive (kit's own).",
        "Say why it would still motivate you at 70 [01:07:30].",
        "Reinvention: the date 2025-01-01 has passed. Did you take the step? Set the next one.",
    ]


def test_the_community_checks_in_full():
    plan = act3.CommunityPlan(communities=[
        act3.Community(name="Guild", kind="internal", gets=["practice"]),
        act3.Community(name="  ", kind="external", gets=["safety", "not_alone"], give="x"),  # unnamed: not counted
        act3.Community(name="Circle", kind="internal", gets=[], give=" "),
    ])
    assert act3.community_coverage(plan) == {
        "safety": {"internal": 0, "external": 0}, "not_alone": {"internal": 0, "external": 0},
        "practice": {"internal": 1, "external": 0}}
    assert act3.check_community(plan) == [
        "No external community yet: the source names both kinds [00:46:16].",
        "None of them gives you safety and authenticity [00:46:27].",
        "None of them gives you not being alone [00:46:33].",
        "What would you give to 'Guild', 'Circle'? Communities run on both.",
        "Pick one community to join this month, and how.",
    ]
    both = act3.CommunityPlan(join="Meetup", communities=[
        act3.Community(name="Meetup", kind="external", gets=["safety", "not_alone", "practice"], give="Talks")])
    assert act3.check_community(both) == ["No internal community yet: the source names both kinds [00:46:16]."]


def test_an_arc_not_in_the_answer_has_no_energy_and_an_unknown_arc_is_refused():
    answer = act3.Arcs(plans=[act3.ArcPlan(arc="giving", energy=7)])
    assert act3.energy_point(answer) == (0, 7)
    assert answer.plan("scaled_economics").forms == [] and answer.plan("scaled_economics").energy == 0
    with pytest.raises(ValueError, match="^choose an arc from the list$"):
        act3.arc_by_id("fame")


def test_all_the_energy_in_one_arc_points_the_arrow_straight_at_it():
    assert act3.read_arcs(arcs(0, 5), TODAY).angle == 90.0
    assert act3.read_arcs(arcs(6, 0), TODAY).angle == 0.0


def test_coverage_counts_every_named_community_after_an_unnamed_one():
    plan = act3.CommunityPlan(communities=[
        act3.Community(name="", kind="internal", gets=["safety"]),
        act3.Community(name="Guild", kind="internal", gets=["safety", "practice"]),
        act3.Community(name="Circle", kind="internal", gets=["safety"]),
    ])
    assert act3.community_coverage(plan)["safety"] == {"internal": 2, "external": 0}
    assert act3.community_coverage(plan)["practice"] == {"internal": 1, "external": 0}
