"""The group path for real, on loopback: a JupyterHub (shared password, simple spawner, npm's proxy), two
participants each share from their own server's kernel through the real exercise widget, the facilitator collects.

Slow (about 30 s): the hub starts, then two single-user JupyterLab servers.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import secrets
import signal
import socket
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

from careerkit import cohort

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "workshop" / "jupyterhub" / "jupyterhub_config.py"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
USERS = ("alice", "bob")
PRIVATE = "PRIVATE-CANARY-hub-3e1"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(240),
    pytest.mark.skipif(not PROXY.exists(), reason="configurable-http-proxy is not installed: run `npm ci`"),
]

# What each participant does in their own kernel: type an end state, keep a private answer, tick share.
PARTICIPANT_CODE = f"""
import os
from careerkit import session
from careerkit.widgets import exercise_class
book = session.workbook()
book.save_answer("versioning.stay_or_go", {{"learning_left": 5, "story_value": 5, "cost": 5,
                                             "short_term_reasons": [], "notes": "{PRIVATE}"}})
view = exercise_class("versioning.end_state")()
view.role.value = "CPO, said " + book.participant
view.sharing.share.value = True
print("NOTE", view.sharing.note.value)
print("HOME", os.environ["CAREERKIT_HOME"], "EXCHANGE", os.environ["CAREERKIT_EXCHANGE"])
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, what: str, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def hub(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        CAREERKIT_HUB_DIR=str(tmp_path / "hub"),
        CAREERKIT_EXCHANGE=str(tmp_path / "exchange"),
        CAREERKIT_HUB_USERS=",".join(USERS),
        CAREERKIT_HUB_PASSWORD=secrets.token_hex(8),
        CAREERKIT_HUB_PORT=str(port),
        CAREERKIT_HUB_API_PORT=str(free_port()),
        CAREERKIT_PROXY_API_PORT=str(free_port()),
        CAREERKIT_HUB_TOKEN=token,
    )
    env.pop("CAREERKIT_HOME", None)
    (tmp_path / "hub").mkdir()
    log = (tmp_path / "hub.log").open("wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(CONFIG)],
        cwd=tmp_path / "hub", env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    api = requests.Session()
    api.headers["Authorization"] = f"token {token}"
    base = f"http://127.0.0.1:{port}"

    def up():
        if process.poll() is not None:
            raise AssertionError("the hub exited:\n" + (tmp_path / "hub.log").read_text()[-3000:])
        try:
            return api.get(f"{base}/hub/api/", timeout=2).ok
        except requests.ConnectionError:
            return False

    try:
        wait_for(up, "the hub")
        yield {"base": base, "api": api, "exchange": tmp_path / "exchange", "homes": tmp_path / "hub" / "homes"}
    finally:
        for user in USERS:
            try:
                api.delete(f"{base}/hub/api/users/{user}/server", timeout=10)
            except requests.RequestException:
                pass
        os.killpg(process.pid, signal.SIGTERM)  # the hub and the proxy it started, by our own process group
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def start_server(hub, user: str) -> None:
    api, base = hub["api"], hub["base"]
    response = api.post(f"{base}/hub/api/users/{user}/server", timeout=30)
    assert response.status_code in (201, 202), response.text

    def ready():
        server = api.get(f"{base}/hub/api/users/{user}", timeout=5).json().get("servers", {}).get("")
        return bool(server and server.get("ready"))

    wait_for(ready, f"{user}'s server")


async def _run_in_kernel(base: str, token: str, user: str, code: str) -> str:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Authorization": f"token {token}"}
    kernel = requests.post(f"{base}/user/{user}/api/kernels", headers=headers, json={"name": "python3"}, timeout=30)
    assert kernel.status_code == 201, kernel.text
    url = f"{base.replace('http', 'ws')}/user/{user}/api/kernels/{kernel.json()['id']}/channels"
    socket_ = await websocket_connect(HTTPRequest(url, headers=headers))
    msg_id = uuid.uuid4().hex
    await socket_.write_message(json.dumps({
        "header": {"msg_id": msg_id, "username": user, "session": uuid.uuid4().hex, "msg_type": "execute_request",
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    out: list[str] = []
    while True:
        message = json.loads(await asyncio.wait_for(socket_.read_message(), timeout=120))
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = message["msg_type"], message["content"]
        if kind == "stream":
            out.append(content["text"])
        elif kind == "error":
            out.append("ERROR " + content["ename"] + ": " + content["evalue"])
        elif kind == "status" and content["execution_state"] == "idle":  # after every output of this cell
            socket_.close()
            return "".join(out)


def run_in_kernel(hub, user: str, code: str) -> str:
    token = hub["api"].headers["Authorization"].split()[1]
    # a thread of its own: the browser tests' Playwright keeps an event loop running in the main thread
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _run_in_kernel(hub["base"], token, user, code)).result()


def test_two_participants_share_on_a_hub_and_the_facilitator_collects(hub):
    for user in USERS:
        start_server(hub, user)
    for user in USERS:
        printed = run_in_kernel(hub, user, PARTICIPANT_CODE)
        assert "ERROR" not in printed, printed
        assert "Shared with the group under a pseudonym" in printed, printed
        assert (hub["homes"] / user / "careerkit" / "notebooks" / "00_welcome.ipynb").exists()
        assert (hub["homes"] / user / ".careerkit" / f"{user}.json").exists()  # the workbook stays in the home

    exchange = hub["exchange"]
    assert stat.S_IMODE(exchange.stat().st_mode) == 0o1777
    result = cohort.collect(exchange)
    assert result.problems == [] and result.participants == 2
    assert sorted(v["role"] for v in result.table["value"]) == ["CPO, said alice", "CPO, said bob"]
    assert set(result.table["key"]) == {"versioning.end_state"}
    texts = "".join(p.read_text() for p in exchange.iterdir() if p.is_file())
    assert PRIVATE not in texts and not any(user in p.name for p in exchange.iterdir() for user in USERS)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in exchange.glob("*.json"))

    # a participant saves their copy of a notebook after running it: the hub's servers strip it, as careerkit lab does
    path = f"{hub['base']}/user/alice/api/contents/careerkit/notebooks/01_versioning.ipynb"
    model = hub["api"].get(path, timeout=30).json()
    for cell in model["content"]["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": PRIVATE}]
    saved = hub["api"].put(path, json={"type": "notebook", "format": "json", "content": model["content"]}, timeout=30)
    assert saved.status_code == 200, saved.text
    copy = hub["homes"] / "alice" / "careerkit" / "notebooks" / "01_versioning.ipynb"
    assert PRIVATE not in copy.read_text(encoding="utf-8")
