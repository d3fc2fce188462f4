"""Module 2, the IC or manager path [00:35:28]-[00:44:00]: a balanced read of which path fits now.

The source: the managerial path [00:35:28]-[00:38:57] and the senior IC path [00:40:46]-[00:44:00].
The activities, helping styles and experiments are content, in ``modules/lanes/content.toml``.
No widgets and no I/O beyond loading content.
"""

from __future__ import annotations

from statistics import mean
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from careerkit.content.text import ref, texts
from careerkit.modules.lanes.domain import LONG, RATING, PathActivity, PathKind, content


class PathAnswer(BaseModel):
    """The ``lanes.path`` answer.

    Value shape: ``{"enjoy": {activity_id: 0-10}, "helping_style": style_id or "", "invited": 0-10,
    "invited_example": str, "leaning": "ic" | "manager" | "unsure"}``; every activity id of
    ``modules/lanes/content.toml`` is present in ``enjoy``.
    """

    enjoy: dict[str, int] = Field(default_factory=dict, title=ref("lanes", "path.fields.enjoy"), validate_default=True)
    helping_style: str = Field("", title=ref("lanes", "path.fields.helping_style"))
    invited: int = Field(5, ge=RATING[0], le=RATING[1], title=ref("lanes", "path.fields.invited"))
    invited_example: str = Field("", max_length=LONG, title=ref("lanes", "path.fields.invited_example"))
    leaning: Literal["ic", "manager", "unsure"] = Field("unsure", title=ref("lanes", "path.fields.leaning"))

    @field_validator("enjoy")
    @classmethod
    def _enjoy(cls, value: dict[str, int]) -> dict[str, int]:
        t = texts("lanes")
        labels = {a.id: a.label for a in content().path_activities}
        for key, level in value.items():
            if key not in labels:
                raise ValueError(t("path.unknown_activity", activity=key))
            if not RATING[0] <= level <= RATING[1]:
                raise ValueError(t("path.activity_out_of_range", activity=labels[key], value=level, low=RATING[0],
                                   high=RATING[1]))
        return {a: value.get(a, 5) for a in labels}

    @field_validator("helping_style")
    @classmethod
    def _style(cls, value: str) -> str:
        if value and value not in {s.id for s in content().helping_styles}:
            raise ValueError(texts("lanes")("path.unknown_style"))
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
    t = texts("lanes")
    chosen = [(a, v) for a, v in pairs if (v >= 7 if high else v <= 3)]
    key = "path.feedback.enjoy" if high else "path.feedback.not_enjoy"
    return [t(key, activity=a.label[0].lower() + a.label[1:], level=v, cite=a.timestamp) for a, v in chosen]


def _manager_signals(answer: PathAnswer) -> tuple[float, list[str], list[str]]:
    """Bonus for the manager side, with reasons for and cautions, from the sidecar and the invitations."""
    t = texts("lanes")
    styles = {s.id: s for s in content().helping_styles}
    style = styles.get(answer.helping_style)
    bonus = 0.0
    reasons, cautions = [], []
    if style is not None and style.sidecar:
        bonus += 1
        reasons.append(t("path.feedback.sidecar"))
    elif style is not None:
        cautions.append(t("path.feedback.helps_like", style=style.label))
    bonus += (answer.invited - 5) / 5
    if answer.invited >= 7:
        reasons.append(t("path.feedback.invited", invited=answer.invited))
    elif answer.invited <= 3:
        cautions.append(t("path.feedback.rarely_invited", invited=answer.invited))
    return bonus, reasons, cautions


def _experiments(fit: str) -> list[str]:
    items = content().path_experiments
    first: list[PathKind] = ["manager", "ic"] if fit == "manager" else ["ic", "manager"]
    chosen = [e for e in items if e.path == first[0]][:2] + [e for e in items if e.path == first[1]][:1]
    if fit in ("both", "unclear"):
        ic, mgr = [e for e in items if e.path == "ic"][:2], [e for e in items if e.path == "manager"][:2]
        chosen = [e for pair in zip(ic, mgr, strict=False) for e in pair]
    t = texts("lanes")
    return [t(f"path.feedback.{'ic' if e.path == 'ic' else 'manager'}_test", experiment=e.label, cite=e.cite)
            for e in chosen]


def read_path(answer: PathAnswer) -> PathRead:
    """A balanced read of which path fits now, with the reasons on both sides and experiments to test it."""
    t = texts("lanes")
    ic_side, mgr_side = _side(answer, "ic"), _side(answer, "manager")
    ic_score = round(mean(v for _, v in ic_side), 1)
    mgr_mean = mean(v for _, v in mgr_side)
    bonus, mgr_reasons, cautions = _manager_signals(answer)
    mgr_score = round(mgr_mean + bonus, 1)
    for_ic = _liked(ic_side, True) + _liked(mgr_side, False)
    for_manager = _liked(mgr_side, True) + mgr_reasons + _liked(ic_side, False)
    for_ic.append(t("path.feedback.senior_ic"))
    for_manager.append(t("path.feedback.manager_time"))
    gap = ic_score - mgr_score
    if gap >= 1.5:
        fit: Literal["ic", "manager", "both", "unclear"] = "ic"
    elif gap <= -1.5:
        fit = "manager"
    elif min(ic_score, mgr_score) >= 6:
        fit = "both"
    else:
        fit = "unclear"
    key = {"ic": "leans_ic", "manager": "leans_manager", "both": "both", "unclear": "unclear"}[fit]
    headline = t(f"path.feedback.{key}", ic=f"{ic_score:g}", manager=f"{mgr_score:g}")
    if answer.leaning in ("ic", "manager") and fit in ("ic", "manager") and answer.leaning != fit:
        cautions.append(t(f"path.feedback.said_{answer.leaning}"))
    if answer.leaning == "manager" or fit == "manager":
        cautions.append(t("path.feedback.untrained"))
    return PathRead(
        fit=fit, headline=headline, ic_score=ic_score, manager_score=mgr_score,
        for_ic=for_ic, for_manager=for_manager, cautions=cautions, experiments=_experiments(fit),
    )
