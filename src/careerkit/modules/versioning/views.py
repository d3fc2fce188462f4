"""Module 1 exercise views: career as a product. One class per exercise, registered in EXERCISES."""

from __future__ import annotations

import ipywidgets as w
from pydantic import BaseModel, Field

from careerkit.modules.versioning import domain as v
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

charts = lazy_module("careerkit.modules.versioning.charts")  # matplotlib only once a chart is drawn


def _roadmap(exercise: Exercise) -> v.Roadmap:
    saved = exercise.workbook.get("versioning.roadmap")
    try:
        return v.Roadmap.model_validate(saved or {})
    except ValueError:
        return v.Roadmap()


def _kind(flag: v.VersionFlag) -> str:
    if flag.kind == "promotion_in_place":
        return "Promotion in place"
    return "Now" if flag.number == 1 else "New learning"


class EndStateView(Exercise):
    key = "versioning.end_state"
    title = "Your end state"
    Model = v.EndState

    def build(self):
        self.role = text_box("e.g. Chief Product Officer of a mission-driven health company")
        self.builder = text_area("What kind of builder will you be? What will you make, with whom?")
        self.horizon = w.IntSlider(value=15, min=5, max=40, description="Years", layout=FULL)
        self.why = text_area("Why does this end state matter to you?")
        return [
            labelled("The role you want to hold", self.role),
            labelled("The kind of builder you want to be", self.builder),
            labelled("How many years from now", self.horizon, "Ten to twenty years is a suggestion (kit's own): the source names no number."),
            labelled("Why it matters", self.why),
        ]

    def read(self):
        return {"role": self.role.value, "builder": self.builder.value, "horizon_years": self.horizon.value, "why": self.why.value}

    def fill(self, value):
        self.role.value = value.get("role", "")
        self.builder.value = value.get("builder", "")
        self.horizon.value = value.get("horizon_years", 15)
        self.why.value = value.get("why", "")

    def feedback(self, answer):
        if not answer.role.strip():
            return "<p class='ck-hint'>Start with the role: you can change it any time.</p>"
        html = f"<p class='ck-feedback'>In {answer.horizon_years} years: <b>{esc(answer.role)}</b>. Now work backwards from it.</p>"
        if not 10 <= answer.horizon_years <= 20:
            html += (f"<p class='ck-hint'>{answer.horizon_years} years is outside the 10 to 20 the source suggests "
                     "[00:08:11]: far enough to pass the next job, near enough to picture.</p>")
        return html


class RoadmapView(Exercise):
    key = "versioning.roadmap"
    title = "Your version roadmap"
    Model = v.Roadmap

    def build(self):
        content = v.content()
        stages = [(s.label, s.id) for s in content.stages]
        markets = [(m.label, m.id) for m in content.markets]

        def fields():
            return {
                "role": text_box("Role"),
                "company": text_box("Company (or kind of company)"),
                "stage": w.Dropdown(options=stages, value=stages[0][1], description="Stage"),
                "market": w.Dropdown(options=markets, value=markets[0][1], description="Market"),
                "start_year": number_box(2026, "From"),  # read in the kernel: anything not a year gets a sentence
                "end_year": number_box(2028, "To"),
                "learning": text_box("What will you learn in this version?"),
            }

        def layout(number, f):
            for name in ("stage", "market"):
                f[name].layout = w.Layout(width="32%")
                f[name].style = {"description_width": "initial"}
            for name in ("start_year", "end_year"):  # wide enough for a four-digit year at any page width
                f[name].layout = w.Layout(width="150px")
                f[name].style = {"description_width": "initial"}
            box = w.VBox(
                [
                    w.HBox([w.HTML(f"<b>v{number}</b>", layout=w.Layout(width="32px")), f["role"], f["company"]]),
                    w.HBox([f["stage"], f["market"], f["start_year"], f["end_year"]]),
                    f["learning"],
                ],
                layout=w.Layout(width="100%"),
            )
            box.add_class("ck-version-row")
            return box

        self.rows = Rows(fields, layout, self._on_change, add_label="Add a version", min_rows=1, max_rows=12)
        self.skip_job = text_box("e.g. VP Product: my boss's boss's role")
        return [
            self.rows.widget,
            labelled("The skip job", self.skip_job, "Your boss's boss's role: what would it take, and teach?"),
        ]

    def read(self):
        return {"versions": self.rows.read(), "skip_job": self.skip_job.value}

    def fill(self, value):
        self.rows.fill(value.get("versions", []))
        self.skip_job.value = value.get("skip_job", "")

    def feedback(self, answer):
        problems = v.check_roadmap(answer)
        if not problems:
            return "<p class='ck-feedback'>&#10003; A roadmap beyond the next job. Now check it is not just promotions.</p>"
        return bullets(problems, "ck-warning")

    def chart(self, answer):
        return charts.roadmap_timeline(answer) if answer.versions else None

    def chart_basis(self, answer):
        # The timeline draws each version's role, stage, market and years: typing a company name, the
        # learning or the skip job does not redraw it.
        return [(x.role, x.stage, x.market, x.start_year, x.end_year) for x in answer.versions]


class PromotionCheckView(Exercise):
    key = "versioning.promotion_check"
    title = "Career is not promotion"
    depends_on = ("versioning.roadmap",)

    class Model(BaseModel):
        reflection: str = Field("", max_length=v.LONG, title="Your reflection")

    def build(self):
        self.flags = w.HTML(layout=FULL)
        self.reflection = text_area("For each promotion in place: what new learning would make it a real new version?", 4)
        self._show_flags()
        return [self.flags, labelled("Your reflection", self.reflection)]

    def reread(self):
        self._show_flags()

    def _show_flags(self):
        roadmap = _roadmap(self)
        if not roadmap.versions:
            self.flags.value = "<p class='ck-hint'>Fill in your version roadmap first; this check reads it.</p>"
            return
        rows = "".join(
            f"<tr><td>v{f.number}</td><td>{esc(roadmap.versions[f.number - 1].role)}</td>"
            f"<td>{_kind(f)}</td><td>{esc(f.reason)}</td></tr>"
            for f in v.flag_promotions(roadmap)
        )
        self.flags.value = (
            "<table class='ck-table'><tr><th>Version</th><th>Role</th><th>Kind</th><th>Why</th></tr>" + rows + "</table>"
        )

    def read(self):
        return {"reflection": self.reflection.value}

    def feedback(self, answer):
        flags = v.flag_promotions(_roadmap(self))
        in_place = [f"v{f.number}" for f in flags if f.kind == "promotion_in_place"]
        if not flags:
            return ""
        if not in_place:
            return "<p class='ck-feedback'>Every version brings new learning: a career, not just promotions.</p>"
        return (
            f"<p class='ck-feedback'>Promotion in place: {esc(', '.join(in_place))}. "
            "What would turn it into a new version?</p>"
        )

    def fill(self, value):
        self.reflection.value = value.get("reflection", "")


class PortfolioView(Exercise):
    key = "versioning.portfolio"
    title = "Your stage portfolio"
    depends_on = ("versioning.roadmap",)

    class Model(BaseModel):
        gap_to_fill: str = Field("", max_length=v.SHORT, title="The gap to fill")
        plan: str = Field("", max_length=v.LONG, title="How")

    def build(self):
        self.gap = w.Dropdown(layout=FULL)
        self.reread()
        self.plan = text_area("In which version will you fill it, and how?", 2)
        return [
            w.HTML("<p>The grid counts the years your roadmap spends in each company stage and market.</p>"),
            labelled("The gap you most want to fill", self.gap),
            labelled("How", self.plan),
        ]

    def reread(self):
        """The grid and the gaps from the roadmap as saved now; a gap already chosen stays chosen."""
        self._portfolio = v.stage_portfolio(_roadmap(self))
        chosen = self.gap.value or ""
        gaps = list(self._portfolio.gaps)
        if chosen and chosen not in gaps:
            gaps.append(chosen)
        self.gap.options = [("(choose a gap)", ""), *[(g, g) for g in gaps]]
        self.gap.value = chosen

    def read(self):
        return {"gap_to_fill": self.gap.value, "plan": self.plan.value}

    def fill(self, value):
        gap = value.get("gap_to_fill", "")
        if gap and gap not in [o[1] for o in self.gap.options]:
            self.gap.options = [*self.gap.options, (gap, gap)]
        self.gap.value = gap
        self.plan.value = value.get("plan", "")

    def feedback(self, answer):
        gaps = self._portfolio.gaps
        if not gaps:
            return "<p class='ck-feedback'>Your roadmap covers every stage and market: a builder's portfolio [00:12:15].</p>"
        return "<p class='ck-feedback'>Gaps in your roadmap: " + esc("; ".join(gaps)) + ".</p>"

    def chart(self, answer):
        return charts.portfolio_heatmap(self._portfolio)

    def chart_basis(self, answer):
        return self._portfolio.model_dump_json()


class StayOrGoView(Exercise):
    key = "versioning.stay_or_go"
    title = "Grit it out or move on?"
    Model = v.StayOrGo

    def build(self):
        self.learning = w.IntSlider(value=5, min=0, max=10, description="Learning", layout=FULL)
        self.story = w.IntSlider(value=5, min=0, max=10, description="Story", layout=FULL)
        self.cost = w.IntSlider(value=5, min=0, max=10, description="Cost", layout=FULL)
        reasons = [(r.id, f"{r.label} {r.cite}") for r in v.content().short_term_reasons]
        self.reasons = Checklist(reasons, self._on_change)
        self.notes = text_area("Anything else you are weighing?", 2)
        return [
            labelled("How much is still ahead to learn in this role?", self.learning),
            labelled("How much would staying add to your career story?", self.story),
            labelled("What does staying cost you (energy, health, pay, time)?", self.cost),
            labelled("Which of these pull you out?", self.reasons.widget),
            labelled("Notes", self.notes),
        ]

    def read(self):
        return {
            "learning_left": self.learning.value,
            "story_value": self.story.value,
            "cost": self.cost.value,
            "short_term_reasons": self.reasons.read(),
            "notes": self.notes.value,
        }

    def fill(self, value):
        self.learning.value = value.get("learning_left", 5)
        self.story.value = value.get("story_value", 5)
        self.cost.value = value.get("cost", 5)
        self.reasons.fill(value.get("short_term_reasons", []))
        self.notes.value = value.get("notes", "")

    def feedback(self, answer):
        result = v.weigh_stay_or_go(answer)
        return f"<p class='ck-feedback'><b>{esc(result.headline)}</b></p>" + bullets(result.reasons)


class AlternativesView(Exercise):
    key = "versioning.alternatives"
    title = "Three alternative roadmaps"
    Model = v.Alternatives

    def build(self):
        dials = v.content().dials
        hints = ["The one you are living", "If that disappeared tomorrow", "The wild card: money and opinions no object"]
        self.plans = []
        columns = []
        for i in range(3):
            controls = {
                "name": text_box(hints[i]),
                "summary": text_area("In one line", 2),
                **{d.id: w.IntSlider(value=5, min=0, max=10, description=d.label, layout=FULL) for d in dials},
            }
            self.plans.append(controls)
            columns.append(w.VBox([w.HTML(f"<b>Plan {i + 1}</b>"), *controls.values()], layout=w.Layout(width="33%")))
        source = w.HTML(f"<p class='ck-source'>{esc(v.content().dials_source.label)}</p>")
        return [w.HBox(columns, layout=FULL), source]

    def read(self):
        return {"plans": [{name: c.value for name, c in plan.items()} for plan in self.plans]}

    def fill(self, value):
        for controls, saved in zip(self.plans, value.get("plans", []), strict=False):
            for name, control in controls.items():
                if name in saved:
                    control.value = saved[name]

    def feedback(self, answer):
        return bullets(v.compare_alternatives(answer))

    def chart(self, answer):
        return charts.alternatives_bars(answer)


class ExGrowthView(Exercise):
    key = "versioning.ex_growth"
    title = "The ex-growth check"
    Model = v.ExGrowth

    def build(self):
        content = v.content()
        self.company = text_box("The company you are in, or considering")
        self.signals = Checklist(
            [(s.id, f"{s.label} {s.cite} (the kit's weight: {s.weight})") for s in content.ex_growth_signals], self._on_change
        )
        self.stay = Checklist([(r.id, f"{r.label} {r.cite}") for r in content.stay_reasons], self._on_change)
        # number boxes read in the kernel: a negative, huge or mistyped amount gets a sentence, never a silent change
        self.base = number_box(0, "Base salary")
        self.market = number_box(0, "Market total")
        self.equity = number_box(0, "Equity / year")
        return [
            labelled("Company", self.company),
            labelled(
                "Which signs do you see? [00:16:19]-[00:20:58]", self.signals.widget,
                "The source lists two signs [00:18:30] [00:20:58]; the other two come from its description of an "
                "ex-growth company [00:16:19] [00:16:30].",
            ),
            labelled(
                "Which reasons to stay hold for you? [00:21:34]", self.stay.widget,
                "The source's reasons: the biggest role you could get and unique learning, or loyalty to the team.",
            ),
            labelled(
                "Equity calculator: what if the equity becomes worthless, as it may? [00:20:00]",
                w.HBox([self.base, self.market, self.equity]),
                "Yearly amounts in any one currency: your base salary, the total pay the market offers for your role, "
                "and what your equity is worth per year on paper.",
            ),
        ]

    def read(self):
        return {
            "company": self.company.value,
            "signals": self.signals.read(),
            "stay_reasons": self.stay.read(),
            "base_salary": self.base.number,
            "market_total": self.market.number,
            "equity_per_year": self.equity.number,
        }

    def fill(self, value):
        self.company.value = value.get("company", "")
        self.signals.fill(value.get("signals", []))
        self.stay.fill(value.get("stay_reasons", []))
        self.base.value = value.get("base_salary", 0)
        self.market.value = value.get("market_total", 0)
        self.equity.value = value.get("equity_per_year", 0)

    def feedback(self, answer):
        result = v.assess_ex_growth(answer)
        html = f"<p class='ck-feedback'><b>Risk: {result.risk}</b> (the kit's own read)</p>" + bullets(result.reasons)
        if result.pay_cut_percent is not None:
            if result.pay_cut_amount and result.pay_cut_amount > 0:
                html += (
                    f"<p class='ck-feedback'>If the equity becomes worthless you earn {result.pay_cut_amount:,} a year "
                    f"below market: an effective pay cut of <b>{result.pay_cut_percent}%</b>.</p>"
                )
            else:
                html += "<p class='ck-feedback'>Even if the equity becomes worthless, your base is at or above market.</p>"
        return html

    def chart(self, answer):
        if answer.market_total <= 0 and answer.base_salary <= 0:
            return None
        return charts.equity_bars(answer)


EXERCISES = {
    "end_state": EndStateView,
    "roadmap": RoadmapView,
    "promotion_check": PromotionCheckView,
    "portfolio": PortfolioView,
    "stay_or_go": StayOrGoView,
    "alternatives": AlternativesView,
    "ex_growth": ExGrowthView,
}
