"""Module 2 exercise views: lanes, the career story, the IC or manager path. One class per exercise."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from pydantic import BaseModel, ValidationError

from careerkit.content.text import texts
from careerkit.modules.lanes import domain as ln
from careerkit.modules.lanes import path as cp
from careerkit.modules.lanes import press_release as pr
from careerkit.modules.lanes import story as st
from careerkit.store import session
from careerkit.ui.exercise import (
    FULL,
    Checklist,
    Exercise,
    Rows,
    bullets,
    esc,
    labelled,
    lazy_module,
    number_box,
    text_area,
    text_box,
)

charts = lazy_module("careerkit.modules.lanes.charts")  # matplotlib only once a chart is drawn
plots = lazy_module("careerkit.ui.charts")

NUMBER = w.Layout(width="80px")


def _saved(exercise: Exercise, key: str, model: type[BaseModel]) -> Any:
    """Another exercise's saved answer, or a blank one if it is missing or no longer valid."""
    try:
        return model.model_validate(exercise.workbook.get(key) or {})
    except ValidationError:
        return model()


class EnergyLogView(Exercise):
    key = "lanes.energy_log"
    Model = ln.EnergyLog

    def build(self):
        t = texts("lanes")
        lanes = [(lane.label, lane.id) for lane in ln.content().lanes]

        def fields():
            return {
                "activity": text_box(t("energy_log.activity_placeholder")),
                "lane": w.Dropdown(options=lanes, value=lanes[0][1], description=t("energy_log.lane")),
                "engagement": number_box(5, t("energy_log.engagement"), w.Layout(width="170px")),
                "energy": number_box(5, t("energy_log.energy"), w.Layout(width="170px")),
            }

        def layout(number, f):
            return w.VBox(
                [w.HTML(f"<b>{t.html('energy_log.entry', number=number)}</b>"), f["activity"], w.HBox([f["lane"], f["engagement"], f["energy"]])],
                layout=w.Layout(border="1px solid #ccc", padding="6px", margin="0 0 6px 0", width="100%"),
            )

        self.rows = Rows(fields, layout, self._on_change, add_label=t("energy_log.add"), min_rows=1, max_rows=30)
        source = w.HTML(f"<p class='ck-source'>{esc(ln.content().energy_log_source.label)}</p>")
        return [
            w.HTML(f"<p class='ck-hint'>{t.html('energy_log.scale')}</p>"),
            self.rows.widget,
            source,
        ]

    def read(self):
        return {"entries": self.rows.read()}

    def fill(self, value):
        self.rows.fill(value.get("entries", []))

    def feedback(self, answer):
        note = f"<p class='ck-hint'>{texts('lanes').html('energy_log.feeds_ranking')}</p>"
        return bullets(ln.check_log(answer)) + note

    def chart(self, answer):
        summary = ln.summarise_log(answer)
        return charts.energy_log_bars(summary) if summary else None


class RatingsView(Exercise):
    key = "lanes.ratings"
    depends_on = ("lanes.energy_log",)  # the ranking weighs the energy log's evidence
    Model = ln.LaneRatings

    def build(self):
        t = texts("lanes")
        content = ln.content()
        self.scores = {
            lane.id: {d.id: number_box(0, layout=NUMBER) for d in content.dimensions} for lane in content.lanes
        }
        cells: list[w.Widget] = [w.HTML(f"<b>{t.html('ratings.lane')}</b>")]
        cells += [w.HTML(f"<b title='{esc(d.hint)}'>{esc(d.label)}</b>") for d in content.dimensions]
        for lane in content.lanes:
            cells.append(w.HTML(f"{esc(lane.label)} <span class='ck-hint'>{esc(lane.hint)} {esc(lane.timestamp)}</span>"))
            cells += list(self.scores[lane.id].values())
        grid = w.GridBox(cells, layout=w.Layout(grid_template_columns="minmax(200px, 3fr) repeat(3, 110px)", width="100%"))
        hints = " ".join([*(t("ratings.dimension_hint", label=d.label, hint=d.hint) for d in content.dimensions),
                          t("ratings.frame", cite=content.dimensions[0].cite)])
        self.pick = Checklist([(lane.id, lane.label) for lane in content.lanes], self._on_change)
        self.why = text_area(t("ratings.why_placeholder"), 2)
        return [
            labelled(t("ratings.rate"), grid, hints),
            labelled(t("ratings.pick"), self.pick.widget, t("ratings.pick_hint")),
            labelled(t("ratings.why"), self.why),
        ]

    def read(self):
        return {
            "scores": {lane: {dim: box.number for dim, box in dims.items()} for lane, dims in self.scores.items()},
            "chosen": self.pick.read(),
            "why": self.why.value,
        }

    def fill(self, value):
        for lane, dims in value.get("scores", {}).items():
            for dim, level in dims.items():
                if lane in self.scores and dim in self.scores[lane]:
                    self.scores[lane][dim].value = level
        self.pick.fill(value.get("chosen", []))
        self.why.value = value.get("why", "")

    def _ranking(self, answer: ln.LaneRatings) -> list[ln.LaneRank]:
        return ln.rank_lanes(answer, _saved(self, "lanes.energy_log", ln.EnergyLog))

    def feedback(self, answer):
        ranking = self._ranking(answer)
        choice = bullets(ln.check_choice(answer, ranking))
        if not answer.is_rated():
            return choice
        rows = "".join(
            f"<tr><td>{r.rank}</td><td>{esc(r.label)}{' &#9733;' if r.lane in answer.chosen else ''}</td>"
            f"<td>{r.score:g}</td><td>{'<br>'.join(esc(x) for x in r.reasons)}</td></tr>"
            for r in ranking
        )
        t = texts("lanes")
        head = "".join(f"<th>{t.html(f'ratings.table.{name}')}</th>" for name in ("rank", "lane", "score", "why"))
        table = f"<table class='ck-table'><tr>{head}</tr>" + rows + "</table>"
        return choice + table

    def chart(self, answer):
        return charts.ranking_bars(self._ranking(answer), answer.chosen) if answer.is_rated() else None

    def chart_basis(self, answer):
        return [r.model_dump_json() for r in self._ranking(answer)], answer.chosen


class RadarView(Exercise):
    key = "lanes.radar"
    depends_on = ("lanes.ratings",)  # the lanes you chose are starred on the radar
    Model = ln.Radar

    def build(self):
        self._picture_basis: str | None = None
        self._figure = None
        self.picture_note = ""
        t = texts("lanes")
        start = ln.radar_from_ratings(_saved(self, "lanes.ratings", ln.LaneRatings))
        self.current, self.target, rows = {}, {}, []
        for lane in ln.content().lanes:
            self.current[lane.id] = w.IntSlider(value=start.current[lane.id], min=0, max=10, description=t("radar.now"))
            self.target[lane.id] = w.IntSlider(value=start.target[lane.id], min=0, max=10, description=t("radar.target"))
            rows.append(w.HBox([w.HTML(f"<b>{esc(lane.label)}</b>", layout=w.Layout(width="200px")),
                                self.current[lane.id], self.target[lane.id]]))
        self.from_ratings = w.Button(description=t("radar.from_ratings"), icon="refresh")
        self.from_ratings.on_click(lambda _b: self._guard(self._take_ratings))
        return [
            w.HTML(f"<p class='ck-hint'>{t.html('radar.hint')}</p>"),
            *rows,
            self.from_ratings,
        ]

    def _take_ratings(self):
        start = ln.radar_from_ratings(_saved(self, "lanes.ratings", ln.LaneRatings))
        for lane, level in start.current.items():
            self.current[lane].value = level

    def read(self):
        return {
            "current": {lane: s.value for lane, s in self.current.items()},
            "target": {lane: s.value for lane, s in self.target.items()},
        }

    def fill(self, value):
        for name, sliders in (("current", self.current), ("target", self.target)):
            for lane, level in value.get(name, {}).items():
                if lane in sliders:
                    sliders[lane].value = level

    @property
    def picture_path(self):
        """Where the picture the participant keeps is saved: beside their workbook."""
        book = self.workbook
        return book.path.with_name(f"{book.path.stem}-radar.png")

    def _keep_picture(self, answer: ln.Radar, chosen: list[str]) -> str:
        basis = answer.model_dump_json() + repr(chosen)
        if basis != self._picture_basis:
            t = texts("lanes")
            self._figure = charts.radar_chart(answer, chosen)
            try:
                path = plots.save_figure(self._figure, self.picture_path)
            except OSError as err:
                return f"<p class='ck-problem'>{t.html('radar.not_saved', error=err.strerror)}</p>"
            self._picture_basis = basis
            saved = (t.html("radar.saved_in_folder", name=path.name) if session.is_demo()
                     else t.html("radar.saved_at", name=path.name, path=path))
            self.picture_note = f"<p class='ck-saved'>{saved}</p>"
        return self.picture_note

    def feedback(self, answer):
        chosen = _saved(self, "lanes.ratings", ln.LaneRatings).chosen
        return bullets(ln.read_radar(answer, chosen)) + self._keep_picture(answer, chosen)

    def chart(self, answer):
        return self._figure

    def chart_basis(self, answer):
        return self._picture_basis


class StoryView(Exercise):
    key = "lanes.story"
    Model = st.CareerStory

    def build(self):
        t = texts("lanes")

        def fields():
            return {
                "role": text_box(t("story.role_placeholder")),
                "company": text_box(t("story.company_placeholder")),
                "learned": text_area(t("story.learned_placeholder"), 2),
                "achieved": text_area(t("story.achieved_placeholder"), 2),
            }

        def layout(number, f):
            return w.VBox(
                [w.HTML(f"<b>{t.html('story.role', number=number)}</b>"), w.HBox([f["role"], f["company"]]),
                 labelled(t("story.learned"), f["learned"]), labelled(t("story.achieved"), f["achieved"])],
                layout=w.Layout(border="1px solid #ccc", padding="6px", margin="0 0 6px 0", width="100%"),
            )

        self.rows = Rows(fields, layout, self._on_change, add_label=t("story.add"), min_rows=1, max_rows=12)
        return [self.rows.widget]

    def read(self):
        return {"roles": self.rows.read()}

    def fill(self, value):
        self.rows.fill(value.get("roles", []))

    def feedback(self, answer):
        t = texts("lanes")
        report = st.check_story(answer)
        html = bullets(report.messages)
        if report.claims:
            rows = "".join(
                f"<tr><td>{c.role_number}</td><td>{t.html('story.part_' + c.field)}</td>"
                f"<td><i>{esc(c.claim.sentence)}</i></td><td>{esc(c.claim.suggestion)}</td></tr>"
                for c in report.claims
            )
            head = "".join(f"<th>{t.html(f'story.table.{name}')}</th>" for name in ("role", "part", "wrote", "suggestion"))
            html += f"<table class='ck-table'><tr>{head}</tr>" + rows + "</table>"
        return html

    def chart(self, answer):
        report = st.check_story(answer)
        if not any(c.i or c.we or c.hedged for c in report.role_counts):
            return None
        t = texts("lanes")
        names = [r.role or t("story.role", number=i) for i, r in enumerate(answer.roles, start=1)]
        return charts.pronoun_bars(report, names)


class PressReleaseView(Exercise):
    key = "lanes.press_release"
    Model = pr.PressRelease

    def build(self):
        t = texts("lanes")
        parts = {p.id: p for p in ln.content().press_release_parts}
        self.fields = {
            "headline": text_box(parts["headline"].hint),
            "subheadline": text_box(parts["subheadline"].hint),
            "story_so_far": text_area(parts["story_so_far"].hint, 5),
            "quote": text_area(parts["quote"].hint, 2),
            "quote_by": text_box(t("press_release.quote_by_placeholder")),
            "whats_next": text_area(parts["whats_next"].hint, 3),
        }
        self.draft = w.Button(description=t("press_release.draft"), icon="magic",
                              tooltip=t("press_release.draft_tooltip"))
        self.draft.on_click(lambda _b: self._guard(self._fill_from_story))
        self.markdown = w.Textarea(rows=8, layout=FULL)
        self.html = w.Textarea(rows=6, layout=FULL)
        self.copy = w.Accordion(children=[self.markdown, self.html], titles=(t("press_release.markdown"), t("press_release.html")))
        controls = [
            labelled(t("press_release.part", label=parts[name].label, cite=parts[name].cite) if name in parts
                     else t("press_release.quote_by"), box)
            for name, box in self.fields.items()
        ]
        return [self.draft, *controls, self.copy]

    def watched(self):
        return list(self.fields.values())

    def _fill_from_story(self):
        ratings = _saved(self, "lanes.ratings", ln.LaneRatings)
        lane = ln.lane_label(ratings.chosen_lane) if ratings.chosen_lane else ""
        draft = pr.draft_press_release(_saved(self, "lanes.story", st.CareerStory), lane)
        t = texts("lanes")
        filled = []
        for name, box in self.fields.items():
            suggestion = getattr(draft, name)
            if not box.value.strip() and suggestion:
                box.value = suggestion
                filled.append(t(f"press_release.filled_names.{name}"))
        if filled:
            self.status.value = f"<span class='ck-saved'>{t.html('press_release.filled', parts=', '.join(filled))}</span>"
        else:
            self.status.value = f"<span class='ck-hint'>{t.html('press_release.nothing_to_fill')}</span>"

    def read(self):
        return {name: box.value for name, box in self.fields.items()}

    def fill(self, value):
        for name, box in self.fields.items():
            box.value = value.get(name, "")

    def feedback(self, answer):
        # the copy boxes mirror the saved answer; they are outputs, not watched inputs
        self.markdown.value = pr.press_release_markdown(answer)
        self.html.value = pr.press_release_html(answer)
        preview = pr.press_release_html(answer)
        shown = f"<div class='ck-preview' style='border:1px solid #ccc;padding:8px'>{preview}</div>" if preview else ""
        return bullets(pr.check_press_release(answer), "ck-warning") + shown


class PathView(Exercise):
    key = "lanes.path"
    Model = cp.PathAnswer

    def build(self):
        t = texts("lanes")
        content = ln.content()
        self.enjoy = {
            a.id: w.IntSlider(value=5, min=0, max=10, description="", layout=w.Layout(width="260px"))
            for a in content.path_activities
        }
        rows = [
            w.HBox([w.HTML(f"{esc(a.label)} <span class='ck-hint'>{esc(a.timestamp)}</span>",
                           layout=w.Layout(width="60%")), self.enjoy[a.id]])
            for a in content.path_activities
        ]
        styles = [(t("path.not_sure_yet"), ""), *[(s.label, s.id) for s in content.helping_styles]]
        self.style = w.RadioButtons(options=styles, value="", layout=FULL)
        self.invited = w.IntSlider(value=5, min=0, max=10, description=t("path.how_often"), layout=FULL)
        self.example = text_area(t("path.example_placeholder"), 2)
        leanings = [(t("path.ic"), "ic"), (t("path.manager"), "manager"), (t("path.not_sure"), "unsure")]
        self.leaning = w.ToggleButtons(options=leanings, value="unsure")
        return [
            labelled(t("path.enjoy"), w.VBox(rows, layout=FULL)),
            labelled(t("path.helping"), self.style),
            labelled(t("path.invited"), self.invited),
            labelled(t("path.example"), self.example),
            labelled(t("path.leaning"), self.leaning),
        ]

    def read(self):
        return {
            "enjoy": {a: s.value for a, s in self.enjoy.items()},
            "helping_style": self.style.value,
            "invited": self.invited.value,
            "invited_example": self.example.value,
            "leaning": self.leaning.value,
        }

    def fill(self, value):
        for activity, level in value.get("enjoy", {}).items():
            if activity in self.enjoy:
                self.enjoy[activity].value = level
        self.style.value = value.get("helping_style", "")
        self.invited.value = value.get("invited", 5)
        self.example.value = value.get("invited_example", "")
        self.leaning.value = value.get("leaning", "unsure")

    def feedback(self, answer):
        t = texts("lanes")
        read = cp.read_path(answer)

        def heading(key: str) -> str:
            return f"<p class='ck-feedback'>{t.html(key)}</p>"

        return (
            f"<p class='ck-feedback'><b>{esc(read.headline)}</b></p>"
            + heading("path.for_ic") + bullets(read.for_ic)
            + heading("path.for_manager") + bullets(read.for_manager)
            + ((heading("path.watch_out") + bullets(read.cautions, "ck-warning")) if read.cautions else "")
            + heading("path.try_first") + bullets(read.experiments)
        )

    def chart(self, answer):
        return charts.path_bars(answer)


EXERCISES = {
    "energy_log": EnergyLogView,
    "ratings": RatingsView,
    "radar": RadarView,
    "story": StoryView,
    "press_release": PressReleaseView,
    "path": PathView,
}
