"""The facilitator's live room view: charts that redraw themselves, and the moderation controls.

``RoomView`` asks the room for its revision every half second, from a thread of the kernel, and redraws
only the exercises whose answers (or moderation) changed; a share or a withdrawal reaches the chart within
about a second. An exercise fewer than k people shared says "waiting for more answers", never a breakdown
(the room itself sends no rows for it). Distributions are the report's own (``careerkit.room.report``).

Moderation sits under each chart: freeze the chart, hide its results until you reveal them, reset the
exercise for the room, and reveal (or hide again) each quote its author allowed, before the room sees it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from typing import Any

import ipywidgets as w

from careerkit.constants import ENV_ROOM_TOKEN, ENV_ROOM_URL
from careerkit.errors import CareerkitError, RoomError
from careerkit.room.client import RoomClient
from careerkit.ui.exercise import FULL, esc

log = logging.getLogger(__name__)

POLL_S = 0.5
ROOM_STYLE = """<style>
.ck-room-view .ck-hint { color: #555; } .ck-room-view .ck-saved { color: #006b4f; }
.ck-room-view .ck-problem { color: #8a1c00; background: #fff1ec; border-radius: 4px; padding: 4px 8px; }
.ck-room-exercise { border-left: 4px solid #0072B2; padding-left: 10px; margin: 10px 0 18px 0; }
.ck-room blockquote { border-left: 3px solid #E69F00; margin: 0.3rem 0; padding: 0.1rem 0.8rem; font-size: 120%; }
.ck-room table { border-collapse: collapse; } .ck-room th, .ck-room td { padding: 2px 10px; text-align: left; }
.ck-room img { max-width: 100%; }
</style>"""
K_DEFAULT = 3


def facilitator_client() -> RoomClient:
    """The room as this kernel's facilitator reaches it: ``CAREERKIT_ROOM_URL`` and the facilitator's token
    (``CAREERKIT_ROOM_TOKEN``; on a hub, the kernel's own ``JUPYTERHUB_API_TOKEN``)."""
    url = os.environ.get(ENV_ROOM_URL, "").strip()
    token = os.environ.get(ENV_ROOM_TOKEN, "").strip() or os.environ.get("JUPYTERHUB_API_TOKEN", "").strip()
    if not url:
        raise CareerkitError("No room to show: start the view with `careerkit room view` (it asks for the room's "
                             "address and your facilitator token), or set CAREERKIT_ROOM_URL and CAREERKIT_ROOM_TOKEN.")
    return RoomClient(url, token)


def _titles() -> dict[str, str]:
    from careerkit.room.report import _exercise_titles

    return _exercise_titles()


def _digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


class ExercisePanel:
    """One exercise in the room: its state, its charts, its quotes, and the facilitator's controls."""

    def __init__(self, view: RoomView, key: str, title: str):
        self.view, self.key = view, key
        self.heading = w.HTML(f"<h3>{esc(title)}</h3>")
        self.state = w.HTML()
        self.state.add_class("ck-room-state")
        self.charts = w.HTML(layout=FULL)
        self.quotes = w.HTML(layout=FULL)
        self.freeze = w.ToggleButton(description="Freeze chart", icon="snowflake-o", tooltip="Keep the chart as it is now")
        self.hold = w.ToggleButton(description="Hide results", icon="eye-slash", tooltip="Hide the results until you reveal them")
        self.reset = w.Button(description="Reset exercise", icon="trash", button_style="warning")
        self.moderation = w.VBox(layout=FULL)
        self.freeze.observe(lambda c: self._act("freeze" if c["new"] else "unfreeze"), names="value")
        self.hold.observe(lambda c: self._act("hide_results" if c["new"] else "reveal_results"), names="value")
        self.reset.on_click(lambda _b: self._reset())
        self._armed = False
        self._basis = ""
        self._syncing = False
        controls = w.HBox([self.freeze, self.hold, self.reset])
        self.box = w.VBox([self.heading, self.state, self.charts, self.quotes, controls, self.moderation], layout=FULL)
        self.box.add_class("ck-room-exercise")
        self.box.add_class("ck-room-" + key.replace(".", "-").replace("_", "-"))

    def update(self, data: dict, k: int) -> None:
        self._syncing = True
        try:
            self.freeze.value = bool(data["frozen"])
            self.hold.value = bool(data["results_hidden"])
        finally:
            self._syncing = False
        people = data["people"]
        if data["waiting"]:
            state = (f"<p class='ck-hint'>Waiting for more answers: {people} of the {k} people needed "
                     "have shared this.</p>")
        elif data["results_hidden"]:
            state = f"<p class='ck-hint'>{people} people shared this. Results hidden until you reveal them.</p>"
        else:
            frozen = " Frozen: the chart stays as it is until you unfreeze it." if data["frozen"] else ""
            state = f"<p class='ck-saved'>{people} people shared this.{esc(frozen)}</p>"
        from careerkit.room.report import Distribution

        dists = [] if data["results_hidden"] else [Distribution(**d) for d in data["distributions"]]
        basis = _digest([data["distributions"], data["quotes"], data["results_hidden"], data["waiting"], k])
        if basis != self._basis:  # redraw only when what is drawn changed; the sentence last, once the chart is there
            self._basis = basis
            self.charts.value = self._charts(dists, k)
            self.quotes.value, self.moderation.children = self._quotes(data["quotes"])
        self.state.value = state

    def _charts(self, dists: list, k: int) -> str:
        from careerkit.room.charts import Chart, distribution_chart
        from careerkit.room.report_html import distribution_html

        if not dists:
            return ""
        parts = []
        for dist in dists:
            chart = Chart(distribution_chart(dist, k), f"Chart: {dist.title} ({dist.respondents} participants)")
            parts.append(distribution_html(dist, k, chart))
        return "<div class='ck-room'>" + "".join(parts) + "</div>"

    def _quotes(self, quotes: list[dict]) -> tuple[str, list[w.Widget]]:
        revealed = [(q["participant"], q["texts"]) for q in quotes if q["revealed"]]
        pending = [(q["participant"], q["texts"]) for q in quotes if not q["revealed"]]
        shown = "".join(f"<blockquote>{esc(text)}</blockquote>" for _, texts in revealed for text in texts)
        controls: list[w.Widget] = []
        for participant, texts in [*pending, *revealed]:
            is_shown = any(p == participant for p, _ in revealed)
            button = w.Button(description="Hide quote" if is_shown else "Reveal quote", icon="eye-slash" if is_shown else "eye")
            button.on_click(lambda _b, p=participant, s=is_shown: self._act("hide_quote" if s else "reveal_quote", p))
            words = w.HTML("<span class='ck-hint'>" + esc(" / ".join(texts)) + "</span>", layout=w.Layout(width="70%"))
            controls.append(w.HBox([button, words], layout=FULL))
        if controls:
            controls.insert(0, w.HTML("<b>Quotes their authors allowed</b> <span class='ck-hint'>(for your eyes: "
                                      "only the ones you reveal show above, without any name)</span>"))
        return (f"<div class='ck-room'>{shown}</div>" if shown else ""), controls

    def _reset(self) -> None:
        if not self._armed:
            self._armed = True
            self.reset.description = "Click again to reset"
            return
        self._armed = False
        self.reset.description = "Reset exercise"
        self._act("reset")

    def _act(self, action: str, participant: str | None = None) -> None:
        if self._syncing:
            return
        self.view.moderate(action, self.key, participant)


def _warm() -> None:
    """Import the charts now, so the first live redraw is as quick as the rest."""
    from careerkit.room.charts import distribution_chart  # noqa: F401  (matplotlib, imported once)


class RoomView:
    """The live view of the room for the facilitator's screen (``workshop/room.ipynb``)."""

    def __init__(self, client: RoomClient | None = None, k: int = K_DEFAULT, poll_s: float = POLL_S, live: bool = True):
        self.k = k
        self.poll_s = poll_s
        self.header = w.HTML(layout=FULL)
        self.message = w.HTML(layout=FULL)
        self.message.add_class("ck-message")
        self.panels: dict[str, ExercisePanel] = {}
        self.board = w.VBox(layout=FULL)
        self.box = w.VBox([self.header, self.message, self.board], layout=FULL)
        self.box.add_class("ck-room-view")
        self.revision: int | None = None
        self.updated = 0.0  # when the view last redrew (time.monotonic)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        try:
            self.client = client or facilitator_client()
        except CareerkitError as err:
            self.client = None
            self.message.value = f"<div class='ck-problem'>{esc(err)}</div>"
            return
        _warm()
        self.refresh()
        if live:
            self.start()

    def refresh(self, force: bool = False) -> bool:
        """Redraw if the room changed since the last look; returns whether it did. Problems become a sentence."""
        if self.client is None:
            return False
        with self._lock:
            try:
                revision = self.client.revision()
                if revision == self.revision and not force:
                    return False
                data = self.client.view(self.k)
            except RoomError as err:
                self.message.value = f"<div class='ck-problem'>{esc(err)} The view tries again by itself.</div>"
                return False
            self.message.value = ""
            self._draw(data)
            self.revision = data["revision"]
            self.updated = time.monotonic()
            return True

    def _draw(self, data: dict) -> None:
        titles = _titles()
        order = {key: index for index, key in enumerate(titles)}
        self.header.value = (
            f"{ROOM_STYLE}<h2>The room</h2><p><b>{data['joined']}</b> joined &middot; <b>{data['sharing']}</b> sharing &middot; "
            f"groups under {data['k']} people are never shown</p>"
        )
        for key in sorted(data["exercises"], key=lambda key: (order.get(key, len(order)), key)):
            if key not in self.panels:
                self.panels[key] = ExercisePanel(self, key, titles.get(key, key))
            self.panels[key].update(data["exercises"][key], data["k"])
        for key in [key for key in self.panels if key not in data["exercises"]]:
            self.panels.pop(key).box.close()
        self.board.children = [self.panels[key].box for key in sorted(
            self.panels, key=lambda key: (order.get(key, len(order)), key))]
        if not data["exercises"]:
            self.board.children = [w.HTML("<p class='ck-hint'>Nobody has shared anything yet. The view updates by "
                                          "itself as answers arrive.</p>")]

    def moderate(self, action: str, key: str, participant: str | None = None) -> None:
        try:
            self.client.moderate(action, key, participant)
        except RoomError as err:
            self.message.value = f"<div class='ck-problem'>{esc(err)}</div>"
            return
        self.refresh(force=True)

    # live
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="careerkit-room-view", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.poll_s):
            try:
                self.refresh()
            except Exception:  # the view's thread must outlive any one bad answer from the room
                log.exception("the room view could not redraw")

    def close(self) -> None:
        self._stop.set()
        self.box.close()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = "The room, live"
        return bundle


def show_room(k: int = K_DEFAULT) -> RoomView:
    """The one call in ``workshop/room.ipynb``."""
    return RoomView(k=k)
