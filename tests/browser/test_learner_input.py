"""What a learner meets in the browser with the shipped configuration: "1e12" typed or pasted in a year box or a
pay box gets a sentence beside the exercise and the last good answer is kept; an exported plan is a link that downloads the file, in
JupyterLab and in the app, and exporting again keeps the earlier export."""

from __future__ import annotations

import pytest

from browser.builtsite import artifact_dir
from browser.servers import start_lab, start_voila, wait_for
from careerkit.constants import DEFAULT_PARTICIPANT
from careerkit.store.workbook import Workbook

pytestmark = pytest.mark.timeout(400)

KERNEL_IDLE = """() => {
  const item = document.querySelector('#jp-main-statusbar .jp-StatusBar-TextItem[title^="Change kernel"]');
  return item !== null && item.textContent.includes('Idle');
}"""
ROADMAP = ".ck-versioning-roadmap"
FROM_BOX = f"{ROADMAP} .ck-version-row .ck-number input"  # the first version's From (start year)
EX_GROWTH = ".ck-versioning-ex-growth"
MARKET_BOX = f"{EX_GROWTH} .ck-number:has-text('Market total') input"


def first_start_year(home) -> int | None:
    roadmap = Workbook(DEFAULT_PARTICIPANT, home).get("versioning.roadmap") or {}
    versions = roadmap.get("versions") or [{}]
    return versions[0].get("start_year")


def open_and_run(page, running, notebook: str, ready: str) -> None:
    page.goto(f"{running.url}/lab/tree/{notebook}?reset&token={running.token}")
    page.locator(".jp-Notebook:visible").first.wait_for(state="visible", timeout=60_000)
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    page.evaluate("void window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.locator(ready).first.wait_for(state="visible", timeout=120_000)
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)


@pytest.fixture
def lab(tmp_path):
    running = start_lab(tmp_path, "01_versioning.ipynb")
    yield running
    running.server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context.close()


def message(page, exercise: str = ROADMAP) -> str:
    return page.locator(f"{exercise} .ck-message").first.inner_text()


def saved_market_total(home) -> int | None:
    return (Workbook(DEFAULT_PARTICIPANT, home).get("versioning.ex_growth") or {}).get("market_total")


def enter(box, text: str, how: str) -> None:
    box.click()
    box.press("Control+A")
    if how == "typed":
        box.press_sequentially(text, delay=40)
    else:
        box.fill(text)
    box.press("Tab")


@pytest.mark.parametrize("how", ["typed", "pasted"])
def test_1e12_in_a_year_or_pay_box_gets_a_sentence_and_the_last_good_answer_is_kept(lab, page, how):
    open_and_run(page, lab, "01_versioning.ipynb", FROM_BOX)
    year = page.locator(FROM_BOX).first
    enter(year, "2027", how)
    wait_for(lambda: first_start_year(lab.home) == 2027, 30, "the good year 2027 in the workbook")
    enter(year, "1e12", how)
    wait_for(lambda: "not a whole number" in message(page), 30, "a sentence beside the roadmap")
    words = message(page)
    assert "Version 1, year in From: \u201c1e12\u201d is not a whole number: type it in digits" in words
    assert "Traceback" not in words
    page.wait_for_timeout(1000)
    assert first_start_year(lab.home) == 2027, "the last good answer is kept"
    assert year.input_value() == "1e12", "what the learner typed stays on screen, not another number"
    page.locator(ROADMAP).first.screenshot(path=str(artifact_dir("input") / f"lab-1e12-{how}.png"))

    market = page.locator(MARKET_BOX).first
    market.scroll_into_view_if_needed()
    enter(market, "150,000", how)
    wait_for(lambda: saved_market_total(lab.home) == 150_000, 30, "the good market total in the workbook")
    enter(market, "1e12", how)
    wait_for(lambda: "not a whole number" in message(page, EX_GROWTH), 30, "a sentence beside the pay boxes")
    assert "Market total pay for your role: \u201c1e12\u201d is not a whole number" in message(page, EX_GROWTH)
    page.wait_for_timeout(1000)
    assert saved_market_total(lab.home) == 150_000, "the last good market total is kept (not 112, not 1)"
    assert market.input_value() == "1e12"
    page.locator(EX_GROWTH).first.screenshot(path=str(artifact_dir("input") / f"lab-1e12-pay-{how}.png"))
    print(f"1e12 {how}: the year box shows {year.input_value()!r}, the pay box {market.input_value()!r}")


def export_and_download(page, where: str) -> list[str]:
    """Press Export twice; click each download link; return the names the browser saved."""
    export = page.locator(".ck-plan-export").first
    export.locator("input[type='checkbox']").nth(2).uncheck()  # no PDF: quicker, and not every machine can print
    names = []
    for attempt in (1, 2):
        export.locator("button", has_text="Export my plan").click()
        links = export.locator("a.ck-download")
        wait_for(lambda n=attempt, found=links: found.count() == 2
                 and ("-2." in found.first.get_attribute("download")) == (n == 2),
                 60, f"the download links of export {attempt}")
        for i in range(links.count()):
            with page.expect_download(timeout=30_000) as download:
                links.nth(i).click()
            saved = download.value
            path = saved.path()
            data = path.read_bytes() if path else b""
            if saved.suggested_filename.endswith(".html"):
                assert b"Career plan" in data and b"<!DOCTYPE html>" in data
            else:
                assert data[:2] == b"PK"  # the Markdown with its charts, zipped
            names.append(saved.suggested_filename)
    words = export.inner_text()
    assert "Export number 2: your earlier exports are kept beside it, nothing was replaced" in words
    export.screenshot(path=str(artifact_dir("input") / f"{where}-export.png"))
    return names


def test_an_exported_plan_downloads_with_a_click_in_jupyterlab(tmp_path, page):
    lab = start_lab(tmp_path, "05_my_plan.ipynb")
    try:
        open_and_run(page, lab, "05_my_plan.ipynb", ".ck-plan-export button")
        names = export_and_download(page, "lab")
        assert names == ["learner-career-plan.html", "learner-career-plan.zip",
                         "learner-career-plan-2.html", "learner-career-plan-2.zip"]
        assert (lab.home / "plans" / "learner-career-plan.html").is_file()  # the first export is still there
    finally:
        lab.server.stop()


def test_an_exported_plan_downloads_with_a_click_in_the_app(tmp_path, page):
    app = start_voila(tmp_path, "05")
    try:
        page.goto(f"{app.url}/?token={app.token}")
        page.locator(".ck-plan-export button").first.wait_for(state="visible", timeout=120_000)
        page.wait_for_load_state("networkidle", timeout=60_000)
        names = export_and_download(page, "app")
        assert names[-1] == "learner-career-plan-2.zip"
    finally:
        app.server.stop()


def test_the_banner_names_the_learner_as_soon_as_they_choose_a_name_in_00_welcome(tmp_path, page):
    lab = start_lab(tmp_path, "00_welcome.ipynb")
    try:
        open_and_run(page, lab, "00_welcome.ipynb", ".ck-banner")
        banner = page.locator(".ck-banner").first
        assert "for learner" in banner.inner_text() and "00_welcome" not in banner.inner_text()
        name = page.locator(".careerkit-exercise input[type='text']").first
        name.fill("Ana Lopez")
        page.locator("button", has_text="Use this name").first.click()
        wait_for(lambda: "for Ana Lopez" in banner.inner_text(), 30, "the banner naming the chosen participant")
        assert "learner.json" not in banner.inner_text()
        page.locator(".ck-banner").first.screenshot(path=str(artifact_dir("input") / "lab-00-banner-after-name.png"))
    finally:
        lab.server.stop()
