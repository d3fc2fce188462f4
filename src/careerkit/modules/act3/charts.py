"""Module 4 charts: the whole career on one line, where the energy points between two arcs, community coverage."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from careerkit.content.text import texts
from careerkit.modules.act3 import domain as act3
from careerkit.modules.act3.whole_career import Timeline
from careerkit.ui.charts import GREY, PALETTE, learner_text, new_figure, shorten

ACT_COLOURS = [PALETTE[4], PALETTE[0], PALETTE[2]]


@learner_text
def career_line(timeline: Timeline, north_star: str = ""):
    """The career from first job to last: acts as bands, roadmap milestones, today, and the end of the goal."""
    t = texts("act3")
    fig, ax = new_figure(t("charts.career_line.title"), t("charts.career_line.x"), "", size=(9, 3.4))
    label_box = {"facecolor": "white", "edgecolor": "none", "pad": 1}
    for span, colour in zip(timeline.acts, ACT_COLOURS, strict=False):
        ax.barh(0.5, span.end - span.start, left=span.start, height=0.2, color=colour, lw=0)
        if span.end > span.start:
            ax.text((span.start + span.end) / 2, 0.5, span.label, ha="center", va="center", color="white",
                    fontsize=10, fontweight="bold")
    ax.barh(0.32, timeline.end - timeline.goal_end, left=timeline.goal_end, height=0.08, facecolor="white",
            edgecolor=PALETTE[5], hatch="///", lw=1)
    star = (t("charts.career_line.north_star", sentence=shorten(north_star, 40)) if north_star.strip()
            else t("charts.career_line.no_north_star"))
    after = t.plural("charts.career_line.after", timeline.years_after_goal)
    ax.text((timeline.goal_end + timeline.end) / 2, 0.2, f"{after}\n{star}", ha="center", va="center", fontsize=8,
            color=PALETTE[5])
    for i, milestone in enumerate(timeline.milestones):
        y = 0.72 if i % 2 == 0 else 0.86
        ax.plot([milestone.age, milestone.age], [0.6, y], color=GREY, lw=0.8)
        ax.text(milestone.age, y, milestone.label, ha="center", va="bottom", fontsize=8, bbox=label_box)
    ax.plot([timeline.now, timeline.now], [0.1, 0.62], color=PALETTE[7], lw=2)
    ax.text(timeline.now, 0.02, t("charts.career_line.now", age=timeline.now), ha="center", va="bottom", fontsize=8,
            bbox=label_box)
    ax.plot([timeline.goal_end, timeline.goal_end], [0.1, 0.62], color=PALETTE[5], lw=2, ls="--")
    ax.text(timeline.goal_end, 0.02, t("charts.career_line.goal_end", age=timeline.goal_end), ha="center", va="bottom", fontsize=8,
            color=PALETTE[5], bbox=label_box)
    ax.set_xlim(timeline.start - 1, timeline.end + 1)
    ax.set_ylim(0, 1.0)
    ax.set_yticks([])
    ax.set_ylabel(t("charts.career_line.y"))
    return fig


@learner_text
def arcs_energy(answer: act3.Arcs):
    """Left: what each arc would give. Right: the arrow of energy between scaled economics and giving."""
    t = texts("act3")
    content = act3.content()
    fig = Figure(figsize=(9, 3.8), layout="constrained")
    fig.suptitle(t("charts.arcs_energy.title"))
    bars, compass = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    gains = content.gains
    height = 0.8 / max(len(content.arcs), 1)
    for i, arc in enumerate(content.arcs):
        plan = answer.plan(arc.id)
        ys = [g + i * height for g in range(len(gains))]
        bars.barh(ys, [plan.gains.get(g.id, 0) for g in gains], height, color=PALETTE[i], label=arc.label)
    bars.set_yticks([g + height / 2 for g in range(len(gains))], [g.label for g in gains])
    bars.invert_yaxis()
    bars.set_xlim(0, 10)
    bars.set_title(t("charts.arcs_energy.gains_title"), fontsize=10)
    bars.set_xlabel(t("charts.arcs_energy.gains_x"))
    bars.set_ylabel(t("charts.arcs_energy.gains_y"))
    bars.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)  # not-learner-text: legend position
    econ, giving = act3.energy_point(answer)
    compass.add_patch(FancyArrowPatch((0, 0), (econ, giving), arrowstyle="-|>", mutation_scale=20, lw=2.5,
                                      color=PALETTE[5]))
    compass.plot([0, 10], [0, 10], color=GREY, lw=0.8, ls=":")
    compass.text(econ, giving + 0.4, f"({econ}, {giving})", ha="center", fontsize=8)
    compass.set_xlim(0, 10.5)
    compass.set_ylim(0, 10.5)
    compass.set_aspect("equal")
    compass.set_title(t("charts.arcs_energy.energy_title"), fontsize=10)
    compass.set_xlabel(t("charts.arcs_energy.energy_axis", arc=content.arcs[0].label))
    compass.set_ylabel(t("charts.arcs_energy.energy_axis", arc=content.arcs[1].label))
    for ax in (bars, compass):
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig


@learner_text
def community_coverage(plan: act3.CommunityPlan):
    """How many of the named communities, internal and external, give each benefit."""
    t = texts("act3")
    content = act3.content()
    grid = act3.community_coverage(plan)
    fig, ax = new_figure(t("charts.community_coverage.title"), t("charts.community_coverage.x"),
                         t("charts.community_coverage.y"), size=(7.5, 3))
    gets = content.community_gets
    left = [0] * len(gets)
    for i, kind in enumerate(content.community_kinds):
        counts = [grid[g.id][kind.id] for g in gets]
        ax.barh([g.label for g in gets], counts, left=left, color=PALETTE[i], label=kind.label.split(" (")[0])
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.invert_yaxis()
    ax.set_xlim(0, max(max(left), 1) + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, frameon=False, loc="lower right")  # not-learner-text: legend position
    return fig
