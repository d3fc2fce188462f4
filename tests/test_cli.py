"""The careerkit command as a facilitator types it."""

from __future__ import annotations

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


def test_doctor_reports_each_check_and_passes_here(isolated_home):
    result = runner.invoke(app, ["doctor"])
    assert "workbook folder" in result.output and "jupyterlab" in result.output
    assert result.exit_code == 0, result.output


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
    from careerkit import assets
    from careerkit.errors import BuildError

    def nowhere():
        raise BuildError("the slide assets", "reveal.js was not found in node_modules")

    monkeypatch.setattr(assets, "find_assets", nowhere)
    result = runner.invoke(app, ["doctor"])
    assert "make assets" in result.output
    assert result.exit_code == 0  # decks are optional: the workshop still runs in JupyterLab
