"""The kit in Spanish as a person sees it, in a real browser: a learner in ``careerkit lab --lang es`` (the shipped
configuration), a participant in ``careerkit app 02 --lang es`` (Voilà), and a presenter opening the deck that
``careerkit build --lang es`` made, with the network off. Each saves a screenshot to test-artifacts/spanish/."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from browser.builtsite import NOTEBOOKS, ROOT, artifact_dir
from browser.servers import start_lab, start_voila, wait_for
from careerkit.constants import DEFAULT_PARTICIPANT
from careerkit.store.workbook import Workbook

pytestmark = pytest.mark.timeout(300)

SPANISH = NOTEBOOKS / "es"
ANSWER = "Directora de Producto en una empresa de energía"
ROLE_BOX = ".ck-versioning-end-state input[type='text']"
KERNEL_IDLE = """() => {
  const item = document.querySelector('#jp-main-statusbar .jp-StatusBar-TextItem[title^="Change kernel"]');
  return item !== null && item.textContent.includes('Idle');
}"""
# English a learner would notice on a Spanish screen: the kit's own headings, labels and status words
ENGLISH = ("Your end state", "The role you want to hold", "Time box", "Saved", "Not saved yet", "Share with the group",
           "Rate the lanes", "Your energy log", "Add a row")


def english_on(text: str) -> list[str]:
    return [words for words in ENGLISH if re.search(rf"(?<![\w]){re.escape(words)}(?![\w])", text)]


@pytest.fixture
def spanish_kit_untouched():
    before = {p: p.read_bytes() for p in SPANISH.glob("*.ipynb")}
    yield
    for path, data in before.items():
        if path.read_bytes() != data:
            path.write_bytes(data)


def test_a_learner_works_in_spanish_in_jupyterlab(tmp_path, browser, spanish_kit_untouched):
    lab = start_lab(tmp_path, "01", lang="es")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        # `careerkit lab --lang es 01` serves notebooks/es/ (Jupyter's root is the opened notebook's folder)
        page.goto(f"{lab.url}/lab/tree/01_versioning.ipynb?token={lab.token}")
        page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=60_000)
        page.wait_for_function(KERNEL_IDLE, timeout=90_000)
        page.evaluate("void window.jupyterapp.commands.execute('notebook:run-all-cells')")
        role = page.locator(ROLE_BOX).first
        role.wait_for(state="visible", timeout=90_000)
        page.wait_for_function(KERNEL_IDLE, timeout=90_000)
        role.click()
        role.press_sequentially(ANSWER, delay=10)
        wait_for(lambda: (Workbook(DEFAULT_PARTICIPANT, lab.home).get("versioning.end_state") or {}).get("role")
                 == ANSWER, 30, "the Spanish answer in the workbook file")
        exercise = page.locator(".ck-versioning-end-state").first
        page.locator(".ck-versioning-end-state .ck-saved").first.wait_for(state="visible", timeout=30_000)
        shown = exercise.inner_text()
        assert "Tu estado final" in shown and "El puesto que quieres ocupar" in shown
        assert "Guardado" in shown
        assert english_on(shown) == []
        notebook = page.locator(".jp-Notebook").first.inner_text()
        assert "Tiempo: 5 min · Fuente: [00:08:11]" in notebook
        assert english_on(notebook) == []
        exercise.scroll_into_view_if_needed()
        page.screenshot(path=str(artifact_dir("spanish") / "lab-es-01-end-state.png"))
    finally:
        context.close()
        lab.server.stop()


def test_a_participant_works_in_spanish_in_the_app(tmp_path, browser):
    voila = start_voila(tmp_path, "02", lang="es")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{voila.url}/?token={voila.token}")
        page.locator(".ck-lanes-energy-log").first.wait_for(state="visible", timeout=120_000)
        page.locator(".ck-lanes-path").first.wait_for(state="visible", timeout=120_000)  # the last exercise
        text = page.locator("body").inner_text()
        assert "Elige tu carril" in text and "Tu registro de energía" in text
        assert "import careerkit" not in text and "ck.show(" not in text
        assert english_on(text) == []
        page.locator(".ck-lanes-energy-log").first.scroll_into_view_if_needed()
        page.screenshot(path=str(artifact_dir("spanish") / "app-es-02-energy-log.png"))
    finally:
        context.close()
        voila.server.stop()


def test_a_presenter_opens_the_spanish_deck_offline(tmp_path, offline_page):
    out = tmp_path / "build"
    done = subprocess.run([sys.executable, "-m", "careerkit", "build", "--lang", "es", "--only", "01", "--no-pdf",
                           "-o", str(out)], capture_output=True, text=True, timeout=600, cwd=ROOT,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    page, traffic = offline_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto((out / "01_versioning.slides.html").as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady && Reveal.isReady()", timeout=60_000)
    title = page.locator(".reveal .slides section.present").first.inner_text()
    assert "versionado a largo plazo" in title.lower() and "Al terminar este módulo podrás:" in title
    page.screenshot(path=str(artifact_dir("spanish") / "deck-es-01-title.png"))
    slides = page.evaluate("() => Reveal.getSlides().map(s => s.innerText).join('\\n')")
    assert "Resultado de demostración" in slides and "Tiempo: 5 min" in slides
    assert english_on(slides) == []
    assert page.evaluate("() => document.documentElement.lang") == "es"
    assert traffic.blocked == [], "the deck works offline"
