"""Authoring helpers for the module notebooks: every cell gets slide metadata and the right tags.

Used by the scripts in ``tools/notebooks/`` that write ``notebooks/*.ipynb``; the committed
notebooks are the source a facilitator edits, these helpers only make writing them less error-prone.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from careerkit.constants import EXERCISE, FACILITATOR, HIDE_INPUT, META_KEY, NOTE_MARK_CLASS  # noqa: E402
from careerkit.content import cite_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FACILITATOR_MARK = f'<span class="{NOTE_MARK_CLASS}"></span>'  # careerkit.widgets.style hides cells holding it


def md(text: str, slide: str = "slide", tags: tuple[str, ...] = ()):
    """A markdown cell; ``slide`` is reveal's slide_type: slide, subslide, fragment, -, skip, notes."""
    cell = new_markdown_cell(text.strip("\n"))
    cell.metadata["slideshow"] = {"slide_type": slide}
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def hidden_in_jupyterlab(cell):
    """Collapse the cell's input in JupyterLab (it ignores tags): a learner sees a thin bar, a facilitator clicks it open."""
    cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def notes(text: str):
    """Facilitator talking points: speaker notes in the deck, removed from participants' handouts and app.

    In JupyterLab the cell opens collapsed; Run All expands markdown cells again, so the marker at its end
    lets the kit's style (loaded by the banner) hide the whole cell from learners. ``careerkit lab
    --facilitator`` leaves the notes in view; the guide and the deck's speaker view hold them too.
    """
    cell = md(f"{text.strip()}\n\n{FACILITATOR_MARK}", slide="notes", tags=(FACILITATOR,))
    return hidden_in_jupyterlab(cell)


def code(source: str, slide: str = "-", tags: tuple[str, ...] = ()):
    """A code cell whose Python never shows on a slide or handout."""
    cell = new_code_cell(source.strip("\n"))
    cell.metadata["slideshow"] = {"slide_type": slide}
    cell.metadata["tags"] = [HIDE_INPUT, *tags]
    return hidden_in_jupyterlab(cell)


def exercise(key: str, title: str, prompt: str, minutes: int, timestamp: str, slide: str = "slide",
             origin: str | None = None):
    """The two cells of an exercise: the prompt with its time box and source timestamp, then the widget.

    ``origin`` (an id of content/origins.toml) marks an exercise whose method is the kit's own or borrowed
    from named outside work; the header then shows that marker beside the timestamp it builds on.
    """
    where = f"Source: {timestamp}" if origin is None else f"Origin: {cite_text(timestamp, origin)}"
    header = f"### {title}\n\n*Time box: {minutes} min · {where}*\n\n{prompt.strip()}"
    prompt_cell = md(header, slide=slide)
    prompt_cell.metadata[META_KEY] = {"exercise": key, "minutes": minutes, "timestamp": timestamp}
    if origin is not None:
        prompt_cell.metadata[META_KEY]["origin"] = origin
    return [prompt_cell, code(f'ck.show("{key}")', tags=(EXERCISE,))]


def notebook(cells, meta: dict):
    """A notebook with the module metadata (title, teaching, exercises, objectives, keypoints)."""
    nb = new_notebook(cells=[c for item in cells for c in (item if isinstance(item, list) else [item])])
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata[META_KEY] = meta
    nb.metadata["celltoolbar"] = "Slideshow"
    return nb


def write(nb, name: str) -> Path:
    path = ROOT / "notebooks" / name
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"{Path(name).stem[:2]}-{index:03d}"
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return path
