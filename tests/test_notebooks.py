"""Every module notebook runs top to bottom with the demo participant, and its stable outputs match
the expected copy in tests/expected/ (widget model ids and widget state ignored explicitly).

The expected copies are regenerated from the code, so they cannot tell a right output from a wrong one.
What the participant sees in each exercise is checked apart from them: the executed notebook's widget state
must hold, in each exercise's input controls, what the demo participant saved (modules/*/demo.json).

Regenerate the expected copies after changing a notebook: ``make regen``.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from pytest_notebook.nb_regression import NBRegressionError, NBRegressionFixture

from careerkit.constants import ENV_DEMO, ENV_HOME
from careerkit.content import demo_answers
from careerkit.modules.act3 import domain as act3
from careerkit.modules.feedback import domain as feedback
from shown import DERIVED, sentences

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPECTED = ROOT / "tests" / "expected"

# What changes on every run and is ignored on purpose; everything else is compared.
DIFF_IGNORE = (
    "/metadata/widgets",
    "/metadata/language_info",
    "/cells/*/outputs/*/data/application/vnd.jupyter.widget-view+json",
    "/cells/*/metadata/execution",
)


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SHOW = re.compile(r"""ck\.show\(["']([a-z0-9_]+\.[a-z0-9_]+)["']\)""")
PLAN = "plan."  # 05_my_plan's views read the other modules' answers and have none of their own
# Numbers picked from labelled buttons: the state keeps the button's label, so the label is looked for.
SCALES = {
    "feedback.promotion_stall": ("answers", lambda: feedback.content().stall_scale),
    "act3.rabbit": ("signs", lambda: {f.value: f.label for f in act3.content().frequencies}),
}
NOT_INPUT = {"HTMLModel", "HTMLMathModel", "LabelModel", "ButtonModel", "OutputModel"}


def _children(state: dict, model_id: str):
    """The widget models under ``model_id`` in the notebook's saved widget state, leaves only."""
    model = state[model_id]["state"]
    kids = [ref.removeprefix("IPY_MODEL_") for ref in model.get("children", [])]
    if not kids:
        yield state[model_id]
    for kid in kids:
        yield from _children(state, kid)


def _shown(model: dict) -> list:
    """What one input control displays, from its saved state: its value, or its chosen options' labels."""
    state = model["state"]
    name = model["model_name"]
    if name == "CheckboxModel":
        return [state.get("description")] if state.get("value") else []
    if "_options_labels" in state:
        index = state.get("index")
        picked = index if isinstance(index, list) else [] if index is None else [index]
        return [state["_options_labels"][i] for i in picked]
    value = state.get("value")
    if "ck-number" in state.get("_dom_classes", []) and re.fullmatch(r"-?\d+", value or ""):
        return [int(value)]  # a number box shows its number as text
    return list(value) if isinstance(value, list) else [value]


def _numbers(key: str, value) -> list:
    if isinstance(value, dict):
        skip = DERIVED.get(key, set()) | {SCALES[key][0]} if key in SCALES else DERIVED.get(key, set())
        return [n for k, v in value.items() if k not in skip for n in _numbers("", v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers("", v)]
    return [value] if isinstance(value, int | float) and not isinstance(value, bool) else []


def assert_exercises_show_the_demo_answers(nb) -> int:
    """Each exercise cell's widget has input controls holding the demo participant's saved answer."""
    state = nb.metadata["widgets"][WIDGET_STATE]["state"]
    demo = demo_answers()
    checked = 0
    for cell in nb.cells:
        match = SHOW.search(cell.source) if cell.cell_type == "code" else None
        if not match or match.group(1) not in demo:
            continue
        key = match.group(1)
        [view] = [o["data"][WIDGET_VIEW]["model_id"] for o in cell.outputs if WIDGET_VIEW in o.get("data", {})]
        controls = [m for m in _children(state, view) if m["model_name"] not in NOT_INPUT and "value" in m["state"]
                    or "_options_labels" in m["state"]]
        assert controls, f"{key}: the exercise shows no input control"
        shown = [v for m in controls for v in _shown(m)]
        missing = [s for s in sentences(key, demo[key]) if s not in shown]
        assert not missing, f"{key}: the demo's answer is not in any control: {missing}"
        numbers = Counter(v for v in shown if isinstance(v, int | float) and not isinstance(v, bool))
        wanted = Counter(_numbers(key, demo[key]))
        assert not wanted - numbers, f"{key}: numbers saved but not shown: {sorted((wanted - numbers).elements())}"
        if key in SCALES:
            field, scale = SCALES[key]
            labels = Counter(scale()[n] for n in demo[key][field].values())
            assert not labels - Counter(shown), f"{key}: choices saved but not shown: {labels - Counter(shown)}"
        checked += 1
    return checked


def _inputs(nb) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in nb.cells]


def strip_volatile(path: Path) -> None:
    """Expected copies keep only stable outputs: no widget state (base64 charts, model ids) in the file."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                view["model_id"] = "MODEL_ID"
    nbformat.write(nb, path)


@pytest.mark.notebook
@pytest.mark.parametrize("source", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_matches_expected(source: Path, request, tmp_path):
    expected = EXPECTED / source.name
    regen = request.config.getoption("--regen-notebooks")
    fixture = NBRegressionFixture(
        exec_timeout=180,
        exec_cwd=str(source.parent),
        exec_env={ENV_DEMO: "1", ENV_HOME: str(tmp_path / "home")},
        diff_ignore=DIFF_IGNORE,
        diff_replace=(("/cells/*/outputs", r"\b[0-9a-f]{32}\b", "MODEL_ID"),),
        diff_color_words=False,
        diff_use_color=False,
    )
    if regen:
        EXPECTED.mkdir(exist_ok=True)
        shutil.copyfile(source, expected)
        fixture.force_regen = True
        try:
            fixture.check(str(expected))
        except NBRegressionError:
            pass
        strip_volatile(expected)
        return
    assert expected.exists(), f"No expected outputs for {source.name}: run `make regen`."
    stored = nbformat.read(expected, as_version=4)
    current = nbformat.read(source, as_version=4)
    assert _inputs(stored) == _inputs(current), f"{source.name} changed since its expected copy: run `make regen`."
    result = fixture.check(str(expected))
    exercises = sum(1 for cell in current.cells if SHOW.search(cell.source) and SHOW.search(cell.source).group(1) in demo_answers())
    assert assert_exercises_show_the_demo_answers(result.nb_final) == exercises
