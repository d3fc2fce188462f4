"""The career plan as a product: every module's answers on one page, and what changed between versions.

Pure functions over a dict of answers (``Workbook.values()`` or a shipped ``PlanVersion.answers``).
Reading is lenient: a module the learner skipped, or an answer saved by an older kit, becomes a named
gap with the notebook that fills it, never an error. Learner text is returned as plain text; the
exporters escape it.
"""

from __future__ import annotations

import json
from datetime import datetime
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from careerkit import act3, drill
from careerkit import career_line as cl
from careerkit import career_path as cp
from careerkit import feedback as fb
from careerkit import lanes as ln
from careerkit import versioning as v
from careerkit.errors import ContentError
from careerkit.workbook import PlanVersion, diff_answers

PRIVATE_KEYS = frozenset({"act3.rabbit"})  # the rabbit self-check never leaves the learner's workbook
LINE_LIMIT = 600  # characters of one free-text line in the one-page plan


class SectionSpec(BaseModel):
    id: str
    title: str
    notebook: str
    parts: dict[str, str]  # answer key -> exercise title, in the order shown


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        id="end_state", title="End state and roadmap", notebook="01_versioning.ipynb",
        parts={"versioning.end_state": "Your end state", "versioning.roadmap": "Your version roadmap"},
    ),
    SectionSpec(
        id="lane", title="Your lane", notebook="02_lanes.ipynb",
        parts={"lanes.ratings": "Rate the lanes", "lanes.radar": "Your lane radar", "lanes.path": "IC or manager path"},
    ),
    SectionSpec(
        id="story", title="Your story and press release", notebook="02_lanes.ipynb",
        parts={"lanes.story": "Your career story", "lanes.press_release": "Your career press release"},
    ),
    SectionSpec(
        id="feedback", title="Feedback commitments", notebook="03_feedback.ipynb",
        parts={
            "feedback.real_feedback": "Real feedback",
            "feedback.repeat_back": "Repeat it back",
            "feedback.promotion_stall": "Why the promotion stalls",
            "feedback.shadows": "Shadows of your superpowers",
            "feedback.contradictions": "Contradictory feedback",
        },
    ),
    SectionSpec(
        id="act3", title="Act 3: your second North Star", notebook="04_act3.ipynb",
        parts={
            "act3.north_star": "A second North Star",
            "act3.career_line": "Your whole career on one line",
            "act3.arcs": "Two arcs for Act 3",
            "act3.community": "Your community plan",
        },
    ),
)


# exercises that feed no section of the plan, named as the learner saw them
OTHER_TITLES = {
    "versioning.promotion_check": "Career is not promotion",
    "versioning.portfolio": "Your stage portfolio",
    "versioning.stay_or_go": "Grit it out or move on?",
    "versioning.alternatives": "Three alternative roadmaps",
    "versioning.ex_growth": "The ex-growth check",
    "lanes.energy_log": "Your energy log",
    "act3.rabbit": "The rabbit trap",
}


def part_title(key: str) -> str:
    """The exercise title a learner knows an answer key by."""
    for spec in SECTIONS:
        if key in spec.parts:
            return spec.parts[key]
    if key in OTHER_TITLES:
        return OTHER_TITLES[key]
    return _human(key.replace(".", " ").replace("_previous", " (kept aside)"))


# the one-page plan
STATUS_WORDS = {"complete": "complete", "partial": "partly filled in", "missing": "not started"}


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


def _human(name: str) -> str:
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _clip(text: Any) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= LINE_LIMIT else text[: LINE_LIMIT - 1] + "…"


def _is_blank(value: Any) -> bool:
    if value is None or value == "" or value == [] or value == {}:
        return True
    if isinstance(value, dict):
        return all(_is_blank(x) for x in value.values())
    if isinstance(value, list):
        return all(_is_blank(x) for x in value)
    return isinstance(value, str) and not value.strip()


def generic_lines(value: Any) -> list[str]:
    """Any saved answer as readable lines, for answers this page has no special layout for."""
    if _is_blank(value):
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [_clip(value)]
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict):
                text = "; ".join(_clip(x) for x in item.values() if not _is_blank(x) and not isinstance(x, (dict, list, bool)))
                if text:
                    lines.append(text)
            elif not _is_blank(item) and not isinstance(item, bool):
                lines.append(_clip(item))
        return lines
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if _is_blank(item) or isinstance(item, bool):
                continue
            if isinstance(item, (str, int, float)):
                lines.append(f"{_human(key)}: {_clip(item)}")
            elif isinstance(item, list) and all(isinstance(x, (str, int, float)) for x in item):
                lines.append(f"{_human(key)}: " + ", ".join(_clip(x) for x in item))
            else:
                lines.extend(f"{_human(key)}: {line}" for line in generic_lines(item))
        return lines
    return []


def _end_state_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    end = v.EndState.model_validate(value)
    lines = []
    if end.role.strip():
        lines.append(f"In {end.horizon_years} years: {_clip(end.role)}")
    if end.builder.strip():
        lines.append(f"The builder: {_clip(end.builder)}")
    if end.why.strip():
        lines.append(f"Why: {_clip(end.why)}")
    return lines


def step_name(version: v.CareerVersion) -> str:
    where = f" at {version.company.strip()}" if version.company.strip() else ""
    return f"{version.role.strip() or '(no role)'}{where}"


def _roadmap_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    roadmap = v.Roadmap.model_validate(value)
    lines = [
        f"v{n} {ver.start_year}-{ver.end_year}: {_clip(step_name(ver))}"
        + (f". Learning: {_clip(ver.learning)}" if ver.learning.strip() else "")
        for n, ver in enumerate(roadmap.versions, start=1)
    ]
    if roadmap.skip_job.strip():
        lines.append(f"The skip job: {_clip(roadmap.skip_job)}")
    return lines


def _story_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    roles = value.get("roles", []) if isinstance(value, dict) else []
    lines = []
    for role in roles:
        if not isinstance(role, dict) or _is_blank(role):
            continue
        title = str(role.get("role", "")).strip() or "A role"
        company = str(role.get("company", "")).strip()
        head = f"{title} ({company})" if company else title
        parts = [f"{label}: {str(role.get(field, '')).strip()}" for field, label in (("learned", "Learned"), ("achieved", "Achieved"))
                 if str(role.get(field, "")).strip()]
        lines.append(_clip(f"{head}. " + " ".join(parts)) if parts else _clip(head))
    return lines


def _press_release_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    if not isinstance(value, dict):
        return generic_lines(value)
    order = [("headline", ""), ("subheadline", ""), ("story_so_far", "The story so far: "),
             ("quote", "Quote: "), ("whats_next", "What is next: ")]
    lines = [f"{prefix}{_clip(value[k])}" for k, prefix in order if str(value.get(k, "")).strip()]
    if lines and str(value.get("quote", "")).strip() and str(value.get("quote_by", "")).strip():
        lines = [line + (f" ({_clip(value['quote_by'])})" if line.startswith("Quote: ") else "") for line in lines]
    return lines


def _date_text(when: Any) -> str:
    return f" by {when.isoformat()}" if when else ""


def _north_star_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    star = act3.NorthStar.model_validate(value)
    lines = [f"North Star: {_clip(star.sentence)}"] if star.sentence.strip() else []
    if star.why_at_70.strip():
        lines.append(f"Why it still moves me at 70: {_clip(star.why_at_70)}")
    if star.first_step.strip():
        lines.append(f"First reinvention step: {_clip(star.first_step)}{_date_text(star.step_date)}")
    return lines


def _career_line_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    line = cl.CareerLine.model_validate(value)
    timeline = cl.career_timeline(line, answers.get("versioning.roadmap"), answers.get("versioning.end_state"))
    return [
        f"Career from {timeline.start} to {timeline.end}; today {timeline.now}; the current goal ends at "
        f"{timeline.goal_end}, leaving {timeline.years_after_goal} years for Act 3 and beyond."
    ]


def _arcs_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    arcs = act3.Arcs.model_validate(value)
    lines = []
    for arc in act3.content().arcs:
        plan = arcs.plan(arc.id)
        forms = {f.id: f.label.lower() for f in arc.forms}
        chosen = ", ".join(forms[f] for f in plan.forms)
        text = f"{arc.label}: energy {plan.energy}/10" + (f" ({chosen})" if chosen else "")
        if plan.first_step.strip():
            text += f". First step: {_clip(plan.first_step)}{_date_text(plan.step_date)}"
        lines.append(text)
    return lines


def _community_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    plan = act3.CommunityPlan.model_validate(value)
    kinds = {k.id: k.label.split(" (")[0].lower() for k in act3.content().community_kinds}
    lines = [
        f"{_clip(c.name)} ({kinds[c.kind]})" + (f". I give: {_clip(c.give)}" if c.give.strip() else "")
        for c in plan.communities if c.name.strip()
    ]
    if plan.join.strip():
        lines.append(f"Joining this month: {_clip(plan.join)}" + (f" ({_clip(plan.join_step)})" if plan.join_step.strip() else ""))
    return lines


def energy_log(answers: dict[str, Any]) -> ln.EnergyLog | None:
    """The learner's energy log if it is valid: it moves the energy in the lane ranking, as in module 2."""
    try:
        return ln.EnergyLog.model_validate(answers["lanes.energy_log"]) if answers.get("lanes.energy_log") else None
    except ValidationError:
        return None


def _ratings_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    ratings = ln.LaneRatings.model_validate(value)
    lines = []
    if ratings.chosen:
        names = ", ".join(ln.lane_label(lane) for lane in ratings.chosen)
        lines.append(f"Chosen lane: {names}" if len(ratings.chosen) == 1 else f"Lanes picked: {names}")
    if ratings.why.strip():
        lines.append(f"Why: {_clip(ratings.why)}")
    if ratings.is_rated():
        top = ln.rank_lanes(ratings, energy_log(answers))[:3]
        lines.append("Top rated: " + ", ".join(f"{r.label} ({r.score:g}/30)" for r in top))
    return lines


def _radar_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    radar = ln.Radar.model_validate(value)
    return ln.read_radar(radar, [])[:1]


def _path_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    answer = cp.PathAnswer.model_validate(value)
    own = {"ic": "the IC path", "manager": "the manager path", "unsure": "not sure yet"}[answer.leaning]
    return [cp.read_path(answer).headline, f"My own leaning: {own}."]


def _real_feedback_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    plan = drill.RealFeedbackPlan.model_validate(value)
    lines = []
    givers = [f"{_clip(g.name)} ({g.relation})" for g in plan.givers if g.name.strip()]
    if givers:
        lines.append("I will ask: " + "; ".join(givers))
    if plan.question.strip():
        lines.append(f"My question: {_clip(plan.question)}")
    moves = {m.id: m.label or m.text for m in fb.content().safety_moves}
    safety = [moves.get(m, m) for m in plan.safety] + ([_clip(plan.safety_own)] if plan.safety_own.strip() else [])
    if safety:
        lines.append("To make it safe: " + "; ".join(safety))
    if plan.manages_team and plan.staff_thanks.strip():
        lines.append(f"Thanking givers in my staff meeting: {_clip(plan.staff_thanks)}")
    return lines


def _repeat_back_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    summary = drill.drill_summary(drill.RepeatBackLog.model_validate(value))
    if not summary["attempts"]:
        return []
    return [f"Repeat-back practice: {summary['attempts']} attempts, the last scored {summary['last_score']}/100."]


def _promotion_stall_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    stall = fb.PromotionStall.model_validate(value)
    lines = []
    if stall.answers:
        top = stall.ranked[0]
        lines.append(f"Most likely reason my promotion stalls: {top.label} ({top.share:g}%)")
    if stall.first_move.strip():
        lines.append(f"My first move: {_clip(stall.first_move)}")
    return lines


def _shadows_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    shadows = fb.Shadows.model_validate(value)
    levels = {r.id: r.label.lower() for r in fb.content().ratings}
    lines = [
        f"{pair.superpower}: its shadow, {pair.shadow.lower()}" + (f" (I use it {levels[pair.rating]})" if pair.rating else "")
        for pair in shadows.pairs
    ]
    if shadows.notes.strip():
        lines.append(f"Notes: {_clip(shadows.notes)}")
    return lines


def _contradictions_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    log = fb.ContradictionLog.model_validate(value)
    found = fb.find_contradictions(log).contradictions
    lines = [f"{len(found)} piece(s) of feedback challenge a strength I claim: not anomalies [00:57:30]."] if found else []
    if log.reflection.strip():
        lines.append(f"Reflection: {_clip(log.reflection)}")
    return lines


LAYOUTS = {
    "versioning.end_state": _end_state_lines,
    "versioning.roadmap": _roadmap_lines,
    "lanes.ratings": _ratings_lines,
    "lanes.radar": _radar_lines,
    "lanes.path": _path_lines,
    "lanes.story": _story_lines,
    "lanes.press_release": _press_release_lines,
    "feedback.real_feedback": _real_feedback_lines,
    "feedback.repeat_back": _repeat_back_lines,
    "feedback.promotion_stall": _promotion_stall_lines,
    "feedback.shadows": _shadows_lines,
    "feedback.contradictions": _contradictions_lines,
    "act3.north_star": _north_star_lines,
    "act3.career_line": _career_line_lines,
    "act3.arcs": _arcs_lines,
    "act3.community": _community_lines,
}


def part_lines(key: str, value: Any, answers: dict[str, Any]) -> list[str]:
    """The lines one answer contributes to the plan; a shape this kit does not know falls back to generic lines."""
    try:
        if key in LAYOUTS:
            return LAYOUTS[key](value, answers)
    except (ValidationError, ValueError, TypeError, AttributeError, KeyError):
        pass
    return generic_lines(value)


def assemble_plan(answers: dict[str, Any], participant: str = "", version: PlanVersion | None = None) -> CareerPlan:
    """Every module's answers as one career plan; unanswered exercises are listed as gaps per section."""
    sections = []
    for spec in SECTIONS:
        section = PlanSection(id=spec.id, title=spec.title, notebook=spec.notebook)
        for key, title in spec.parts.items():
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
        rows = [CompareRow(kind="Roadmap step added", what=s) for s in self.steps_added]
        rows += [CompareRow(kind="Roadmap step dropped", what=s) for s in self.steps_dropped]
        if self.lane_changed:
            rows.append(CompareRow(kind="Lane changed", what="Chosen lane", before=self.lane_before or "(none)",
                                   after=self.lane_after or "(none)"))
        rows += [
            CompareRow(kind="Rating moved", what=m.label, before=_number(m.before), after=_number(m.after))
            for m in self.ratings
        ]
        rows += [CompareRow(kind="Answered", what=t) for t in self.answers_added]
        rows += [CompareRow(kind="Removed", what=t) for t in self.answers_removed]
        rows += [CompareRow(kind="Edited", what=t) for t in self.answers_changed]
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


def _rating_moves(key: str, before: Any, after: Any) -> list[RatingMove]:
    """Ratings present in both versions whose value changed (a newly answered exercise is not a move)."""
    old, new = rating_leaves(before), rating_leaves(after)
    moves = []
    for path in sorted(old.keys() & new.keys()):
        if old[path] != new[path]:
            label = " › ".join([part_title(key), *(_human(p) for p in path if p not in ("plans", "gains", "ratings", "scores"))])
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
        if change.key.endswith("_previous"):
            continue
        title = part_title(change.key)
        {"added": comparison.answers_added, "removed": comparison.answers_removed,
         "changed": comparison.answers_changed}[change.kind].append(title)
        if change.kind == "changed" and change.key not in PRIVATE_KEYS:
            comparison.ratings += _rating_moves(change.key, change.before, change.after)
    return comparison


# the demo participant's earlier plan versions
DEMO_VERSIONS = "versions.json"


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
    """The versions in ``content/demo/versions.json`` (oldest first), shipped when the demo workbook is seeded."""
    entry = resources.files("careerkit.content").joinpath("demo", DEMO_VERSIONS)
    try:
        raw = json.loads(entry.read_text(encoding="utf-8"))
        return [DemoVersion.model_validate(item) for item in raw]
    except FileNotFoundError:
        return []
    except (json.JSONDecodeError, ValidationError, TypeError) as err:
        raise ContentError(f"demo/{DEMO_VERSIONS}", f"it is not a list of plan versions ({err})") from None
