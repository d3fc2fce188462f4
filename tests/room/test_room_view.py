"""The facilitator's live view: it redraws by itself after a share or a withdrawal, waits below k, and its
moderation controls act on the room."""

from __future__ import annotations

import time

import pytest

from careerkit.content import demo_answers
from careerkit.room.view import RoomView
from careerkit.ui.exercise import plain_text

DEMO = demo_answers()
RATINGS = DEMO["lanes.ratings"]


def wait_until(check, seconds: float = 5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return time.monotonic()
        time.sleep(0.02)
    raise AssertionError("the view did not update in time")


@pytest.fixture
def people(room_server):
    return [room_server.join() for _ in range(4)]


def text_of(view: RoomView) -> str:
    return plain_text(view.header.value + "".join(
        panel.state.value + panel.charts.value + panel.quotes.value for panel in view.panels.values()))


def test_the_view_updates_by_itself_within_two_seconds_of_a_share_and_of_a_withdrawal(room_server, people):
    for person in people[:2]:
        person.share("lanes.ratings", RATINGS)
    view = RoomView(room_server.facilitator, k=3)
    try:
        assert "Waiting for more answers: 2 of the 3 people needed" in text_of(view)
        assert view.panels["lanes.ratings"].charts.value == ""  # no breakdown below k
        shared = time.monotonic()
        people[2].share("lanes.ratings", RATINGS)
        drawn = wait_until(lambda: "3 people shared this" in text_of(view))
        assert drawn - shared < 2.0
        assert "The lane each person picked" in view.panels["lanes.ratings"].charts.value
        assert "data:image/png;base64," in view.panels["lanes.ratings"].charts.value
        withdrawn = time.monotonic()
        people[0].withdraw("lanes.ratings")
        drawn = wait_until(lambda: "Waiting for more answers: 2 of the 3" in text_of(view))
        assert drawn - withdrawn < 2.0 and view.panels["lanes.ratings"].charts.value == ""
    finally:
        view.close()


def test_moderation_from_the_view_freezes_holds_resets_and_reveals_quotes(room_server, people):
    words = "I pick growth because it gives me energy every week"
    for person in people[:3]:
        person.share("lanes.ratings", dict(RATINGS, why=words), quote=True)
    view = RoomView(room_server.facilitator, k=3, live=False)
    panel = view.panels["lanes.ratings"]
    assert words not in panel.quotes.value  # consented, not yet revealed: not on the projected part
    reveal = [row.children[0] for row in panel.moderation.children[1:]]
    assert [button.description for button in reveal] == ["Reveal quote"] * 3
    reveal[0].click()
    assert panel.quotes.value.count(words) == 1
    assert "p-" not in panel.quotes.value  # quotes carry no pseudonym on screen

    panel.hold.value = True
    assert "Results hidden until you reveal them" in text_of(view) and panel.charts.value == ""
    panel.hold.value = False
    assert "The lane each person picked" in panel.charts.value

    panel.freeze.value = True
    people[3].share("lanes.ratings", RATINGS)
    view.refresh()
    assert "3 people shared this" in text_of(view) and "Frozen" in text_of(view)
    panel.freeze.value = False
    assert "4 people shared this" in text_of(view)

    panel.reset.click()
    assert panel.reset.description == "Click again to reset" and len(room_server.facilitator.export()["rows"]) == 4
    panel.reset.click()
    assert room_server.facilitator.export()["rows"] == [] and "lanes.ratings" not in view.panels
    assert "Nobody has shared anything yet" in plain_text(view.board.children[0].value)


def test_without_a_room_or_with_a_wrong_token_the_view_says_so(room_server, monkeypatch):
    from careerkit.room.client import RoomClient

    monkeypatch.delenv("CAREERKIT_ROOM_URL", raising=False)
    assert "No room to show" in RoomView(live=False).message.value
    wrong = RoomView(RoomClient(room_server.url, "not-the-token"), live=False)
    assert "does not know this token" in wrong.message.value and wrong.panels == {}
    participant = RoomView(room_server.join(), live=False)
    assert "Only the room&#x27;s facilitators" in participant.message.value and participant.panels == {}


def test_the_room_notebook_is_stored_clean_and_is_one_call():
    import json

    from careerkit.room.launch import room_notebook, view_command

    nb = json.loads(room_notebook().read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert [("".join(c["source"]).strip().splitlines()[-1]) for c in code] == ["show_room(k=3)"]
    assert all(c["outputs"] == [] and "hide-input" in c["metadata"]["tags"] for c in code)
    argv = view_command(port=9999, browser=False)
    assert str(room_notebook()) in argv and "--Voila.ip=127.0.0.1" in argv and "--strip_sources=True" in argv
