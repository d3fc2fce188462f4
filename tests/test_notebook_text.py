"""A coach edits a notebook as MyST text: the text round-trips through Jupytext, and each .ipynb says what its .md says."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

from careerkit.build.notebook_text import (
    LANGUAGE_INFO,
    TEXT_FORMAT,
    Pair,
    config_for,
    notebook_differences,
    pair_differences,
    pairs,
    read_source,
    to_text,
    write_ipynb,
)

ROOT = Path(__file__).resolve().parents[1]
PAIRS = pairs(ROOT)
IDS = [f"{p.md.parent.name}/{p.md.stem}" for p in PAIRS]
KEPT_CELL_KEYS = {"slideshow", "tags", "jupyter", "careerkit"}


def sync(*sources: Path) -> None:
    """What `make notebooks` does: each .ipynb written from its .md, cell ids kept."""
    for source in sources:
        write_ipynb(Pair(source, source.with_suffix(".ipynb")))


def test_every_module_and_workshop_notebook_is_paired_with_a_text_source():
    notebooks = [*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "notebooks" / "es").glob("*.ipynb")]
    assert {p.ipynb for p in PAIRS} == {*notebooks, *(ROOT / "workshop").glob("*.ipynb")}
    assert all(p.md.is_file() for p in PAIRS)


@pytest.mark.parametrize("pair", PAIRS, ids=IDS)
def test_text_to_notebook_to_text_loses_nothing(pair):
    """Byte for byte, so saving the .md from JupyterLab (Jupytext writes it) leaves a coach's file as it was."""
    text = pair.md.read_text(encoding="utf-8")
    config = config_for(pair.md)
    assert to_text(jupytext.reads(text, fmt=TEXT_FORMAT, config=config), config) == text


@pytest.mark.parametrize("pair", PAIRS, ids=IDS)
def test_notebook_to_text_to_notebook_loses_nothing(pair):
    notebook = jupytext.read(pair.ipynb)
    config = config_for(pair.md)
    back = jupytext.reads(to_text(notebook, config), fmt=TEXT_FORMAT, config=config)
    assert notebook_differences(back, notebook, config) == []


@pytest.mark.parametrize("pair", PAIRS, ids=IDS)
def test_each_ipynb_says_what_its_md_says(pair):
    assert pair_differences(pair) == [], f"run `make notebooks` ({pair.md.name} is the source)"


@pytest.mark.parametrize("pair", PAIRS, ids=IDS)
def test_the_ipynb_holds_no_cell_metadata_the_text_would_drop(pair):
    """The allow-list keeps slide types and tags (jupytext issue 1024): nothing stored is outside it."""
    for cell in json.loads(pair.ipynb.read_text(encoding="utf-8"))["cells"]:
        assert set(cell["metadata"]) <= KEPT_CELL_KEYS, cell["source"][:2]
        assert "slideshow" in cell["metadata"]


def test_the_allow_lists_are_explicit_in_both_folders():
    for folder in ("notebooks", "workshop"):
        config = config_for(ROOT / folder / "x.md")
        assert config.formats == ["ipynb,md:myst"]
        assert set(config.cell_metadata_filter.split(",")) == KEPT_CELL_KEYS | {"-all"}
        assert set(config.notebook_metadata_filter.split(",")) == {"careerkit", "kernelspec", "celltoolbar", "-all"}


@pytest.fixture
def copy(tmp_path) -> Pair:
    """03_feedback as a coach has it in a checkout: its .md, its .ipynb and the folder's jupytext.toml."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("03_feedback.md", "03_feedback.ipynb", "jupytext.toml"):
        shutil.copy(ROOT / "notebooks" / name, folder / name)
    return Pair(folder / "03_feedback.md", folder / "03_feedback.ipynb")


def test_a_prompt_changed_in_the_md_is_reported_until_make_notebooks_writes_the_ipynb(copy):
    text = copy.md.read_text(encoding="utf-8")
    copy.md.write_text(text.replace("*Time box: 10 min · Source: [00:30:41]*", "*Time box: 8 min · Source: [00:30:41]*"),
                       encoding="utf-8")
    differences = pair_differences(copy)
    assert len(differences) == 1 and differences[0].startswith("cell ") and "Time box: 8 min" in differences[0]

    before = json.loads(copy.ipynb.read_text(encoding="utf-8"))
    sync(copy.md)
    after = json.loads(copy.ipynb.read_text(encoding="utf-8"))
    assert pair_differences(copy) == []
    assert [c["id"] for c in after["cells"]] == [c["id"] for c in before["cells"]]
    assert after["metadata"] == before["metadata"]  # language_info, which the text does not hold, is kept
    assert all(c["outputs"] == [] for c in after["cells"] if c["cell_type"] == "code")


def test_a_tag_or_slide_type_changed_in_the_md_is_reported(copy):
    text = copy.md.read_text(encoding="utf-8")
    copy.md.write_text(text.replace("tags: [hide-input, exercise]", "tags: [exercise]", 1), encoding="utf-8")
    assert any("metadata" in d and "hide-input" in d for d in pair_differences(copy))
    copy.md.write_text(text.replace('+++ {"slideshow": {"slide_type": "slide"}}', '+++ {"slideshow": {"slide_type": "subslide"}}', 1),
                       encoding="utf-8")
    assert any("subslide" in d for d in pair_differences(copy))


def test_a_cell_added_in_the_md_reaches_the_ipynb(copy):
    text = copy.md.read_text(encoding="utf-8")
    copy.md.write_text(text + '\n+++ {"slideshow": {"slide_type": "slide"}}\n\n## A coach\'s own example\n', encoding="utf-8")
    assert "cells" in pair_differences(copy)[0]
    sync(copy.md)
    assert pair_differences(copy) == []
    assert read_source(copy.md).cells[-1].metadata == {"slideshow": {"slide_type": "slide"}}


def test_a_new_module_written_as_text_alone_gets_its_ipynb(copy):
    copy.ipynb.unlink()
    sync(copy.md)
    assert pair_differences(copy) == []
    stored = json.loads(copy.ipynb.read_text(encoding="utf-8"))
    assert stored["metadata"]["language_info"] == LANGUAGE_INFO and "jupytext" not in stored["metadata"]
    assert len({c["id"] for c in stored["cells"]}) == len(stored["cells"])


@pytest.mark.parametrize("pair", PAIRS, ids=IDS)
def test_each_ipynb_stores_the_kernels_lexer_so_a_learners_save_writes_the_same_md(pair):
    metadata = json.loads(pair.ipynb.read_text(encoding="utf-8"))["metadata"]
    assert metadata["language_info"] == LANGUAGE_INFO and "jupytext" not in metadata


def test_make_notebooks_finds_every_ipynb_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "sync_notebooks.py")], capture_output=True, text=True)
    assert result.returncode == 0 and "Wrote" not in result.stdout, result.stdout + result.stderr


def test_the_conversion_script_finds_every_md_up_to_date():
    """tools/to_myst.py (ipynb -> md, for notebooks changed as .ipynb) would write nothing: it is re-runnable."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "to_myst.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
