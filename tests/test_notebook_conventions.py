"""Every module notebook follows the conventions slides, handouts and agendas rely on.

The conventions are checked on the source a coach edits, ``notebooks/NN_name.md`` (MyST), as Jupytext reads
it, and on every translation (``notebooks/es/NN_name.md``) in its own words; tests/test_notebook_text.py checks
that each .ipynb says the same. The exercise pattern is described in facilitator_guide/editing_notebooks.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from careerkit.build.notebook_text import read_source
from careerkit.constants import EXERCISE, FACILITATOR, HIDE_INPUT, META_KEY

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"en": ROOT / "notebooks", "es": ROOT / "notebooks" / "es"}
SOURCES = [(lang, md) for lang, folder in FOLDERS.items() for md in sorted(folder.glob("[0-9][0-9]_*.md"))]
NOTEBOOKS = [p for folder in FOLDERS.values() for p in sorted(folder.glob("*.ipynb"))]
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}
ABSOLUTE_PATH = re.compile(r'"/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/')
# The words of the conventions in each language: the time box of an exercise's prompt, and the slides about the
# kit itself (how it saves, who sees what, the module list), which make no claim about careers.
TIME_BOX = {"en": "Time box", "es": "Tiempo"}
ABOUT_THE_KIT = {
    "en": ("## How the kit works", "## Choose your name", "## Where your answers live", "## Sharing with the group",
           "## Join the room", "## The modules"),
    "es": ("## Cómo funciona el kit", "## Elige tu nombre", "## Dónde se guardan tus respuestas",
           "## Compartir con el grupo", "## Unirte a la sala", "## Los módulos"),
}


def _id(source) -> str:
    lang, path = source
    return path.stem if lang == "en" else f"{lang}/{path.stem}"


@pytest.fixture(params=SOURCES, ids=[_id(s) for s in SOURCES])
def source(request, monkeypatch):
    """(language, notebook): cite texts and origin markers are read in the notebook's language."""
    lang, path = request.param
    monkeypatch.setenv("CAREERKIT_LANG", lang)
    return lang, read_source(path)


@pytest.fixture
def nb(source):
    return source[1]


def test_every_module_notebook_has_its_source_text():
    for folder in FOLDERS.values():
        assert [p.stem for p in sorted(folder.glob("[0-9][0-9]_*.md"))] == [p.stem for p in sorted(folder.glob("*.ipynb"))]


def test_every_module_notebook_is_translated():
    english = [p.name for p in sorted(FOLDERS["en"].glob("[0-9][0-9]_*.md"))]
    assert [p.name for p in sorted(FOLDERS["es"].glob("[0-9][0-9]_*.md"))] == english


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


def test_each_exercise_is_preceded_by_its_prompt_time_box_and_timestamp(source):
    lang, nb = source
    for index, cell in enumerate(nb.cells):
        if EXERCISE in cell.metadata.get("tags", []):
            prompt = nb.cells[index - 1]
            assert prompt.cell_type == "markdown"
            assert re.search(rf"{TIME_BOX[lang]}: \d+ min", prompt.source), prompt.source[:80]
            assert re.search(r"\[\d{2}:\d{2}:\d{2}\]", prompt.source), prompt.source[:80]


ONE_CALL = re.compile(r'ck\.show\("([a-z0-9_]+\.[a-z0-9_]+)"\)')


def test_each_exercise_prompt_and_its_one_call_cell_agree(source):
    """The pattern a coach types: the prompt's facts (key, minutes, timestamp) match its text and the call below it."""
    lang, nb = source
    for index, cell in enumerate(nb.cells):
        if not EXERCISE_META(cell):
            continue
        meta = cell.metadata[META_KEY]
        assert cell.cell_type == "markdown" and cell.source.startswith("### "), cell.source[:60]
        assert f"*{TIME_BOX[lang]}: {meta['minutes']} min · " in cell.source, cell.source[:120]
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


def test_every_slide_claim_shows_its_timestamp_or_its_origin(source):
    """A claim from the source shows its timestamp; anything else says it is the kit's own or names its work."""
    from careerkit.content import origins

    lang, nb = source
    markers = {o.marker for o in origins().values()} | {o.title for o in origins().values() if o.title}
    for cell in nb.cells:
        if cell.cell_type != "markdown" or cell.metadata["slideshow"]["slide_type"] == "notes":
            continue
        if cell.source.startswith(ABOUT_THE_KIT[lang]) or cell.source.startswith("# ") or EXERCISE_META(cell):
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT / "notebooks").with_suffix("")) for p in NOTEBOOKS])
def test_notebooks_are_stored_clean(path):
    text = path.read_text()
    nb = json.loads(text)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    assert "widgets" not in nb["metadata"]
    assert not ABSOLUTE_PATH.search(text)


def _shape(cell) -> tuple:
    """What a translation must keep of a cell: its kind, slide type, tags, collapsed input and exercise facts."""
    meta = cell.metadata
    return (cell.cell_type, meta.get("slideshow", {}).get("slide_type"), tuple(meta.get("tags", [])),
            meta.get("jupyter", {}).get("source_hidden", False), json.dumps(meta.get(META_KEY, {}), sort_keys=True))


START = re.compile(r"""ck\.start\(('|")[^'"]+\1(?:, lang=('|")(\w+)\2)?\)""")


@pytest.mark.parametrize("path", [p for lang, p in SOURCES if lang != "en"], ids=lambda p: p.stem)
def test_a_translation_keeps_every_cell_of_the_english_notebook(path):
    """Same cells, slides, tags, exercise facts and code as the English notebook; only the words differ. Its first
    code cell says its language, so its exercises speak it whatever CAREERKIT_LANG says."""
    lang = path.parent.name
    english, translated = read_source(FOLDERS["en"] / path.name), read_source(path)
    assert [_shape(c) for c in translated.cells] == [_shape(c) for c in english.cells]
    for mine, theirs in zip(translated.cells, english.cells, strict=True):
        if mine.cell_type != "code":
            continue
        start = START.search(mine.source)
        if start:
            assert start.group(3) == lang, mine.source
            assert START.sub("", mine.source) == START.sub("", theirs.source)
        else:
            assert mine.source == theirs.source
    ours, theirs = translated.metadata[META_KEY], english.metadata[META_KEY]
    assert ours.get("lang") == lang
    assert (ours["teaching"], ours["exercises"]) == (theirs["teaching"], theirs["exercises"])
    assert len(ours["objectives"]) == len(theirs["objectives"]) and len(ours["keypoints"]) == len(theirs["keypoints"])
    assert ours["title"] != theirs["title"]
