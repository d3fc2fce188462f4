"""A rebuild keeps what has not changed, and never serves what has.

A facilitator builds, edits a prompt, builds again: only that module's deck is made again, and its cells
are not run again. A changed code cell, content file, kit file or option is built afresh; a deck deleted
or edited by hand is made again. Tiny notebooks count their own executions in a file beside the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

import careerkit
from careerkit.build import build
from careerkit.build.cache import CACHE_DIR
from careerkit.constants import ENV_CONTENT
from test_build import canonical_deck, code, make_notebook, md

pytestmark = [pytest.mark.notebook, pytest.mark.timeout(300)]
ROOT = Path(__file__).resolve().parents[1]


class Workshop:
    """A notebooks folder holding one tiny module whose code cell counts its runs, and a build folder."""

    def __init__(self, tmp_path: Path, prompt: str = "Name one thing you learned.", answer: str = "seven"):
        self.folder = tmp_path / "notebooks"
        self.folder.mkdir()
        self.output = tmp_path / "build"
        self.runs = tmp_path / "runs.txt"
        self.write(prompt, answer)

    def write(self, prompt: str, answer: str) -> None:
        counting = f"open({str(self.runs)!r}, 'a').write('run\\n')\nprint({answer!r})"
        nb = make_notebook(md(f"# Tiny\n\n{prompt}"), code(counting))
        nbformat.write(nb, self.folder / "07_tiny.ipynb")

    def build(self, **options):
        return build(self.output, notebooks=self.folder, pdf=False, progress=False, **options)

    @property
    def executions(self) -> int:
        return len(self.runs.read_text().splitlines()) if self.runs.exists() else 0

    @property
    def deck(self) -> Path:
        return self.output / "07_tiny.slides.html"


def test_a_rebuild_with_nothing_changed_runs_nothing_and_keeps_every_file(tmp_path):
    shop = Workshop(tmp_path)
    first = shop.build()
    made = {p: p.stat().st_mtime_ns for p in first.decks + first.handouts}
    again = shop.build()
    assert shop.executions == 1
    assert again.reused == ["07_tiny"]
    assert {p: p.stat().st_mtime_ns for p in again.decks + again.handouts} == made
    assert "1 module unchanged since the last build, kept as it was" in again.summary()


def test_an_edited_prompt_is_in_the_new_deck_and_the_cells_are_not_run_again(tmp_path):
    shop = Workshop(tmp_path)
    shop.build()
    shop.write("Name two things you learned.", "seven")
    result = shop.build()
    assert result.reused == []
    assert shop.executions == 1  # the outputs of the last run were put into the edited notebook
    deck = shop.deck.read_text(encoding="utf-8")
    assert "Name two things you learned." in deck and "Name one thing" not in deck
    assert "seven" in deck


def test_a_changed_code_cell_runs_again_and_shows_its_new_output(tmp_path):
    shop = Workshop(tmp_path)
    shop.build()
    shop.write("Name one thing you learned.", "eleven")
    shop.build()
    assert shop.executions == 2
    deck = shop.deck.read_text(encoding="utf-8")
    assert "eleven" in deck and "seven" not in deck


def test_a_changed_content_file_runs_the_module_again(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    (content / "lanes.toml").write_text((ROOT / "src/careerkit/modules/lanes/content.toml").read_text(encoding="utf-8"))
    monkeypatch.setenv(ENV_CONTENT, str(content))
    shop = Workshop(tmp_path)
    shop.build()
    with (content / "lanes.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n# a facilitator's note\n")
    result = shop.build()
    assert result.reused == [] and shop.executions == 2


def test_a_new_kit_version_runs_every_module_again(tmp_path, monkeypatch):
    shop = Workshop(tmp_path)
    shop.build()
    monkeypatch.setattr(careerkit, "__version__", careerkit.__version__ + ".post1")
    shop.build()
    assert shop.executions == 2


def test_a_new_option_makes_its_file_without_running_the_cells_again(tmp_path):
    shop = Workshop(tmp_path)
    shop.build()
    result = shop.build(single_file=True)
    assert result.reused == [] and shop.executions == 1
    assert [p.name for p in result.single_files] == ["07_tiny.slides.html"]
    assert shop.build(single_file=True).reused == ["07_tiny"]


@pytest.mark.parametrize("damage", ["deleted", "edited"])
def test_a_deck_deleted_or_edited_by_hand_is_made_again(tmp_path, damage):
    shop = Workshop(tmp_path)
    shop.build()
    original = shop.deck.read_bytes()
    if damage == "deleted":
        shop.deck.unlink()
    else:
        shop.deck.write_bytes(original.replace(b"Name one thing", b"Name no thing"))
    result = shop.build()
    assert result.reused == []
    assert b"Name one thing" in shop.deck.read_bytes() and b"Name no thing" not in shop.deck.read_bytes()


def test_a_damaged_manifest_means_a_full_build_not_a_failure(tmp_path):
    shop = Workshop(tmp_path)
    shop.build()
    (shop.output / CACHE_DIR / "manifest.json").write_text("{not json", encoding="utf-8")
    result = shop.build()
    assert result.reused == [] and shop.executions == 2
    assert json.loads((shop.output / CACHE_DIR / "manifest.json").read_text())["format"] == 1


@pytest.mark.timeout(600)
def test_a_module_whose_prompt_changed_matches_one_built_from_scratch(tmp_path):
    """The replayed outputs and widget state of a real module make the same deck as executing it afresh."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    source = ROOT / "notebooks" / "01_versioning.ipynb"
    (folder / source.name).write_bytes(source.read_bytes())
    build(tmp_path / "kept", notebooks=folder, pdf=False, progress=False)
    nb = nbformat.read(folder / source.name, as_version=4)
    prompt = next(c for c in nb.cells if c.cell_type == "markdown" and "end state" in c.source)
    prompt.source += "\n\nA sentence the facilitator added."
    nbformat.write(nb, folder / source.name)
    replayed = build(tmp_path / "kept", notebooks=folder, pdf=False, progress=False)
    fresh = build(tmp_path / "fresh", notebooks=folder, pdf=False, progress=False)
    assert replayed.reused == [] and fresh.reused == []
    kept_text, kept_models = canonical_deck(tmp_path / "kept" / "01_versioning.slides.html")
    fresh_text, fresh_models = canonical_deck(tmp_path / "fresh" / "01_versioning.slides.html")
    assert "A sentence the facilitator added." in kept_text
    assert kept_models == fresh_models
    assert kept_text == fresh_text
