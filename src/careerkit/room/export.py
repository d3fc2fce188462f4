"""``careerkit room export``: the room's shared answers as a file, so the report works offline.

The file holds what the facilitator can read in the room, and nothing more: one row per pseudonym and
exercise, the validated value (typed words emptied where their author did not allow quoting), and
``quote``, true only for words their author let be quoted and the facilitator revealed.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from careerkit.errors import CareerkitError
from careerkit.room.client import RoomClient
from careerkit.room.cohort import EXPORT_FORMAT, EXPORT_SCHEMA


def write_export(rows: list[dict], output: Path | str) -> Path:
    """Write export rows as ``.json`` (the room's own format) or ``.csv`` (values as JSON text); mode 0600."""
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise CareerkitError(f"The export can be written as .json or .csv, not '{path.name}'.")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            if suffix == ".json":
                json.dump({"format": EXPORT_FORMAT, "schema_version": EXPORT_SCHEMA, "rows": rows}, handle,
                          ensure_ascii=False, indent=1, sort_keys=True)
            else:
                writer = csv.DictWriter(handle, fieldnames=["participant", "key", "quote", "value"])
                writer.writeheader()
                for row in rows:
                    writer.writerow({"participant": row["participant"], "key": row["key"], "quote": bool(row["quote"]),
                                     "value": json.dumps(row["value"], ensure_ascii=False, sort_keys=True)})
    except OSError as err:
        raise CareerkitError(f"The export could not be written to {path} ({err.strerror}).") from None
    return path


def export_room(url: str, token: str, output: Path | str) -> str:
    """Fetch every shared answer from the room at ``url`` (facilitator's token) and write it; a sentence back."""
    if not url:
        raise CareerkitError("Say where the room is: --url (or CAREERKIT_ROOM_URL), as `careerkit room serve` printed it.")
    rows = RoomClient(url, token, timeout=60).export()["rows"]
    path = write_export(rows, output)
    people = len({row["participant"] for row in rows})
    return f"Wrote {path}: {len(rows)} shared answers from {people} participants (pseudonyms only)."
