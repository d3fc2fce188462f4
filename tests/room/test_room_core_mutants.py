"""The room's core as participants and a facilitator meet it, exactly: each refusal's status, code and sentence,
what each call returns, what one room's moderation does to another room, and the live view's figures
(careerkit.room.core; found by mutation testing, `make mutate`). On SQLite and PostgreSQL, as the other room tests."""

from __future__ import annotations

import itertools
import re

import pytest

from careerkit.content import demo_answers
from careerkit.errors import RoomError
from careerkit.room import core
from careerkit.room.core import CODE_ALPHABET, RateLimiter, new_code, normalise_code

DEMO = demo_answers()
STAY = {"learning_left": 6, "story_value": 7, "cost": 4, "short_term_reasons": ["boss"], "notes": ""}
RATINGS = "lanes.ratings"
NO_ROOM = "There is no room with this code; check the code on the facilitator's screen."


def refused(call, status, code, message=None):
    with pytest.raises(RoomError) as caught:
        call()
    assert (caught.value.status, caught.value.code) == (status, code), caught.value.message
    if message is not None:
        assert caught.value.message == message
    return caught.value


def said(who):
    return dict(STAY, notes=f"{who} says these several words")


# codes, tokens and the rate limit
def test_a_room_code_is_three_and_three_letters_read_aloud_without_look_alikes():
    codes = {new_code() for _ in range(50)}
    assert len(codes) > 45
    assert all(re.fullmatch(f"[{CODE_ALPHABET}]{{3}}-[{CODE_ALPHABET}]{{3}}", code) for code in codes)
    assert normalise_code(" k7m-4qx ") == "K7M4QX" and normalise_code("k7m 4qx") == "K7M4QX"
    assert normalise_code(7) == "" and normalise_code(None) == ""


def test_the_rate_limit_refills_at_its_rate_from_the_last_request():
    clock = [100.0]
    limiter = RateLimiter(per_second=2, burst=3, clock=lambda: clock[0])
    for _ in range(3):
        limiter.take("ana")
    refused(lambda: limiter.take("ana"), 429, "rate_limited",
            "Too many requests in a short time; wait a few seconds and try again.")
    clock[0] += 0.5  # one token back at two a second
    limiter.take("ana")
    refused(lambda: limiter.take("ana"), 429, "rate_limited")
    limiter.take("ben")  # another caller has their own bucket


def test_the_rate_limit_forgets_callers_idle_for_a_minute_once_it_holds_100000():
    clock = [0.0]
    limiter = RateLimiter(per_second=1, burst=2, clock=lambda: clock[0])
    for n in range(99_999):
        limiter.take(f"c{n}")
    clock[0] = 60.0
    limiter.take("late")
    assert len(limiter._buckets) == 100_000  # at the cap: nobody forgotten yet
    limiter.take("later")
    assert set(limiter._buckets) == {"late", "later"}  # past it: those idle 60 s and more are forgotten
    clock[0] = 119.5
    for n in range(99_998):
        limiter.take(f"d{n}")
    clock[0] = 120.0
    limiter.take("last")  # "late" and "later" were idle 60 s: forgotten; the others 0.5 s: kept
    assert "late" not in limiter._buckets and "d0" in limiter._buckets and len(limiter._buckets) == 99_999


def test_the_rooms_default_limits_are_the_documented_ones(make_room):
    room = core.Room(make_room().engine)
    assert (room.max_participants, room.joins_per_address) == (500, 1)
    assert (room.join_limiter.per_second, room.join_limiter.burst) == (1.0, 20)
    assert (room.limiter.per_second, room.limiter.burst) == (5.0, 40)


# rooms
def test_a_new_room_has_a_long_facilitator_token_and_starts_at_revision_0(make_room):
    room = make_room()
    created = room.create_room()
    assert len(created.facilitator_token) == 32 and room.revision(created.id) == 0
    assert room.room_id(created.code) == created.id
    refused(lambda: room.create_room("ABC-DEF") and room.create_room("ABC-DEF"), 409, "room_exists",
            "A room with the code ABC-DEF exists already.")
    refused(lambda: room.room_id("ZZZ-ZZZ"), 404, "no_room", NO_ROOM)


def test_twenty_taken_codes_in_a_row_give_up_with_a_sentence(make_room, monkeypatch):
    room = make_room()
    taken = room.create_room("QQQ-QQQ")
    drawn = itertools.count(1)
    monkeypatch.setattr(core, "new_code", lambda: next(drawn) and taken.code)
    refused(lambda: room.create_room(), 500, "no_code", "No free room code could be drawn; try again.")
    assert next(drawn) == 21  # drawn 20 times


def test_the_hub_room_is_one_room_beside_the_standalone_ones(make_room):
    room = make_room()
    standalone = room.create_room()
    hub = room.hub_room()
    assert hub != standalone.id and room.hub_room() == hub and room.revision(hub) == 0
    refused(lambda: room.join("hub"), 404, "no_room", NO_ROOM)  # nobody joins the hub's room with a code
    assert not room.is_facilitator_token(hub, "")


# joining
def test_a_secret_is_long_and_known_only_to_the_room_that_gave_it(make_room):
    room = make_room()
    first, second = room.create_room(), room.create_room()
    rid, secret = room.join(first.code)
    assert len(secret) == 43
    assert room.known(rid, "secret:" + secret) is True
    assert room.known(second.id, "secret:" + secret) is False
    assert room.known(rid, "secret:guessed") is False
    assert room.view(rid)["joined"] == 1  # asking who is known adds nobody


def test_an_address_is_counted_per_room_and_per_address(make_room):
    room = make_room(joins_per_address=2)
    a, b = room.create_room().code, room.create_room().code
    for code in (a, b, a, b):  # twice in each room from one laptop
        room.join(code, where="10.0.0.1")
    error = refused(lambda: room.join(a, where="10.0.0.1"), 403, "joined_already")
    assert error.message == (
        "This computer has joined the room already: your workbook keeps your place in it. If someone else needs to "
        "join from this computer, ask the facilitator (they can allow it).")
    for where in ("10.0.0.2", "10.0.0.3", "10.0.0.2", "10.0.0.3"):  # two laptops in one room
        room.join(b, where=where)


def test_an_address_that_is_no_ip_address_is_still_counted(make_room):
    room = make_room()
    code = room.create_room().code
    room.join(code, where="laptop-7.local")  # what a proxy might pass on: not this machine's loopback
    refused(lambda: room.join(code, where="laptop-7.local"), 403, "joined_already")
    room.join(code, where="::1")
    room.join(code, where="::1")  # the facilitator's own machine, in IPv6


def test_the_third_join_from_an_address_is_allowed_when_three_are(make_room):
    room = make_room(joins_per_address=3)
    code = room.create_room().code
    for _ in range(3):
        room.join(code, where="10.0.0.9")
    refused(lambda: room.join(code, where="10.0.0.9"), 403, "joined_already")


# sharing, withdrawing, what is mine
def test_share_says_whether_anything_changed(make_room):
    room = make_room()
    rid = room.hub_room()
    assert room.share(rid, "hub:ana", "versioning.stay_or_go", STAY, create=True) == {
        "key": "versioning.stay_or_go", "quote": False, "changed": True}
    before = room.revision(rid)
    assert room.share(rid, "hub:ana", "versioning.stay_or_go", STAY, create=True) == {
        "key": "versioning.stay_or_go", "quote": False, "changed": False}
    assert room.revision(rid) == before
    assert room.share(rid, "hub:ana", "versioning.stay_or_go", STAY, quote=True, create=True) == {
        "key": "versioning.stay_or_go", "quote": True, "changed": True}
    assert room.mine(rid, "hub:ana")["answers"] == {"versioning.stay_or_go": {"quote": True}}  # the consent is stored
    refused(lambda: room.share(rid, "hub:nobody", "versioning.stay_or_go", STAY), 403, "not_joined",
            "You have not joined this room; join it with the room code first.")
    refused(lambda: room.share(rid, "hub:ana", "versioning.stay_or_go", STAY, quote="yes", create=True),
            400, "bad_quote", "'quote' is true or false.")


def test_withdraw_and_mine_speak_only_of_the_caller(make_room):
    room = make_room()
    rid = room.hub_room()
    assert room.mine(rid, "hub:ana") == {"pseudonym": None, "answers": {}}
    assert room.withdraw(rid, "hub:ana") == 0
    assert room.mine(rid, "hub:ana") == {"pseudonym": None, "answers": {}}  # still nobody: nothing was created
    room.share(rid, "hub:ana", "versioning.stay_or_go", STAY, quote=True, create=True)
    room.share(rid, "hub:ana", "versioning.end_state", {"role": "CPO", "horizon_years": 9}, create=True)
    room.share(rid, "hub:ben", RATINGS, DEMO[RATINGS], create=True)
    ana = room.mine(rid, "hub:ana")
    assert ana["pseudonym"].startswith("p-")
    assert ana["answers"] == {"versioning.stay_or_go": {"quote": True}, "versioning.end_state": {"quote": False}}
    refused(lambda: room.withdraw(rid, "hub:ana", 7), 400, "bad_key", "An exercise is named like 'versioning.roadmap'.")
    assert room.withdraw(rid, "hub:ana", "versioning.end_state") == 1
    assert room.mine(rid, "hub:ana")["answers"] == {"versioning.stay_or_go": {"quote": True}}
    assert room.mine(rid, "hub:ben")["answers"] == {RATINGS: {"quote": False}}


def test_a_flood_of_withdrawals_is_slowed_down_per_caller(make_room):
    clock = [0.0]
    room = make_room(limiter=RateLimiter(per_second=1, burst=2, clock=lambda: clock[0]))
    rid = room.hub_room()
    room.withdraw(rid, "hub:ana")
    room.withdraw(rid, "hub:ana")
    refused(lambda: room.withdraw(rid, "hub:ana"), 429, "rate_limited")
    room.withdraw(rid, "hub:ben")


def test_the_export_is_ordered_by_exercise_then_pseudonym(make_room):
    names = iter(["p-bbbb", "p-aaaa", "p-cccc"])
    room = make_room(draw=lambda: next(names))
    rid = room.hub_room()
    for who in ("hub:b", "hub:a", "hub:c"):
        room.share(rid, who, "versioning.stay_or_go", STAY, create=True)
    room.share(rid, "hub:c", "versioning.end_state", {"role": "CPO", "horizon_years": 9}, create=True)
    assert [(r["key"], r["participant"]) for r in room.export(rid)] == [
        ("versioning.end_state", "p-cccc"), ("versioning.stay_or_go", "p-aaaa"), ("versioning.stay_or_go", "p-bbbb"),
        ("versioning.stay_or_go", "p-cccc")]


def test_a_taken_pseudonym_is_drawn_again_and_twenty_taken_give_up(make_room):
    names = iter(["p-same", "p-same", "p-next"])
    room = make_room(draw=lambda: next(names))
    rid = room.hub_room()
    room.share(rid, "hub:ana", "versioning.stay_or_go", STAY, create=True)
    room.share(rid, "hub:ben", "versioning.stay_or_go", STAY, create=True)
    assert sorted(r["participant"] for r in room.export(rid)) == ["p-next", "p-same"]
    stuck = make_room(draw=lambda: "p-same")
    refused(lambda: stuck.share(rid, "hub:cy", "versioning.stay_or_go", STAY, create=True), 500, "no_pseudonym",
            "No free pseudonym could be drawn; try again.")
    other = stuck.create_room()
    stuck.share(other.id, "hub:cy", "versioning.stay_or_go", STAY, create=True)  # taken in one room, free in another
    assert [r["participant"] for r in stuck.export(other.id)] == ["p-same"]


# the live view
def test_the_view_counts_who_joined_and_who_shares_in_this_room_only(make_room):
    room = make_room()
    rid = room.hub_room()
    other = room.create_room()
    room.join(other.code)
    room.share(rid, "hub:ana", "versioning.stay_or_go", STAY, create=True)
    room.share(rid, "hub:ana", RATINGS, DEMO[RATINGS], create=True)
    room.share(rid, "hub:ben", "versioning.stay_or_go", STAY, create=True)
    room.withdraw(rid, "hub:ben")
    view = room.view(rid, k=2)
    assert {k: v for k, v in view.items() if k != "exercises"} == {
        "revision": room.revision(rid), "k": 2, "joined": 2, "sharing": 1}
    assert sorted(view["exercises"]) == [RATINGS, "versioning.stay_or_go"]
    assert room.view(rid, k=2) == view  # asked again with nothing changed
    assert room.view(other.id, k=2) == {"revision": 0, "k": 2, "joined": 1, "sharing": 0, "exercises": {}}
    for k in (True, 2.0, "3"):
        refused(lambda k=k: room.view(rid, k=k), 400, "bad_k",
                "k is a whole number of at least 2: a group of one is a person.")


def test_quotes_in_the_view_are_in_the_order_their_words_were_last_changed(make_room):
    names = iter(["p-ana", "p-ben", "p-cy"])
    room = make_room(draw=lambda: next(names))
    rid = room.hub_room()
    for who in ("ana", "ben", "cy"):
        room.share(rid, f"hub:{who}", "versioning.stay_or_go", said(who), quote=True, create=True)
    room.share(rid, "hub:ana", "versioning.stay_or_go", said("ana again"), quote=True, create=True)
    room.moderate(rid, "reveal_quote", "versioning.stay_or_go", "p-ben")
    quotes = room.view(rid, k=3)["exercises"]["versioning.stay_or_go"]["quotes"]
    assert [(q["participant"], q["revealed"]) for q in quotes] == [("p-ben", True), ("p-cy", False), ("p-ana", False)]
    assert quotes[2]["texts"] == ["ana again says these several words"]


def test_held_results_show_no_charts_and_a_frozen_chart_keeps_its_quotes(make_room):
    names = iter(["p-ana", "p-ben", "p-cy"])
    room = make_room(draw=lambda: next(names))
    rid = room.hub_room()
    for who in ("ana", "ben", "cy"):
        room.share(rid, f"hub:{who}", RATINGS, DEMO[RATINGS], quote=True, create=True)
    shown = room.view(rid, k=3)["exercises"][RATINGS]
    assert shown["distributions"] and shown["results_hidden"] is False
    room.moderate(rid, "hide_results", RATINGS)
    held = room.view(rid, k=3)["exercises"][RATINGS]
    assert held["distributions"] == [] and held["results_hidden"] is True and held["people"] == 3
    room.moderate(rid, "reveal_results", RATINGS)
    room.moderate(rid, "reveal_quote", RATINGS, "p-ben")
    room.moderate(rid, "freeze", RATINGS)
    frozen = room.view(rid, k=3)["exercises"][RATINGS]
    assert frozen["frozen"] is True and frozen["distributions"] == shown["distributions"]
    assert [(q["participant"], q["revealed"]) for q in frozen["quotes"]] == [
        (q["participant"], q["participant"] == "p-ben") for q in shown["quotes"]]
    assert frozen["quotes"]


def test_moderation_in_one_room_leaves_another_room_alone(make_room):
    names = itertools.cycle(["p-ana", "p-ben", "p-cy"])
    room = make_room(draw=lambda: next(names))
    one, two = room.hub_room(), room.create_room().id
    for rid in (one, two):
        for who in ("ana", "ben", "cy"):
            room.share(rid, f"hub:{who}", "versioning.stay_or_go", said(who), quote=True, create=True)
        room.moderate(rid, "hide_results", "versioning.stay_or_go")
        room.moderate(rid, "hide_results", RATINGS)
    room.moderate(one, "reveal_quote", "versioning.stay_or_go", "p-ana")
    assert [r["quote"] for r in room.export(two) if r["participant"] == "p-ana"] == [False]
    room.moderate(one, "reset", "versioning.stay_or_go")
    assert room.export(one) == [] and len(room.export(two)) == 3
    assert room.view(two, k=3)["exercises"]["versioning.stay_or_go"]["results_hidden"] is True
    assert room.view(one, k=3)["exercises"][RATINGS]["results_hidden"] is True  # only the reset exercise is cleared
    assert "versioning.stay_or_go" not in room.view(one, k=3)["exercises"]
    assert room.view(two, k=3)["exercises"][RATINGS] == {
        "people": 0, "waiting": True, "frozen": False, "results_hidden": True, "distributions": [], "quotes": []}


def test_a_pseudonym_from_another_room_reveals_nothing_here(make_room):
    names = itertools.cycle(["p-ana", "p-ben"])
    room = make_room(draw=lambda: next(names))
    one, two = room.hub_room(), room.create_room().id
    room.share(one, "hub:ana", "versioning.stay_or_go", said("ana"), quote=True, create=True)
    room.share(two, "hub:ben", "versioning.stay_or_go", said("ben"), quote=True, create=True)  # p-ben in room two
    refused(lambda: room.moderate(one, "reveal_quote", "versioning.stay_or_go", "p-ben"), 404, "no_quote",
            "There is no such quote in this room (it may have been withdrawn).")
    assert [r["quote"] for r in room.export(two)] == [False]


def test_a_quote_is_revealed_for_one_exercise_and_only_with_consent(make_room):
    names = iter(["p-ana", "p-ben"])
    room = make_room(draw=lambda: next(names))
    rid = room.hub_room()
    room.share(rid, "hub:ana", "versioning.stay_or_go", said("ana"), quote=True, create=True)
    room.share(rid, "hub:ana", "versioning.end_state", {"role": "CPO", "why": "To teach", "horizon_years": 9},
               quote=True, create=True)
    room.share(rid, "hub:ben", "versioning.stay_or_go", said("ben"), quote=False, create=True)
    assert room.moderate(rid, "reveal_quote", "versioning.stay_or_go", "p-ana") == {
        "action": "reveal_quote", "key": "versioning.stay_or_go"}
    assert {(r["participant"], r["key"]): r["quote"] for r in room.export(rid)} == {
        ("p-ana", "versioning.end_state"): False, ("p-ana", "versioning.stay_or_go"): True,
        ("p-ben", "versioning.stay_or_go"): False}
    refused(lambda: room.moderate(rid, "reveal_quote", "versioning.stay_or_go", "p-ben"), 404, "no_quote")
    room.moderate(rid, "hide_quote", "versioning.stay_or_go", "p-ana")
    assert not any(r["quote"] for r in room.export(rid))
    refused(lambda: room.moderate(rid, "hide_quote", "versioning.stay_or_go", None), 400, "bad_participant",
            "Say whose quote, by its pseudonym.")
    refused(lambda: room.moderate(rid, "drop", "versioning.stay_or_go"), 400, "bad_action",
            "Moderation is one of: hide_quote, reveal_quote, freeze, unfreeze, reset, hide_results, reveal_results.")


def test_resetting_an_exercise_nobody_shared_leaves_the_view_as_it_was(make_room):
    room = make_room()
    rid = room.hub_room()
    for who in ("ana", "ben"):
        room.share(rid, f"hub:{who}", RATINGS, DEMO[RATINGS], create=True)
    before = room.view(rid, k=2)
    room.moderate(rid, "reset", "versioning.stay_or_go")
    after = room.view(rid, k=2)
    assert after["exercises"] == before["exercises"] and after["revision"] == before["revision"] + 1


def test_a_view_that_failed_is_computed_whole_the_next_time(make_room):
    room = make_room()
    rid = room.hub_room()
    for who in ("ana", "ben"):
        room.share(rid, f"hub:{who}", RATINGS, DEMO[RATINGS], create=True)
    room.view(rid, k=2)
    room.share(rid, "hub:cy", RATINGS, DEMO[RATINGS], create=True)
    compute = room._exercise

    def broken(*args):
        raise RuntimeError("the database went away")

    room._exercise = broken
    with pytest.raises(RuntimeError):
        room.view(rid, k=2)
    room._exercise = compute
    assert room.view(rid, k=2)["exercises"][RATINGS]["people"] == 3


def test_one_rooms_held_results_are_not_another_rooms(make_room):
    room = make_room()
    one, two = room.hub_room(), room.create_room().id
    room.moderate(one, "hide_results", "versioning.end_state")  # held in room one, where nobody shared it yet
    room.moderate(one, "hide_results", RATINGS)
    for who in ("ana", "ben", "cy"):
        room.share(two, f"hub:{who}", RATINGS, DEMO[RATINGS], create=True)
    fresh = make_room().view(two, k=3)  # a look from scratch, as another process of the service would take
    assert sorted(fresh["exercises"]) == [RATINGS]
    assert fresh["exercises"][RATINGS]["results_hidden"] is False and fresh["exercises"][RATINGS]["distributions"]


def test_freezing_a_chart_never_held_leaves_its_results_shown(make_room):
    room = make_room()
    rid = room.hub_room()
    for who in ("ana", "ben", "cy"):
        room.share(rid, f"hub:{who}", RATINGS, DEMO[RATINGS], create=True)
    room.moderate(rid, "freeze", RATINGS)
    frozen = make_room().view(rid, k=3)["exercises"][RATINGS]
    assert (frozen["frozen"], frozen["results_hidden"]) == (True, False) and frozen["distributions"]
