"""Charts drawn for a deck's slide: in the build's kernels every text in a chart is large enough for the
back row once the picture is fitted into its box on the slide; in JupyterLab the learner's chart is as before.

(The browser test in tests/browser/test_decks.py measures the same on screen, in the built decks.)
"""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from careerkit.constants import CHARTS_FOR_SLIDES, ENV_CHARTS
from careerkit.content import demo_answers
from careerkit.modules.lanes import charts as lane_charts
from careerkit.modules.lanes import domain as lanes
from careerkit.ui.charts import render_png
from careerkit.ui.slide_style import MIN_PX, RECORD_KEY, SLIDE_BOX, smallest_text_pt

DEMO = demo_answers()


def radar():
    """The chart that was smallest on its slide: square, with radial ticks at 7 pt."""
    return lane_charts.radar_chart(lanes.Radar.model_validate(DEMO["lanes.radar"]), ["growth"])


def ranking():
    """A wide chart with its legend and bar values at 8 pt, its legend outside the axes."""
    rows = lanes.rank_lanes(lanes.LaneRatings.model_validate(DEMO["lanes.ratings"]))
    return lane_charts.ranking_bars(rows, ["growth"])


def shown_on_slide(png: bytes) -> tuple[dict, float]:
    """The PNG's record, and its smallest text in css px once fitted whole into the slide's chart box."""
    with Image.open(io.BytesIO(png)) as image:
        record = json.loads(image.text[RECORD_KEY])
        scale = min(SLIDE_BOX[0] / image.width, SLIDE_BOX[1] / image.height)
    return record, record["smallest_text_px"] * scale


@pytest.mark.parametrize("chart", [radar, ranking], ids=["radar", "ranking"])
def test_in_the_build_every_text_of_a_chart_comes_out_large_on_its_slide(monkeypatch, chart):
    monkeypatch.setenv(ENV_CHARTS, CHARTS_FOR_SLIDES)
    fig = chart()
    before = smallest_text_pt(fig)
    png = render_png(fig)
    record, css_px = shown_on_slide(png)
    assert css_px >= MIN_PX
    assert record["dpi"] > 100, "drawn sharper than the notebook's 100 dpi: the slide shows it larger"
    assert smallest_text_pt(fig) == before, "the view's own figure is left as it was"
    assert render_png(fig) == png, "drawn twice (the kept picture, the screen), the same picture"


def test_the_old_sizes_would_be_caught():
    """Not vacuous: the radar as the notebook draws it, fitted into the slide's box, has text under MIN_PX."""
    fig = radar()
    with Image.open(io.BytesIO(render_png(fig))) as image:
        assert RECORD_KEY not in image.text
        scale = min(SLIDE_BOX[0] / image.width, SLIDE_BOX[1] / image.height)
    assert smallest_text_pt(fig) * 100 / 72 * scale < MIN_PX / 2


def test_in_jupyterlab_the_learners_chart_is_drawn_as_before(monkeypatch):
    monkeypatch.delenv(ENV_CHARTS, raising=False)
    fig = radar()
    png = render_png(fig)
    with Image.open(io.BytesIO(png)) as image:
        assert RECORD_KEY not in image.text
        # 6 x 6 inches at 100 dpi, trimmed to what is drawn (a slide's chart is about 1785 px wide, in the box's shape)
        assert 500 <= image.width <= 700 and 450 <= image.height <= 650, image.size
    assert smallest_text_pt(fig) == 7


def test_a_chart_that_cannot_be_copied_is_still_drawn_for_its_slide(monkeypatch):
    from matplotlib.ticker import FuncFormatter

    monkeypatch.setenv(ENV_CHARTS, CHARTS_FOR_SLIDES)
    fig = ranking()
    fig.axes[0].xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:g} pts"))  # a lambda: no pickle
    assert shown_on_slide(render_png(fig))[1] >= MIN_PX
