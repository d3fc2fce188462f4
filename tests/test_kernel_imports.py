"""A module's kernel loads only what it shows: matplotlib (and numpy) when a chart is first drawn, pandas
only for the cohort tables, never for an exercise. Each check runs in a fresh interpreter, as a kernel is."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from careerkit.constants import ENV_DEMO, ENV_HOME

HEAVY = ("pandas", "matplotlib", "numpy", "PIL")


def imported_after(tmp_path, *lines: str) -> list[str]:
    script = "\n".join(["import sys", *lines, f"print(__import__('json').dumps([m for m in {HEAVY!r} if m in sys.modules]))"])
    env = dict(os.environ, **{ENV_DEMO: "1", ENV_HOME: str(tmp_path / "home")})
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_import_careerkit_loads_no_heavy_library(tmp_path):
    assert imported_after(tmp_path, "import careerkit") == []


@pytest.mark.parametrize("key", ["versioning.end_state", "versioning.promotion_check", "lanes.press_release"])
def test_the_banner_and_an_exercise_without_a_chart_load_neither_pandas_nor_matplotlib(tmp_path, key):
    shown = imported_after(tmp_path, "import careerkit as ck", "ck.start('01 Long-term versioning')",
                           f"view = ck.show({key!r})", "view._repr_mimebundle_()")
    assert shown == []


def test_an_exercise_with_a_chart_loads_matplotlib_when_it_draws_but_still_not_pandas(tmp_path):
    shown = imported_after(tmp_path, "import careerkit as ck", "view = ck.show('versioning.roadmap')",
                           "view._repr_mimebundle_()")
    assert "matplotlib" in shown and "pandas" not in shown
