"""Every exercise's chart follows the answer: change a control, and the chart shown plots the new numbers.

The figure is caught on its way to the PNG the learner sees (``render_png``), and it is the figure whose PNG is
in the view's output now. The expected numbers are worked out here by hand from the demo answers and the
change made, not read back from the drawing code: a view that plots an old answer, another answer, or bars at
zero fails.
"""

from __future__ import annotations

import base64
import copy
import importlib

import pytest
from matplotlib.patches import FancyArrowPatch

from careerkit.content import demo_answers
from careerkit.modules import exercise_class
from careerkit.modules.act3 import domain as act3
from careerkit.modules.feedback import domain as fb
from careerkit.modules.plan.views import CompareView
from careerkit.modules.versioning import domain as versioning
from careerkit.store.workbook import Workbook
from careerkit.ui import charts as plots
from careerkit.ui.exercise import Exercise
from test_charts import LANES, bar_series, heights, lefts, texts, widths

DEMO = demo_answers()


@pytest.fixture
def drawn(monkeypatch):
    """The (figure, PNG bytes) of every chart rendered during the test, in order."""
    rendered: list[tuple] = []
    real = plots.render_png

    def spy(fig, *args, **kwargs):
        png = real(fig, *args, **kwargs)
        rendered.append((fig, png))
        return png

    monkeypatch.setattr(plots, "render_png", spy)
    return rendered


def shown(view, drawn):
    """The figure whose PNG the view shows now (fails if it shows no chart, or a PNG drawn elsewhere)."""
    (output,) = view.output.outputs
    png = base64.b64decode(output["data"]["image/png"])
    figures = [fig for fig, data in drawn if data == png]
    assert figures, "the chart shown is not one drawn in this test"
    return figures[-1]


def open_view(key: str, book: Workbook):
    return exercise_class(key)(book)


def on_disk(book: Workbook, key: str):
    return Workbook(book.participant, book.home).get(key)


# module 1
def test_moving_a_versions_end_year_redraws_its_bar_to_the_new_year(make_workbook, drawn):
    view = open_view("versioning.roadmap", make_workbook(answers={"versioning.roadmap": DEMO["versioning.roadmap"]}))
    bars = [b for s in bar_series(shown(view, drawn).axes[0]) for b in s]
    assert (lefts(bars), widths(bars)) == ([2022, 2025, 2027, 2030], [3, 2, 3, 4])
    view.rows.rows[3]["end_year"].value = 2036
    view.rows.rows[0]["start_year"].value = 2021
    bars = [b for s in bar_series(shown(view, drawn).axes[0]) for b in s]
    assert (lefts(bars), widths(bars)) == ([2021, 2025, 2027, 2030], [4, 2, 3, 6])


def test_the_portfolio_grid_counts_the_years_of_the_roadmap_as_it_is_edited(make_workbook, drawn):
    book = make_workbook(answers={"versioning.roadmap": DEMO["versioning.roadmap"]})
    roadmap, portfolio = open_view("versioning.roadmap", book), open_view("versioning.portfolio", book)
    stages = [s.id for s in versioning.content().stages]
    markets = [m.id for m in versioning.content().markets]

    def expected(versions):
        grid = [[0] * len(markets) for _ in stages]
        for x in versions:
            grid[stages.index(x["stage"])][markets.index(x["market"])] += x["end_year"] - x["start_year"]
        return grid

    versions = copy.deepcopy(DEMO["versioning.roadmap"]["versions"])
    assert shown(portfolio, drawn).axes[0].images[0].get_array().tolist() == expected(versions)
    other = next(s for s in stages if s != versions[3]["stage"])
    roadmap.rows.rows[3]["stage"].value = other  # the last version (2030-2034) moves to another stage
    versions[3]["stage"] = other
    assert shown(portfolio, drawn).axes[0].images[0].get_array().tolist() == expected(versions)


def test_moving_a_dial_redraws_that_plans_bar(make_workbook, drawn):
    view = open_view("versioning.alternatives", make_workbook(answers={"versioning.alternatives": DEMO["versioning.alternatives"]}))
    dials = [d.id for d in versioning.content().dials]
    plans = copy.deepcopy(DEMO["versioning.alternatives"]["plans"])
    assert [heights(s) for s in bar_series(shown(view, drawn).axes[0])] == [[p[d] for d in dials] for p in plans]
    new = 0 if plans[1][dials[0]] else 10
    view.plans[1][dials[0]].value = new
    plans[1][dials[0]] = new
    assert [heights(s) for s in bar_series(shown(view, drawn).axes[0])] == [[p[d] for d in dials] for p in plans]


def test_typing_the_equity_redraws_the_paper_pay_bar(make_workbook, drawn):
    view = open_view("versioning.ex_growth", make_workbook(answers={"versioning.ex_growth": DEMO["versioning.ex_growth"]}))
    [bars] = bar_series(shown(view, drawn).axes[0])
    assert heights(bars) == [210_000, 150_000, 190_000]
    view.equity.value = 10_000
    view.market.value = 175_000
    ax = shown(view, drawn).axes[0]
    [bars] = bar_series(ax)
    assert heights(bars) == [160_000, 150_000, 175_000]
    assert texts(ax) == ["160,000", "150,000", "175,000"]


# module 2
def test_a_new_engagement_in_the_log_changes_that_lanes_average(make_workbook, drawn):
    view = open_view("lanes.energy_log", make_workbook(answers={"lanes.energy_log": DEMO["lanes.energy_log"]}))
    engagement, energy = bar_series(shown(view, drawn).axes[0])
    assert heights(engagement) == [7, 8, 4, 0, 0, 8.5]
    view.rows.rows[2]["engagement"].value = 10  # the organizational entry, 4 before
    view.rows.rows[4]["energy"].value = 3  # the second growth entry: (8 + 3) / 2
    engagement, energy = bar_series(shown(view, drawn).axes[0])
    assert heights(engagement) == [7, 8, 10, 0, 0, 8.5]
    assert heights(energy) == [6, 7, 2, 0, 0, 5.5]


def test_a_new_rating_moves_that_lanes_stacked_bar(make_workbook, drawn):
    view = open_view("lanes.ratings", make_workbook(answers={"lanes.ratings": DEMO["lanes.ratings"]}))
    scores = copy.deepcopy(DEMO["lanes.ratings"]["scores"])

    def drawn_triples():
        evidence, energy, opportunity = bar_series(shown(view, drawn).axes[0])
        assert lefts(energy) == widths(evidence)
        return sorted(zip(widths(evidence), widths(energy), widths(opportunity), strict=True))

    def wanted():
        return sorted((s["evidence"], s["energy"], s["opportunity"]) for s in scores.values())

    assert drawn_triples() == wanted()
    view.scores["team"]["evidence"].value = 10
    scores["team"]["evidence"] = 10
    assert (10, 5, 4) in drawn_triples() and drawn_triples() == wanted()


def test_moving_a_now_slider_moves_the_radars_current_line(make_workbook, drawn):
    book = make_workbook(answers={"lanes.radar": DEMO["lanes.radar"], "lanes.ratings": DEMO["lanes.ratings"]})
    view = open_view("lanes.radar", book)
    current = [DEMO["lanes.radar"]["current"][lane] for lane in LANES]
    target = [DEMO["lanes.radar"]["target"][lane] for lane in LANES]
    assert list(shown(view, drawn).axes[0].lines[0].get_ydata()) == [*current, current[0]]
    view.current["growth"].value = 9
    view.target["crafting"].value = 1
    current[LANES.index("growth")], target[LANES.index("crafting")] = 9, 1
    now, goal = shown(view, drawn).axes[0].lines[:2]
    assert list(now.get_ydata()) == [*current, current[0]]
    assert list(goal.get_ydata()) == [*target, target[0]]


def test_rewriting_a_role_recounts_its_i_and_we(make_workbook, drawn):
    view = open_view("lanes.story", make_workbook())
    row = view.rows.rows[0]
    row["role"].value = "PM"
    row["learned"].value = "I learned a lot. We shipped."
    row["achieved"].value = "I launched it. I built it."
    i, hedged, we = bar_series(shown(view, drawn).axes[0])
    assert (heights(i), heights(hedged), heights(we)) == ([3], [0], [1])
    row["achieved"].value = "I think it helped. We did it."
    i, hedged, we = bar_series(shown(view, drawn).axes[0])
    assert (heights(i), heights(hedged), heights(we)) == ([1], [1], [2])


def test_moving_an_enjoy_slider_redraws_that_activitys_bar(make_workbook, drawn):
    view = open_view("lanes.path", make_workbook(answers={"lanes.path": DEMO["lanes.path"]}))
    enjoy = dict(DEMO["lanes.path"]["enjoy"])
    [bars] = bar_series(shown(view, drawn).axes[0])
    assert widths(bars) == list(enjoy.values())
    view.enjoy["building"].value = 1
    view.enjoy["headcount"].value = 10
    enjoy.update(building=1, headcount=10)
    [bars] = bar_series(shown(view, drawn).axes[0])
    assert widths(bars) == list(enjoy.values())


# module 3
def test_answering_a_stall_question_redraws_the_shares_that_were_saved(make_workbook, drawn):
    book = make_workbook()
    view = open_view("feedback.promotion_stall", book)
    [bars] = bar_series(shown(view, drawn).axes[0])
    assert widths(bars) == [50, 16.7, 16.7, 16.7]  # the base rates before any answer (shares to one decimal)
    view.questions["manager_cannot_explain"].value = 4
    view.questions["deciders_do_not_see"].value = 4
    ranked = on_disk(book, "feedback.promotion_stall")["ranked"]
    assert ranked[0]["id"] == "advocacy"
    [bars] = bar_series(shown(view, drawn).axes[0])
    assert widths(bars) == [round(c["share"], 6) for c in ranked]
    assert widths(bars)[0] > 16.7 and sum(widths(bars)) == pytest.approx(100, abs=0.2)


def test_rating_a_superpower_puts_its_point_in_that_column(make_workbook, drawn):
    view = open_view("feedback.shadows", make_workbook())
    columns = [r.id for r in fb.content().ratings]
    view.chosen["storyteller"].value = True
    view.levels["storyteller"].value = "too_much"
    assert [c.get_offsets().tolist() for c in shown(view, drawn).axes[0].collections] == [[[columns.index("too_much"), 0]]]
    view.levels["storyteller"].value = "right"
    view.chosen["growth"].value = True
    view.levels["growth"].value = "too_little"
    ax = shown(view, drawn).axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    points = {names[int(y)]: x for c in ax.collections for x, y in c.get_offsets().tolist()}
    assert points == {"Excellent at growth": columns.index("too_little"), "World-class storyteller": columns.index("right")}


def test_turning_feedback_against_a_strength_recolours_its_cell(make_workbook, drawn):
    book = make_workbook(answers={"feedback.contradictions": DEMO["feedback.contradictions"]})
    view = open_view("feedback.contradictions", book)
    strengths = DEMO["feedback.contradictions"]["strengths"]
    collaborator = strengths.index("Great collaborator")
    codes = {"": 0, "affirms": 1, "contradicts": 2}
    grid = shown(view, drawn).axes[0].images[0].get_array().tolist()
    assert grid[collaborator][1] == codes["affirms"]  # Sam: "Easy to work with; brings the team along"
    view.items.rows[1]["direction"].value = "challenges"  # Sam now challenges the collaborator
    grid = shown(view, drawn).axes[0].images[0].get_array().tolist()
    assert grid[collaborator][1] == codes["contradicts"]
    matrix = fb.find_contradictions(fb.ContradictionLog.model_validate(on_disk(book, "feedback.contradictions")))
    assert grid == [[codes[c] for c in row] for row in matrix.cells]


def test_each_repeat_back_adds_its_score_to_the_history_chart(make_workbook, drawn):
    book = make_workbook()
    view = open_view("feedback.repeat_back", book)
    view.statement.value = "long_specs"
    view.draft.value = "My specs are too long, so engineers skim them and miss the decisions that matter. Did I get that right?"
    view.check_button.click()
    [bars] = bar_series(shown(view, drawn).axes[0])
    assert heights(bars) == [100]
    view.draft.value = "You think my specs are bad."
    view.check_button.click()
    scores = [a["score"] for a in on_disk(book, "feedback.repeat_back")["history"]]
    assert len(scores) == 2 and scores[1] < 100
    bars_ax, loops_ax = shown(view, drawn).axes
    [bars] = bar_series(bars_ax)
    assert heights(bars) == scores
    assert len(loops_ax.lines[0].get_ydata()) == 2


# module 4
def test_moving_act_2_moves_the_line_between_act_1_and_act_2(make_workbook, drawn):
    answers = {k: DEMO[k] for k in ("versioning.roadmap", "versioning.end_state", "act3.career_line")}
    view = open_view("act3.career_line", make_workbook(answers=answers))

    def acts():
        series = bar_series(shown(view, drawn).axes[0])
        return [(lefts(a)[0], widths(a)[0]) for a in series[:3]]

    assert acts() == [(23, 11), (34, 16), (50, 38)]  # started at 23, a 65-year span: to 88
    view.act2.value = 38
    view.span.value = 60
    assert acts() == [(23, 15), (38, 12), (50, 33)]


def test_a_gain_and_the_energy_redraw_the_arcs_bars_and_arrow(make_workbook, drawn):
    view = open_view("act3.arcs", make_workbook(answers={"act3.arcs": DEMO["act3.arcs"]}))
    gains = [g.id for g in act3.content().gains]
    arcs = [a.id for a in act3.content().arcs]
    plans = {p["arc"]: copy.deepcopy(p) for p in DEMO["act3.arcs"]["plans"]}
    view.columns["scaled_economics"]["gains"]["wealth"].value = 10
    view.columns["giving"]["energy"].value = 3
    plans["scaled_economics"]["gains"]["wealth"] = 10
    bars_ax, compass = shown(view, drawn).axes
    assert [widths(s) for s in bar_series(bars_ax)] == [[plans[a]["gains"][g] for g in gains] for a in arcs]
    [arrow] = [p for p in compass.patches if isinstance(p, FancyArrowPatch)]
    assert arrow._posA_posB == [(0, 0), (4, 3)]  # energy 4 for scaled economics, now 3 for giving


def test_ticking_a_benefit_counts_it_for_that_kind_of_community(make_workbook, drawn):
    view = open_view("act3.community", make_workbook(answers={"act3.community": DEMO["act3.community"]}))
    gets = [g.id for g in act3.content().community_gets]
    kinds = [k.id for k in act3.content().community_kinds]

    def counts():
        return dict(zip(kinds, [widths(s) for s in bar_series(shown(view, drawn).axes[0])], strict=True))

    before = counts()
    assert sum(map(sum, before.values())) == 4
    view.rows.rows[0]["get_not_alone"].value = True  # the internal guild now also means not being alone
    after = counts()
    assert after["internal"][gets.index("not_alone")] == before["internal"][gets.index("not_alone")] + 1
    assert sum(map(sum, after.values())) == 5 and after["external"] == before["external"]


def test_comparing_other_versions_redraws_the_count_of_changes(make_workbook, drawn):
    book = make_workbook(answers=copy.deepcopy(DEMO))
    book.ship_version(note="one")
    ratings = copy.deepcopy(DEMO["lanes.ratings"])
    ratings["chosen"], ratings["scores"]["growth"]["energy"] = ["team"], 5
    book.save_answer("lanes.ratings", ratings)
    book.ship_version(note="two")
    view = CompareView(book)
    counts_ax, moves_ax = shown(view, drawn).axes
    [counts] = bar_series(counts_ax)
    # steps added, dropped, lane changed, ratings moved, answered, edited, removed
    assert widths(counts) == [0, 0, 1, 1, 0, 1, 0]
    assert [widths(s) for s in bar_series(moves_ax)] == [[-3]]  # growth energy 8 -> 5
    roadmap = copy.deepcopy(DEMO["versioning.roadmap"])
    roadmap["versions"] = roadmap["versions"][:2]
    book.save_answer("versioning.roadmap", roadmap)
    book.ship_version(note="three")
    view.refresh()  # v2 against v3
    [counts] = bar_series(shown(view, drawn).axes[0])
    assert widths(counts) == [0, 2, 0, 0, 0, 1, 0]


COVERED = {
    "versioning.roadmap", "versioning.portfolio", "versioning.alternatives", "versioning.ex_growth",
    "lanes.energy_log", "lanes.ratings", "lanes.radar", "lanes.story", "lanes.path",
    "feedback.promotion_stall", "feedback.shadows", "feedback.contradictions", "feedback.repeat_back",
    "act3.career_line", "act3.arcs", "act3.community",
}


def test_every_exercise_that_draws_a_chart_has_its_chart_followed_above():
    charted = set()
    for module in ("versioning", "lanes", "feedback", "act3", "plan"):
        for view in importlib.import_module(f"careerkit.modules.{module}.views").EXERCISES.values():
            if issubclass(view, Exercise) and view.chart is not Exercise.chart:
                charted.add(view.key)
    assert charted == COVERED  # plan.compare draws its own chart: followed in the test just above
