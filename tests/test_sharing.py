"""Consented sharing, as participants and a facilitator live it: join the room, tick share, untick it,
keep working while the room is down. A real standalone room on loopback answers every call."""

from __future__ import annotations

import json
import stat
import time

import pytest

from careerkit.errors import CareerkitError
from careerkit.modules import exercise_class
from careerkit.room import cohort, sharing
from careerkit.store.workbook import Workbook

CANARY = "PRIVATE-CANARY-7f3a91"
END_STATE = {"role": "CPO", "builder": "A builder of teams", "horizon_years": 15, "why": "Impact"}
STAY = {"learning_left": 6, "story_value": 7, "cost": 4, "short_term_reasons": ["boss"], "notes": ""}


def rows(room_server) -> list[dict]:
    return room_server.facilitator.export()["rows"]


def participant(make_workbook, room_server, name, shared=()):
    book = make_workbook(name, {"versioning.end_state": dict(END_STATE, why=f"{name}'s own reason"),
                                "versioning.stay_or_go": STAY})
    sharing.join(book, room_server.url, room_server.code)
    for key in shared:
        sharing.share(book, key)
    return book


def test_only_shared_answers_reach_the_room_under_a_pseudonym_it_drew(make_workbook, room_server):
    book = make_workbook("Ana Lima", {"versioning.end_state": END_STATE, "versioning.stay_or_go": dict(STAY, notes=CANARY)})
    assert sharing.join(book, room_server.url, room_server.code.lower()).sent
    assert sharing.share(book, "versioning.end_state").sent
    shared = rows(room_server)
    assert [r["key"] for r in shared] == ["versioning.end_state"]
    assert shared[0]["participant"].startswith("p-") and shared[0]["value"]["horizon_years"] == 15
    text = json.dumps(shared)
    assert CANARY not in text and "Ana" not in text and "ana_lima" not in text
    settings = sharing.state_file(book)
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600  # the workbook's room secret is the participant's only
    assert list(sharing.published(book)) == ["versioning.end_state"]


def test_unsharing_deletes_the_answer_in_the_room(make_workbook, room_server):
    book = participant(make_workbook, room_server, "Ana", shared=["versioning.end_state", "versioning.stay_or_go"])
    assert len(rows(room_server)) == 2
    sharing.share(book, "versioning.stay_or_go", False)
    assert [r["key"] for r in rows(room_server)] == ["versioning.end_state"]
    sharing.withdraw(book)
    assert rows(room_server) == [] and book.shared_answers() == {} and sharing.published(book) == {}


def test_quote_consent_is_sent_and_kept_across_republishing(make_workbook, room_server):
    book = participant(make_workbook, room_server, "Ana", shared=["versioning.end_state"])
    sharing.set_quote(book, "versioning.end_state", True)
    sharing.share(book, "versioning.stay_or_go")
    assert sharing.published(book) == {"versioning.end_state": {"quote": True}, "versioning.stay_or_go": {"quote": False}}
    view = room_server.facilitator.view(k=2)["exercises"]
    assert view["versioning.end_state"]["people"] == 1  # one person: the view waits, whatever they consented to


def test_without_a_room_the_choice_is_kept_and_sent_on_joining(make_workbook, room_server):
    book = make_workbook("Ana", {"versioning.end_state": END_STATE})
    assert sharing.share(book, "versioning.end_state").state == "no_room"
    assert book.answers()["versioning.end_state"].shared is True and rows(room_server) == []
    sharing.join(book, room_server.url, room_server.code)
    assert [r["key"] for r in rows(room_server)] == ["versioning.end_state"]


def test_while_the_room_is_down_answers_wait_in_the_workbook_and_are_sent_when_it_is_back(make_workbook, tmp_path,
                                                                                         monkeypatch):
    from roomserver import RunningRoom

    monkeypatch.setattr(sharing, "RETRY_S", (0.2, 0.2))
    first = RunningRoom(tmp_path / "room")
    book = participant(make_workbook, first, "Ana", shared=["versioning.end_state"])
    url = first.url
    first.stop()
    outcome = sharing.share(book, "versioning.stay_or_go")
    assert outcome.state == "pending" and "cannot be reached" in outcome.problems[0]
    assert book.answers()["versioning.stay_or_go"].shared is True
    assert list(sharing.published(book)) == ["versioning.end_state"]
    # the facilitator restarts the room on the same port and data folder: nothing is lost, the answer arrives
    port = int(url.rsplit(":", 1)[1].strip("/"))
    again = RunningRoom.on_port(tmp_path / "room", port)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (len(rows(again)) < 2 or len(sharing.published(book)) < 2):
            time.sleep(0.2)
        assert sorted(r["key"] for r in rows(again)) == ["versioning.end_state", "versioning.stay_or_go"]
        assert sorted(sharing.published(book)) == ["versioning.end_state", "versioning.stay_or_go"]
    finally:
        again.stop()


def test_a_wrong_code_or_address_is_a_sentence(make_workbook, room_server):
    book = make_workbook("Ana")
    with pytest.raises(CareerkitError, match="no room with this code"):
        sharing.join(book, room_server.url, "ZZZ-ZZZ")
    with pytest.raises(CareerkitError, match="http"):
        sharing.join(book, "room.example", room_server.code)
    with pytest.raises(CareerkitError, match="cannot be reached"):
        sharing.join(book, "http://127.0.0.1:9/", room_server.code)
    assert sharing.joined(book) == {}


def test_share_unshare_collect_round_trip_across_several_workbooks(make_workbook, room_server, tmp_path):
    from careerkit.room.export import write_export

    ana = participant(make_workbook, room_server, "Ana", shared=["versioning.end_state", "versioning.stay_or_go"])
    participant(make_workbook, room_server, "Ben", shared=["versioning.end_state"])
    participant(make_workbook, room_server, "Chen", shared=[])
    dee = participant(make_workbook, room_server, "Dee", shared=["versioning.stay_or_go"])
    table = cohort.collect(room_server.url, token=room_server.token).table
    assert len(table) == 4 and table["participant"].nunique() == 3
    assert sorted(table.groupby("key").size().items()) == [("versioning.end_state", 2), ("versioning.stay_or_go", 2)]
    sharing.share(ana, "versioning.stay_or_go", False)
    sharing.share(dee, "versioning.stay_or_go", False)
    export = write_export(rows(room_server), tmp_path / "room.json")
    result = cohort.collect(export)
    assert sorted(result.table["key"]) == ["versioning.end_state", "versioning.end_state"]
    assert result.participants == 2 and result.problems == []


# the share box under every exercise
def test_share_box_is_off_and_disabled_until_there_is_an_answer(make_workbook, room_server):
    book = make_workbook("Ana")
    sharing.join(book, room_server.url, room_server.code)
    view = exercise_class("versioning.end_state")(book)
    assert view.sharing.share.value is False and view.sharing.share.disabled is True
    view.role.value = "CPO"
    assert view.sharing.share.disabled is False and view.sharing.share.value is False
    assert rows(room_server) == []


def test_ticking_share_sends_editing_refreshes_and_unticking_withdraws(make_workbook, room_server):
    book = make_workbook("Ana")
    sharing.join(book, room_server.url, room_server.code)
    view = exercise_class("versioning.end_state")(book)
    view.role.value = "CPO"
    view.sharing.share.value = True
    assert "Shared with the group under a pseudonym" in view.sharing.note.value
    assert [(r["value"]["role"], r["value"]["horizon_years"]) for r in rows(room_server)] == [("", 15)]  # words kept home
    view.horizon.value = 12
    assert [r["value"]["horizon_years"] for r in rows(room_server)] == [12]  # an edit of a shared answer is sent
    view.sharing.quote.value = True
    assert [r["value"]["role"] for r in rows(room_server)] == ["CPO"]  # quoting allowed: the words are sent
    view.role.value = "VP Product"
    assert [r["value"]["role"] for r in rows(room_server)] == ["VP Product"]

    again = exercise_class("versioning.end_state")(Workbook("Ana", book.home))
    assert again.sharing.share.value is True and again.sharing.quote.value is True
    again.sharing.share.value = False
    assert again.sharing.quote.value is False and again.sharing.quote.disabled is True
    assert rows(room_server) == [] and "withdrawn" in again.sharing.note.value


def test_sharing_before_joining_says_so_and_keeps_the_choice(make_workbook):
    book = make_workbook("Ana", {"versioning.end_state": END_STATE})
    view = exercise_class("versioning.end_state")(book)
    view.sharing.share.value = True
    assert "once you join the room" in view.sharing.note.value
    assert book.answers()["versioning.end_state"].shared is True


def test_unticking_an_answer_that_never_reached_the_group_says_private_not_withdrawn(make_workbook, room_server):
    book = make_workbook("Ana", {"versioning.end_state": END_STATE})
    view = exercise_class("versioning.end_state")(book)
    view.sharing.share.value = True  # no room joined yet: marked, never sent
    view.sharing.share.value = False
    assert "Private: only you can see this answer" in view.sharing.note.value
    assert "withdrawn" not in view.sharing.note.value
    sharing.join(book, room_server.url, room_server.code)
    view.sharing.share.value = True
    assert "Shared with the group" in view.sharing.note.value
    view.sharing.share.value = False  # this one was in the room: it is withdrawn, and says so
    assert "withdrawn from the group" in view.sharing.note.value and rows(room_server) == []


def test_an_unreachable_room_is_a_sentence_beside_the_box_and_typing_still_saves(make_workbook, monkeypatch):
    monkeypatch.setenv("CAREERKIT_ROOM_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv("CAREERKIT_ROOM_TOKEN", "hub-token")
    monkeypatch.setattr(sharing, "RETRY_S", (3600,))
    book = make_workbook("Ana", {"versioning.end_state": END_STATE})
    view = exercise_class("versioning.end_state")(book)
    view.sharing.share.value = True
    assert "cannot be reached right now" in view.sharing.note.value and "safe in your workbook" in view.sharing.note.value
    assert "Traceback" not in view.sharing.note.value
    view.role.value = "Still saved"
    assert book.get("versioning.end_state")["role"] == "Still saved"
    sharing._cancel_retry(book)


def test_nothing_private_is_ever_sent_to_the_room(make_workbook, room_server):
    book = make_workbook("Ana", {"versioning.end_state": dict(END_STATE, why=CANARY), "versioning.stay_or_go": STAY})
    sharing.join(book, room_server.url, room_server.code)
    view = exercise_class("versioning.stay_or_go")(book)
    view.sharing.share.value = True
    private = exercise_class("versioning.end_state")(book)
    private.role.value = "Edited while private " + CANARY
    shared = rows(room_server)
    assert [r["key"] for r in shared] == ["versioning.stay_or_go"]  # something was shared ...
    assert CANARY not in json.dumps(shared)  # ... and it holds no canary
    assert CANARY not in json.dumps(room_server.facilitator.view(k=2))
    from sqlalchemy import select

    from careerkit.room.store import metadata

    with room_server.room.engine.connect() as conn:
        tables = json.dumps([[list(map(str, r)) for r in conn.execute(select(t))] for t in metadata.sorted_tables])
    assert "versioning.stay_or_go" in tables and CANARY not in tables


def test_a_private_by_design_exercise_is_refused_on_every_path(make_workbook, room_server):
    from careerkit.content import demo_answers

    rabbit = demo_answers()["act3.rabbit"]
    book = make_workbook("Ana", {"act3.rabbit": rabbit, "versioning.stay_or_go": STAY})
    sharing.join(book, room_server.url, room_server.code)
    with pytest.raises(CareerkitError, match="private by design"):
        sharing.share(book, "act3.rabbit")
    assert book.answers()["act3.rabbit"].shared is False
    view = exercise_class("act3.rabbit")(book)
    assert view.sharing.box not in view.box.children and view.sharing.share.disabled
    view.sharing.share.value = True  # even when forced, nothing is shared
    assert view.sharing.share.value is False and not book.answers()["act3.rabbit"].shared
    book.set_shared("act3.rabbit", True)  # a workbook edited by hand, then published
    sharing.share(book, "versioning.stay_or_go")
    assert [r["key"] for r in rows(room_server)] == ["versioning.stay_or_go"]
    with pytest.raises(CareerkitError, match="private by design"):
        room_server.join().share("act3.rabbit", rabbit)  # and the room itself refuses it from any client
    assert [r["key"] for r in rows(room_server)] == ["versioning.stay_or_go"]


# joining in 00_welcome
def test_a_participant_joins_with_the_code_and_already_shared_answers_reach_the_room(monkeypatch, room_server):
    from careerkit.modules.welcome.views import RoomPicker
    from careerkit.store import session

    monkeypatch.setenv("CAREERKIT_PARTICIPANT", "Ana")
    book = session.workbook()
    book.save_answer("versioning.end_state", END_STATE)
    book.set_shared("versioning.end_state", True)
    picker = RoomPicker()
    picker.url.value, picker.code.value = room_server.url, "WRONG-1"
    assert picker.choose() is False and "no room with this code" in picker.message.value
    picker.code.value = room_server.code
    assert picker.choose() is True and "joined the room" in picker.message.value
    assert picker.code.value == ""
    assert [r["key"] for r in rows(room_server)] == ["versioning.end_state"]
    again = RoomPicker()
    assert again.url.value == room_server.url and "You have joined" in again.message.value


def test_on_a_prepared_hub_the_join_box_is_greyed_out(monkeypatch):
    from careerkit.modules.welcome.views import RoomPicker

    monkeypatch.setenv("CAREERKIT_ROOM_URL", "http://127.0.0.1:9/services/careerkit-room/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "t")
    picker = RoomPicker()
    assert picker.url.disabled and picker.code.disabled and picker.button.disabled
    assert "in the workshop's room already" in picker.message.value and picker.choose() is False


@pytest.mark.timeout(30)
@pytest.mark.parametrize("damage", ["fifo", "folder", "deep", "bytes"])
def test_a_damaged_room_settings_file_is_no_settings_never_a_hang_or_a_traceback(make_workbook, room_server, damage):
    import os

    book = make_workbook("Ana", {"versioning.end_state": END_STATE})
    settings = sharing.state_file(book)
    settings.parent.mkdir(parents=True, exist_ok=True)
    if damage == "fifo":
        os.mkfifo(settings)  # a read would wait for a writer forever
    elif damage == "folder":
        settings.mkdir()
    else:
        settings.write_bytes(b"[" * 200_000 if damage == "deep" else b"\xff\xfe\x00junk")
    assert sharing.joined(book) == {} and sharing.published(book) == {}
    if damage in ("deep", "bytes"):  # joining again replaces what cannot be read, atomically and privately
        assert sharing.join(book, room_server.url, room_server.code).problems == []
        assert sharing.joined(book)["url"] == room_server.url
        assert stat.S_IMODE(settings.stat().st_mode) == 0o600
        assert stat.S_IMODE(settings.parent.stat().st_mode) == 0o700
