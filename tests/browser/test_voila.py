"""A participant who never sees code (nor the facilitator's notes): ``careerkit app 01`` in Voilà,
and an answer typed there lands in the workbook."""

from __future__ import annotations

import nbformat
import pytest

from browser.builtsite import NOTEBOOKS, artifact_dir
from browser.servers import start_voila, wait_for
from careerkit.constants import DEFAULT_PARTICIPANT, FACILITATOR
from careerkit.content.text import texts
from careerkit.modules.versioning.views import EXERCISES
from careerkit.store.workbook import Workbook

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
        asked: list[str] = []
        fonts: list[int] = []
        page.on("request", lambda request: asked.append(request.url))
        page.on("response", lambda r: fonts.append(r.status) if "fontawesome/css/all.min.css" in r.url else None)
        page.goto(f"{voila.url}/?token={voila.token}")
        role = page.locator(".ck-versioning-end-state input[type='text']").first
        role.wait_for(state="visible", timeout=120_000)
        page.locator(".ck-versioning-ex-growth").first.wait_for(state="visible", timeout=120_000)  # the last cell
        text = page.locator("body").inner_text()
        assert "ck.show(" not in text and "import careerkit" not in text
        assert facilitator_lines() and not [line for line in facilitator_lines() if line in text]
        assert [url for url in asked if not url.startswith(voila.url)] == [], "no CDN: FontAwesome comes from the app"
        assert fonts == [200]
        titles = [texts("versioning")(f"{name}.title") for name in EXERCISES]  # each exercise's heading
        missing = [title for title in titles if title not in text]
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


def test_the_app_gives_no_page_and_no_kernel_without_its_token(voila):
    import urllib.error
    import urllib.request

    for path in ("/", "/voila/render/01_versioning.ipynb", "/api/kernels"):
        try:
            with urllib.request.urlopen(f"{voila.url}{path}", timeout=30) as reply:
                body = reply.read().decode("utf-8", "replace")
                assert reply.url.split("?")[0].endswith("/login") or "ck-versioning" not in body, path
                assert "careerkit-exercise" not in body and "Exercise 1" not in body, path
        except urllib.error.HTTPError as err:
            assert err.code in (401, 403, 404), (path, err.code)
