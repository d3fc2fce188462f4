"""The learner's own JupyterLab and app: saves keep the kit's notebooks clean, root, facilitator mode, the app's token and name."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import shutil
from fnmatch import fnmatch
from pathlib import Path

import nbformat
import pytest
from jupyter_server.services.contents.filemanager import FileContentsManager

from careerkit.lab.labsave import CONFIG_DIR, clean_notebook, pre_save
from careerkit.lab.launch import kit_environment

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"  # not from conftest: tests/room has its own

KIT_NOTEBOOKS = sorted(NOTEBOOKS.glob("*.ipynb"))
ANSWER = "Chief Product Officer of a climate start-up"


def as_jupyterlab_sends_it(path):
    """The notebook model JupyterLab PUTs after Run All and typing: outputs, widget state, UI metadata."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        cell["source"] = "".join(cell["source"])
        if cell["cell_type"] == "code":
            cell["execution_count"] = 7
            cell["outputs"] = [{"output_type": "display_data", "metadata": {},
                                "data": {"text/plain": f"Your end state: {ANSWER}, workbook /home/ana/.careerkit/ana.json"}}]
        cell["metadata"]["scrolled"] = True
        cell["metadata"]["jupyter"] = {"source_hidden": False}
        cell["metadata"]["execution"] = {"iopub.status.idle": "2026-12-01T10:00:00Z"}
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"x": {"value": ANSWER}}}}
    nb["metadata"]["language_info"] = {  # what ipykernel reports once the kernel runs
        "codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py", "mimetype": "text/x-python",
        "name": "python", "nbconvert_exporter": "python", "pygments_lexer": "ipython3", "version": "3.11.2"}
    return nb


@pytest.fixture
def contents(tmp_path):
    for path in KIT_NOTEBOOKS:
        shutil.copy(path, tmp_path / path.name)
    return FileContentsManager(root_dir=str(tmp_path), pre_save_hook=pre_save)


@pytest.mark.parametrize("path", KIT_NOTEBOOKS, ids=[p.stem for p in KIT_NOTEBOOKS])
def test_saving_a_run_kit_notebook_leaves_it_byte_for_byte_as_shipped(contents, tmp_path, path):
    contents.save({"type": "notebook", "format": "json", "content": as_jupyterlab_sends_it(path)}, path.name)
    saved = (tmp_path / path.name).read_bytes()
    assert ANSWER.encode() not in saved
    assert saved == path.read_bytes()


def test_a_note_typed_into_a_cell_is_kept_but_outputs_are_not(contents, tmp_path):
    nb = as_jupyterlab_sends_it(NOTEBOOKS / "01_versioning.ipynb")
    nb["cells"].append({"cell_type": "markdown", "id": "my-note", "metadata": {"scrolled": True},
                        "source": "My own note: ask Sam about the skip job"})
    contents.save({"type": "notebook", "format": "json", "content": nb}, "01_versioning.ipynb")
    saved = nbformat.read(tmp_path / "01_versioning.ipynb", as_version=4)
    assert saved.cells[-1].source == "My own note: ask Sam about the skip job"
    assert saved.cells[-1].metadata == {}
    assert all(c.outputs == [] for c in saved.cells if c.cell_type == "code")
    assert "widgets" not in saved.metadata


def test_a_notebook_that_is_not_the_kits_is_saved_as_it_is(contents, tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1", outputs=[
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)])])
    contents.save({"type": "notebook", "format": "json", "content": json.loads(nbformat.writes(nb))}, "mine.ipynb")
    assert nbformat.read(tmp_path / "mine.ipynb", as_version=4).cells[0].outputs[0]["data"]["text/plain"] == "2"


def test_a_save_as_copy_of_a_kit_notebook_is_stripped_too():
    nb = as_jupyterlab_sends_it(NOTEBOOKS / "01_versioning.ipynb")
    cleaned = clean_notebook(nb, stored=None)
    assert ANSWER not in json.dumps(cleaned)
    assert cleaned["metadata"]["language_info"] == {"name": "python"}


@pytest.fixture
def paired(tmp_path):
    """The kit's notebooks as `careerkit lab` serves them: each .ipynb with its MyST .md, through Jupytext's
    contents manager (the one the Jupytext server extension installs) and the kit's pre-save hook."""
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
    from jupytext import build_async_jupytext_contents_manager_class

    for path in [*KIT_NOTEBOOKS, *NOTEBOOKS.glob("*.md"), NOTEBOOKS / "jupytext.toml"]:
        shutil.copy(path, tmp_path / path.name)
    manager = build_async_jupytext_contents_manager_class(AsyncLargeFileManager)(root_dir=str(tmp_path), pre_save_hook=pre_save)

    def run(coroutine):  # in a thread of its own: the browser tests' Playwright keeps a loop running in this one
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, coroutine).result()

    return run, manager


@pytest.mark.parametrize("path", KIT_NOTEBOOKS, ids=[p.stem for p in KIT_NOTEBOOKS])
def test_a_learner_saving_a_run_notebook_leaves_its_md_and_ipynb_as_shipped(paired, tmp_path, path):
    run, manager = paired
    run(manager.save({"type": "notebook", "format": "json", "content": as_jupyterlab_sends_it(path)}, path.name))
    assert (tmp_path / path.name).read_bytes() == path.read_bytes()
    assert (tmp_path / path.with_suffix(".md").name).read_bytes() == path.with_suffix(".md").read_bytes()


def test_a_learner_opens_a_notebook_whose_ipynb_is_newer_than_its_md(paired, tmp_path):
    """As after a checkout or `make notebooks`: the cells come from the .md, and the notebook opens."""
    import os

    run, manager = paired
    md = tmp_path / "01_versioning.md"
    os.utime(md, (md.stat().st_mtime - 3600, md.stat().st_mtime - 3600))
    model = run(manager.get("01_versioning.ipynb"))
    assert model["content"]["cells"][0]["source"] == nbformat.read(NOTEBOOKS / "01_versioning.ipynb", as_version=4).cells[0].source


def test_a_coach_saving_the_md_as_a_notebook_keeps_their_edits_in_both_files(paired, tmp_path):
    """Opened with Jupytext's Open With > Notebook: a changed slide type and prompt are saved; a cell opened is not."""
    run, manager = paired
    model = run(manager.get("03_feedback.md", type="notebook"))
    cells = model["content"]["cells"]
    prompt = next(c for c in cells if "Time box: 10 min · Source: [00:30:41]" in c["source"])
    prompt["source"] = prompt["source"].replace("Time box: 10 min", "Time box: 12 min")
    prompt["metadata"]["slideshow"] = {"slide_type": "subslide"}
    cells[1]["metadata"]["jupyter"] = {"source_hidden": False}  # the coach clicked the code cell open to read it
    run(manager.save({"type": "notebook", "format": "json", "content": model["content"]}, "03_feedback.md"))
    shipped = (NOTEBOOKS / "03_feedback.md").read_text(encoding="utf-8")
    assert (tmp_path / "03_feedback.md").read_text(encoding="utf-8") == shipped.replace(
        "Time box: 10 min · Source: [00:30:41]", "Time box: 12 min · Source: [00:30:41]").replace(
        '+++ {"careerkit": {"exercise": "feedback.real_feedback", "minutes": 10, "timestamp": "[00:30:41]"}, '
        '"slideshow": {"slide_type": "slide"}}',
        '+++ {"careerkit": {"exercise": "feedback.real_feedback", "minutes": 10, "timestamp": "[00:30:41]"}, '
        '"slideshow": {"slide_type": "subslide"}}')
    saved = nbformat.read(tmp_path / "03_feedback.ipynb", as_version=4)
    assert "Time box: 12 min" in saved.cells[cells.index(prompt)].source
    assert saved.cells[1].metadata["jupyter"] == {"source_hidden": True}
    assert all(c.outputs == [] for c in saved.cells if c.cell_type == "code")


def test_a_learners_careerkit_lab_lists_each_module_once_a_facilitators_lists_the_md_too(monkeypatch):
    import careerkit.lab.launch as launch

    monkeypatch.setattr(launch, "is_root", lambda: False)
    learner, _ = launch.lab_command("00")
    hidden = [a.split("=", 1)[1] for a in learner if a.startswith("--ContentsManager.hide_globs=")]
    def listed(folder):
        return sorted(p.name for p in folder.iterdir()
                      if not p.name.startswith(".") and not any(fnmatch(p.name, glob) for glob in hidden))

    assert listed(NOTEBOOKS) == sorted([*(p.name for p in KIT_NOTEBOOKS), "es"])  # es/: the Spanish notebooks
    assert listed(NOTEBOOKS / "es") == sorted(p.name for p in (NOTEBOOKS / "es").glob("*.ipynb"))
    assert "*.pyc" in hidden  # Jupyter Server's own hidden files stay hidden
    facilitator, _ = launch.lab_command("00", facilitator=True)
    assert not any(a.startswith("--ContentsManager.hide_globs") for a in facilitator)


def test_every_launcher_puts_the_kit_configuration_on_the_jupyter_config_path():
    env = kit_environment({"JUPYTER_CONFIG_PATH": "/elsewhere"})
    assert env["JUPYTER_CONFIG_PATH"].split(":") == [str(CONFIG_DIR), "/elsewhere"]
    server = json.loads((CONFIG_DIR / "jupyter_server_config.json").read_text())
    assert server["ContentsManager"]["pre_save_hook"] == "careerkit.lab.labsave.pre_save"
    page = json.loads((CONFIG_DIR / "labconfig" / "page_config.json").read_text())
    assert page["disabledExtensions"]["@jupyterlab/apputils-extension:announcements"] is True


def test_as_root_careerkit_lab_passes_allow_root_and_says_why(monkeypatch, capsys):
    import careerkit.lab.launch as launch

    calls = []
    monkeypatch.setattr(launch, "is_root", lambda: True)
    monkeypatch.setattr(launch.subprocess, "call", lambda argv, cwd, env: calls.append((argv, env)) or 0)
    assert launch.open_lab("01", []) == 0
    argv, env = calls[0]
    assert argv[-1] == "--allow-root" and argv[3] == "notebooks/01_versioning.ipynb"
    assert str(CONFIG_DIR) in env["JUPYTER_CONFIG_PATH"]
    assert "--allow-root" in capsys.readouterr().err


def test_as_an_ordinary_user_careerkit_lab_does_not_add_allow_root(monkeypatch):
    import careerkit.lab.launch as launch

    monkeypatch.setattr(launch, "is_root", lambda: False)
    argv, _root = launch.lab_command("00", ["--no-browser"])
    assert "--allow-root" not in argv and argv[-1] == "--no-browser"


def test_the_banner_hides_facilitator_notes_unless_the_lab_was_opened_for_a_facilitator(monkeypatch):
    from careerkit.constants import ENV_FACILITATOR, NOTE_MARK_CLASS
    from careerkit.ui.style import kit_css

    monkeypatch.delenv(ENV_FACILITATOR, raising=False)
    assert f".jp-Cell:has(.{NOTE_MARK_CLASS}):not(.reveal .jp-Cell) {{ display: none; }}" in kit_css()  # not in decks
    monkeypatch.setenv(ENV_FACILITATOR, "1")
    assert NOTE_MARK_CLASS not in kit_css()


def test_careerkit_lab_facilitator_keeps_the_notes(monkeypatch):
    import careerkit.lab.launch as launch
    from careerkit.constants import ENV_FACILITATOR

    calls = []
    monkeypatch.setattr(launch.subprocess, "call", lambda argv, cwd, env: calls.append(env) or 0)
    launch.open_lab("01", [], facilitator=True)
    launch.open_lab("01", [])
    assert calls[0][ENV_FACILITATOR] == "1" and ENV_FACILITATOR not in calls[1]


def test_careerkit_app_requires_a_token_and_saves_for_the_named_participant(monkeypatch, capsys):
    import careerkit.lab.app as app
    from careerkit.constants import ENV_PARTICIPANT

    calls = []
    monkeypatch.setattr(app.subprocess, "call", lambda argv, cwd, env: calls.append((argv, env)) or 0)
    app.open_app("02", browser=False, participant="Ana")
    argv, env = calls[0]
    token = next(a.split("=", 1)[1] for a in argv if a.startswith("--Voila.token="))
    assert len(token) >= 24 and env[ENV_PARTICIPANT] == "Ana"
    err = capsys.readouterr().err
    assert f"?token={token}" in err and "answers are saved for Ana" in err


def test_the_banner_says_how_to_change_the_name_where_it_can_be_changed(monkeypatch):
    from careerkit.constants import ENV_APP
    from careerkit.modules.welcome.views import banner

    monkeypatch.delenv(ENV_APP, raising=False)
    assert "Change the name in 00_welcome" in banner("01 Long-term versioning").data
    assert "Change the name in 00_welcome" not in banner("00 Welcome").data  # the name box is right there
    monkeypatch.setenv(ENV_APP, "1")
    text = banner("02 Lanes").data
    assert "careerkit app --participant NAME" in text and "00_welcome" not in text
    assert "careerkit app" not in banner("00 Welcome").data  # the app's 00 has its own name box, just below
