"""The room's rules, with no HTTP in them: who may write what, one record per person, k counted by people.

Callers are named by who authenticated them, never by anything they send: ``"hub:<username>"`` when the
hub vouched for the caller, ``"secret:<token>"`` when a standalone participant showed the secret the room
gave them at join. That name is stored only as a keyed hash. A participant can therefore only ever write,
overwrite or withdraw their own record; a pseudonym or an id in a request body means nothing to the room.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from careerkit.errors import RoomError
from careerkit.room import answers as checks
from careerkit.room.store import answers, exercise_state, joins, participants, rooms, secrets_table

K_DEFAULT = 3
K_MINIMUM = 2
HUB_ROOM = "hub"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed from a slide
MODERATION = ("hide_quote", "reveal_quote", "freeze", "unfreeze", "reset", "hide_results", "reveal_results")


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_code() -> str:
    """A room code like ``K7M-4QX``: easy to read aloud, about 30 bits, tried only at the join rate limit."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    return f"{chars[:3]}-{chars[3:]}"


def normalise_code(code: Any) -> str:
    if not isinstance(code, str):
        return ""
    return code.strip().upper().replace(" ", "").replace("-", "")


class RateLimiter:
    """A token bucket per caller: ``burst`` requests at once, then ``per_second`` on average."""

    def __init__(self, per_second: float = 5.0, burst: int = 40, clock: Callable[[], float] = time.monotonic):
        self.per_second = per_second
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, who: str) -> None:
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(who, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.per_second)
            if tokens < 1:
                self._buckets[who] = (tokens, now)
                raise RoomError(429, "rate_limited", "Too many requests in a short time; wait a few seconds and try again.")
            self._buckets[who] = (tokens - 1, now)
            if len(self._buckets) > 100_000:  # forget the idle ones rather than grow without end
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60}


@dataclass(frozen=True)
class NewRoom:
    """What the facilitator gets at ``careerkit room serve``: the code to show, and their own token."""

    id: int
    code: str
    facilitator_token: str


class Room:
    """Every room in one database. Methods take the room's id and the authenticated caller's name."""

    def __init__(self, engine: Engine, *, limiter: RateLimiter | None = None, join_limiter: RateLimiter | None = None,
                 max_participants: int = 500, joins_per_address: int = 1, clock: Callable[[], datetime] = utc_now,
                 draw: Callable[[], str] | None = None):
        self.engine = engine
        self._draw = draw or (lambda: "p-" + secrets.token_hex(4))  # a seeded draw only for the fictional demo
        self.limiter = limiter or RateLimiter()
        self.join_limiter = join_limiter or RateLimiter(per_second=1.0, burst=20)
        self.max_participants = max_participants
        self.joins_per_address = joins_per_address
        self._clock = clock
        self._key = self._identity_key()
        # The live view's cache: per (room, k) the last view, the room's revision and this service's write count
        # then; per room and k, the exercises this service changed since (None: all of them).
        self._views: dict[tuple[int, int], tuple[int, int, dict]] = {}
        self._dirty: dict[int, dict[int, set[str] | None]] = {}
        self._writes: dict[int, int] = {}
        # Writes commit under this lock, and a view takes its snapshot (revision, write count, changed exercises)
        # under it, so a view computed in another thread (the service computes views off its event loop)
        # never misses a change made while it was computing.
        self._lock = threading.RLock()
        # Who is who, once read from the database: a participant's row is never deleted (withdrawing deletes
        # answers), so a found (id, pseudonym) stays true and the next request skips the lookup.
        self._people: dict[tuple[int, str], tuple[int, str]] = {}
        self._statements = _Statements()

    # rooms
    def create_room(self, code: str | None = None) -> NewRoom:
        """A new standalone room with a fresh code and facilitator token."""
        token = secrets.token_urlsafe(24)
        for _ in range(20):
            room_code = code or new_code()
            try:
                with self.engine.begin() as conn:
                    room_id = conn.execute(insert(rooms).values(
                        code=normalise_code(room_code), facilitator_hash=_digest(token), revision=0,
                        created=self._clock())).inserted_primary_key[0]
                return NewRoom(room_id, room_code, token)
            except IntegrityError:
                if code:
                    raise RoomError(409, "room_exists", f"A room with the code {code} exists already.") from None
        raise RoomError(500, "no_code", "No free room code could be drawn; try again.")

    def hub_room(self) -> int:
        """The one room of a hub deployment (created on first use)."""
        with self.engine.begin() as conn:
            found = conn.execute(select(rooms.c.id).where(rooms.c.code == HUB_ROOM)).scalar()
            if found is not None:
                return found
            try:
                return conn.execute(insert(rooms).values(code=HUB_ROOM, facilitator_hash="", revision=0,
                                                         created=self._clock())).inserted_primary_key[0]
            except IntegrityError:
                pass
        with self.engine.begin() as conn:
            return conn.execute(select(rooms.c.id).where(rooms.c.code == HUB_ROOM)).scalar_one()

    def room_id(self, code: str) -> int:
        with self.engine.connect() as conn:
            found = conn.execute(select(rooms.c.id).where(rooms.c.code == normalise_code(code))).scalar()
        if found is None:
            raise RoomError(404, "no_room", "There is no room with this code; check the code on the facilitator's screen.")
        return found

    def is_facilitator_token(self, room_id: int, token: str) -> bool:
        with self.engine.connect() as conn:
            stored = conn.execute(select(rooms.c.facilitator_hash).where(rooms.c.id == room_id)).scalar()
        return bool(stored) and bool(token) and hmac.compare_digest(stored, _digest(token))

    def revision(self, room_id: int) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(rooms.c.revision).where(rooms.c.id == room_id)).scalar_one())

    # participants
    def join(self, code: str, where: str = "") -> tuple[int, str]:
        """Standalone: a new participant in the room with this code; returns (room id, their secret).

        ``where`` is the network address the request came from. Each address joins at most
        ``joins_per_address`` times (this machine's own loopback is not counted: it is the facilitator's), so
        one person cannot join as several people and bring a group up to k to see a single person's answer."""
        self.join_limiter.take("join:" + where)
        room_id = self.room_id(code)
        if room_id == self._hub_room_id_or_none():
            raise RoomError(404, "no_room", "There is no room with this code; check the code on the facilitator's screen.")
        secret = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            count = conn.execute(select(func.count()).select_from(participants)
                                 .where(participants.c.room_id == room_id)).scalar_one()
            if count >= self.max_participants:
                raise RoomError(403, "room_full", f"The room is full ({self.max_participants} participants); tell your facilitator.")
            self._count_join(conn, room_id, where)
            self._new_participant(conn, room_id, self.identity("secret:" + secret))
        return room_id, secret

    def _count_join(self, conn: Connection, room_id: int, where: str) -> None:
        if not where or _loopback(where):
            return
        address = self.identity("address:" + where)
        found = conn.execute(select(joins.c.count).where(joins.c.room_id == room_id, joins.c.address == address)).scalar()
        if found is not None and found >= self.joins_per_address:
            raise RoomError(403, "joined_already", (
                "This computer has joined the room already: your workbook keeps your place in it. If someone else "
                "needs to join from this computer, ask the facilitator (they can allow it)."))
        if found is None:
            conn.execute(insert(joins).values(room_id=room_id, address=address, count=1))
        else:
            conn.execute(update(joins).where(joins.c.room_id == room_id, joins.c.address == address)
                         .values(count=joins.c.count + 1))

    def known(self, room_id: int, who: str) -> bool:
        """Whether this caller has a record in the room (a standalone secret the room gave out)."""
        return self._participant(room_id, self.identity(who), create=False) is not None

    def identity(self, who: str) -> str:
        return hmac.new(self._key, who.encode("utf-8"), hashlib.sha256).hexdigest()

    # a participant's own answers
    def share(self, room_id: int, who: str, key: str, value: Any, quote: bool = False, *, create: bool = False) -> dict:
        """Store (or replace) the caller's answer to ``key``; returns what the room now holds for them."""
        identity = self.identity(who)
        self.limiter.take(identity)
        if not isinstance(quote, bool):
            raise RoomError(400, "bad_quote", "'quote' is true or false.")
        stored = json.dumps(checks.check_answer(key, value, quote), ensure_ascii=False, sort_keys=True)
        with self._lock, self.engine.begin() as conn:
            person = self._participant(room_id, identity, create=create, conn=conn)
            if person is None:
                raise RoomError(403, "not_joined", "You have not joined this room; join it with the room code first.")
            participant_id = person[0]
            row = conn.execute(self._statements.answer, {"participant_id": participant_id, "key": key}).first()
            now = self._clock()
            if row is None:
                conn.execute(self._statements.insert_answer, {
                    "room_id": room_id, "participant_id": participant_id, "key": key, "value": stored, "quote": quote,
                    "quote_revealed": False, "updated": now})
            elif (row.value, row.quote) != (stored, quote):
                conn.execute(self._statements.update_answer, {  # new words: moderated again
                    "answer_id": row.id, "value": stored, "quote": quote, "quote_revealed": False, "updated": now})
            else:
                return {"key": key, "quote": quote, "changed": False}
            self._bump(conn, room_id, key)
        return {"key": key, "quote": quote, "changed": True}

    def withdraw(self, room_id: int, who: str, key: str | None = None) -> int:
        """Delete the caller's answer to ``key`` (or every answer); returns how many were deleted."""
        identity = self.identity(who)
        self.limiter.take(identity)
        if key is not None and not isinstance(key, str):
            raise RoomError(400, "bad_key", "An exercise is named like 'versioning.roadmap'.")
        with self._lock, self.engine.begin() as conn:
            person = self._participant(room_id, identity, create=False, conn=conn)
            if person is None:
                return 0
            query = delete(answers).where(answers.c.participant_id == person[0])
            if key is not None:
                query = query.where(answers.c.key == key)
            deleted = conn.execute(query).rowcount
            if deleted:
                self._bump(conn, room_id, key)
        return deleted

    def mine(self, room_id: int, who: str) -> dict:
        """What the room holds for the caller: their pseudonym and, per exercise, whether it may be quoted."""
        person = self._participant(room_id, self.identity(who), create=False)
        if person is None:
            return {"pseudonym": None, "answers": {}}
        with self.engine.connect() as conn:
            rows = conn.execute(select(answers.c.key, answers.c.quote).where(answers.c.participant_id == person[0]))
            return {"pseudonym": person[1], "answers": {r.key: {"quote": bool(r.quote)} for r in rows}}

    # the facilitator's reading
    def export(self, room_id: int) -> list[dict]:
        """Every shared answer, pseudonymous: one row per participant and exercise. ``quote`` is true only for
        words their author let be quoted and the facilitator revealed."""
        with self.engine.connect() as conn:
            return [
                {"participant": r.pseudonym, "key": r.key, "quote": bool(r.quote and r.quote_revealed),
                 "value": json.loads(r.value)}
                for r in conn.execute(self._rows_query(room_id).order_by(answers.c.key, participants.c.pseudonym))
            ]

    def view(self, room_id: int, k: int = K_DEFAULT) -> dict:
        """The room as the live view draws it: per exercise, how many people shared it, the moderation, and (once
        at least ``k`` people shared it) its distributions and the quotes its authors allowed. No raw answers.

        Only the exercises changed since the last view are computed again, when every change since then came
        through this service; after any other change (another process on the same database), all of them."""
        if isinstance(k, bool) or not isinstance(k, int) or k < K_MINIMUM:
            raise RoomError(400, "bad_k", f"k is a whole number of at least {K_MINIMUM}: a group of one is a person.")
        with self._lock:  # the snapshot: what changed up to this revision; later changes mark themselves dirty
            with self.engine.connect() as conn:
                revision = conn.execute(select(rooms.c.revision).where(rooms.c.id == room_id)).scalar_one()
            cached = self._views.get((room_id, k))
            if cached is not None and cached[0] == revision:
                return cached[2]
            dirty = self._dirty.setdefault(room_id, {})
            writes = self._writes.get(room_id, 0)
            changed = dirty.get(k)
            dirty[k] = set()
        if cached is not None and revision - cached[0] == writes - cached[1] and changed is not None:
            keys, exercises = set(changed), dict(cached[2]["exercises"])
        else:
            keys, exercises = None, {}
        try:
            with self.engine.connect() as conn:
                if keys is None:
                    keys = set(conn.execute(select(answers.c.key).where(answers.c.room_id == room_id).distinct()).scalars())
                    keys |= set(conn.execute(select(exercise_state.c.key).where(exercise_state.c.room_id == room_id)).scalars())
                for key in keys:
                    entry = self._exercise(conn, room_id, key, k)
                    if entry is None:
                        exercises.pop(key, None)
                    else:
                        exercises[key] = entry
                joined = conn.execute(select(func.count()).select_from(participants)
                                      .where(participants.c.room_id == room_id)).scalar_one()
                sharing = conn.execute(select(func.count(answers.c.participant_id.distinct()))
                                       .where(answers.c.room_id == room_id)).scalar_one()
        except BaseException:
            with self._lock:
                dirty[k] = None  # not computed: the next view computes every exercise
            raise
        view = {"revision": revision, "k": k, "joined": joined, "sharing": sharing,
                "exercises": {key: exercises[key] for key in sorted(exercises)}}
        with self._lock:
            if self._views.get((room_id, k), (-1,))[0] <= revision:
                self._views[(room_id, k)] = (revision, writes, view)
        return view

    def _exercise(self, conn: Connection, room_id: int, key: str, k: int) -> dict | None:
        """One exercise of the view (None when nobody shared it and it has no moderation)."""
        from careerkit.room.summary import summarise

        state = conn.execute(select(exercise_state).where(exercise_state.c.room_id == room_id,
                                                          exercise_state.c.key == key)).first()
        frozen = bool(state is not None and state.frozen)
        hidden = bool(state is not None and state.results_hidden)
        if frozen:
            rows = json.loads(state.frozen)
        else:
            rows = [{"participant": r.pseudonym, "value": json.loads(r.value), "quote": bool(r.quote),
                     "quote_revealed": bool(r.quote_revealed)}
                    for r in conn.execute(self._rows_query(room_id).where(answers.c.key == key).order_by(answers.c.updated))]
        if not rows and state is None:
            return None
        people = len({row["participant"] for row in rows})
        entry = {"people": people, "waiting": people < k, "frozen": frozen, "results_hidden": hidden,
                 "distributions": [], "quotes": []}
        if people >= k:
            entry.update(summarise(key, rows, k, charts=not hidden))
        return entry

    def moderate(self, room_id: int, action: str, key: str, participant: str | None = None) -> dict:
        """The facilitator's controls: hide or reveal one quote, freeze a chart, reset an exercise, hold results."""
        if action not in MODERATION:
            raise RoomError(400, "bad_action", f"Moderation is one of: {', '.join(MODERATION)}.")
        checks.check_key(key)
        with self._lock, self.engine.begin() as conn:
            if action in ("hide_quote", "reveal_quote"):
                if not isinstance(participant, str):
                    raise RoomError(400, "bad_participant", "Say whose quote, by its pseudonym.")
                person = conn.execute(select(participants.c.id).where(
                    participants.c.room_id == room_id, participants.c.pseudonym == participant)).scalar()
                changed = 0 if person is None else conn.execute(update(answers).where(
                    answers.c.participant_id == person, answers.c.key == key, answers.c.quote.is_(True)).values(
                    quote_revealed=action == "reveal_quote")).rowcount
                if not changed:
                    raise RoomError(404, "no_quote", "There is no such quote in this room (it may have been withdrawn).")
            elif action == "reset":
                conn.execute(delete(answers).where(answers.c.room_id == room_id, answers.c.key == key))
                conn.execute(delete(exercise_state).where(exercise_state.c.room_id == room_id, exercise_state.c.key == key))
            else:
                frozen = None
                if action == "freeze":
                    frozen = json.dumps([
                        {"participant": r.pseudonym, "value": json.loads(r.value), "quote": bool(r.quote),
                         "quote_revealed": bool(r.quote_revealed)}
                        for r in conn.execute(self._rows_query(room_id).where(answers.c.key == key))
                    ], ensure_ascii=False)
                self._set_state(conn, room_id, key, action, frozen)
            self._bump(conn, room_id, key)
        return {"action": action, "key": key}

    # internals
    def _identity_key(self) -> bytes:
        with self.engine.begin() as conn:
            found = conn.execute(select(secrets_table.c.value).where(secrets_table.c.name == "identity")).scalar()
            if found is None:
                try:
                    conn.execute(insert(secrets_table).values(name="identity", value=secrets.token_hex(32)))
                except IntegrityError:
                    pass
        with self.engine.connect() as conn:
            return bytes.fromhex(conn.execute(select(secrets_table.c.value)
                                              .where(secrets_table.c.name == "identity")).scalar_one())

    def _hub_room_id_or_none(self) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(select(rooms.c.id).where(rooms.c.code == HUB_ROOM)).scalar()

    def _participant(self, room_id: int, identity: str, *, create: bool, conn: Connection | None = None):
        found = self._people.get((room_id, identity))
        if found is not None:
            return found
        if conn is None:
            with self.engine.begin() as own:
                return self._participant(room_id, identity, create=create, conn=own)
        row = conn.execute(self._statements.person, {"room_id": room_id, "identity": identity}).first()
        if row is not None:
            found = self._people[(room_id, identity)] = (row.id, row.pseudonym)
            return found
        if not create:
            return None
        return self._new_participant(conn, room_id, identity)

    def _new_participant(self, conn: Connection, room_id: int, identity: str):
        for _ in range(20):
            pseudonym = self._draw()
            taken = conn.execute(select(participants.c.id).where(
                participants.c.room_id == room_id, participants.c.pseudonym == pseudonym)).first()
            if taken is None:
                new_id = conn.execute(insert(participants).values(
                    room_id=room_id, identity=identity, pseudonym=pseudonym, created=self._clock())).inserted_primary_key[0]
                return (new_id, pseudonym)
        raise RoomError(500, "no_pseudonym", "No free pseudonym could be drawn; try again.")

    def _rows_query(self, room_id: int):
        return (select(answers.c.key, answers.c.value, answers.c.quote, answers.c.quote_revealed, participants.c.pseudonym)
                .join(participants, participants.c.id == answers.c.participant_id)
                .where(answers.c.room_id == room_id))

    def _set_state(self, conn: Connection, room_id: int, key: str, action: str, frozen: str | None) -> None:
        where = (exercise_state.c.room_id == room_id, exercise_state.c.key == key)
        if conn.execute(select(exercise_state.c.key).where(*where)).first() is None:
            conn.execute(insert(exercise_state).values(room_id=room_id, key=key, results_hidden=False, frozen=None))
        values: dict[str, Any] = {}
        if action in ("freeze", "unfreeze"):
            values["frozen"] = frozen
        else:
            values["results_hidden"] = action == "hide_results"
        conn.execute(update(exercise_state).where(*where).values(**values))

    def _bump(self, conn: Connection, room_id: int, key: str | None = None) -> None:
        """The room changed (in ``key``, or anywhere when None): the revision goes up, the view recomputes it.
        Called inside a write's transaction, under ``self._lock``."""
        conn.execute(self._statements.bump, {"room_id": room_id})
        self._writes[room_id] = self._writes.get(room_id, 0) + 1
        marks = self._dirty.setdefault(room_id, {})
        for k, keys in marks.items():
            if keys is not None:
                marks[k] = None if key is None else keys | {key}


class _Statements:
    """The statements every share runs, built once (SQLAlchemy then only binds their parameters)."""

    def __init__(self):
        self.person = select(participants.c.id, participants.c.pseudonym).where(
            participants.c.room_id == bindparam("room_id"), participants.c.identity == bindparam("identity"))
        self.answer = select(answers.c.id, answers.c.value, answers.c.quote).where(
            answers.c.participant_id == bindparam("participant_id"), answers.c.key == bindparam("key"))
        self.insert_answer = insert(answers)
        self.update_answer = update(answers).where(answers.c.id == bindparam("answer_id"))
        self.bump = update(rooms).where(rooms.c.id == bindparam("room_id")).values(revision=rooms.c.revision + 1)


def _loopback(address: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
