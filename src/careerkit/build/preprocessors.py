"""The notebook transforms of ``careerkit build``, each a small nbconvert ``Preprocessor``.

- ``CheckConventions``: every cell has slide metadata, every code cell is tagged ``hide-input``.
- ``TitleSlide``: a first slide (or handout header) with the module's minutes and objectives.
- ``PruneWidgetState``: keeps only the widget models this notebook's outputs show.
- ``Worksheet``: turns a notebook into a participant's handout: no facilitator cells, no speaker
  notes, no code, and a space to think after each exercise prompt.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from nbformat.v4 import new_markdown_cell

from careerkit.constants import EXERCISE, FACILITATOR, HIDE_INPUT, META_KEY
from careerkit.content.text import BUILD, texts
from careerkit.errors import BuildError

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
MODEL_REF = re.compile(r'IPY_MODEL_([0-9a-f]{32})|"model_id": "([0-9a-f]{32})"')
SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip", "notes")
TITLE_CLASS = "ck-title-slide"
SPACE_CLASS = "ck-space"


def tags(cell: NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def slide_type(cell: NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def is_facilitator(cell: NotebookNode) -> bool:
    return FACILITATOR in tags(cell)


def is_notes(cell: NotebookNode) -> bool:
    return slide_type(cell) == "notes"


def is_exercise(cell: NotebookNode) -> bool:
    return cell.cell_type == "code" and EXERCISE in tags(cell)


def module_meta(nb: NotebookNode) -> dict[str, Any]:
    return dict(nb.metadata.get(META_KEY, {}))


def notebook_name(resources: dict[str, Any] | None) -> str:
    return (resources or {}).get("metadata", {}).get("name", "notebook")


class CheckConventions(Preprocessor):
    """Refuse a notebook whose cells would show code or break the slide layout, naming the cell."""

    def preprocess(self, nb, resources):
        name = notebook_name(resources)
        for index, cell in enumerate(nb.cells, start=1):
            kind = slide_type(cell)
            if kind not in SLIDE_TYPES:
                raise BuildError(name, f"the cell has no slide type (one of {', '.join(SLIDE_TYPES)})", cell=index)
            if cell.cell_type == "code" and HIDE_INPUT not in tags(cell):
                raise BuildError(name, f"the code cell is not tagged '{HIDE_INPUT}', so its Python would show", cell=index)
        return nb, resources


def _minutes(meta: dict[str, Any]) -> tuple[int, int]:
    return int(meta.get("teaching", 0) or 0), int(meta.get("exercises", 0) or 0)


def title_markdown(number: str, meta: dict[str, Any]) -> str:
    """The module's title slide: number and title, minutes (teaching and exercises), objectives."""
    teaching, exercises = _minutes(meta)
    t = texts(BUILD)
    title = html.escape(str(meta.get("title", "")))
    lines = [
        f'<div class="{TITLE_CLASS}">',
        "",
        f"# {number} · {title}" if number else f"# {title}",
        "",
        f'<p class="ck-minutes">{t("title.minutes", total=teaching + exercises, teaching=teaching, exercises=exercises)}</p>',
        "",
    ]
    objectives = [html.escape(str(item)) for item in meta.get("objectives", [])]
    if objectives:
        lines += [f"**{t('title.objectives')}**", ""]
        lines += [f"- {item}" for item in objectives]
        lines.append("")
    lines.append("</div>")
    return "\n".join(lines)


class TitleSlide(Preprocessor):
    """Insert a title slide built from the notebook's ``careerkit`` metadata (no timing written twice)."""

    def preprocess(self, nb, resources):
        meta = module_meta(nb)
        if not meta:
            return nb, resources
        number = notebook_name(resources).split("_", 1)[0]
        cell = new_markdown_cell(title_markdown(number if number.isdigit() else "", meta))
        cell.id = TITLE_CLASS
        cell.metadata["slideshow"] = {"slide_type": "slide"}
        cell.metadata["tags"] = [TITLE_CLASS]
        nb.cells.insert(0, cell)
        return nb, resources


def space_markdown(minutes: int) -> str:
    """Ruled lines to write on, more for longer exercises."""
    lines = max(6, min(18, round(minutes * 1.2)))
    return (
        f'<div class="{SPACE_CLASS}">\n'
        f'<p class="ck-space-label">{html.escape(texts(BUILD)("handout.notes"))}</p>\n'
        f'<div class="ck-lines" style="height: {lines * 2}em"></div>\n'
        "</div>"
    )


class Worksheet(Preprocessor):
    """A participant's handout: prompts and room to think; no facilitator cells, notes, code or widgets."""

    def preprocess(self, nb, resources):
        cells = []
        prompt: dict[str, Any] = {}
        for cell in nb.cells:
            if is_facilitator(cell) or is_notes(cell):
                continue
            if cell.cell_type == "markdown":
                prompt = dict(cell.metadata.get(META_KEY, {})) or prompt
                cells.append(cell)
            elif is_exercise(cell):
                space = new_markdown_cell(space_markdown(int(prompt.get("minutes", 5))))
                space.id = f"{SPACE_CLASS}-{len(cells)}"
                space.metadata["slideshow"] = {"slide_type": "-"}
                cells.append(space)
        nb.cells = cells
        nb.metadata.pop("widgets", None)
        return nb, resources



class PruneWidgetState(Preprocessor):
    """Keep only the widget models reachable from this notebook's outputs.

    A kernel that ran earlier notebooks still holds their widgets; the deck needs the models its own
    views show, and the models those refer to (layouts, styles, children, widgets inside Output widgets).
    """

    def preprocess(self, nb, resources):
        saved = nb.metadata.get("widgets", {}).get(WIDGET_STATE)
        if not saved:
            return nb, resources
        states = saved.get("state", {})
        todo = [
            output["data"][WIDGET_VIEW]["model_id"]
            for cell in nb.cells
            for output in cell.get("outputs", [])
            if WIDGET_VIEW in output.get("data", {})
        ]
        keep: set[str] = set()
        while todo:
            model_id = todo.pop()
            if model_id in keep or model_id not in states:
                continue
            keep.add(model_id)
            todo += [a or b for a, b in MODEL_REF.findall(json.dumps(states[model_id]))]
        saved["state"] = {k: v for k, v in states.items() if k in keep}
        return nb, resources
