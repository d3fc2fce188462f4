"""Learner text in charts is drawn as typed: '$' is a dollar sign, not maths; Chinese, Japanese, Korean
and emoji are drawn with real glyphs, not empty boxes."""

from __future__ import annotations

import copy
import importlib
import json
import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest
from matplotlib.text import Text

import careerkit.ui.charts
from careerkit.content import demo_answers
from careerkit.modules.plan.charts import plan_charts
from careerkit.modules.plan.export import export_plan
from careerkit.ui.charts import CJK_FONTS, SYMBOL_FONTS, font_families, render_png, undrawable
from careerkit.ui.exercise import plain_text

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
    import careerkit.ui.exercise as base

    drawn = []
    real = base.figure_output
    monkeypatch.setattr(base, "figure_output", lambda fig, alt: drawn.append(fig) or real(fig, alt))
    book = make_workbook("Ana", ANSWERS)
    for module in MODULES:
        for view_class in importlib.import_module(f"careerkit.modules.{module}.views").EXERCISES.values():
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
    assert undrawable(TYPED) == ""  # every character has a glyph in one of the chart fonts
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for chart in plan_charts(ANSWERS):
            render_png(chart.figure)


def test_a_missing_glyph_would_be_noticed(monkeypatch):
    """The check above is not vacuous: with DejaVu Sans alone, the CJK characters and the emoji have no glyph."""
    monkeypatch.setattr(careerkit.ui.charts, "font_families", lambda: ("DejaVu Sans",))
    assert undrawable(TYPED) == "李雷日本한국🙂"
    assert undrawable("PM at $^$ Corp, Zoë ☺") == ""


# A kernel on a machine without the fallback fonts (a conda environment made before environment.yml listed
# them, a laptop): matplotlib's cached font list and its font search both come back without them.
WITHOUT_FALLBACK_FONTS = """
    import json, os, sys, warnings
    from pathlib import Path
    from matplotlib import font_manager
    from careerkit.ui.charts import CJK_FONTS, SYMBOL_FONTS, _FONT_FILES
    fallback = set(CJK_FONTS + SYMBOL_FONTS)
    font_manager.fontManager.ttflist[:] = [f for f in font_manager.fontManager.ttflist
                                          if f.name not in fallback and not any(p in f.fname for p in _FONT_FILES)]
    system_fonts = font_manager.findSystemFonts
    font_manager.findSystemFonts = lambda fontpaths=None, fontext="ttf": (
        [] if fontpaths is None else system_fonts(fontpaths, fontext))
"""


def _kernel_without_fallback_fonts(tmp_path: Path, script: str, **env: str) -> dict:
    code = textwrap.dedent(WITHOUT_FALLBACK_FONTS) + textwrap.dedent(script)
    environ = {k: v for k, v in os.environ.items() if k != "CONDA_PREFIX"} | {"CAREERKIT_HOME": str(tmp_path)} | env
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ, timeout=300,
                          cwd=Path(__file__).parent)
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr  # no traceback, no warning printed
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_the_fallback_fonts_every_chart_draws_quietly_and_the_doctor_says_what_to_install(tmp_path):
    seen = _kernel_without_fallback_fonts(tmp_path, """
        warnings.simplefilter("always")  # a notebook would show each of these once per chart
        with warnings.catch_warnings(record=True) as caught:
            import importlib
            from test_chart_text import ANSWERS, MODULES
            from careerkit.doctor import run_checks
            from careerkit.ui.charts import font_families, render_png
            from careerkit.modules.plan.charts import plan_charts
            from careerkit.ui.exercise import plain_text
            from careerkit.store.workbook import Workbook
            pngs = [len(render_png(chart.figure)) for chart in plan_charts(ANSWERS)]
            book = Workbook("Ana", os.environ["CAREERKIT_HOME"])
            book.replace_answers(ANSWERS)
            problems, charts = [], 0
            for module in MODULES:
                for view_class in importlib.import_module(f"careerkit.modules.{module}.views").EXERCISES.values():
                    view = view_class(book)
                    charts += sum("image/png" in out["data"] for out in view.output.outputs)
                    if "Something went wrong" in plain_text(view.message.value):
                        problems.append(view.key)
            fonts = next(c for c in run_checks() if c.name == "chart fonts")
        glyphs = [str(w.message) for w in caught if "missing from font" in str(w.message)]
        print(json.dumps({"families": font_families(), "pngs": pngs, "problems": problems, "charts": charts,
                          "glyph_warnings": glyphs,
                          "doctor": [fonts.ok, fonts.detail, fonts.fix]}))
    """)
    assert seen["families"] == ["DejaVu Sans"]  # the fonts are really gone in that kernel
    assert len(seen["pngs"]) >= 4 and min(seen["pngs"]) > 1000
    assert seen["charts"] >= 10 and seen["problems"] == []
    assert seen["glyph_warnings"] == []
    ok, detail, fix = seen["doctor"]
    assert not ok and detail.startswith("no font for 李 雷 日 本 한 국 🙂")
    assert "fonts-noto-cjk and fonts-symbola" in fix and "font-ttf-noto-cjk and font-ttf-noto-emoji" in fix


DEBIAN_FONTS = [Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
                Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf")]


@pytest.mark.skipif(not all(p.exists() for p in DEBIAN_FONTS) and not os.environ.get("CI"),
                    reason="needs fonts-noto-cjk and fonts-symbola to stand in for conda's font packages")
def test_fonts_a_conda_environment_installed_in_its_fonts_folder_are_found(tmp_path):
    prefix = tmp_path / "env"
    (prefix / "fonts").mkdir(parents=True)
    for font in DEBIAN_FONTS:  # conda's font-ttf-* packages put their files in <environment>/fonts
        (prefix / "fonts" / font.name).symlink_to(font)
    seen = _kernel_without_fallback_fonts(tmp_path, """
        from matplotlib.font_manager import FontProperties, findfont
        from careerkit.ui.charts import SAMPLE, font_families, undrawable
        files = [findfont(FontProperties(family=name)) for name in font_families()[1:]]
        print(json.dumps({"families": font_families(), "files": files, "undrawable": undrawable(SAMPLE)}))
    """, CONDA_PREFIX=str(prefix))
    assert seen["families"] == ["DejaVu Sans", "Noto Sans CJK JP", "Symbola"] and seen["undrawable"] == ""
    assert seen["files"] == [str(font.resolve()) for font in DEBIAN_FONTS]  # reached through the links only
