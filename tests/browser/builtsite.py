"""One ``careerkit build`` per test session, shared by tests/test_build.py and the browser tests.

The build runs as the real command (``python -m careerkit build -o DIR``), so its exit code and
messages are tested too. Every notebook in notebooks/ is built, whatever modules exist today.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
MODULES = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUILD_TIMEOUT_S = 600


@dataclass(frozen=True)
class Site:
    """A finished build: its folder and what the command printed."""

    folder: Path
    stdout: str
    stderr: str

    def deck(self, stem: str) -> Path:
        return self.folder / f"{stem}.slides.html"

    def handout(self, stem: str) -> Path:
        return self.folder / f"{stem}.handout.html"

    def pdf(self, stem: str) -> Path:
        return self.folder / f"{stem}.pdf"

    def notes_pdf(self, stem: str) -> Path:
        return self.folder / f"{stem}.notes.pdf"

    def single_file(self, stem: str) -> Path:
        return self.folder / "single-file" / f"{stem}.slides.html"


_site: Site | None = None


def built_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Build every module once per session (slow: every notebook runs in a kernel, decks print to PDF,
    with speaker notes too, and are written as single files), as a facilitator would with every option."""
    global _site
    if _site is None:
        folder = tmp_path_factory.mktemp("site") / "build"
        done = subprocess.run(
            [sys.executable, "-m", "careerkit", "build", "-o", str(folder), "--pdf-notes", "--single-file"],
            cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            pytest.fail(f"careerkit build failed ({done.returncode}):\n{done.stderr[-4000:]}")
        _site = Site(folder, done.stdout, done.stderr)
    return _site


def chromium_available() -> bool:
    return os.access(CHROMIUM, os.X_OK)


def chromium_args() -> list[str]:
    """No sandbox (CI runs as root), no GPU, and no name resolves except loopback: nothing leaves the machine."""
    return ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server process in its own session, stopped (SIGTERM, then SIGKILL) by its process group id."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path, cwd: Path):
        self.log = log
        self._log_file = log.open("wb")
        self.process = subprocess.Popen(
            argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=self._log_file, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_up(self, url: str, headers: dict[str, str] | None = None, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited ({self.process.returncode}):\n{self.output()}")
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=5) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"server not up after {timeout} s:\n{self.output()}")

    def output(self) -> str:
        self._log_file.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log_file.close()


def artifact_dir(name: str) -> Path:
    folder = ARTIFACTS / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder

