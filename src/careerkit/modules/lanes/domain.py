"""Module 2, pick a lane: pure logic over lane ratings, the energy log and the radar.

The source: build world-class expertise in one of six product ambiguities [00:23:14]-[00:24:15]
and pick a specific lane [00:24:21]. The IC or manager path is read in ``careerkit.modules.lanes.path``.
No widgets and no I/O beyond loading content.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from statistics import mean
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from careerkit.content import Cited, ContentFile, Sourced, load_content
from careerkit.content.text import ref, resolve, texts
from careerkit.modules.lanes.story import PressReleasePart, StoryWords

SHORT = 200
LONG = 2000
RATING = (0, 10)  # lane ratings, radar strengths, path enjoyment
LOGGED = (1, 10)  # energy log engagement and energy (as in the Good Time Journal)
PathKind = Literal["ic", "manager"]


# content
class Lane(Cited):
    label: str
    short: str
    hint: str


class Dimension(Sourced):
    id: Literal["evidence", "energy", "opportunity"]
    label: str
    hint: str


class SourceNote(Sourced):
    label: str


class PathActivity(Cited):
    label: str
    leans: PathKind


class HelpingStyle(Cited):
    label: str
    sidecar: bool


class PathExperiment(Cited):
    path: PathKind
    label: str


class LanesContent(ContentFile):
    lanes: list[Lane] = Field(min_length=2)
    dimensions: list[Dimension] = Field(min_length=3, max_length=3)
    energy_log_source: SourceNote
    story: StoryWords
    press_release_parts: list[PressReleasePart]
    path_activities: list[PathActivity]
    helping_styles: list[HelpingStyle]
    path_experiments: list[PathExperiment]


def content() -> LanesContent:
    """Module 2's content in the learner's language (``load_content`` caches it per language)."""
    return load_content("lanes", LanesContent)


def lane_ids() -> list[str]:
    return list(_lane_ids())


@cache
def _lane_ids() -> tuple[str, ...]:
    """The lane ids, in content order (validators run per answer: built once, not per call)."""
    return tuple(lane.id for lane in content().lanes)


@cache
def _lane_id_set() -> frozenset[str]:
    return frozenset(_lane_ids())


def lane_label(lane_id: str) -> str:
    return next((lane.label for lane in content().lanes if lane.id == lane_id), lane_id)


def _dimension_label(dim: str) -> str:
    return next((d.label.lower() for d in content().dimensions if d.id == dim), dim.replace("_", " "))


def _explain(err: ValidationError, where: Callable[[tuple[Any, ...]], str], low: int, high: int) -> str:
    """One sentence per problem, naming the lane or row and the field as the participant sees them."""
    t = texts("lanes")
    sentences = []
    for item in err.errors():
        place = where(item["loc"])
        kind = item["type"]
        if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            sentences.append(t("errors.out_of_range", place=place, value=item["input"], low=low, high=high))
        elif kind in ("int_parsing", "int_type", "int_from_float"):
            sentences.append(t("errors.not_a_whole_number", place=place, low=low, high=high))
        elif kind == "string_too_long":
            sentences.append(t("errors.too_long", place=place, limit=item["ctx"]["max_length"]))
        else:
            problem = item["msg"].removeprefix("Value error, ")  # not-learner-text: pydantic's prefix, removed
            sentences.append(t("errors.other", place=place, problem=problem))
    return "; ".join(dict.fromkeys(sentences))


def _lane_place(loc: tuple[Any, ...]) -> str:
    names = [lane_label(str(loc[0]))] if loc else []
    names += [_dimension_label(str(p)) for p in loc[1:]]
    return ", ".join(names) or texts("lanes")("errors.a_rating")


def _known_lanes(value: dict[str, Any], what: str) -> dict[str, Any]:
    known = _lane_id_set()
    unknown = [k for k in value if k not in known]
    if unknown:
        raise ValueError(texts("lanes")("errors.not_a_lane", what=what, lane=unknown[0], lanes=", ".join(_lane_ids())))
    return value


# lane ratings and the pick [00:24:21]
class LaneScore(BaseModel):
    """One lane rated on evidence, energy and opportunity, each 0 to 10."""

    evidence: int = Field(0, ge=RATING[0], le=RATING[1], title=ref("lanes", "ratings.fields.evidence"))
    energy: int = Field(0, ge=RATING[0], le=RATING[1], title=ref("lanes", "ratings.fields.energy"))
    opportunity: int = Field(0, ge=RATING[0], le=RATING[1], title=ref("lanes", "ratings.fields.opportunity"))

    def total(self) -> int:
        return self.evidence + self.energy + self.opportunity


class LaneRatings(BaseModel):
    """The ``lanes.ratings`` answer: each lane rated, and the lane (or lanes) the participant picks.

    Value shape: ``{"scores": {lane_id: {"evidence": 0-10, "energy": 0-10, "opportunity": 0-10}},
    "chosen": [lane_id, ...], "why": str}``. Every lane id of ``modules/lanes/content.toml`` is present in
    ``scores`` (missing lanes are filled with zeros). ``chosen`` is usually one lane; none or several
    are allowed and named as a risk. Read the pick with :attr:`chosen_lane`.
    """

    scores: dict[str, LaneScore] = Field(default_factory=dict, title=ref("lanes", "ratings.fields.scores"),
                                    validate_default=True)
    chosen: list[str] = Field(default_factory=list, title=ref("lanes", "ratings.fields.chosen"))
    why: str = Field("", max_length=LONG, title=ref("lanes", "ratings.fields.why"))

    @field_validator("scores", mode="wrap")
    @classmethod
    def _scores(cls, value: Any, handler):
        try:
            scores = handler(value)
        except ValidationError as err:
            raise ValueError(_explain(err, _lane_place, *RATING)) from None
        _known_lanes(scores, texts("lanes")("errors.the_ratings"))
        return {lane: scores[lane] if lane in scores else LaneScore() for lane in _lane_ids()}

    @field_validator("chosen")
    @classmethod
    def _chosen(cls, value: list[str]) -> list[str]:
        known = _lane_id_set()
        for lane in value:
            if lane not in known:
                raise ValueError(texts("lanes")("ratings.not_a_lane", lane=lane))
        return list(dict.fromkeys(value))

    @property
    def chosen_lane(self) -> str | None:
        """The one lane picked, or None when the participant picked none or several."""
        return self.chosen[0] if len(self.chosen) == 1 else None

    def is_rated(self) -> bool:
        return any(score.total() for score in self.scores.values())


# the energy log (after the Good Time Journal: an outside source)
class EnergyEntry(BaseModel):
    activity: str = Field("", max_length=SHORT, title=ref("lanes", "energy_log.fields.activity"))
    lane: str = Field("crafting", title=ref("lanes", "energy_log.fields.lane"))
    engagement: int = Field(5, ge=LOGGED[0], le=LOGGED[1], title=ref("lanes", "energy_log.fields.engagement"))
    energy: int = Field(5, ge=LOGGED[0], le=LOGGED[1], title=ref("lanes", "energy_log.fields.energy"))

    @field_validator("lane")
    @classmethod
    def _lane(cls, value: str) -> str:
        if value not in _lane_id_set():
            raise ValueError(texts("lanes")("energy_log.choose_lane"))
        return value


def _entry_place(loc: tuple[Any, ...]) -> str:
    rows = [p for p in loc if isinstance(p, int)]
    fields = [str(p) for p in loc if not isinstance(p, int)]
    t = texts("lanes")
    title = resolve(EnergyEntry.model_fields[fields[0]].title) if fields and fields[0] in EnergyEntry.model_fields else ""
    label = t("energy_log.entry", number=rows[0] + 1) if rows else t("energy_log.an_entry")
    return t("errors.place_and_field", place=label, field=title.lower()) if title else label


class EnergyLog(BaseModel):
    """The ``lanes.energy_log`` answer: recent work, each tagged with a lane and rated 1 to 10.

    Value shape: ``{"entries": [{"activity": str, "lane": lane_id, "engagement": 1-10, "energy": 1-10}, ...]}``
    (at most 30 entries).
    """

    entries: list[EnergyEntry] = Field(default_factory=list, title=ref("lanes", "energy_log.fields.entries"))

    @field_validator("entries", mode="wrap")
    @classmethod
    def _entries(cls, value: Any, handler):
        try:
            entries = handler(value)
        except ValidationError as err:
            raise ValueError(_explain(err, _entry_place, *LOGGED)) from None
        if len(entries) > 30:
            raise ValueError(texts("lanes")("energy_log.too_many"))
        return entries


class LogSummary(BaseModel):
    lane: str
    entries: int
    engagement: float
    energy: float

    @property
    def level(self) -> float:
        """Engagement and energy together, 1 to 10."""
        return round((self.engagement + self.energy) / 2, 1)


def summarise_log(log: EnergyLog) -> dict[str, LogSummary]:
    """Average engagement and energy per lane, for the lanes that have entries (in content order).

    An entry with no description (the blank row the log starts with) is not evidence of anything.
    """
    summary = {}
    for lane in lane_ids():
        entries = [e for e in log.entries if e.lane == lane and e.activity.strip()]
        if entries:
            summary[lane] = LogSummary(
                lane=lane, entries=len(entries),
                engagement=round(mean(e.engagement for e in entries), 1),
                energy=round(mean(e.energy for e in entries), 1),
            )
    return summary


def check_log(log: EnergyLog) -> list[str]:
    """What the log says, and what it is missing, in sentences."""
    t = texts("lanes")
    if not log.entries:
        return [t("energy_log.feedback.start")]
    lines = []
    for number, entry in enumerate(log.entries, start=1):
        if not entry.activity.strip():
            lines.append(t("energy_log.feedback.no_description", number=number))
    summary = summarise_log(log)
    if not summary:  # only blank rows: nothing is "most energising" yet
        return [*lines, t("energy_log.feedback.start")]
    if sum(s.entries for s in summary.values()) < 3:
        lines.append(t("energy_log.feedback.few"))
    best = max(summary.values(), key=lambda s: (s.level, s.entries))
    worst = min(summary.values(), key=lambda s: (s.level, -s.entries))
    lines.append(t.plural("energy_log.feedback.best", best.entries, lane=lane_label(best.lane),
                          engagement=f"{best.engagement:g}", energy=f"{best.energy:g}"))
    if worst.lane != best.lane:
        lines.append(t("energy_log.feedback.worst", lane=lane_label(worst.lane), engagement=f"{worst.engagement:g}",
                       energy=f"{worst.energy:g}"))
    missing = [lane.label for lane in content().lanes if lane.id not in summary]
    if missing:
        lines.append(t("energy_log.feedback.missing", lanes=", ".join(missing)))
    return lines


# ranking
class LaneRank(BaseModel):
    rank: int
    lane: str
    label: str
    score: float
    evidence: int
    energy: float
    opportunity: int
    logged: LogSummary | None = None
    reasons: list[str]


def _energy_used(score: LaneScore, logged: LogSummary | None) -> float:
    if logged is None:
        return float(score.energy)
    return round((score.energy + logged.level) / 2, 1)


def _lane_reasons(score: LaneScore, energy: float, logged: LogSummary | None, total: float) -> list[str]:
    t = texts("lanes")
    reasons = [t("ratings.reasons.total", evidence=score.evidence, energy=f"{energy:g}", opportunity=score.opportunity,
                 total=f"{total:g}")]
    if logged is not None:
        reasons.append(t.plural("ratings.reasons.logged", logged.entries, engagement=f"{logged.engagement:g}",
                                energy=f"{logged.energy:g}", rated=score.energy, level=f"{logged.level:g}"))
        if logged.level <= score.energy - 3:
            reasons.append(t("ratings.reasons.log_drains"))
        elif logged.level >= score.energy + 3:
            reasons.append(t("ratings.reasons.log_energises"))
    if score.evidence >= 7 and energy <= 4:
        reasons.append(t("ratings.reasons.strong_but_draining"))
    if energy >= 7 and score.evidence <= 3:
        reasons.append(t("ratings.reasons.energy_without_evidence"))
    if score.opportunity <= 3 and score.evidence + energy >= 12:
        reasons.append(t("ratings.reasons.little_demand"))
    return reasons


def rank_lanes(ratings: LaneRatings, log: EnergyLog | None = None) -> list[LaneRank]:
    """The six lanes best first, with the reasons; the energy log, when there is one, moves the energy."""
    summary = summarise_log(log) if log is not None else {}
    order = {lane: i for i, lane in enumerate(lane_ids())}
    rows = []
    for lane in lane_ids():
        score = ratings.scores.get(lane, LaneScore())
        logged = summary.get(lane)
        energy = _energy_used(score, logged)
        total = round(score.evidence + energy + score.opportunity, 1)
        rows.append((total, energy, score, lane, logged))
    rows.sort(key=lambda r: (-r[0], -r[1], -r[2].evidence, order[r[3]]))
    return [
        LaneRank(
            rank=i, lane=lane, label=lane_label(lane), score=total, evidence=score.evidence, energy=energy,
            opportunity=score.opportunity, logged=logged, reasons=_lane_reasons(score, energy, logged, total),
        )
        for i, (total, energy, score, lane, logged) in enumerate(rows, start=1)
    ]


def check_choice(ratings: LaneRatings, ranking: list[LaneRank]) -> list[str]:
    """What the pick means: one lane as the source advises [00:24:21], or the risk of none or several."""
    t = texts("lanes")
    if not ratings.is_rated():
        return [t("ratings.choice.unrated")]
    top = ranking[0]
    rank_of = {r.lane: r for r in ranking}
    picked = [lane_label(c) for c in ratings.chosen]
    lines = []
    if not ratings.chosen:
        lines.append(t("ratings.choice.none", top=top.label))
    elif len(ratings.chosen) > 1:
        lines.append(t("ratings.choice.several", count=len(picked), lanes=", ".join(picked)))
    else:
        mine = rank_of[ratings.chosen[0]]
        if mine.rank == 1:
            lines.append(t("ratings.choice.top", lane=mine.label))
        else:
            lines.append(t("ratings.choice.not_top", lane=mine.label, rank=mine.rank, total=len(ranking), top=top.label))
    if ratings.chosen and not ratings.why.strip():
        lines.append(t("ratings.choice.say_why"))
    tied = [r.label for r in ranking[1:] if r.score == top.score]
    if tied:
        lines.append(t("ratings.choice.tie", top=top.label, lanes=", ".join(tied)))
    return lines


# the radar: current and target strength per lane
def _strengths(value: Any, handler, what: str) -> dict[str, int]:
    try:
        strengths = handler(value)
    except ValidationError as err:
        t = texts("lanes")

        def place(loc: tuple[Any, ...]) -> str:
            return t("errors.place_and_field", place=what, field=lane_label(str(loc[0])))

        raise ValueError(_explain(err, place, *RATING)) from None
    _known_lanes(strengths, what)
    return {lane: strengths.get(lane, 0) for lane in _lane_ids()}


class Radar(BaseModel):
    """The ``lanes.radar`` answer: where each lane is now and where the participant wants it.

    Value shape: ``{"current": {lane_id: 0-10}, "target": {lane_id: 0-10}}``, every lane present.
    """

    current: dict[str, int] = Field(default_factory=dict, title=ref("lanes", "radar.fields.current"),
                                   validate_default=True)
    target: dict[str, int] = Field(default_factory=dict, title=ref("lanes", "radar.fields.target"),
                                  validate_default=True)

    @field_validator("current", "target", mode="wrap")
    @classmethod
    def _lanes(cls, value: Any, handler, info):
        t = texts("lanes")
        what = t("radar.current_place") if info.field_name == "current" else t("radar.target_place")
        checked = _strengths(value, handler, what)
        for lane, level in checked.items():
            if not RATING[0] <= level <= RATING[1]:
                place = t("errors.place_and_field", place=what, field=lane_label(lane))
                raise ValueError(t("errors.out_of_range", place=place, value=level, low=RATING[0], high=RATING[1]))
        return checked


def radar_from_ratings(ratings: LaneRatings) -> Radar:
    """A starting radar: current strength is the evidence rated; the target starts level with it."""
    current = {lane: ratings.scores[lane].evidence for lane in lane_ids()}
    return Radar(current=current, target=dict(current))


def read_radar(radar: Radar, chosen: list[str]) -> list[str]:
    """The biggest gaps, and whether the target matches the lane picked."""
    gaps = sorted(lane_ids(), key=lambda lane: (radar.current[lane] - radar.target[lane], lane_ids().index(lane)))
    t = texts("lanes")
    lines = []
    growing = [lane for lane in gaps if radar.target[lane] > radar.current[lane]]
    if not growing:
        lines.append(t("radar.feedback.no_growth"))
    else:
        shown = "; ".join(t("radar.feedback.gap", lane=lane_label(lane), current=radar.current[lane],
                            target=radar.target[lane]) for lane in growing[:3])
        lines.append(t("radar.feedback.gaps", gaps=shown))
    if len(growing) > 2:
        lines.append(t("radar.feedback.too_many", count=len(growing)))
    if len(chosen) == 1:
        mine = chosen[0]
        highest = max(radar.target.values())
        if radar.target[mine] < highest:
            lead = [lane_label(lane) for lane in lane_ids() if radar.target[lane] == highest]
            lines.append(t("radar.feedback.pick_below", lane=lane_label(mine), target=radar.target[mine],
                           lead=", ".join(lead), highest=highest))
        else:
            lines.append(t("radar.feedback.pick_highest", lane=lane_label(mine)))
    return lines
