"""Every module, as a learner sees it in JupyterLab (the shipped configuration) and in the app (Voilà), at 1280
and 1024 px: no element inside an exercise scrolls sideways or clips its text, no text runs over other text or a
control, no Python and no facilitator note
is on screen. Screenshots of each land in test-artifacts/layout/."""

from __future__ import annotations

import nbformat
import pytest

from browser.builtsite import MODULES, NOTEBOOKS, artifact_dir
from browser.servers import start_lab, start_voila
from careerkit.constants import EXERCISE

pytestmark = pytest.mark.timeout(900)

WIDTHS = (1280, 1024)
# An exercise itself sticking out, or anything inside it that scrolls, clips or cuts its text with an ellipsis.
OVERFLOWING = """() => {
  const found = [];
  for (const exercise of document.querySelectorAll('.careerkit-exercise')) {
    for (const el of [exercise, ...exercise.querySelectorAll('*')]) {
      const style = getComputedStyle(el);
      const clips = el === exercise || style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (clips && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
        found.push(`${el.tagName}.${[...el.classList].join('.')} ${el.scrollWidth}>${el.clientWidth} "${(el.textContent || '').slice(0, 40)}"`);
      }
    }
  }
  return found;
}"""
# Text running over other text or over a control: every line box of every text inside an exercise, against every
# other line box and every control box (a wrapped tick-box label once ran over the next row, found only by eye).
OVERLAPPING = """() => {
  const found = [];
  const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2
                     && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  for (const exercise of document.querySelectorAll('.careerkit-exercise')) {
    const lines = [];
    const walker = document.createTreeWalker(exercise, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const owner = node.parentElement;
      if (!node.textContent.trim() || owner.closest('select, option, button, .jupyter-widgets-output-area')) continue;
      if (owner.offsetParent === null) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && r.height > 0) lines.push({node, r, text: node.textContent.trim().slice(0, 30)});
      }
    }
    const controls = [...exercise.querySelectorAll('input, select, textarea, button')]
      .filter(el => el.offsetParent !== null).map(el => ({el, r: el.getBoundingClientRect()}));
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[i].node !== lines[j].node && hit(lines[i].r, lines[j].r)) {
          found.push(`"${lines[i].text}" over "${lines[j].text}"`);
        }
      }
      for (const c of controls) {
        if (!c.el.contains(lines[i].node) && hit(lines[i].r, c.r)) {
          found.push(`"${lines[i].text}" over a ${c.el.tagName.toLowerCase()}`);
        }
      }
    }
  }
  return found;
}"""
KERNEL_IDLE = """() => {
  const item = document.querySelector('#jp-main-statusbar .jp-StatusBar-TextItem[title^="Change kernel"]');
  return item !== null && item.textContent.includes('Idle');
}"""
VISIBLE = "els => els.filter(e => e.offsetParent !== null).length"


def exercises_in(stem: str) -> int:
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    return sum(EXERCISE in c.metadata.get("tags", []) for c in nb.cells)


def wait_for_every_exercise(page, stem: str) -> None:
    expected = exercises_in(stem)
    page.wait_for_function(f"() => document.querySelectorAll('.careerkit-exercise').length >= {expected}", timeout=180_000)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    running = start_lab(tmp_path_factory.mktemp("layout-lab"), "00_welcome.ipynb")
    yield running
    running.server.stop()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    running = start_voila(tmp_path_factory.mktemp("layout-app"), None)
    yield running
    running.server.stop()


def measure(page, where: str, stem: str) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(500)
        problems += [f"{where} {stem} at {width} px: {p}" for p in page.evaluate(OVERFLOWING)]
        problems += [f"{where} {stem} at {width} px: {p}" for p in page.evaluate(OVERLAPPING)]
        if width == 1280:
            page.screenshot(path=str(artifact_dir("layout") / f"{where}-{stem}-{width}.png"), full_page=True)
    return problems


@pytest.mark.parametrize("stem", MODULES)
def test_no_scrollbar_no_clipping_no_code_no_notes_in_jupyterlab(lab, browser, stem):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        page.goto(f"{lab.url}/lab/tree/{stem}.ipynb?reset&token={lab.token}")  # reset: only this notebook open
        page.locator(".jp-Notebook:visible").first.wait_for(state="visible", timeout=60_000)
        page.wait_for_function(KERNEL_IDLE, timeout=90_000)
        page.evaluate("void window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.locator(".ck-banner").first.wait_for(state="visible", timeout=120_000)
        wait_for_every_exercise(page, stem)
        page.wait_for_function(KERNEL_IDLE, timeout=120_000)
        page.wait_for_timeout(1500)  # the last widgets render
        code = page.locator(".jp-CodeCell .jp-InputArea-editor, .jp-CodeCell .jp-InputPlaceholder")
        assert code.evaluate_all(VISIBLE) == 0, "no Python on screen, not even a collapsed first line"
        assert page.locator(".ck-facilitator-note").evaluate_all(VISIBLE) == 0, "no facilitator note on screen"
        assert measure(page, "lab", stem) == []
    finally:
        page.close()


@pytest.mark.parametrize("stem", MODULES)
def test_no_scrollbar_no_clipping_in_the_app(app, browser, stem):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{app.url}/voila/render/{stem}.ipynb?token={app.token}")
        page.locator(".ck-banner").first.wait_for(state="visible", timeout=120_000)
        wait_for_every_exercise(page, stem)
        page.wait_for_load_state("networkidle", timeout=60_000)
        page.wait_for_timeout(1500)
        assert measure(page, "app", stem) == []
    finally:
        page.close()


def test_the_overlap_check_finds_text_over_text_and_over_a_control(browser):
    """The check itself: a wrapped label pushed over the next row, and a hint drawn over a text box, are found."""
    page = browser.new_page(viewport={"width": 800, "height": 600})
    try:
        page.set_content("""<div class='careerkit-exercise' style='position:relative;width:400px;height:200px'>
          <label style='position:absolute;top:10px;left:0'>Raised a lot during hyper-growth</label>
          <label style='position:absolute;top:14px;left:20px'>Loyalty to the team</label>
          <input style='position:absolute;top:60px;left:0;width:200px'>
          <span style='position:absolute;top:62px;left:10px'>What did you do?</span>
          <p style='position:absolute;top:120px;left:0'>Alone and whole</p>
        </div>""")
        found = page.evaluate(OVERLAPPING)
    finally:
        page.close()
    assert found == ['"Raised a lot during hyper-grow" over "Loyalty to the team"', '"What did you do?" over a input']
