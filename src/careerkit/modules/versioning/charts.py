"""Module 1 charts: roadmap timeline, stage portfolio heatmap, alternative plans, equity pay cut."""

from __future__ import annotations

from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from careerkit.content.text import texts
from careerkit.modules.versioning import domain as v
from careerkit.ui.charts import GREY, PALETTE, learner_text, new_figure, shorten


@learner_text
def roadmap_timeline(roadmap: v.Roadmap):
    """Each version as a bar over its years, coloured by company stage."""
    t = texts(v.PACK)
    stages = v.content().stages
    colour = {s.id: PALETTE[i] for i, s in enumerate(stages)}
    fig, ax = new_figure(t("charts.roadmap_timeline.title"), t("charts.roadmap_timeline.x"), t("charts.roadmap_timeline.y"))
    versions = roadmap.versions
    for i, version in enumerate(versions):
        width = max(version.end_year - version.start_year, 0.5)
        hatch = "//" if version.market == "b2b" else None
        fill = colour.get(version.stage, GREY)
        ax.barh(i, width, left=version.start_year, color=fill, hatch=hatch, edgecolor="white")
        # the role on a patch of the bar's colour: still readable where it runs past a short bar's end
        ax.text(version.start_year + 0.1, i, shorten(version.role or t("charts.roadmap_timeline.no_role")), va="center", color="white", fontsize=8,
                bbox={"facecolor": fill, "edgecolor": "none", "pad": 1})
    ax.set_yticks(range(len(versions)), [t("roadmap.version_tag", number=i + 1) for i in range(len(versions))])
    if versions:  # whole years on the axis, never 2026.25, even for one short version
        ax.set_xlim(min(x.start_year for x in versions), max(max(x.end_year, x.start_year + 1) for x in versions))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    ax.invert_yaxis()
    handles = [Patch(color=colour[s.id], label=s.label) for s in stages]
    handles.append(Patch(facecolor="white", edgecolor=GREY, hatch="//", label=t("charts.roadmap_timeline.b2b")))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)  # not-learner-text: a legend position
    return fig


@learner_text
def portfolio_heatmap(portfolio: v.Portfolio):
    """Years in each stage x market cell; empty cells are the gaps."""
    t = texts(v.PACK)
    stages = v.content().stages
    markets = v.content().markets
    grid = [[portfolio.years[s.id][m.id] for m in markets] for s in stages]
    fig, ax = new_figure(t("charts.portfolio_heatmap.title"), t("charts.portfolio_heatmap.x"),
                         t("charts.portfolio_heatmap.y"), size=(6, 3.4))
    ax.imshow(grid, cmap="Blues", vmin=0, aspect="auto")  # not-learner-text: a colour map name
    ax.set_xticks(range(len(markets)), [m.label for m in markets])
    ax.set_yticks(range(len(stages)), [s.label for s in stages])
    top = max(max(row) for row in grid) or 1
    for i, row in enumerate(grid):
        for j, years in enumerate(row):
            cell = t("charts.portfolio_heatmap.gap") if years == 0 else t("charts.portfolio_heatmap.years", years=years)
            ax.text(j, i, cell, ha="center", va="center",
                    color="white" if years > top / 2 else "black")
    return fig


@learner_text
def alternatives_bars(answer: v.Alternatives):
    """The three plans side by side on the four dials."""
    t = texts(v.PACK)
    dials = v.content().dials
    fig, ax = new_figure(t("charts.alternatives_bars.title"), t("charts.alternatives_bars.x"),
                         t("charts.alternatives_bars.y"))
    width = 0.8 / len(answer.plans)
    for i, plan in enumerate(answer.plans):
        xs = [d + i * width for d in range(len(dials))]
        ax.bar(xs, [plan.dial(d.id) for d in dials], width, color=PALETTE[i], label=shorten(plan.name or t("alternatives.plan", number=i + 1), 24))
    ax.set_xticks([d + width for d in range(len(dials))], [d.label for d in dials])
    ax.set_ylim(0, 10)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))  # not-learner-text: a legend position
    return fig


@learner_text
def equity_bars(answer: v.ExGrowth):
    """What you think you earn, what you earn if the equity goes to zero, and the market."""
    t = texts(v.PACK)
    fig, ax = new_figure(t("charts.equity_bars.title"), "", t("charts.equity_bars.y"))
    labels = t.items("charts.equity_bars.bars")
    values = [answer.base_salary + answer.equity_per_year, answer.base_salary, answer.market_total]
    ax.bar(labels, values, color=[PALETTE[0], PALETTE[5], PALETTE[2]])
    for x, value in enumerate(values):
        ax.text(x, value, f"{value:,}", ha="center", va="bottom", fontsize=9)
    return fig
