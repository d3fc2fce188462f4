"""The built decks and handouts, opened from disk in Chromium with every non-file request refused.

A facilitator on a train, or in a room without Wi-Fi, opens a deck: reveal starts, every slide shows
whole and can be read from the back row (text at 18 px at least, at 1280x720), each exercise's prompt
is followed by what it gave the demo participant, the speaker notes open with S. The PDFs hold one
page per slide with that slide's text, and a single-file deck opens from a folder holding only it.
"""

from __future__ import annotations

import base64
import io
import json
import re
import shutil

import nbformat
import pytest
from PIL import Image

from browser.builtsite import AXE, MODULES, NOTEBOOKS, artifact_dir
from careerkit.constants import EXERCISE
from careerkit.ui.slide_style import RECORD_KEY
from pdftext import page_texts, squash

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
MIN_PX = 18  # the smallest text a room reads from the back row, on screen at 1280x720
# Every visible piece of text on the current slide, with its size on screen: the computed font size
# times the element's on-screen scale (bounding width over layout width: reveal's scaling, any transform).
TEXT_SIZES = """() => {
  const found = [];
  const walker = document.createTreeWalker(Reveal.getCurrentSlide(), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || el.closest('aside.notes, script, style')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.opacity === '0') continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (![...range.getClientRects()].some(r => r.width > 0 && r.height > 0)) continue;
    let box = el;
    while (box && box.offsetWidth === 0) box = box.parentElement;
    const scale = box ? box.getBoundingClientRect().width / box.offsetWidth : 1;
    found.push({text: text.slice(0, 60), px: Math.round(parseFloat(style.fontSize) * scale * 10) / 10});
  }
  return found;
}"""
# Every picture on the current slide and how much it is scaled on screen: reveal's scaling (its bounding
# width over its layout width) times the picture's own fitting into its box (object-fit).
PICTURES = """() => [...Reveal.getCurrentSlide().querySelectorAll('img')].map(img => {
  const box = img.getBoundingClientRect(), fit = getComputedStyle(img).objectFit;
  const across = box.width / img.naturalWidth, down = box.height / img.naturalHeight;
  const around = box.width / img.offsetWidth, contain = Math.min(across, down);
  const scale = {none: around, 'scale-down': Math.min(around, contain), cover: Math.max(across, down)}[fit] ?? contain;
  return {src: img.currentSrc || img.src, alt: img.alt, scale, natural: [img.naturalWidth, img.naturalHeight]};
})"""
SLIDE_LINES = "() => Reveal.getCurrentSlide().innerText.split('\\n').map(l => l.trim()).filter(l => l)"
THEME_FONT_LOADED = "[...document.fonts].some(f => f.family.includes('Source Sans Pro') && f.status === 'loaded')"
NOTES = "Reveal.getSlides().map(s => { const n = s.querySelector('aside.notes'); return n ? n.textContent.trim() : ''; })"


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
def test_deck_opens_offline_and_every_slide_renders_whole_and_readable(site, offline_page, stem):
    page, traffic = offline_page
    open_deck(page, site.deck(stem))
    shots = artifact_dir("decks")
    indices = slides(page)
    assert len(indices) >= 2, "a deck has its title slide and at least one slide of content"
    smallest = {}
    for number, position in enumerate(indices):
        go_to(page, position)
        state = page.evaluate(CURRENT)
        where = f"{stem} slide {number + 1} {position}"
        assert state["height"] > 0 and (state["text"] > 0 or state["widgets"] > 0), f"{where} is empty"
        assert state["top"] >= -2 and state["bottom"] <= state["viewport"] + 2, f"{where} is cut off: {state}"
        assert state["broken"] == 0, f"{where} has an image that did not load"
        sizes = page.evaluate(TEXT_SIZES)
        assert sizes, f"{where} shows no text"
        small = [t for t in sizes if t["px"] < MIN_PX]
        assert not small, f"{where}: {len(small)} of {len(sizes)} texts under {MIN_PX} px on screen, e.g. {small[:3]}"
        smallest[number + 1] = min(t["px"] for t in sizes)
        page.screenshot(path=str(shots / f"{stem}-slide-{number + 1:02d}.png"))
    (shots / f"{stem}-smallest-text.txt").write_text(
        "".join(f"slide {n}: {px} px\n" for n, px in smallest.items()), encoding="utf-8")
    results = page.evaluate("""() => [...document.querySelectorAll('.ck-result, .ck-result-chart-slide')].map(r => {
        const i = Reveal.getIndices(r.closest('section')); return [i.h, i.v || 0, r.className];
    })""")
    assert sum(kind == "ck-result" for _, _, kind in results) == exercises(stem), "every exercise shows its result"
    assert all(v >= 1 for _, v, _ in results), f"results are sub-slides under their prompts: {results}"
    widgets = page.evaluate(WIDGETS)
    assert widgets["shown"] == widgets["views"] and not widgets["failed"], f"widgets not drawn: {widgets}"
    assert traffic.problems() == []


def chart_record(src: str) -> dict | None:
    """What the build recorded in a chart's PNG when it drew it: its dpi and its smallest text in image pixels."""
    header, _, data = src.partition(",")
    assert header == "data:image/png;base64", f"a deck's chart is a PNG inside the deck, not {header[:40]!r}"
    with Image.open(io.BytesIO(base64.b64decode(data))) as png:
        record = png.text.get(RECORD_KEY)
    return json.loads(record) if record else None


@pytest.mark.parametrize("stem", MODULES)
def test_every_label_in_a_chart_reads_at_18_px_on_screen(site, offline_page, stem):
    """The back row reads a chart's ticks, axis labels, legend and title too: its smallest text, as drawn
    into the picture, times the picture's scale on screen at 1280x720."""
    page, _ = offline_page
    open_deck(page, site.deck(stem))
    positions = slides(page)
    with_pictures = page.evaluate("Reveal.getSlides().flatMap((s, n) => s.querySelector('img') ? [n] : [])")
    measured = []
    for number in with_pictures:
        go_to(page, positions[number])
        for picture in page.evaluate(PICTURES):
            where = f"{stem} slide {number + 1}: {picture['alt']!r}"
            record = chart_record(picture["src"])
            assert record, f"{where} does not say how large its text was drawn (the build records it in the PNG)"
            measured.append((where, round(record["smallest_text_px"] * picture["scale"], 1), record["dpi"]))
    assert len(measured) == page.evaluate("document.querySelectorAll('.reveal .slides img').length")
    (artifact_dir("decks") / f"{stem}-chart-text.txt").write_text(
        "".join(f"{where}: smallest text {px} px on screen (drawn at {dpi} dpi)\n" for where, px, dpi in measured),
        encoding="utf-8")
    small = [(where, px) for where, px, _ in measured if px < MIN_PX]
    assert not small, f"{len(small)} of {len(measured)} charts have text under {MIN_PX} px on screen: {small}"


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


def slide_lines(page) -> list[list[str]]:
    """Each slide's lines of text as the deck shows them, in the deck's order (speaker notes left out)."""
    lines = []
    for position in slides(page):
        go_to(page, position)
        lines.append(page.evaluate(SLIDE_LINES))
    return lines


@pytest.mark.parametrize("stem", MODULES)
def test_pdf_has_one_page_per_slide_with_that_slides_text_only(site, offline_page, stem):
    page, traffic = offline_page
    open_deck(page, site.deck(stem))
    total = page.evaluate("Reveal.getTotalSlides()")
    shown = slide_lines(page)
    printed = [squash(text) for text in page_texts(site.pdf(stem))]
    assert len(printed) == len(shown) == total, f"{stem}: {len(printed)} PDF pages for {total} slides"
    for number, lines in enumerate(shown):
        for line in lines:
            assert squash(line) in printed[number], f"{stem} page {number + 1} lacks {line!r} of slide {number + 1}"
    everywhere = [squash(" ".join(lines)) for lines in shown]
    for number, lines in enumerate(shown):
        own = [squash(line) for line in lines if len(squash(line)) >= 20]
        own = [text for text in own if sum(text in other for other in everywhere) == 1]  # said on this slide only
        for other, text in ((o, t) for o in range(total) if o != number for t in own):
            assert text not in printed[other], f"{stem}: text of slide {number + 1} is printed on page {other + 1}"
    open_deck(page, site.deck(stem), "?print-pdf")
    pages = page.evaluate("""() => [...document.querySelectorAll('.pdf-page')].map(p => {
        const page = p.getBoundingClientRect(), slide = p.querySelector('section').getBoundingClientRect();
        return {top: slide.top - page.top, bottom: slide.bottom - page.top, left: slide.left - page.left,
                right: slide.right - page.left, height: page.height, width: page.width};
    })""")
    assert len(pages) == total
    for number, box in enumerate(pages, start=1):
        assert box["top"] >= -1 and box["bottom"] <= box["height"] + 1, f"{stem} page {number} cut off: {box}"
        assert box["left"] >= -1 and box["right"] <= box["width"] + 1, f"{stem} page {number} cut off: {box}"
    assert traffic.problems() == []


@pytest.mark.parametrize("stem", MODULES)
def test_pdf_with_notes_follows_each_slide_with_its_speaker_notes(site, offline_page, stem):
    page, _ = offline_page
    open_deck(page, site.deck(stem))
    notes = page.evaluate(NOTES)
    printed = [squash(text) for text in page_texts(site.notes_pdf(stem))]
    assert len(printed) == len(notes) + sum(bool(n) for n in notes)
    at = 0
    for number, note in enumerate(notes, start=1):
        at += 1
        if note:
            assert squash(note)[:200] in printed[at], f"{stem}: the notes of slide {number} are not on the page after it"
            at += 1


@pytest.mark.parametrize("stem", MODULES)
def test_the_single_file_deck_opens_alone_with_the_network_off(site, offline_page, tmp_path, stem):
    page, traffic = offline_page
    attachment = tmp_path / "attachment"
    attachment.mkdir()
    alone = attachment / site.single_file(stem).name
    shutil.copy(site.single_file(stem), alone)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    open_deck(page, alone)
    assert page.evaluate("Reveal.getTotalSlides()") == len(page_texts(site.pdf(stem)))
    widgets = page.evaluate(WIDGETS)
    assert widgets["shown"] == widgets["views"] and not widgets["failed"], f"widgets not drawn: {widgets}"
    for position in slides(page):
        go_to(page, position)
        assert page.evaluate(CURRENT)["broken"] == 0, f"an image did not load on slide {position}"
    assert page.evaluate(THEME_FONT_LOADED), "the theme's font is inside the file"
    assert [url for url in asked if not url.startswith("data:")] == [alone.as_uri()], "it asked for nothing else"
    if stem == MODULES[-1]:  # the speaker view opens from the lone file too (once: a popup costs seconds)
        page.screenshot(path=str(artifact_dir("decks") / f"{stem}-single-file.png"))
        with_notes = page.evaluate("Reveal.getSlides().findIndex(s => s.querySelector('aside.notes'))")
        assert with_notes >= 0, f"{stem} has speaker notes"
        go_to(page, slides(page)[with_notes])
        with page.expect_popup() as popup_info:
            page.keyboard.press("s")
        popup_info.value.wait_for_function(
            "(document.querySelector('.speaker-controls-notes') || {innerText: ''}).innerText.trim().length > 20",
            timeout=30_000)
    assert traffic.problems() == []
