"""Module 3 charts: drill history, promotion-stall ranking, superpowers and shadows, strengths x feedback."""

from __future__ import annotations

import textwrap

from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from careerkit.content.text import texts
from careerkit.modules.feedback import domain as fb
from careerkit.modules.feedback import drill
from careerkit.ui.charts import PALETTE, learner_text, new_figure, shorten

MODE_COLOUR = {"solo": PALETTE[0], "pair": PALETTE[1]}


@learner_text
def drill_history(log: drill.RepeatBackLog):
    """Each repeat-back's score as a bar (solo or pair), and the loops it took as a line."""
    history = log.history
    t = texts("feedback")
    fig, ax = new_figure(t("charts.drill_history.title"), t("charts.drill_history.x"), t("charts.drill_history.y"))
    xs = list(range(1, len(history) + 1))
    ax.bar(xs, [a.score for a in history], color=[MODE_COLOUR[a.mode] for a in history], width=0.7)
    ax.set_ylim(0, 100)
    loops = ax.twinx()
    loops.plot(xs, [a.loops for a in history], color=PALETTE[7], marker="o", linewidth=1.2)
    loops.set_ylabel(t("charts.drill_history.loops_axis"))
    loops.set_ylim(0, max([a.loops for a in history] + [3]) + 1)
    loops.yaxis.set_major_locator(MaxNLocator(integer=True))
    loops.spines["top"].set_visible(False)
    if len(xs) <= 20:
        ax.set_xticks(xs)
    handles = [
        Patch(color=MODE_COLOUR["solo"], label=t("charts.drill_history.solo")),
        Patch(color=MODE_COLOUR["pair"], label=t("charts.drill_history.pair")),
        Line2D([], [], color=PALETTE[7], marker="o", label=t("charts.drill_history.loops")),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.1, 1), fontsize=8, frameon=False)  # not-learner-text: a legend place
    return fig


@learner_text
def stall_ranking(ranked: list[fb.RankedCause]):
    """The causes as bars of their share of the evidence, with each base rate marked."""
    t = texts("feedback")
    fig, ax = new_figure(t("charts.stall_ranking.title"), t("charts.stall_ranking.x"), t("charts.stall_ranking.y"))
    ys = list(range(len(ranked)))
    ax.barh(ys, [r.share for r in ranked], color=[PALETTE[i % len(PALETTE)] for i in range(len(ranked))])
    ax.scatter([r.base_rate for r in ranked], ys, marker="|", s=400, color=PALETTE[7], zorder=3)
    for y, cause in enumerate(ranked):
        ax.text(cause.share + 1, y, f"{cause.share:.0f}%", va="center", fontsize=9)
    ax.set_yticks(ys, [shorten(r.label, 36) for r in ranked])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    base = Line2D([], [], color=PALETTE[7], marker="|", linestyle="None",  # not-learner-text: a matplotlib line style
                  markersize=12, label=t("charts.stall_ranking.base_rate"))
    ax.legend(handles=[base], loc="lower right", fontsize=8, frameon=False)  # not-learner-text: a legend place
    return fig


@learner_text
def shadows_grid(answer: fb.Shadows):
    """Each chosen superpower at its rating, with its shadow written beside it."""
    pairs = answer.pairs
    levels = fb.content().ratings
    t = texts("feedback")
    fig, ax = new_figure(t("charts.shadows_grid.title"), t("charts.shadows_grid.x"), t("charts.shadows_grid.y"),
                         size=(8.5, 0.7 * len(pairs) + 1.8))
    column = {r.id: i for i, r in enumerate(levels)}
    for y, pair in enumerate(pairs):
        if pair.rating:
            x = column[pair.rating]
            colour = PALETTE[5] if pair.rating == levels[-1].id else PALETTE[2]
            ax.scatter([x], [y], s=220, color=colour, zorder=3)
        shadow = textwrap.fill(t("charts.shadows_grid.shadow", shadow=shorten(pair.shadow, 80)), 40)
        ax.text(len(levels) - 0.4, y, shadow, va="center", fontsize=8, color="#555555")
    ax.set_xticks(range(len(levels)), [textwrap.fill(r.label, 10) for r in levels])
    ax.set_yticks(range(len(pairs)), [shorten(p.superpower, 26) for p in pairs])
    ax.set_xlim(-0.5, len(levels) + 2.3)
    ax.set_ylim(len(pairs) - 0.5, -0.5)
    ax.grid(axis="x", color="#dddddd")
    return fig


@learner_text
def contradiction_matrix(matrix: fb.ContradictionMatrix):
    """Strengths (rows) x feedback items (columns); contradictions stand out in vermilion."""
    codes = {"": 0, "affirms": 1, "contradicts": 2}
    grid = [[codes[cell] for cell in row] for row in matrix.cells]
    width = max(6.0, 1.1 * len(matrix.items) + 3)
    t = texts("feedback")
    fig, ax = new_figure(t("charts.contradiction_matrix.title"), t("charts.contradiction_matrix.x"),
                         t("charts.contradiction_matrix.y"), size=(width, 0.7 * len(matrix.strengths) + 1.8))
    cmap = ListedColormap(["#f4f4f4", PALETTE[4], PALETTE[5]])
    ax.imshow(grid, cmap=cmap, vmin=0, vmax=2, aspect="auto")
    for i, row in enumerate(matrix.cells):
        for j, cell in enumerate(row):
            if cell:
                ax.text(j, i, t(f"charts.contradiction_matrix.cell_{cell}"), ha="center", va="center", fontsize=8,
                        color="white" if cell == "contradicts" else "black", weight="bold" if cell == "contradicts" else None)
    ax.set_xticks(range(len(matrix.items)), [shorten(label, 16) for label in matrix.items], rotation=30, ha="right")
    ax.set_yticks(range(len(matrix.strengths)), [shorten(s, 26) for s in matrix.strengths])
    handles = [Patch(color=PALETTE[5], label=t("charts.contradiction_matrix.contradicts")),
               Patch(color=PALETTE[4], label=t("charts.contradiction_matrix.affirms"))]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)  # not-learner-text: a legend place
    return fig
