"""Module 1 exercise views: career as a product. One class per exercise, registered in EXERCISES."""

from __future__ import annotations

import ipywidgets as w
from pydantic import BaseModel, Field

from careerkit.content.text import Texts, ref, texts
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


def _t() -> Texts:
    """Module 1's sentences in the learner's language, read as a view is built or its feedback is shown."""
    return texts(v.PACK)


def _p(css: str, key: str, /, **values) -> str:
    """One of the module's sentences as an HTML paragraph of class ``css``, its values escaped."""
    return f"<p class='{css}'>{_t().html(key, **values)}</p>"


def _roadmap(exercise: Exercise) -> v.Roadmap:
    saved = exercise.workbook.get("versioning.roadmap")
    try:
        return v.Roadmap.model_validate(saved or {})
    except ValueError:
        return v.Roadmap()


def _kind(flag: v.VersionFlag) -> str:
    if flag.kind == "promotion_in_place":
        return _t()("promotion_check.promotion_in_place")
    return _t()("promotion_check.now" if flag.number == 1 else "promotion_check.new_learning")


class EndStateView(Exercise):
    key = "versioning.end_state"
    Model = v.EndState

    def build(self):
        t = _t()
        self.role = text_box(t("end_state.role_placeholder"))
        self.builder = text_area(t("end_state.builder_placeholder"))
        self.horizon = w.IntSlider(value=15, min=5, max=40, description=t("end_state.horizon_slider"), layout=FULL)
        self.why = text_area(t("end_state.why_placeholder"))
        return [
            labelled(t("end_state.role"), self.role),
            labelled(t("end_state.builder"), self.builder),
            labelled(t("end_state.horizon"), self.horizon, t("end_state.horizon_hint")),
            labelled(t("end_state.why"), self.why),
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
            return _p("ck-hint", "end_state.start_with_role")
        html = _p("ck-feedback", "end_state.in_years", years=answer.horizon_years, role=answer.role)
        if not 10 <= answer.horizon_years <= 20:
            html += _p("ck-hint", "end_state.horizon_outside", years=answer.horizon_years)
        return html


class RoadmapView(Exercise):
    key = "versioning.roadmap"
    Model = v.Roadmap

    def build(self):
        t = _t()
        content = v.content()
        stages = [(s.label, s.id) for s in content.stages]
        markets = [(m.label, m.id) for m in content.markets]

        def fields():
            return {
                "role": text_box(t("roadmap.role")),
                "company": text_box(t("roadmap.company")),
                "stage": w.Dropdown(options=stages, value=stages[0][1], description=t("roadmap.stage")),
                "market": w.Dropdown(options=markets, value=markets[0][1], description=t("roadmap.market")),
                "start_year": number_box(2026, t("roadmap.from")),  # read in the kernel: anything not a year gets a sentence
                "end_year": number_box(2028, t("roadmap.to")),
                "learning": text_box(t("roadmap.learning")),
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
                    w.HBox([w.HTML(f"<b>{t.html('roadmap.version_tag', number=number)}</b>", layout=w.Layout(width="32px")), f["role"], f["company"]]),
                    w.HBox([f["stage"], f["market"], f["start_year"], f["end_year"]]),
                    f["learning"],
                ],
                layout=w.Layout(width="100%"),
            )
            box.add_class("ck-version-row")
            return box

        self.rows = Rows(fields, layout, self._on_change, add_label=t("roadmap.add_version"), min_rows=1, max_rows=12)
        self.skip_job = text_box(t("roadmap.skip_job_placeholder"))
        return [
            self.rows.widget,
            labelled(t("roadmap.skip_job"), self.skip_job, t("roadmap.skip_job_hint")),
        ]

    def read(self):
        return {"versions": self.rows.read(), "skip_job": self.skip_job.value}

    def fill(self, value):
        self.rows.fill(value.get("versions", []))
        self.skip_job.value = value.get("skip_job", "")

    def feedback(self, answer):
        problems = v.check_roadmap(answer)
        if not problems:
            return _p("ck-feedback", "roadmap.beyond_next_job")
        return bullets(problems, "ck-warning")

    def chart(self, answer):
        return charts.roadmap_timeline(answer) if answer.versions else None

    def chart_basis(self, answer):
        # The timeline draws each version's role, stage, market and years: typing a company name, the
        # learning or the skip job does not redraw it.
        return [(x.role, x.stage, x.market, x.start_year, x.end_year) for x in answer.versions]


class PromotionCheckView(Exercise):
    key = "versioning.promotion_check"
    depends_on = ("versioning.roadmap",)

    class Model(BaseModel):
        reflection: str = Field("", max_length=v.LONG, title=ref(v.PACK, "promotion_check.fields.reflection"))

    def build(self):
        t = _t()
        self.flags = w.HTML(layout=FULL)
        self.reflection = text_area(t("promotion_check.reflection_placeholder"), 4)
        self._show_flags()
        return [self.flags, labelled(t("promotion_check.reflection"), self.reflection)]

    def reread(self):
        self._show_flags()

    def _show_flags(self):
        t = _t()
        roadmap = _roadmap(self)
        if not roadmap.versions:
            self.flags.value = _p("ck-hint", "promotion_check.roadmap_first")
            return
        rows = "".join(
            f"<tr><td>{esc(t('roadmap.version_tag', number=f.number))}</td><td>{esc(roadmap.versions[f.number - 1].role)}</td>"
            f"<td>{esc(_kind(f))}</td><td>{esc(f.reason)}</td></tr>"
            for f in v.flag_promotions(roadmap)
        )
        head = "".join(f"<th>{esc(t(f'promotion_check.{column}'))}</th>" for column in ("version", "role", "kind", "why"))
        self.flags.value = f"<table class='ck-table'><tr>{head}</tr>{rows}</table>"

    def read(self):
        return {"reflection": self.reflection.value}

    def feedback(self, answer):
        t = _t()
        flags = v.flag_promotions(_roadmap(self))
        in_place = [t("roadmap.version_tag", number=f.number) for f in flags if f.kind == "promotion_in_place"]
        if not flags:
            return ""
        if not in_place:
            return _p("ck-feedback", "promotion_check.all_new")
        return _p("ck-feedback", "promotion_check.in_place", versions=v.joined(in_place, "join.comma"))

    def fill(self, value):
        self.reflection.value = value.get("reflection", "")


class PortfolioView(Exercise):
    key = "versioning.portfolio"
    depends_on = ("versioning.roadmap",)

    class Model(BaseModel):
        gap_to_fill: str = Field("", max_length=v.SHORT, title=ref(v.PACK, "portfolio.fields.gap_to_fill"))
        plan: str = Field("", max_length=v.LONG, title=ref(v.PACK, "portfolio.fields.plan"))

    def build(self):
        t = _t()
        self.gap = w.Dropdown(layout=FULL)
        self.reread()
        self.plan = text_area(t("portfolio.how_placeholder"), 2)
        return [
            w.HTML(f"<p>{t.html('portfolio.intro')}</p>"),
            labelled(t("portfolio.gap"), self.gap),
            labelled(t("portfolio.how"), self.plan),
        ]

    def reread(self):
        """The grid and the gaps from the roadmap as saved now; a gap already chosen stays chosen. A gap is saved by
        its ids and shown by its labels, so it reads right in any language."""
        self._portfolio = v.stage_portfolio(_roadmap(self))
        chosen = self.gap.value or ""
        gaps = self._portfolio.gap_labels
        if chosen and chosen not in gaps:
            gaps[chosen] = v.gap_label(chosen)
        self.gap.options = [(_t()("portfolio.choose_gap"), ""), *[(label, gap) for gap, label in gaps.items()]]
        self.gap.value = chosen

    def read(self):
        return {"gap_to_fill": self.gap.value, "plan": self.plan.value}

    def fill(self, value):
        gap = value.get("gap_to_fill", "")
        by_label = {label: gap for gap, label in self._portfolio.gap_labels.items()}
        gap = by_label.get(gap, gap)  # saved by an older kit as its shown text
        if gap and gap not in [o[1] for o in self.gap.options]:
            self.gap.options = [*self.gap.options, (v.gap_label(gap), gap)]
        self.gap.value = gap
        self.plan.value = value.get("plan", "")

    def feedback(self, answer):
        gaps = self._portfolio.gaps
        if not gaps:
            return _p("ck-feedback", "portfolio.no_gaps")
        return _p("ck-feedback", "portfolio.gaps", gaps=v.joined(gaps, "join.list"))

    def chart(self, answer):
        return charts.portfolio_heatmap(self._portfolio)

    def chart_basis(self, answer):
        return self._portfolio.model_dump_json()


class StayOrGoView(Exercise):
    key = "versioning.stay_or_go"
    Model = v.StayOrGo

    def build(self):
        t = _t()
        self.learning = w.IntSlider(value=5, min=0, max=10, description=t("stay_or_go.learning_slider"), layout=FULL)
        self.story = w.IntSlider(value=5, min=0, max=10, description=t("stay_or_go.story_slider"), layout=FULL)
        self.cost = w.IntSlider(value=5, min=0, max=10, description=t("stay_or_go.cost_slider"), layout=FULL)
        reasons = [(r.id, f"{r.label} {r.cite}") for r in v.content().short_term_reasons]
        self.reasons = Checklist(reasons, self._on_change)
        self.notes = text_area(t("stay_or_go.notes_placeholder"), 2)
        return [
            labelled(t("stay_or_go.learning"), self.learning),
            labelled(t("stay_or_go.story"), self.story),
            labelled(t("stay_or_go.cost"), self.cost),
            labelled(t("stay_or_go.reasons"), self.reasons.widget),
            labelled(t("stay_or_go.notes"), self.notes),
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
    Model = v.Alternatives

    def build(self):
        t = _t()
        dials = v.content().dials
        hints = t.items("alternatives.plan_placeholders")
        self.plans = []
        columns = []
        for i in range(3):
            controls = {
                "name": text_box(hints[i] if i < len(hints) else ""),
                "summary": text_area(t("alternatives.summary_placeholder"), 2),
                **{d.id: w.IntSlider(value=5, min=0, max=10, description=d.label, layout=FULL) for d in dials},
            }
            self.plans.append(controls)
            columns.append(w.VBox([w.HTML(f"<b>{t.html('alternatives.plan', number=i + 1)}</b>"), *controls.values()], layout=w.Layout(width="33%")))
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
    Model = v.ExGrowth

    def build(self):
        t = _t()
        content = v.content()
        self.company = text_box(t("ex_growth.company_placeholder"))
        self.signals = Checklist([(s.id, v.signal_label(s)) for s in content.ex_growth_signals], self._on_change)
        self.stay = Checklist([(r.id, f"{r.label} {r.cite}") for r in content.stay_reasons], self._on_change)
        # number boxes read in the kernel: a negative, huge or mistyped amount gets a sentence, never a silent change
        self.base = number_box(0, t("ex_growth.base"))
        self.market = number_box(0, t("ex_growth.market"))
        self.equity = number_box(0, t("ex_growth.equity"))
        return [
            labelled(t("ex_growth.company"), self.company),
            labelled(t("ex_growth.signals"), self.signals.widget, t("ex_growth.signals_hint")),
            labelled(t("ex_growth.stay"), self.stay.widget, t("ex_growth.stay_hint")),
            labelled(t("ex_growth.calculator"), w.HBox([self.base, self.market, self.equity]),
                     t("ex_growth.calculator_hint")),
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
        t = _t()
        result = v.assess_ex_growth(answer)
        risk = t(f"ex_growth.risk_levels.{result.risk}")
        html = _p("ck-feedback", "ex_growth.risk", risk=risk) + bullets(result.reasons)
        if result.pay_cut_percent is not None:
            if result.pay_cut_amount and result.pay_cut_amount > 0:
                html += _p("ck-feedback", "ex_growth.pay_cut", amount=f"{result.pay_cut_amount:,}",
                           percent=f"{result.pay_cut_percent}%")
            else:
                html += _p("ck-feedback", "ex_growth.no_pay_cut")
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
