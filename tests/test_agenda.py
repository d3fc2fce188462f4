"""Runs of show a facilitator can trust: minutes add up, every module is where it should be, one source of timing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careerkit.build import agenda
from careerkit.cli import app
from careerkit.content import _load_cached
from careerkit.errors import AgendaError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
AGENDAS = ROOT / "workshop" / "agendas"


def notebook_facts() -> dict[str, dict]:
    """Each module notebook's minutes, read straight from its JSON (independently of careerkit.build.agenda)."""
    facts = {}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        meta = nb["metadata"].get("careerkit")
        if meta:
            exercises = {c["metadata"]["careerkit"]["exercise"]: c["metadata"]["careerkit"]["minutes"]
                         for c in nb["cells"] if "exercise" in c["metadata"].get("careerkit", {})}
            facts[path.stem] = {"teaching": meta["teaching"], "declared": meta["exercises"], "exercises": exercises}
    return facts


@pytest.fixture(scope="module")
def agendas():
    return {a.format.id: a for a in agenda.build_agendas()}


def test_there_are_three_formats_90_minutes_half_day_full_day(agendas):
    assert {a.format.minutes for a in agendas.values()} >= {90, 240}
    assert list(agendas) == ["90_minutes", "half_day", "full_day"]
    assert agendas["full_day"].format.minutes >= 360


@pytest.mark.parametrize("name", ["90_minutes", "half_day", "full_day"])
def test_the_minutes_add_up_to_the_format_and_follow_each_other(agendas, name):
    run = agendas[name]
    assert sum(slot.minutes for slot in run.slots) == run.format.minutes == run.total
    for before, after in zip(run.slots, run.slots[1:], strict=False):
        assert after.start == before.start + before.minutes
    assert run.clock(run.total) == run.clock(run.format.minutes)
    closing = [s for s in run.slots if s.kind == "close"]
    assert all(s.minutes <= 30 for s in closing), "a long empty close: give the format more content"
    assert run.notes == [], run.notes  # every declared module exists, every break fits


@pytest.mark.parametrize("name", ["90_minutes", "half_day", "full_day"])
def test_each_module_takes_exactly_its_notebook_minutes(agendas, name):
    facts = notebook_facts()
    for slot in agendas[name].slots:
        if slot.kind != "module":
            continue
        fact = facts[slot.module.stem]
        chosen = {e.key for e in slot.exercises}
        activities = 0 if fact["exercises"] else fact["declared"]
        assert slot.minutes == fact["teaching"] + activities + sum(fact["exercises"][k] for k in chosen)
        assert [e.minutes for e in slot.exercises] == [fact["exercises"][e.key] for e in slot.exercises]


def test_every_module_in_the_notebooks_appears_where_it_should(agendas):
    facts = notebook_facts()
    full = [s for s in agendas["full_day"].slots if s.kind == "module"]
    assert [s.module.stem for s in full] == list(facts)  # the full day: every module, in teaching order
    for slot in full:
        assert [e.key for e in slot.exercises] == list(facts[slot.module.stem]["exercises"])  # ... every exercise
    for name in ("90_minutes", "half_day"):
        fmt = agendas[name].format
        stems = [s.module.stem for s in agendas[name].slots if s.kind == "module"]
        assert stems == fmt.modules
        for slot in agendas[name].slots:
            if slot.kind == "module" and slot.module.stem in fmt.exercises:
                assert [e.key for e in slot.exercises] == [
                    k for k in facts[slot.module.stem]["exercises"] if k in fmt.exercises[slot.module.stem]]
                assert {e.key for e in slot.left_out} == set(facts[slot.module.stem]["exercises"]) - set(
                    fmt.exercises[slot.module.stem])


TAKEAWAYS = {"[00:08:11]", "[00:09:28]", "[00:24:04]", "[01:21:38]", "[00:57:30]", "[00:46:16]", "[01:06:05]"}


def test_a_short_format_says_plainly_which_takeaways_and_modules_it_leaves_out(agendas):
    taster = agendas["90_minutes"].markdown()
    assert "**What this format leaves out.**" in taster
    said = taster.split("**What this format leaves out.**")[1].split("\n")[0]
    assert TAKEAWAYS <= {stamp for stamp in TAKEAWAYS if stamp in said}, "every key takeaway is accounted for"
    assert "## Not in this format (self-study)" in taster
    for stem in ("02_lanes", "04_act3", "05_my_plan"):
        assert f"`notebooks/{stem}.ipynb`" in taster.split("## Not in this format")[1]
    assert "## Not in this format" not in agendas["full_day"].markdown()


def test_the_committed_agendas_are_up_to_date(agendas):
    for name, run in agendas.items():
        path = AGENDAS / f"{name}.md"
        assert path.read_text(encoding="utf-8") == run.markdown(), f"{path} is stale: run `careerkit agenda`"


def test_timing_lives_in_the_notebooks_only(tmp_path):
    """Lengthening an exercise in its notebook changes the agendas that hold it, and only those."""
    folder = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, folder)
    path = folder / "01_versioning.ipynb"
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["metadata"].get("careerkit", {}).get("exercise") == "versioning.ex_growth":
            cell["metadata"]["careerkit"]["minutes"] += 5
    nb["metadata"]["careerkit"]["exercises"] += 5
    path.write_text(json.dumps(nb))
    before = {a.format.id: a for a in agenda.build_agendas()}
    after = {a.format.id: a for a in agenda.build_agendas(folder=folder)}
    for name in ("90_minutes", "half_day", "full_day"):
        module = next(s for s in after[name].slots if s.kind == "module" and s.module.stem == "01_versioning")
        old = next(s for s in before[name].slots if s.kind == "module" and s.module.stem == "01_versioning")
        held = "versioning.ex_growth" in {e.key for e in old.exercises}
        assert held == (name == "full_day")
        assert module.minutes == old.minutes + (5 if held else 0)
        assert after[name].total == after[name].format.minutes
    assert "minutes = " not in "".join(
        line for line in (ROOT / "src/careerkit/content/agendas.toml").read_text().splitlines()
        if "exercise" in line and not line.lstrip().startswith("#"))


def test_metadata_that_does_not_add_up_is_a_sentence(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = json.loads((NOTEBOOKS / "01_versioning.ipynb").read_text())
    nb["metadata"]["careerkit"]["exercises"] = 999
    (folder / "01_versioning.ipynb").write_text(json.dumps(nb))
    with pytest.raises(AgendaError, match=r"says its exercises take 999 min, but its exercise cells add up to \d+ min"):
        agenda.discover_modules(folder)


def override(tmp_path, monkeypatch, text: str) -> None:
    (tmp_path / "agendas.toml").write_text(text)
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    _load_cached.cache_clear()


TOO_LONG = """
schema_version = 1
[[formats]]
origin = "kit"
id = "tiny"
title = "Tiny"
minutes = 30
start = "09:00"
modules = ["00_welcome", "01_versioning"]
"""


def test_a_format_that_does_not_fit_says_by_how_much(tmp_path, monkeypatch):
    override(tmp_path, monkeypatch, TOO_LONG)
    with pytest.raises(AgendaError, match=r"has 30 min but its modules and breaks need \d+ min \(\d+ min too many\)"):
        agenda.build_agendas()
    override(tmp_path, monkeypatch, TOO_LONG + '[formats.exercises]\n"01_versioning" = ["versioning.nope"]\n')
    with pytest.raises(AgendaError, match="lists versioning.nope, which 01_versioning does not have"):
        agenda.build_agendas()
    _load_cached.cache_clear()


def test_careerkit_agenda_prints_and_writes_the_markdown(tmp_path):
    result = CliRunner().invoke(app, ["agenda", "half_day", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "# Run of show: Half day" in result.output and "| 13:00 | **240** | **End** |" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["half_day.md"]
    unknown = CliRunner().invoke(app, ["agenda", "two_weeks", "--out", str(tmp_path)])
    assert unknown.exit_code == 1 and "There is no agenda format two_weeks" in unknown.output
