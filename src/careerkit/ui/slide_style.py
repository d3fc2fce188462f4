"""Charts for the room: in ``careerkit build`` every chart is drawn for the slide it is shown on.

On a deck's result sub-slide a chart fills a box of ``SLIDE_BOX`` css px (``.ck-result-chart img`` in
careerkit.css: the slide's width, 520 px high, the picture whole). A text in the picture is read from the
back row when it comes out at ``MIN_PX`` css px on the slide at least (19.2 px on screen at 1280x720,
where reveal scales a slide by 0.96; the deck tests ask for 18). How large a text comes out depends only
on its size in points against the figure's size in inches, not on the dpi. So, for a slide:

1. the figure takes the box's shape (its height kept), and its layout is constrained to the figure;
2. every text under the size the box asks for is raised to it; larger ones (titles) keep their lead;
3. it is rendered at ``SHARPNESS`` image pixels per css px of the slide, crisp on a projector too;
4. the picture is checked: if its smallest text would still show under ``MIN_PX`` (a label that
   overflows the figure makes the picture larger, so it is shown smaller), the sizes go up and it is drawn again.

The PNG records its dpi and its smallest text in image pixels (a ``careerkit:chart`` tEXt chunk), so a
browser test can measure the text as shown. The learner's charts in JupyterLab and the app are not
touched: ``render_png`` draws this way only where the build asks for it (``CAREERKIT_CHARTS=slides``).
"""

from __future__ import annotations

import json
import pickle
import struct
import zlib
from collections.abc import Callable, Iterator

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

SLIDE_BOX = (1190.0, 520.0)  # css px: the chart's box on a 1280x720 slide (careerkit.css)
MIN_PX = 20.0  # css px on the slide: 19.2 px on screen after reveal's 0.96
SHARPNESS = 1.5  # image pixels per css px of the slide
PAD_IN = 0.05  # inches of white kept round the picture
TRIES = 3
RECORD_KEY = "careerkit:chart"  # the PNG's tEXt chunk: {"dpi", "smallest_text_px", "box"}
TICK_AXES = (("x", "xaxis"), ("y", "yaxis"))

Render = Callable[[Figure, float, float], bytes]  # (figure, dpi, pad inches) -> PNG bytes


def render_for_slide(fig: Figure, render: Render) -> bytes:
    """The figure drawn for its slide as a PNG that records its dpi and smallest text.

    Each try draws a fresh copy: the figure itself stays as the view made it (a view may render it
    twice, for the picture the participant keeps and for the screen) and no size grows twice."""
    base = float(matplotlib.rcParams["font.size"])  # body text; titles are larger than this
    wanted = MIN_PX
    for drawn in _copies(fig, TRIES):
        _take_box_shape(drawn)
        drawn.set_layout_engine("constrained")
        width, height = drawn.get_size_inches() + 2 * PAD_IN
        css_per_inch = min(SLIDE_BOX[0] / width, SLIDE_BOX[1] / height)
        raise_text(drawn, wanted * 72 / css_per_inch, base)
        dpi = round(css_per_inch * SHARPNESS)
        png = render(drawn, dpi, PAD_IN)
        smallest = smallest_text_pt(drawn) * dpi / 72  # image px
        shown = smallest * shown_scale(png_size(png))  # css px on the slide
        if shown >= MIN_PX:
            break
        wanted *= MIN_PX / shown * 1.02
    return add_record(png, {"dpi": dpi, "smallest_text_px": round(smallest, 2), "box": list(SLIDE_BOX)})


def _copies(fig: Figure, count: int) -> Iterator[Figure]:
    """``count`` fresh copies of ``fig``; a figure that cannot be copied (a lambda inside) is drawn itself, once."""
    try:
        original = pickle.dumps(fig)
    except (pickle.PicklingError, TypeError, AttributeError):
        yield fig
        return
    for _ in range(count):
        yield pickle.loads(original)


def shown_scale(size: tuple[int, int]) -> float:
    """Css px of the slide per image pixel: the picture drawn whole inside the box (``object-fit: contain``)."""
    return min(SLIDE_BOX[0] / size[0], SLIDE_BOX[1] / size[1])


def _take_box_shape(fig: Figure) -> None:
    """Widen a figure narrower than the box to the box's shape, so the whole box is used."""
    width, height = fig.get_size_inches()
    aspect = SLIDE_BOX[0] / SLIDE_BOX[1]
    if width / height < aspect:
        fig.set_size_inches(height * aspect, height)


def raise_text(fig: Figure, floor: float, base: float) -> None:
    """Every text at ``floor`` points at least; a text larger than ``base`` (a title) stays as much larger."""

    def size(own: float) -> float:
        return max(own, floor * max(1.0, own / base))

    ticks = [label for ax in fig.axes for label in _raise_ticks(ax, size)]
    for text in _texts(fig):
        if not any(text is label for label in ticks):
            text.set_fontsize(size(text.get_fontsize()))


def _raise_ticks(ax: Axes, size: Callable[[float], float]) -> list[Text]:
    """Tick labels through ``tick_params``, so ticks made while drawing get the size too; the labels done."""
    done: list[Text] = []
    for name, attr in TICK_AXES:
        axis = getattr(ax, attr)
        for which in ("major", "minor"):
            labels = [t for t in axis.get_ticklabels(which=which) if t.get_text()]
            if labels:
                ax.tick_params(axis=name, which=which, labelsize=size(min(t.get_fontsize() for t in labels)))
                done += axis.get_ticklabels(which=which)
    return done


def _texts(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def smallest_text_pt(fig: Figure) -> float:
    """The smallest visible text in the figure, in points (ticks, labels, legends, titles, notes)."""
    return min((t.get_fontsize() for t in _texts(fig)), default=float("inf"))


# PNG chunks: the size from IHDR, the record as a tEXt chunk right after it ------------------------


def png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def add_record(png: bytes, record: dict) -> bytes:
    """The PNG with ``record`` as JSON in a tEXt chunk after its header (same record, same bytes)."""
    data = RECORD_KEY.encode("latin-1") + b"\0" + json.dumps(record, sort_keys=True).encode("latin-1")
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data + struct.pack(">I", zlib.crc32(b"tEXt" + data))
    end_of_header = 8 + 4 + 4 + 13 + 4  # signature, then IHDR: length, type, 13 bytes, CRC
    return png[:end_of_header] + chunk + png[end_of_header:]
