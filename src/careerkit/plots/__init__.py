"""Matplotlib figures from domain objects: colour-blind-safe, titled, labelled axes.

Figures are made with ``matplotlib.figure.Figure`` (no pyplot): no global state, no GUI backend,
identical in a kernel, a test or a build.
"""

from __future__ import annotations

import io
from pathlib import Path

from matplotlib.figure import Figure

from careerkit.workbook_files import private_folder, write_private

# Okabe & Ito's colour-blind-safe palette
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GREY = "#999999"


def new_figure(title: str, xlabel: str = "", ylabel: str = "", size: tuple[float, float] = (7.5, 3.6)):
    """A figure with one axes, its title and axis labels set."""
    fig = Figure(figsize=size)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def shorten(text: str, width: int = 28) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def save_figure(fig: Figure, path: Path | str) -> Path:
    """Save a figure as a PNG the learner can keep, beside their workbook: readable by them only (0600)."""
    path = Path(path)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    return write_private(private_folder(path.parent) / path.name, buf.getvalue())
