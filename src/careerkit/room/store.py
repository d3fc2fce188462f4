"""The room's tables, through SQLAlchemy: SQLite in the service's data folder, or PostgreSQL by URL.

- ``rooms``: one per workshop (standalone: its code and the facilitator token's hash; on a hub: "hub").
  ``revision`` goes up with every change, so a live view knows when to redraw.
- ``participants``: one per authenticated person per room, with the pseudonym the room drew at random.
  ``identity`` is a keyed hash of the hub username or of the participant's secret: the mapping from a
  pseudonym to a person stays in this database and nowhere else.
- ``answers``: at most one per participant per exercise (a unique constraint, not a convention).
  Withdrawing deletes the row.
- ``exercise_state``: the facilitator's moderation of one exercise (results hidden, chart frozen).
- ``joins``: standalone, how many participants joined from one network address (a keyed hash of the address,
  never the address itself): one person cannot join again and again to make a group look big enough to show.

Every write is one transaction. SQLite runs in WAL mode with ``synchronous=NORMAL``: a commit is in the
write-ahead log before the room answers, so a killed service loses no acknowledged share (the kill test
checks it); only a power cut can lose the last moments, which PostgreSQL avoids for a larger deployment.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine

metadata = MetaData()

rooms = Table(
    "rooms", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("facilitator_hash", String(64), nullable=False, default=""),
    Column("revision", Integer, nullable=False, default=0),
    Column("created", DateTime(timezone=True), nullable=False),
)

participants = Table(
    "participants", metadata,
    Column("id", Integer, primary_key=True),
    Column("room_id", Integer, ForeignKey("rooms.id", ondelete="CASCADE"), nullable=False),
    Column("identity", String(64), nullable=False),
    Column("pseudonym", String(16), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    UniqueConstraint("room_id", "identity", name="one_participant_per_person"),
    UniqueConstraint("room_id", "pseudonym", name="one_pseudonym_per_participant"),
)

answers = Table(
    "answers", metadata,
    Column("id", Integer, primary_key=True),
    Column("room_id", Integer, ForeignKey("rooms.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("quote", Boolean, nullable=False, default=False),  # the participant's consent to be quoted
    Column("quote_revealed", Boolean, nullable=False, default=False),  # the facilitator's reveal of that quote
    Column("updated", DateTime(timezone=True), nullable=False),
    UniqueConstraint("participant_id", "key", name="one_answer_per_participant_and_exercise"),
)

exercise_state = Table(
    "exercise_state", metadata,
    Column("room_id", Integer, ForeignKey("rooms.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("results_hidden", Boolean, nullable=False, default=False),
    Column("frozen", Text, nullable=True),  # JSON of the rows at the moment the chart was frozen
)

joins = Table(
    "joins", metadata,
    Column("room_id", Integer, ForeignKey("rooms.id", ondelete="CASCADE"), primary_key=True),
    Column("address", String(64), primary_key=True),
    Column("count", Integer, nullable=False, default=0),
)

secrets_table = Table(
    "room_secrets", metadata,
    Column("name", String(32), primary_key=True),
    Column("value", String(128), nullable=False),
)

DB_FILE = "careerkit-room.sqlite"


def database_url(data_dir: Path | str | None = None, url: str | None = None) -> str:
    """The URL given, else SQLite in ``data_dir``."""
    if url:
        return url
    if data_dir is None:
        raise ValueError("a data folder or a database URL is needed")
    return f"sqlite:///{Path(data_dir) / DB_FILE}"


def open_engine(url: str) -> Engine:
    """An engine with the tables created; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()
    else:
        engine = create_engine(url, pool_pre_ping=True)
    metadata.create_all(engine)
    return engine
