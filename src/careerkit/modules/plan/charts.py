"""The career plan's charts: each module's key figure drawn from the saved answers, and what moved between versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure
from pydantic import ValidationError

from careerkit.content.text import texts
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


def _alt(name: str) -> str:
    return texts("plan")(f"charts.plan.{name}")


def _roadmap(answers: dict[str, Any]) -> PlanChart | None:
    roadmap = v.Roadmap.model_validate(answers["versioning.roadmap"])
    if not roadmap.versions:
        return None
    return PlanChart("end_state", "roadmap", _alt("roadmap"), versioning_charts.roadmap_timeline(roadmap))


def _lanes(answers: dict[str, Any]) -> PlanChart | None:
    ratings = ln.LaneRatings.model_validate(answers["lanes.ratings"])
    if not ratings.is_rated():
        return None
    ranking = ln.rank_lanes(ratings, energy_log(answers))
    return PlanChart("lane", "lanes", _alt("lanes"), lane_charts.ranking_bars(ranking, ratings.chosen))


def _career_line(answers: dict[str, Any]) -> PlanChart:
    line = cl.CareerLine.model_validate(answers["act3.career_line"])
    timeline = cl.career_timeline(line, answers.get("versioning.roadmap"), answers.get("versioning.end_state"))
    star = answers.get("act3.north_star")
    sentence = str(star.get("sentence", "")) if isinstance(star, dict) else ""
    return PlanChart("act3", "career_line", _alt("career_line"), act3_charts.career_line(timeline, sentence))


def _arcs(answers: dict[str, Any]) -> PlanChart:
    arcs = act3.Arcs.model_validate(answers["act3.arcs"])
    return PlanChart("act3", "arcs", _alt("arcs"), act3_charts.arcs_energy(arcs))


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
    t = texts("plan")
    versions = {"older": comparison.older, "newer": comparison.newer}
    fig = Figure(figsize=(9, max(3.2, 0.32 * len(comparison.ratings) + 1.6)), layout="constrained")
    fig.suptitle(t("charts.compare.title", **versions))
    counts_ax, moves_ax = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    counts = {
        "steps_added": len(comparison.steps_added),
        "steps_dropped": len(comparison.steps_dropped),
        "lane_changed": int(comparison.lane_changed),
        "ratings_moved": len(comparison.ratings),
        "answered": len(comparison.answers_added),
        "edited": len(comparison.answers_changed),
        "removed": len(comparison.answers_removed),
    }
    kinds = [(t(f"charts.compare.{kind}"), n) for kind, n in counts.items()]
    counts_ax.barh([k for k, _ in kinds], [n for _, n in kinds], color=PALETTE[0])
    for y, (_, n) in enumerate(kinds):
        counts_ax.text(n + 0.05, y, str(n), va="center", fontsize=8)
    counts_ax.invert_yaxis()
    counts_ax.set_title(t("charts.compare.counts_title"), fontsize=10)
    counts_ax.set_xlabel(t("charts.compare.counts_x"))
    counts_ax.set_ylabel(t("charts.compare.counts_y"))
    counts_ax.xaxis.get_major_locator().set_params(integer=True)
    moves = comparison.ratings
    if moves:
        deltas = [m.delta for m in moves]
        moves_ax.barh(range(len(moves)), deltas, color=[PALETTE[2] if d > 0 else PALETTE[5] for d in deltas])
        moves_ax.set_yticks(range(len(moves)), [shorten(m.label, 38) for m in moves], fontsize=7)
        moves_ax.axvline(0, color="black", lw=0.8)
        moves_ax.invert_yaxis()
    else:
        moves_ax.text(0.5, 0.5, t("charts.compare.no_move"), ha="center", va="center", transform=moves_ax.transAxes)
        moves_ax.set_yticks([])
    moves_ax.set_title(t("charts.compare.moves_title"), fontsize=10)
    moves_ax.set_xlabel(t("charts.compare.moves_x", **versions))
    moves_ax.set_ylabel(t("charts.compare.moves_y"))
    for ax in (counts_ax, moves_ax):
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig

