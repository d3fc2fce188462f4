"""Shared builders: every test gets its own workbook folder and never touches ~/.careerkit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from careerkit.constants import ENV_DEMO, ENV_HOME, ENV_PARTICIPANT, ENV_ROOM_TOKEN, ENV_ROOM_URL
from careerkit.store import session
from careerkit.store.workbook import Workbook

# `make mutate` runs each test inside mutmut's tracing on a shared machine: timings there say nothing.
settings.register_profile("mutmut", deadline=None)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def pytest_addoption(parser):
    parser.addoption("--regen-notebooks", action="store_true", help="store the executed notebooks as expected outputs")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """A private workbook folder per test; no demo mode, no participant set, no room."""
    home = tmp_path / "careerkit-home"
    monkeypatch.setenv(ENV_HOME, str(home))
    for name in (ENV_DEMO, ENV_PARTICIPANT, ENV_ROOM_URL, ENV_ROOM_TOKEN):
        monkeypatch.delenv(name, raising=False)
    session._cache.clear()
    yield home
    session._cache.clear()


@pytest.fixture
def make_workbook(isolated_home):
    """make_workbook(name="Ana", **answers): a workbook on disk, optionally pre-filled (keys use __ for .)."""

    def _make(participant: str = "Ana", answers: dict | None = None) -> Workbook:
        book = Workbook(participant, isolated_home)
        if answers:
            book.replace_answers(answers)
        return book

    return _make


@pytest.fixture
def demo_env(monkeypatch, isolated_home):
    """Run as the fictional demo participant, as tests and builds of notebooks do."""
    monkeypatch.setenv(ENV_DEMO, "1")
    session._cache.clear()
    return isolated_home


@pytest.fixture
def es(monkeypatch):
    """Spanish: what a learner with CAREERKIT_LANG=es (or a notebook in notebooks/es/) sees."""
    monkeypatch.setenv("CAREERKIT_LANG", "es")
    session._cache.clear()


@pytest.fixture
def es_demo(demo_env, es):
    """The demo participant, in Spanish (their workbook seeded from the Spanish demo answers)."""
    session._cache.clear()
    return session.workbook()


def pytest_configure(config):
    os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture
def room_server(tmp_path):
    """A standalone room on loopback (SQLite in a temp folder): ``.url``, ``.code``, ``.facilitator``, ``.join()``."""
    from roomserver import RunningRoom

    running = RunningRoom(tmp_path / "room")
    yield running
    running.stop()
