"""Module 4, the whole career on one line [01:05:50]: its three acts, and module 1's roadmap placed by age.

Pure logic over the participant's answers (no widgets, no I/O beyond loading content). Module 1's
saved answers are read leniently: anything that does not validate is left out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from careerkit.content.text import ref, texts
from careerkit.modules.act3.domain import content
from careerkit.modules.versioning import domain as v


def _valid_roadmap(value: Any) -> v.Roadmap | None:
    try:
        return v.Roadmap.model_validate(value) if value else None
    except ValueError:
        return None


def _valid_end_state(value: Any) -> v.EndState | None:
    try:
        return v.EndState.model_validate(value) if value else None
    except ValueError:
        return None


class CareerLine(BaseModel):
    """A 60-70 year career with the learner's age, three acts, and where the current goal ends."""

    age: int = Field(35, ge=14, le=100, title=ref("act3", "career_line.fields.age"))
    this_year: int = Field(default_factory=lambda: date.today().year, ge=1950, le=2100,
                           title=ref("act3", "career_line.fields.this_year"))
    start_age: int = Field(22, ge=14, le=60, title=ref("act3", "career_line.fields.start_age"))
    span_years: int = Field(65, ge=20, le=80, title=ref("act3", "career_line.fields.span_years"))
    act2_age: int = Field(35, ge=14, le=100, title=ref("act3", "career_line.fields.act2_age"))
    act3_age: int = Field(50, ge=14, le=120, title=ref("act3", "career_line.fields.act3_age"))
    goal_end_age: int = Field(45, ge=14, le=120, title=ref("act3", "career_line.fields.goal_end_age"))

    @property
    def end_age(self) -> int:
        return self.start_age + self.span_years


class Span(BaseModel):
    id: str
    label: str
    name: str
    start: int
    end: int


class Milestone(BaseModel):
    label: str
    age: int
    detail: str


class Timeline(BaseModel):
    start: int
    end: int
    now: int
    goal_end: int
    acts: list[Span]
    milestones: list[Milestone]
    years_after_goal: int
    share_after_goal: float


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def career_timeline(line: CareerLine, roadmap: Any = None, end_state: Any = None) -> Timeline:
    """The career from first job to last, with its acts and the module 1 roadmap placed by age.

    ``roadmap`` and ``end_state`` are module 1's saved answers (or None); anything that does not
    validate is left out rather than failing the chart.
    """
    start, end = line.start_age, line.end_age
    bounds = sorted([_clamp(line.act2_age, start, end), _clamp(line.act3_age, start, end)])
    edges = [start, *bounds, end]
    acts = [
        Span(id=act.id, label=act.label, name=act.name, start=edges[i], end=edges[i + 1])
        for i, act in enumerate(content().acts)
    ]
    milestones: list[Milestone] = []
    road = _valid_roadmap(roadmap)
    for number, version in enumerate(road.versions if road else [], start=1):
        age = line.age + (version.start_year - line.this_year)
        milestones.append(Milestone(label=f"v{number}", age=_clamp(age, start, end), detail=version.role))
    goal = _valid_end_state(end_state)
    if goal and goal.role.strip():
        age = line.age + goal.horizon_years
        label = texts("act3")("career_line.end_state_milestone")
        milestones.append(Milestone(label=label, age=_clamp(age, start, end), detail=goal.role))
    goal_end = _clamp(line.goal_end_age, start, end)
    after = end - goal_end
    return Timeline(
        start=start,
        end=end,
        now=_clamp(line.age, start, end),
        goal_end=goal_end,
        acts=acts,
        milestones=milestones,
        years_after_goal=after,
        share_after_goal=round(after / max(end - start, 1), 3),
    )


def suggested_goal_end(age: int, end_state: Any) -> int | None:
    """Where module 1's end state puts the end of the current goal: today's age plus its horizon."""
    goal = _valid_end_state(end_state)
    return age + goal.horizon_years if goal else None


def read_career_line(line: CareerLine, roadmap: Any = None, end_state: Any = None) -> list[str]:
    """What the line says, then soft problems; each a sentence citing the source where it can."""
    timeline = career_timeline(line, roadmap, end_state)
    span = content().career_span
    t = texts("act3")
    lines = [
        t.plural("career_line.feedback.runs", timeline.years_after_goal, start=timeline.start, end=timeline.end,
                 goal_end=timeline.goal_end, share=round(100 * timeline.share_after_goal), cite=span.timestamp),
    ]
    if timeline.years_after_goal >= 10:
        lines.append(t("career_line.feedback.north_star_needed"))
    if not span.min_years <= line.span_years <= span.max_years:
        lines.append(t("career_line.feedback.span_outside", span=span.label, cite=span.timestamp,
                       years=line.span_years, low=span.min_years, high=span.max_years))
    if not line.start_age <= line.age <= line.end_age:
        lines.append(t("career_line.feedback.age_outside"))
    if not line.start_age < line.act2_age < line.act3_age < line.end_age:
        lines.append(t("career_line.feedback.acts_order"))
    if line.goal_end_age < line.age:
        lines.append(t("career_line.feedback.goal_passed"))
    suggested = suggested_goal_end(line.age, end_state)
    if suggested is not None and abs(suggested - line.goal_end_age) > 2:
        lines.append(t("career_line.feedback.end_state_differs", suggested=suggested, goal_end=line.goal_end_age))
    return lines
