"""The facilitator's live room view in Voilà (``careerkit room view``'s own command line): the chart
appears by itself when the third person shares, and goes back to "waiting" when one withdraws."""

from __future__ import annotations

import time

import pytest

from browser.builtsite import Server, artifact_dir, free_port
from browser.servers import server_env
from careerkit.content import demo_answers
from careerkit.room.launch import room_notebook, view_command, view_env

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def room_view(tmp_path, room_server):
    port = free_port()
    (tmp_path / "voila-connections").mkdir()
    argv = view_command(port, browser=False, extra=[f"--Voila.connection_dir_root={tmp_path / 'voila-connections'}"])
    env = {**view_env(room_server.url, room_server.token), **server_env(tmp_path, tmp_path / "home")}
    server = Server(argv, env, tmp_path / "voila.log", cwd=room_notebook().parent)
    url = f"http://127.0.0.1:{port}"
    server.wait_until_up(f"{url}/voila/static/voila.js")
    yield url
    server.stop()


def test_the_room_view_redraws_by_itself_in_voila(room_view, room_server, browser):
    ratings = demo_answers()["lanes.ratings"]
    people = [room_server.join() for _ in range(3)]
    for person in people[:2]:
        person.share("lanes.ratings", dict(ratings, why="Growth is where my energy goes every week"), quote=True)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    try:
        page.goto(room_view + "/")
        state = page.locator(".ck-room-lanes-ratings .ck-room-state")
        state.wait_for(state="visible", timeout=120_000)
        assert "Waiting for more answers: 2 of the 3 people needed" in state.inner_text()
        text = page.locator("body").inner_text()
        assert "show_room" not in text and "import" not in text  # no code on screen
        assert page.locator(".ck-room-lanes-ratings img").count() == 0  # no breakdown below k
        page.screenshot(path=str(artifact_dir("room") / "room_waiting.png"), full_page=True)

        shared = time.monotonic()
        people[2].share("lanes.ratings", ratings)
        page.locator(".ck-room-lanes-ratings .ck-room-state", has_text="3 people shared this").wait_for(timeout=10_000)
        page.locator(".ck-room-lanes-ratings img").first.wait_for(timeout=10_000)
        to_chart = time.monotonic() - shared
        assert to_chart < 2.0, f"the chart took {to_chart:.2f} s to appear"
        assert "The lane each person picked" in page.locator(".ck-room-lanes-ratings").inner_text()
        quotes = page.locator(".ck-room-lanes-ratings button", has_text="Reveal quote")
        assert quotes.count() == 2
        quotes.first.click()
        page.locator(".ck-room-lanes-ratings blockquote", has_text="Growth is where my energy goes").wait_for(timeout=10_000)
        page.screenshot(path=str(artifact_dir("room") / "room_live.png"), full_page=True)

        withdrawn = time.monotonic()
        people[0].withdraw()
        page.locator(".ck-room-lanes-ratings .ck-room-state", has_text="Waiting for more answers").wait_for(timeout=10_000)
        assert time.monotonic() - withdrawn < 2.0
        print(f"room view: {to_chart:.2f} s from the third share to the chart")
    finally:
        context.close()
