"""What the live view draws for one exercise, computed in the room: the report's distributions and the
words their authors allowed to be quoted. The view then receives a few kB per exercise, never everyone's
raw answers, and the room computes an exercise again only when its answers or moderation changed."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any


def summarise(key: str, rows: list[dict], k: int, *, charts: bool = True) -> dict[str, Any]:
    """``{"distributions": [...], "quotes": [...]}`` for the rows of one exercise (pseudonym, value, quote flags)."""
    from careerkit.room.report import SUMMARIES, _models, _quote, free_text

    summary = SUMMARIES.get(key)
    distributions = [asdict(d) for d in summary([row["value"] for row in rows], k)] if charts and summary else []
    quotes = []
    for row in rows:
        if not row["quote"]:
            continue
        texts = [_quote(text) for answer in _models(key, [row["value"]]) for text in free_text(answer)]
        if texts:
            quotes.append({"participant": row["participant"], "revealed": bool(row["quote_revealed"]), "texts": texts})
    return {"distributions": distributions, "quotes": quotes}
