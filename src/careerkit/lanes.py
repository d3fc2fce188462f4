"""Module 2, pick a lane: pure logic over lane ratings, the energy log and the radar.

The source: build world-class expertise in one of six product ambiguities [00:23:14]-[00:24:15]
and pick a specific lane [00:24:21]. The IC or manager path is read in ``careerkit.career_path``.
No widgets and no I/O beyond loading content.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from statistics import mean
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from careerkit.content import Cited, ContentFile, Sourced, load_content
from careerkit.story import PressReleasePart, StoryWords

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


@cache
def content() -> LanesContent:
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
    sentences = []
    for item in err.errors():
        place = where(item["loc"])
        kind = item["type"]
        if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            sentences.append(f"{place} is {item['input']}: rate it from {low} to {high}")
        elif kind in ("int_parsing", "int_type", "int_from_float"):
            sentences.append(f"{place} needs a whole number from {low} to {high}")
        elif kind == "string_too_long":
            sentences.append(f"{place} is too long: keep it under {item['ctx']['max_length']} characters")
        else:
            sentences.append(f"{place}: {item['msg'].removeprefix('Value error, ')}")
    return "; ".join(dict.fromkeys(sentences))


def _lane_place(loc: tuple[Any, ...]) -> str:
    names = [lane_label(str(loc[0]))] if loc else []
    names += [_dimension_label(str(p)) for p in loc[1:]]
    return ", ".join(names) or "A rating"


def _known_lanes(value: dict[str, Any], what: str) -> dict[str, Any]:
    known = _lane_id_set()
    unknown = [k for k in value if k not in known]
    if unknown:
        raise ValueError(f"{what}: '{unknown[0]}' is not a lane; the lanes are {', '.join(_lane_ids())}")
    return value


# lane ratings and the pick [00:24:21]
class LaneScore(BaseModel):
    """One lane rated on evidence, energy and opportunity, each 0 to 10."""

    evidence: int = Field(0, ge=RATING[0], le=RATING[1], title="Evidence")
    energy: int = Field(0, ge=RATING[0], le=RATING[1], title="Energy")
    opportunity: int = Field(0, ge=RATING[0], le=RATING[1], title="Opportunity")

    def total(self) -> int:
        return self.evidence + self.energy + self.opportunity


class LaneRatings(BaseModel):
    """The ``lanes.ratings`` answer: each lane rated, and the lane (or lanes) the participant picks.

    Value shape: ``{"scores": {lane_id: {"evidence": 0-10, "energy": 0-10, "opportunity": 0-10}},
    "chosen": [lane_id, ...], "why": str}``. Every lane id of ``content/lanes.toml`` is present in
    ``scores`` (missing lanes are filled with zeros). ``chosen`` is usually one lane; none or several
    are allowed and named as a risk. Read the pick with :attr:`chosen_lane`.
    """

    scores: dict[str, LaneScore] = Field(default_factory=dict, title="Your lane ratings", validate_default=True)
    chosen: list[str] = Field(default_factory=list, title="Your lane")
    why: str = Field("", max_length=LONG, title="Why this lane")

    @field_validator("scores", mode="wrap")
    @classmethod
    def _scores(cls, value: Any, handler):
        try:
            scores = handler(value)
        except ValidationError as err:
            raise ValueError(_explain(err, _lane_place, *RATING)) from None
        _known_lanes(scores, "The ratings")
        return {lane: scores[lane] if lane in scores else LaneScore() for lane in _lane_ids()}

    @field_validator("chosen")
    @classmethod
    def _chosen(cls, value: list[str]) -> list[str]:
        known = _lane_id_set()
        for lane in value:
            if lane not in known:
                raise ValueError(f"'{lane}' is not one of the six lanes")
        return list(dict.fromkeys(value))

    @property
    def chosen_lane(self) -> str | None:
        """The one lane picked, or None when the participant picked none or several."""
        return self.chosen[0] if len(self.chosen) == 1 else None

    def is_rated(self) -> bool:
        return any(score.total() for score in self.scores.values())


# the energy log (after the Good Time Journal: an outside source)
class EnergyEntry(BaseModel):
    activity: str = Field("", max_length=SHORT, title="What you did")
    lane: str = Field("crafting", title="Lane")
    engagement: int = Field(5, ge=LOGGED[0], le=LOGGED[1], title="Engagement")
    energy: int = Field(5, ge=LOGGED[0], le=LOGGED[1], title="Energy")

    @field_validator("lane")
    @classmethod
    def _lane(cls, value: str) -> str:
        if value not in _lane_id_set():
            raise ValueError("choose a lane from the list")
        return value


def _entry_place(loc: tuple[Any, ...]) -> str:
    rows = [p for p in loc if isinstance(p, int)]
    fields = [str(p) for p in loc if not isinstance(p, int)]
    title = EnergyEntry.model_fields[fields[0]].title if fields and fields[0] in EnergyEntry.model_fields else ""
    label = f"Entry {rows[0] + 1}" if rows else "An entry"
    return f"{label}, {title.lower()}" if title else label


class EnergyLog(BaseModel):
    """The ``lanes.energy_log`` answer: recent work, each tagged with a lane and rated 1 to 10.

    Value shape: ``{"entries": [{"activity": str, "lane": lane_id, "engagement": 1-10, "energy": 1-10}, ...]}``
    (at most 30 entries).
    """

    entries: list[EnergyEntry] = Field(default_factory=list, title="Log entries")

    @field_validator("entries", mode="wrap")
    @classmethod
    def _entries(cls, value: Any, handler):
        try:
            entries = handler(value)
        except ValidationError as err:
            raise ValueError(_explain(err, _entry_place, *LOGGED)) from None
        if len(entries) > 30:
            raise ValueError("keep the log to 30 entries: the most recent ones")
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
    if not log.entries:
        return ["Log three to five pieces of recent work: what you did, its lane, how engaged and how energised you felt."]
    lines = []
    for number, entry in enumerate(log.entries, start=1):
        if not entry.activity.strip():
            lines.append(f"Entry {number} has no description: what did you do?")
    summary = summarise_log(log)
    if not summary:  # only blank rows: nothing is "most energising" yet
        return [*lines, "Log three to five pieces of recent work: what you did, its lane, how engaged and how energised you felt."]
    if sum(s.entries for s in summary.values()) < 3:
        lines.append("Three entries or more make a pattern; one or two are anecdotes.")
    best = max(summary.values(), key=lambda s: (s.level, s.entries))
    worst = min(summary.values(), key=lambda s: (s.level, -s.entries))
    lines.append(
        f"Most energising so far: {lane_label(best.lane)} (engagement {best.engagement:g}, energy {best.energy:g}, "
        f"{best.entries} entr{'y' if best.entries == 1 else 'ies'})."
    )
    if worst.lane != best.lane:
        lines.append(f"Most draining: {lane_label(worst.lane)} (engagement {worst.engagement:g}, energy {worst.energy:g}).")
    missing = [lane.label for lane in content().lanes if lane.id not in summary]
    if missing:
        lines.append("No entries yet for: " + ", ".join(missing) + ".")
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
    reasons = [
        f"Evidence {score.evidence}, energy {energy:g}, opportunity {score.opportunity}: {total:g} of 30."
    ]
    if logged is not None:
        reasons.append(
            f"Your energy log has {logged.entries} entr{'y' if logged.entries == 1 else 'ies'} here "
            f"(engagement {logged.engagement:g}, energy {logged.energy:g}): the energy counted is between "
            f"your rating ({score.energy}) and your log ({logged.level:g})."
        )
        if logged.level <= score.energy - 3:
            reasons.append("Your log says this work drains you more than you rated: trust the log.")
        elif logged.level >= score.energy + 3:
            reasons.append("Your log shows more energy here than you rated.")
    if score.evidence >= 7 and energy <= 4:
        reasons.append("Strong evidence, little energy: you are good at it, and it drains you. Can you go deep for years?")
    if energy >= 7 and score.evidence <= 3:
        reasons.append("Energy without evidence yet: a lane to build, starting with one project you can point to.")
    if score.opportunity <= 3 and score.evidence + energy >= 12:
        reasons.append("Little demand where you want to go: check the market, or the destination.")
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
    if not ratings.is_rated():
        return ["Rate each lane on evidence, energy and opportunity first; the ranking follows your ratings."]
    top = ranking[0]
    rank_of = {r.lane: r for r in ranking}
    picked = [lane_label(c) for c in ratings.chosen]
    lines = []
    if not ratings.chosen:
        lines.append(
            f"You have not picked a lane. Your ratings rank {top.label} first. Picking a specific lane is crucial "
            "[00:24:21]: become world-class in a specific area [00:24:04]. Without a pick, expertise spreads thin (kit's own)."
        )
    elif len(ratings.chosen) > 1:
        lines.append(
            f"You picked {len(picked)} lanes ({', '.join(picked)}). That is allowed, and it goes against the source's "
            "advice: picking a specific lane is crucial [00:24:21]. Which one would you lead with?"
        )
    else:
        mine = rank_of[ratings.chosen[0]]
        if mine.rank == 1:
            lines.append(f"You picked {mine.label}, and your ratings rank it first: now build the evidence in it.")
        else:
            lines.append(
                f"You picked {mine.label} (ranked {mine.rank} of {len(ranking)}); your ratings rank {top.label} first. "
                "Keep your pick if you know why: write the reason down."
            )
    if ratings.chosen and not ratings.why.strip():
        lines.append("Say why in one or two sentences: you will tell this to your next employer.")
    tied = [r.label for r in ranking[1:] if r.score == top.score]
    if tied:
        lines.append(f"{top.label} ties with {', '.join(tied)}: your energy log can break the tie.")
    return lines


# the radar: current and target strength per lane
def _strengths(value: Any, handler, what: str) -> dict[str, int]:
    try:
        strengths = handler(value)
    except ValidationError as err:
        raise ValueError(_explain(err, lambda loc: f"{what}, {lane_label(str(loc[0]))}", *RATING)) from None
    _known_lanes(strengths, what)
    return {lane: strengths.get(lane, 0) for lane in _lane_ids()}


class Radar(BaseModel):
    """The ``lanes.radar`` answer: where each lane is now and where the participant wants it.

    Value shape: ``{"current": {lane_id: 0-10}, "target": {lane_id: 0-10}}``, every lane present.
    """

    current: dict[str, int] = Field(default_factory=dict, title="Current strength", validate_default=True)
    target: dict[str, int] = Field(default_factory=dict, title="Target strength", validate_default=True)

    @field_validator("current", "target", mode="wrap")
    @classmethod
    def _lanes(cls, value: Any, handler, info):
        what = "Current" if info.field_name == "current" else "Target"
        checked = _strengths(value, handler, what)
        for lane, level in checked.items():
            if not RATING[0] <= level <= RATING[1]:
                raise ValueError(f"{what}, {lane_label(lane)} is {level}: rate it from {RATING[0]} to {RATING[1]}")
        return checked


def radar_from_ratings(ratings: LaneRatings) -> Radar:
    """A starting radar: current strength is the evidence rated; the target starts level with it."""
    current = {lane: ratings.scores[lane].evidence for lane in lane_ids()}
    return Radar(current=current, target=dict(current))


def read_radar(radar: Radar, chosen: list[str]) -> list[str]:
    """The biggest gaps, and whether the target matches the lane picked."""
    gaps = sorted(lane_ids(), key=lambda lane: (radar.current[lane] - radar.target[lane], lane_ids().index(lane)))
    lines = []
    growing = [lane for lane in gaps if radar.target[lane] > radar.current[lane]]
    if not growing:
        lines.append("No target is above today's strength yet: raise the target of the lane you want to be world-class in.")
    else:
        lines.append(
            "Biggest gaps: " + "; ".join(
                f"{lane_label(lane)} {radar.current[lane]} → {radar.target[lane]}" for lane in growing[:3]
            ) + "."
        )
    if len(growing) > 2:
        lines.append(f"You want to grow {len(growing)} lanes at once. World-class expertise comes from one [00:24:04].")
    if len(chosen) == 1:
        mine = chosen[0]
        highest = max(radar.target.values())
        if radar.target[mine] < highest:
            lead = [lane_label(lane) for lane in lane_ids() if radar.target[lane] == highest]
            lines.append(
                f"Your pick, {lane_label(mine)}, has a target of {radar.target[mine]}, below {', '.join(lead)} "
                f"({highest}): are you building the lane you picked?"
            )
        else:
            lines.append(f"Your pick, {lane_label(mine)}, has your highest target: the radar and the pick agree.")
    return lines
