"""Synthetic room exports for the collect benchmark, in exactly the format ``careerkit room export`` writes.

One real participant's answers (every demo answer of a shareable exercise, stored as the room stores it:
validated, and without typed words unless quoted) are the template; each synthetic participant shares a
different subset of them under a pseudonym.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


def template_values() -> dict[str, tuple[Any, Any]]:
    """Per shareable exercise: the demo answer as the room stores it unquoted, and quoted."""
    from careerkit.content import demo_answers
    from careerkit.room.answers import check_answer, is_shareable

    return {key: (check_answer(key, value, False), check_answer(key, value, True))
            for key, value in sorted(demo_answers().items()) if is_shareable(key)}


def write_room_export(path: Path, participants: int) -> Path:
    """An export of ``participants`` pseudonyms, each sharing 1 to all of the template's exercises."""
    from careerkit.room.export import write_export

    template = template_values()
    keys = sorted(template)
    rows = []
    for number in range(participants):
        name = "p-" + hashlib.sha256(f"synthetic-{number}".encode()).hexdigest()[:8]
        start, count = number % len(keys), 1 + (number * 7) % len(keys)
        for key in sorted(keys[(start + i) % len(keys)] for i in range(count)):
            quote = number % 3 == 0
            rows.append({"participant": name, "key": key, "quote": quote, "value": template[key][quote]})
    return write_export(rows, path)
