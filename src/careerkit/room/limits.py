"""Reading what a caller sent, safely: a size cap, a nesting cap checked before parsing, one clear error.

``json.loads`` recurses once per bracket, so a body of 100,000 ``[`` raises RecursionError (or worse,
in a C extension). The nesting is therefore measured first, by a plain scan that skips strings, and a
body nested deeper than the cap is refused before the parser sees it.
"""

from __future__ import annotations

import json
from typing import Any

from careerkit.errors import RoomError

MAX_BODY_BYTES = 64_000  # a shared answer is a few kB; the largest exercise fits many times over
MAX_DEPTH = 16  # the deepest answer model nests 4 levels (an answer, its rows, a row, a list in it)


def nesting_depth(text: str, limit: int) -> int:
    """The deepest bracket nesting in a JSON text (strings skipped); stops counting once past ``limit``."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def parse_body(body: bytes | str, max_bytes: int = MAX_BODY_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON a caller sent, or a RoomError (413 too large, 400 not JSON or nested too deeply)."""
    if len(body) > max_bytes:
        raise RoomError(413, "too_large", f"The request is larger than {max_bytes // 1000} kB; nothing was stored.")
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            raise RoomError(400, "not_utf8", "The request is not UTF-8 text; nothing was stored.") from None
    if nesting_depth(body, max_depth) > max_depth:
        raise RoomError(400, "too_deep", f"The request nests more than {max_depth} levels deep; nothing was stored.")
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        raise RoomError(400, "not_json", "The request is not valid JSON; nothing was stored.") from None
