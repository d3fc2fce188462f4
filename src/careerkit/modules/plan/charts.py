"""The career plan's charts: each module's key figure drawn from the saved answers, and what moved between versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure
from pydantic import ValidationError

from careerkit.modules.act3 import charts as act3_charts
from careerkit.modules.act3 import domain as act3
from careerkit.modules.act3 import whole_career as cl
from careerkit.modules.lanes import charts as lane_charts
from careerkit.modules.lanes import domain as ln
from careerkit.modules.plan import domain as pl
from careerkit.modules.plan.lines import energy_log
from careerkit.modules.versioning import charts as versioning_charts
from careerkit.modules.versioning import domain as v
from careerkit.ui.charts import PALETTE, learner_text, shorten


@dataclass(frozen=True)
class PlanChart:
    """One chart of the plan, placed under its section, with the words that describe it (alt text)."""

    section: str
    name: str
    alt: str
    figure: Figure


def _roadmap(answers: dict[str, Any]) -> PlanChart | None:
    roadmap = v.Roadmap.model_validate(answers["versioning.roadmap"])
    if not roadmap.versions:
        return None
    return PlanChart("end_state", "roadmap", "Your career versions over time", versioning_charts.roadmap_timeline(roadmap))


def _lanes(answers: dict[str, Any]) -> PlanChart | None:
    ratings = ln.LaneRatings.model_validate(answers["lanes.ratings"])
    if not ratings.is_rated():
        return None
    ranking = ln.rank_lanes(ratings, energy_log(answers))
    return PlanChart("lane", "lanes", "Your lanes, ranked", lane_charts.ranking_bars(ranking, ratings.chosen))


def _career_line(answers: dict[str, Any]) -> PlanChart:
    line = cl.CareerLine.model_validate(answers["act3.career_line"])
    timeline = cl.career_timeline(line, answers.get("versioning.roadmap"), answers.get("versioning.end_state"))
    star = answers.get("act3.north_star")
    sentence = str(star.get("sentence", "")) if isinstance(star, dict) else ""
    return PlanChart("act3", "career_line", "Your whole career on one line", act3_charts.career_line(timeline, sentence))


def _arcs(answers: dict[str, Any]) -> PlanChart:
    arcs = act3.Arcs.model_validate(answers["act3.arcs"])
    return PlanChart("act3", "arcs", "Where your energy points in Act 3", act3_charts.arcs_energy(arcs))


CHARTS = (("versioning.roadmap", _roadmap), ("lanes.ratings", _lanes), ("act3.career_line", _career_line),
          ("act3.arcs", _arcs))


@learner_text
def plan_charts(answers: dict[str, Any]) -> list[PlanChart]:
    """The plan's charts for the answers that exist and validate; the others are simply left out."""
    charts = []
    for key, draw in CHARTS:
        if not answers.get(key):
            continue
        try:
            chart = draw(answers)
        except (ValidationError, ValueError, TypeError, KeyError):
            continue
        if chart is not None:
            charts.append(chart)
    return charts


@learner_text
def compare_chart(comparison: pl.PlanComparison):
    """Left: how many things changed, by kind. Right: every rating that moved, and by how much."""
    fig = Figure(figsize=(9, max(3.2, 0.32 * len(comparison.ratings) + 1.6)), layout="constrained")
    fig.suptitle(f"What changed from {comparison.older} to {comparison.newer}")
    counts_ax, moves_ax = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    kinds = [
        ("Steps added", len(comparison.steps_added)),
        ("Steps dropped", len(comparison.steps_dropped)),
        ("Lane changed", int(comparison.lane_changed)),
        ("Ratings moved", len(comparison.ratings)),
        ("Answered", len(comparison.answers_added)),
        ("Edited", len(comparison.answers_changed)),
        ("Removed", len(comparison.answers_removed)),
    ]
    counts_ax.barh([k for k, _ in kinds], [n for _, n in kinds], color=PALETTE[0])
    for y, (_, n) in enumerate(kinds):
        counts_ax.text(n + 0.05, y, str(n), va="center", fontsize=8)
    counts_ax.invert_yaxis()
    counts_ax.set_title("Changes by kind", fontsize=10)
    counts_ax.set_xlabel("Number of changes")
    counts_ax.set_ylabel("Kind of change")
    counts_ax.xaxis.get_major_locator().set_params(integer=True)
    moves = comparison.ratings
    if moves:
        deltas = [m.delta for m in moves]
        moves_ax.barh(range(len(moves)), deltas, color=[PALETTE[2] if d > 0 else PALETTE[5] for d in deltas])
        moves_ax.set_yticks(range(len(moves)), [shorten(m.label, 38) for m in moves], fontsize=7)
        moves_ax.axvline(0, color="black", lw=0.8)
        moves_ax.invert_yaxis()
    else:
        moves_ax.text(0.5, 0.5, "No rating moved", ha="center", va="center", transform=moves_ax.transAxes)
        moves_ax.set_yticks([])
    moves_ax.set_title("Ratings that moved", fontsize=10)
    moves_ax.set_xlabel(f"Change ({comparison.older} → {comparison.newer})")
    moves_ax.set_ylabel("Rating")
    for ax in (counts_ax, moves_ax):
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig

