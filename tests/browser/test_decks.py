"""The built decks and handouts, opened from disk in Chromium with every non-file request refused.

A facilitator on a train, or in a room without Wi-Fi, opens a deck: reveal starts, every slide shows
whole, the exercises show as the demo participant filled them, the speaker notes open with S.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from browser.builtsite import AXE, MODULES, NOTEBOOKS, artifact_dir
from careerkit.constants import EXERCISE

pytestmark = pytest.mark.timeout(300)

READY = "document.documentElement.getAttribute('data-careerkit-ready') === '1'"
SLIDES = "Reveal.getSlides().map(s => { const i = Reveal.getIndices(s); return [i.h, i.v || 0]; })"
GO_TO = "([h, v]) => { Reveal.configure({transition: 'none'}); Reveal.slide(h, v); }"
CURRENT = """() => {
  const s = Reveal.getCurrentSlide();
  const r = s.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: r.height, viewport: innerHeight,
          text: s.innerText.trim().length, widgets: s.querySelectorAll('.widget-subarea > *').length,
          broken: [...s.querySelectorAll('img')].filter(i => !i.complete || i.naturalWidth === 0).length};
}"""
WIDGETS = """() => {
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  const shown = views.filter(v => { const p = v.previousElementSibling;
    return p && p.classList.contains('widget-subarea') && p.firstElementChild; });
  return {views: views.length, shown: shown.length, failed: document.body.innerText.includes('Error displaying widget')};
}"""
SERIOUS = ("serious", "critical")


def exercises(stem: str) -> int:
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    return sum(EXERCISE in c.metadata.get("tags", []) for c in nb.cells)


def open_deck(page, path, query: str = "") -> None:
    page.goto(path.as_uri() + query)
    page.wait_for_function(READY, timeout=60_000)


def slides(page) -> list[list[int]]:
    return page.evaluate(SLIDES)


def go_to(page, indices) -> None:
    page.evaluate(GO_TO, indices)
    page.wait_for_function("([h, v]) => { const i = Reveal.getIndices(); return i.h === h && (i.v || 0) === v; }", arg=indices)


def serious_violations(page) -> list[str]:
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("stem", MODULES)
def test_deck_opens_offline_and_every_slide_renders_whole(site, offline_page, stem):
    page, traffic = offline_page
    open_deck(page, site.deck(stem))
    shots = artifact_dir("decks")
    indices = slides(page)
    assert len(indices) >= 2, "a deck has its title slide and at least one slide of content"
    widget_slide_shot = False
    for number, position in enumerate(indices):
        go_to(page, position)
        state = page.evaluate(CURRENT)
        where = f"{stem} slide {number + 1} {position}"
        assert state["height"] > 0 and (state["text"] > 0 or state["widgets"] > 0), f"{where} is empty"
        assert state["top"] >= -2 and state["bottom"] <= state["viewport"] + 2, f"{where} is cut off: {state}"
        assert state["broken"] == 0, f"{where} has an image that did not load"
        if number == 0 or number == len(indices) - 1 or (state["widgets"] and not widget_slide_shot):
            widget_slide_shot = widget_slide_shot or bool(state["widgets"])
            page.screenshot(path=str(shots / f"{stem}-slide-{number + 1:02d}.png"))
    widgets = page.evaluate(WIDGETS)
    assert widgets["views"] >= exercises(stem), "every exercise is shown as a widget"
    assert widgets["shown"] == widgets["views"] and not widgets["failed"], f"widgets not drawn: {widgets}"
    assert traffic.problems() == []


def test_title_slide_comes_first_with_minutes(site, offline_page):
    page, _ = offline_page
    stem = MODULES[-1]
    open_deck(page, site.deck(stem))
    go_to(page, [0, 0])
    title = page.evaluate("Reveal.getCurrentSlide().innerText")
    assert re.search(r"\d+ minutes", title), title


def test_speaker_notes_open_with_s_and_show_the_facilitator_notes(site, offline_page):
    page, traffic = offline_page
    stem = next(m for m in MODULES if "aside class=\"notes\"" in site.deck(m).read_text(encoding="utf-8"))
    open_deck(page, site.deck(stem))
    with_notes = page.evaluate("Reveal.getSlides().findIndex(s => s.querySelector('aside.notes'))")
    position = slides(page)[with_notes]
    expected = page.evaluate("([h, v]) => Reveal.getSlide(h, v).querySelector('aside.notes').innerText.trim()", position)
    go_to(page, position)
    with page.expect_popup() as popup_info:
        page.keyboard.press("s")
    speaker = popup_info.value
    speaker.wait_for_function(
        "t => (document.querySelector('.speaker-controls-notes') || {innerText: ''}).innerText.includes(t)",
        arg=expected[:40], timeout=30_000,
    )
    speaker.screenshot(path=str(artifact_dir("decks") / f"{stem}-speaker-view.png"))
    assert traffic.problems() == []


@pytest.mark.parametrize("stem", MODULES)
def test_handout_opens_offline_with_room_to_think(site, offline_page, stem):
    page, traffic = offline_page
    page.goto(site.handout(stem).as_uri())
    page.wait_for_load_state("load")
    assert page.locator("h1").first.is_visible()
    spaces = page.locator(".ck-space .ck-lines")
    assert spaces.count() == exercises(stem)
    for index in range(spaces.count()):
        assert spaces.nth(index).bounding_box()["height"] > 100, "each exercise leaves room to write"
    assert page.locator("script").count() == 0, "a handout is a static page"
    if stem == MODULES[1 % len(MODULES)]:
        page.screenshot(path=str(artifact_dir("handouts") / f"{stem}.png"), full_page=True)
    assert traffic.problems() == []


@pytest.mark.parametrize("stem", MODULES)
def test_deck_has_no_serious_accessibility_violation_on_any_slide(site, offline_page, stem):
    page, _ = offline_page
    open_deck(page, site.deck(stem))
    page.add_script_tag(path=str(AXE))
    found = {}
    for number, position in enumerate(slides(page)):
        go_to(page, position)
        for violation in serious_violations(page):
            found.setdefault(violation, number + 1)
    assert found == {}, "\n".join(f"slide {n}: {v}" for v, n in found.items())


@pytest.mark.parametrize("stem", MODULES)
def test_handout_has_no_serious_accessibility_violation(site, offline_page, stem):
    page, _ = offline_page
    page.goto(site.handout(stem).as_uri())
    page.add_script_tag(path=str(AXE))
    assert serious_violations(page) == []


def test_index_links_every_output_and_is_accessible(site, offline_page):
    page, traffic = offline_page
    page.goto((site.folder / "index.html").as_uri())
    page.add_script_tag(path=str(AXE))
    assert serious_violations(page) == []
    for stem in MODULES:
        for target in (site.deck(stem), site.handout(stem), site.pdf(stem)):
            assert page.locator(f'a[href="{target.name}"]').count() == 1, target.name
    assert traffic.problems() == []


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


@pytest.mark.parametrize("stem", MODULES)
def test_pdf_has_one_page_per_slide_and_nothing_cut_off(site, offline_page, stem):
    page, traffic = offline_page
    open_deck(page, site.deck(stem), "?print-pdf")
    pages = page.evaluate("""() => [...document.querySelectorAll('.pdf-page')].map(p => {
        const page = p.getBoundingClientRect(), slide = p.querySelector('section').getBoundingClientRect();
        return {top: slide.top - page.top, bottom: slide.bottom - page.top, left: slide.left - page.left,
                right: slide.right - page.left, height: page.height, width: page.width};
    })""")
    total = page.evaluate("Reveal.getTotalSlides()")
    assert len(pages) == total
    for number, box in enumerate(pages, start=1):
        assert box["top"] >= -1 and box["bottom"] <= box["height"] + 1, f"{stem} page {number} cut off: {box}"
        assert box["left"] >= -1 and box["right"] <= box["width"] + 1, f"{stem} page {number} cut off: {box}"
    assert pdf_pages(site.pdf(stem).read_bytes()) == total
    assert traffic.problems() == []
