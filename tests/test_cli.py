"""The careerkit command as a facilitator types it."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from careerkit.cli import app

runner = CliRunner()


def test_help_lists_working_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("lab", "doctor"):
        assert command in result.output


# Every check a facilitator gets, in the order the table shows them.
DOCTOR_CHECKS = ["Python", "jupyterlab", "ipywidgets", "nbconvert", "nbclient", "pandas", "matplotlib", "pydantic",
                 "filelock", "node", "npm", "offline slide assets", "chromium", "content files", "workbook folder",
                 "chart fonts"]


def doctor_rows(output: str) -> dict[str, list[str]]:
    """The doctor's table as {check: [status, detail, what to do]}."""
    rows: dict[str, list[str]] = {}
    for line in output.splitlines():
        if line.startswith("│"):
            cells = [cell.strip() for cell in line.strip("│").split("│")]
            if cells[0]:
                rows[cells[0]] = cells[1:]
            elif rows:  # a long cell wrapped onto the next line
                last = rows[list(rows)[-1]]
                rows[list(rows)[-1]] = [f"{a} {b}".strip() for a, b in zip(last, cells[1:], strict=True)]
    return rows


def test_doctor_reports_each_check_and_passes_here(isolated_home):
    result = runner.invoke(app, ["doctor"])
    rows = doctor_rows(result.output)
    assert list(rows) == DOCTOR_CHECKS
    assert {name: row[0] for name, row in rows.items()} == dict.fromkeys(DOCTOR_CHECKS, "ok"), result.output
    assert rows["content files"][1] == "act3, agendas, feedback, lanes, origins, versioning (en, es)"
    assert rows["workbook folder"][1] == f"{isolated_home} (writable)"
    assert result.output.rstrip().endswith("Ready for a workshop.")
    assert result.exit_code == 0, result.output


def doctor_with_content(tmp_path, files: dict[str, str]) -> subprocess.CompletedProcess:
    """`careerkit doctor` as its own process (content is loaded once per process), with a content override."""
    override = tmp_path / "content"
    override.mkdir()
    for name, text in files.items():
        (override / name).write_text(text)
    env = {**os.environ, "CAREERKIT_CONTENT": str(override)}
    return subprocess.run([sys.executable, "-m", "careerkit", "doctor"], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)


def test_a_broken_content_override_fails_the_doctor_and_names_the_file(tmp_path):
    done = doctor_with_content(tmp_path, {"lanes.toml": "schema_version = 1\nlanes = [ not toml\n"})
    status, detail, fix = doctor_rows(done.stdout)["content files"]
    assert status == "FAIL" and "'lanes.toml'" in detail and fix == "Fix the content file it names."
    assert "Fix the failures above before the workshop." in done.stdout and "Traceback" not in done.stderr
    assert done.returncode == 1


def test_a_content_override_that_breaks_the_schema_fails_the_doctor(tmp_path):
    done = doctor_with_content(tmp_path, {"feedback.toml": "schema_version = 1\n"})
    status, detail, _fix = doctor_rows(done.stdout)["content files"]
    assert status == "FAIL" and "'feedback.toml'" in detail
    assert done.returncode == 1


def test_doctor_says_what_to_fix_when_the_workbook_folder_is_not_writable(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CAREERKIT_HOME", str(blocker / "home"))
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "Set CAREERKIT_HOME" in result.output


def test_lab_with_an_unknown_notebook_is_a_sentence_not_a_traceback():
    result = runner.invoke(app, ["lab", "99_nothing"])
    assert result.exit_code == 1
    assert "No notebook called '99_nothing'" in result.output
    assert "Traceback" not in result.output


def test_python_dash_m_careerkit_works():
    result = subprocess.run([sys.executable, "-m", "careerkit", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "doctor" in result.stdout


def test_doctor_says_how_to_get_the_offline_slide_assets(monkeypatch):
    from careerkit.build import assets
    from careerkit.errors import BuildError

    def nowhere():
        raise BuildError("the slide assets", "reveal.js was not found in node_modules")

    monkeypatch.setattr(assets, "find_assets", nowhere)
    result = runner.invoke(app, ["doctor"])
    assert "make assets" in result.output
    assert result.exit_code == 0  # decks are optional: the workshop still runs in JupyterLab
