"""Module 2 charts: the lane ranking, the energy log by lane, the strength radar, I against we, the path."""

from __future__ import annotations

import math
import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from careerkit.content.text import texts
from careerkit.modules.lanes import domain as ln
from careerkit.modules.lanes import path as cp
from careerkit.modules.lanes.story import StoryReport
from careerkit.ui.charts import GREY, PALETTE, learner_text, new_figure, shorten


@learner_text
def ranking_bars(ranking: list[ln.LaneRank], chosen: list[str]):
    """Each lane's evidence, energy and opportunity stacked, best lane on top; picked lanes marked."""
    t = texts("lanes")
    fig, ax = new_figure(t("charts.ranking.title"), t("charts.ranking.x"), t("charts.ranking.y"))
    parts = [(t(f"charts.ranking.{attr}"), attr, colour)
             for attr, colour in (("evidence", PALETTE[0]), ("energy", PALETTE[1]), ("opportunity", PALETTE[2]))]
    names = [t("charts.ranking.picked", lane=r.label) if r.lane in chosen else r.label for r in ranking]
    left = [0.0] * len(ranking)
    for label, attr, colour in parts:
        values = [float(getattr(r, attr)) for r in ranking]
        ax.barh(range(len(ranking)), values, left=left, color=colour, label=label, edgecolor="white")
        left = [a + b for a, b in zip(left, values, strict=True)]
    for y, rank in enumerate(ranking):
        ax.text(rank.score + 0.3, y, f"{rank.score:g}", va="center", fontsize=8)
    ax.set_yticks(range(len(ranking)), names)
    ax.invert_yaxis()
    ax.set_xlim(0, 32)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))  # not-learner-text: a legend position
    return fig


@learner_text
def energy_log_bars(summary: dict[str, ln.LogSummary]):
    """Average engagement and energy per lane from the log; lanes without entries say so."""
    t = texts("lanes")
    lanes = ln.content().lanes
    fig, ax = new_figure(t("charts.energy_log.title"), t("charts.energy_log.x"), t("charts.energy_log.y"))
    width = 0.38
    xs = range(len(lanes))
    engagement = [summary[lane.id].engagement if lane.id in summary else 0 for lane in lanes]
    energy = [summary[lane.id].energy if lane.id in summary else 0 for lane in lanes]
    ax.bar([x - width / 2 for x in xs], engagement, width, color=PALETTE[0], label=t("charts.energy_log.engagement"))
    ax.bar([x + width / 2 for x in xs], energy, width, color=PALETTE[1], label=t("charts.energy_log.energy"))
    for x, lane in zip(xs, lanes, strict=True):
        note = t("charts.energy_log.entries", n=summary[lane.id].entries) if lane.id in summary else t("charts.energy_log.no_entries")
        ax.text(x, 10.3, note, ha="center", fontsize=8, color="black" if lane.id in summary else GREY)
    ax.set_xticks(list(xs), [lane.short for lane in lanes])
    ax.set_ylim(0, 11)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))  # not-learner-text: a legend position
    return fig


@learner_text
def radar_chart(radar: ln.Radar, chosen: list[str]):
    """Current against target strength on one spoke per lane: the picture the participant keeps."""
    t = texts("lanes")
    lanes = ln.content().lanes
    fig = Figure(figsize=(6, 6), layout="constrained")
    ax = fig.add_subplot(1, 1, 1, projection="polar")
    ax.set_title(t("charts.radar.title"), pad=34)
    ax.set_theta_offset(math.pi / 2)  # first lane at the top, clockwise: no label on the y-axis label's side
    ax.set_theta_direction(-1)
    angles = [2 * math.pi * i / len(lanes) for i in range(len(lanes))]
    loop = [*angles, angles[0]]
    for name, values, colour, style in (
        (t("charts.radar.current"), radar.current, PALETTE[0], "-"),
        (t("charts.radar.target"), radar.target, PALETTE[5], "--"),
    ):
        points = [values[lane.id] for lane in lanes]
        ax.plot(loop, [*points, points[0]], style, color=colour, linewidth=2, label=name)
        ax.fill(loop, [*points, points[0]], color=colour, alpha=0.12)
    labels = [t("charts.radar.picked", lane=lane.label) if lane.id in chosen else lane.label for lane in lanes]
    ax.set_xticks(angles, labels, fontsize=9)
    ax.set_ylim(0, 10)
    ax.set_yticks([2, 4, 6, 8, 10], ["2", "4", "6", "8", "10"], fontsize=7, color=GREY)
    ax.set_rlabel_position(30)
    ax.set_xlabel(t("charts.radar.x"))
    ax.set_ylabel(t("charts.radar.y"), labelpad=36)
    ax.legend(loc="upper right", bbox_to_anchor=(1.25, 1.12), frameon=False, fontsize=9)  # not-learner-text: a legend position
    return fig


@learner_text
def pronoun_bars(report: StoryReport, role_names: list[str]):
    """How often each role says "I" (doing), "I think" and "we"."""
    t = texts("lanes")
    fig, ax = new_figure(t("charts.pronouns.title"), t("charts.pronouns.x"), t("charts.pronouns.y"))
    width = 0.27
    xs = range(len(report.role_counts))
    series = [(t(f"charts.pronouns.{attr}"), attr, colour)
              for attr, colour in (("i", PALETTE[2]), ("hedged", PALETTE[4]), ("we", PALETTE[5]))]
    for offset, (label, attr, colour) in zip((-width, 0, width), series, strict=True):
        ax.bar([x + offset for x in xs], [getattr(c, attr) for c in report.role_counts], width, color=colour, label=label)
    ax.set_xticks(list(xs), [shorten(name, 18) for name in role_names])
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))  # not-learner-text: a legend position
    return fig


@learner_text
def path_bars(answer: cp.PathAnswer):
    """How much each activity is enjoyed, coloured by the path it leans to."""
    t = texts("lanes")
    activities = ln.content().path_activities
    fig, ax = new_figure(t("charts.path.title"), t("charts.path.x"), t("charts.path.y"), size=(7.5, 4.8))
    colours = {"ic": PALETTE[2], "manager": PALETTE[3]}
    ax.barh(range(len(activities)), [answer.enjoy[a.id] for a in activities], color=[colours[a.leans] for a in activities])
    ax.set_yticks(range(len(activities)), [textwrap.fill(a.label, 42) for a in activities], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 10)
    handles = [Patch(color=colours[path], label=t(f"charts.path.leans_{path}")) for path in ("ic", "manager")]
    ax.legend(handles=handles, fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))  # not-learner-text: a legend position
    return fig
