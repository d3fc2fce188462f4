"""Every chart's words fit inside the figure: no legend entry, tick label, title or label is cut at its edge.

The test draws each figure at its own size (not through ``bbox_inches="tight"``, which hides a figure that
is too small) and compares every text's extent on the canvas with the figure's: a legend placed beside the
axes that runs past the right edge, as "Pre-product-market f" once did, fails here.
"""

from __future__ import annotations

import copy
import importlib

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.legend import Legend
from matplotlib.text import Text

from careerkit.content import demo_answers
from careerkit.modules.plan import domain as pl
from careerkit.modules.plan.charts import compare_chart, plan_charts
from careerkit.room import charts as cohort_charts
from careerkit.ui.charts import chart_style
from careerkit.ui.exercise import plain_text

MODULES = ("versioning", "lanes", "feedback", "act3")
LONG = "Principal product manager, platform payments and risk, EMEA and APAC"
FREE_TEXT = {"role", "company", "learning", "sentence", "label", "name", "why", "builder", "skip_job", "activity",
             "superpower", "shadow", "what", "text", "first_step", "headline"}


def _long(value):
    """The demo answers with every free-text field as long as a learner might type it."""
    if isinstance(value, dict):
        return {k: (LONG if k in FREE_TEXT and isinstance(v, str) else _long(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_long(v) for v in value]
    return value


def _in_view(axis, loc: float) -> bool:
    low, high = sorted(axis.get_view_interval())
    span = (high - low) * 1e-6 or 1e-9
    return low - span <= loc <= high + span


def drawn_words(fig) -> list[Text | Legend]:
    """Every text a reader sees in ``fig``: titles, axis labels, texts, legends and their entries, and the
    tick labels of the ticks inside the axes' range (matplotlib keeps a few more, never drawn)."""
    words: list[Text | Legend] = [*fig.texts]
    if fig._suptitle is not None:
        words.append(fig._suptitle)
    for ax in fig.axes:
        words += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
        for legend in [ax.get_legend(), *[c for c in ax.get_children() if isinstance(c, Legend)]]:
            if legend is not None:
                words += [legend, *legend.get_texts()]
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if _in_view(axis, tick.get_loc()):
                    words += [label for label in (tick.label1, tick.label2) if label.get_visible()]
    return list({id(w): w for w in words if w.get_visible() and (not isinstance(w, Text) or w.get_text().strip())}.values())


def cut_words(fig) -> list[str]:
    """Each text or legend of ``fig`` that reaches past the figure's edge (by more than a pixel)."""
    FigureCanvasAgg(fig)
    with chart_style():
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        edge = fig.bbox
        found = []
        for artist in drawn_words(fig):
            box = artist.get_window_extent(renderer)
            if box.x0 < edge.x0 - 1 or box.y0 < edge.y0 - 1 or box.x1 > edge.x1 + 1 or box.y1 > edge.y1 + 1:
                what = artist.get_text() if isinstance(artist, Text) else "legend"
                found.append(f"{what[:40]!r}: {box.x0:.0f}..{box.x1:.0f} x {box.y0:.0f}..{box.y1:.0f} "
                             f"outside 0..{edge.x1:.0f} x 0..{edge.y1:.0f}")
    return found


def exercise_figures(book, monkeypatch) -> list[tuple[str, object]]:
    import careerkit.ui.exercise as base

    drawn: list[tuple[str, object]] = []
    real = base.figure_output
    monkeypatch.setattr(base, "figure_output", lambda fig, alt: drawn.append((alt, fig)) or real(fig, alt))
    for module in MODULES:
        for view_class in importlib.import_module(f"careerkit.modules.{module}.views").EXERCISES.values():
            view = view_class(book)
            assert "Something went wrong" not in plain_text(view.message.value), view.key
            view.close()
    return drawn


@pytest.mark.parametrize("answers", [demo_answers(), _long(copy.deepcopy(demo_answers()))], ids=["demo", "long"])
def test_every_exercise_chart_keeps_its_words_inside_the_figure(make_workbook, monkeypatch, answers):
    drawn = exercise_figures(make_workbook("Ana", answers), monkeypatch)
    assert len(drawn) >= 10
    problems = [f"{alt}: {p}" for alt, fig in drawn for p in cut_words(fig)]
    assert problems == []


@pytest.mark.parametrize("answers", [demo_answers(), _long(copy.deepcopy(demo_answers()))], ids=["demo", "long"])
def test_every_plan_chart_keeps_its_legend_and_labels_inside_the_figure(answers):
    charts = plan_charts(answers)
    assert {c.name for c in charts} == {"roadmap", "lanes", "career_line", "arcs"}
    assert [f"{c.name}: {p}" for c in charts for p in cut_words(c.figure)] == []


def test_the_compare_chart_and_the_room_chart_keep_their_words_inside():
    from datetime import UTC, datetime
    from types import SimpleNamespace

    comparison = pl.PlanComparison(
        older="v1", newer="v2", older_date=datetime(2026, 1, 1, tzinfo=UTC), newer_date=datetime(2026, 2, 1, tzinfo=UTC),
        steps_added=["a", "b"], steps_dropped=["c"], lane_before="crafting", lane_after="growth",
        ratings=[pl.RatingMove(key="lanes.ratings", label=LONG, before=5, after=8),
                 pl.RatingMove(key="lanes.ratings", label="Team evidence", before=6, after=2)],
        answers_added=["x"], answers_changed=[], answers_removed=[],
    )
    assert cut_words(compare_chart(comparison)) == []
    dist = SimpleNamespace(title=LONG + " " + LONG, axis="Lane", kind="single", counts={LONG: 7, "B": None, "C": 5})
    assert cut_words(cohort_charts.distribution_chart(dist, k=5)) == []


def test_a_legend_past_the_edge_is_noticed():
    """The check is not vacuous: a legend pushed beside the axes of a figure too narrow for it is caught."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.bar([0], [1], label="Pre-product-market fit")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    assert any("Pre-product-market fit" in p for p in cut_words(fig))
