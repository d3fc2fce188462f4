"""Module 2, the IC or manager path [00:35:28]-[00:44:00]: a balanced read of which path fits now.

The source: the managerial path [00:35:28]-[00:38:57] and the senior IC path [00:40:46]-[00:44:00].
The activities, helping styles and experiments are content, in ``modules/lanes/content.toml``.
No widgets and no I/O beyond loading content.
"""

from __future__ import annotations

from statistics import mean
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from careerkit.modules.lanes.domain import LONG, RATING, PathActivity, PathKind, content


class PathAnswer(BaseModel):
    """The ``lanes.path`` answer.

    Value shape: ``{"enjoy": {activity_id: 0-10}, "helping_style": style_id or "", "invited": 0-10,
    "invited_example": str, "leaning": "ic" | "manager" | "unsure"}``; every activity id of
    ``modules/lanes/content.toml`` is present in ``enjoy``.
    """

    enjoy: dict[str, int] = Field(default_factory=dict, title="What you enjoy", validate_default=True)
    helping_style: str = Field("", title="How you help a colleague")
    invited: int = Field(5, ge=RATING[0], le=RATING[1], title="How often colleagues invite you in")
    invited_example: str = Field("", max_length=LONG, title="An example")
    leaning: Literal["ic", "manager", "unsure"] = Field("unsure", title="Your own leaning")

    @field_validator("enjoy")
    @classmethod
    def _enjoy(cls, value: dict[str, int]) -> dict[str, int]:
        labels = {a.id: a.label for a in content().path_activities}
        for key, level in value.items():
            if key not in labels:
                raise ValueError(f"'{key}' is not one of the activities")
            if not RATING[0] <= level <= RATING[1]:
                raise ValueError(f"'{labels[key]}' is {level}: rate it from {RATING[0]} to {RATING[1]}")
        return {a: value.get(a, 5) for a in labels}

    @field_validator("helping_style")
    @classmethod
    def _style(cls, value: str) -> str:
        if value and value not in {s.id for s in content().helping_styles}:
            raise ValueError("choose one of the ways of helping listed")
        return value


class PathRead(BaseModel):
    fit: Literal["ic", "manager", "both", "unclear"]
    headline: str
    ic_score: float
    manager_score: float
    for_ic: list[str]
    for_manager: list[str]
    cautions: list[str]
    experiments: list[str]


def _side(answer: PathAnswer, path: PathKind) -> list[tuple[PathActivity, int]]:
    return [(a, answer.enjoy[a.id]) for a in content().path_activities if a.leans == path]


def _liked(pairs: list[tuple[PathActivity, int]], high: bool) -> list[str]:
    chosen = [(a, v) for a, v in pairs if (v >= 7 if high else v <= 3)]
    return [f"You {'enjoy' if high else 'do not enjoy'} {a.label[0].lower() + a.label[1:]} ({v}/10) {a.timestamp}."
            for a, v in chosen]


def _manager_signals(answer: PathAnswer) -> tuple[float, list[str], list[str]]:
    """Bonus for the manager side, with reasons for and cautions, from the sidecar and the invitations."""
    styles = {s.id: s for s in content().helping_styles}
    style = styles.get(answer.helping_style)
    bonus = 0.0
    reasons, cautions = [], []
    if style is not None and style.sidecar:
        bonus += 1
        reasons.append("You already help from the sidecar: counsel while the other person steers [00:37:19].")
    elif style is not None:
        cautions.append(
            f"You help like this: \"{style.label}\". Managing is neither dividing tasks nor teaching and letting go: "
            "it is the sidecar, counsel from a supporting seat [00:37:19]."
        )
    bonus += (answer.invited - 5) / 5
    if answer.invited >= 7:
        reasons.append(
            f"Colleagues invite you into their work ({answer.invited}/10): you are earning the right to manage [00:38:21]."
        )
    elif answer.invited <= 3:
        cautions.append(
            f"Colleagues rarely invite you in ({answer.invited}/10). A manager has power, yet must earn the right to be "
            "invited in [00:38:21]: offer help on one specific area and wait for the invitation [00:38:57]."
        )
    return bonus, reasons, cautions


def _experiments(fit: str) -> list[str]:
    items = content().path_experiments
    first: list[PathKind] = ["manager", "ic"] if fit == "manager" else ["ic", "manager"]
    chosen = [e for e in items if e.path == first[0]][:2] + [e for e in items if e.path == first[1]][:1]
    if fit in ("both", "unclear"):
        ic, mgr = [e for e in items if e.path == "ic"][:2], [e for e in items if e.path == "manager"][:2]
        chosen = [e for pair in zip(ic, mgr, strict=False) for e in pair]
    return [f"{'IC' if e.path == 'ic' else 'Manager'} test: {e.label} {e.cite}" for e in chosen]


def read_path(answer: PathAnswer) -> PathRead:
    """A balanced read of which path fits now, with the reasons on both sides and experiments to test it."""
    ic_side, mgr_side = _side(answer, "ic"), _side(answer, "manager")
    ic_score = round(mean(v for _, v in ic_side), 1)
    mgr_mean = mean(v for _, v in mgr_side)
    bonus, mgr_reasons, cautions = _manager_signals(answer)
    mgr_score = round(mgr_mean + bonus, 1)
    for_ic = _liked(ic_side, True) + _liked(mgr_side, False)
    for_manager = _liked(mgr_side, True) + mgr_reasons + _liked(ic_side, False)
    for_ic.append(
        "The senior IC track keeps you building and lets you go world-class in one ambiguity [00:41:51]; "
        "a positive development for the industry [00:40:46], well established in engineering and design and expected "
        "to become a stronger, more solid career path [00:43:00]."
    )
    for_manager.append(
        "Managers spend more time on documentation, resource justification and headcount [00:44:00]; "
        "the manager side counts how much you enjoy exactly that (the kit's own scoring)."
    )
    gap = ic_score - mgr_score
    if gap >= 1.5:
        fit: Literal["ic", "manager", "both", "unclear"] = "ic"
        headline = f"For now, your answers lean to the IC path ({ic_score:g} against {mgr_score:g})."
    elif gap <= -1.5:
        fit = "manager"
        headline = f"For now, your answers lean to the manager path ({mgr_score:g} against {ic_score:g})."
    elif min(ic_score, mgr_score) >= 6:
        fit = "both"
        headline = f"Both paths draw you ({ic_score:g} IC, {mgr_score:g} manager): test one before you choose."
    else:
        fit = "unclear"
        headline = f"No clear lean yet ({ic_score:g} IC, {mgr_score:g} manager): the experiments below will tell you more."
    if answer.leaning in ("ic", "manager") and fit in ("ic", "manager") and answer.leaning != fit:
        cautions.append(
            f"You said you lean {'IC' if answer.leaning == 'ic' else 'manager'}, and your answers lean the other way. "
            "Which answer would you change?"
        )
    if answer.leaning == "manager" or fit == "manager":
        cautions.append(
            "Many people were made managers for their technical prowess, without training [00:35:28]: "
            "plan how you will learn to manage, not only when."
        )
    return PathRead(
        fit=fit, headline=headline, ic_score=ic_score, manager_score=mgr_score,
        for_ic=for_ic, for_manager=for_manager, cautions=cautions, experiments=_experiments(fit),
    )
