"""Module 4, Act 3: the content, the rabbit trap, two arcs, a second North Star, community.

The whole career on one line, the exercise that reads module 1's answers, is in ``careerkit.modules.act3.whole_career``.

Pure logic over the participant's answers (no widgets, no I/O beyond loading content). Soft problems
come back as sentences that cite the source; hard limits live in the answer models.
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import cache
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from careerkit.content import Cited, ContentFile, Sourced, load_content
from careerkit.content.text import ref, texts
from careerkit.modules.lanes.story import split_sentences

SHORT = 200
LONG = 2000
Rating = Annotated[int, Field(ge=0, le=10)]
Frequency = Annotated[int, Field(ge=0, le=3)]


# content
class CareerSpan(Sourced):
    min_years: int
    max_years: int
    label: str


class Act(Cited):
    label: str
    name: str
    hint: str


class Labelled(Cited):
    label: str


class Sign(Cited):
    label: str
    question: str


class FrequencyLevel(Sourced):
    value: int = Field(ge=0, le=3)
    label: str


class Readout(Cited):
    headline: str
    text: str


class Arc(Cited):
    label: str
    hint: str
    forms: list[Labelled]


class Gain(Cited):
    label: str
    hint: str


class NorthStarRules(Sourced):
    catchable: list[str]


class SourceNote(Sourced):
    label: str


class Act3Content(ContentFile):
    career_span: CareerSpan
    acts: list[Act] = Field(min_length=3, max_length=3)
    acts_source: SourceNote
    rabbit_stages: list[Labelled]
    rabbit_signs: list[Sign]
    frequencies: list[FrequencyLevel]
    readouts: list[Readout]
    arcs: list[Arc] = Field(min_length=2)
    gains: list[Gain]
    north_star: NorthStarRules
    community_kinds: list[Labelled]
    community_gets: list[Labelled]
    community_tips: list[Labelled]

    @model_validator(mode="after")
    def _readouts_complete(self) -> Act3Content:
        missing = {"steady", "notice", "attend"} - {r.id for r in self.readouts}
        if missing:
            problem = "readouts need the ids steady, notice and attend; missing: "  # not-learner-text: for the coach editing act3.toml
            raise ValueError(problem + ", ".join(sorted(missing)))
        return self


def content() -> Act3Content:
    """The module's content in the learner's language (``load_content`` caches it per language)."""
    return load_content("act3", Act3Content)


def _ids(items) -> list[str]:
    return [item.id for item in items]


@cache
def _known(section: str) -> frozenset[str]:
    """The ids of one content list (``"gains"``...), built once: validators run for every answer."""
    return frozenset(item.id for item in getattr(content(), section))


@cache
def _arc_forms(arc_id: str) -> frozenset[str]:
    return frozenset(_ids(arc_by_id(arc_id).forms))


def arc_by_id(arc_id: str) -> Arc:
    for arc in content().arcs:
        if arc.id == arc_id:
            return arc
    raise ValueError(texts("act3")("choices.arc"))


def _one_of(value: str, allowed: frozenset[str], choice: str, **values: str) -> str:
    """An answer's choice must be one of the content's ids; otherwise the sentence ``choices.<choice>``."""
    if value not in allowed:
        raise ValueError(texts("act3")(f"choices.{choice}", **values))
    return value


# 1. the whole career on one line [01:05:50]: see careerkit.modules.act3.whole_career


# 2. the rabbit trap [01:02:23]-[01:06:20]
class Rabbit(BaseModel):
    """The goal being chased, how close it is, what is left after it, and a private self-check."""

    rabbit: str = Field("", max_length=SHORT, title=ref("act3", "rabbit.fields.rabbit"))
    stage: str = Field("chasing", title=ref("act3", "rabbit.fields.stage"))
    after: str = Field("", max_length=LONG, title=ref("act3", "rabbit.fields.after"))
    signs: dict[str, Frequency] = Field(default_factory=dict, title=ref("act3", "rabbit.fields.signs"))

    @field_validator("stage")
    @classmethod
    def _stage(cls, value: str) -> str:
        return _one_of(value, _known("rabbit_stages"), "stage")

    @field_validator("signs")
    @classmethod
    def _signs(cls, value: dict[str, int]) -> dict[str, int]:
        known = _known("rabbit_signs")
        for sign in value:
            _one_of(sign, known, "sign")
        return value


class RabbitReadout(BaseModel):
    level: Literal["steady", "notice", "attend"]
    headline: str
    lines: list[str]


def read_rabbit(answer: Rabbit) -> RabbitReadout:
    """A gentle, non-clinical read-out: what the signs say, and what to do about the track after the rabbit."""
    scores = [answer.signs.get(sign.id, 0) for sign in content().rabbit_signs]
    total, top = sum(scores), max(scores, default=0)
    level: Literal["steady", "notice", "attend"] = (
        "attend" if top >= 3 or total >= 6 else "notice" if top >= 2 or total >= 3 else "steady"
    )
    readout = {r.id: r for r in content().readouts}[level]
    lines = [f"{readout.text} {readout.cite}"]
    t = texts("act3")
    near = answer.stage in ("close", "caught")
    if near and not answer.after.strip():
        lines.append(t("rabbit.feedback.dog"))
    elif answer.stage == "unsure":
        lines.append(t("rabbit.feedback.unsure"))
    elif answer.after.strip():
        lines.append(t("rabbit.feedback.after"))
    return RabbitReadout(level=level, headline=readout.headline, lines=lines)


# 3. two arcs [01:09:09]-[01:10:06]
class ArcPlan(BaseModel):
    """One arc weighed: its forms, what it would give, the energy felt for it, and a first dated step."""

    arc: str = Field(title=ref("act3", "arcs.fields.arc"))
    forms: list[str] = Field(default_factory=list, title=ref("act3", "arcs.fields.forms"))
    gains: dict[str, Rating] = Field(default_factory=dict, title=ref("act3", "arcs.fields.gains"))
    energy: int = Field(5, ge=0, le=10, title=ref("act3", "arcs.fields.energy"))
    gives: str = Field("", max_length=LONG, title=ref("act3", "arcs.fields.gives"))
    first_step: str = Field("", max_length=SHORT, title=ref("act3", "arcs.fields.first_step"))
    step_date: date | None = Field(None, title=ref("act3", "arcs.fields.step_date"))

    @model_validator(mode="after")
    def _known_ids(self) -> ArcPlan:
        arc = arc_by_id(self.arc)
        forms = _arc_forms(arc.id)
        for form in self.forms:
            _one_of(form, forms, "form", arc=arc.label.lower())
        gains = _known("gains")
        for gain in self.gains:
            _one_of(gain, gains, "gain")
        return self


def _default_plans() -> list[ArcPlan]:
    return [ArcPlan(arc=arc.id) for arc in content().arcs]


class Arcs(BaseModel):
    plans: list[ArcPlan] = Field(default_factory=_default_plans, max_length=6, title=ref("act3", "arcs.fields.plans"),
                                 json_schema_extra={"item": ref("act3", "arcs.fields.plan")})

    @field_validator("plans")
    @classmethod
    def _one_each(cls, value: list[ArcPlan]) -> list[ArcPlan]:
        seen = [p.arc for p in value]
        if len(seen) != len(set(seen)):
            raise ValueError(texts("act3")("choices.arc_once"))
        return value

    def plan(self, arc_id: str) -> ArcPlan:
        for plan in self.plans:
            if plan.arc == arc_id:
                return plan
        return ArcPlan(arc=arc_id, energy=0)


class ArcReading(BaseModel):
    direction: Literal["scaled_economics", "giving", "both", "neither"]
    angle: float  # degrees: 0 points all to scaled economics, 90 all to giving
    headline: str
    lines: list[str]


def energy_point(answer: Arcs) -> tuple[int, int]:
    """Energy for (scaled economics, giving): the point the compass arrow reaches."""
    return answer.plan("scaled_economics").energy, answer.plan("giving").energy


def _step_problem(label: str, step: str, when: date | None, today: date) -> str | None:
    t = texts("act3")
    if not step.strip():
        return t("steps.no_step", label=label)
    if when is None:
        return t("steps.no_date", label=label)
    if when < today:
        return t("steps.passed", label=label, date=when.isoformat())
    if (when - today).days > 366:
        return t("steps.too_far", label=label)
    return None


def read_arcs(answer: Arcs, today: date) -> ArcReading:
    """Where the learner's energy points between the two arcs, what each would give, and step checks."""
    t = texts("act3")
    econ, giving = energy_point(answer)
    angle = round(math.degrees(math.atan2(giving, econ)), 1) if econ or giving else 45.0
    direction: Literal["scaled_economics", "giving", "both", "neither"]
    if econ <= 3 and giving <= 3:
        direction = "neither"
    elif abs(econ - giving) <= 1:
        direction = "both"
    elif giving > econ:
        direction = "giving"
    else:
        direction = "scaled_economics"
    headline = t(f"arcs.feedback.{direction}")
    gains = {g.id: g.label.lower() for g in content().gains}
    lines = []
    for arc in content().arcs:
        plan = answer.plan(arc.id)
        rated = {g: plan.gains.get(g, 0) for g in gains}
        if any(rated.values()):
            best = max(rated, key=lambda g: rated[g])
            lines.append(t("arcs.feedback.best_gain", arc=arc.label, gain=gains[best], rating=rated[best]))
        problem = _step_problem(arc.label, plan.first_step, plan.step_date, today)
        if problem:
            lines.append(problem)
    if direction != "giving":
        lines.append(t("arcs.feedback.stages"))
    return ArcReading(direction=direction, angle=angle, headline=headline, lines=lines)


# 4. a second North Star [01:07:30]
class NorthStar(BaseModel):
    sentence: str = Field("", max_length=SHORT, title=ref("act3", "north_star.fields.sentence"))
    why_at_70: str = Field("", max_length=LONG, title=ref("act3", "north_star.fields.why_at_70"))
    first_step: str = Field("", max_length=SHORT, title=ref("act3", "north_star.fields.first_step"))
    step_date: date | None = Field(None, title=ref("act3", "north_star.fields.step_date"))


def catchable_words(text: str) -> list[str]:
    """Words in ``text`` that name a title, a promotion or an exit: goals that can be caught."""
    lowered = f" {text.lower()} "
    return [w for w in content().north_star.catchable if re.search(rf"\b{re.escape(w)}\b", lowered)]


def check_north_star(answer: NorthStar, today: date) -> list[str]:
    """Soft checks on a second North Star; an empty list means it reads well."""
    t = texts("act3")
    if not answer.sentence.strip():
        return [t("north_star.feedback.empty")]
    problems = []
    if len(split_sentences(answer.sentence)) > 1:
        problems.append(t("north_star.feedback.one_sentence"))
    words = catchable_words(answer.sentence)
    if words:
        quoted = ", ".join(t("quote.text", text=w) for w in words)
        problems.append(t("north_star.feedback.catchable", words=quoted, cite=content().north_star.cite))
    if not answer.why_at_70.strip():
        problems.append(t("north_star.feedback.why"))
    problem = _step_problem(t("north_star.step_label"), answer.first_step, answer.step_date, today)
    if problem:
        problems.append(problem)
    return problems


# 5. community [00:46:16]-[00:51:00]
class Community(BaseModel):
    name: str = Field("", max_length=SHORT, title=ref("act3", "community.fields.name"))
    kind: str = Field("external", title=ref("act3", "community.fields.kind"))
    gets: list[str] = Field(default_factory=list, title=ref("act3", "community.fields.gets"))
    give: str = Field("", max_length=SHORT, title=ref("act3", "community.fields.give"))

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return _one_of(value, _known("community_kinds"), "kind")

    @field_validator("gets")
    @classmethod
    def _gets(cls, value: list[str]) -> list[str]:
        known = _known("community_gets")
        for item in value:
            _one_of(item, known, "benefit")
        return value


class CommunityPlan(BaseModel):
    communities: list[Community] = Field(default_factory=list, max_length=8, title=ref("act3", "community.fields.communities"),
                                         json_schema_extra={"item": ref("act3", "community.fields.community")})
    join: str = Field("", max_length=SHORT, title=ref("act3", "community.fields.join"))
    join_step: str = Field("", max_length=SHORT, title=ref("act3", "community.fields.join_step"))


def community_coverage(plan: CommunityPlan) -> dict[str, dict[str, int]]:
    """For each benefit, how many of the named communities (internal, external) would give it."""
    kinds = _ids(content().community_kinds)
    grid = {g.id: dict.fromkeys(kinds, 0) for g in content().community_gets}
    for community in plan.communities:
        if not community.name.strip():
            continue
        for get in community.gets:
            grid[get][community.kind] += 1
    return grid


def check_community(plan: CommunityPlan) -> list[str]:
    """Soft checks: both kinds, every benefit covered, something given, one to join this month."""
    t = texts("act3")
    named = [c for c in plan.communities if c.name.strip()]
    if not named:
        return [t("community.feedback.none")]
    problems = []
    kinds = {c.kind for c in named}
    labels = {k.id: k.label.split(" (")[0].lower() for k in content().community_kinds}
    for kind in _ids(content().community_kinds):
        if kind not in kinds:
            problems.append(t("community.feedback.no_kind", kind=labels[kind]))
    coverage = community_coverage(plan)
    for get in content().community_gets:
        if not any(coverage[get.id].values()):
            problems.append(t("community.feedback.not_covered", benefit=get.label.lower(), cite=get.timestamp))
    takers = [c.name for c in named if not c.give.strip()]
    if takers:
        problems.append(t("community.feedback.give", names=", ".join(t("quote.text", text=n) for n in takers)))
    if not plan.join.strip():
        problems.append(t("community.feedback.join"))
    return problems
