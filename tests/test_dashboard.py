"""The cohort dashboard runs top to bottom on the demo cohort, shows what it showed before, and never a private word.

Regenerate its expected copy after changing the dashboard or the demo cohort:
``.venv/bin/python -m pytest tests/test_dashboard.py --regen-notebooks``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from pytest_notebook.execution import execute_notebook
from pytest_notebook.nb_regression import NBRegressionError, NBRegressionFixture

from careerkit.modules import exercise_class
from careerkit.room import sharing

ROOT = Path(__file__).resolve().parents[1]
WORKSHOP = ROOT / "workshop"
DASHBOARD = WORKSHOP / "dashboard.ipynb"
EXPECTED = ROOT / "tests" / "expected" / "dashboard.ipynb"
PNG = "image/png"
# Charts are compared through their alt text and the tables beside them; their pixels are ignored on purpose,
# as is the widget state nbclient stores (importing the exercise models creates layout widgets).
DIFF_IGNORE = ("/metadata/widgets", "/metadata/language_info", "/cells/*/metadata/execution", f"/cells/*/outputs/*/data/{PNG}")


def _inputs(nb) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in nb.cells]


def _drop_pixels(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            if PNG in output.get("data", {}):
                output["data"][PNG] = ""
    nbformat.write(nb, path)


def test_dashboard_is_stored_clean():
    nb = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    assert all(c["outputs"] == [] for c in nb["cells"] if c["cell_type"] == "code")
    assert all("hide-input" in c["metadata"]["tags"] for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.notebook
def test_dashboard_runs_on_the_demo_cohort_and_matches_expected(request):
    fixture = NBRegressionFixture(
        exec_timeout=180,
        exec_cwd=str(WORKSHOP),
        diff_ignore=DIFF_IGNORE,
        diff_color_words=False,
        diff_use_color=False,
    )
    if request.config.getoption("--regen-notebooks"):
        shutil.copyfile(DASHBOARD, EXPECTED)
        fixture.force_regen = True
        try:
            fixture.check(str(EXPECTED))
        except NBRegressionError:
            pass
        _drop_pixels(EXPECTED)
        return
    stored = nbformat.read(EXPECTED, as_version=4)
    assert _inputs(stored) == _inputs(nbformat.read(DASHBOARD, as_version=4)), "dashboard changed: regenerate"
    text = EXPECTED.read_text(encoding="utf-8")
    assert "The room: 24 participants" in text and "fewer than 3" in text  # the expected copy is a real run
    fixture.check(str(EXPECTED))


@pytest.mark.notebook
def test_dashboard_on_a_real_room_shows_no_private_or_unquoted_words(make_workbook, room_server):
    private, unquoted = "PRIVATE-CANARY-d4sh", "UNQUOTED-CANARY-d4sh"
    for number in range(3):
        book = make_workbook(f"Person {number}")
        sharing.join(book, room_server.url, room_server.code)
        for key, value in (
            ("lanes.ratings", {"chosen": ["growth"], "why": f"{unquoted} because it is where my energy goes"}),
            ("versioning.end_state", {"role": "CPO", "why": f"{private} a reason I keep to myself"}),
        ):
            book.save_answer(key, exercise_class(key).Model.model_validate(value).model_dump(mode="json"))
        sharing.share(book, "lanes.ratings")
    assert len(room_server.facilitator.export()["rows"]) == 3  # shared, before looking for canaries
    result = execute_notebook(
        nbformat.read(DASHBOARD, as_version=4), cwd=str(WORKSHOP), timeout=180,
        exec_env={"CAREERKIT_ROOM_URL": room_server.url, "CAREERKIT_ROOM_TOKEN": room_server.token},
    )
    assert result.exec_error is None, result.exec_error
    shown = json.dumps(result.notebook)
    assert "The room: 3 participants" in shown  # it read this room, not the demo cohort
    assert private not in shown and unquoted not in shown
