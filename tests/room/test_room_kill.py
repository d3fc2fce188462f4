"""The room is SIGKILLed in the middle of a burst of shares, then restarted on the same data folder:
every share it acknowledged is still there, and the room answers again with the same code."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from careerkit.errors import RoomError
from careerkit.room.client import RoomClient

STAY = {"learning_left": 6, "story_value": 7, "cost": 0, "short_term_reasons": [], "notes": ""}
PEOPLE = 8
KEYS = ("versioning.stay_or_go", "lanes.radar")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(data: Path, port: int, log, db: str | None = None) -> tuple[subprocess.Popen, str, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "careerkit", "room", "serve", "--data", str(data), "--port", str(port),
         *(["--db", db] if db else [])],
        stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, text=True, env=dict(os.environ, MPLBACKEND="Agg"),
    )
    printed = {}
    while len(printed) < 3:
        text = process.stdout.readline()
        if not text:
            raise AssertionError(f"the room stopped: {process.poll()}")
        name, _, value = text.partition(": ")
        if name in ("Room code", "Room URL", "Facilitator token"):
            printed[name] = value.split()[0]
    url = printed["Room URL"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            RoomClient(url).health()
            break
        except RoomError:
            time.sleep(0.1)
    return process, printed["Room code"], printed["Facilitator token"]


def value(key: str, number: int) -> dict:
    from careerkit.content import demo_answers

    if key == "versioning.stay_or_go":
        return dict(STAY, cost=number % 11, learning_left=number // 11 % 11, story_value=number // 121 % 11)
    radar = demo_answers()["lanes.radar"]
    return {"current": {lane: (number >> i) % 11 for i, lane in enumerate(radar["current"])}, "target": radar["target"]}


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """Where the room keeps its records: SQLite in its data folder, or a database on the real PostgreSQL."""
    if request.param == "sqlite":
        return None
    return request.getfixturevalue("postgres").fresh_database(f"kill_{os.getpid()}")


def test_no_acknowledged_share_is_lost_when_the_room_is_killed_mid_burst(tmp_path, database):
    data, port = tmp_path / "room", free_port()
    log = (tmp_path / "room.log").open("w")
    process, code, token = serve(data, port, log, database)
    url = f"http://127.0.0.1:{port}/"
    people = [RoomClient(url, RoomClient(url).join(code), timeout=5) for _ in range(PEOPLE)]
    names = [person.mine()["pseudonym"] for person in people]
    acknowledged: dict[tuple[str, str], int] = {}  # (pseudonym, key) -> the last number the room said it stored
    sent: dict[tuple[str, str], int] = {}
    lock = threading.Lock()

    def burst(person: RoomClient, name: str) -> None:
        for number in range(1, 10_000):
            key = KEYS[number % 2]
            with lock:
                sent[(name, key)] = number
            try:
                person.share(key, value(key, number))
            except RoomError as err:
                if err.status == 429:  # the room's rate limit: slow down, as a real client would
                    time.sleep(0.2)
                    continue
                return  # the room is gone
            with lock:
                acknowledged[(name, key)] = number

    threads = [threading.Thread(target=burst, args=pair) for pair in zip(people, names, strict=True)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(acknowledged) < PEOPLE * 2:
        time.sleep(0.05)
    time.sleep(0.5)
    writing = sum(thread.is_alive() for thread in threads)
    os.kill(process.pid, signal.SIGKILL)  # mid-burst: requests in flight, a transaction likely open
    process.wait()
    assert writing == PEOPLE, "every participant was still sharing when the room was killed"
    for thread in threads:
        thread.join(30)
    assert len(acknowledged) == PEOPLE * 2, "the burst did not get going before the kill"

    again, code_again, token_again = serve(data, port, log, database)
    try:
        assert (code_again, token_again) == (code, token)  # the same room, the same facilitator token
        rows = RoomClient(url, token).export()["rows"]
        stored = {(r["participant"], r["key"]): r["value"] for r in rows}
        assert len(rows) == len(stored) == PEOPLE * 2  # one record per participant and exercise, none doubled
        for (name, key), number in acknowledged.items():
            candidates = [value(key, n) for n in range(number, sent[(name, key)] + 1)]  # acked, or in flight after it
            assert stored[(name, key)] in candidates, (name, key, number)
        assert sorted({name for name, _ in stored}) == sorted(names)
        people[0].share("versioning.stay_or_go", value("versioning.stay_or_go", 1))  # and it takes shares again
    finally:
        again.terminate()
        again.wait(20)
        log.close()
