"""The shape every exercise view shares.

A view owns its widgets, restores the saved answer, observes every control's ``value``,
validates through the answer's pydantic model, saves through the workbook, and shows feedback
beside the widget. Nothing a participant does can raise a traceback into the notebook: problems
become a sentence in the message area.
"""

from __future__ import annotations

import asyncio
import base64
import html
import importlib
import logging
import re
import sys
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

import ipywidgets as w
import traitlets
from pydantic import BaseModel, ValidationError

from careerkit.content.text import resolve, texts
from careerkit.errors import CareerkitError
from careerkit.room import sharing
from careerkit.store import session
from careerkit.store.workbook import Workbook
from careerkit.ui import live

log = logging.getLogger(__name__)


def ui(key: str, /, **values: Any) -> str:
    """A sentence every exercise shares (``ui/text.toml``), as plain text."""
    return texts("ui")(key, **values)


def ui_html(css: str, key: str, /, tag: str = "span", **values: Any) -> str:
    """A shared sentence in an HTML element of class ``css``, its values escaped."""
    return f"<{tag} class='{css}'>{texts('ui').html(key, **values)}</{tag}>"


RENDER_DELAY_S = 0.3  # feedback and charts follow typing once it pauses this long
TEXT_LIMIT = 4000  # characters in one free-text answer; longer pastes get a message, not a save
FULL = w.Layout(width="100%")


def esc(text: Any) -> str:
    """Escape learner text before it goes into any HTML widget."""
    return html.escape(str(text), quote=True)


def plain_text(markup: str) -> str:
    """The words of an HTML message, one line per block (for text/plain reprs and tests)."""
    text = re.sub(r"</(p|li|div|tr|h4)>|<br\s*/?>", "\n", markup)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The answer model a field holds, itself or in a list (``list[CareerVersion]`` -> ``CareerVersion``)."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def error_place(loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    """Where a validation error is, in the learner's words: ``Version 2, role`` rather than ``versions.1.role``.

    A list field names its items with ``json_schema_extra={"item": "Version"}``; without it, ``Versions, item 2``.
    """
    names: list[str] = []
    current: type[BaseModel] | None = model
    field = None
    for step in loc:
        if isinstance(step, int):
            extra = field.json_schema_extra if field is not None and isinstance(field.json_schema_extra, dict) else {}
            item = resolve(extra.get("item"))
            if item:
                names[-1:] = [f"{item} {step + 1}"]
            else:
                names.append(ui("errors.item", number=step + 1))
            continue
        if current is None:
            break  # a key inside a plain dict or value: the field named so far is what the learner sees
        field = current.model_fields.get(str(step))
        title = resolve(field.title) if field is not None and field.title else str(step).replace("_", " ")
        names.append(title if not names else title[:1].lower() + title[1:])
        current = _inner_model(field.annotation) if field is not None else None
    return ", ".join(names) if names else ui("errors.this_answer")


RANGE_ERRORS = {"greater_than_equal": "errors.at_least", "greater_than": "errors.more_than",
                "less_than_equal": "errors.at_most", "less_than": "errors.less_than"}


def friendly_errors(err: ValidationError, model: type[BaseModel]) -> str:
    """Turn pydantic's errors into sentences naming the field as the participant sees it."""
    sentences = []
    for item in err.errors():
        label = error_place(tuple(item["loc"]), model)
        msg = item["msg"].removeprefix("Value error, ")  # not-learner-text: pydantic's prefix to a domain sentence
        ctx = item.get("ctx") or {}
        if item["type"] == "string_too_long":
            msg = ui("errors.too_long", limit=ctx["max_length"])
        elif item["type"] in RANGE_ERRORS:
            msg = ui(RANGE_ERRORS[item["type"]], limit=next(iter(ctx.values()), ""))
        elif isinstance(item.get("input"), NotAWholeNumber):
            typed = str(item["input"])
            msg = ui("errors.not_a_whole_number", typed=typed) if typed else ui("errors.empty_number")
        sentences.append(ui("errors.sentence", place=label, problem=msg.rstrip(".")))
    return " ".join(dict.fromkeys(sentences))


def bullets(lines: list[str], css: str = "ck-feedback") -> str:
    """Sentences as an HTML list (each escaped); empty string for no sentences."""
    if not lines:
        return ""
    return f"<ul class='{css}'>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul>"


def labelled(label: str, control: w.Widget, hint: str = "") -> w.VBox:
    """A control with its label above it (long labels stay readable on a projector)."""
    parts: list[w.Widget] = [w.HTML(f"<b>{esc(label)}</b>")]
    if hint:
        parts.append(w.HTML(f"<span class='ck-hint'>{esc(hint)}</span>"))
    parts.append(control)
    return w.VBox(parts, layout=w.Layout(margin="0 0 8px 0"))


def text_area(placeholder: str = "", rows: int = 3) -> w.Textarea:
    return w.Textarea(placeholder=placeholder, rows=rows, layout=FULL, continuous_update=True)


def text_box(placeholder: str = "") -> w.Text:
    return w.Text(placeholder=placeholder, layout=FULL, continuous_update=True)


@cache
def _whole_number_pattern(separators: tuple[str, ...]) -> re.Pattern[str]:
    """Digits with an optional sign, or thousands in groups of three between one of ``separators``:
    2027, -5000, 150,000 (and 150.000 where the learner's language writes thousands with a dot)."""
    grouped = "|".join(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+" for sep in separators)
    return re.compile(rf"[+-]?(?:\d+{'|' + grouped if grouped else ''})")


def _thousands() -> tuple[str, ...]:
    """How the learner's language separates thousands (``numbers.thousands`` in the ui pack: "," in English)."""
    return tuple(texts("ui").items("numbers.thousands"))


@dataclass(frozen=True)
class NotAWholeNumber:
    """What the learner typed in a number box when it is not a whole number: no field type accepts it, so
    validation refuses it by name (a plain string would not do: pydantic reads "1_0" as 10 and "1.0" as 1)."""

    typed: str

    def __str__(self) -> str:
        return self.typed


def whole_number(text: str) -> int | NotAWholeNumber:
    """The whole number typed in a box (``"150,000"`` -> 150000), or the text itself, marked, for validation to refuse.

    Only digits, a sign and thousands in groups of three count (``"150,000"``; in Spanish also ``"150.000"``):
    ``"1e12"``, ``"2.5"``, ``"12 years"`` and an empty box are refused with a sentence, never read as some other
    number.
    """
    typed = str(text).strip()
    separators = _thousands()
    if not _whole_number_pattern(separators).fullmatch(typed):
        return NotAWholeNumber(typed)
    for sep in separators:
        typed = typed.replace(sep, "")
    return int(typed)


class _TypedNumber(traitlets.Unicode):
    """A text trait that also takes a saved whole number (restoring an answer puts ``2027`` back as ``"2027"``)."""

    def validate(self, obj: Any, value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return super().validate(obj, value)


class NumberBox(w.Text):
    """A box for a whole number, read in the kernel.

    ipywidgets' ``IntText`` is a browser number box: it drops an "e" as it is typed ("1e12" arrives as 112,
    pasted as 1), so a wrong number was saved silently. Here what the learner typed stays on screen, ``number``
    reads it, and anything that is not a whole number gets a sentence beside the field while the last good
    answer is kept.
    """

    value = _TypedNumber("").tag(sync=True)  # what the learner typed

    @property
    def number(self) -> int | NotAWholeNumber:
        return whole_number(self.value)


def number_box(value: int, description: str = "", layout: w.Layout | None = None) -> NumberBox:
    # The number is sent when the learner leaves the box or presses Enter, as a whole: saved keystroke by
    # keystroke, typing "1e12" over 150,000 would save 1 (a good number) before the "e" arrived.
    box = NumberBox(value=value, description=description, continuous_update=False, layout=layout or w.Layout())
    box.add_class("ck-number")
    return box


def value_of(control: w.Widget) -> Any:
    """What a control holds for the answer: a number box's number, any other control's value."""
    return control.number if isinstance(control, NumberBox) else control.value


class lazy_module:  # noqa: N801 (stands in for a module: read like one)
    """A module imported on first use: ``charts = lazy_module("careerkit.modules.lanes.charts")`` keeps matplotlib
    (about 50 MiB of a kernel) out of a kernel until a chart is drawn, so an exercise without one never pays it."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)


def figure_output(fig: Any, alt: str) -> dict[str, Any]:
    """A display_data output holding a matplotlib figure as PNG (no pyplot, no backend state)."""
    from careerkit.ui.charts import render_png  # matplotlib only once a chart is drawn

    return {
        "output_type": "display_data",
        "data": {"image/png": base64.b64encode(render_png(fig)).decode("ascii"), "text/plain": alt},
        "metadata": {},
    }


def html_output(markup: str) -> dict[str, Any]:
    return {"output_type": "display_data", "data": {"text/html": markup, "text/plain": ""}, "metadata": {}}


MANAGED = "ck-managed"  # boxes whose controls report changes themselves (Rows, Checklist)


def _value_widgets(widget: w.Widget) -> list[w.Widget]:
    if MANAGED in getattr(widget, "_dom_classes", ()):
        return []
    if isinstance(widget, w.Box):
        return [leaf for child in widget.children for leaf in _value_widgets(child)]
    return [widget] if isinstance(widget, w.ValueWidget) else []


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The kernel's event loop while it handles a message (ipykernel runs on asyncio), else None.

    Outside a kernel (tests, scripts, a build) there is no pause to wait for, and a loop that another
    library runs in this thread (Playwright's sync API) is not one to leave a chart on.
    """
    kernelbase = sys.modules.get("ipykernel.kernelbase")
    if kernelbase is None or not kernelbase.Kernel.initialized():
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Exercise:
    """Base class of every exercise view. Subclasses set ``key``, ``title`` and ``Model``."""

    key: ClassVar[str]
    Model: ClassVar[type[BaseModel]]
    shareable: ClassVar[bool] = True  # False: private by design, no share box, and collect refuses it
    depends_on: ClassVar[tuple[str, ...]] = ()  # other answers this view reads: it updates when they change

    def __init__(self, workbook: Workbook | None = None):
        self.status = w.HTML(layout=FULL)
        self.message = w.HTML(layout=FULL)
        self.output = w.Output(layout=FULL)
        self._chart_basis: Any = object()
        self._typing = False
        self._pending: BaseModel | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._unrestored: Any = None
        self._problem: CareerkitError | None = None
        self._loading = True
        self.workbook = self._open(workbook)
        try:
            self._heading = self.title
        except CareerkitError as err:  # a coach's text file: the sentence names the file and the key
            self._heading = self.key
            self._fail(err)
        self.controls = self._build_controls()
        self._restore()
        self._loading = False
        for control in self.watched() if self._problem is None else []:
            control.observe(self._on_change, names="value")
        self.sharing = ShareToggle(self)
        share_box = [self.sharing.box] if self.shareable and self._problem is None else []
        self.box = w.VBox(
            [w.HTML(f"<h4>{esc(self._heading)}</h4>"), *self.controls, *share_box, self.status, self.message,
             self.output],
            layout=FULL,
        )
        self.box.add_class("careerkit-exercise")
        self.box.add_class("ck-" + self.key.replace(".", "-").replace("_", "-"))
        self.message.add_class("ck-message")
        self._guard(self._show_current)
        self._unfollow = (
            live.follow(self.workbook, self.key, self.depends_on, self._on_dependency)
            if self.depends_on and self.workbook is not None else None
        )

    @property
    def title(self) -> str:
        """The exercise's heading: ``<exercise>.title`` in its module's text pack."""
        module, name = self.key.split(".")
        return texts(module)(f"{name}.title")

    def _open(self, workbook: Workbook | None) -> Workbook | None:
        """The workbook, read once: a name or a file that cannot be used becomes the exercise's message."""
        try:
            book = workbook or session.workbook()
            book.load()
        except CareerkitError as err:
            self._fail(err)
            return workbook
        return book

    def _build_controls(self) -> list[w.Widget]:
        if self._problem is None:
            try:
                return self.build()
            except CareerkitError as err:  # build() read the workbook, and it could not be used
                self._fail(err)
        return []  # no controls to type into: nothing typed could be saved

    def _fail(self, err: CareerkitError) -> None:
        self._problem = err
        self.message.value = f"<div class='ck-problem'>{esc(err)}</div>"

    # subclass API
    def build(self) -> list[w.Widget]:
        raise NotImplementedError

    def read(self) -> dict[str, Any]:
        """The raw values of the controls, shaped like ``Model``."""
        raise NotImplementedError

    def fill(self, value: dict[str, Any]) -> None:
        """Put a saved answer back into the controls."""
        raise NotImplementedError

    def watched(self) -> list[w.Widget]:
        """Controls whose changes are saved; by default every value widget inside ``controls``."""
        return [leaf for control in self.controls for leaf in _value_widgets(control)]

    def feedback(self, answer: BaseModel) -> str:
        """HTML shown under the controls for a valid answer (escape learner text with ``esc``)."""
        return ""

    def chart(self, answer: BaseModel) -> Any | None:
        """A matplotlib Figure for the answer, or None."""
        return None

    def reread(self) -> None:
        """Another answer this view reads has changed: recompute what depends on it (then feedback is redrawn)."""

    def chart_basis(self, answer: BaseModel) -> Any:
        """The part of the answer the chart depends on; the chart is redrawn only when it changes."""
        return answer.model_dump_json()

    # behaviour
    def answer(self) -> BaseModel | None:
        """The current controls as a validated answer, or None if they are not valid yet."""
        try:
            return self.Model.model_validate(self.read())
        except ValidationError:
            return None

    def submit(self) -> bool:
        """Validate and save what the controls hold now; returns whether it was saved."""
        try:
            answer = self.Model.model_validate(self.read())
        except ValidationError as err:
            self.status.value = ui_html("ck-unsaved", "saving.not_saved_yet")
            self.message.value = f"<div class='ck-problem'>{esc(friendly_errors(err, self.Model))}</div>"
            return False
        try:
            if self._unrestored is not None:  # keep the answer we could not show, before replacing it
                self.workbook.save_answer(self.key + "_previous", self._unrestored)
                self._unrestored = None
            saved = self.workbook.save_answer(self.key, answer.model_dump(mode="json"))
        except CareerkitError as err:
            self.status.value = ui_html("ck-unsaved", "saving.not_saved")
            self.message.value = f"<div class='ck-problem'>{esc(err)}</div>"
            return False
        self.status.value = ui_html("ck-saved", "saving.saved")
        self.sharing.after_save(saved.shared)
        self._render(answer)
        return True

    def _on_change(self, change: dict[str, Any]) -> None:
        if self._loading:
            return
        self._cancel_render()  # a pending render would show an answer older than this keystroke
        # Typing saves at once; its feedback and chart wait for a pause. A tick or a pick shows at once.
        self._typing = bool(getattr(change.get("owner"), "continuous_update", False))
        try:
            self._guard(self.submit)
        finally:
            self._typing = False

    def _on_dependency(self, _changed: frozenset[str]) -> None:
        loading, self._loading = self._loading, True  # what reread changes is not the learner's answer
        try:
            self._guard(lambda: (self.reread(), self._show_current()))
        finally:
            self._loading = loading

    def _restore(self) -> None:
        if self._problem is not None:
            return
        try:
            saved = self.workbook.get(self.key)
        except CareerkitError as err:
            self._fail(err)
            return
        if saved is None:
            return
        try:
            self.fill(self.Model.model_validate(saved).model_dump(mode="json"))
        except (ValidationError, KeyError, TypeError, ValueError, AttributeError) as err:
            log.warning("could not restore %s: %s", self.key, err)
            self._unrestored = saved
            self.message.value = ui_html("ck-problem", "saving.unrestored", tag="div")

    def _show_current(self) -> None:
        if self._unrestored is not None or self._problem is not None:
            return  # keep the message saying why: a hint drawn from empty controls would hide it
        answer = self.answer()
        if answer is not None:
            self._render(answer)

    def _render(self, answer: BaseModel) -> None:
        """Show the feedback and chart of ``answer``: after a pause in typing, else at once.

        Outside a kernel (tests, no kernel's event loop) there is no pause to wait for: it renders at once.
        """
        loop = _running_loop() if self._typing else None
        if loop is None:
            self._cancel_render()
            self._draw(answer)
            return
        self._pending = answer
        self._timer = loop.call_later(RENDER_DELAY_S, self.flush)

    def flush(self) -> None:
        """Show now the feedback and chart still waiting for typing to pause."""
        self._timer = None
        answer, self._pending = self._pending, None
        if answer is not None:
            self._guard(lambda: self._draw(answer))

    def _cancel_render(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = None
        self._pending = None

    def _draw(self, answer: BaseModel) -> None:
        self.message.value = self.feedback(answer)
        basis = self.chart_basis(answer)
        if basis != self._chart_basis:
            self._chart_basis = basis
            fig = self.chart(answer)
            self.output.outputs = () if fig is None else (figure_output(fig, ui("saving.chart_alt", title=self._heading)),)

    def _guard(self, action) -> None:
        try:
            action()
        except CareerkitError as err:  # a sentence that says what to do: a coach's text file, a workbook
            log.warning("exercise %s: %s", self.key, err)
            self.message.value = f"<div class='ck-problem'>{esc(err)}</div>"
        except Exception as err:  # a widget callback must never raise into the notebook
            log.exception("exercise %s failed", self.key)
            self.message.value = ui_html("ck-problem", "saving.went_wrong", tag="div", error=type(err).__name__)

    # display
    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.box._repr_mimebundle_(**kwargs)
        summary = plain_text(self.message.value)
        bundle["text/plain"] = f"{self._heading} ({self.key})" + (f"\n{summary}" if summary else "")
        return bundle

    def close(self) -> None:
        self._cancel_render()
        if self._unfollow is not None:
            self._unfollow()
        self.box.close()


class ShareToggle:
    """The "share with the group" tick box under every exercise: off by default, usable once an answer is
    saved. Ticking it sends the answer to the room, where it is shown under a pseudonym the room drew;
    unticking deletes it there. A second box lets the participant's words be quoted in the group view.
    """

    def __init__(self, exercise: Exercise):
        self.workbook = exercise.workbook
        self.key = exercise.key
        self.shareable = exercise.shareable
        saved = self._saved()
        shared = bool(saved and saved.shared)
        self.share = w.Checkbox(value=shared, description=ui("sharing.share"), indent=False,
                                disabled=saved is None or not self.shareable, layout=w.Layout(width="auto"))
        self.quote = w.Checkbox(value=shared and self._quoted(), description=ui("sharing.quote"), indent=False,
                                disabled=not shared, layout=w.Layout(width="auto"))
        self.note = w.HTML()
        self.share.observe(lambda change: self._guard(self._on_share, change["new"]), names="value")
        self.quote.observe(lambda change: self._guard(self._on_quote, change["new"]), names="value")
        self.box = w.HBox([self.share, self.quote, self.note], layout=FULL)
        self.box.add_class("ck-share")

    def _saved(self):
        if self.workbook is None:
            return None
        try:
            return self.workbook.answers().get(self.key)
        except CareerkitError:
            return None

    def _in_room(self) -> bool:
        try:
            return self.key in sharing.published(self.workbook)
        except (CareerkitError, AttributeError):
            return False

    def _quoted(self) -> bool:
        try:
            return bool(sharing.published(self.workbook).get(self.key, {}).get("quote"))
        except (CareerkitError, AttributeError):
            return False

    def _on_share(self, shared: bool) -> None:
        if shared and not self.shareable:
            self.share.value = False
            return
        in_room = self._in_room()  # before: only what the room really held can be withdrawn from it
        try:
            outcome = sharing.share(self.workbook, self.key, shared)
        except CareerkitError:
            saved = self._saved()  # show what the workbook really holds
            self.share.value = bool(saved and saved.shared)
            raise
        self.quote.disabled = not shared
        if not shared:
            self.quote.value = False
            if not in_room:  # never reached the group (no room joined, or the room never had it)
                self.note.value = ui_html("ck-hint", "sharing.private")
            elif outcome.state == "pending":
                self.note.value = ui_html("ck-hint", "sharing.room_down_private")
            else:
                self.note.value = ui_html("ck-hint", "sharing.withdrawn")
        else:
            self.note.value = _share_note(outcome, ui_html("ck-saved", "sharing.shared"))

    def _on_quote(self, allowed: bool) -> None:
        if not self.share.value:
            return
        outcome = sharing.set_quote(self.workbook, self.key, allowed)
        done = ui_html("ck-saved", "sharing.quoted" if allowed else "sharing.not_quoted")
        self.note.value = _share_note(outcome, done)

    def after_save(self, shared: bool) -> None:
        """A new answer can be shared; a shared one is republished so the group sees the latest."""
        self.share.disabled = not self.shareable
        if shared:
            self._guard(lambda: self._republished(sharing.publish(self.workbook)))

    def _republished(self, outcome) -> None:
        if outcome.state == "pending" or outcome.problems:
            self.note.value = _share_note(outcome, "")

    def _guard(self, action, *args) -> None:
        try:
            action(*args)
        except CareerkitError as err:
            self.note.value = f"<span class='ck-problem'>{esc(err)}</span>"
        except Exception as err:  # a widget callback must never raise into the notebook
            log.exception("sharing %s failed", self.key)
            self.note.value = ui_html("ck-problem", "sharing.failed", error=type(err).__name__)


def _share_note(outcome, done: str) -> str:
    """The sentence beside the share box for what happened to the participant's shared answers."""
    if outcome.state == "no_room":
        return ui_html("ck-hint", "sharing.no_room")
    if outcome.state == "pending":
        return ui_html("ck-hint", "sharing.room_down_shared")
    if outcome.problems:
        return ui_html("ck-problem", "sharing.refused", problem=outcome.problems[0])
    return done


class Checklist:
    """Tick boxes for content items; reads and fills a list of item ids."""

    def __init__(self, items: list[tuple[str, str]], on_change):
        self._boxes = {item_id: w.Checkbox(description=label, indent=False, layout=FULL) for item_id, label in items}
        for box in self._boxes.values():
            box.observe(on_change, names="value")
        self.widget = w.VBox(list(self._boxes.values()), layout=FULL)
        self.widget.add_class(MANAGED)

    def read(self) -> list[str]:
        return [item_id for item_id, box in self._boxes.items() if box.value]

    def fill(self, ids: list[str]) -> None:
        for item_id, box in self._boxes.items():
            box.value = item_id in ids


class Rows:
    """A growing list of rows (roadmap versions, story roles, log entries), each a dict of controls.

    ``make_fields`` returns the named controls of one new row; ``layout`` arranges them. Every change,
    addition or removal calls ``on_change`` so the exercise saves at once.
    """

    def __init__(self, make_fields, layout, on_change, *, add_label="", min_rows=0, max_rows=12):
        self._make_fields = make_fields
        self._layout = layout
        self._on_change = on_change
        self.min_rows = min_rows
        self.max_rows = max_rows
        self.rows: list[dict[str, w.ValueWidget]] = []
        self._list = w.VBox(layout=FULL)
        self.add_button = w.Button(description=add_label or ui("rows.add"), icon="plus", button_style="info")
        self.remove_button = w.Button(description=ui("rows.remove"), icon="minus")
        self.add_button.on_click(lambda _b: self._changed(self._append()))
        self.remove_button.on_click(lambda _b: self._changed(self._pop()))
        self.widget = w.VBox([self._list, w.HBox([self.add_button, self.remove_button])], layout=FULL)
        self.widget.add_class(MANAGED)
        for _ in range(min_rows):
            self._append()

    def _changed(self, _result) -> None:
        self._sync_buttons()
        self._on_change({"name": "rows"})

    def _sync_buttons(self) -> None:
        self.add_button.disabled = len(self.rows) >= self.max_rows
        self.remove_button.disabled = len(self.rows) <= self.min_rows

    def _append(self, values: dict | None = None) -> None:
        if len(self.rows) >= self.max_rows:
            return
        fields = self._make_fields()
        if values:
            for name, control in fields.items():
                if name in values and values[name] is not None:
                    control.value = values[name]
        for control in fields.values():
            control.observe(self._on_change, names="value")
        self.rows.append(fields)
        self._list.children = [*self._list.children, self._layout(len(self.rows), fields)]
        self._sync_buttons()

    def _pop(self) -> None:
        if len(self.rows) <= self.min_rows:
            return
        self.rows.pop()
        dropped = self._list.children[-1]
        self._list.children = self._list.children[:-1]
        dropped.close()

    def read(self) -> list[dict]:
        return [{name: value_of(control) for name, control in fields.items()} for fields in self.rows]

    def fill(self, rows: list[dict]) -> None:
        while self.rows:
            self.rows.pop()
        for child in self._list.children:
            child.close()
        self._list.children = []
        for values in rows[: self.max_rows]:
            self._append(values)
        while len(self.rows) < self.min_rows:
            self._append()
        self._sync_buttons()
