"""Module 1, career as a product: pure logic over the participant's end state and roadmap.

No widgets and no I/O beyond loading content: every rule here is unit-tested directly.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from careerkit.content import Cited, ContentFile, Sourced, load_content, one_of

SHORT = 200
LONG = 2000
YEAR_RANGE = {"ge": 1950, "le": 2100}


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


@cache
def content() -> VersioningContent:
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

    role: str = Field("", max_length=SHORT, title="The role")
    builder: str = Field("", max_length=LONG, title="The kind of builder")
    horizon_years: int = Field(15, ge=5, le=40, title="Years from now")
    why: str = Field("", max_length=LONG, title="Why it matters")


class CareerVersion(BaseModel):
    """One version of a career: a role at a company stage, for some years, to learn something."""

    role: str = Field("", max_length=SHORT, title="Role")
    company: str = Field("", max_length=SHORT, title="Company")
    stage: str = Field("pre_pmf", title="Company stage")
    market: str = Field("consumer", title="Market")
    start_year: int = Field(title="Year in From", **YEAR_RANGE)
    end_year: int = Field(title="Year in To", **YEAR_RANGE)
    learning: str = Field("", max_length=LONG, title="What you will learn")

    @field_validator("stage")
    @classmethod
    def _stage(cls, value: str) -> str:
        return one_of(value, _stage_id_set(), "company stage")

    @field_validator("market")
    @classmethod
    def _market(cls, value: str) -> str:
        return one_of(value, _market_id_set(), "market")

    @model_validator(mode="after")
    def _in_order(self) -> CareerVersion:
        if self.end_year < self.start_year:
            raise ValueError(f"it ends ({self.end_year}) before it starts ({self.start_year}); change one of the two years")
        return self

    @property
    def years(self) -> int:
        return max(0, self.end_year - self.start_year)


class Roadmap(BaseModel):
    """v1..vN of a career and the skip job [00:08:30]."""

    versions: list[CareerVersion] = Field(default_factory=list, max_length=12, title="Versions",
                                          json_schema_extra={"item": "Version"})
    skip_job: str = Field("", max_length=SHORT, title="The skip job")


def check_roadmap(roadmap: Roadmap) -> list[str]:
    """Soft checks on a roadmap: each a sentence the participant can act on (empty list: all good)."""
    problems: list[str] = []
    versions = roadmap.versions
    if len(versions) < 2:
        problems.append("Add at least two versions: where you are now and where you go next [00:08:11].")
    for number, version in enumerate(versions, start=1):
        if version.end_year < version.start_year:
            problems.append(f"v{number} ends ({version.end_year}) before it starts ({version.start_year}).")
    for number, (prev, cur) in enumerate(zip(versions, versions[1:], strict=False), start=2):
        if cur.start_year < prev.start_year:
            problems.append(f"v{number} starts before v{number - 1}: put the versions in the order you will live them.")
    if len(versions) == 2:
        problems.append(
            "Your horizon stops at the next job. Add the version after it: think of the job after next [00:08:30]."
        )
    if versions and not roadmap.skip_job.strip():
        problems.append("Name the skip job: your boss's boss's role, and what it would teach you [00:08:30].")
    return problems


class VersionFlag(BaseModel):
    number: int
    kind: Literal["new_learning", "promotion_in_place"]
    reason: str


def _same(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower() and bool(a.strip())


def flag_promotions(roadmap: Roadmap) -> list[VersionFlag]:
    """Career is not promotion [00:09:18]: which versions are only a step up in place."""
    flags: list[VersionFlag] = []
    seen_learning: set[str] = set()
    for number, version in enumerate(roadmap.versions, start=1):
        learning = version.learning.strip().lower()
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
                    reason="Same company, stage and market, and no new learning named: a promotion, not a new version.",
                )
            )
        elif in_place:
            flags.append(
                VersionFlag(
                    number=number,
                    kind="new_learning",
                    reason="Same company, stage and market, but you name new learning: make sure the role really changes.",
                )
            )
        elif prev is None:
            flags.append(VersionFlag(number=number, kind="new_learning", reason="Where you are now: the start of the roadmap."))
        else:
            what = "a new company" if not _same(prev.company, version.company) else "a new stage or market"
            flags.append(VersionFlag(number=number, kind="new_learning", reason=f"New learning: {what}."))
        if learning:
            seen_learning.add(learning)
    return flags


class Portfolio(BaseModel):
    """Years spent in each company stage x market cell [00:12:02]-[00:12:15]."""

    years: dict[str, dict[str, int]]
    gaps: list[str]


def stage_portfolio(roadmap: Roadmap) -> Portfolio:
    grid = {s: {m: 0 for m in market_ids()} for s in stage_ids()}
    for version in roadmap.versions:
        grid[version.stage][version.market] += max(version.years, 1)
    labels_s = {s.id: s.label for s in content().stages}
    labels_m = {m.id: m.label for m in content().markets}
    gaps = [f"{labels_s[s]} x {labels_m[m]}" for s in grid for m in grid[s] if grid[s][m] == 0]
    return Portfolio(years=grid, gaps=gaps)


# grit it out or move on [00:08:56]
class StayOrGo(BaseModel):
    learning_left: int = Field(5, ge=0, le=10, title="Learning still ahead in this role")
    story_value: int = Field(5, ge=0, le=10, title="What staying adds to your story")
    cost: int = Field(5, ge=0, le=10, title="What staying costs you")
    short_term_reasons: list[str] = Field(default_factory=list, title="Reasons pulling you out")
    notes: str = Field("", max_length=LONG, title="Notes")


class StayOrGoResult(BaseModel):
    verdict: Literal["grit_it_out", "move_on", "close_call"]
    headline: str
    reasons: list[str]


def weigh_stay_or_go(answer: StayOrGo) -> StayOrGoResult:
    """Weigh the learning and story value of staying against its cost, with the reasons."""
    benefit = answer.learning_left + answer.story_value
    margin = benefit - 2 * answer.cost
    reasons = [
        f"Learning ahead {answer.learning_left}/10 and story value {answer.story_value}/10 "
        f"against a cost of {answer.cost}/10 (counted twice: it is paid every day). The weighing is the kit's own.",
    ]
    by_id = {r.id: r for r in content().short_term_reasons}
    pulls = [by_id[r] for r in answer.short_term_reasons if r in by_id]
    notes: dict[str, list[str]] = {}
    for reason in pulls:
        notes.setdefault(reason.note, []).append(reason.label)
    for note, labels in notes.items():
        reasons.append("What pulls you out: " + "; ".join(labels) + (f". {note}" if note else "."))
    if margin >= 3:
        return StayOrGoResult(
            verdict="grit_it_out",
            headline="Grit it out: this version still has value for your long-term roadmap [00:08:56].",
            reasons=reasons,
        )
    if margin <= -3:
        reasons.append("The cost outweighs what is left to learn: plan the next version deliberately, not as an escape.")
        return StayOrGoResult(verdict="move_on", headline="Move on, towards your next version.", reasons=reasons)
    reasons.append("Neither side is clearly ahead: test it against your end state and skip job before deciding.")
    return StayOrGoResult(verdict="close_call", headline="A close call.", reasons=reasons)


# three alternative roadmaps (Odyssey plans)
class AltPlan(BaseModel):
    name: str = Field("", max_length=80, title="Plan name")
    summary: str = Field("", max_length=LONG, title="In one line")
    resources: int = Field(5, ge=0, le=10, title="Resources")
    likability: int = Field(5, ge=0, le=10, title="Likability")
    confidence: int = Field(5, ge=0, le=10, title="Confidence")
    coherence: int = Field(5, ge=0, le=10, title="Coherence")

    def dial(self, dial_id: str) -> int:
        return int(getattr(self, dial_id))


class Alternatives(BaseModel):
    plans: list[AltPlan] = Field(default_factory=lambda: [AltPlan(), AltPlan(), AltPlan()], min_length=3, max_length=3,
                                 title="Plans", json_schema_extra={"item": "Plan"})


def compare_alternatives(answer: Alternatives) -> list[str]:
    """One sentence per dial naming which plan leads, and which plan has the most total energy."""
    named = [p for p in answer.plans if p.name.strip()]
    if len(named) < 3:
        return ["Name all three plans to compare them: the one you are living, the one if that disappeared, the wild one."]
    lines = []
    for dial in content().dials:
        top = max(p.dial(dial.id) for p in answer.plans)
        leaders = [p.name for p in answer.plans if p.dial(dial.id) == top]
        if len(leaders) == 1:
            lines.append(f"{dial.label}: '{leaders[0]}' leads ({top}/10).")
        else:
            lines.append(f"{dial.label}: a tie at {top}/10 between " + " and ".join(f"'{n}'" for n in leaders) + ".")
    totals = {p.name: sum(p.dial(d.id) for d in content().dials) for p in answer.plans}
    best = max(totals.values())
    highest = [name for name, total in totals.items() if total == best]
    if len(highest) == 1:
        lines.append(f"Highest overall: '{highest[0]}'. Is it the one you are living now?")
    else:
        lines.append("Overall, " + " and ".join(f"'{n}'" for n in highest) + " tie: which dial would you trade for another?")
    return lines


# the ex-growth trap [00:16:19]-[00:21:34]
class ExGrowth(BaseModel):
    company: str = Field("", max_length=SHORT, title="Company")
    signals: list[str] = Field(default_factory=list, title="Signals")
    stay_reasons: list[str] = Field(default_factory=list, title="Reasons to stay")
    base_salary: int = Field(0, ge=0, le=10_000_000, title="Your base salary")
    market_total: int = Field(0, ge=0, le=10_000_000, title="Market total pay for your role")
    equity_per_year: int = Field(0, ge=0, le=100_000_000, title="Paper value of your equity per year")


class ExGrowthResult(BaseModel):
    risk: Literal["low", "medium", "high"]
    reasons: list[str]
    pay_cut_percent: float | None = None
    pay_cut_amount: int | None = None


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
    c = content()
    signals = {s.id: s for s in c.ex_growth_signals}
    seen = [signals[s] for s in answer.signals if s in signals]
    score = sum(s.weight for s in seen)
    reasons = [f"{s.label} {s.cite} (the kit's weight: {s.weight})" for s in seen]
    scoring = c.ex_growth_scoring
    risk: Literal["low", "medium", "high"] = (
        "high" if score >= scoring.high else "medium" if score >= scoring.medium else "low"
    )
    if not seen:
        reasons.append("None of the warning signs ticked.")
    else:
        reasons.append(f"{scoring.label} {scoring.cite}")
        reasons.append(f"{c.ex_growth_advice.label} {c.ex_growth_advice.cite}")
    holding = stay_case(answer)
    if holding:
        cases = [" and ".join(_lower_first(r.label) for r in group) for group in holding]
        weigh = " Weigh them beside that default: they do not cancel it." if seen else ""
        reasons.append(
            "The source's reasons to consider staying hold for you: " + "; or ".join(cases) + f" [00:21:34].{weigh}"
        )
    held_groups = {group[0].group for group in holding}
    ticked = set(answer.stay_reasons)
    for group_id in dict.fromkeys(r.group for r in c.stay_reasons if r.id in ticked):
        if group_id in held_groups:
            continue
        members = [r for r in c.stay_reasons if r.group == group_id]
        reasons.append(
            "The source pairs these reasons: " + " and ".join(_lower_first(r.label) for r in members)
            + " [00:21:34]. One without the other is not one of its reasons to stay."
        )
    result = ExGrowthResult(risk=risk, reasons=reasons)
    if answer.market_total > 0 and answer.base_salary > 0:
        cut = answer.market_total - answer.base_salary
        result.pay_cut_amount = cut
        result.pay_cut_percent = round(100 * cut / answer.market_total, 1)
    return result
