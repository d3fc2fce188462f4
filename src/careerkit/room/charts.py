"""Charts of the room: one horizontal bar chart per distribution, groups under k drawn as empty, labelled bars."""

from __future__ import annotations

from careerkit.content.text import texts
from careerkit.ui.charts import GREY, PALETTE, learner_text, new_figure, render_png, shorten


@learner_text
def distribution_chart(dist, k: int):
    """Participants per group; a hidden group keeps its row, with no bar and the words 'fewer than k'."""
    t = texts("ui")
    labels = list(dist.counts)
    height = max(2.2, 0.45 * len(labels) + 1.2)
    fig, ax = new_figure(shorten(dist.title, 70), t("charts.cohort.participants"), dist.axis, size=(7.5, height))
    shown = [count or 0 for count in dist.counts.values()]
    colour = PALETTE[0] if dist.kind == "single" else PALETTE[2]
    ax.barh(range(len(labels)), shown, color=colour)
    top = max(shown + [k])
    for row, count in enumerate(dist.counts.values()):
        if count is None:
            ax.text(0.02 * top, row, t("charts.cohort.hidden", k=k), va="center", color=GREY, fontsize=8, style="italic")
        else:
            ax.text(count + 0.01 * top, row, str(count), va="center", fontsize=8)
    ax.set_yticks(range(len(labels)), [shorten(label, 42) for label in labels], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.15)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return fig


class Chart:
    """A figure that a notebook shows as a PNG, with its alt text as the plain-text form."""

    def __init__(self, fig, alt: str):
        self.fig = fig
        self.alt = alt

    def png(self) -> bytes:
        return render_png(self.fig)

    def _repr_png_(self) -> bytes:
        return self.png()

    def __repr__(self) -> str:
        return self.alt
