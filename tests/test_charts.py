"""Every chart draws the numbers it is given: bar lengths, positions and points equal the data.

The expected numbers are worked out here from the demo participant's saved answers (modules/*/demo.json)
or written out by hand, not read back from the code that draws. A title and an axis label are not enough:
bars drawn at zero, or as 100 minus the share, must fail.
"""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from matplotlib.container import BarContainer
from matplotlib.patches import FancyArrowPatch

from careerkit.content import demo_answers
from careerkit.modules.act3 import charts as act3_charts
from careerkit.modules.act3 import domain as act3
from careerkit.modules.act3 import whole_career as cl
from careerkit.modules.feedback import charts as feedback_charts
from careerkit.modules.feedback import domain as fb
from careerkit.modules.feedback import drill
from careerkit.modules.lanes import charts as lane_charts
from careerkit.modules.lanes import domain as lanes
from careerkit.modules.lanes import path as cp
from careerkit.modules.lanes import story
from careerkit.modules.plan import domain as pl
from careerkit.modules.plan.charts import compare_chart
from careerkit.modules.versioning import charts as versioning_charts
from careerkit.modules.versioning import domain as versioning
from careerkit.room import charts as cohort_charts

DEMO = demo_answers()
LANES = ["crafting", "market", "organizational", "domain", "team", "growth"]  # the content's order


def bar_series(ax) -> list[list]:
    """Each bar call of an axes as a list of its rectangles."""
    return [list(c.patches) for c in ax.containers if isinstance(c, BarContainer)]


def heights(series) -> list[float]:
    return [round(r.get_height(), 6) for r in series]


def widths(series) -> list[float]:
    return [round(r.get_width(), 6) for r in series]


def lefts(series) -> list[float]:
    return [round(r.get_x(), 6) for r in series]


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


# module 1
def test_the_roadmap_timeline_draws_each_version_over_its_years():
    roadmap = versioning.Roadmap.model_validate(DEMO["versioning.roadmap"])
    bars = [bar for series in bar_series(versioning_charts.roadmap_timeline(roadmap).axes[0]) for bar in series]
    assert lefts(bars) == [2022, 2025, 2027, 2030]
    assert widths(bars) == [3, 2, 3, 4]
    assert [round(r.get_y() + r.get_height() / 2) for r in bars] == [0, 1, 2, 3]
    assert [r.get_hatch() for r in bars] == [None, None, "//", "//"]  # the two B2B versions


def test_the_portfolio_heatmap_holds_the_years_in_each_stage_and_market():
    roadmap = versioning.Roadmap.model_validate(DEMO["versioning.roadmap"])
    ax = versioning_charts.portfolio_heatmap(versioning.stage_portfolio(roadmap)).axes[0]
    grid = ax.images[0].get_array().tolist()
    stages = [s.id for s in versioning.content().stages]
    markets = [m.id for m in versioning.content().markets]
    expected = [[0] * len(markets) for _ in stages]
    for version in DEMO["versioning.roadmap"]["versions"]:
        expected[stages.index(version["stage"])][markets.index(version["market"])] += version["end_year"] - version["start_year"]
    assert grid == expected
    assert texts(ax).count("gap") == sum(row.count(0) for row in expected)
    assert "5 y" in texts(ax)  # 2022-2025 and 2025-2027 at the same stage and market


def test_the_alternatives_chart_draws_each_plans_dials():
    answer = versioning.Alternatives.model_validate(DEMO["versioning.alternatives"])
    ax = versioning_charts.alternatives_bars(answer).axes[0]
    dials = [d.id for d in versioning.content().dials]
    assert [heights(s) for s in bar_series(ax)] == [[plan[d] for d in dials] for plan in DEMO["versioning.alternatives"]["plans"]]


def test_the_equity_chart_draws_paper_pay_base_pay_and_the_market():
    answer = versioning.ExGrowth.model_validate(DEMO["versioning.ex_growth"])
    ax = versioning_charts.equity_bars(answer).axes[0]
    [bars] = bar_series(ax)
    assert heights(bars) == [210_000, 150_000, 190_000]
    assert texts(ax) == ["210,000", "150,000", "190,000"]


# module 2
def test_the_lane_ranking_stacks_each_lanes_three_ratings_best_first():
    ratings = lanes.LaneRatings.model_validate(DEMO["lanes.ratings"])
    ax = lane_charts.ranking_bars(lanes.rank_lanes(ratings), ratings.chosen).axes[0]
    evidence, energy, opportunity = bar_series(ax)
    scores = DEMO["lanes.ratings"]["scores"]
    order = sorted(LANES, key=lambda lane: -sum(scores[lane].values()))
    assert order[0] == "growth"
    rows = [round(r.get_y() + r.get_height() / 2) for r in evidence]
    by_row = [order[row] for row in rows]
    assert widths(evidence) == [scores[lane]["evidence"] for lane in by_row]
    assert widths(energy) == [scores[lane]["energy"] for lane in by_row]
    assert widths(opportunity) == [scores[lane]["opportunity"] for lane in by_row]
    assert lefts(energy) == widths(evidence)  # stacked end to end
    assert lefts(opportunity) == [a + b for a, b in zip(widths(evidence), widths(energy), strict=True)]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Growth  ← your pick"


def test_the_energy_log_chart_averages_each_lane_and_leaves_unlogged_lanes_empty():
    log = lanes.EnergyLog.model_validate(DEMO["lanes.energy_log"])
    ax = lane_charts.energy_log_bars(lanes.summarise_log(log)).axes[0]
    engagement, energy = bar_series(ax)
    # growth: (9, 8) and (8, 9); crafting (7, 6); organizational (4, 2); market (8, 7); domain and team: none
    assert heights(engagement) == [7, 8, 4, 0, 0, 8.5]
    assert heights(energy) == [6, 7, 2, 0, 0, 8.5]
    assert texts(ax) == ["n=1", "n=1", "n=1", "no entries", "no entries", "n=2"]


def test_the_radar_draws_current_and_target_on_each_lanes_spoke():
    radar = lanes.Radar.model_validate(DEMO["lanes.radar"])
    ax = lane_charts.radar_chart(radar, ["growth"]).axes[0]
    current, target = ax.lines[:2]
    wanted_current = [DEMO["lanes.radar"]["current"][lane] for lane in LANES]
    wanted_target = [DEMO["lanes.radar"]["target"][lane] for lane in LANES]
    assert list(current.get_ydata()) == [*wanted_current, wanted_current[0]]
    assert list(target.get_ydata()) == [*wanted_target, wanted_target[0]]
    assert [round(a, 6) for a in current.get_xdata()[:3]] == [0, round(3.14159265 / 3, 6), round(2 * 3.14159265 / 3, 6)]


def test_the_pronoun_chart_counts_i_i_think_and_we_per_role():
    roles = [
        {"role": "PM", "company": "A", "learned": "I learned a lot. We shipped.", "achieved": "I launched it. I built it."},
        {"role": "Senior PM", "company": "B", "learned": "We found it. We did it.", "achieved": "I think it helped."},
    ]
    answer = story.CareerStory.model_validate({"roles": roles})
    ax = lane_charts.pronoun_bars(story.check_story(answer), ["PM", "Senior PM"]).axes[0]
    i, hedged, we = bar_series(ax)
    assert heights(i) == [3, 0] and heights(hedged) == [0, 1] and heights(we) == [1, 2]


def test_the_path_chart_draws_how_much_each_activity_is_enjoyed():
    answer = cp.PathAnswer.model_validate(DEMO["lanes.path"])
    ax = lane_charts.path_bars(answer).axes[0]
    [bars] = bar_series(ax)
    activities = lanes.content().path_activities
    assert widths(bars) == [DEMO["lanes.path"]["enjoy"][a.id] for a in activities]
    colours = {bar.get_facecolor() for bar, a in zip(bars, activities, strict=True) if a.leans == "ic"}
    assert len(colours) == 1 and colours != {bar.get_facecolor() for bar, a in zip(bars, activities, strict=True) if a.leans == "manager"}


# module 3
def test_the_drill_history_draws_each_score_and_the_loops_it_took():
    log = drill.RepeatBackLog.model_validate({"history": DEMO["feedback.repeat_back"]["history"]})
    fig = feedback_charts.drill_history(log)
    bars_ax, loops_ax = fig.axes
    [bars] = bar_series(bars_ax)
    assert heights(bars) == [35, 100, 77, 100, 100]
    assert [round(r.get_x() + r.get_width() / 2) for r in bars] == [1, 2, 3, 4, 5]
    assert list(loops_ax.lines[0].get_ydata()) == [1, 2, 1, 2, 1]
    pair = bars[3].get_facecolor()
    assert pair != bars[0].get_facecolor() and [b.get_facecolor() == pair for b in bars] == [False, False, False, True, False]


def test_the_stall_chart_draws_each_causes_share_and_marks_its_base_rate():
    ranked = [fb.RankedCause(id="a", label="Development area", share=54.8, base_rate=50.0, base_rate_note="", reasons=[], moves=[]),
              fb.RankedCause(id="b", label="Advocacy", share=30.2, base_rate=25.0, base_rate_note="", reasons=[], moves=[]),
              fb.RankedCause(id="c", label="No role", share=15.0, base_rate=25.0, base_rate_note="", reasons=[], moves=[])]
    ax = feedback_charts.stall_ranking(ranked).axes[0]
    [bars] = bar_series(ax)
    assert widths(bars) == [54.8, 30.2, 15.0] and lefts(bars) == [0, 0, 0]
    assert ax.collections[0].get_offsets().tolist() == [[50.0, 0], [25.0, 1], [25.0, 2]]
    assert texts(ax) == ["55%", "30%", "15%"]


def test_the_stall_chart_of_the_demo_answers_shows_the_saved_shares():
    answer = fb.PromotionStall.model_validate(DEMO["feedback.promotion_stall"])
    [bars] = bar_series(feedback_charts.stall_ranking(answer.ranked).axes[0])
    assert widths(bars) == [cause["share"] for cause in DEMO["feedback.promotion_stall"]["ranked"]]


def test_the_shadows_chart_puts_each_superpower_at_its_rating():
    answer = fb.Shadows.model_validate(DEMO["feedback.shadows"])
    ax = feedback_charts.shadows_grid(answer).axes[0]
    columns = [r.id for r in fb.content().ratings]
    points = [c.get_offsets().tolist()[0] for c in ax.collections]
    wanted = [[columns.index(DEMO["feedback.shadows"]["ratings"][p.id]), y] for y, p in enumerate(answer.pairs)]
    assert points == wanted
    assert [t.get_text() for t in ax.get_yticklabels()] == [p.superpower for p in answer.pairs]
    assert any("Might struggle with innovation" in t for t in texts(ax))


def test_the_contradiction_matrix_colours_each_strength_against_each_item():
    answer = fb.ContradictionLog.model_validate(DEMO["feedback.contradictions"])
    matrix = fb.find_contradictions(answer)
    ax = feedback_charts.contradiction_matrix(matrix).axes[0]
    codes = {"": 0, "affirms": 1, "contradicts": 2}
    assert ax.images[0].get_array().tolist() == [[codes[c] for c in row] for row in matrix.cells]
    assert texts(ax) == [c for row in matrix.cells for c in row if c]
    # Sam affirms "Great collaborator" and the manager "Excellent at growth" (the demo's items 2 and 4)
    strengths = matrix.strengths
    assert matrix.cells[strengths.index("Great collaborator")][1] == "affirms"
    assert matrix.cells[strengths.index("Excellent at growth")][3] == "affirms"


# module 4
def test_the_career_line_draws_the_three_acts_today_and_the_goals_end():
    line = cl.CareerLine.model_validate(DEMO["act3.career_line"])
    timeline = cl.career_timeline(line, DEMO["versioning.roadmap"], DEMO["versioning.end_state"])
    ax = act3_charts.career_line(timeline, "Help builders").axes[0]
    acts, after_goal = bar_series(ax)[:3], bar_series(ax)[3]
    # started at 23, act 2 at 34, act 3 at 50, a 65-year span: to 88; the goal ends at 46
    assert [(lefts(a)[0], widths(a)[0]) for a in acts] == [(23, 11), (34, 16), (50, 38)]
    assert (lefts(after_goal)[0], widths(after_goal)[0]) == (46, 42)
    assert "You, 31" in texts(ax) and "Goal ends, 46" in texts(ax)
    assert any(t.startswith("42 years after your goal\nSecond North Star: Help builders") for t in texts(ax))
    now = [ln for ln in ax.lines if list(ln.get_xdata()) == [31, 31]]
    assert now, "a line marks today"


def test_the_arcs_chart_draws_each_arcs_gains_and_points_the_arrow_at_the_energy():
    answer = act3.Arcs.model_validate(DEMO["act3.arcs"])
    fig = act3_charts.arcs_energy(answer)
    bars_ax, compass = fig.axes
    gains = [g.id for g in act3.content().gains]
    plans = {p["arc"]: p for p in DEMO["act3.arcs"]["plans"]}
    wanted = [[plans[arc.id]["gains"][g] for g in gains] for arc in act3.content().arcs]
    assert [widths(s) for s in bar_series(bars_ax)] == wanted
    [arrow] = [p for p in compass.patches if isinstance(p, FancyArrowPatch)]
    assert arrow._posA_posB == [(0, 0), (4, 8)]  # energy 4 for scaled economics, 8 for giving
    assert "(4, 8)" in texts(compass)


def test_the_community_chart_counts_each_benefit_by_kind():
    plan = act3.CommunityPlan.model_validate(DEMO["act3.community"])
    ax = act3_charts.community_coverage(plan).axes[0]
    gets = [g.id for g in act3.content().community_gets]
    kinds = [k.id for k in act3.content().community_kinds]
    wanted = {kind: [0] * len(gets) for kind in kinds}
    for community in DEMO["act3.community"]["communities"]:
        for get in community["gets"]:
            wanted[community["kind"]][gets.index(get)] += 1
    series = bar_series(ax)
    assert [widths(s) for s in series] == [wanted[kind] for kind in kinds]
    assert lefts(series[1]) == widths(series[0])
    assert sum(sum(widths(s)) for s in series) == 4  # two communities, two benefits each


# the plan and the room
def test_the_compare_chart_draws_the_count_of_each_kind_of_change_and_each_move():
    comparison = pl.PlanComparison(
        older="v1", newer="v2", older_date=datetime(2026, 1, 1, tzinfo=UTC), newer_date=datetime(2026, 2, 1, tzinfo=UTC),
        steps_added=["a", "b"], steps_dropped=["c"], lane_before="crafting", lane_after="growth",
        ratings=[pl.RatingMove(key="lanes.ratings", label="Growth energy", before=5, after=8),
                 pl.RatingMove(key="lanes.ratings", label="Team evidence", before=6, after=2)],
        answers_added=["x"], answers_changed=[], answers_removed=[],
    )
    counts_ax, moves_ax = compare_chart(comparison).axes
    [counts] = bar_series(counts_ax)
    assert widths(counts) == [2, 1, 1, 2, 1, 0, 0]
    [moves] = bar_series(moves_ax)
    assert widths(moves) == [3, -4]


@pytest.mark.parametrize(("counts", "drawn"), [({"A": 7, "B": None, "C": 5}, [7, 0, 5]), ({"Only": 12}, [12])])
def test_the_room_chart_draws_each_groups_count_and_hides_small_groups(counts, drawn):
    dist = SimpleNamespace(title="Lanes picked", axis="Lane", kind="single", counts=counts)
    ax = cohort_charts.distribution_chart(dist, k=5).axes[0]
    [bars] = bar_series(ax)
    assert widths(bars) == drawn
    assert texts(ax) == ["fewer than 5: hidden" if c is None else str(c) for c in counts.values()]
