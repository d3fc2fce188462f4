"""The facilitator guide: a page per module with the sections a facilitator looks for, timings that agree with
the notebooks, the pages for running a group, and handouts that carry nothing meant for the facilitator only."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from careerkit.build.agenda import discover_modules
from careerkit.build.preprocessors import is_facilitator, is_notes

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "facilitator_guide"
MODULES = discover_modules(ROOT / "notebooks")
SECTIONS = ["Preparation", "Timing", "Talking points", "Debrief questions", "Common pitfalls", "Variations"]
EXTRA_SECTIONS = {"feedback": ["Pair drill"]}  # module 03 runs the repeat-back drill in pairs
TIMESTAMP = re.compile(r"\[\d{2}:\d{2}:\d{2}\]")
EXERCISE_ROW = re.compile(r"^\|\s*\**Exercise (\d+)\b")


def sections(text: str) -> dict[str, str]:
    """``## Heading`` -> the text under it, up to the next ``##`` heading."""
    parts = re.split(r"^## +(.+?)\s*$", text, flags=re.MULTILINE)
    return {title.strip(): body.strip() for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def module_ids(modules=MODULES):
    return [m.stem for m in modules]


@pytest.mark.parametrize("module", MODULES, ids=module_ids())
def test_each_module_has_its_page_with_the_sections(module):
    page = GUIDE / f"{module.stem}.md"
    assert page.is_file(), f"notebooks/{module.stem}.ipynb has no facilitator_guide/{module.stem}.md"
    found = sections(page.read_text(encoding="utf-8"))
    for title in SECTIONS + EXTRA_SECTIONS.get(module.name, []):
        assert title in found, f"{page.name} has no '## {title}' section"
        assert found[title], f"{page.name}: '## {title}' is empty"
    assert TIMESTAMP.search(found["Talking points"]), f"{page.name}: talking points cite no [hh:mm:ss] timestamp"
    variations = found["Variations"].lower()
    assert re.search(r"\b(remote|online)\b", variations), f"{page.name}: no remote variation"
    assert re.search(r"\bin[- ](the )?room\b", variations), f"{page.name}: no in-room variation"


@pytest.mark.parametrize("module", MODULES, ids=module_ids())
def test_the_timing_table_agrees_with_the_notebook(module):
    """Minutes live in the notebook; a guide that repeats an exercise's minutes or a total must repeat them right."""
    timing = sections((GUIDE / f"{module.stem}.md").read_text(encoding="utf-8")).get("Timing", "")
    by_number = {}
    for exercise in module.exercises:
        found = re.match(r"Exercise (\d+)\b", exercise.title)
        if found:
            by_number[int(found.group(1))] = exercise
    for line in timing.splitlines():
        cells = [c.strip().strip("*").strip() for c in line.strip().strip("|").split("|")]
        numbers = [int(c) for c in cells[1:] if c.isdigit()]
        row = EXERCISE_ROW.match(line.strip())
        if row and numbers and int(row.group(1)) in by_number:
            exercise = by_number[int(row.group(1))]
            assert numbers[0] == exercise.minutes, f"{module.stem}.md: '{cells[0]}' says {numbers[0]} min, " \
                                                   f"the notebook {exercise.minutes}"
        if cells[0].lower() == "total" and numbers:
            total = module.teaching + module.activities + sum(e.minutes for e in module.exercises)
            assert numbers[0] == total, f"{module.stem}.md: the total says {numbers[0]} min, the notebook {total}"


def test_the_group_pages_exist_and_say_where_things_go():
    for name in ("README.md", "room_setup.md", "consent_script.md", "jupyterhub.md"):
        assert (GUIDE / name).is_file(), name
    hub = (GUIDE / "jupyterhub.md").read_text(encoding="utf-8")
    for must in ("The Littlest JupyterHub", "Zero to JupyterHub", "CAREERKIT_ROOM_URL", "/etc/skel",
                 "jupyterhub_config.d", "hub.services", "loadRoles", "access:services!service=careerkit-room",
                 "careerkit-facilitators", "CAREERKIT_ROOM_DB", "~/.careerkit", "careerkit room export"):
        assert must in hub, must
    assert "shared folder" in hub and "CAREERKIT_EXCHANGE" not in hub  # the room needs none
    consent = (GUIDE / "consent_script.md").read_text(encoding="utf-8").lower()
    for must in ("share with the group", "my words may be quoted", "smaller than three", "deleted from the room",
                 "administrator", "the others in the room see only"):
        assert must in consent, must


def test_the_guide_index_links_every_page():
    index = (GUIDE / "README.md").read_text(encoding="utf-8")
    for page in sorted(GUIDE.glob("*.md")):
        if page.name != "README.md":
            assert f"]({page.name})" in index, f"README.md does not link {page.name}"


@pytest.mark.parametrize("module", MODULES, ids=module_ids())
def test_participants_handouts_hold_no_notes_or_facilitator_cell(module):
    """The handout ``careerkit build`` makes, from the notebook as committed: no talking point reaches it."""
    from careerkit.build import make_exporter
    from careerkit.build.preprocessors import TitleSlide, Worksheet

    nb = nbformat.read(ROOT / "notebooks" / f"{module.stem}.ipynb", as_version=4)
    private = [c.source for c in nb.cells if is_facilitator(c) or is_notes(c)]
    resources = {"metadata": {"name": module.stem, "path": str(ROOT / "notebooks")}}
    worksheet, resources = Worksheet().preprocess(*TitleSlide().preprocess(nb, resources))
    html, _ = make_exporter("handout").from_notebook_node(worksheet, resources=resources)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert not any(is_facilitator(c) or is_notes(c) for c in worksheet.cells)
    for source in private:
        first_words = " ".join(re.sub(r"[*_`#>]", "", source).split()[:8])
        assert first_words not in text, f"{module.stem} handout shows a facilitator cell: {first_words!r}"
