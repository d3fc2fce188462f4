"""A participant who never sees code (nor the facilitator's notes): ``careerkit app 01`` in Voilà,
and an answer typed there lands in the workbook."""

from __future__ import annotations

import nbformat
import pytest

from browser.builtsite import NOTEBOOKS, artifact_dir
from browser.servers import start_voila, wait_for
from careerkit.constants import DEFAULT_PARTICIPANT, FACILITATOR
from careerkit.widgets.versioning import EXERCISES
from careerkit.workbook import Workbook

pytestmark = pytest.mark.timeout(240)

ANSWER = "VP Product for a B2B payments platform"


def facilitator_lines() -> list[str]:
    nb = nbformat.read(NOTEBOOKS / "01_versioning.ipynb", as_version=4)
    return [c.source.strip().splitlines()[0] for c in nb.cells if FACILITATOR in c.metadata.get("tags", [])]


@pytest.fixture
def voila(tmp_path):
    running = start_voila(tmp_path, "01")
    yield running
    running.server.stop()


def test_the_app_shows_no_code_and_saves_an_answer_to_the_workbook(voila, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{voila.url}/")
        role = page.locator(".ck-versioning-end-state input[type='text']").first
        role.wait_for(state="visible", timeout=120_000)
        page.locator(".ck-versioning-ex-growth").first.wait_for(state="visible", timeout=120_000)  # the last cell
        text = page.locator("body").inner_text()
        assert "ck.show(" not in text and "import careerkit" not in text
        assert facilitator_lines() and not [line for line in facilitator_lines() if line in text]
        missing = [cls.title for cls in EXERCISES.values() if cls.title not in text]
        assert not missing, f"exercises a participant does not see: {missing}"
        role.fill(ANSWER)
        answer = wait_for(
            lambda: (Workbook(DEFAULT_PARTICIPANT, voila.home).get("versioning.end_state") or {}).get("role") == ANSWER,
            30, "the answer typed in Voilà in the workbook file",
        )
        assert answer
        saved = page.locator(".ck-versioning-end-state .ck-saved").first
        saved.wait_for(state="visible", timeout=30_000)
        assert "Saved" in saved.inner_text()  # what the participant reads beside the box
        page.screenshot(path=str(artifact_dir("voila") / "01_versioning.png"))
    finally:
        context.close()
