"""The career plan as a product: every module's answers on one page, and what changed between versions.

Pure functions over a dict of answers (``Workbook.values()`` or a shipped ``PlanVersion.answers``).
Reading is lenient: a module the learner skipped, or an answer saved by an older kit, becomes a named
gap with the notebook that fills it, never an error. How each answer reads on the page is in
``careerkit.modules.plan.lines``. Learner text is returned as plain text; the exporters escape it.
"""

from __future__ import annotations

import json
from datetime import datetime
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from careerkit.content import item_labels, localized
from careerkit.content.text import texts
from careerkit.errors import ContentError
from careerkit.modules.lanes import domain as ln
from careerkit.modules.plan.lines import _clip, _human, part_lines, step_name
from careerkit.modules.versioning import domain as v
from careerkit.store.workbook import PlanVersion, diff_answers

PRIVATE_KEYS = frozenset({"act3.rabbit"})  # the rabbit self-check never leaves the learner's workbook


class SectionSpec(BaseModel):
    id: str  # its title is ``sections.<id>`` in the plan's text pack
    notebook: str
    parts: tuple[str, ...]  # answer keys, in the order shown


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(id="end_state", notebook="01_versioning.ipynb", parts=("versioning.end_state", "versioning.roadmap")),
    SectionSpec(id="lane", notebook="02_lanes.ipynb", parts=("lanes.ratings", "lanes.radar", "lanes.path")),
    SectionSpec(id="story", notebook="02_lanes.ipynb", parts=("lanes.story", "lanes.press_release")),
    SectionSpec(
        id="feedback", notebook="03_feedback.ipynb",
        parts=("feedback.real_feedback", "feedback.repeat_back", "feedback.promotion_stall", "feedback.shadows",
               "feedback.contradictions"),
    ),
    SectionSpec(id="act3", notebook="04_act3.ipynb",
                parts=("act3.north_star", "act3.career_line", "act3.arcs", "act3.community")),
)

PREVIOUS = "_previous"  # an answer kept aside because this kit could not show it


def section_title(section_id: str) -> str:
    """A section's heading on the plan, in the learner's language."""
    return texts("plan")(f"sections.{section_id}")


def part_title(key: str) -> str:
    """The exercise title a learner knows an answer key by (``exercise_titles.<key>`` in the plan's pack)."""
    t = texts("plan")
    if key.endswith(PREVIOUS):
        return t("exercise_titles.kept_aside", title=part_title(key.removesuffix(PREVIOUS)))
    if f"exercise_titles.{key}" in t:
        return t(f"exercise_titles.{key}")
    return _human(key.replace(".", " "))


# the one-page plan
def status_word(status: str) -> str:
    """How a section's status reads: "complete", "partly filled in", "not started"."""
    return texts("plan")(f"status.{status}")


class PlanItem(BaseModel):
    label: str
    lines: list[str]


class PlanSection(BaseModel):
    id: str
    title: str
    notebook: str
    items: list[PlanItem] = []
    missing: list[str] = []  # titles of the exercises not answered yet

    @property
    def status(self) -> Literal["complete", "partial", "missing"]:
        if not self.items:
            return "missing"
        return "partial" if self.missing else "complete"


class CareerPlan(BaseModel):
    participant: str
    sections: list[PlanSection]
    version: str = ""
    shipped: datetime | None = None
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return all(s.status == "missing" for s in self.sections)

    def missing_notebooks(self) -> list[str]:
        return list(dict.fromkeys(s.notebook for s in self.sections if s.missing))


def assemble_plan(answers: dict[str, Any], participant: str = "", version: PlanVersion | None = None) -> CareerPlan:
    """Every module's answers as one career plan; unanswered exercises are listed as gaps per section."""
    sections = []
    for spec in SECTIONS:
        section = PlanSection(id=spec.id, title=section_title(spec.id), notebook=spec.notebook)
        for key in spec.parts:
            title = part_title(key)
            lines = part_lines(key, answers.get(key), answers) if key in answers else []
            if lines:
                section.items.append(PlanItem(label=title, lines=lines))
            else:
                section.missing.append(title)
        sections.append(section)
    plan = CareerPlan(participant=participant, sections=sections)
    if version is not None:
        plan.version, plan.shipped, plan.note = version.label, version.created, version.note
    return plan


# the chosen lane
def chosen_lane(answers: dict[str, Any]) -> str | None:
    """The lane (or lanes) the learner picked [00:24:21], by name; None if there is no valid pick."""
    try:
        ratings = ln.LaneRatings.model_validate(answers.get("lanes.ratings") or {})
    except ValidationError:
        return None
    return ", ".join(ln.lane_label(lane) for lane in ratings.chosen) or None


# comparing two shipped versions
# names of numbers that are not ratings: years, ages, amounts, scores out of 100, counts
NOT_RATINGS = {"year", "years", "age", "salary", "total", "horizon", "span", "number", "loops", "score", "share",
               "rate", "attempts", "count"}


class RatingMove(BaseModel):
    key: str
    label: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return self.after - self.before


class CompareRow(BaseModel):
    kind: str
    what: str
    before: str = ""
    after: str = ""


class PlanComparison(BaseModel):
    older: str
    newer: str
    older_date: datetime
    newer_date: datetime
    steps_added: list[str] = Field(default_factory=list)
    steps_dropped: list[str] = Field(default_factory=list)
    lane_before: str | None = None
    lane_after: str | None = None
    ratings: list[RatingMove] = Field(default_factory=list)
    answers_added: list[str] = Field(default_factory=list)
    answers_removed: list[str] = Field(default_factory=list)
    answers_changed: list[str] = Field(default_factory=list)

    @property
    def lane_changed(self) -> bool:
        return self.lane_before != self.lane_after

    @property
    def unchanged(self) -> bool:
        return not (self.answers_added or self.answers_removed or self.answers_changed)

    def rows(self) -> list[CompareRow]:
        """The comparison as table rows, the most telling first."""
        t = texts("plan")
        rows = [CompareRow(kind=t("compare.rows.step_added"), what=s) for s in self.steps_added]
        rows += [CompareRow(kind=t("compare.rows.step_dropped"), what=s) for s in self.steps_dropped]
        if self.lane_changed:
            none = t("compare.rows.no_lane")
            rows.append(CompareRow(kind=t("compare.rows.lane_changed"), what=t("compare.rows.chosen_lane"),
                                   before=self.lane_before or none, after=self.lane_after or none))
        rows += [
            CompareRow(kind=t("compare.rows.rating_moved"), what=m.label, before=_number(m.before), after=_number(m.after))
            for m in self.ratings
        ]
        rows += [CompareRow(kind=t("compare.rows.answered"), what=title) for title in self.answers_added]
        rows += [CompareRow(kind=t("compare.rows.removed"), what=title) for title in self.answers_removed]
        rows += [CompareRow(kind=t("compare.rows.edited"), what=title) for title in self.answers_changed]
        return rows


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _roadmap_steps(answers: dict[str, Any]) -> dict[str, str]:
    try:
        roadmap = v.Roadmap.model_validate(answers.get("versioning.roadmap") or {})
    except ValidationError:
        return {}
    return {step_name(s).lower(): f"{step_name(s)} ({s.start_year}-{s.end_year})" for s in roadmap.versions}


def _is_rating_name(name: str) -> bool:
    return not (set(str(name).lower().split("_")) & NOT_RATINGS)


def _item_name(item: dict[str, Any], index: int) -> str:
    for field in ("name", "arc", "lane", "role", "id", "label"):
        if isinstance(item.get(field), str) and item[field].strip():
            return _clip(item[field])[:40]
    return f"#{index + 1}"


def rating_leaves(value: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], float]:
    """Every 0-10 number in an answer whose name is not a year, age or amount, keyed by its readable path."""
    leaves: dict[tuple[str, ...], float] = {}
    if isinstance(value, bool):
        return leaves
    if isinstance(value, (int, float)):
        if path and _is_rating_name(path[-1]) and 0 <= value <= 10:
            leaves[path] = float(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            leaves.update(rating_leaves(item, (*path, str(key))))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            name = _item_name(item, index) if isinstance(item, dict) else f"#{index + 1}"
            leaves.update(rating_leaves(item, (*path, name)))
    return leaves


def _rating_name(part: str) -> str:
    """A rated field's name (``learning_left``) as the plan's pack says it (``rating_names``), else as written."""
    t = texts("plan")
    key = f"rating_names.{part}"
    return t(key) if key in t else _human(part)


def _rating_moves(key: str, before: Any, after: Any) -> list[RatingMove]:
    """Ratings present in both versions whose value changed (a newly answered exercise is not a move)."""
    old, new = rating_leaves(before), rating_leaves(after)
    labels = item_labels(key.split(".")[0])  # a lane, a dial or a gain as the learner saw it named
    moves = []
    for path in sorted(old.keys() & new.keys()):
        if old[path] != new[path]:
            names = [labels.get(p) or _rating_name(p) for p in path if p not in ("plans", "gains", "ratings", "scores")]
            label = " › ".join([part_title(key), *names])
            moves.append(RatingMove(key=key, label=label, before=old[path], after=new[path]))
    return moves


def compare_versions(older: PlanVersion, newer: PlanVersion) -> PlanComparison:
    """What changed in the plan between two shipped versions: roadmap steps, lane, ratings, answers."""
    before, after = older.answers, newer.answers
    comparison = PlanComparison(older=older.label, newer=newer.label, older_date=older.created, newer_date=newer.created)
    old_steps, new_steps = _roadmap_steps(before), _roadmap_steps(after)
    comparison.steps_added = [new_steps[k] for k in new_steps if k not in old_steps]
    comparison.steps_dropped = [old_steps[k] for k in old_steps if k not in new_steps]
    comparison.lane_before, comparison.lane_after = chosen_lane(before), chosen_lane(after)
    for change in diff_answers(before, after):
        if change.key.endswith(PREVIOUS):
            continue
        title = part_title(change.key)
        {"added": comparison.answers_added, "removed": comparison.answers_removed,
         "changed": comparison.answers_changed}[change.kind].append(title)
        if change.kind == "changed" and change.key not in PRIVATE_KEYS:
            comparison.ratings += _rating_moves(change.key, change.before, change.after)
    return comparison


# the demo participant's earlier plan versions
DEMO_VERSIONS = "demo_versions.json"  # beside this module


class DemoVersion(BaseModel):
    """An earlier shipped version of the demo participant's plan, as a change from its current answers."""

    model_config = ConfigDict(extra="forbid")
    label: str
    note: str = ""
    created: datetime
    omit: list[str] = []  # answer keys the learner had not written yet
    answers: dict[str, Any] = {}  # earlier values of answers the demo has now

    def answers_from(self, current: dict[str, Any]) -> dict[str, Any]:
        earlier = {k: value for k, value in current.items() if k not in self.omit}
        earlier.update({k: value for k, value in self.answers.items() if k in current})
        return earlier


def demo_versions() -> list[DemoVersion]:
    """The versions in ``modules/plan/demo_versions.json`` (oldest first), shipped when the demo workbook is seeded;
    ``demo_versions.es.json`` in Spanish, where it exists, as the demo's answers are (``demo.es.json``)."""
    entry = localized(resources.files(__package__), DEMO_VERSIONS)
    try:
        raw = json.loads(entry.read_text(encoding="utf-8"))
        return [DemoVersion.model_validate(item) for item in raw]
    except FileNotFoundError:
        return []
    except (json.JSONDecodeError, ValidationError, TypeError) as err:
        problem = f"it is not a list of plan versions ({err})"  # not-learner-text: the kit's own demo file, checked by its tests
        raise ContentError(f"modules/plan/{entry.name}", problem) from None
