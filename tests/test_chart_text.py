"""Learner text in charts is drawn as typed: '$' is a dollar sign, not maths; Chinese, Japanese, Korean
and emoji are drawn with real glyphs, not empty boxes."""

from __future__ import annotations

import copy
import importlib
import os
import warnings

import pytest
from matplotlib.text import Text

from careerkit.content import demo_answers
from careerkit.plan_export import export_plan
from careerkit.plots import CJK_FONTS, SYMBOL_FONTS, font_families, render_png
from careerkit.plots.plan import plan_charts
from careerkit.widgets.base import plain_text

TYPED = "PM at $^$ Corp, $150k-$200k 李雷 日本 한국 🙂"
FREE_TEXT = {"role", "company", "learning", "sentence", "label", "name", "why", "builder", "skip_job", "first_step",
             "headline", "text", "note", "what", "lesson"}
MODULES = ("versioning", "lanes", "feedback", "act3")


def _typed(value):
    """The demo answers with every free-text field holding TYPED (ids and numbers are left alone)."""
    if isinstance(value, dict):
        return {k: (TYPED if k in FREE_TEXT and isinstance(v, str) else _typed(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return value


ANSWERS = {key: _typed(value) for key, value in copy.deepcopy(demo_answers()).items()}


def _texts_with_dollars(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if "$" in t.get_text()]


def test_the_plan_export_with_dollars_in_the_roadmap_and_north_star_works(make_workbook):
    book = make_workbook("Ana", ANSWERS)
    result = export_plan(book, ("html", "md"))
    assert {p.suffix for p in result.files} >= {".html", ".md", ".png"}
    assert "PM at $^$ Corp" in (book.home / "plans" / f"{book.path.stem}-career-plan.html").read_text()


def test_every_plan_chart_draws_dollars_as_typed():
    charts = plan_charts(ANSWERS)
    seen = 0
    for chart in charts:
        render_png(chart.figure)  # draws every label, tick labels included
        for text in _texts_with_dollars(chart.figure):
            assert text._preprocess_math(text.get_text()) == (text.get_text(), False)
            seen += 1
    assert seen >= 3  # the roadmap's roles, the career line's North Star, ...


def test_every_exercise_chart_with_dollars_and_cjk_is_drawn_not_an_error(make_workbook, monkeypatch):
    import careerkit.widgets.base as base

    drawn = []
    real = base.figure_output
    monkeypatch.setattr(base, "figure_output", lambda fig, alt: drawn.append(fig) or real(fig, alt))
    book = make_workbook("Ana", ANSWERS)
    for module in MODULES:
        for view_class in importlib.import_module(f"careerkit.widgets.{module}").EXERCISES.values():
            view = view_class(book)
            assert "Something went wrong" not in plain_text(view.message.value), view.key
    dollars = [text for fig in drawn for text in _texts_with_dollars(fig)]
    assert len(drawn) >= 10 and len(dollars) >= 3
    assert all(text._preprocess_math(text.get_text())[1] is False for text in dollars)


FONTS_HERE = len(font_families()) == 3
needs_fonts = pytest.mark.skipif(not FONTS_HERE and not os.environ.get("CI"),
                                 reason="no CJK or symbol font on this machine (.ci/run installs them)")


@needs_fonts
def test_cjk_and_emoji_fall_back_to_installed_fonts_without_a_missing_glyph():
    assert font_families()[1] in CJK_FONTS and font_families()[2] in SYMBOL_FONTS
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)" for each empty box
        for chart in plan_charts(ANSWERS):
            render_png(chart.figure)


def test_a_missing_glyph_would_be_noticed():
    """The check above is not vacuous: without the fallback fonts, the same text warns."""
    from matplotlib.figure import Figure

    fig = Figure()
    fig.add_subplot().set_title("李雷 🙂", fontfamily="DejaVu Sans")
    with pytest.warns(UserWarning, match="missing from font"):
        fig.savefig(os.devnull, format="png")
