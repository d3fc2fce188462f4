"""Synthetic exchange folders for the collect benchmark, in exactly the format careerkit.sharing writes.

One real participant (the demo answers, every one shared) is published with ``sharing.publish``; its
file is the template. Each synthetic participant gets a pseudonym and a different subset of those
answers, written as publish writes them (same keys, same JSON layout).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any


def template_payload(folder: Path) -> dict[str, Any]:
    """The file ``sharing.publish`` writes for a participant who shared every demo answer."""
    from careerkit.content import demo_answers
    from careerkit.sharing import prepare_exchange, publish
    from careerkit.workbook import Workbook

    prepare_exchange(folder)
    with tempfile.TemporaryDirectory(prefix="careerkit-bench-home-") as home:
        book = Workbook("Template Participant", home)
        book.replace_answers(demo_answers())
        for key in book.answers():
            book.set_shared(key, True)
        path = publish(book, folder)
        payload = json.loads(path.read_text(encoding="utf-8"))
        path.unlink()
    return payload


def write_exchange(folder: Path, participants: int) -> Path:
    """``participants`` shared files in ``folder`` (plus the exchange's salt), each 1 to all answers."""
    folder.mkdir(parents=True, exist_ok=True)
    template = template_payload(folder)
    keys = sorted(template["answers"])
    for number in range(participants):
        name = "p-" + hashlib.sha256(f"synthetic-{number}".encode()).hexdigest()[:16]
        start, count = number % len(keys), 1 + (number * 7) % len(keys)
        chosen = [keys[(start + i) % len(keys)] for i in range(count)]
        payload = dict(template, pseudonym=name)
        payload["answers"] = {
            key: {"value": template["answers"][key]["value"], "quote": number % 3 == 0} for key in sorted(chosen)
        }
        text = json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True)
        (folder / f"{name}.json").write_text(text, encoding="utf-8")
    return folder
