"""The room at a glance: per-module distributions of what participants chose to share.

Only distributions are shown, never a person: any group smaller than ``k`` people (default 3,
never below 2) is hidden, and when one hidden group could be worked out from the total, the next
smallest is hidden with it. Free text appears only where its author ticked *my words may be
quoted*, and only once at least ``k`` people shared that exercise. ``careerkit report`` writes it
as one self-contained HTML file; ``workshop/dashboard.ipynb`` shows the same sections.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from careerkit.errors import CareerkitError

K_DEFAULT = 3
K_MINIMUM = 2
QUOTES_PER_EXERCISE = 12
QUOTE_LENGTH = 300
QUOTE_WORDS = 4  # a quote is a sentence, not a job title or a company name
ID_LIKE = re.compile(r"^[a-z0-9_]*$")


def check_k(k: int) -> int:
    """The smallest group size shown; refuses anything below 2 (a group of one is a person)."""
    if not isinstance(k, int) or isinstance(k, bool) or k < K_MINIMUM:
        raise CareerkitError(f"k must be a whole number of at least {K_MINIMUM} (got {k!r}): a group of one is a person.")
    return k


@dataclass
class Distribution:
    """How many participants fall in each group; ``None`` marks a group hidden because it is too small."""

    title: str
    axis: str
    kind: Literal["single", "multi"]  # single: each person in one group; multi: a person may tick several
    respondents: int
    counts: dict[str, int | None]
    source: str = ""
    note: str = ""

    @property
    def hidden(self) -> int:
        return sum(1 for count in self.counts.values() if count is None)


@dataclass(repr=False)
class Section:
    """One module of the room: who shared what, the distributions, and the consented quotes."""

    module: str
    title: str
    k: int
    shared: dict[str, int | None] = field(default_factory=dict)  # exercise title -> people who shared it
    distributions: list[Distribution] = field(default_factory=list)
    quotes: dict[str, list[str]] = field(default_factory=dict)  # exercise title -> quotes

    def __repr__(self) -> str:
        return f"{self.title}: {len(self.distributions)} distributions, quotes from {len(self.quotes)} exercises"

    def _repr_html_(self) -> str:
        from careerkit.room.report_html import section_html

        return section_html(self)

    def charts(self) -> list[Any]:
        """One chart per distribution (a notebook shows each as a PNG with its alt text)."""
        from careerkit.room.report_html import charts

        return charts(self)


def suppress(counts: dict[str, int], k: int, kind: Literal["single", "multi"]) -> dict[str, int | None]:
    """Hide every group under ``k``. For a partition, also hide the next smallest group when a lone
    hidden group could otherwise be recovered as the total minus the groups shown."""
    shown: dict[str, int | None] = {label: (count if count >= k else None) for label, count in counts.items()}
    hidden = [label for label, count in shown.items() if count is None]
    if kind == "single" and len(hidden) == 1 and counts[hidden[0]] > 0:
        visible = sorted((count, label) for label, count in shown.items() if count is not None)
        if visible:
            shown[visible[0][1]] = None
    return shown


def distribution(title: str, axis: str, kind: Literal["single", "multi"], groups: Iterable[Iterable[str]],
                 labels: dict[str, str], k: int, source: str = "", note: str = "") -> Distribution | None:
    """Count participants per group (each participant's groups given once), hide small ones; None if under k people."""
    per_person = [set(g) for g in groups]
    if len(per_person) < k:
        return None
    tally = Counter(group for person in per_person for group in person)
    counts = {labels.get(group, group): tally.get(group, 0) for group in labels}
    for group in tally:
        if group not in labels:
            counts[group] = tally[group]
    return Distribution(title, axis, kind, len(per_person), suppress(counts, k, kind), source, note)


# per-module summaries: each takes the validated answers to one exercise
def _models(key: str, values: list[Any]) -> list[Any]:
    from pydantic import ValidationError

    from careerkit.modules import exercise_class

    model = exercise_class(key).Model
    out = []
    for value in values:
        try:
            out.append(model.model_validate(value))
        except ValidationError:
            continue
    return out


def stage_coverage(values: list[Any], k: int) -> list[Distribution]:
    from careerkit.modules.versioning import domain as v

    roadmaps = _models("versioning.roadmap", values)
    stages = {s.id: s.label for s in v.content().stages}
    markets = {m.id: m.label for m in v.content().markets}
    return [d for d in (
        distribution("Company stages in the roadmaps", "Company stage", "multi",
                     ({ver.stage for ver in r.versions} for r in roadmaps), stages, k, "[00:12:02]",
                     "A participant counts once for each stage their roadmap passes through."),
        distribution("Markets in the roadmaps", "Market", "multi",
                     ({ver.market for ver in r.versions} for r in roadmaps), markets, k, "[00:12:15]"),
    ) if d]


def lane_choices(values: list[Any], k: int) -> list[Distribution]:
    from careerkit.modules.lanes import domain as lanes

    ratings = _models("lanes.ratings", values)
    labels = {lane.id: lane.label for lane in lanes.content().lanes}
    labels["undecided"] = "No single lane yet"
    picks = ([r.chosen_lane or "undecided"] for r in ratings)
    found = distribution("The lane each person picked", "Lane", "single", picks, labels, k, "[00:24:21]")
    return [found] if found else []


def stall_causes(values: list[Any], k: int) -> list[Distribution]:
    from careerkit.modules.feedback import domain as feedback

    stalls = _models("feedback.promotion_stall", values)
    labels = {c.id: c.label for c in feedback.content().stall_causes}
    tops = ([s.ranked[0].id] for s in stalls if s.answers)
    found = distribution("Most likely cause of a stalled promotion", "Cause", "single", tops, labels, k,
                         "[00:26:26]-[00:29:41]", "The ranking is the kit's own. Only people who answered the questions are counted.")
    return [found] if found else []


def shadows_chosen(values: list[Any], k: int) -> list[Distribution]:
    from careerkit.modules.feedback import domain as feedback

    shadows = _models("feedback.shadows", values)
    labels = {s.id: f"{s.label} (shadow: {s.shadow.lower()})" for s in feedback.content().superpowers}
    found = distribution("Superpowers chosen, and their shadows", "Superpower", "multi",
                         (s.superpowers for s in shadows), labels, k, "[00:53:11]",
                         "A participant may choose several superpowers.")
    return [found] if found else []


SCORE_BANDS = (("0-39", 0, 39), ("40-59", 40, 59), ("60-79", 60, 79), ("80-100", 80, 100))


def drill_scores(values: list[Any], k: int) -> list[Distribution]:
    from careerkit.modules.feedback import drill

    logs = _models("feedback.repeat_back", values)
    means = [drill.drill_summary(log)["mean_score"] for log in logs]
    bands = {band: band for band, _, _ in SCORE_BANDS}
    groups = ([next(b for b, low, high in SCORE_BANDS if low <= round(m) <= high)] for m in means if m is not None)
    found = distribution("Repeat-back drill: each person's mean score", "Score band", "single", groups, bands, k,
                         "[00:32:21]", "Scores are the kit's own measure of a repeat-back, out of 100.")
    return [found] if found else []


def act3_arcs(values: list[Any], k: int) -> list[Distribution]:
    from careerkit.modules.act3 import domain as act3

    arcs = _models("act3.arcs", values)
    content = act3.content()
    directions = {"scaled_economics": "Scaled economics", "giving": "Giving", "both": "Both, mixed",
                  "neither": "Neither pulls yet"}
    directions.update({arc.id: arc.label for arc in content.arcs})
    forms = {form.id: f"{arc.label}: {form.label}" for arc in content.arcs for form in arc.forms}
    reference = date(2026, 1, 1)  # the direction does not depend on the date; step checks do and are not used
    return [d for d in (
        distribution("Where each person's Act 3 energy points", "Arc", "single",
                     ([act3.read_arcs(a, reference).direction] for a in arcs), directions, k, "[01:09:09]-[01:09:41]"),
        distribution("Forms of each arc people want to try", "Form", "multi",
                     ({f for plan in a.plans for f in plan.forms} for a in arcs), forms, k, "[01:09:41]"),
    ) if d]


SUMMARIES: dict[str, Callable[[list[Any], int], list[Distribution]]] = {
    "versioning.roadmap": stage_coverage,
    "lanes.ratings": lane_choices,
    "feedback.promotion_stall": stall_causes,
    "feedback.shadows": shadows_chosen,
    "feedback.repeat_back": drill_scores,
    "act3.arcs": act3_arcs,
}


# quotes: only free-text fields, only with consent
def free_text(answer: Any) -> list[str]:
    """The participant's own sentences in an answer: text fields they type (a length limit and a label,
    ``title=``), at least QUOTE_WORDS words long. Ids, choices and the kit's own computed text never qualify."""
    from annotated_types import MaxLen
    from pydantic import BaseModel

    found: list[str] = []
    if isinstance(answer, BaseModel):
        for name, info in type(answer).model_fields.items():
            value = getattr(answer, name)
            if isinstance(value, str):
                typed = info.title and any(isinstance(m, MaxLen) for m in info.metadata)
                if typed and len(value.split()) >= QUOTE_WORDS and not ID_LIKE.match(value):
                    found.append(" ".join(value.split()))
            else:
                found += free_text(value)
    elif isinstance(answer, list | tuple):
        for item in answer:
            found += free_text(item)
    elif isinstance(answer, dict):
        for item in answer.values():
            found += free_text(item)
    return found


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"


# the whole room
@dataclass(repr=False)
class CohortReport:
    exchange: str  # the room export (or room URL) it was built from
    k: int
    participants: int
    sections: list[Section]
    skipped: int

    @property
    def enough(self) -> bool:
        return self.participants >= self.k

    def __repr__(self) -> str:
        if not self.enough:
            return f"The room: fewer than {self.k} participants have shared anything yet."
        return f"The room: {self.participants} participants, {len(self.sections)} modules, groups under {self.k} hidden."

    def _repr_html_(self) -> str:
        from careerkit.room.report_html import overview_html

        return overview_html(self)

    def html(self) -> str:
        from careerkit.room.report_html import report_html

        return report_html(self)


def _module_titles() -> dict[str, str]:
    from careerkit.build.agenda import discover_modules

    try:
        return {m.name: m.label for m in discover_modules()}
    except CareerkitError:
        return {}


def _exercise_titles() -> dict[str, str]:
    from careerkit.build.agenda import discover_modules

    try:
        return {e.key: e.title for m in discover_modules() for e in m.exercises}
    except CareerkitError:
        return {}


def build_report(exchange: str | Path, k: int = K_DEFAULT, token: str = "") -> CohortReport:
    """Collect a room export (or the room at a URL) and summarise it per module, hiding every group under ``k``."""
    from careerkit.room.cohort import collect

    k = check_k(k)
    result = collect(exchange, token=token)
    table = result.table
    participants = result.participants
    module_titles, exercise_titles = _module_titles(), _exercise_titles()
    order = list(module_titles) + sorted(set(table["module"]) - set(module_titles))
    sections = []
    for module in order:
        rows = table[table["module"] == module]
        if rows.empty:
            continue
        section = Section(module, module_titles.get(module, module.replace("_", " ").title()), k)
        ranked = {key: index for index, key in enumerate(exercise_titles)}
        for key, group in sorted(rows.groupby("key", sort=False), key=lambda kg: (ranked.get(kg[0], len(ranked)), kg[0])):
            title = exercise_titles.get(key, key)
            people = group["participant"].nunique()
            section.shared[title] = people if people >= k else None
            if people < k:
                continue
            if key in SUMMARIES:
                section.distributions += SUMMARIES[key](list(group["value"]), k)
            quoted = _models(key, list(group.loc[group["quote"], "value"]))
            texts = sorted({_quote(t) for answer in quoted for t in free_text(answer)})
            if texts:
                section.quotes[title] = texts[:QUOTES_PER_EXERCISE]
        sections.append(section)
    return CohortReport(str(exchange), k, participants, sections if participants >= k else [], len(result.problems))


def write_report(exchange: str | Path, output: str | Path, k: int = K_DEFAULT, token: str = "") -> str:
    """``careerkit report``: write the self-contained HTML report; returns a sentence saying what it holds."""
    room = build_report(exchange, k, token)
    path = Path(output)
    try:
        path.write_text(room.html(), encoding="utf-8")
    except OSError as err:
        raise CareerkitError(f"The report could not be written to {path} ({err.strerror}).") from None
    if not room.enough:
        return f"Wrote {path}: fewer than {room.k} participants have shared anything yet, so it shows no groups."
    hidden = sum(d.hidden for s in room.sections for d in s.distributions)
    return (f"Wrote {path}: {room.participants} participants across {len(room.sections)} modules; "
            f"{hidden} group{'s' if hidden != 1 else ''} under {room.k} people hidden"
            + (f"; {room.skipped} problem{'s' if room.skipped != 1 else ''} while collecting (run careerkit collect)."
               if room.skipped else "."))
