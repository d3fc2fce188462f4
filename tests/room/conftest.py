"""The room's test builders: a database on SQLite and, once per run, on a real throwaway PostgreSQL."""

from __future__ import annotations

import itertools
import os

import pytest
from postgres import Postgres

from careerkit.room.core import RateLimiter, Room
from careerkit.room.store import database_url, open_engine

_names = itertools.count()


@pytest.fixture(scope="session")
def postgres():
    server = Postgres()
    if server.bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed: .ci/run installs Debian's postgresql")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty room database: SQLite in a temp folder, then the same tests on PostgreSQL."""
    if request.param == "sqlite":
        return database_url(tmp_path)
    return request.getfixturevalue("postgres").fresh_database(f"room_{os.getpid()}_{next(_names)}")


@pytest.fixture
def make_room(db_url):
    """make_room(**options): the room's core on a fresh database (a generous rate limit unless given)."""
    engines = []

    def _make(**options) -> Room:
        engine = open_engine(db_url)
        engines.append(engine)
        options.setdefault("limiter", RateLimiter(per_second=1000, burst=1000))
        return Room(engine, **options)

    yield _make
    for engine in engines:
        engine.dispose()
