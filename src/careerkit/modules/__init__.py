"""The workshop modules, one folder each (``modules/<module>/``), and the registry of their exercises.

Each module's ``views.py`` exports ``EXERCISES = {name: ViewClass}``; ``show("lanes.energy_log")`` finds the view in
``modules/lanes/views.py``. Adding a module is adding its folder (content, domain, views, charts) and its notebook.
"""

from __future__ import annotations

import importlib

from careerkit.content.text import texts
from careerkit.errors import CareerkitError
from careerkit.store.workbook import KEY_PATTERN, Workbook


def exercise_class(key: str):
    """The view class for ``module.exercise`` (imported on first use)."""
    if not KEY_PATTERN.match(key):
        raise CareerkitError(texts("ui")("exercises.not_a_key", key=key))
    module_name, name = key.split(".")
    try:
        module = importlib.import_module(f"careerkit.modules.{module_name}.views")
    except ModuleNotFoundError:
        raise CareerkitError(texts("ui")("exercises.no_module", module=module_name)) from None
    exercises = getattr(module, "EXERCISES", {})
    if name not in exercises:
        raise CareerkitError(texts("ui")("exercises.no_exercise", module=module_name, name=name, names=", ".join(exercises)))
    return exercises[name]


def show(key: str, workbook: Workbook | None = None):
    """Build the exercise view for ``key``; a notebook cell displays the returned view."""
    return exercise_class(key)(workbook)
