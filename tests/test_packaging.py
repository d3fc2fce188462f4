"""The two install paths (pip via pyproject, conda via environment.yml) agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _conda_packages() -> set[str]:
    names = set()
    deps = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    for line in deps.splitlines():
        match = re.match(r"^\s+-\s+([A-Za-z0-9_.-]+)\s*(?:[=<>].*)?$", line)
        if match and match.group(1) not in {"pip", "python", "nodejs"} and not match.group(1).startswith("font-"):
            names.add(match.group(1).lower())
    return names


def test_environment_yml_and_pyproject_list_the_same_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_names = {_name(r) for r in project["dependencies"]} | {_name(r) for r in project["optional-dependencies"]["test"]}
    assert _conda_packages() == pip_names


def test_environment_yml_installs_the_kit_itself():
    assert "- -e ." in (ROOT / "environment.yml").read_text()


def test_every_dependency_is_pinned_in_the_constraints_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = {_name(line) for line in (ROOT / "constraints.txt").read_text().splitlines() if "==" in line}
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    assert wanted <= pins, f"not pinned: {sorted(wanted - pins)}"
