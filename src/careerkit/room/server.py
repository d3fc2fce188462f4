"""The room over HTTP (tornado, as JupyterHub is): a JSON API in front of ``core.Room``.

Two ways to know who is asking, one API:
- **hub**: a hub-managed service. A caller sends their hub token (a kernel's ``JUPYTERHUB_API_TOKEN``);
  ``jupyterhub.services.auth.HubAuth`` asks the hub whose it is and which scopes it carries. It must carry
  ``access:services!service=<this service>``; facilitators are the members of a hub group.
- **standalone**: ``careerkit room serve`` on the facilitator's laptop. ``POST api/join`` with the room
  code gives a participant their own secret; the facilitator holds a token printed at start.

Every error is a JSON body ``{"error": code, "message": sentence}`` with its status; nothing a caller
sends stops the service.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets

from careerkit.errors import RoomError
from careerkit.room.core import K_DEFAULT, RateLimiter, Room
from careerkit.room.limits import MAX_BODY_BYTES, parse_body
from careerkit.room.store import database_url, open_engine

log = logging.getLogger("careerkit.room")

TOKEN_FILE = "facilitator-token"
JOINS_PER_MINUTE = 60  # per network address: a room code cannot be guessed by trying, a classroom joins at once
FACILITATOR_GROUP = "careerkit-facilitators"


@dataclass
class Caller:
    who: str  # "hub:<name>" or "secret:<token>": what the room keys the participant's record by
    facilitator: bool = False
    participant: bool = True


@dataclass
class Settings:
    room: Room
    mode: str  # "hub" or "standalone"
    room_id: int
    prefix: str = "/"
    facilitator_token: str = ""
    facilitator_group: str = FACILITATOR_GROUP
    hub_auth: Any = None
    extra: dict = field(default_factory=dict)
    # The facilitator's reads (the view's distributions, the export) are computed here, one at a time, so the
    # event loop keeps taking shares while a view of thousands of answers is summarised.
    readers: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="room-read"))


def _bearer(handler: web.RequestHandler) -> str:
    header = handler.request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() in ("token", "bearer") else ""


@web.stream_request_body
class Api(web.RequestHandler):
    """Base of every endpoint: JSON in (capped while it arrives), JSON out, errors as sentences."""

    def initialize(self, settings: Settings):
        self.room_settings = settings
        self._chunks: list[bytes] = []
        self._size = 0

    def prepare(self):
        self.request.connection.set_max_body_size(MAX_BODY_BYTES * 4)
        length = self.request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            raise RoomError(413, "too_large", f"The request is larger than {MAX_BODY_BYTES // 1000} kB; nothing was stored.")

    def data_received(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size <= MAX_BODY_BYTES:
            self._chunks.append(chunk)

    def body_json(self) -> Any:
        if self._size > MAX_BODY_BYTES:
            raise RoomError(413, "too_large", f"The request is larger than {MAX_BODY_BYTES // 1000} kB; nothing was stored.")
        data = parse_body(b"".join(self._chunks))
        if not isinstance(data, dict):
            raise RoomError(400, "not_object", "The request is a JSON object; nothing was stored.")
        return data

    def check_xsrf_cookie(self) -> None:  # token-authenticated JSON API: no cookies are used
        return None

    def send(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(data, ensure_ascii=False))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        error = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(error, RoomError):
            code, message = error.code, error.message
        elif isinstance(error, web.HTTPError):
            code, message = "http", error.log_message or self._reason
        else:
            code, message = "internal", "The room could not do this (an internal error, logged); your answer is safe in your workbook."
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": code, "message": message}))

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, RoomError):
            if self._finished:
                return
            self.send_error(e.status, exc_info=(type(e), e, e.__traceback__))
            return
        super()._handle_request_exception(e)

    # who is asking
    async def caller(self) -> Caller:
        s = self.room_settings
        token = _bearer(self)
        if not token:
            raise RoomError(401, "no_token", "Sign in first: this room needs a token (join with the room code).")
        if s.mode == "hub":
            model = await s.hub_auth.user_for_token(token, sync=False)
            if not model or model.get("kind", "user") != "user" or not model.get("name"):
                raise RoomError(403, "unknown_token", "The hub does not know this token.")
            if not s.hub_auth.check_scopes(s.hub_auth.access_scopes, model):
                raise RoomError(403, "no_access", "Your hub account is not allowed to use the room; ask the hub's admin.")
            return Caller("hub:" + model["name"], facilitator=s.facilitator_group in (model.get("groups") or []))
        if s.facilitator_token and secrets.compare_digest(token, s.facilitator_token):
            return Caller("", facilitator=True, participant=False)
        who = "secret:" + token
        if not s.room.known(s.room_id, who):
            raise RoomError(403, "not_joined", "This room does not know this token: participants join with the room "
                                             "code, facilitators use the token `careerkit room serve` printed.")
        return Caller(who)

    async def participant(self) -> Caller:
        caller = await self.caller()
        if not caller.participant:
            raise RoomError(403, "not_participant", "The facilitator's token reads the room; it does not share answers.")
        return caller

    async def facilitator(self) -> Caller:
        caller = await self.caller()
        if not caller.facilitator:
            raise RoomError(403, "not_facilitator", "Only the room's facilitators can read the room.")
        return caller

    async def off_loop(self, read, *args):
        """A facilitator's read, in the readers' thread: shares are not held up while it runs."""
        return await IOLoop.current().run_in_executor(self.room_settings.readers, read, *args)

    @property
    def room(self) -> Room:
        return self.room_settings.room


class Health(Api):
    def get(self):
        self.send({"ok": True, "mode": self.room_settings.mode})


class Join(Api):
    def post(self):
        if self.room_settings.mode != "standalone":
            raise RoomError(404, "no_join", "On a hub you are already signed in: there is nothing to join.")
        data = self.body_json()
        room_id, secret = self.room.join(data.get("code"), where=self.request.remote_ip or "")
        if room_id != self.room_settings.room_id:
            raise RoomError(404, "no_room", "There is no room with this code; check the code on the facilitator's screen.")
        self.send({"token": secret}, 201)


class Me(Api):
    async def get(self):
        caller = await self.participant()
        self.send(self.room.mine(self.room_settings.room_id, caller.who))


class Answer(Api):
    async def put(self, key: str):
        caller = await self.participant()
        data = self.body_json()
        if "value" not in data:
            raise RoomError(400, "no_value", "The request has no 'value'; nothing was stored.")
        hub = self.room_settings.mode == "hub"
        self.send(self.room.share(self.room_settings.room_id, caller.who, key, data["value"],
                                  data.get("quote", False), create=hub))

    async def delete(self, key: str):
        caller = await self.participant()
        self.send({"withdrawn": self.room.withdraw(self.room_settings.room_id, caller.who, key)})


class Answers(Api):
    async def delete(self):
        caller = await self.participant()
        self.send({"withdrawn": self.room.withdraw(self.room_settings.room_id, caller.who)})


class View(Api):
    async def get(self):
        await self.facilitator()
        raw = self.get_query_argument("k", str(K_DEFAULT))
        if not raw.isdigit():
            raise RoomError(400, "bad_k", "k is a whole number of at least 2.")
        self.send(await self.off_loop(self.room.view, self.room_settings.room_id, int(raw)))


class Revision(Api):
    async def get(self):
        await self.facilitator()
        self.send({"revision": self.room.revision(self.room_settings.room_id)})


class Export(Api):
    async def get(self):
        await self.facilitator()
        rows = await self.off_loop(self.room.export, self.room_settings.room_id)
        self.send({"format": "careerkit-room-export", "schema_version": 1, "rows": rows})


class Moderate(Api):
    async def post(self):
        await self.facilitator()
        data = self.body_json()
        self.send(self.room.moderate(self.room_settings.room_id, data.get("action"), data.get("key"),
                                     data.get("participant")))


class NotFound(Api):
    def prepare(self):
        raise RoomError(404, "not_found", "The room has no such page.")


def make_app(settings: Settings) -> web.Application:
    p = settings.prefix.rstrip("/") + "/"
    args = {"settings": settings}
    return web.Application([
        (p + "api/health", Health, args),
        (p + "api/join", Join, args),
        (p + "api/me", Me, args),
        (p + r"api/answers/([^/]+)", Answer, args),
        (p + "api/answers", Answers, args),
        (p + "api/room", View, args),
        (p + "api/room/revision", Revision, args),
        (p + "api/export", Export, args),
        (p + "api/moderate", Moderate, args),
    ], default_handler_class=NotFound, default_handler_args=args, xsrf_cookies=False)


def warm_registry() -> None:
    """Import every exercise's model and the view's summaries now, so the first share does not wait for them."""
    from careerkit.room.answers import is_shareable
    from careerkit.room.report import SUMMARIES

    for key in ("versioning.end_state", "lanes.ratings", "feedback.shadows", "act3.arcs"):
        is_shareable(key)
    for summary in SUMMARIES.values():
        summary([], 3)


# the two ways to start it
@dataclass
class Started:
    url: str
    code: str
    facilitator_token: str
    server: HTTPServer


def facilitator_token(data_dir: Path) -> str:
    """The facilitator's token for this data folder: made once, kept 0600 beside the database."""
    path = data_dir / TOKEN_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    token = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(token + "\n")
    return token


def _data_dir(data_dir: Path | str) -> Path:
    folder = Path(data_dir).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder


def start_standalone(data_dir: Path | str, host: str = "127.0.0.1", port: int = 0, db_url: str | None = None,
                     certfile: str | None = None, keyfile: str | None = None, code: str | None = None,
                     room: Room | None = None, joins_per_minute: int = JOINS_PER_MINUTE,
                     joins_per_address: int = 1) -> Started:
    """Listen for one workshop's room (reused from ``data_dir`` when it has one); the caller runs the loop."""
    from sqlalchemy import select

    from careerkit.room.store import rooms

    folder = _data_dir(data_dir)
    joins = RateLimiter(per_second=joins_per_minute / 60, burst=max(1, joins_per_minute))
    room = room or Room(open_engine(database_url(folder, db_url)), join_limiter=joins, joins_per_address=joins_per_address)
    token = facilitator_token(folder)
    with room.engine.connect() as conn:
        existing = conn.execute(select(rooms.c.id, rooms.c.code).where(rooms.c.code != "hub").order_by(rooms.c.id.desc())).first()
    if existing is None:
        created = room.create_room(code)
        room_id, room_code = created.id, created.code
    else:
        room_id, room_code = existing.id, existing.code
        room_code = f"{room_code[:3]}-{room_code[3:]}" if len(room_code) == 6 else room_code
    warm_registry()
    settings = Settings(room=room, mode="standalone", room_id=room_id, facilitator_token=token)
    ssl = {"certfile": certfile, "keyfile": keyfile} if certfile else None
    server = HTTPServer(make_app(settings), ssl_options=ssl, max_body_size=MAX_BODY_BYTES * 4, xheaders=False)
    sockets = bind_sockets(port, address=host)
    server.add_sockets(sockets)
    bound = sockets[0].getsockname()[1]
    scheme = "https" if certfile else "http"
    shown = f"[{host}]" if ":" in host else host
    return Started(f"{scheme}://{shown}:{bound}/", room_code, token, server)


def start_hub(data_dir: Path | str | None = None, db_url: str | None = None, group: str = FACILITATOR_GROUP) -> Started:
    """As a hub-managed service: where to listen and under which prefix come from the hub's environment."""
    from urllib.parse import urlparse

    from jupyterhub.services.auth import HubAuth

    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL") or "http://127.0.0.1:10101")
    folder = _data_dir(data_dir or os.environ.get("CAREERKIT_ROOM_DATA") or ".")
    room = Room(open_engine(database_url(folder, db_url or os.environ.get("CAREERKIT_ROOM_DB") or None)))
    settings = Settings(room=room, mode="hub", room_id=room.hub_room(),
                        prefix=os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/", facilitator_group=group,
                        hub_auth=HubAuth(cache_max_age=60))
    server = HTTPServer(make_app(settings), max_body_size=MAX_BODY_BYTES * 4)
    server.listen(url.port or 80, address=url.hostname or "127.0.0.1")
    IOLoop.current().add_callback(warm_registry)  # listening first: the hub sees the service up at once
    return Started(url.geturl(), "", "", server)


def serve(data_dir: Path | str, *, hub: bool = False, host: str = "127.0.0.1", port: int = 8765,
          db_url: str | None = None, certfile: str | None = None, keyfile: str | None = None,
          group: str = FACILITATOR_GROUP, joins_per_minute: int = JOINS_PER_MINUTE, joins_per_address: int = 1,
          echo=print) -> None:
    """``careerkit room serve``: start the room, say how to join it, and serve until stopped."""
    import asyncio
    import sys

    # The facilitator's views are summarised in a thread beside the event loop; a shorter switch interval (5 ms by
    # default) hands the loop back to the shares waiting on it sooner, which keeps their slowest writes short.
    sys.setswitchinterval(0.001)

    async def main() -> None:
        if hub:
            started = start_hub(data_dir, db_url, group)
            echo(f"careerkit room: serving the hub's room at {started.url} (facilitators: the hub group '{group}').")
        else:
            try:
                started = start_standalone(data_dir, host, port, db_url, certfile, keyfile,
                                           joins_per_minute=joins_per_minute, joins_per_address=joins_per_address)
            except OSError as err:
                raise RoomError(0, "no_listen", f"The room cannot listen on {host}:{port} ({err.strerror}); "
                                "choose another --port, or stop the other room.") from None
            echo(f"Room code: {started.code}")
            echo(f"Room URL: {started.url}")
            echo(f"Facilitator token: {started.facilitator_token}  (yours only: it reads the room)")
            echo("Participants: open 00_welcome, paste the room URL and the code, and press Join.")
        await asyncio.Event().wait()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
