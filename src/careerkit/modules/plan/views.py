"""The career plan notebook's views: the plan on one page, export, ship a version, compare two versions.

These are controllers, not exercises: they save no answer of their own. Each owns its widgets, shows
itself (``_repr_mimebundle_``) and turns any problem into a sentence beside the buttons.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any, ClassVar

import ipywidgets as w

from careerkit.content.text import texts
from careerkit.errors import CareerkitError
from careerkit.modules.plan import domain as pl
from careerkit.modules.plan.export import FORMATS, chart_images, downloads, export_plan, render_section
from careerkit.store import session
from careerkit.store.workbook import Workbook
from careerkit.ui import live
from careerkit.ui.exercise import FULL, esc, figure_output, lazy_module, plain_text, text_area, ui

charts = lazy_module("careerkit.modules.plan.charts")  # matplotlib only once a chart is drawn

log = logging.getLogger(__name__)

NOTE_LIMIT = 2000


def today() -> date:
    """The demo participant lives on the fixed demo date, so demo runs are deterministic."""
    return session.DEMO_TIME.date() if session.is_demo() else date.today()


def shown_path(path) -> str:
    """A file as the learner should see it: the full path, or only its name in demo runs (stored outputs stay clean)."""
    return path.name if session.is_demo() else str(path)


class PlanView:
    """Base of the plan views: a title, the controls, a message line, and no traceback ever."""

    key: ClassVar[str]
    depends_on: ClassVar[tuple[str, ...]] = (live.VERSIONS,)  # redrawn when these change, in this kernel or another

    def __init__(self, workbook: Workbook | None = None):
        self.message = w.HTML(layout=FULL)
        self.message.add_class("ck-message")
        self._heading = self.key
        try:
            self.workbook = workbook or session.workbook()
            self._heading = self.title
            self.controls = self.build()
        except CareerkitError as err:  # the name cannot be used, or a coach's text file: say so, show no buttons
            self.workbook, self.controls = None, []
            self._problem(str(err))
        self.box = w.VBox([w.HTML(f"<h4>{esc(self._heading)}</h4>"), *self.controls, self.message], layout=FULL)
        self.box.add_class("careerkit-exercise")
        self.box.add_class("ck-" + self.key.replace(".", "-").replace("_", "-"))
        if self.workbook is not None:
            self._guard(self.refresh)
        self._unfollow = (
            live.follow(self.workbook, self.key, self.depends_on, lambda _keys: self._guard(self.refresh))
            if self.workbook is not None else (lambda: None)
        )

    @property
    def title(self) -> str:
        """The view's heading: ``<view>.title`` in the plan's text pack (the key ``plan.export`` -> ``export.title``)."""
        return texts("plan")(f"{self.key.split('.', 1)[1]}.title")

    @staticmethod
    def text(key: str, /, **values: Any) -> str:
        """A sentence of the plan's text pack, as plain text."""
        return texts("plan")(key, **values)

    @staticmethod
    def html(css: str, key: str, /, tag: str = "p", **values: Any) -> str:
        """A sentence of the plan's text pack in an HTML element of class ``css``, its values escaped."""
        return f"<{tag} class='{css}'>{texts('plan').html(key, **values)}</{tag}>"

    def build(self) -> list[w.Widget]:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the workbook again and redraw."""

    def summary(self) -> str:
        """The view's state in words (text/plain, and what a notebook test compares)."""
        return plain_text(self.message.value)

    def _problem(self, text: str) -> None:
        self.message.value = f"<div class='ck-problem'>{esc(text)}</div>"

    def _guard(self, action, *args) -> None:
        try:
            action(*args)
        except CareerkitError as err:
            self._problem(str(err))
        except Exception as err:  # a button must never raise into the notebook
            log.exception("plan view %s failed", self.key)
            self._problem(self.text("views.went_wrong", error=type(err).__name__))

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.box._repr_mimebundle_(**kwargs)
        try:
            summary = self.summary()
        except Exception:  # a workbook that could not be read: the message says why; never a traceback
            summary = plain_text(self.message.value)
        bundle["text/plain"] = f"{self._heading} ({self.key})" + (f"\n{summary}" if summary else "")
        return bundle

    def close(self) -> None:
        self._unfollow()
        self.box.close()


def _status_line(plan: pl.CareerPlan) -> str:
    t = texts("plan")
    done = sum(s.status == "complete" for s in plan.sections)
    gaps = [f"{s.title} ({s.notebook})" for s in plan.sections if s.missing]
    if gaps:
        return t("overview.status_gaps", done=done, total=len(plan.sections), gaps="; ".join(gaps))
    return t("overview.status_full", done=done, total=len(plan.sections))


class OverviewView(PlanView):
    key = "plan.overview"
    depends_on = (live.ANY,)  # every answer feeds the plan

    def build(self):
        # one fold per section: readable on a slide, and a learner opens one part at a time
        self.page = w.Accordion(layout=FULL)
        self._shown: dict[str, Any] | None = None
        return [self.page]

    def refresh(self):
        answers = self.workbook.values()
        if answers == self._shown:
            return  # nothing the page shows has changed (a share tick, a version shipped)
        self._shown = answers
        opened = self.page.selected_index
        self.plan = pl.assemble_plan(answers, self.workbook.participant)
        images = chart_images(answers)
        folds = [w.HTML(render_section(section, images, link_prefix=""), layout=FULL) for section in self.plan.sections]
        for old in self.page.children:
            old.close()
        self.page.children = folds
        self.page.titles = tuple(f"{section.title} · {pl.status_word(section.status)}" for section in self.plan.sections)
        self.page.selected_index = (opened if opened is not None and opened < len(folds) else 0) if folds else None
        self.message.value = f"<p class='ck-feedback'>{esc(_status_line(self.plan))}</p>"

    def summary(self):
        lines = [plain_text(self.message.value)]
        for section in self.plan.sections:
            lines.append(f"{section.title}: {pl.status_word(section.status)}")
            lines += [f"  {item.label}: {item.lines[0]}" for item in section.items]
        return "\n".join(lines)


class ExportView(PlanView):
    key = "plan.export"

    def build(self):
        self.formats = {f: w.Checkbox(value=True, description=self.text(f"export.formats.{f}"), indent=False)
                        for f in FORMATS}
        self.which = w.Dropdown(description=self.text("export.which"), style={"description_width": "initial"})
        self.button = w.Button(description=self.text("export.button"), button_style="primary", icon="download")
        self.button.on_click(lambda _b: self._guard(self.export))
        self.result = None
        return [w.VBox(list(self.formats.values())), self.which, self.button]

    def refresh(self):
        """The versions to choose from, as shipped now; the choice already made stays."""
        versions = self.workbook.versions()
        chosen = self.which.value or ""
        self.which.options = [(self.text("export.current"), "")] + [(f"{v.label} ({v.created.date().isoformat()})", v.label)
                                                              for v in versions]
        self.which.value = chosen if chosen in {v.label for v in versions} else ""
        if self.result is not None:
            return  # keep the list of exported files in view
        self.message.value = self.html("ck-hint", "export.hint", button=self.text("export.button"))

    def export(self) -> bool:
        formats = tuple(f for f, box in self.formats.items() if box.value)
        if not formats:
            self._problem(self.text("export.no_format"))
            return False
        self.result = export_plan(self.workbook, formats, version=self.which.value or None, exported=today())
        t = texts("plan")
        links = "".join(
            f"<a class='ck-download' download=\"{esc(d.name)}\" href=\"{d.data_uri}\">{t.html('export.download', name=d.name)}</a> "
            for d in downloads(self.result)
        )
        files = "".join(f"<li><code>{esc(shown_path(p))}</code></li>" for p in self.result.files if p.suffix != ".png")
        charts = sum(p.suffix == ".png" for p in self.result.files)
        extra = f"<li>{t.plural('export.chart_images', charts, as_html=True)}</li>" if charts else ""
        notes = "".join(f"<p class='ck-warning'>{esc(n)}</p>" for n in self.result.notes)
        kept = (t("export.kept_again", number=self.result.number) if self.result.number > 1
                else t("export.kept_first"))
        self.message.value = (
            f"{self.html('ck-saved', 'export.done')}<p>{links}</p>"
            f"{self.html('ck-hint', 'export.copy_kept', kept=kept)}<ul>{files}{extra}</ul>{notes}"
        )
        return True


class ShipView(PlanView):
    key = "plan.ship"

    def build(self):
        self.note = text_area(self.text("ship.note"), 2)
        self.button = w.Button(description=self.text("ship.button"), button_style="success", icon="rocket")
        self.button.on_click(lambda _b: self._guard(self.ship))
        self.table = w.HTML(layout=FULL)
        return [self.note, self.button, self.table]

    def refresh(self):
        versions = self.workbook.versions()
        if not versions:
            self.table.value = self.html("ck-hint", "ship.none_yet")
            return
        rows = "".join(
            f"<tr><td>{esc(v.label)}</td><td>{v.created.date().isoformat()}</td><td>{esc(v.note)}</td>"
            f"<td>{len([k for k in v.answers if not k.endswith('_previous')])}</td></tr>"
            for v in versions
        )
        head = "".join(f"<th>{esc(column)}</th>" for column in texts("plan").items("ship.columns"))
        self.table.value = f"<table class='ck-table'><tr>{head}</tr>{rows}</table>"

    def ship(self) -> bool:
        note = self.note.value.strip()
        if len(note) > NOTE_LIMIT:
            self._problem(self.text("ship.note_too_long", limit=NOTE_LIMIT))
            return False
        if not self.workbook.values():
            self._problem(self.text("ship.nothing_to_ship"))
            return False
        version = self.workbook.ship_version(note=note)
        self.note.value = ""
        self.refresh()
        self.message.value = self.html("ck-saved", "ship.shipped", label=version.label,
                                       date=version.created.date().isoformat())
        return True

    def summary(self):
        shipped = [f"{v.label} | {v.created.date().isoformat()} | {v.note}" for v in self.workbook.versions()]
        return "\n".join([*shipped, plain_text(self.message.value)]).strip()


class CompareView(PlanView):
    key = "plan.compare"

    def build(self):
        self.older = w.Dropdown(description=self.text("compare.older"))
        self.newer = w.Dropdown(description=self.text("compare.newer"))
        self.button = w.Button(description=self.text("compare.button"), icon="exchange")
        self.button.on_click(lambda _b: self._guard(self.compare))
        self.table = w.HTML(layout=FULL)
        self.output = w.Output(layout=FULL)
        self.comparison: pl.PlanComparison | None = None
        return [w.HBox([self.older, self.newer, self.button]), self.table, self.output]

    def refresh(self):
        versions = self.workbook.versions()
        options = [(f"{v.label} ({v.created.date().isoformat()})", v.label) for v in versions]
        self.older.options = options
        self.newer.options = options
        if len(versions) < 2:
            self.comparison = None
            self.table.value = ""
            self.output.outputs = ()
            self.message.value = f"<p class='ck-hint'>{texts('plan').plural('compare.too_few', len(versions), as_html=True)}</p>"
            return
        self.older.value, self.newer.value = versions[-2].label, versions[-1].label
        self.compare()

    def compare(self) -> bool:
        if self.older.value is None or self.newer.value is None:
            self._problem(self.text("compare.need_two"))
            return False
        if self.older.value == self.newer.value:
            self._problem(self.text("compare.same_version"))
            return False
        older, newer = self.workbook.version(self.older.value), self.workbook.version(self.newer.value)
        self.comparison = pl.compare_versions(older, newer)
        rows = self.comparison.rows()
        body = "".join(
            f"<tr><td>{esc(r.kind)}</td><td>{esc(r.what)}</td><td>{esc(r.before)}</td><td>{esc(r.after)}</td></tr>"
            for r in rows
        )
        self.table.value = (
            f"<table class='ck-table'><tr><th>{esc(self.text('compare.change'))}</th><th>{esc(self.text('compare.what'))}</th>"
            f"<th>{esc(older.label)}</th><th>{esc(newer.label)}</th></tr>{body}</table>"
            if rows else ""
        )
        self.output.outputs = (figure_output(charts.compare_chart(self.comparison), ui("saving.chart_alt", title=self._heading)),)
        self.message.value = f"<p class='ck-feedback'>{esc(self._headline())}</p>"
        return True

    def _headline(self) -> str:
        c = self.comparison
        if c is None:
            return ""
        t = texts("plan")
        if c.unchanged:
            return t("compare.unchanged", older=c.older, newer=c.newer)
        return t(
            "compare.headline", older=c.older, newer=c.newer,
            steps=t.plural("compare.steps", len(c.steps_added), dropped=len(c.steps_dropped)),
            lane=t("compare.lane_changed" if c.lane_changed else "compare.lane_unchanged"),
            ratings=t.plural("compare.ratings", len(c.ratings)),
            answered=t.plural("compare.answered", len(c.answers_added)),
        )

    def summary(self):
        rows = [f"{r.kind} | {r.what} | {r.before} | {r.after}" for r in self.comparison.rows()] if self.comparison else []
        return "\n".join([plain_text(self.message.value), *rows]).strip()


EXERCISES = {
    "overview": OverviewView,
    "export": ExportView,
    "ship": ShipView,
    "compare": CompareView,
}
