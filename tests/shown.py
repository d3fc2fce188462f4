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


def shown_text(view) -> str:
    """Every word an exercise puts on screen: its heading, labels, hints, placeholders, tooltips, options, feedback."""
    from careerkit.ui.exercise import plain_text

    words = [view.title, view.message.value]
    for leaf in leaves(view.box):
        if isinstance(leaf, (w.HTML, w.HTMLMath, w.Label)):
            words.append(leaf.value)
        for name in ("description", "placeholder", "tooltip"):
            words.append(getattr(leaf, name, "") or "")
        words.extend(str(label) for label in getattr(leaf, "_options_labels", ()))
    return plain_text("\n".join(words))


def chart_words(fig) -> list[str]:
    """The words a chart draws: title, axis labels, ticks, annotations and every legend (the figure is closed)."""
    import matplotlib.pyplot as plt

    ax = fig.axes[0]
    words = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    words += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels() + ax.texts]
    for axes in fig.axes:
        legend = axes.get_legend()
        if legend is not None:
            words += [t.get_text() for t in legend.get_texts()]
    plt.close(fig)
    return [" ".join(word.split()) for word in words]  # a long label is wrapped onto two lines


CONTENT_WORDS = ("label", "hint", "text", "note", "giver", "summary", "shadow", "base_rate_note")


def english_sentences(module) -> list[str]:
    """A module folder's English sentences of three words or more (its pack's, without placeholders, where the
    Spanish pack says something else; its content's labels, hints and texts), which no Spanish screen should show."""
    import tomllib

    from careerkit.content.text import flatten

    pack = flatten(tomllib.loads((module / "text.toml").read_text(encoding="utf-8")))
    spanish = flatten(tomllib.loads((module / "text.es.toml").read_text(encoding="utf-8")))
    found = []
    for key, value in pack.items():
        texts = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
        found += [text for text in texts if isinstance(text, str) and "{" not in text and len(text.split()) >= 3
                  and text != spanish.get(key)]

    def words_of(data):
        if isinstance(data, dict):
            yield from (data[f] for f in CONTENT_WORDS if len(str(data.get(f, "")).split()) >= 3)
            for value in data.values():
                yield from words_of(value)
        elif isinstance(data, list):
            for value in data:
                yield from words_of(value)

    content = module / "content.toml"
    if content.is_file():
        found += words_of(tomllib.loads(content.read_text(encoding="utf-8")))
    return found


def assert_filled_in_spanish(view, saved: dict[str, Any], english: list[str]) -> None:
    """A Spanish learner's exercise shows the saved answer, names no problem, and shows none of ``english`` (a
    module's sentences from ``english_sentences``)."""
    assert_shows(view, saved)
    assert "ck-problem" not in view.message.value, view.key
    words = shown_text(view)
    left = [sentence for sentence in english if sentence in words]
    assert not left, f"{view.key}: English left on screen: {left}"
