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


def _language(lang: str | None) -> str:
    """The language a command works in: --lang, else CAREERKIT_LANG, else English."""
    from careerkit.content.text import language

    return lang.strip().lower() if lang else language()


def _fail(err: CareerkitError) -> None:
    typer.secho(f"careerkit: {err}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code=1)


@app.command()
def lab(
    notebook: Annotated[str, typer.Argument(help="Notebook to open, e.g. 01_versioning")] = "00_welcome",
    lab_args: Annotated[list[str] | None, typer.Argument(help="Extra arguments for jupyter lab, after --")] = None,
    facilitator: Annotated[bool, typer.Option("--facilitator", help="Keep the facilitator's notes in view")] = False,
    lang: Annotated[str | None, typer.Option("--lang", help="Language: en or es (default: CAREERKIT_LANG, else en)")] = None,
) -> None:
    """Open the workshop in JupyterLab on a notebook (default: the welcome notebook); --lang es opens the Spanish one."""
    from careerkit.lab.launch import open_lab

    try:
        raise typer.Exit(code=open_lab(notebook, lab_args or [], facilitator=facilitator, lang=_language(lang)))
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
    lang: Annotated[str | None, typer.Option("--lang", help="Language: en or es (default: CAREERKIT_LANG, else en)")] = None,
) -> None:
    """Build the run of show (90 minutes, half day, full day) from the notebooks; write and print it."""
    from careerkit.build.agenda import write_agendas

    try:
        written = write_agendas(formats or None, out, lang=_language(lang))
    except CareerkitError as err:
        _fail(err)
    for path, text in written:
        typer.echo(text)
        typer.secho(f"Written: {path}\n", fg=typer.colors.GREEN)


ROOM_SOURCE = "A room export (careerkit room export), or the room's URL with --token"


@app.command()
def collect(
    source: Annotated[str, typer.Argument(help=ROOM_SOURCE)],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Also save the table (.csv or .json)")] = None,
    token: Annotated[str, typer.Option("--token", envvar="CAREERKIT_ROOM_TOKEN", help="The facilitator's token")] = "",
) -> None:
    """Read every shared answer in the room (or a room export) into one table; bad rows are reported and skipped."""
    from careerkit.room.cohort import run_collect

    try:
        result = run_collect(source, output, token)
    except CareerkitError as err:
        _fail(err)
    typer.echo(result.describe())
    if output:
        typer.secho(f"Table written: {output}", fg=typer.colors.GREEN)


@app.command()
def report(
    source: Annotated[str, typer.Argument(help=ROOM_SOURCE)],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write")] = Path("report.html"),
    k: Annotated[int, typer.Option("--k", help="Hide any group smaller than this (at least 2)")] = 3,
    token: Annotated[str, typer.Option("--token", envvar="CAREERKIT_ROOM_TOKEN", help="The facilitator's token")] = "",
) -> None:
    """Write the cohort report: the room per module, as distributions; groups under k people hidden."""
    from careerkit.room.report import write_report

    try:
        summary = write_report(source, output, k, token)
    except CareerkitError as err:
        _fail(err)
    typer.echo(summary)


@app.command()
def build(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for decks, handouts and PDFs")] = Path("build"),
    only: Annotated[list[str] | None, typer.Option("--only", help="Build only this module, e.g. 01 (repeatable)")] = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Print each deck to PDF in headless Chromium")] = True,
    pdf_notes: Annotated[bool, typer.Option("--pdf-notes", help="Also print each deck with its speaker notes on separate pages")] = False,
    single_file: Annotated[bool, typer.Option("--single-file", help="Also write each deck as one self-contained HTML file to e-mail")] = False,
    notebooks: Annotated[Path | None, typer.Option("--notebooks", help="Folder of module notebooks (default: the kit's)")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language: en or es (default: CAREERKIT_LANG, else en)")] = None,
) -> None:
    """Build every module as an offline slide deck, a participant handout and a PDF, with an index page.

    A module unchanged since the last build into the same folder is kept as it was. --lang es builds the Spanish
    notebooks (into build/es unless --output says otherwise)."""
    from careerkit.build import build as build_all
    from careerkit.content.text import ENGLISH

    _without_iri_grammars()
    code = _language(lang)
    if code != ENGLISH and output == Path("build"):
        output = output / code
    try:
        result = build_all(output, only=only or (), notebooks=notebooks, pdf=pdf, pdf_notes=pdf_notes,
                           single_file=single_file, lang=code)
    except CareerkitError as err:
        _fail(err)
    for warning in result.warnings:
        typer.secho(f"careerkit: {warning}", err=True, fg=typer.colors.YELLOW)
    typer.secho(result.summary(), fg=typer.colors.GREEN)


def _without_iri_grammars() -> None:
    """Leave rfc3987-syntax out of this process. jsonschema, imported by nbformat, compiles its 38 grammars
    (about 2 s of CPU) only to check the "iri" string format, which no notebook schema uses; that was most
    of a rebuild of one changed notebook."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]  # None: "not installed"


@app.command(name="app")
def app_(
    notebook: Annotated[str | None, typer.Argument(help="Module to open, e.g. 02 (default: all of them)")] = None,
    port: Annotated[int, typer.Option("--port", help="Port to serve on")] = 8866,
    browser: Annotated[bool, typer.Option("--browser/--no-browser", help="Open a browser tab")] = True,
    participant: Annotated[str | None, typer.Option("--participant", help="Whose workbook the app saves to")] = None,
    token: Annotated[str | None, typer.Option("--token", help="The access token (default: a random one; '' for none)")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language: en or es (default: CAREERKIT_LANG, else en)")] = None,
) -> None:
    """Open the exercises as an app (Voilà): no code on screen, answers saved to the same workbook."""
    from careerkit.lab.app import open_app

    try:
        raise typer.Exit(code=open_app(notebook, port=port, browser=browser, participant=participant, token=token,
                                       lang=_language(lang)))
    except CareerkitError as err:
        _fail(err)


room_app = typer.Typer(help="The room: the group's live, moderated exchange of shared answers.", no_args_is_help=True)
app.add_typer(room_app, name="room")


@room_app.command("serve")
def room_serve(
    data: Annotated[Path, typer.Option("--data", help="Folder for the room's database and facilitator token")] = Path(
        "careerkit-room"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (default: this machine only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on")] = 8765,
    db: Annotated[str | None, typer.Option("--db", help="A database URL (PostgreSQL) instead of SQLite in --data")] = None,
    cert: Annotated[str | None, typer.Option("--cert", help="TLS certificate file: serve https")] = None,
    key: Annotated[str | None, typer.Option("--key", help="TLS key file (with --cert)")] = None,
    hub: Annotated[bool, typer.Option("--hub", help="Run as a JupyterHub service (the hub authenticates callers)")] = False,
    group: Annotated[str, typer.Option("--group", help="On a hub: the group whose members facilitate")] = (
        "careerkit-facilitators"),
    joins: Annotated[int, typer.Option("--joins-per-minute", help="Standalone: join attempts per minute per network address")] = 60,
    per_address: Annotated[int, typer.Option("--joins-per-address", min=1, help=(
        "Standalone: participants who may join from one network address (raise it when people share a "
        "computer, or all come through one proxy)"))] = 1,
) -> None:
    """Serve the room. Standalone, it prints the room code, its URL and the facilitator's token."""
    from careerkit.room.server import serve

    try:
        serve(data, hub=hub, host=host, port=port, db_url=db, certfile=cert, keyfile=key, group=group,
              joins_per_minute=joins, joins_per_address=per_address, echo=typer.echo)
    except CareerkitError as err:
        _fail(err)


@room_app.command("export")
def room_export(
    output: Annotated[Path, typer.Argument(help="The file to write: .json or .csv")],
    url: Annotated[str, typer.Option("--url", envvar="CAREERKIT_ROOM_URL", help="The room's URL")] = "",
    token: Annotated[str, typer.Option("--token", envvar="CAREERKIT_ROOM_TOKEN", help="The facilitator's token")] = "",
) -> None:
    """Write every shared answer in the room (pseudonymous) to a file, for careerkit report offline."""
    from careerkit.room.export import export_room

    try:
        typer.echo(export_room(url, token, output))
    except CareerkitError as err:
        _fail(err)


@room_app.command("view")
def room_view(
    url: Annotated[str, typer.Option("--url", envvar="CAREERKIT_ROOM_URL", help="The room's URL")] = "",
    token: Annotated[str, typer.Option("--token", envvar="CAREERKIT_ROOM_TOKEN", help="The facilitator's token")] = "",
    data: Annotated[Path | None, typer.Option("--data", help="The room's data folder (reads the token there)")] = None,
    port: Annotated[int, typer.Option("--port", help="Port for the view")] = 8867,
    browser: Annotated[bool, typer.Option("--browser/--no-browser", help="Open a browser tab")] = True,
) -> None:
    """Open the live room view (workshop/room.ipynb) as a Voilà app: charts redraw as answers arrive."""
    from careerkit.room.launch import open_view

    try:
        raise typer.Exit(code=open_view(url, token, data, port=port, browser=browser))
    except CareerkitError as err:
        _fail(err)


def main() -> None:
    try:
        app()
    except CareerkitError as err:  # a command that forgot to catch one still says a sentence
        print(f"careerkit: {err}", file=sys.stderr)
        sys.exit(1)


_ = Path  # kept for commands that take paths
