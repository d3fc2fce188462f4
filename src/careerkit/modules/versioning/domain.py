"""Module 1, career as a product: pure logic over the participant's end state and roadmap.

No widgets and no I/O beyond loading content: every rule here is unit-tested directly.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from careerkit.content import Cited, ContentFile, Sourced, load_content
from careerkit.content.text import Texts, ref, texts

SHORT = 200
LONG = 2000
YEAR_RANGE = {"ge": 1950, "le": 2100}
PACK = "versioning"  # this module's sentences: modules/versioning/text.toml


def _t() -> Texts:
    """The module's sentences in the learner's language (read when a sentence is made, never at import)."""
    return texts(PACK)


def _title(key: str) -> str:
    """A field's name as a validation message shows it, read when shown."""
    return ref(PACK, key)


def joined(items: list[str], key: str = "join.and") -> str:
    """Names inside a sentence, each pair joined by the pack's words: "'A' and 'B' and 'C'"."""
    t = _t()
    out = items[0] if items else ""
    for item in items[1:]:
        out = t(key, left=out, right=item)
    return out


def quoted(names: list[str]) -> list[str]:
    """Plan names as the learner typed them, marked as names inside a sentence."""
    t = _t()
    return [t("join.quoted", name=name) for name in names]


# content
class Stage(Cited):
    label: str
    hint: str


class Market(Cited):
    label: str


class Signal(Cited):
    label: str
    weight: int = Field(ge=1, le=5)


class Reason(Cited):
    label: str
    note: str = ""  # what the view says about this reason, with its own citations


class StayReason(Cited):
    label: str
    group: str  # the source's conditions: every reason of one group must hold together [00:21:34]


class Scoring(Sourced):
    """The kit's own weights-to-verdict cut-offs for the ex-growth check (an origin, not a timestamp)."""

    high: int = Field(ge=1)
    medium: int = Field(ge=1)
    label: str


class Advice(Sourced):
    label: str


class Dial(Cited):
    label: str
    hint: str


class SourceNote(Sourced):
    label: str


class VersioningContent(ContentFile):
    stages: list[Stage]
    markets: list[Market]
    short_term_reasons: list[Reason]
    ex_growth_signals: list[Signal]
    ex_growth_scoring: Scoring
    ex_growth_advice: Advice
    stay_reasons: list[StayReason]
    dials: list[Dial]
    dials_source: SourceNote


def content() -> VersioningContent:
    """The module's content in the learner's language (``load_content`` caches it per language and override)."""
    return load_content("versioning", VersioningContent)


def stage_ids() -> list[str]:
    return [s.id for s in content().stages]


def market_ids() -> list[str]:
    return [m.id for m in content().markets]


@cache
def _stage_id_set() -> frozenset[str]:
    """Built once: the answer validators check every version against it."""
    return frozenset(stage_ids())


@cache
def _market_id_set() -> frozenset[str]:
    return frozenset(market_ids())


# answers
class EndState(BaseModel):
    """Where the participant wants to be in the long run [00:08:11] (10-20 years is the kit's own suggestion)."""

    role: str = Field("", max_length=SHORT, title=_title("end_state.fields.role"))
    builder: str = Field("", max_length=LONG, title=_title("end_state.fields.builder"))
    horizon_years: int = Field(15, ge=5, le=40, title=_title("end_state.fields.horizon_years"))
    why: str = Field("", max_length=LONG, title=_title("end_state.fields.why"))


class CareerVersion(BaseModel):
    """One version of a career: a role at a company stage, for some years, to learn something."""

    role: str = Field("", max_length=SHORT, title=_title("roadmap.fields.role"))
    company: str = Field("", max_length=SHORT, title=_title("roadmap.fields.company"))
    stage: str = Field("pre_pmf", title=_title("roadmap.fields.stage"))
    market: str = Field("consumer", title=_title("roadmap.fields.market"))
    start_year: int = Field(title=_title("roadmap.fields.start_year"), **YEAR_RANGE)
    end_year: int = Field(title=_title("roadmap.fields.end_year"), **YEAR_RANGE)
    learning: str = Field("", max_length=LONG, title=_title("roadmap.fields.learning"))

    @field_validator("stage")
    @classmethod
    def _stage(cls, value: str) -> str:
        if value not in _stage_id_set():
            raise ValueError(_t()("roadmap.problems.choose_stage"))
        return value

    @field_validator("market")
    @classmethod
    def _market(cls, value: str) -> str:
        if value not in _market_id_set():
            raise ValueError(_t()("roadmap.problems.choose_market"))
        return value

    @model_validator(mode="after")
    def _in_order(self) -> CareerVersion:
        if self.end_year < self.start_year:
            raise ValueError(_t()("roadmap.problems.ends_before_start", end=self.end_year, start=self.start_year))
        return self

    @property
    def years(self) -> int:
        return max(0, self.end_year - self.start_year)


class Roadmap(BaseModel):
    """v1..vN of a career and the skip job [00:08:30]."""

    versions: list[CareerVersion] = Field(default_factory=list, max_length=12, title=_title("roadmap.fields.versions"),
                                          json_schema_extra={"item": _title("roadmap.fields.version")})
    skip_job: str = Field("", max_length=SHORT, title=_title("roadmap.fields.skip_job"))


def check_roadmap(roadmap: Roadmap) -> list[str]:
    """Soft checks on a roadmap: each a sentence the participant can act on (empty list: all good)."""
    t = _t()
    problems: list[str] = []
    versions = roadmap.versions
    if len(versions) < 2:
        problems.append(t("roadmap.problems.two_versions"))
    for number, version in enumerate(versions, start=1):
        if version.end_year < version.start_year:
            problems.append(t("roadmap.problems.version_backwards", number=number, end=version.end_year,
                              start=version.start_year))
    for number, (prev, cur) in enumerate(zip(versions, versions[1:], strict=False), start=2):
        if cur.start_year < prev.start_year:
            problems.append(t("roadmap.problems.out_of_order", number=number, previous=number - 1))
    if len(versions) == 2:
        problems.append(t("roadmap.problems.next_job_only"))
    if versions and not roadmap.skip_job.strip():
        problems.append(t("roadmap.problems.no_skip_job"))
    return problems


class VersionFlag(BaseModel):
    number: int
    kind: Literal["new_learning", "promotion_in_place"]
    reason: str


def _same(a: str, b: str) -> bool:
    """The same name however it is typed: case-folded, so "Straße" is "STRASSE" (lower() keeps them apart)."""
    return a.strip().casefold() == b.strip().casefold() and bool(a.strip())


def flag_promotions(roadmap: Roadmap) -> list[VersionFlag]:
    """Career is not promotion [00:09:18]: which versions are only a step up in place."""
    t = _t()
    flags: list[VersionFlag] = []
    seen_learning: set[str] = set()
    for number, version in enumerate(roadmap.versions, start=1):
        learning = version.learning.strip().casefold()  # named learning compared as _same compares companies
        prev = roadmap.versions[number - 2] if number > 1 else None
        in_place = (
            prev is not None
            and _same(prev.company, version.company)
            and prev.stage == version.stage
            and prev.market == version.market
        )
        if in_place and (not learning or learning in seen_learning):
            flags.append(
                VersionFlag(
                    number=number,
                    kind="promotion_in_place",
                    reason=t("promotion_check.flags.promotion"),
                )
            )
        elif in_place:
            flags.append(
                VersionFlag(
                    number=number,
                    kind="new_learning",
                    reason=t("promotion_check.flags.renamed_learning"),
                )
            )
        elif prev is None:
            flags.append(VersionFlag(number=number, kind="new_learning", reason=t("promotion_check.flags.start")))
        else:
            what = "new_company" if not _same(prev.company, version.company) else "new_stage_or_market"
            flags.append(VersionFlag(number=number, kind="new_learning", reason=t(f"promotion_check.flags.{what}")))
        if learning:
            seen_learning.add(learning)
    return flags


class Portfolio(BaseModel):
    """Years spent in each company stage x market cell [00:12:02]-[00:12:15]; the empty cells are the gaps, each by
    id (``"smoke_to_fire:consumer"``, what an answer saves) and as the learner reads it, in ``gap_labels``."""

    years: dict[str, dict[str, int]]
    gaps: list[str]  # shown: "Smoke to fire x Consumer"
    gap_ids: list[str] = []  # saved: "smoke_to_fire:consumer", the same whatever the language

    @property
    def gap_labels(self) -> dict[str, str]:
        return dict(zip(self.gap_ids, self.gaps, strict=True))


def stage_portfolio(roadmap: Roadmap) -> Portfolio:
    grid = {s: {m: 0 for m in market_ids()} for s in stage_ids()}
    for version in roadmap.versions:
        grid[version.stage][version.market] += max(version.years, 1)
    labels_s = {s.id: s.label for s in content().stages}
    labels_m = {m.id: m.label for m in content().markets}
    t = _t()
    empty = [(s, m) for s in grid for m in grid[s] if grid[s][m] == 0]
    gaps = [t("portfolio.gap_name", stage=labels_s[s], market=labels_m[m]) for s, m in empty]
    return Portfolio(years=grid, gaps=gaps, gap_ids=[gap_id(s, m) for s, m in empty])


def gap_id(stage: str, market: str) -> str:
    """A gap of the portfolio as an answer saves it: its stage and market ids."""
    return f"{stage}:{market}"


def gap_label(gap: str) -> str:
    """A saved gap as the learner reads it, in their language ("Smoke to fire x Consumer"); a gap saved by an older
    kit as its shown text is shown as it was saved."""
    stage, _, market = gap.partition(":")
    labels_s = {s.id: s.label for s in content().stages}
    labels_m = {m.id: m.label for m in content().markets}
    if stage in labels_s and market in labels_m:
        return _t()("portfolio.gap_name", stage=labels_s[stage], market=labels_m[market])
    return gap


# grit it out or move on [00:08:56]
class StayOrGo(BaseModel):
    learning_left: int = Field(5, ge=0, le=10, title=_title("stay_or_go.fields.learning_left"))
    story_value: int = Field(5, ge=0, le=10, title=_title("stay_or_go.fields.story_value"))
    cost: int = Field(5, ge=0, le=10, title=_title("stay_or_go.fields.cost"))
    short_term_reasons: list[str] = Field(default_factory=list, title=_title("stay_or_go.fields.short_term_reasons"))
    notes: str = Field("", max_length=LONG, title=_title("stay_or_go.fields.notes"))


class StayOrGoResult(BaseModel):
    verdict: Literal["grit_it_out", "move_on", "close_call"]
    headline: str
    reasons: list[str]


def weigh_stay_or_go(answer: StayOrGo) -> StayOrGoResult:
    """Weigh the learning and story value of staying against its cost, with the reasons."""
    t = _t()
    benefit = answer.learning_left + answer.story_value
    margin = benefit - 2 * answer.cost
    reasons = [t("stay_or_go.weighing", learning=answer.learning_left, story=answer.story_value, cost=answer.cost)]
    by_id = {r.id: r for r in content().short_term_reasons}
    pulls = [by_id[r] for r in answer.short_term_reasons if r in by_id]
    notes: dict[str, list[str]] = {}
    for reason in pulls:
        notes.setdefault(reason.note, []).append(reason.label)
    for note, labels in notes.items():
        listed = joined(labels, "join.list")
        reasons.append(t("stay_or_go.pulls", labels=listed, note=note) if note
                       else t("stay_or_go.pulls_without_note", labels=listed))
    if margin >= 3:
        return StayOrGoResult(verdict="grit_it_out", headline=t("stay_or_go.grit_it_out"), reasons=reasons)
    if margin <= -3:
        reasons.append(t("stay_or_go.move_on_reason"))
        return StayOrGoResult(verdict="move_on", headline=t("stay_or_go.move_on"), reasons=reasons)
    reasons.append(t("stay_or_go.close_call_reason"))
    return StayOrGoResult(verdict="close_call", headline=t("stay_or_go.close_call"), reasons=reasons)


# three alternative roadmaps (Odyssey plans)
class AltPlan(BaseModel):
    name: str = Field("", max_length=80, title=_title("alternatives.fields.name"))
    summary: str = Field("", max_length=LONG, title=_title("alternatives.fields.summary"))
    resources: int = Field(5, ge=0, le=10, title=_title("alternatives.fields.resources"))
    likability: int = Field(5, ge=0, le=10, title=_title("alternatives.fields.likability"))
    confidence: int = Field(5, ge=0, le=10, title=_title("alternatives.fields.confidence"))
    coherence: int = Field(5, ge=0, le=10, title=_title("alternatives.fields.coherence"))

    def dial(self, dial_id: str) -> int:
        return int(getattr(self, dial_id))


class Alternatives(BaseModel):
    plans: list[AltPlan] = Field(default_factory=lambda: [AltPlan(), AltPlan(), AltPlan()], min_length=3, max_length=3,
                                 title=_title("alternatives.fields.plans"),
                                 json_schema_extra={"item": _title("alternatives.fields.plan")})


def compare_alternatives(answer: Alternatives) -> list[str]:
    """One sentence per dial naming which plan leads, and which plan has the most total energy."""
    t = _t()
    named = [p for p in answer.plans if p.name.strip()]
    if len(named) < 3:
        return [t("alternatives.name_all_three")]
    lines = []
    for dial in content().dials:
        top = max(p.dial(dial.id) for p in answer.plans)
        leaders = quoted([p.name for p in answer.plans if p.dial(dial.id) == top])
        if len(leaders) == 1:
            lines.append(t("alternatives.leads", dial=dial.label, plan=leaders[0], score=top))
        else:
            lines.append(t("alternatives.tie", dial=dial.label, score=top, plans=joined(leaders)))
    totals = {p.name: sum(p.dial(d.id) for d in content().dials) for p in answer.plans}
    best = max(totals.values())
    highest = quoted([name for name, total in totals.items() if total == best])
    if len(highest) == 1:
        lines.append(t("alternatives.highest", plan=highest[0]))
    else:
        lines.append(t("alternatives.overall_tie", plans=joined(highest)))
    return lines


# the ex-growth trap [00:16:19]-[00:21:34]
class ExGrowth(BaseModel):
    company: str = Field("", max_length=SHORT, title=_title("ex_growth.fields.company"))
    signals: list[str] = Field(default_factory=list, title=_title("ex_growth.fields.signals"))
    stay_reasons: list[str] = Field(default_factory=list, title=_title("ex_growth.fields.stay_reasons"))
    base_salary: int = Field(0, ge=0, le=10_000_000, title=_title("ex_growth.fields.base_salary"))
    market_total: int = Field(0, ge=0, le=10_000_000, title=_title("ex_growth.fields.market_total"))
    equity_per_year: int = Field(0, ge=0, le=100_000_000, title=_title("ex_growth.fields.equity_per_year"))


class ExGrowthResult(BaseModel):
    risk: Literal["low", "medium", "high"]
    reasons: list[str]
    pay_cut_percent: float | None = None
    pay_cut_amount: int | None = None


def signal_label(signal: Signal) -> str:
    """A warning sign as the check lists it: its label, its timestamp and the kit's weight for it."""
    return _t()("ex_growth.signal", label=signal.label, cite=signal.cite, weight=signal.weight)


def _lower_first(label: str) -> str:
    """A label inside a sentence: "It is the biggest role I could get" -> "it is the biggest role I could get"."""
    return label[:1].lower() + label[1:]


def stay_case(answer: ExGrowth) -> list[list[StayReason]]:
    """The source's reasons to stay that hold, as whole conditions [00:21:34].

    The biggest role you could get *and* unique learning count together; loyalty to the team counts alone.
    """
    held = set(answer.stay_reasons)
    groups: dict[str, list[StayReason]] = {}
    for reason in content().stay_reasons:
        groups.setdefault(reason.group, []).append(reason)
    return [members for members in groups.values() if all(r.id in held for r in members)]


def assess_ex_growth(answer: ExGrowth) -> ExGrowthResult:
    """The kit's risk read, the source's default advice, and the reasons to stay weighed beside it.

    A ticked reason to stay never hides the warning: both are shown, and the participant weighs them.
    """
    t = _t()
    c = content()
    signals = {s.id: s for s in c.ex_growth_signals}
    seen = [signals[s] for s in answer.signals if s in signals]
    score = sum(s.weight for s in seen)
    reasons = [signal_label(s) for s in seen]
    scoring = c.ex_growth_scoring
    risk: Literal["low", "medium", "high"] = (
        "high" if score >= scoring.high else "medium" if score >= scoring.medium else "low"
    )
    if not seen:
        reasons.append(t("ex_growth.no_signs"))
    else:
        reasons.append(f"{scoring.label} {scoring.cite}")
        reasons.append(f"{c.ex_growth_advice.label} {c.ex_growth_advice.cite}")
    holding = stay_case(answer)
    if holding:
        cases = joined([joined([_lower_first(r.label) for r in group]) for group in holding], "join.or")
        key = "ex_growth.stay_holds_beside_default" if seen else "ex_growth.stay_holds"
        reasons.append(t(key, reasons=cases))
    held_groups = {group[0].group for group in holding}
    ticked = set(answer.stay_reasons)
    for group_id in dict.fromkeys(r.group for r in c.stay_reasons if r.id in ticked):
        if group_id in held_groups:
            continue
        members = [r for r in c.stay_reasons if r.group == group_id]
        reasons.append(t("ex_growth.paired", reasons=joined([_lower_first(r.label) for r in members])))
    result = ExGrowthResult(risk=risk, reasons=reasons)
    if answer.market_total > 0 and answer.base_salary > 0:
        cut = answer.market_total - answer.base_salary
        result.pay_cut_amount = cut
        result.pay_cut_percent = round(100 * cut / answer.market_total, 1)
    return result
