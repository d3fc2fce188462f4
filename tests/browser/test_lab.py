"""A learner in ``careerkit lab`` (the shipped configuration, on the kit's real notebooks): opens 01_versioning,
runs it, types an answer, saves every way a learner does, and the kit's files never take the answer in."""

from __future__ import annotations

import json
import subprocess
import urllib.request

import pytest

from browser.builtsite import NOTEBOOKS, ROOT, artifact_dir
from browser.servers import start_lab, wait_for
from careerkit.constants import DEFAULT_PARTICIPANT
from careerkit.store.workbook import Workbook

pytestmark = pytest.mark.timeout(300)

NOTEBOOK = "01_versioning.ipynb"
ANSWER = "Head of Product at a climate start-up"
ROLE_BOX = ".ck-versioning-end-state input[type='text']"
AUTOSAVE_S = 120  # JupyterLab's autosave interval, which the kit leaves as it is
KERNEL_IDLE = """() => {
  const item = document.querySelector('#jp-main-statusbar .jp-StatusBar-TextItem[title^="Change kernel"]');
  return item !== null && item.textContent.includes('Idle');
}"""


def kit_files() -> dict[str, bytes]:
    """Every file of the kit a learner's server can write: the tracked ones, and anything under notebooks/."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    paths = {ROOT / p for p in tracked.decode().split("\0") if p}
    paths |= {p for p in NOTEBOOKS.rglob("*") if p.is_file()}
    return {str(p.relative_to(ROOT)): p.read_bytes() for p in sorted(paths) if p.is_file()}


@pytest.fixture
def kit_untouched():
    """The notebooks as they were, put back after the test whatever happens (a failing save must not dirty the kit)."""
    before = {p: p.read_bytes() for p in NOTEBOOKS.glob("*.ipynb")}
    yield
    for path, data in before.items():
        if path.read_bytes() != data:
            path.write_bytes(data)


@pytest.fixture
def lab(tmp_path, kit_untouched):
    running = start_lab(tmp_path, NOTEBOOK)
    yield running
    running.server.stop()


@pytest.fixture
def lab_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" on reload
    yield page
    context.close()


def open_notebook(page, lab) -> None:
    page.goto(f"{lab.url}/lab/tree/{NOTEBOOK}?token={lab.token}")
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=60_000)


def run_all(page) -> None:
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    # Not awaited: the command resolves only once every cell has run.
    page.evaluate("void window.jupyterapp.commands.execute('notebook:run-all-cells')")


def type_answer(page, lab) -> None:
    role = page.locator(ROLE_BOX).first
    role.wait_for(state="visible", timeout=90_000)
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    role.click()
    role.press_sequentially(ANSWER, delay=15)
    wait_for(lambda: saved_role(lab) == ANSWER, 30, "the answer in the workbook file")


def saved_role(lab) -> str | None:
    answer = Workbook(DEFAULT_PARTICIPANT, lab.home).get("versioning.end_state")
    return answer and answer.get("role")


def saves_of(page, action) -> None:
    """Do ``action`` and wait for the notebook PUT it causes (a save reaches the server)."""
    with page.expect_response(lambda r: r.request.method == "PUT" and NOTEBOOK in r.url, timeout=30_000) as reply:
        action()
    assert reply.value.status == 200


def delete_sessions(lab) -> None:
    """Shut the kernel down, so what the page shows after reload can only come from the workbook on disk."""
    auth = {"Authorization": f"token {lab.token}"}
    with urllib.request.urlopen(urllib.request.Request(f"{lab.url}/api/sessions", headers=auth)) as reply:
        sessions = json.load(reply)
    for session in sessions:
        request = urllib.request.Request(f"{lab.url}/api/sessions/{session['id']}", headers=auth, method="DELETE")
        urllib.request.urlopen(request).close()


def test_no_save_a_learner_makes_puts_the_answer_into_the_kit(lab, lab_page):
    page = lab_page
    before = kit_files()
    page.clock.install()  # time runs as usual; fast_forward below jumps past the autosave interval
    open_notebook(page, lab)
    config = json.loads(page.locator("#jupyter-config-data").text_content())
    assert "@jupyterlab/apputils-extension:announcements" in config["disabledExtensions"], "no news pop-up"
    run_all(page)
    type_answer(page, lab)

    def file_save_notebook():
        page.locator(".lm-MenuBar-itemLabel", has_text="File").click()
        page.locator(".lm-Menu-item[data-command='docmanager:save']").click()

    saves_of(page, file_save_notebook)

    def ctrl_s_outside_the_widgets():
        page.locator(".jp-MarkdownCell").first.click()  # the learner clicks the title, away from any text box
        page.keyboard.press("Escape")
        page.keyboard.press("Control+s")

    run_all(page)  # outputs change again: the notebook is dirty, as after any run
    page.locator(ROLE_BOX).first.wait_for(state="visible", timeout=90_000)
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    saves_of(page, ctrl_s_outside_the_widgets)

    run_all(page)
    page.locator(ROLE_BOX).first.wait_for(state="visible", timeout=90_000)
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    saves_of(page, lambda: page.clock.fast_forward((AUTOSAVE_S + 10) * 1000))  # autosave, as two minutes later
    page.screenshot(path=str(artifact_dir("lab") / "saved.png"))

    status = subprocess.run(["git", "status", "--porcelain", "notebooks"], cwd=ROOT, capture_output=True, text=True)
    assert status.stdout == ""
    after = kit_files()
    took_it_in = [path for path, data in after.items() if ANSWER.encode() in data and ANSWER.encode() not in before.get(path, b"")]
    assert took_it_in == []  # (this test file holds the answer from the start)
    # JupyterLab's own checkpoint copies (git-ignored) may change; they were searched for the answer above
    changed = [path for path in before if path in after and after[path] != before[path] and ".ipynb_checkpoints" not in path]
    assert changed == []
    assert saved_role(lab) == ANSWER  # the answer is where it belongs: the learner's workbook


def test_an_answer_typed_in_jupyterlab_is_on_disk_and_back_after_a_reload(lab, lab_page):
    page = lab_page
    open_notebook(page, lab)
    run_all(page)
    type_answer(page, lab)
    page.screenshot(path=str(artifact_dir("lab") / "typed.png"))

    delete_sessions(lab)
    page.reload()
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=60_000)
    assert page.locator(ROLE_BOX).count() == 0, "nothing is shown before the notebook runs again"
    assert "Error displaying widget" not in page.locator(".jp-Notebook").first.inner_text()
    run_all(page)
    restored = page.locator(ROLE_BOX).first
    restored.wait_for(state="visible", timeout=90_000)
    assert restored.input_value() == ANSWER
    page.screenshot(path=str(artifact_dir("lab") / "restored.png"))
