"""A participant on a laptop joins the facilitator's room from 00_welcome in the app (Voilà), as they would:
address and code typed into the boxes, Join pressed; the workbook keeps the room's secret, and a share
ticked afterwards reaches the room."""

from __future__ import annotations

import pytest

from browser.builtsite import artifact_dir
from browser.servers import start_voila, wait_for
from careerkit.constants import DEFAULT_PARTICIPANT
from careerkit.room import sharing
from careerkit.store.workbook import Workbook

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def welcome(tmp_path):
    running = start_voila(tmp_path, "00")
    yield running
    running.server.stop()


def test_joining_the_room_from_the_welcome_notebook(welcome, room_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{welcome.url}/?token={welcome.token}")  # the app asks for its token, as a participant's link carries it
        join = page.locator(".ck-join-room")
        join.wait_for(state="visible", timeout=120_000)
        join.locator("input[type='text']").nth(0).fill(room_server.url)
        join.locator("input[type='text']").nth(1).fill("WRONG-00")
        join.locator("button", has_text="Join the room").click()
        join.locator(".ck-problem", has_text="no room with this code").wait_for(timeout=30_000)
        join.locator("input[type='text']").nth(1).fill(room_server.code)
        join.locator("button", has_text="Join the room").click()
        join.locator(".ck-saved", has_text="You have joined the room").wait_for(timeout=30_000)
        join.scroll_into_view_if_needed()
        page.screenshot(path=str(artifact_dir("room") / "welcome_join.png"))
        book = Workbook(DEFAULT_PARTICIPANT, welcome.home)
        settings = wait_for(lambda: sharing.joined(book), 30, "the room's secret beside the workbook")
        assert settings["url"] == room_server.url and len(settings["token"]) >= 40
        assert room_server.facilitator.view(k=2)["joined"] == 1
    finally:
        context.close()
