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
    facilitator: Annotated[bool, typer.Option("--facilitator", help="Keep the facilitator's notes in view")] = False,
) -> None:
    """Open the workshop in JupyterLab on a notebook (default: the welcome notebook)."""
    from careerkit.launch import open_lab

    try:
        raise typer.Exit(code=open_lab(notebook, lab_args or [], facilitator=facilitator))
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


@app.command()
def agenda(
    formats: Annotated[list[str] | None, typer.Argument(help="Formats to build (default: all), e.g. 90_minutes")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder for the Markdown files")] = None,
) -> None:
    """Build the run of show (90 minutes, half day, full day) from the notebooks; write and print it."""
    from careerkit.agenda import write_agendas

    try:
        written = write_agendas(formats or None, out)
    except CareerkitError as err:
        _fail(err)
    for path, text in written:
        typer.echo(text)
        typer.secho(f"Written: {path}\n", fg=typer.colors.GREEN)


@app.command()
def collect(
    exchange: Annotated[Path, typer.Argument(help="The exchange folder participants share into")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Also save the table (.csv or .json)")] = None,
) -> None:
    """Read every shared answer in EXCHANGE into one table; damaged files are reported and skipped."""
    from careerkit.cohort import run_collect

    try:
        result = run_collect(exchange, output)
    except CareerkitError as err:
        _fail(err)
    typer.echo(result.describe())
    if output:
        typer.secho(f"Table written: {output}", fg=typer.colors.GREEN)


@app.command()
def report(
    exchange: Annotated[Path, typer.Argument(help="The exchange folder participants share into")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write")] = Path("report.html"),
    k: Annotated[int, typer.Option("--k", help="Hide any group smaller than this (at least 2)")] = 3,
) -> None:
    """Write the cohort report: the room per module, as distributions; groups under k people hidden."""
    from careerkit.report import write_report

    try:
        summary = write_report(exchange, output, k)
    except CareerkitError as err:
        _fail(err)
    typer.echo(summary)


@app.command()
def build(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for decks, handouts and PDFs")] = Path("build"),
    only: Annotated[list[str] | None, typer.Option("--only", help="Build only this module, e.g. 01 (repeatable)")] = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Print each deck to PDF in headless Chromium")] = True,
) -> None:
    """Build every module as an offline slide deck, a participant handout and a PDF, with an index page."""
    from careerkit.build import build as build_all

    try:
        result = build_all(output, only=only or (), pdf=pdf)
    except CareerkitError as err:
        _fail(err)
    for warning in result.warnings:
        typer.secho(f"careerkit: {warning}", err=True, fg=typer.colors.YELLOW)
    typer.secho(result.summary(), fg=typer.colors.GREEN)


@app.command(name="app")
def app_(
    notebook: Annotated[str | None, typer.Argument(help="Module to open, e.g. 02 (default: all of them)")] = None,
    port: Annotated[int, typer.Option("--port", help="Port to serve on")] = 8866,
    browser: Annotated[bool, typer.Option("--browser/--no-browser", help="Open a browser tab")] = True,
    participant: Annotated[str | None, typer.Option("--participant", help="Whose workbook the app saves to")] = None,
    token: Annotated[str | None, typer.Option("--token", help="The access token (default: a random one; '' for none)")] = None,
) -> None:
    """Open the exercises as an app (Voilà): no code on screen, answers saved to the same workbook."""
    from careerkit.app import open_app

    try:
        raise typer.Exit(code=open_app(notebook, port=port, browser=browser, participant=participant, token=token))
    except CareerkitError as err:
        _fail(err)


def main() -> None:
    try:
        app()
    except CareerkitError as err:  # a command that forgot to catch one still says a sentence
        print(f"careerkit: {err}", file=sys.stderr)
        sys.exit(1)


_ = Path  # kept for commands that take paths
