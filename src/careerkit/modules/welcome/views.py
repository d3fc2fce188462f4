"""The welcome notebook's helpers: the banner each module starts with, and choosing a participant name."""

from __future__ import annotations

import os
from typing import Any

import ipywidgets as w
from IPython.display import HTML

from careerkit.constants import ENV_APP
from careerkit.content.text import Texts, texts
from careerkit.errors import CareerkitError, ParticipantIdError
from careerkit.room import sharing
from careerkit.store import session
from careerkit.store.workbook import Workbook
from careerkit.ui.exercise import FULL, esc, plain_text
from careerkit.ui.style import kit_css

STYLE = """<style>
.careerkit-exercise { border-left: 4px solid #0072B2; padding-left: 10px; margin: 8px 0; }
.ck-problem { color: #8a1c00; background: #fff1ec; border-radius: 4px; padding: 4px 8px; }
.ck-warning { color: #6b4a00; }
.ck-saved { color: #006b4f; font-size: 90%; }
.ck-unsaved { color: #8a1c00; font-size: 90%; }
.ck-hint, .ck-source { color: #555; font-size: 90%; }
.ck-table td, .ck-table th { padding: 2px 8px; text-align: left; vertical-align: top; }
.careerkit-exercise .widget-button, .careerkit-exercise .jupyter-button { width: auto; min-width: 120px; padding: 0 12px; }
.ck-version-row { border: 1px solid #ccc; padding: 4px 6px; margin: 0 0 4px 0; }
.ck-banner { line-height: 1.5; padding: 4px 0; white-space: normal; }
.ck-download { display: inline-block; margin: 0 8px 4px 0; padding: 2px 10px; border: 1px solid #0072B2; border-radius: 4px; color: #0072B2; text-decoration: none; }
</style>"""


def _text() -> Texts:
    """The welcome module's sentences, in the learner's language."""
    return texts("welcome")


def _in_welcome(module: str) -> bool:
    return module.startswith("00")


def _problem(err: CareerkitError, name_box: str = "") -> str:
    """The sentence for a name or workbook that cannot be used; inside 00_welcome it points at the name box
    there (``name_box``, e.g. "in the name box below", ``banner.name_box`` in the welcome pack), not at 00_welcome."""
    if isinstance(err, ParticipantIdError) and name_box:
        return err.sentence(name_box)
    return str(err)


def banner_html(module: str = "", book: Workbook | None = None) -> str:
    """The banner's HTML: who is answering, where the answers are kept, and the kit's styles."""
    t = _text()
    if session.is_demo():
        who = t("banner.demo")
    else:
        try:
            book = book or session.workbook()
            book.load()
        except CareerkitError as err:  # a name or a workbook that cannot be used: the sentence, at the top
            name_box = t("banner.name_box") if _in_welcome(module) else ""
            who = f"<div class='ck-problem'>{esc(_problem(err, name_box))}</div>"
        else:
            who = t.html("banner.saving", participant=book.participant, path=book.path)
            hint = _change_name_hint(module)
            who += f" {hint}" if hint else ""
    title = f"<b>{esc(module)}</b> &middot; " if module else ""
    return f"{STYLE}{kit_css()}<div class='ck-banner'>{title}{who}</div>"


class Banner:
    """The banner of a module as a widget: when a name is chosen in this kernel (00_welcome's name box),
    it names the new participant and workbook at once."""

    def __init__(self, module: str = ""):
        self.module = module
        self.widget = w.HTML(banner_html(module), layout=FULL)
        self._unfollow = session.follow_participant(self._show)

    @property
    def data(self) -> str:
        return self.widget.value

    def _show(self, book: Workbook) -> None:
        if self.widget.comm is None:  # closed (the cell ran again): stop following
            self._unfollow()
            return
        self.widget.value = banner_html(self.module, book)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = plain_text(self.widget.value.split("<div class='ck-banner'>", 1)[-1])
        return bundle

    def close(self) -> None:
        self._unfollow()
        self.widget.close()


def banner(module: str = "") -> HTML | Banner:
    """Who is answering and where the answers are kept; also loads the kit's styles.

    A demo run (decks, handouts, stored outputs) gets plain HTML: its participant never changes. A learner
    gets a widget that follows the name chosen in this kernel.
    """
    if session.is_demo():
        return HTML(banner_html(module))
    return Banner(module)


def _change_name_hint(module: str) -> str:
    if _in_welcome(module):
        return ""  # the name box is just below, in JupyterLab and in the app
    if os.environ.get(ENV_APP) == "1":  # the app may serve one module only, without 00_welcome
        return _text()("banner.change_name_app")
    return _text()("banner.change_name")


class ParticipantPicker:
    """A name box and a button: the name picks (or starts) the participant's workbook."""

    def __init__(self):
        t = _text()
        self.message = w.HTML(layout=FULL)
        self.message.add_class("ck-message")
        try:
            current = session.current_participant()
        except CareerkitError as err:
            current = ""
            self.message.value = f"<div class='ck-problem'>{esc(_problem(err, t('participant.name_box')))}</div>"
        self.name = w.Text(value=current, description=t("participant.name"), layout=FULL)
        self.button = w.Button(description=t("participant.button"), button_style="primary", icon="check")
        self.button.on_click(lambda _b: self.choose())
        self.box = w.VBox([self.name, self.button, self.message], layout=FULL)
        self.box.add_class("careerkit-exercise")

    def choose(self) -> bool:
        t = _text()
        try:
            if session.is_demo():
                self.message.value = f"<p class='ck-hint'>{t.html('participant.demo')}</p>"
                return False
            book = session.set_participant(self.name.value)
            count = len(book.answers())
        except CareerkitError as err:
            self.message.value = f"<div class='ck-problem'>{esc(_problem(err, t('participant.name_box')))}</div>"
            return False
        saving = t.plural("participant.saving", count, as_html=True, participant=book.participant)
        self.message.value = f"<p class='ck-saved'>{saving}</p>"
        return True

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = _text()("participant.plain")
        return bundle


def choose_participant() -> ParticipantPicker:
    return ParticipantPicker()


class RoomPicker:
    """Joining the group's room with the code the facilitator shows. Answers ticked *share* then go there,
    under a pseudonym the room draws. On a hub set up for the workshop, there is nothing to do here."""

    def __init__(self):
        try:
            state = {} if session.is_demo() else sharing.joined(session.workbook())
        except CareerkitError:
            state = {}
        t = _text()
        labels = {"description_width": "8em"}
        self.url = w.Text(value=str(state.get("url") or ""), description=t("room.url"), style=labels,
                          placeholder=t("room.url_placeholder"), layout=w.Layout(width="95%"))
        self.code = w.Text(value="", description=t("room.code"), placeholder=t("room.code_placeholder"), style=labels,
                           layout=w.Layout(width="95%"))
        self.button = w.Button(description=t("room.button"), icon="sign-in", button_style="primary")
        self.message = w.HTML(layout=FULL)
        self.message.add_class("ck-message")
        self.button.on_click(lambda _b: self.choose())
        if session.is_demo():
            self.url.disabled = self.code.disabled = self.button.disabled = True
            self.message.value = f"<p class='ck-hint'>{t.html('room.demo')}</p>"
        elif sharing.hub_room():
            self.url.disabled = self.code.disabled = self.button.disabled = True
            self.message.value = f"<p class='ck-hint'>{t.html('room.on_hub')}</p>"
        elif state.get("token"):
            self.message.value = f"<p class='ck-saved'>{t.html('room.joined_before')}</p>"
        self.box = w.VBox([self.url, self.code, self.button, self.message], layout=FULL)
        self.box.add_class("careerkit-exercise")
        self.box.add_class("ck-join-room")

    def choose(self) -> bool:
        if self.button.disabled:
            return False
        try:
            outcome = sharing.join(session.workbook(), self.url.value, self.code.value)
        except CareerkitError as err:
            self.message.value = f"<div class='ck-problem'>{esc(err)}</div>"
            return False
        self.code.value = ""
        joined = "room.joined_pending" if outcome.state == "pending" else "room.joined"
        self.message.value = f"<p class='ck-saved'>{_text().html(joined)}</p>"
        return True

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = _text()("room.plain")
        return bundle


def join_room() -> RoomPicker:
    return RoomPicker()
