"""Content is data: every shipped file loads, a facilitator can override one, and every citation is real."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from careerkit.content import demo_answers, load_content, shipped_content_names
from careerkit.errors import ContentError
from careerkit.versioning import VersioningContent

ROOT = Path(__file__).resolve().parents[1]
SOURCE = (ROOT / "docs" / "source" / "career-development-and-planning.md").read_text()
SOURCE_STAMPS = set(re.findall(r"\[\d{2}:\d{2}:\d{2}\]", SOURCE))
STAMP = re.compile(r"\[\d{2}:\d{2}:\d{2}\]")


def cited_files() -> list[Path]:
    content = ROOT / "src" / "careerkit" / "content"
    return sorted([*content.glob("*.toml"), *content.glob("demo/*.json"), *(ROOT / "notebooks").glob("*.ipynb"),
                   *(ROOT / "facilitator_guide").glob("*.md")])


# content files read by a tool rather than by a domain module of the same name
LOADERS = {"agendas": lambda: importlib.import_module("careerkit.agenda").formats()}


@pytest.mark.parametrize("name", shipped_content_names())
def test_every_shipped_content_file_validates(name):
    if name in LOADERS:
        assert LOADERS[name]()
        return
    module = importlib.import_module(f"careerkit.{name}")
    assert module.content() is not None


@pytest.mark.parametrize("path", cited_files(), ids=lambda p: p.name)
def test_every_cited_timestamp_exists_in_the_source(path):
    cited = set(STAMP.findall(path.read_text(encoding="utf-8")))
    assert cited <= SOURCE_STAMPS, f"{path.name} cites timestamps not in the source: {sorted(cited - SOURCE_STAMPS)}"


def test_demo_answers_cover_module_one():
    answers = demo_answers()
    assert {"versioning.end_state", "versioning.roadmap", "versioning.ex_growth"} <= answers.keys()


def test_a_facilitator_override_wins_over_the_shipped_file(tmp_path, monkeypatch):
    shipped = (ROOT / "src" / "careerkit" / "content" / "versioning.toml").read_text()
    (tmp_path / "versioning.toml").write_text(shipped.replace('label = "Consumer"', 'label = "Verbraucher"'))
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    content = load_content("versioning", VersioningContent)
    assert [m.label for m in content.markets][0] == "Verbraucher"


def test_a_broken_override_names_the_file_and_the_problem(tmp_path, monkeypatch):
    (tmp_path / "versioning.toml").write_text("schema_version = 1\n[[stages]]\nid = 'Bad Id'\n")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    with pytest.raises(ContentError) as err:
        load_content("versioning", VersioningContent)
    assert "versioning.toml" in str(err.value) and "stages" in str(err.value)


def test_invalid_toml_is_reported_as_such(tmp_path, monkeypatch):
    (tmp_path / "versioning.toml").write_text("schema_version = = 1")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    with pytest.raises(ContentError, match="not valid TOML"):
        load_content("versioning", VersioningContent)


def test_a_bad_timestamp_is_refused(tmp_path, monkeypatch):
    shipped = (ROOT / "src" / "careerkit" / "content" / "versioning.toml").read_text()
    (tmp_path / "versioning.toml").write_text(shipped.replace('"[00:12:02]"', '"12 minutes in"', 1))
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    with pytest.raises(ContentError, match="should look like"):
        load_content("versioning", VersioningContent)
