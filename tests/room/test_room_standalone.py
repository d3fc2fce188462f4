"""Standalone, as on a workshop's laptops: ``careerkit room serve`` on loopback prints a code; two
participants' kernels join with it from 00_welcome's join box, share through the real widget, and the
facilitator's live view counts them without being re-run."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest
from jupyter_client.manager import start_new_kernel

from careerkit.room.client import RoomClient
from careerkit.room.sharing import STATE_SUFFIX
from careerkit.room.view import RoomView
from careerkit.store.workbook import Workbook
from careerkit.ui.exercise import plain_text

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PARTICIPANT = """
from careerkit.modules import exercise_class
from careerkit.modules.welcome.views import RoomPicker
picker = RoomPicker()
picker.url.value, picker.code.value = {url!r}, {code!r}
picker.choose()
print("JOIN", picker.message.value)
view = exercise_class("versioning.stay_or_go")()
view.cost.value = 9
view.sharing.share.value = True
print("NOTE", view.sharing.note.value)
"""


def run(kc, code: str) -> str:
    out: list[str] = []

    def hook(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            out.append("ERROR " + msg["content"]["ename"] + ": " + msg["content"]["evalue"])

    kc.execute_interactive(code, timeout=120, output_hook=hook)
    return "".join(out)


def test_two_kernels_join_with_the_code_share_and_the_view_counts_them(tmp_path):
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "careerkit", "room", "serve", "--data", str(tmp_path / "room"), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
        env=dict(os.environ, MPLBACKEND="Agg"),
    )
    kernels = []
    try:
        printed = {}
        while len(printed) < 3:
            name, _, value = serve.stdout.readline().partition(": ")
            if name in ("Room code", "Room URL", "Facilitator token"):
                printed[name] = value.split()[0]
        url = printed["Room URL"]
        assert url == f"http://127.0.0.1:{port}/"  # loopback unless the facilitator gives a host
        view = RoomView(RoomClient(url, printed["Facilitator token"]), k=2)
        for name in ("Ana", "Ben"):
            env = dict(os.environ, CAREERKIT_HOME=str(tmp_path / name), CAREERKIT_PARTICIPANT=name, MPLBACKEND="Agg")
            for variable in ("CAREERKIT_DEMO", "CAREERKIT_ROOM_URL", "CAREERKIT_ROOM_TOKEN", "JUPYTERHUB_API_TOKEN"):
                env.pop(variable, None)
            kernels.append(start_new_kernel(kernel_name="python3", env=env))
        for _km, kc in kernels:
            out = run(kc, PARTICIPANT.format(url=url, code=printed["Room code"]))
            assert "ERROR" not in out and "You have joined the room" in out, out
            assert "Shared with the group under a pseudonym" in out, out
        def counted() -> bool:
            panel = view.panels.get("versioning.stay_or_go")
            return panel is not None and "2 people shared this" in plain_text(panel.state.value)

        deadline = time.monotonic() + 5  # the view polls by itself: nobody re-runs it
        while time.monotonic() < deadline and not counted():
            time.sleep(0.05)
        assert counted(), plain_text(view.board.children[0].children[1].value) if view.board.children else "no panel"
        assert "2 joined" in plain_text(view.header.value) and "2 sharing" in plain_text(view.header.value)
        for name in ("Ana", "Ben"):
            book = Workbook(name, tmp_path / name)
            assert book.path.with_name(book.path.stem + STATE_SUFFIX).is_file()  # each workbook keeps its own secret
        view.close()
    finally:
        for km, kc in kernels:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        serve.terminate()
        serve.wait(20)
