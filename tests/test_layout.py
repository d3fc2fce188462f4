"""The package's tree shows its architecture: one folder per workshop module, imports pointing one way.

content -> domain -> store -> ui, views and charts -> notebooks; the room, the build, the lab and the CLI sit beside.
Every import is read from the source (module-level and inside functions alike), so a lazy import counts too.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "careerkit"
MODULES = sorted(p.name for p in (PACKAGE / "modules").iterdir() if (p / "__init__.py").is_file())
# files of a module folder that show things (widgets, charts) or write files; every other file is its domain
SHOWING = {"views.py", "drill_views.py", "charts.py", "export.py"}
# modules without content of their own: 00 only asks a name; the plan assembles the other modules' answers
WITHOUT_CONTENT = {"welcome", "plan"}
# modules with no exercise of their own (00's name box and room picker are called directly by careerkit.start & co.)
WITHOUT_EXERCISES = {"welcome"}
# the plan compares the workbook's saved versions: its domain reads the store's version record and diff, by design
DOMAIN_MAY_IMPORT = {("plan", "domain.py"): {"careerkit.store.workbook"}}
SHOW = re.compile(r"""\b(?:careerkit|ck)\.show\(\s*["']([a-z0-9_]+)\.[a-z0-9_]+["']""")


def imports(path: Path) -> set[str]:
    """Every module a file imports, by its full dotted name (``from a import b`` counts ``a`` and ``a.b``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def within(names: set[str], *prefixes: str) -> set[str]:
    return {n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes)}


def module_files(module: str) -> list[Path]:
    return sorted((PACKAGE / "modules" / module).glob("*.py"))


def test_the_kit_has_its_workshop_modules_and_no_leftover_flat_folders():
    assert MODULES == ["act3", "feedback", "lanes", "plan", "versioning", "welcome"]
    for gone in ("widgets", "plots", "templates", "jupyter_config"):
        assert not (PACKAGE / gone).exists(), f"src/careerkit/{gone} should have moved into its layer's folder"
    assert not (PACKAGE / "content" / "demo").exists()


@pytest.mark.parametrize("module", MODULES)
def test_a_modules_domain_imports_no_widgets_charts_store_or_views(module):
    for path in module_files(module):
        if path.name in SHOWING:
            continue
        names = imports(path)
        allowed = within(names, *DOMAIN_MAY_IMPORT.get((module, path.name), ()))
        wrong = within(names, "ipywidgets", "IPython", "matplotlib", "pandas", "careerkit.store", "careerkit.ui",
                       "careerkit.room", "careerkit.build", "careerkit.lab", "careerkit.cli") - allowed
        wrong |= {n for n in names if re.match(r"careerkit\.modules\.\w+\.(views|drill_views|charts|export)\b", n)}
        assert not wrong, f"modules/{module}/{path.name} is domain logic but imports {sorted(wrong)}"


@pytest.mark.parametrize("module", MODULES)
def test_no_module_imports_another_modules_views(module):
    for path in module_files(module):
        views = {n for n in imports(path) if re.match(r"careerkit\.modules\.(\w+)\.(views|drill_views)\b", n)}
        others = {n for n in views if n.split(".")[2] != module}
        assert not others, f"modules/{module}/{path.name} imports another module's views: {sorted(others)}"


def test_the_shared_ui_imports_no_workshop_module():
    for path in sorted((PACKAGE / "ui").glob("*.py")):
        assert not within(imports(path), "careerkit.modules"), f"ui/{path.name} imports a workshop module"


def test_content_and_the_store_import_no_view_chart_or_tool():
    for folder in ("content", "store"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            wrong = within(imports(path), "ipywidgets", "matplotlib", "careerkit.ui", "careerkit.room",
                           "careerkit.build", "careerkit.lab", "careerkit.cli")
            wrong |= {n for n in imports(path) if re.match(r"careerkit\.modules\.\w+\.(views|drill_views|charts)\b", n)}
            assert not wrong, f"{folder}/{path.name} imports {sorted(wrong)}"
    assert not within(imports(PACKAGE / "content" / "__init__.py"), "careerkit.modules", "careerkit.store")


@pytest.mark.parametrize("module", MODULES)
def test_each_module_folder_has_its_content_and_views(module):
    folder = PACKAGE / "modules" / module
    assert (folder / "views.py").is_file()
    assert (folder / "content.toml").is_file() == (module not in WITHOUT_CONTENT)
    if (folder / "content.toml").is_file():
        assert (folder / "domain.py").is_file() and hasattr(importlib.import_module(f"careerkit.modules.{module}.domain"),
                                                             "content")


def test_every_module_with_exercises_is_registered_and_every_notebook_key_resolves():
    from careerkit.modules import exercise_class

    for module in MODULES:
        exercises = getattr(importlib.import_module(f"careerkit.modules.{module}.views"), "EXERCISES", {})
        assert bool(exercises) == (module not in WITHOUT_EXERCISES), module
        for name, view in exercises.items():
            assert exercise_class(f"{module}.{name}") is view
    shown = {m for path in (ROOT / "notebooks").glob("[0-9][0-9]_*.md") for m in SHOW.findall(path.read_text())}
    assert shown and shown <= set(MODULES) - WITHOUT_EXERCISES
