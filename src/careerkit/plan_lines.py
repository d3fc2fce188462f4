"""How each saved answer reads on the one-page career plan: a layout per exercise, generic lines for the rest.

Reading is lenient: an answer this kit cannot validate, or one it has no layout for, falls back to
generic lines, never an error. Learner text is returned as plain text; the exporters escape it.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from careerkit import act3, drill
from careerkit import career_line as cl
from careerkit import career_path as cp
from careerkit import feedback as fb
from careerkit import lanes as ln
from careerkit import versioning as v

LINE_LIMIT = 600  # characters of one free-text line in the one-page plan


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
    roles = value.get("roles") if isinstance(value, dict) else None
    if not isinstance(roles, list):  # a story saved in another shape (a workbook stores any value) is still shown
        return generic_lines(value)
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
    pieces = "1 piece of feedback challenges" if len(found) == 1 else f"{len(found)} pieces of feedback challenge"
    lines = [f"{pieces} a strength I claim: not anomalies [00:57:30]."] if found else []
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
