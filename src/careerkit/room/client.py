"""Talking to the room over HTTP: one small client for participants' kernels and the facilitator's view.

Every failure is a RoomError with a sentence: ``status`` 0 and code ``unreachable`` when the room could not
be reached at all (the caller keeps the answer and tries again later), else the room's own status and code.
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from careerkit.errors import RoomError

TIMEOUT_S = 3.0
UNREACHABLE = "unreachable"


class RoomClient:
    """The room at ``url``, as the holder of ``token`` (a hub token, a participant's secret or the facilitator's)."""

    def __init__(self, url: str, token: str = "", timeout: float = TIMEOUT_S, cafile: str | None = None):
        self.url = url.rstrip("/") + "/"
        self.token = token
        self.timeout = timeout
        self._context = ssl.create_default_context(cafile=cafile) if cafile else None

    def __repr__(self) -> str:
        return f"RoomClient({self.url!r})"  # never the token

    def request(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"token {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout, context=self._context) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as err:
            raise _room_error(err) from None
        except (urllib.error.URLError, OSError, ValueError) as err:
            reason = getattr(err, "reason", err)
            raise RoomError(0, UNREACHABLE, _sentence(UNREACHABLE, url=self.url, reason=reason)) from None

    # a participant
    def join(self, code: str) -> str:
        return self.request("POST", "api/join", {"code": code})["token"]

    def share(self, key: str, value: Any, quote: bool = False) -> dict:
        return self.request("PUT", f"api/answers/{urllib.parse.quote(key, safe='')}", {"value": value, "quote": quote})

    def withdraw(self, key: str | None = None) -> int:
        path = "api/answers" if key is None else f"api/answers/{urllib.parse.quote(key, safe='')}"
        return self.request("DELETE", path)["withdrawn"]

    def mine(self) -> dict:
        return self.request("GET", "api/me")

    # the facilitator
    def view(self, k: int = 3) -> dict:
        return self.request("GET", f"api/room?k={int(k)}")

    def revision(self) -> int:
        return self.request("GET", "api/room/revision")["revision"]

    def export(self) -> dict:
        return self.request("GET", "api/export")

    def moderate(self, action: str, key: str, participant: str | None = None) -> dict:
        return self.request("POST", "api/moderate", {"action": action, "key": key, "participant": participant})

    def health(self) -> dict:
        return self.request("GET", "api/health")


def _room_error(err: urllib.error.HTTPError) -> RoomError:
    try:
        data = json.loads(err.read() or b"{}")
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    code = str(data.get("error") or "http")
    message = data.get("message") if isinstance(data.get("message"), str) else _sentence("http", status=err.code)
    return RoomError(err.code, code, in_learners_language(code, message))


def _sentence(code: str, **values) -> str:
    from careerkit.content.text import texts

    return texts("ui")(f"room_errors.{code}", **values)


def in_learners_language(code: str, message: str) -> str:
    """The room serves everyone in one language (English); a participant reads its refusal in their own, where the
    ui pack has a sentence for its code (``room_errors.<code>``), else as the room said it."""
    from careerkit.content.text import ENGLISH, language, texts

    if language() == ENGLISH:
        return message
    t = texts("ui")
    key = f"room_errors.{code}"
    return t(key) if key in t else message
