"""How each saved answer reads on the one-page career plan: a layout per exercise, generic lines for the rest.

Reading is lenient: an answer this kit cannot validate, or one it has no layout for, falls back to
generic lines, never an error. Learner text is returned as plain text; the exporters escape it.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from careerkit.content.text import texts
from careerkit.modules.act3 import domain as act3
from careerkit.modules.act3 import whole_career as cl
from careerkit.modules.feedback import domain as fb
from careerkit.modules.feedback import drill
from careerkit.modules.lanes import domain as ln
from careerkit.modules.lanes import path as cp
from careerkit.modules.versioning import domain as v

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


def _text_of(answer: dict[str, Any], key: str) -> str:
    """One text field of an answer read leniently: missing, null or blank is no text (never the word "None")."""
    value = answer.get(key)
    return "" if _is_blank(value) else str(value).strip()


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


def _lines(exercise: str):
    """The sentences one exercise's lines are made of: ``lines.<exercise>.*`` in the plan's text pack."""
    t = texts("plan")

    def say(key: str, /, **values: Any) -> str:
        return t(f"lines.{exercise}.{key}", **values)

    def plural(key: str, n: int, /, **values: Any) -> str:
        return t.plural(f"lines.{exercise}.{key}", n, **values)

    return say, plural


def _end_state_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    end = v.EndState.model_validate(value)
    say, _ = _lines("end_state")
    lines = []
    if end.role.strip():
        lines.append(say("role", years=end.horizon_years, role=_clip(end.role)))
    if end.builder.strip():
        lines.append(say("builder", text=_clip(end.builder)))
    if end.why.strip():
        lines.append(say("why", text=_clip(end.why)))
    return lines


def step_name(version: v.CareerVersion) -> str:
    say, _ = _lines("roadmap")
    role = version.role.strip() or say("no_role")
    return say("step_at", role=role, company=version.company.strip()) if version.company.strip() else role


def _roadmap_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    roadmap = v.Roadmap.model_validate(value)
    say, _ = _lines("roadmap")
    lines = []
    for n, ver in enumerate(roadmap.versions, start=1):
        step = {"number": n, "start": ver.start_year, "end": ver.end_year, "step": _clip(step_name(ver))}
        lines.append(say("version_learning", **step, learning=_clip(ver.learning)) if ver.learning.strip()
                     else say("version", **step))
    if roadmap.skip_job.strip():
        lines.append(say("skip_job", text=_clip(roadmap.skip_job)))
    return lines


def _story_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    roles = value.get("roles") if isinstance(value, dict) else None
    if not isinstance(roles, list):  # a story saved in another shape (a workbook stores any value) is still shown
        return generic_lines(value)
    say, _ = _lines("story")
    lines = []
    for role in roles:
        if not isinstance(role, dict) or _is_blank(role):
            continue
        title = _text_of(role, "role") or say("no_role")
        company = _text_of(role, "company")
        head = say("role_at", role=title, company=company) if company else title
        parts = [say(field, text=_text_of(role, field)) for field in ("learned", "achieved") if _text_of(role, field)]
        lines.append(_clip(say("role", head=head, parts=" ".join(parts))) if parts else _clip(head))
    return lines


def _press_release_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    if not isinstance(value, dict):
        return generic_lines(value)
    say, _ = _lines("press_release")

    def given(key: str) -> str:
        return _clip(_text_of(value, key))

    lines = [given("headline"), given("subheadline")]
    if given("story_so_far"):
        lines.append(say("story_so_far", text=given("story_so_far")))
    if given("quote"):
        lines.append(say("quote_by", text=given("quote"), by=given("quote_by")) if given("quote_by")
                     else say("quote", text=given("quote")))
    if given("whats_next"):
        lines.append(say("whats_next", text=given("whats_next")))
    return [line for line in lines if line]


def _north_star_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    star = act3.NorthStar.model_validate(value)
    say, _ = _lines("north_star")
    lines = [say("sentence", text=_clip(star.sentence))] if star.sentence.strip() else []
    if star.why_at_70.strip():
        lines.append(say("why_at_70", text=_clip(star.why_at_70)))
    if star.first_step.strip():
        step = _clip(star.first_step)
        lines.append(say("first_step_by", step=step, date=star.step_date.isoformat()) if star.step_date
                     else say("first_step", step=step))
    return lines


def _career_line_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    line = cl.CareerLine.model_validate(value)
    timeline = cl.career_timeline(line, answers.get("versioning.roadmap"), answers.get("versioning.end_state"))
    _, plural = _lines("career_line")
    return [plural("timeline", timeline.years_after_goal, start=timeline.start, end=timeline.end, now=timeline.now,
                   goal_end=timeline.goal_end)]


def _arcs_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    arcs = act3.Arcs.model_validate(value)
    say, _ = _lines("arcs")
    lines = []
    for arc in act3.content().arcs:
        plan = arcs.plan(arc.id)
        forms = {f.id: f.label.lower() for f in arc.forms}
        chosen = ", ".join(forms[f] for f in plan.forms)
        text = (say("energy_forms", arc=arc.label, energy=plan.energy, forms=chosen) if chosen
                else say("energy", arc=arc.label, energy=plan.energy))
        if plan.first_step.strip():
            step = _clip(plan.first_step)
            text = (say("first_step_by", line=text, step=step, date=plan.step_date.isoformat()) if plan.step_date
                    else say("first_step", line=text, step=step))
        lines.append(text)
    return lines


def _community_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    plan = act3.CommunityPlan.model_validate(value)
    say, _ = _lines("community")
    kinds = {k.id: k.label.split(" (")[0].lower() for k in act3.content().community_kinds}
    lines = [
        say("community_give", name=_clip(c.name), kind=kinds[c.kind], give=_clip(c.give)) if c.give.strip()
        else say("community", name=_clip(c.name), kind=kinds[c.kind])
        for c in plan.communities if c.name.strip()
    ]
    if plan.join.strip():
        join = _clip(plan.join)
        lines.append(say("join_step", join=join, step=_clip(plan.join_step)) if plan.join_step.strip()
                     else say("join", join=join))
    return lines


def energy_log(answers: dict[str, Any]) -> ln.EnergyLog | None:
    """The learner's energy log if it is valid: it moves the energy in the lane ranking, as in module 2."""
    try:
        return ln.EnergyLog.model_validate(answers["lanes.energy_log"]) if answers.get("lanes.energy_log") else None
    except ValidationError:
        return None


def _ratings_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    ratings = ln.LaneRatings.model_validate(value)
    say, plural = _lines("ratings")
    lines = []
    if ratings.chosen:
        names = ", ".join(ln.lane_label(lane) for lane in ratings.chosen)
        lines.append(plural("chosen", len(ratings.chosen), names=names))
    if ratings.why.strip():
        lines.append(say("why", text=_clip(ratings.why)))
    if ratings.is_rated():
        top = ln.rank_lanes(ratings, energy_log(answers))[:3]
        lines.append(say("top", lanes=", ".join(say("top_lane", lane=r.label, score=f"{r.score:g}") for r in top)))
    return lines


def _radar_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    radar = ln.Radar.model_validate(value)
    return ln.read_radar(radar, [])[:1]


def _path_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    answer = cp.PathAnswer.model_validate(value)
    say, _ = _lines("path")
    return [cp.read_path(answer).headline, say("own", leaning=say(f"leaning.{answer.leaning}"))]


def _real_feedback_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    plan = drill.RealFeedbackPlan.model_validate(value)
    say, _ = _lines("real_feedback")
    lines = []
    givers = [say("giver", name=_clip(g.name), relation=fb.relation_label(g.relation)) for g in plan.givers
              if g.name.strip()]
    if givers:
        lines.append(say("givers", givers="; ".join(givers)))
    if plan.question.strip():
        lines.append(say("question", text=_clip(plan.question)))
    moves = {m.id: m.label or m.text for m in fb.content().safety_moves}
    safety = [moves.get(m, m) for m in plan.safety] + ([_clip(plan.safety_own)] if plan.safety_own.strip() else [])
    if safety:
        lines.append(say("safety", moves="; ".join(safety)))
    if plan.manages_team and plan.staff_thanks.strip():
        lines.append(say("staff_thanks", text=_clip(plan.staff_thanks)))
    return lines


def _repeat_back_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    summary = drill.drill_summary(drill.RepeatBackLog.model_validate(value))
    if not summary["attempts"]:
        return []
    _, plural = _lines("repeat_back")
    return [plural("practice", summary["attempts"], score=summary["last_score"])]


def _promotion_stall_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    stall = fb.PromotionStall.model_validate(value)
    say, _ = _lines("promotion_stall")
    lines = []
    if stall.answers:
        top = stall.ranked[0]
        lines.append(say("top", reason=top.label, share=f"{top.share:g}"))
    if stall.first_move.strip():
        lines.append(say("first_move", text=_clip(stall.first_move)))
    return lines


def _shadows_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    shadows = fb.Shadows.model_validate(value)
    say, _ = _lines("shadows")
    levels = {r.id: r.label.lower() for r in fb.content().ratings}
    lines = [
        say("pair_rated", superpower=pair.superpower, shadow=pair.shadow.lower(), level=levels[pair.rating])
        if pair.rating else say("pair", superpower=pair.superpower, shadow=pair.shadow.lower())
        for pair in shadows.pairs
    ]
    if shadows.notes.strip():
        lines.append(say("notes", text=_clip(shadows.notes)))
    return lines


def _contradictions_lines(value: Any, answers: dict[str, Any]) -> list[str]:
    log = fb.ContradictionLog.model_validate(value)
    say, plural = _lines("contradictions")
    found = fb.find_contradictions(log).contradictions
    lines = [plural("found", len(found))] if found else []
    if log.reflection.strip():
        lines.append(say("reflection", text=_clip(log.reflection)))
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
