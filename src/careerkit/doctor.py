"""``careerkit doctor``: checks that a facilitator can run on the morning of a workshop."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

from careerkit.build import assets
from careerkit.errors import CareerkitError

PACKAGES = ["jupyterlab", "ipywidgets", "nbconvert", "nbclient", "pandas", "matplotlib", "pydantic", "filelock"]


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


def _python() -> Check:
    ok = sys.version_info >= (3, 11)
    return Check("Python", ok, sys.version.split()[0], "" if ok else "Install Python 3.11 or newer.")


def _package(name: str) -> Check:
    try:
        return Check(name, True, importlib.metadata.version(name))
    except importlib.metadata.PackageNotFoundError:
        return Check(name, False, "not installed", "Run `make setup` (or `pip install -e .`).")


def _tool(name: str, purpose: str, required: bool) -> Check:
    path = shutil.which(name)
    if not path:
        return Check(name, False, "not found", f"Install {name} ({purpose}).", required)
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = "found"
    return Check(name, True, out.splitlines()[0] if out else "found", required=required)


def _assets() -> Check:
    try:
        node_modules = assets.find_assets()
    except CareerkitError as err:
        return Check("offline slide assets", False, str(err).split(": ", 1)[-1][:90],
                     "Run `make assets` (npm ci) so decks work without a network.", required=False)
    missing = [f"{pkg}/{inside}" for pkg, inside, _ in assets.ASSET_FILES if not (node_modules / pkg / inside).exists()]
    if missing:
        return Check("offline slide assets", False, "missing: " + ", ".join(missing),
                     "Run `make assets` (npm ci) again.", required=False)
    return Check("offline slide assets", True, str(node_modules), required=False)


def _content() -> Check:
    from careerkit.content import demo_answers, origins, shipped_content_names
    from careerkit.content.text import LANGUAGES, in_language

    names = shipped_content_names()
    try:
        for lang in LANGUAGES:  # every translation is merged onto the English file and checked like it
            with in_language(lang):
                origins()
                for name in names:
                    if importlib.util.find_spec(f"careerkit.modules.{name}") is None:
                        continue  # a data file read by a tool (e.g. agendas), validated where it is used
                    module = importlib.import_module(f"careerkit.modules.{name}.domain")
                    if hasattr(module, "content"):
                        module.content()
                demo_answers()
    except CareerkitError as err:
        return Check("content files", False, str(err), "Fix the content file it names.")
    return Check("content files", True, f"{', '.join(names)} ({', '.join(LANGUAGES)})")


def _workbook_folder() -> Check:
    from careerkit.store.files import private_folder
    from careerkit.store.workbook import default_home

    home = default_home()
    try:
        private_folder(home)
        with tempfile.NamedTemporaryFile(dir=home, prefix=".doctor-"):
            pass
    except OSError as err:
        return Check("workbook folder", False, f"{home}: {err.strerror}", "Set CAREERKIT_HOME to a folder you can write.")
    return Check("workbook folder", True, f"{home} (writable)")


def _chart_fonts() -> Check:
    from careerkit.ui.charts import SAMPLE, font_families, undrawable

    missing = undrawable(SAMPLE)
    if missing:
        return Check("chart fonts", False, f"no font for {' '.join(missing)}: charts draw them as empty boxes",
                     "Install fonts-noto-cjk and fonts-symbola (Debian, Ubuntu), or font-ttf-noto-cjk and "
                     "font-ttf-noto-emoji (conda: environment.yml lists them).", required=False)
    return Check("chart fonts", True, ", ".join(font_families()), required=False)


def run_checks() -> list[Check]:
    return [
        _python(),
        *(_package(name) for name in PACKAGES),
        _tool("node", "needed to install the offline slide assets", required=False),
        _tool("npm", "needed to install the offline slide assets", required=False),
        _assets(),
        _tool("chromium", "needed for PDF export and browser tests", required=False),
        _content(),
        _workbook_folder(),
        _chart_fonts(),
    ]


def print_report(checks: list[Check]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="careerkit doctor")
    for column in ("check", "status", "detail", "what to do"):
        table.add_column(column)
    for c in checks:
        status = "[green]ok[/]" if c.ok else ("[red]FAIL[/]" if c.required else "[yellow]missing[/]")
        table.add_row(c.name, status, c.detail, c.fix)
    console = Console(width=160)
    console.print(table)
    failed = [c for c in checks if not c.ok and c.required]
    console.print("[red]Fix the failures above before the workshop.[/]" if failed else "[green]Ready for a workshop.[/]")
