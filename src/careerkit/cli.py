"""The ``careerkit`` command: each command parses its options, makes one library call, and turns a
CareerkitError into a sentence and an exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from careerkit.errors import CareerkitError

app = typer.Typer(
    help="careerkit: a Jupyter workshop kit for the career coaching of product managers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _fail(err: CareerkitError) -> None:
    typer.secho(f"careerkit: {err}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code=1)


@app.command()
def lab(
    notebook: Annotated[str, typer.Argument(help="Notebook to open, e.g. 01_versioning")] = "00_welcome",
    lab_args: Annotated[list[str] | None, typer.Argument(help="Extra arguments for jupyter lab, after --")] = None,
) -> None:
    """Open the workshop in JupyterLab on a notebook (default: the welcome notebook)."""
    from careerkit.launch import open_lab

    try:
        raise typer.Exit(code=open_lab(notebook, lab_args or []))
    except CareerkitError as err:
        _fail(err)


@app.command()
def doctor() -> None:
    """Check Python, packages, node/npm, offline slide assets and the workbook folder; say what to fix."""
    from careerkit.doctor import print_report, run_checks

    checks = run_checks()
    print_report(checks)
    if any(not c.ok and c.required for c in checks):
        raise typer.Exit(code=1)


def main() -> None:
    try:
        app()
    except CareerkitError as err:  # a command that forgot to catch one still says a sentence
        print(f"careerkit: {err}", file=sys.stderr)
        sys.exit(1)


_ = Path  # kept for commands that take paths
