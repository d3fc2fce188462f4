"""The room under a workshop's load, on loopback: 300 participants each share 20 answers within 60 seconds,
then 10% withdraw everything; the facilitator's live view is open the whole time.

Prints:
    room write: p99 N ms (goal ≤ 100 ms)
    room view: N s from last share to chart (goal ≤ 2 s)
    room memory: peak N MiB (the service's resident memory)
    room records: 0 lost, 0 duplicated (checked against what was sent)

The service is the real command (``careerkit room serve``, SQLite in a temp folder) in its own process; the
participants are threads of this process, each with its own secret from ``api/join``, sharing at random
moments spread over the minute (``ROOM_PARTICIPANTS``, ``ROOM_ANSWERS``, ``ROOM_SECONDS`` change the load).
The facilitator's live view runs in a process of its own, as it does on the facilitator's laptop: it prints
the revision and the moment (``time.monotonic``, one clock for every process) of each redraw.
"""

from __future__ import annotations

import heapq
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

PARTICIPANTS = int(os.environ.get("ROOM_PARTICIPANTS", "300"))
ANSWERS = int(os.environ.get("ROOM_ANSWERS", "20"))
SECONDS = float(os.environ.get("ROOM_SECONDS", "60"))
WITHDRAW = 0.10
WORKERS = 48


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(data: Path, port: int, db: str | None) -> tuple[subprocess.Popen, str, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "careerkit", "room", "serve", "--data", str(data), "--port", str(port),
         "--joins-per-minute", str(PARTICIPANTS * 10), *(["--db", db] if db else [])],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True,
        env=dict(os.environ, MPLBACKEND="Agg"),
    )
    printed: dict[str, str] = {}
    while len(printed) < 2:
        name, _, value = process.stdout.readline().partition(": ")
        if name in ("Room code", "Facilitator token"):
            printed[name] = value.split()[0]
        if process.poll() is not None:
            raise SystemExit("the room did not start")
    return process, printed["Room code"], printed["Facilitator token"]


def _peak_rss_mib(pid: int) -> float:
    try:
        for text in Path(f"/proc/{pid}/status").read_text().splitlines():
            if text.startswith("VmHWM:"):
                return int(text.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    """The process's user + system CPU time so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def _values(participant: int) -> dict[str, object]:
    """Twenty (or ANSWERS) shareable answers, one of them carrying the participant's own number."""
    from careerkit.content import demo_answers
    from careerkit.room.answers import is_shareable

    answers = {key: value for key, value in sorted(demo_answers().items()) if is_shareable(key)}
    answers["versioning.stay_or_go"] = dict(answers["versioning.stay_or_go"], cost=participant % 11,
                                            learning_left=participant // 11 % 11)
    keys = sorted(answers)
    while len(keys) < ANSWERS:  # more answers than exercises: the later ones replace earlier ones
        keys += keys
    return {key: answers[key] for key in keys[:ANSWERS]}


def _watch(url: str, token: str) -> None:
    """The facilitator's screen: the live view, printing ``<revision> <monotonic>`` after each redraw."""
    from careerkit.room.client import RoomClient
    from careerkit.room.view import RoomView

    view = RoomView(RoomClient(url, token, timeout=30), k=3, live=False)
    print(view.revision, view.updated, flush=True)
    while True:
        time.sleep(view.poll_s)
        if view.refresh():
            print(view.revision, view.updated, flush=True)


def _redraws(process: subprocess.Popen, seen: list[tuple[int, float]]) -> threading.Thread:
    def read() -> None:
        for line in process.stdout:
            revision, _, moment = line.partition(" ")
            if revision.strip().isdigit():
                seen.append((int(revision), float(moment)))
    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def run_room_load(scratch: Path, verdict, db: str | None = None, label: str = "room") -> None:
    """The load, on SQLite in a temp folder, or on the database at ``db``; each line starts with ``label``."""
    from careerkit.errors import RoomError
    from careerkit.room.client import RoomClient

    port = _free_port()
    process, code, token = _serve(scratch / ("room-bench-pg" if db else "room-bench"), port, db)
    url = f"http://127.0.0.1:{port}/"
    watcher = None
    try:
        while True:
            try:
                RoomClient(url).health()
                break
            except RoomError:
                time.sleep(0.1)
        people = [RoomClient(url, RoomClient(url).join(code), timeout=30) for _ in range(PARTICIPANTS)]
        watcher = subprocess.Popen([sys.executable, __file__, "--watch", url, token], stdout=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, text=True, env=dict(os.environ, MPLBACKEND="Agg"))
        redraws: list[tuple[int, float]] = []
        _redraws(watcher, redraws)
        while not redraws:  # the view is open (and has drawn the empty room) before the first share
            if watcher.poll() is not None:
                raise SystemExit("the facilitator's view did not start")
            time.sleep(0.05)
        rng = random.Random(7)
        plan = [(rng.uniform(0, SECONDS), n, key) for n in range(PARTICIPANTS) for key in _values(n)]
        heapq.heapify(plan)
        values = {n: _values(n) for n in range(PARTICIPANTS)}
        latencies: list[float] = []
        failures: list[str] = []
        lock = threading.Lock()
        start = time.monotonic()

        def worker() -> None:
            while True:
                with lock:
                    if not plan:
                        return
                    due, n, key = heapq.heappop(plan)
                wait = start + due - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                began = time.perf_counter()
                try:
                    people[n].share(key, values[n][key])
                except RoomError as err:
                    with lock:
                        failures.append(f"{key}: {err.message}")
                    continue
                with lock:
                    latencies.append(time.perf_counter() - began)

        threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        last_share = time.monotonic()
        revision = RoomClient(url, token).revision()
        deadline = time.monotonic() + 60
        while not redraws or redraws[-1][0] < revision:
            if time.monotonic() > deadline:
                raise SystemExit("the facilitator's view did not catch up within a minute")
            time.sleep(0.01)
        to_chart = max(0.0, next(moment for rev, moment in redraws if rev >= revision) - last_share)
        watcher.terminate()
        watcher.wait(30)
        shares_took = last_share - start

        leaving = rng.sample(range(PARTICIPANTS), int(PARTICIPANTS * WITHDRAW))
        for n in leaving:
            people[n].withdraw()

        names = {n: people[n].mine()["pseudonym"] for n in range(PARTICIPANTS)}
        rows = RoomClient(url, token, timeout=120).export()["rows"]
        stored = [(r["participant"], r["key"]) for r in rows]
        expected = {(names[n], key) for n in range(PARTICIPANTS) if n not in leaving for key in values[n]}
        lost = len(expected - set(stored))
        duplicated = len(stored) - len(set(stored)) + len(set(stored) - expected)
        wrong = sum(1 for r in rows if r["key"] == "versioning.stay_or_go" and r["value"]["cost"] != next(
            n for n, name in names.items() if name == r["participant"]) % 11)
        memory = _peak_rss_mib(process.pid)
        cpu = _cpu_seconds(process.pid)
    finally:
        for child in (watcher, process):
            if child is not None and child.poll() is None:
                child.terminate()
                child.wait(30)

    p99 = statistics.quantiles(latencies, n=100)[98] * 1000 if len(latencies) > 1 else float("nan")
    verdict(
        f"{label} write: p99 {p99:.0f} ms (goal ≤ 100 ms)",
        f"{len(latencies)} shares acknowledged from {PARTICIPANTS} participants in {shares_took:.1f} s "
        f"(planned over {SECONDS:.0f} s); median {statistics.median(latencies) * 1000:.1f} ms; "
        f"{len(failures)} refused" + (f" (first: {failures[0]})" if failures else ""),
    )
    verdict(
        f"{label} view: {to_chart:.2f} s from last share to chart (goal ≤ 2 s)",
        f"the facilitator's live view (careerkit.room.view.RoomView in its own process, polling every 0.5 s), "
        f"redrawn {len(redraws) - 1} times during the load",
    )
    verdict(f"{label} memory: peak {memory:.0f} MiB", "the service process's peak resident memory (VmHWM)")
    verdict(f"{label} cpu: {cpu / max(1, len(latencies)) * 1000:.1f} ms of service CPU per share",
            f"{cpu:.1f} s of CPU in all (joins, shares, the view's polls, withdrawals, export); with load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, the service got a share of the machine, not all of it")
    verdict(
        f"{label} records: {lost} lost, {duplicated} duplicated (goal 0 and 0)",
        f"{len(rows)} records after {len(leaving)} participants withdrew; {wrong} values under the wrong pseudonym",
    )


if __name__ == "__main__" and sys.argv[1:2] == ["--watch"]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    _watch(sys.argv[2], sys.argv[3])
