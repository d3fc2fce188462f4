"""What the room accepts: a value that fits its exercise's answer model, from an exercise that may be shared.

The registry is the kit's own: ``careerkit.modules.exercise_class("module.exercise")`` gives the view,
whose ``Model`` validates the answer and whose ``shareable = False`` marks a private-by-design exercise
(``act3.rabbit``). An answer shared without consent to quote is stored with every typed text field
emptied (a field with a label and a length limit, the same rule the report uses for quotes): the room
then holds the participant's choices and numbers, never their sentences.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from careerkit.errors import CareerkitError, RoomError
from careerkit.store.workbook import KEY_PATTERN


def _model_for(key: str):
    """The answer model of a shareable exercise; a RoomError for a malformed, unknown or private one."""
    if not isinstance(key, str) or len(key) > 64 or not KEY_PATTERN.match(key):
        raise RoomError(400, "bad_key", "An exercise is named like 'versioning.roadmap'.")
    return _registered_model(key)


def _registered_model(key: str):
    view = _view(key)
    model = getattr(view, "Model", None)
    if model is None:
        raise RoomError(404, "unknown_exercise", f"'{key}' is not an exercise whose answers can be shared.")
    if not getattr(view, "shareable", True):
        raise RoomError(403, "private_exercise", f"'{key}' is private by design: its answers are never shared.")
    return model


@cache
def _view(key: str):
    from careerkit.modules import exercise_class

    try:
        return exercise_class(key)
    except CareerkitError:
        raise RoomError(404, "unknown_exercise", f"The kit has no exercise '{key}'.") from None


def check_key(key: str) -> None:
    """Refuse a key that is not a shareable exercise of this kit."""
    _model_for(key)


def is_shareable(key: str) -> bool:
    try:
        _model_for(key)
    except RoomError:
        return False
    return True


def check_answer(key: str, value: Any, quote: bool) -> Any:
    """The value as the room stores it (validated, normalised; typed text emptied unless ``quote``)."""
    from pydantic import ValidationError

    model = _model_for(key)
    try:
        answer = model.model_validate(value)
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'the answer'}: {e['msg']}" for e in err.errors()[:5]
        )
        raise RoomError(422, "invalid_answer", f"The answer does not fit '{key}' ({problems}); nothing was stored.") from None
    dumped = answer.model_dump(mode="json")
    return dumped if quote else redact(answer, dumped)


def redact(answer: Any, dumped: Any) -> Any:
    """``dumped`` with every typed text field of ``answer`` emptied (recursively through rows and lists)."""
    from pydantic import BaseModel

    if isinstance(answer, BaseModel) and isinstance(dumped, dict):
        out = dict(dumped)
        typed = _typed_text_fields(type(answer))
        for name in type(answer).model_fields:
            if name not in out:
                continue
            value = getattr(answer, name)
            if isinstance(value, str):
                if name in typed:
                    out[name] = ""
            else:
                out[name] = redact(value, out[name])
        return out
    if isinstance(answer, list | tuple) and isinstance(dumped, list):
        return [redact(a, d) for a, d in zip(answer, dumped, strict=False)]
    if isinstance(answer, dict) and isinstance(dumped, dict):
        return {k: redact(answer[k], dumped[k]) if k in answer else dumped[k] for k in dumped}
    return dumped


@cache
def _typed_text_fields(model: type) -> frozenset[str]:
    """The fields of ``model`` a participant types into: titled, length-capped text."""
    from annotated_types import MaxLen

    return frozenset(name for name, info in model.model_fields.items()
                     if info.title and any(isinstance(m, MaxLen) for m in info.metadata))
