"""Content is data: every shipped file loads, a facilitator can override one, and every citation is real."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

import pytest

from careerkit.content import KIT, cite_text, demo_answers, load_content, origins, read_text, shipped_content_names
from careerkit.errors import ContentError
from careerkit.modules.versioning.domain import VersioningContent

ROOT = Path(__file__).resolve().parents[1]
SOURCE = (ROOT / "docs" / "source" / "career-development-and-planning.md").read_text()
SOURCE_STAMPS = set(re.findall(r"\[\d{2}:\d{2}:\d{2}\]", SOURCE))
STAMP = re.compile(r"\[\d{2}:\d{2}:\d{2}\]")


def cited_files() -> list[Path]:
    package = ROOT / "src" / "careerkit"
    return sorted([*(package / "content").glob("*.toml"), *package.glob("modules/*/content.toml"),
                   *package.glob("modules/*/*.json"), *(ROOT / "notebooks").glob("*.ipynb"),
                   *(ROOT / "facilitator_guide").glob("*.md")])


# content files read by a tool rather than by a domain module of the same name
LOADERS = {"agendas": lambda: importlib.import_module("careerkit.build.agenda").formats(), "origins": origins}
# content files whose items are read through a model, by file name (origins.toml is the list of origins itself)
ITEM_FILES = [name for name in shipped_content_names() if name != "origins"]


@pytest.mark.parametrize("name", shipped_content_names())
def test_every_shipped_content_file_validates(name):
    if name in LOADERS:
        assert LOADERS[name]()
        return
    module = importlib.import_module(f"careerkit.modules.{name}.domain")
    assert module.content() is not None


@pytest.mark.parametrize("path", cited_files(), ids=lambda p: p.name)
def test_every_cited_timestamp_exists_in_the_source(path):
    cited = set(STAMP.findall(path.read_text(encoding="utf-8")))
    assert cited <= SOURCE_STAMPS, f"{path.name} cites timestamps not in the source: {sorted(cited - SOURCE_STAMPS)}"


def test_demo_answers_cover_module_one():
    answers = demo_answers()
    assert {"versioning.end_state", "versioning.roadmap", "versioning.ex_growth"} <= answers.keys()


def test_a_facilitator_override_wins_over_the_shipped_file(tmp_path, monkeypatch):
    shipped = (ROOT / "src" / "careerkit" / "modules" / "versioning" / "content.toml").read_text()
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
    shipped = (ROOT / "src" / "careerkit" / "modules" / "versioning" / "content.toml").read_text()
    (tmp_path / "versioning.toml").write_text(shipped.replace('"[00:12:02]"', '"12 minutes in"', 1))
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    with pytest.raises(ContentError, match="should look like"):
        load_content("versioning", VersioningContent)


def _tables(node, path="", inherited=False):
    """Every table of a content file (root excepted), with whether it or a table around it says where from."""
    if isinstance(node, dict):
        here = inherited or "timestamp" in node or "origin" in node
        if path:
            yield path, node, here
        for key, value in node.items():
            yield from _tables(value, f"{path}.{key}" if path else key, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _tables(value, f"{path}[{index}]", inherited)


@pytest.mark.parametrize("name", ITEM_FILES)
def test_every_content_item_has_a_timestamp_or_an_origin(name):
    data = tomllib.loads(read_text(f"{name}.toml"))
    silent = [path for path, _table, says in _tables(data) if not says]
    assert not silent, f"{name}.toml: these items say neither a source timestamp nor an origin: {silent}"
    named = {table["origin"] for _path, table, _says in _tables(data) if "origin" in table}
    assert named <= set(origins()), f"{name}.toml names unknown origins: {sorted(named - set(origins()))}"


def test_a_content_item_with_neither_timestamp_nor_origin_is_refused(tmp_path, monkeypatch):
    shipped = (ROOT / "src" / "careerkit" / "modules" / "versioning" / "content.toml").read_text()
    (tmp_path / "versioning.toml").write_text(shipped.replace('timestamp = "[00:12:02]"\n', "", 1))
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    with pytest.raises(ContentError, match="say where this comes from") as err:
        load_content("versioning", VersioningContent)
    assert "stages.0" in str(err.value)


def test_an_origin_that_is_not_listed_is_refused(tmp_path, monkeypatch):
    shipped = (ROOT / "src" / "careerkit" / "modules" / "versioning" / "content.toml").read_text()
    (tmp_path / "versioning.toml").write_text(shipped.replace('origin = "designing_your_life"', 'origin = "a blog"', 1))
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    with pytest.raises(ContentError, match="not in origins.toml"):
        load_content("versioning", VersioningContent)


def test_every_origin_marker_for_outside_work_names_the_work():
    outside = [o for o in origins().values() if o.id != KIT]
    assert {o.title for o in outside} >= {"Designing Your Life", "Thanks for the Feedback"}
    for origin in outside:
        assert origin.title in cite_text(None, origin.id) and origin.title in cite_text("[00:25:01]", origin.id)
        assert origin.title in origin.work
    assert cite_text(None, KIT) == "(kit's own)"
    assert cite_text("[00:41:51]", KIT) == "(kit's own, building on [00:41:51])"
    assert cite_text("[00:41:51]", None) == "[00:41:51]"


def test_an_origin_marker_that_drops_the_work_is_refused(tmp_path, monkeypatch):
    shipped = (ROOT / "src" / "careerkit" / "content" / "origins.toml").read_text()
    (tmp_path / "origins.toml").write_text(shipped.replace('marker = "Designing Your Life"', 'marker = "a book"'))
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    with pytest.raises(ContentError, match="must name the work"):
        origins()


@pytest.mark.parametrize("name", ITEM_FILES)
def test_every_outside_source_note_names_its_work(name):
    """The notes printed beside borrowed exercises (dials_source, ...) name the work they borrow from."""
    data = tomllib.loads(read_text(f"{name}.toml"))
    for path, table, _says in _tables(data):
        origin = origins().get(table.get("origin", KIT))
        if path.endswith("_source") and origin.id != KIT:
            assert origin.title in table["label"], f"{name}.toml {path} does not name {origin.title!r}"
