"""A standalone room served on loopback from a thread of the test process (its own event loop)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from careerkit.room.client import RoomClient
from careerkit.room.core import RateLimiter, Room
from careerkit.room.server import start_standalone
from careerkit.room.store import database_url, open_engine


class RunningRoom:
    def __init__(self, data_dir: Path, room: Room | None = None, port: int = 0, certfile: str | None = None,
                 keyfile: str | None = None):
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        self.room = room or Room(open_engine(database_url(data_dir)),
                                 limiter=RateLimiter(per_second=1000, burst=1000))
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        failure: list[BaseException] = []

        def run():
            asyncio.set_event_loop(self.loop)

            async def boot():
                try:
                    self.started = start_standalone(data_dir, room=self.room, port=port, certfile=certfile,
                                                    keyfile=keyfile)
                except BaseException as err:  # reported to the test below
                    failure.append(err)
                ready.set()

            self.loop.run_until_complete(boot())
            if not failure:
                self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        assert ready.wait(60), "the room did not start"
        if failure:
            raise failure[0]
        self.url, self.code, self.token = self.started.url, self.started.code, self.started.facilitator_token
        self.facilitator = RoomClient(self.url, self.token)

    @classmethod
    def on_port(cls, data_dir: Path, port: int) -> RunningRoom:
        """The same room again (same data folder), on the port it had: as a facilitator restarts it."""
        return cls(data_dir, port=port)

    def join(self) -> RoomClient:
        return RoomClient(self.url, RoomClient(self.url).join(self.code))

    def stop(self) -> None:
        async def down():
            self.started.server.stop()

        asyncio.run_coroutine_threadsafe(down(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.room.engine.dispose()
