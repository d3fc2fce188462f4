"""The welcome notebook's helpers: the banner each module starts with, and choosing a participant name."""

from __future__ import annotations

import os

import ipywidgets as w
from IPython.display import HTML

from careerkit import session, sharing
from careerkit.constants import ENV_EXCHANGE
from careerkit.errors import CareerkitError
from careerkit.widgets.base import FULL, esc

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
</style>"""


def banner(module: str = "") -> HTML:
    """Who is answering and where the answers are kept; also loads the kit's styles."""
    if session.is_demo():
        who = "Demo run: these are the answers of a <b>fictional demo participant</b>."
    else:
        try:
            book = session.workbook()
            book.load()
        except CareerkitError as err:  # a name or a workbook that cannot be used: the sentence, at the top
            who = f"<div class='ck-problem'>{esc(err)}</div>"
        else:
            who = (
                f"Answers are saved as you type for <b>{esc(book.participant)}</b> in <code>{esc(book.path)}</code>. "
                "They stay private unless you tick <i>share</i> on an exercise. Change the name in 00_welcome."
            )
    title = f"<b>{esc(module)}</b> &middot; " if module else ""
    return HTML(f"{STYLE}<div class='ck-banner'>{title}{who}</div>")


class ParticipantPicker:
    """A name box and a button: the name picks (or starts) the participant's workbook."""

    def __init__(self):
        self.message = w.HTML(layout=FULL)
        self.message.add_class("ck-message")
        try:
            current = session.current_participant()
        except CareerkitError as err:
            current = ""
            self.message.value = f"<div class='ck-problem'>{esc(err)}</div>"
        self.name = w.Text(value=current, description="Your name", layout=FULL)
        self.button = w.Button(description="Use this name", button_style="primary", icon="check")
        self.button.on_click(lambda _b: self.choose())
        self.box = w.VBox([self.name, self.button, self.message], layout=FULL)
        self.box.add_class("careerkit-exercise")

    def choose(self) -> bool:
        try:
            if session.is_demo():
                self.message.value = "<p class='ck-hint'>This is a demo run: the fictional demo participant is used.</p>"
                return False
            book = session.set_participant(self.name.value)
            count = len(book.answers())
        except CareerkitError as err:
            self.message.value = f"<div class='ck-problem'>{esc(err)}</div>"
            return False
        self.message.value = (
            f"<p class='ck-saved'>&#10003; Saving as <b>{esc(book.participant)}</b> "
            f"({count} answer{'s' if count != 1 else ''} so far).</p>"
        )
        return True

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = "Choose your participant name"
        return bundle


def choose_participant() -> ParticipantPicker:
    return ParticipantPicker()


class ExchangePicker:
    """Optional: the group's exchange folder, as the facilitator gave it. Answers ticked *share* are
    published there under a pseudonym. On a hub set up by the facilitator, there is nothing to do here."""

    def __init__(self):
        self.path = w.Text(value=str(sharing.exchange_dir() or ""), description="Group folder",
                           placeholder="the folder your facilitator gave you", layout=FULL)
        self.button = w.Button(description="Use this folder", icon="check")
        self.message = w.HTML(layout=FULL)
        self.message.add_class("ck-message")
        self.button.on_click(lambda _b: self.choose())
        if session.is_demo():
            self.message.value = "<p class='ck-hint'>Demo run: nothing is shared.</p>"
        elif os.environ.get(ENV_EXCHANGE, "").strip():
            self.path.disabled = self.button.disabled = True
            self.message.value = ("<p class='ck-hint'>Your facilitator has set the group folder: nothing to do here. "
                                  "Only answers you tick <i>share</i> go there.</p>")
        self.box = w.VBox([self.path, self.button, self.message], layout=FULL)
        self.box.add_class("careerkit-exercise")

    def choose(self) -> bool:
        if session.is_demo() or self.path.disabled:
            return False
        try:
            folder = sharing.set_exchange(self.path.value)
            if folder is None:
                self.message.value = "<p class='ck-saved'>No group folder: every answer stays on this machine.</p>"
                return True
            sharing.publish(session.workbook(), folder)  # answers already ticked share reach the group now
        except CareerkitError as err:
            self.message.value = f"<div class='ck-problem'>{esc(err)}</div>"
            return False
        self.message.value = (f"<p class='ck-saved'>&#10003; Answers you tick <i>share</i> go to {esc(folder)}, "
                              "under a pseudonym.</p>")
        return True

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = "The group's folder for shared answers (optional)"
        return bundle


def choose_exchange() -> ExchangePicker:
    return ExchangePicker()
