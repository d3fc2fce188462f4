"""A learner in JupyterLab: opens 01_versioning, runs it, types an answer, reloads, finds it again."""

from __future__ import annotations

import json
import urllib.request

import pytest

from browser.builtsite import artifact_dir
from browser.servers import start_lab, wait_for
from careerkit.constants import DEFAULT_PARTICIPANT
from careerkit.workbook import Workbook

pytestmark = pytest.mark.timeout(240)

NOTEBOOK = "01_versioning.ipynb"
ANSWER = "Head of Product at a climate start-up"
ROLE_BOX = ".ck-versioning-end-state input[type='text']"
KERNEL_IDLE = """() => {
  const item = document.querySelector('#jp-main-statusbar .jp-StatusBar-TextItem[title^="Change kernel"]');
  return item !== null && item.textContent.includes('Idle');
}"""


@pytest.fixture
def lab(tmp_path):
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


def run_all(page) -> None:
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    # Not awaited: the command resolves only once every cell has run.
    page.evaluate("void window.jupyterapp.commands.execute('notebook:run-all-cells')")


def saved_role(lab) -> str | None:
    answer = Workbook(DEFAULT_PARTICIPANT, lab.home).get("versioning.end_state")
    return answer and answer.get("role")


def delete_sessions(lab) -> None:
    """Shut the kernel down, so what the page shows after reload can only come from the workbook on disk."""
    auth = {"Authorization": f"token {lab.token}"}
    with urllib.request.urlopen(urllib.request.Request(f"{lab.url}/api/sessions", headers=auth)) as reply:
        sessions = json.load(reply)
    for session in sessions:
        request = urllib.request.Request(f"{lab.url}/api/sessions/{session['id']}", headers=auth, method="DELETE")
        urllib.request.urlopen(request).close()


def test_an_answer_typed_in_jupyterlab_is_on_disk_and_back_after_a_reload(lab, lab_page):
    page = lab_page
    page.goto(f"{lab.url}/lab/tree/{NOTEBOOK}?token={lab.token}")
    run_all(page)
    role = page.locator(ROLE_BOX).first
    role.wait_for(state="visible", timeout=90_000)
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)
    role.click()
    role.press_sequentially(ANSWER, delay=15)
    wait_for(lambda: saved_role(lab) == ANSWER, 30, "the answer in the workbook file")
    page.screenshot(path=str(artifact_dir("lab") / "typed.png"))

    delete_sessions(lab)
    page.reload()
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=60_000)
    assert page.locator(ROLE_BOX).count() == 0, "nothing is shown before the notebook runs again"
    run_all(page)
    restored = page.locator(ROLE_BOX).first
    restored.wait_for(state="visible", timeout=90_000)
    assert restored.input_value() == ANSWER
    page.screenshot(path=str(artifact_dir("lab") / "restored.png"))
    book = json.loads(Workbook(DEFAULT_PARTICIPANT, lab.home).path.read_text(encoding="utf-8"))
    assert book["answers"]["versioning.end_state"]["value"]["role"] == ANSWER
