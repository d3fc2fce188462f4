"""Module 3, hearing real feedback: whom to ask and how, the repeat-back scorer, the pair drill.

Pure logic over the ``careerkit.modules.feedback.domain`` content and answers: no widgets, no I/O.
Answers other modules read (keep these shapes stable):

- ``feedback.repeat_back`` is a :class:`RepeatBackLog`; its ``history`` is a list of :class:`Attempt`
  (statement id, text, score, covered points, defensive markers, loops, mode). The group dashboard
  reads the drill scores from it.
"""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from careerkit.content.text import ref, texts
from careerkit.errors import CareerkitError
from careerkit.modules.feedback.domain import (
    LONG,
    SHORT,
    KeyPoint,
    _known,
    as_typed,
    choice,
    content,
    mentions,
    normalise,
    statement,
    stem,
    stopword_stems,
)

HISTORY_LIMIT = 500  # attempts kept in the drill history; older ones are dropped first
PAIR_LOOP_LIMIT = 50


# the repeat-back scorer [00:32:21]
class DrillResult(BaseModel):
    """What the scorer says about one repeat-back."""

    score: int = Field(ge=0, le=100)
    covered: list[str]
    missed: list[str]
    defensive: list[str]
    checks_understanding: bool
    verdict: Literal["good", "partial", "defensive", "off_topic"]
    tip_kind: Literal["off_topic", "defensive", "missed", "no_check", "good"]
    tip: str


def _swap_person(text: str) -> str:
    """The feedback as the learner would echo it: 'you didn't' read as 'i didn't' (the content's person_swaps)."""
    swaps = {normalise(heard): normalise(said) for heard, said in content().person_swaps}
    return " ".join(swaps.get(w, w) for w in normalise(text).split())


def _count(text: str, phrase: str) -> int:
    """How often ``phrase`` occurs as whole words in a normalised text (normalised text has no '_')."""
    return len(re.findall(rf"(?<![\w']){re.escape(normalise(phrase))}(?![\w'])", text))


def defensive_markers(text: str, feedback: str = "") -> list[str]:
    """Ids of the defensive markers in a repeat-back; markers that echo the feedback itself do not count."""
    said, heard = normalise(text), _swap_person(feedback)
    return [
        marker.id
        for marker in content().defensive_markers
        if sum(_count(said, p) for p in marker.phrases) > sum(_count(heard, p) for p in marker.phrases)
    ]


def typed_markers(text: str, ids: list[str]) -> list[str]:
    """How to quote each defensive marker: its label when the learner typed it ("to be fair"), else the words the
    learner typed that matched it ("because i was"; "porque estabamos" as typed, accents or none), never a category
    name ("a justification")."""
    said = normalise(text)
    markers = {m.id: m for m in content().defensive_markers}
    typed = []
    for marker_id in ids:
        marker = markers.get(marker_id)
        if marker is None:
            typed.append(marker_id)
        elif _count(said, marker.label):  # the label is words the learner typed ("but", "to be fair")
            typed.append(marker.label)
        else:
            typed.append(next((words for p in marker.phrases if (words := as_typed(text, p))), marker.label))
    return typed


def checks_understanding(text: str) -> bool:
    """Whether the repeat-back ends by checking understanding ('Did I get that right?')."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text.strip()) if normalise(s)]
    if not sentences:
        return False
    last = f" {normalise(sentences[-1])} "
    return any(f" {normalise(p)} " in last for p in content().check_phrases)


def covered_points(points: list[KeyPoint], text: str) -> list[str]:
    return [p.id for p in points if sum(mentions(text, cue) for cue in p.cues) >= p.need]


def points_from_text(feedback: str) -> list[KeyPoint]:
    """Key points for feedback typed by a partner: one per clause, cued by its content words."""
    stops = stopword_stems()
    joiners = "|".join(re.escape(j) for j in content().clause_joiners)
    clauses = rf"[.;!?\n]+|,\s*(?:{joiners})\s+" if joiners else r"[.;!?\n]+"
    points = []
    for clause in re.split(clauses, feedback):
        words = list(dict.fromkeys(w for w in normalise(clause).split() if stem(w) not in stops and len(w) > 2))
        if words:
            need = min(3, max(1, math.ceil(len(words) / 3)))
            points.append(KeyPoint(id=f"p{len(points) + 1}", label=clause.strip(), cues=words, need=need))
    return points


def score_repeat_back(points: list[KeyPoint], text: str, feedback: str = "") -> DrillResult:
    """Score a repeat-back against key points: coverage, defensive markers, a closing check, one tip.

    An off-topic repeat-back (no point covered) scores 0. With no key points (pair mode, when the
    partner typed nothing), coverage is not scored and the score is the share of the other two parts.
    """
    weights, tips = content().scoring, content().tips
    covered = covered_points(points, text)
    missed = [p.id for p in points if p.id not in covered]
    defensive = defensive_markers(text, feedback)
    checks = checks_understanding(text)
    parts = (0 if defensive else weights.no_defence) + (weights.check if checks else 0)
    if points and not covered:
        score = 0  # nothing of the feedback came back: no credit for the rest
    elif points:
        score = round(weights.coverage * len(covered) / len(points) + parts)
    else:
        score = round(100 * parts / ((weights.no_defence + weights.check) or 1))
    point_labels = {p.id: p.label for p in points}
    if points and not covered:
        verdict, tip_kind, tip = "off_topic", "off_topic", tips.off_topic
    elif defensive:
        verdict, tip_kind, tip = "defensive", "defensive", tips.defensive.format(marker=typed_markers(text, defensive)[0])
    elif missed:
        verdict, tip_kind, tip = "partial", "missed", tips.missed.format(missing=point_labels[missed[0]])
    elif not checks:
        verdict, tip_kind, tip = "partial", "no_check", tips.no_check
    else:
        verdict, tip_kind, tip = "good", "good", tips.good
    return DrillResult(
        score=score, covered=covered, missed=missed, defensive=defensive, checks_understanding=checks,
        verdict=verdict, tip_kind=tip_kind, tip=tip,
    )


def score_statement(statement_id: str, text: str) -> DrillResult:
    """Score a repeat-back of one statement from the bank."""
    item = statement(statement_id)
    return score_repeat_back(item.points, text, item.text)


class Attempt(BaseModel):
    """One repeat-back in the drill history (solo: from the bank; pair: the confirmed one of a round)."""

    mode: Literal["solo", "pair"]
    statement_id: str = Field("", max_length=64)
    text: str = Field(max_length=LONG, title=ref("feedback", "repeat_back.fields.text"))
    score: int = Field(ge=0, le=100)
    covered: list[str] = Field(default_factory=list)
    missed: list[str] = Field(default_factory=list)
    defensive: list[str] = Field(default_factory=list)
    checks_understanding: bool = False
    verdict: str = ""
    tip: str = Field("", max_length=LONG)
    loops: int = Field(1, ge=1, le=1000)

    @classmethod
    def from_result(cls, result: DrillResult, **fields) -> Attempt:
        return cls(**result.model_dump(exclude={"tip_kind"}), **fields)


def record(history: list[Attempt], attempt: Attempt) -> list[Attempt]:
    """The history with ``attempt`` appended, trimmed to the newest HISTORY_LIMIT attempts."""
    return [*history, attempt][-HISTORY_LIMIT:]


def solo_attempt(statement_id: str, text: str, history: list[Attempt]) -> Attempt:
    """Score a solo repeat-back; ``loops`` counts the tries in a row at this statement."""
    loops = 1
    for previous in reversed(history):
        if previous.mode != "solo" or previous.statement_id != statement_id:
            break
        loops += 1
    return Attempt.from_result(score_statement(statement_id, text), mode="solo", statement_id=statement_id,
                               text=text, loops=min(loops, 1000))


# the pair drill: a partner says the feedback aloud and confirms the repeat-back
class DrillStepError(CareerkitError):
    """A pair-drill button pressed at the wrong moment; the message says what to do instead."""


PairState = Literal["listening", "awaiting_partner", "confirmed"]


class PairRound(BaseModel):
    """The state of one pair round, saved so a kernel restart resumes mid-loop."""

    state: PairState = "listening"
    partner_said: str = Field("", max_length=LONG, title=ref("feedback", "repeat_back.fields.partner_said"))
    attempts: list[Attempt] = Field(default_factory=list, max_length=PAIR_LOOP_LIMIT)


class PairDrill:
    """Pair mode as a state machine.

    listening --repeat_back()--> awaiting_partner --not_quite()--> listening (another loop)
                                 awaiting_partner --yes_exactly()--> confirmed --new_round()--> listening
    """

    def __init__(self, state: PairRound | None = None):
        self.round = state.model_copy(deep=True) if state else PairRound()

    @property
    def state(self) -> PairState:
        return self.round.state

    @property
    def loops(self) -> int:
        return len(self.round.attempts)

    def repeat_back(self, text: str, partner_said: str = "") -> Attempt:
        t = texts("feedback")
        if self.state == "awaiting_partner":
            raise DrillStepError(t("repeat_back.steps.partner_first"))
        if self.state == "confirmed":
            raise DrillStepError(t("repeat_back.steps.round_confirmed"))
        if not text.strip():
            raise DrillStepError(t("repeat_back.steps.type_first"))
        if self.loops >= PAIR_LOOP_LIMIT:
            raise DrillStepError(t("repeat_back.steps.too_many_loops", limit=PAIR_LOOP_LIMIT))
        self.round.partner_said = partner_said
        result = score_repeat_back(points_from_text(partner_said), text, partner_said)
        attempt = Attempt.from_result(result, mode="pair", statement_id="", text=text, loops=self.loops + 1)
        self.round.attempts.append(attempt)
        self.round.state = "awaiting_partner"
        return attempt

    def _expect_partner(self) -> None:
        if self.state != "awaiting_partner":
            raise DrillStepError(texts("feedback")("repeat_back.steps.nothing_to_confirm"))

    def not_quite(self) -> None:
        """The partner says it was not quite right: back to listening for another loop."""
        self._expect_partner()
        self.round.state = "listening"

    def yes_exactly(self) -> Attempt:
        """The partner confirms: the round ends; returns the attempt to log, with loops to confirmation."""
        self._expect_partner()
        self.round.state = "confirmed"
        return self.round.attempts[-1].model_copy(update={"loops": self.loops})

    def new_round(self) -> None:
        self.round = PairRound()


class RepeatBackLog(BaseModel):
    """``feedback.repeat_back``: the drill as saved.

    ``history`` lists every scored solo attempt and every confirmed pair round (:class:`Attempt`:
    ``mode``, ``statement_id``, ``text``, ``score``, ``covered``, ``defensive``, ``loops``...), oldest first.
    ``draft`` and ``pair`` keep what is being typed and an unfinished pair round.
    """

    mode: Literal["solo", "pair"] = "solo"
    statement_id: str = Field("", title=ref("feedback", "repeat_back.fields.statement"))
    draft: str = Field("", max_length=LONG, title=ref("feedback", "repeat_back.fields.text"))
    pair: PairRound = Field(default_factory=PairRound, title=ref("feedback", "repeat_back.fields.pair"))
    history: list[Attempt] = Field(default_factory=list, max_length=HISTORY_LIMIT)

    @field_validator("statement_id")
    @classmethod
    def _known_statement(cls, value: str) -> str:
        return value if not value else choice(value, _known("statements"), "statement")


def drill_summary(log: RepeatBackLog) -> dict[str, float | int | None]:
    """Attempts, mean and last score, and mean loops to confirmation in pair mode (for dashboards)."""
    scores = [a.score for a in log.history]
    pair_loops = [a.loops for a in log.history if a.mode == "pair"]
    return {
        "attempts": len(scores),
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        "last_score": scores[-1] if scores else None,
        "mean_loops": round(sum(pair_loops) / len(pair_loops), 1) if pair_loops else None,
    }


# real versus formal feedback [00:30:41]-[00:34:11]
class Giver(BaseModel):
    name: str = Field("", max_length=SHORT, title=ref("feedback", "real_feedback.fields.who"))
    relation: str = Field("Peer", title=ref("feedback", "real_feedback.fields.relation"))  # not-learner-text: the id of one of content's relations
    why: str = Field("", max_length=LONG, title=ref("feedback", "real_feedback.fields.why"))

    @field_validator("relation")
    @classmethod
    def _relation(cls, value: str) -> str:
        return choice(value, _known("relations"), "relation")


class RealFeedbackPlan(BaseModel):
    """``feedback.real_feedback``: whom to ask, how to make it safe, the exact question."""

    givers: list[Giver] = Field(default_factory=list, max_length=6, title=ref("feedback", "real_feedback.fields.givers"),
                                json_schema_extra={"item": ref("feedback", "real_feedback.fields.giver")})
    safety: list[str] = Field(default_factory=list, title=ref("feedback", "real_feedback.fields.safety"))
    safety_own: str = Field("", max_length=LONG, title=ref("feedback", "real_feedback.fields.safety_own"))
    question: str = Field("", max_length=500, title=ref("feedback", "real_feedback.fields.question"))
    manages_team: bool = Field(False, title=ref("feedback", "real_feedback.fields.manages_team"))
    staff_thanks: str = Field("", max_length=LONG, title=ref("feedback", "real_feedback.fields.staff_thanks"))

    @field_validator("safety")
    @classmethod
    def _safety(cls, value: list[str]) -> list[str]:
        known = _known("safety_moves")
        return [choice(v, known, "safety") for v in value]


QUESTION_OPENER = "\u00bf"  # '¿': in Spanish the question proper starts there ("Sobre la revisión, ¿qué...?")


def is_closed(question: str) -> bool:
    """Whether a question can be answered with yes or no: it starts with one of the content's closed_starters
    ("Did", "Is"), or, where the content lists open_starters (Spanish: "qué", "cómo", "por qué"...), it does not
    start with one of them (Spanish yes/no questions rarely start with an auxiliary). The start is read after
    the first '¿' when there is one."""
    c = content()
    asked = question.split(QUESTION_OPENER, 1)[1] if QUESTION_OPENER in question else question
    words = normalise(asked).split()
    if not words:
        return False
    if words[0] in {normalise(w) for w in c.closed_starters}:
        return True
    if c.open_starters:
        return not any(words[: len(phrase)] == phrase for phrase in (normalise(p).split() for p in c.open_starters))
    return False


def check_real_feedback(plan: RealFeedbackPlan) -> list[str]:
    """Soft checks on the plan, each a sentence to act on (empty: ready to ask)."""
    c, t = content(), texts("feedback")
    problems = []
    named = [g for g in plan.givers if g.name.strip()]
    if not named:
        problems.append(t("real_feedback.checks.name_someone"))
    elif all(g.relation == c.formal_relation for g in named):
        problems.append(t("real_feedback.checks.only_managers"))
    if not plan.safety and not plan.safety_own.strip():
        problems.append(t("real_feedback.checks.make_it_safe"))
    question = normalise(plan.question)
    if not question:
        problems.append(t("real_feedback.checks.write_question", example=c.example_question))
    else:
        formal = [p for p in c.formal_phrases if f" {normalise(p)} " in f" {question} "]
        if formal:
            problems.append(t("real_feedback.checks.formal_words", words=formal[0]))
        if is_closed(plan.question):
            problems.append(t("real_feedback.checks.closed_question"))
    if plan.manages_team and not plan.staff_thanks.strip():
        problems.append(t("real_feedback.checks.thank_givers"))
    return problems
