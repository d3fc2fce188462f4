"""Matplotlib figures from domain objects: colour-blind-safe, titled, labelled axes, learner text as typed.

Figures are made with ``matplotlib.figure.Figure`` (no pyplot): no global state, no GUI backend,
identical in a kernel, a test or a build.

Learner text is drawn as typed: every chart function is wrapped in ``@learner_text`` and every PNG is
rendered through ``render_png``, both inside ``chart_style()``, where ``$`` is not maths
(``text.parse_math`` off, no TeX) and glyphs missing from DejaVu Sans fall back to a CJK font and a
monochrome symbol/emoji font (Agg cannot draw colour-bitmap emoji fonts such as Noto Color Emoji).

On a machine without those fonts a chart still draws, with a box for each character no font has, and
the notebook stays quiet: matplotlib's "Glyph ... missing from font(s)" warning, one per character per
chart, is not shown. ``careerkit doctor`` says which fonts to install (``undrawable`` is its check).
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import os
import sys
import textwrap
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from careerkit.constants import CHARTS_FOR_SLIDES, ENV_CHARTS
from careerkit.store.files import private_folder, write_private

# First found of each group is used. Debian/.ci/run installs fonts-noto-cjk and fonts-symbola; conda
# installs font-ttf-noto-cjk and font-ttf-noto-emoji (the black-and-white NotoEmoji-Regular.ttf) into the
# environment's fonts/ folder, where matplotlib does not look by itself; macOS and Windows have their own.
CJK_FONTS = ("Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans JP", "Source Han Sans", "Droid Sans Fallback",  # not-learner-text: font names
             "WenQuanYi Micro Hei", "Hiragino Sans", "PingFang SC", "Microsoft YaHei", "Malgun Gothic")  # not-learner-text: font names
SYMBOL_FONTS = ("Symbola", "Noto Emoji", "Segoe UI Symbol", "Apple Symbols", "Segoe UI Emoji")  # not-learner-text: font names
_FONT_FILES = ("NotoSansCJK", "NotoSansJP", "Symbola", "NotoEmoji", "DroidSansFallback", "wqy-microhei")  # not-learner-text: font files
SAMPLE = "李雷 日本 한국 🙂"  # what the fallback fonts are for: Chinese, Japanese, Korean and an emoji
_MISSING_GLYPH = r"Glyph \d+ .*missing from font"  # not-learner-text: a warning to filter

F = TypeVar("F", bound=Callable[..., Any])


@functools.cache
def font_families() -> tuple[str, ...]:
    """DejaVu Sans, then the fallback fonts found on this machine (looked up once per kernel)."""
    known = {font.name for font in font_manager.fontManager.ttflist}
    if not any(name in known for name in CJK_FONTS) or not any(name in known for name in SYMBOL_FONTS):
        _add_fonts_installed_after_the_cache()
        known = {font.name for font in font_manager.fontManager.ttflist}
    found = [next((name for name in group if name in known), None) for group in (CJK_FONTS, SYMBOL_FONTS)]
    return ("DejaVu Sans", *(name for name in found if name))  # not-learner-text: font names


def _add_fonts_installed_after_the_cache() -> None:
    """matplotlib caches the system's fonts once; fonts installed later, and conda's in the environment's
    fonts/ folder, are added here (not to the cache, so this runs once per kernel on such a machine, ~50 ms)."""
    cached = {font.fname for font in font_manager.fontManager.ttflist}
    paths = set(font_manager.findSystemFonts())
    folders = [str(folder) for folder in _environment_font_folders()]
    if folders:
        paths.update(font_manager.findSystemFonts(fontpaths=folders))
    for path in sorted(paths):
        if path not in cached and any(part in Path(path).name for part in _FONT_FILES):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                pass


def _environment_font_folders() -> list[Path]:
    """Where conda's font packages put their files: ``<environment>/fonts``."""
    prefixes = dict.fromkeys([sys.prefix, os.environ.get("CONDA_PREFIX", "")])
    return [Path(prefix) / "fonts" for prefix in prefixes if prefix and (Path(prefix) / "fonts").is_dir()]


def undrawable(text: str) -> str:
    """The characters of ``text`` that no chart font on this machine can draw (each once, in order): they
    come out as empty boxes. Empty when the fallback fonts are installed."""
    charmaps = [_charmap(name) for name in font_families()]
    missing = (ch for ch in text if not ch.isspace() and not any(ord(ch) in charmap for charmap in charmaps))
    return "".join(dict.fromkeys(missing))


@functools.cache
def _charmap(family: str) -> frozenset[int]:
    try:
        path = font_manager.findfont(FontProperties(family=family), fallback_to_default=False)
        return frozenset(font_manager.get_font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()


@contextlib.contextmanager
def chart_style() -> Iterator[None]:
    """Drawing settings for the kit's charts: text as typed, with font fallback. The fallback fonts have no
    bold face; matplotlib's note about using the regular one would land in the notebook's output, and so
    would a warning for each character no font has (it is drawn as a box; ``careerkit doctor`` says why)."""
    quiet = logging.getLogger("matplotlib.font_manager")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings(), matplotlib.rc_context(
                {"text.parse_math": False, "text.usetex": False, "font.family": list(font_families())}):
            warnings.filterwarnings("ignore", message=_MISSING_GLYPH, category=UserWarning)
            yield
    finally:
        quiet.setLevel(level)


def learner_text(draw: F) -> F:
    """Decorate a chart function: every text it draws (titles, labels, ticks, legends) is drawn as typed."""

    @functools.wraps(draw)
    def wrapped(*args, **kwargs):
        with chart_style():
            return draw(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def render_png(fig: Figure, dpi: int = 100, **options: Any) -> bytes:
    """The figure as PNG bytes, without a timestamp inside (same chart, same bytes).

    In ``careerkit build``'s kernels (``CAREERKIT_CHARTS=slides``) the chart is drawn for its slide
    instead, every text large enough for the back row (``careerkit.ui.slide_style``).
    """
    if os.environ.get(ENV_CHARTS) == CHARTS_FOR_SLIDES:
        from careerkit.ui.slide_style import render_for_slide

        with chart_style():
            return render_for_slide(fig, lambda f, d, pad: _png(f, d, pad_inches=pad, **options))
    with chart_style():  # tick labels are made while drawing: they need the settings too
        return _png(fig, dpi, **options)


def _png(fig: Figure, dpi: float, **options: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None}, **options)  # not-learner-text: PNG metadata
    return buf.getvalue()


# Okabe & Ito's colour-blind-safe palette
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GREY = "#999999"
TITLE_WIDTH = 50  # characters on one line of a chart title


def new_figure(title: str, xlabel: str = "", ylabel: str = "", size: tuple[float, float] = (7.5, 3.6)):
    """A figure with one axes, its title and axis labels set. A long title wraps onto a second line:
    constrained layout makes room for labels and a legend beside the axes, but never shortens a title."""
    fig = Figure(figsize=size, layout="constrained")
    ax = fig.add_subplot(1, 1, 1)
    ax.set_title(textwrap.fill(title, TITLE_WIDTH))
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
    return write_private(private_folder(path.parent) / path.name, render_png(fig, dpi=150))
