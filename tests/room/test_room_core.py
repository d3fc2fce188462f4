"""The room's rules, as participants and a facilitator meet them, on SQLite and on a real PostgreSQL.

Callers are who authenticated them (``hub:<name>`` or ``secret:<token>``): whatever a request says about
pseudonyms or ids changes nothing.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from careerkit.content import demo_answers
from careerkit.errors import RoomError
from careerkit.room.core import RateLimiter, normalise_code
from careerkit.room.store import answers, participants

DEMO = demo_answers()
END_STATE = {"role": "CPO", "builder": "A builder of teams", "horizon_years": 15, "why": "Impact at scale"}
STAY = {"learning_left": 6, "story_value": 7, "cost": 4, "short_term_reasons": ["boss"], "notes": ""}
CANARY = "PRIVATE-CANARY-room-5d2c"


def refused(call, status, code):
    with pytest.raises(RoomError) as caught:
        call()
    assert (caught.value.status, caught.value.code) == (status, code), caught.value.message
    assert caught.value.message.endswith((".", ")")) and "Traceback" not in caught.value.message
    return caught.value


def everything(room) -> str:
    """Every table of the room as text, for canaries."""
    from careerkit.room.store import metadata

    with room.engine.connect() as conn:
        return json.dumps([[list(map(str, row)) for row in conn.execute(select(t))] for t in metadata.sorted_tables])


@pytest.fixture
def hub(make_room):
    room = make_room()
    return room, room.hub_room()


def test_one_record_per_participant_per_exercise_and_a_second_share_replaces_it(hub):
    room, rid = hub
    room.share(rid, "hub:ana", "versioning.end_state", END_STATE, create=True)
    room.share(rid, "hub:ana", "versioning.end_state", dict(END_STATE, horizon_years=20), create=True)
    rows = room.export(rid)
    assert len(rows) == 1 and rows[0]["value"]["horizon_years"] == 20
    with room.engine.connect() as conn:
        assert conn.execute(select(answers)).all().__len__() == 1
        assert conn.execute(select(participants)).all().__len__() == 1


def test_pseudonyms_are_random_per_room_and_say_nothing_of_the_name(make_room):
    room = make_room()
    first, second = room.create_room(), room.create_room()
    room.share(first.id, "hub:ana", "versioning.stay_or_go", STAY, create=True)
    room.share(second.id, "hub:ana", "versioning.stay_or_go", STAY, create=True)
    one, two = room.export(first.id)[0]["participant"], room.export(second.id)[0]["participant"]
    assert one != two and one.startswith("p-") and len(one) == 10
    text = everything(room)
    assert "ana" not in text.lower().replace("banana", "")  # only a keyed hash of the name is stored


def test_withdraw_deletes_the_record_and_only_the_callers_own(hub):
    room, rid = hub
    for who in ("hub:ana", "hub:ben"):
        room.share(rid, who, "versioning.stay_or_go", STAY, create=True)
        room.share(rid, who, "versioning.end_state", END_STATE, create=True)
    assert room.withdraw(rid, "hub:ana", "versioning.stay_or_go") == 1
    assert room.withdraw(rid, "hub:ana", "versioning.stay_or_go") == 0  # already gone
    assert sorted(r["key"] for r in room.export(rid)) == ["versioning.end_state"] * 2 + ["versioning.stay_or_go"]
    assert room.withdraw(rid, "hub:ben") == 2
    assert [r["key"] for r in room.export(rid)] == ["versioning.end_state"]
    with room.engine.connect() as conn:
        assert len(conn.execute(select(answers)).all()) == 1  # withdrawn rows are deleted, not flagged


def test_k_counts_people_not_rows_and_a_small_group_waits(hub):
    room, rid = hub
    room.share(rid, "hub:ana", "lanes.ratings", DEMO["lanes.ratings"], create=True)
    for _ in range(5):  # the same person again and again is still one person
        room.share(rid, "hub:ana", "lanes.ratings", DEMO["lanes.ratings"], create=True)
    room.share(rid, "hub:ben", "lanes.ratings", DEMO["lanes.ratings"], create=True)
    view = room.view(rid, k=3)["exercises"]["lanes.ratings"]
    assert view == {"people": 2, "waiting": True, "distributions": [], "quotes": [], "frozen": False,
                    "results_hidden": False}
    room.share(rid, "hub:cy", "lanes.ratings", DEMO["lanes.ratings"], create=True)
    view = room.view(rid, k=3)["exercises"]["lanes.ratings"]
    assert view["people"] == 3 and not view["waiting"]
    (lanes,) = view["distributions"]
    assert lanes["title"] == "The lane each person picked" and lanes["respondents"] == 3
    assert json.dumps(DEMO["lanes.ratings"]["scores"]) not in json.dumps(view)  # counts, never the raw answers
    refused(lambda: room.view(rid, k=1), 400, "bad_k")


@pytest.mark.parametrize("key", ["act3.rabbit"])
def test_a_private_by_design_exercise_is_refused(hub, key):
    room, rid = hub
    refused(lambda: room.share(rid, "hub:ana", key, DEMO[key], create=True), 403, "private_exercise")
    assert room.export(rid) == [] and DEMO[key]["notes" if "notes" in DEMO[key] else next(iter(DEMO[key]))] is not None
    refused(lambda: room.moderate(rid, "reset", key), 403, "private_exercise")


@pytest.mark.parametrize(("key", "value", "code"), [
    ("versioning.stay_or_go", dict(STAY, cost=99), "invalid_answer"),
    ("versioning.stay_or_go", "a string", "invalid_answer"),
    ("versioning.stay_or_go", dict(STAY, notes="x" * 100_000), "invalid_answer"),
    ("nope.nothing", {}, "unknown_exercise"),
    ("../../etc", {}, "bad_key"),
    (["a", "list"], {}, "bad_key"),
])
def test_a_value_that_does_not_fit_its_exercise_is_refused_and_stores_nothing(hub, key, value, code):
    room, rid = hub
    room.share(rid, "hub:ben", "versioning.stay_or_go", STAY, create=True)
    status = {"invalid_answer": 422, "unknown_exercise": 404, "bad_key": 400}[code]
    refused(lambda: room.share(rid, "hub:ana", key, value, create=True), status, code)
    assert [r["participant"] for r in room.export(rid)] == [room.mine(rid, "hub:ben")["pseudonym"]]


def test_unquoted_answers_are_stored_without_the_participants_words(hub):
    room, rid = hub
    room.share(rid, "hub:ana", "versioning.end_state", dict(END_STATE, why=CANARY), quote=False, create=True)
    room.share(rid, "hub:ana", "versioning.stay_or_go", dict(STAY, notes=CANARY + " quoted words here"), quote=True,
               create=True)
    rows = {r["key"]: r for r in room.export(rid)}
    assert rows["versioning.end_state"]["value"] == {"role": "", "builder": "", "horizon_years": 15, "why": ""}
    assert everything(room).count(CANARY) == 1  # only in the answer whose author allowed quoting
    assert rows["versioning.stay_or_go"]["quote"] is False  # consented, but the facilitator has not revealed it


def test_moderation_reveals_quotes_freezes_resets_and_holds_results(hub):
    room, rid = hub
    for who in ("hub:ana", "hub:ben", "hub:cy"):
        room.share(rid, who, "versioning.stay_or_go", dict(STAY, notes=f"{who} says several words"), quote=True,
                   create=True)
    ana = room.mine(rid, "hub:ana")["pseudonym"]
    room.moderate(rid, "reveal_quote", "versioning.stay_or_go", ana)
    assert {r["participant"]: r["quote"] for r in room.export(rid)}[ana] is True
    assert sum(r["quote"] for r in room.export(rid)) == 1
    refused(lambda: room.moderate(rid, "reveal_quote", "versioning.stay_or_go", "p-00000000"), 404, "no_quote")
    # a changed answer is new words: hidden again until revealed again
    room.share(rid, "hub:ana", "versioning.stay_or_go", dict(STAY, notes="other words from ana now"), quote=True,
               create=True)
    assert sum(r["quote"] for r in room.export(rid)) == 0

    room.moderate(rid, "freeze", "versioning.stay_or_go")
    room.withdraw(rid, "hub:cy")
    frozen = room.view(rid, k=3)["exercises"]["versioning.stay_or_go"]
    assert frozen["frozen"] and frozen["people"] == 3  # the chart holds what it showed at the freeze
    room.moderate(rid, "unfreeze", "versioning.stay_or_go")
    assert room.view(rid, k=3)["exercises"]["versioning.stay_or_go"]["people"] == 2

    room.moderate(rid, "hide_results", "versioning.stay_or_go")
    assert room.view(rid, k=2)["exercises"]["versioning.stay_or_go"]["results_hidden"] is True
    room.moderate(rid, "reveal_results", "versioning.stay_or_go")
    assert room.view(rid, k=2)["exercises"]["versioning.stay_or_go"]["results_hidden"] is False

    before = room.revision(rid)
    room.moderate(rid, "reset", "versioning.stay_or_go")
    assert room.export(rid) == [] and room.revision(rid) > before
    refused(lambda: room.moderate(rid, "drop_tables", "versioning.stay_or_go"), 400, "bad_action")


def test_standalone_join_gives_a_secret_that_only_its_holder_can_use(make_room):
    room = make_room()
    created = room.create_room()
    rid, secret = room.join(created.code.lower().replace("-", " "))  # as typed from a slide
    assert rid == created.id and len(secret) >= 40
    room.share(rid, "secret:" + secret, "versioning.stay_or_go", STAY)
    refused(lambda: room.share(rid, "secret:guessed", "versioning.stay_or_go", STAY), 403, "not_joined")
    refused(lambda: room.join("ZZZ-ZZZ"), 404, "no_room")
    assert room.is_facilitator_token(rid, created.facilitator_token)
    assert not room.is_facilitator_token(rid, secret) and not room.is_facilitator_token(rid, "")
    assert normalise_code(created.code) in created.code.replace("-", "")


def test_a_full_room_refuses_more_joins(make_room):
    room = make_room(max_participants=2)
    code = room.create_room().code
    room.join(code)
    room.join(code)
    refused(lambda: room.join(code), 403, "room_full")


def test_one_computer_cannot_join_as_several_people_to_reach_k(make_room):
    """The sybil attack on k-anonymity: joining again and again from one laptop to make one real person's
    answer look like a group. Each network address joins once (the facilitator can allow more)."""
    room = make_room()
    created = room.create_room()
    rid, eve = room.join(created.code, where="192.168.1.23")
    error = refused(lambda: room.join(created.code, where="192.168.1.23"), 403, "joined_already")
    assert "ask the facilitator" in error.message
    room.join(created.code, where="192.168.1.24")  # the next laptop joins
    room.join(created.code, where="fe80::1")
    for _ in range(3):
        room.join(created.code, where="127.0.0.1")  # the facilitator's own machine: not counted
    room.share(rid, "secret:" + eve, "versioning.stay_or_go", STAY)  # the one who joined keeps their place
    assert "192.168.1.23" not in everything(room)  # the room counts addresses by a keyed hash only
    shared = make_room(joins_per_address=2)
    code = shared.create_room().code
    shared.join(code, where="10.0.0.9")
    shared.join(code, where="10.0.0.9")
    refused(lambda: shared.join(code, where="10.0.0.9"), 403, "joined_already")


def test_a_participant_who_floods_the_room_is_slowed_down_and_others_are_not(make_room):
    clock = [0.0]
    room = make_room(limiter=RateLimiter(per_second=1, burst=3, clock=lambda: clock[0]))
    rid = room.hub_room()
    for _ in range(3):
        room.share(rid, "hub:flood", "versioning.stay_or_go", STAY, create=True)
    refused(lambda: room.share(rid, "hub:flood", "versioning.stay_or_go", STAY, create=True), 429, "rate_limited")
    room.share(rid, "hub:calm", "versioning.stay_or_go", STAY, create=True)
    clock[0] += 2
    room.share(rid, "hub:flood", "versioning.stay_or_go", STAY, create=True)


def test_every_demo_answer_of_a_shareable_exercise_is_accepted(hub):
    from careerkit.room.answers import is_shareable

    room, rid = hub
    shared = [key for key in DEMO if is_shareable(key)]
    for key in shared:
        room.share(rid, "hub:demo", key, DEMO[key], quote=True, create=True)
    assert sorted(r["key"] for r in room.export(rid)) == sorted(shared)
    assert "act3.rabbit" in DEMO and "act3.rabbit" not in shared


def test_the_live_views_incremental_redraw_always_equals_a_fresh_look(hub, make_room):
    room, rid = hub
    people = [f"hub:p{n}" for n in range(4)]
    steps = [
        lambda: [room.share(rid, who, "lanes.ratings", DEMO["lanes.ratings"], quote=True, create=True) for who in people],
        lambda: room.share(rid, people[0], "versioning.stay_or_go", STAY, create=True),
        lambda: room.moderate(rid, "reveal_quote", "lanes.ratings", room.mine(rid, people[1])["pseudonym"]),
        lambda: room.moderate(rid, "freeze", "lanes.ratings"),
        lambda: room.withdraw(rid, people[2]),
        lambda: room.moderate(rid, "unfreeze", "lanes.ratings"),
        lambda: room.moderate(rid, "hide_results", "lanes.ratings"),
        lambda: room.moderate(rid, "reset", "versioning.stay_or_go"),
        lambda: room.withdraw(rid, people[3], "lanes.ratings"),
    ]
    room.view(rid, k=3)
    for step in steps:
        step()
        fresh = make_room().view(rid, k=3)  # another process's look at the same database: computed from scratch
        assert room.view(rid, k=3) == fresh


def test_a_share_that_lands_while_a_view_is_computed_is_in_the_next_view(hub, make_room):
    """The service computes views in a thread beside its event loop: a write committed mid-computation must
    not be lost to the view's cache (the snapshot of what changed is taken before, under the room's lock)."""
    room, rid = hub
    people = [f"hub:p{n}" for n in range(4)]
    for who in people[:3]:
        room.share(rid, who, "lanes.ratings", DEMO["lanes.ratings"], create=True)
    room.view(rid, k=3)
    room.share(rid, people[0], "versioning.stay_or_go", STAY, create=True)
    compute, landed = room._exercise, []

    def exercise_with_a_share_arriving(conn, room_id, key, k):
        if not landed:  # the first exercise recomputed: another participant's share commits meanwhile
            landed.append(room.share(rid, people[3], "lanes.ratings", DEMO["lanes.ratings"], create=True))
        return compute(conn, room_id, key, k)

    room._exercise = exercise_with_a_share_arriving
    room.view(rid, k=3)
    room._exercise = compute
    assert landed and landed[0]["changed"]
    after = room.view(rid, k=3)
    assert after["exercises"]["lanes.ratings"]["people"] == 4
    assert after == make_room().view(rid, k=3)
