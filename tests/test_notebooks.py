"""Every module notebook runs top to bottom with the demo participant, and its stable outputs match
the expected copy in tests/expected/ (widget model ids and widget state ignored explicitly).

Regenerate the expected copies after changing a notebook: ``make regen``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from pytest_notebook.nb_regression import NBRegressionError, NBRegressionFixture

from careerkit.constants import ENV_DEMO, ENV_HOME

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
    fixture.check(str(expected))
