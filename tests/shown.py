"""What a participant sees in an exercise's controls, for tests that check a restored answer is really shown.

``assert_shows(view, saved)`` compares the controls, read back through the view, with the saved answer, and
then, without the view's own ``read()``, finds every sentence the participant wrote among the values the
controls display. Restoring nothing, or filling the wrong box, fails both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import ipywidgets as w
from pydantic import BaseModel

# Parts of a saved answer that the exercise computes or keeps as history; they are not typed into a control.
DERIVED = {
    "feedback.repeat_back": {"history"},  # earlier attempts, drawn in the chart
    "feedback.promotion_stall": {"ranked"},  # the causes ranked from the statements ticked
    "feedback.shadows": {"pairs"},  # each superpower's shadow, from the content
}


def canonical(model: type[BaseModel], value: dict[str, Any]) -> Any:
    """The answer as the model keeps it; picks (lists of ids or of items with an id) compare as sets."""
    return _unordered(model.model_validate(value).model_dump(mode="json"))


def _unordered(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _unordered(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_unordered(v) for v in value]
        if items and all(isinstance(v, str) for v in items):
            return sorted(items)
        if items and all(isinstance(v, dict) and "id" in v for v in items):
            return sorted(items, key=lambda v: str(v["id"]))
        return items
    return value


def leaves(widget: w.Widget) -> Iterator[w.Widget]:
    if isinstance(widget, w.Box):
        for child in widget.children:
            yield from leaves(child)
    else:
        yield widget


def displayed_values(view) -> list[Any]:
    """Every value the input controls of ``view`` show: texts, numbers, chosen options, ticked boxes' labels."""
    values: list[Any] = []
    for leaf in leaves(view.box):
        if isinstance(leaf, (w.HTML, w.HTMLMath, w.Label)) or not isinstance(leaf, w.ValueWidget):
            continue
        if isinstance(leaf, w.Checkbox):
            if leaf.value:
                values.append(leaf.description)
            continue
        values.extend(leaf.value if isinstance(leaf.value, (tuple, list)) else [leaf.value])
        label = getattr(leaf, "label", None)
        values.extend(label if isinstance(label, (tuple, list)) else [label] if label else [])
    return values


def sentences(key: str, value: Any) -> list[str]:
    """The words a participant wrote or picked in a saved answer (strings with a space), derived parts left out."""
    if isinstance(value, dict):
        skip = DERIVED.get(key, set())
        return [s for k, v in value.items() if k not in skip for s in sentences("", v)]
    if isinstance(value, list):
        return [s for v in value for s in sentences("", v)]
    return [value] if isinstance(value, str) and " " in value.strip() else []


def assert_shows(view, saved: dict[str, Any]) -> None:
    key = view.key
    assert canonical(view.Model, view.read()) == canonical(view.Model, saved), f"{key}: the controls differ from the saved answer"
    shown = displayed_values(view)
    missing = [s for s in sentences(key, saved) if s not in shown]
    assert not missing, f"{key}: saved but not shown in any control: {missing}"
