"""Every module notebook follows the conventions slides, handouts and agendas rely on."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from careerkit.constants import EXERCISE, FACILITATOR, HIDE_INPUT, META_KEY

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}
ABSOLUTE_PATH = re.compile(r'"/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/')


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def nb(request):
    return nbformat.read(request.param, as_version=4)


def test_module_metadata_is_complete(nb):
    meta = nb.metadata[META_KEY]
    assert meta["title"].strip()
    assert isinstance(meta["teaching"], int) and isinstance(meta["exercises"], int)
    assert meta["objectives"] and meta["keypoints"]


def test_exercise_minutes_add_up_to_the_module_metadata(nb):
    minutes = [c.metadata[META_KEY]["minutes"] for c in nb.cells if META_KEY in c.metadata and "exercise" in c.metadata[META_KEY]]
    if minutes:
        assert sum(minutes) == nb.metadata[META_KEY]["exercises"]


def test_every_cell_has_slide_metadata(nb):
    for cell in nb.cells:
        assert cell.metadata.get("slideshow", {}).get("slide_type") in SLIDE_TYPES, cell.source[:60]


def test_no_python_on_any_slide(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert HIDE_INPUT in cell.metadata.get("tags", []), cell.source[:60]


def test_jupyterlab_collapses_every_code_input_and_facilitator_note(nb):
    # JupyterLab ignores the hide-input and facilitator tags; it honours jupyter.source_hidden
    for cell in nb.cells:
        if cell.cell_type == "code" or FACILITATOR in cell.metadata.get("tags", []):
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.source[:60]
        else:
            assert not cell.metadata.get("jupyter", {}).get("source_hidden"), cell.source[:60]


def test_every_notes_cell_ends_with_the_mark_jupyterlab_hides_it_by(nb):
    from careerkit.constants import NOTE_MARK_CLASS

    for cell in nb.cells:
        if FACILITATOR in cell.metadata.get("tags", []) and cell.cell_type == "markdown":
            assert cell.source.rstrip().endswith(f'<span class="{NOTE_MARK_CLASS}"></span>'), cell.source[:60]


def test_notes_cells_are_facilitator_only(nb):
    for cell in nb.cells:
        if cell.metadata["slideshow"]["slide_type"] == "notes":
            assert FACILITATOR in cell.metadata.get("tags", []), cell.source[:60]


def test_each_exercise_is_preceded_by_its_prompt_time_box_and_timestamp(nb):
    for index, cell in enumerate(nb.cells):
        if EXERCISE in cell.metadata.get("tags", []):
            prompt = nb.cells[index - 1]
            assert prompt.cell_type == "markdown"
            assert re.search(r"Time box: \d+ min", prompt.source), prompt.source[:80]
            assert re.search(r"\[\d{2}:\d{2}:\d{2}\]", prompt.source), prompt.source[:80]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebooks_are_stored_clean(path):
    text = path.read_text()
    nb = json.loads(text)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    assert "widgets" not in nb["metadata"]
    assert not ABSOLUTE_PATH.search(text)
