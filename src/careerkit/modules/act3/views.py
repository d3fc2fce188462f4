"""Module 4 exercise views: Act 3. One class per exercise, registered in EXERCISES."""

from __future__ import annotations

from datetime import date

import ipywidgets as w

from careerkit.content.text import texts
from careerkit.modules.act3 import domain as act3
from careerkit.modules.act3 import whole_career as cl
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

charts = lazy_module("careerkit.modules.act3.charts")  # matplotlib only once a chart is drawn


def today() -> date:
    """Today for date checks; the demo participant lives on the fixed demo date so its runs are deterministic."""
    return session.DEMO_TIME.date() if session.is_demo() else date.today()


def _as_date(value) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _slider(value: int, low: int, high: int, description: str = "") -> w.IntSlider:
    return w.IntSlider(value=value, min=low, max=high, description=description, layout=FULL,
                       style={"description_width": "initial"})


class CareerLineView(Exercise):
    key = "act3.career_line"
    depends_on = ("versioning.roadmap", "versioning.end_state", "act3.north_star")
    Model = cl.CareerLine

    def build(self):
        t = texts("act3")
        self.age = _slider(35, 14, 100)
        self.this_year = number_box(today().year, t("career_line.this_year"))  # read in the kernel: a wrong year gets a sentence
        self.start_age = _slider(22, 14, 60)
        self.span = _slider(65, 20, 80)
        self.act2 = _slider(35, 14, 100)
        self.act3 = _slider(50, 14, 120)
        self.goal_end = _slider(45, 14, 120)
        suggested = cl.suggested_goal_end(self.age.value, self.workbook.get("versioning.end_state"))
        if suggested is not None:
            self.goal_end.value = suggested
        span = act3.content().career_span
        acts = {a.id: a for a in act3.content().acts}
        second, third = acts["act2"], acts["act3"]
        return [
            labelled(t("career_line.age"), self.age),
            self.this_year,
            labelled(t("career_line.start_age"), self.start_age),
            labelled(t("career_line.span"), self.span, f"{span.label} {span.timestamp}"),
            labelled(t("career_line.act_starts", act=second.label, name=second.name), self.act2, second.hint),
            labelled(t("career_line.act_starts", act=third.label, name=third.name), self.act3, third.hint),
            labelled(t("career_line.goal_end"), self.goal_end, t("career_line.goal_end_hint")),
            w.HTML(f"<p class='ck-source'>{esc(act3.content().acts_source.label)}</p>"),
        ]

    def read(self):
        return {
            "age": self.age.value,
            "this_year": self.this_year.number,
            "start_age": self.start_age.value,
            "span_years": self.span.value,
            "act2_age": self.act2.value,
            "act3_age": self.act3.value,
            "goal_end_age": self.goal_end.value,
        }

    def fill(self, value):
        self.age.value = value.get("age", 35)
        self.this_year.value = value.get("this_year", today().year)
        self.start_age.value = value.get("start_age", 22)
        self.span.value = value.get("span_years", 65)
        self.act2.value = value.get("act2_age", 35)
        self.act3.value = value.get("act3_age", 50)
        self.goal_end.value = value.get("goal_end_age", 45)

    def _others(self):
        return self.workbook.get("versioning.roadmap"), self.workbook.get("versioning.end_state")

    def feedback(self, answer):
        roadmap, end_state = self._others()
        lines = cl.read_career_line(answer, roadmap, end_state)
        if not roadmap:
            lines.append(texts("act3")("career_line.no_roadmap"))
        return bullets(lines)

    def chart(self, answer):
        roadmap, end_state = self._others()
        star = (self.workbook.get("act3.north_star") or {}).get("sentence", "")
        return charts.career_line(cl.career_timeline(answer, roadmap, end_state), str(star))

    def chart_basis(self, answer):
        return (answer.model_dump_json(), repr(self._others()), repr(self.workbook.get("act3.north_star")))


class RabbitView(Exercise):
    key = "act3.rabbit"
    Model = act3.Rabbit
    shareable = False  # a private self-check: no share box, and collect refuses it

    def build(self):
        t = texts("act3")
        content = act3.content()
        self.rabbit = text_box(t("rabbit.rabbit_placeholder"))
        self.stage = w.RadioButtons(options=[(s.label, s.id) for s in content.rabbit_stages], value="chasing", layout=FULL)
        self.after = text_area(t("rabbit.after_placeholder"), 3)
        frequencies = [(f.label, f.value) for f in content.frequencies]
        self.signs = {
            sign.id: w.ToggleButtons(options=frequencies, value=0, style={"button_width": "auto"})
            for sign in content.rabbit_signs
        }
        checks = [labelled(f"{sign.label} {sign.timestamp}", self.signs[sign.id], sign.question) for sign in content.rabbit_signs]
        return [
            labelled(t("rabbit.rabbit"), self.rabbit, t("rabbit.rabbit_hint")),
            labelled(t("rabbit.stage"), self.stage),
            labelled(t("rabbit.after"), self.after),
            w.HTML(f"<p class='ck-hint'>{t.html('rabbit.private')}</p>"),
            *checks,
        ]

    def read(self):
        return {
            "rabbit": self.rabbit.value,
            "stage": self.stage.value,
            "after": self.after.value,
            "signs": {sign: control.value for sign, control in self.signs.items()},
        }

    def fill(self, value):
        self.rabbit.value = value.get("rabbit", "")
        self.stage.value = value.get("stage", "chasing")
        self.after.value = value.get("after", "")
        for sign, level in value.get("signs", {}).items():
            if sign in self.signs:
                self.signs[sign].value = level

    def feedback(self, answer):
        readout = act3.read_rabbit(answer)
        return (
            f"<div class='ck-readout ck-readout-{readout.level}'><p class='ck-feedback'><b>{esc(readout.headline)}</b></p>"
            + bullets(readout.lines)
            + "</div>"
        )


class ArcsView(Exercise):
    key = "act3.arcs"
    Model = act3.Arcs

    def build(self):
        t = texts("act3")
        content = act3.content()
        self.columns: dict[str, dict] = {}
        boxes = []
        for arc in content.arcs:
            controls = {
                "forms": Checklist([(f.id, f"{f.label} {f.timestamp}") for f in arc.forms], self._on_change),
                "gains": {g.id: _slider(0, 0, 10, g.label) for g in content.gains},
                "energy": _slider(5, 0, 10, t("arcs.energy")),
                "gives": text_area(t("arcs.gives_placeholder"), 2),
                "first_step": text_box(t("arcs.first_step_placeholder")),
                "step_date": w.DatePicker(description=t("arcs.by")),
            }
            self.columns[arc.id] = controls
            boxes.append(
                w.VBox(
                    [
                        w.HTML(f"<b>{esc(arc.label)}</b> {esc(arc.timestamp)}<br><span class='ck-hint'>{esc(arc.hint)}</span>"),
                        labelled(t("arcs.forms"), controls["forms"].widget),
                        labelled(t("arcs.gains"), w.VBox(list(controls["gains"].values()))),
                        labelled(t("arcs.energy_label"), controls["energy"]),
                        controls["gives"],
                        labelled(t("arcs.first_step"), w.VBox([controls["first_step"], controls["step_date"]])),
                    ],
                    layout=w.Layout(width="50%", padding="0 8px 0 0"),
                )
            )
        return [w.HBox(boxes, layout=FULL)]

    def read(self):
        return {
            "plans": [
                {
                    "arc": arc_id,
                    "forms": c["forms"].read(),
                    "gains": {g: s.value for g, s in c["gains"].items()},
                    "energy": c["energy"].value,
                    "gives": c["gives"].value,
                    "first_step": c["first_step"].value,
                    "step_date": c["step_date"].value,
                }
                for arc_id, c in self.columns.items()
            ]
        }

    def fill(self, value):
        for plan in value.get("plans", []):
            c = self.columns.get(plan.get("arc"))
            if c is None:
                continue
            c["forms"].fill(plan.get("forms", []))
            for gain, level in plan.get("gains", {}).items():
                if gain in c["gains"]:
                    c["gains"][gain].value = level
            c["energy"].value = plan.get("energy", 5)
            c["gives"].value = plan.get("gives", "")
            c["first_step"].value = plan.get("first_step", "")
            c["step_date"].value = _as_date(plan.get("step_date"))

    def feedback(self, answer):
        reading = act3.read_arcs(answer, today())
        return f"<p class='ck-feedback'><b>{esc(reading.headline)}</b></p>" + bullets(reading.lines)

    def chart(self, answer):
        return charts.arcs_energy(answer)


class NorthStarView(Exercise):
    key = "act3.north_star"
    Model = act3.NorthStar

    def build(self):
        t = texts("act3")
        self.sentence = text_box(t("north_star.sentence_placeholder"))
        self.why = text_area(t("north_star.why_placeholder"), 3)
        self.first_step = text_box(t("north_star.first_step_placeholder"))
        self.step_date = w.DatePicker(description=t("north_star.by"))
        return [
            labelled(t("north_star.sentence"), self.sentence),
            labelled(t("north_star.why"), self.why),
            labelled(t("north_star.first_step"), w.VBox([self.first_step, self.step_date])),
        ]

    def read(self):
        return {
            "sentence": self.sentence.value,
            "why_at_70": self.why.value,
            "first_step": self.first_step.value,
            "step_date": self.step_date.value,
        }

    def fill(self, value):
        self.sentence.value = value.get("sentence", "")
        self.why.value = value.get("why_at_70", "")
        self.first_step.value = value.get("first_step", "")
        self.step_date.value = _as_date(value.get("step_date"))

    def feedback(self, answer):
        t = texts("act3")
        problems = act3.check_north_star(answer, today())
        if not problems:
            return f"<p class='ck-feedback'>{t.html('north_star.feedback.confirmed', sentence=answer.sentence)}</p>"
        echo = (f"<p class='ck-feedback'>{t.html('north_star.feedback.echo', sentence=answer.sentence)}</p>"
                if answer.sentence.strip() else "")
        return echo + bullets(problems, "ck-warning")


class CommunityView(Exercise):
    key = "act3.community"
    Model = act3.CommunityPlan

    def build(self):
        t = texts("act3")
        content = act3.content()
        kinds = [(k.label, k.id) for k in content.community_kinds]
        gets = content.community_gets

        def fields():
            row = {
                "name": text_box(t("community.name_placeholder")),
                "kind": w.Dropdown(options=kinds, value="external", description=t("community.kind")),
                "give": text_box(t("community.give_placeholder")),
            }
            for get in gets:
                row[f"get_{get.id}"] = w.Checkbox(description=get.label, indent=False)
            return row

        def layout(number, f):
            ticks = w.HBox([f[f"get_{g.id}"] for g in gets])
            return w.VBox(
                [w.HTML(f"<b>{t.html('community.row', number=number)}</b>"), w.HBox([f["name"], f["kind"]]),
                 w.HTML(t.html("community.gets")), ticks, f["give"]],
                layout=w.Layout(border="1px solid #ccc", padding="6px", margin="0 0 6px 0", width="100%"),
            )

        self._gets = [g.id for g in gets]
        self.rows = Rows(fields, layout, self._on_change, add_label=t("community.add"), min_rows=1, max_rows=8)
        self.join = text_box(t("community.join_placeholder"))
        self.join_step = text_box(t("community.join_step_placeholder"))
        tips = "".join(f"<li>{esc(t.label)} {esc(t.cite)}</li>" for t in content.community_tips)
        return [
            w.HTML(f"<ul class='ck-hint'>{tips}</ul>"),
            self.rows.widget,
            labelled(t("community.join"), self.join),
            labelled(t("community.join_step"), self.join_step),
        ]

    def read(self):
        communities = []
        for row in self.rows.read():
            communities.append(
                {
                    "name": row["name"],
                    "kind": row["kind"],
                    "give": row["give"],
                    "gets": [g for g in self._gets if row.get(f"get_{g}")],
                }
            )
        return {"communities": communities, "join": self.join.value, "join_step": self.join_step.value}

    def fill(self, value):
        rows = []
        for community in value.get("communities", []):
            row = {k: community.get(k) for k in ("name", "kind", "give")}
            row.update({f"get_{g}": g in community.get("gets", []) for g in self._gets})
            rows.append(row)
        self.rows.fill(rows)
        self.join.value = value.get("join", "")
        self.join_step.value = value.get("join_step", "")

    def feedback(self, answer):
        problems = act3.check_community(answer)
        if not problems:
            done = texts("act3").html("community.feedback.done", community=answer.join)
            return f"<p class='ck-feedback'>{done}</p>"
        return bullets(problems, "ck-warning")

    def chart(self, answer):
        return charts.community_coverage(answer) if any(c.name.strip() for c in answer.communities) else None


EXERCISES = {
    "career_line": CareerLineView,
    "rabbit": RabbitView,
    "arcs": ArcsView,
    "north_star": NorthStarView,
    "community": CommunityView,
}
