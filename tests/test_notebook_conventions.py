"""Every module notebook follows the conventions slides, handouts and agendas rely on.

The conventions are checked on the source a coach edits, ``notebooks/NN_name.md`` (MyST), as Jupytext reads
it; tests/test_notebook_text.py checks that each .ipynb says the same. The exercise pattern is described in
facilitator_guide/editing_notebooks.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from careerkit.build.notebook_text import read_source
from careerkit.constants import EXERCISE, FACILITATOR, HIDE_INPUT, META_KEY

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.md"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}
ABSOLUTE_PATH = re.compile(r'"/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/')


@pytest.fixture(params=SOURCES, ids=[p.stem for p in SOURCES])
def nb(request):
    return read_source(request.param)


def test_every_module_notebook_has_its_source_text():
    assert [p.stem for p in SOURCES] == [p.stem for p in NOTEBOOKS]


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


ONE_CALL = re.compile(r'ck\.show\("([a-z0-9_]+\.[a-z0-9_]+)"\)')


def test_each_exercise_prompt_and_its_one_call_cell_agree(nb):
    """The pattern a coach types: the prompt's facts (key, minutes, timestamp) match its text and the call below it."""
    for index, cell in enumerate(nb.cells):
        if not EXERCISE_META(cell):
            continue
        meta = cell.metadata[META_KEY]
        assert cell.cell_type == "markdown" and cell.source.startswith("### "), cell.source[:60]
        assert f"*Time box: {meta['minutes']} min · " in cell.source, cell.source[:120]
        assert meta["timestamp"] in cell.source, cell.source[:120]
        call = nb.cells[index + 1]
        assert EXERCISE in call.metadata.get("tags", []) and call.cell_type == "code", cell.source[:60]
        match = ONE_CALL.fullmatch(call.source.strip())
        assert match and match.group(1) == meta["exercise"], call.source


def test_every_exercise_cell_has_its_prompt_facts(nb):
    for index, cell in enumerate(nb.cells):
        if EXERCISE in cell.metadata.get("tags", []):
            assert EXERCISE_META(nb.cells[index - 1]), cell.source


STAMP = re.compile(r"\[\d{2}:\d{2}:\d{2}\]")
# Slides about the kit itself (how it saves, who sees what, the module list) make no claim about careers.
ABOUT_THE_KIT = ("## How the kit works", "## Choose your name", "## Where your answers live", "## Sharing with the group",
                 "## Join the room",
                 "## The modules")


def _claims(cell) -> list[str]:
    """The points of a participant's slide: each bullet, numbered point or paragraph, with its wrapped lines.

    A list introduced by a sentence ending in ":" is read with that sentence (its origin covers the list).
    """
    points: list[str] = []
    previous, lead = "", ""
    for line in cell.source.splitlines():
        if not line.strip() or line.startswith("#"):
            pass
        elif re.match(r"^\s*(?:[-*]|\d+\.)\s", line):
            points.append(line + " " + lead)
        elif not previous.strip() or previous.startswith("#"):
            points.append(line)
            lead = ""
        else:
            points[-1] += " " + line.strip()
        if points and points[-1].rstrip().endswith(":") and not re.match(r"^\s*(?:[-*]|\d+\.)\s", points[-1]):
            lead = points[-1]
        previous = line
    return points


def test_every_slide_claim_shows_its_timestamp_or_its_origin(nb):
    """A claim from the source shows its timestamp; anything else says it is the kit's own or names its work."""
    from careerkit.content import origins

    markers = {o.marker for o in origins().values()} | {o.title for o in origins().values() if o.title}
    for cell in nb.cells:
        if cell.cell_type != "markdown" or cell.metadata["slideshow"]["slide_type"] == "notes":
            continue
        if cell.source.startswith(ABOUT_THE_KIT) or cell.source.startswith("# ") or EXERCISE_META(cell):
            continue
        for claim in _claims(cell):
            assert STAMP.search(claim) or any(m in claim for m in markers), f"{nb.metadata[META_KEY]['title']}: {claim}"


def EXERCISE_META(cell) -> bool:
    return "exercise" in cell.metadata.get(META_KEY, {})


def test_every_exercise_names_its_origin_when_it_is_not_the_source_s(nb):
    from careerkit.content import cite_text, origins

    for cell in nb.cells:
        if EXERCISE_META(cell):
            meta = cell.metadata[META_KEY]
            assert STAMP.fullmatch(meta["timestamp"])
            if "origin" in meta:
                assert meta["origin"] in origins()
                assert cite_text(meta["timestamp"], meta["origin"]) in cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebooks_are_stored_clean(path):
    text = path.read_text()
    nb = json.loads(text)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    assert "widgets" not in nb["metadata"]
    assert not ABSOLUTE_PATH.search(text)
