"""Exercise slides a room can read: the prompt large on its slide, what the exercise gives back below it.

An exercise widget holds a whole form (every control, the share box, a long feedback and a chart);
scaled down to fit a 1280x720 slide its text comes out at 5 to 15 px. In the deck, ``ExerciseSlides``
keeps the prompt and its time box on the exercise's slide, and puts on vertical sub-slides under it a
static, readable view of the demo participant's result, read from the saved widget state: the chart as
large as the slide allows, then the headline feedback and the participant's own words. The full widget
stays in the notebook (and the app); the handout keeps the prompt and room to write.
"""

from __future__ import annotations

import copy
import html
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from nbformat.v4 import new_output

from careerkit.build.preprocessors import WIDGET_STATE, WIDGET_VIEW, PruneWidgetState, is_exercise, is_notes
from careerkit.constants import META_KEY
from careerkit.content.text import BUILD, texts

EXERCISE_CLASS = "careerkit-exercise"  # the exercise view's outer box (ui/exercise.py)
MESSAGE_CLASS = "ck-message"  # its feedback area
SHARE_CLASS = "ck-share"  # its share tick boxes: not part of the answer
PROMPT_TAG = "ck-exercise-prompt"  # an exercise's prompt cell in the deck (nbconvert adds celltag_<tag>)
RESULT_TAG = "ck-exercise-result"  # the sub-slide with the demo participant's result
TEXT_MODELS = ("TextModel", "TextareaModel")
BLOCKS = ("li", "p", "h4", "h5", "div", "tr", "dt", "dd", "blockquote")

# What fits on a 1280x720 slide at 22 px (measured: a longer text would be shrunk to fit).
HEADLINES = 5
HEADLINE_CHARS = 160
HEADLINE_TOTAL = 640
QUOTES = 3
QUOTE_CHARS = 160
LABEL_CHARS = 30
PANELS = ("AccordionModel", "TabModel")


@dataclass
class Result:
    """What one exercise gave the demo participant: its title, charts, feedback and own words."""

    title: str = ""
    charts: list[tuple[str, str]] = field(default_factory=list)  # (base64 PNG, alt text)
    feedback: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)  # what else the view shows: panel titles, tables


class _Blocks(HTMLParser):
    """The text of an HTML fragment, one string per block (list item, paragraph, table row...).

    Table cells are joined by " · "; rows are kept apart from the prose, which reads better first.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.prose: list[str] = []
        self.rows: list[str] = []
        self._current: list[str] = []
        self._skip = 0
        self._tables = 0
        self._cells: list[str] = []  # the kinds of cell (td, th) in the current row

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "table":
            self._flush()
            self._tables += 1
        elif tag in ("td", "th"):
            if "".join(self._current).strip():
                self._current.append(" · ")
            self._cells.append(tag)
        elif tag in BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)
        elif tag == "table":
            self._flush()
            self._tables = max(0, self._tables - 1)
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self._skip:
            self._current.append(data)

    def _flush(self):
        text = " ".join("".join(self._current).split()).strip(" ·")
        header = bool(self._cells) and set(self._cells) == {"th"}  # a table's column names, read on their own
        label = text.endswith(":") and len(text) <= LABEL_CHARS  # "Why:", "Moves:" label what follows
        if text and not header and not label:
            (self.rows if self._tables else self.prose).append(text)
        self._current, self._cells = [], []

    def close(self):
        super().close()
        self._flush()


def text_blocks(markup: str) -> list[str]:
    """The prose blocks of ``markup``, then its table rows."""
    parser = _Blocks()
    parser.feed(markup or "")
    parser.close()
    return parser.prose + parser.rows


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:·-")
    return cut + "…"


def _model_id(ref: str) -> str:
    return ref.removeprefix("IPY_MODEL_")


def _children(states: dict[str, Any], model_id: str) -> list[str]:
    return [_model_id(c) for c in states.get(model_id, {}).get("state", {}).get("children", [])]


def _classes(states: dict[str, Any], model_id: str) -> list[str]:
    return list(states.get(model_id, {}).get("state", {}).get("_dom_classes", []))


def _walk(states: dict[str, Any], model_id: str):
    """Every model under ``model_id`` in the order a reader sees them, skipping the share box."""
    yield model_id
    for child in _children(states, model_id):
        if SHARE_CLASS not in _classes(states, child):
            yield from _walk(states, child)


def read_result(states: dict[str, Any], view_id: str) -> Result | None:
    """The demo participant's result from an exercise view's saved widget state; None if it is not one."""
    if EXERCISE_CLASS not in _classes(states, view_id):
        return None
    result = Result()
    for model_id in _walk(states, view_id):
        model = states[model_id]
        name, state = model.get("model_name"), model.get("state", {})
        if name == "HTMLModel" and not result.title and "<h4>" in str(state.get("value", "")):
            result.title = " ".join(text_blocks(state["value"]))
        elif name == "HTMLModel" and MESSAGE_CLASS in state.get("_dom_classes", []):
            result.feedback = text_blocks(state.get("value", ""))
        elif name == "HTMLModel" and "<table" in str(state.get("value", "")):
            result.shown += text_blocks(state["value"])
        elif name in PANELS:
            result.shown += [str(t) for t in state.get("titles", []) if t]
        elif name in TEXT_MODELS and str(state.get("value", "")).strip():
            result.words.append(" ".join(str(state["value"]).split()))
        elif name == "OutputModel":
            for output in state.get("outputs", []):
                data = output.get("data", {})
                if "image/png" in data:
                    result.charts.append(("".join(data["image/png"]).strip(), str(data.get("text/plain", "Chart"))))
    return result


def headline(result: Result) -> tuple[list[str], list[str]]:
    """The feedback and own words that fit the result slide."""
    lines, total = [], 0
    for block in (result.feedback + result.shown)[:HEADLINES]:
        line = shorten(block, HEADLINE_CHARS)
        if lines and total + len(line) > HEADLINE_TOTAL:
            break
        lines.append(line)
        total += len(line)
    return lines, own_words(result.words, lines, QUOTES)


def own_words(words: list[str], already: list[str], count: int) -> list[str]:
    """The participant's longest answers (a sentence says more than a job title), in the order typed,
    leaving out what the feedback already quotes."""
    shown = _squash(" ".join(already))
    fresh = [
        text for text in dict.fromkeys(words)
        if len(text.split()) >= 3 and not text.startswith("<") and _squash(text)[:40] not in shown  # "<": an export
    ]
    longest = set(sorted(fresh, key=len, reverse=True)[:count])
    return [shorten(text, QUOTE_CHARS) for text in fresh if text in longest]


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def result_html(result: Result) -> str:
    """The result sub-slide: the headline feedback and the participant's own words, the whole width."""
    e = html.escape
    t = texts(BUILD)
    feedback, quotes = headline(result)
    text = [f'<p class="ck-result-title">{t.html("result.title", title=result.title)}</p>']
    if feedback:
        text.append(f'<p class="ck-result-label">{e(t("result.feedback"))}</p><ul class="ck-result-feedback">')
        text += [f"<li>{e(line)}</li>" for line in feedback]
        text.append("</ul>")
    if quotes:
        text.append(f'<p class="ck-result-label">{e(t("result.words"))}</p>')
        text += [f'<blockquote class="ck-result-words">{e(q)}</blockquote>' for q in quotes]
    return f'<div class="ck-result">{"".join(text)}</div>'


def chart_html(result: Result) -> str:
    """The chart sub-slide: the exercise's chart as large as the slide allows, its headline beneath."""
    e = html.escape
    png, alt = result.charts[0]
    caption = f"<figcaption>{e(shorten(result.feedback[0], HEADLINE_CHARS))}</figcaption>" if result.feedback else ""
    return (
        f'<div class="ck-result-chart-slide"><p class="ck-result-title">{texts(BUILD).html("result.title", title=result.title)}</p>'
        f'<figure class="ck-result-chart"><img src="data:image/png;base64,{png}" alt="{e(alt)}">{caption}</figure></div>'
    )


def _view_id(cell: NotebookNode) -> str | None:
    for output in cell.get("outputs", []):
        view = output.get("data", {}).get(WIDGET_VIEW)
        if view:
            return view.get("model_id")
    return None


class ExerciseSlides(Preprocessor):
    """In a deck, each exercise: prompt large on its slide, the demo's result on a sub-slide below it.

    Speaker notes that follow an exercise stay with its prompt, where the facilitator spends the time box.
    """

    def preprocess(self, nb, resources):
        states = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        cells: list[NotebookNode] = []
        pending: list[NotebookNode] = []
        for cell in nb.cells:
            if pending and is_notes(cell):
                cells.append(cell)
                continue
            cells += pending
            pending = []
            if cell.cell_type == "markdown" and cell.metadata.get(META_KEY, {}).get("exercise"):
                cell.metadata["tags"] = [*cell.metadata.get("tags", []), PROMPT_TAG]
            if is_exercise(cell):
                view_id = _view_id(cell)
                result = read_result(states, view_id) if view_id else None
                if result is not None:
                    pending = self.result_cells(cell, result)
                    continue
            cells.append(cell)
        cells += pending
        nb.cells = cells
        if states:
            nb, resources = PruneWidgetState().preprocess(nb, resources)
            if not nb.metadata["widgets"][WIDGET_STATE]["state"]:
                nb.metadata.pop("widgets")
        return nb, resources

    @staticmethod
    def result_cells(cell: NotebookNode, result: Result) -> list[NotebookNode]:
        """The exercise's cell, now showing the result: after its chart, when it has one."""
        cell.metadata["slideshow"] = {"slide_type": "subslide"}
        cell.metadata["tags"] = [*cell.metadata.get("tags", []), RESULT_TAG]
        cells = []
        if result.charts:
            chart = copy.deepcopy(cell)
            chart.id = f"{cell.get('id', 'exercise')}-chart"
            chart.outputs = [new_output("display_data", data={"text/html": chart_html(result), "text/plain": ""})]
            cells.append(chart)
        cell.outputs = [new_output("display_data", data={"text/html": result_html(result), "text/plain": ""})]
        return [*cells, cell]

