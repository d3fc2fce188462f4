"""Opening the kit: JupyterLab on a notebook of the kit, with the kit's Jupyter configuration."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from careerkit.constants import ENV_FACILITATOR, ENV_LANG
from careerkit.content.text import ENGLISH, check_language
from careerkit.errors import CareerkitError
from careerkit.lab.labsave import CONFIG_DIR

ALLOW_ROOT = "--allow-root"
ROOT_NOTE = (
    "careerkit: running as root (as in most containers), so JupyterLab is started with --allow-root. "
    "On a shared machine, run the kit as an ordinary user instead."
)

# A kernel outlives a closed tab and holds 60-130 MiB: shut down kernels idle for 20 minutes with no
# browser attached. A notebook still open is never culled (cull_connected stays False), so a learner
# who steps away keeps their exercise; one who comes back to a closed notebook just runs it again.
KERNEL_CULLING = [
    "--MappingKernelManager.cull_idle_timeout=1200",
    "--MappingKernelManager.cull_interval=120",
    "--MappingKernelManager.cull_connected=False",
]


# A learner's file browser lists each module once, as its .ipynb: the MyST sources (NN_name.md, which a
# coach edits) and the Jupytext configuration are hidden, with Jupyter Server's own hidden files (names are
# matched, in any folder). `--facilitator` lists them; right-click a .md, Open With > Notebook to edit it.
LEARNER_HIDDEN = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "[0-9][0-9]_*.md", "jupytext.toml"]


def kit_root() -> Path:
    """The kit's folder: the repository's, holding ``notebooks/`` next to ``src/``."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "notebooks").is_dir() and (parent / "pyproject.toml").is_file():
            return parent
    return Path.cwd()


def notebooks_dir(lang: str = ENGLISH) -> Path:
    """The kit's notebooks folder: ``notebooks/`` for English, ``notebooks/es/`` for Spanish."""
    folder = kit_root() / "notebooks"
    return folder if lang == ENGLISH else folder / lang


def find_notebook(name: str, lang: str = ENGLISH) -> Path:
    """``01``, ``01_versioning`` or ``01_versioning.ipynb`` → the notebook's path (in ``notebooks/es/`` for "es")."""
    folder = notebooks_dir(lang)
    stem = name.removesuffix(".ipynb")
    matches = sorted(p for p in folder.glob("*.ipynb") if p.stem == stem or p.stem.startswith(stem + "_"))
    if not matches:
        known = ", ".join(p.stem for p in sorted(folder.glob("*.ipynb"))) or "none"
        raise CareerkitError(f"No notebook called '{name}' in {folder}. Notebooks: {known}.")
    return matches[0]


def kit_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with the kit's Jupyter configuration on JUPYTER_CONFIG_PATH.

    That configuration keeps outputs and answers out of the kit's notebooks on every save and turns off
    JupyterLab's news pop-up; JupyterHub's single-user servers get it the same way.
    """
    env = dict(os.environ if base is None else base)
    paths = [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
    if str(CONFIG_DIR) not in paths:
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(CONFIG_DIR), *paths])
    return env


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(notebook: str, extra: Sequence[str] = (), facilitator: bool = False,
                lang: str = ENGLISH) -> tuple[list[str], Path]:
    """The JupyterLab command line for one notebook, and the folder it runs in (the kit's root)."""
    path = find_notebook(notebook, check_language(lang))
    root = kit_root()
    hidden = [] if facilitator else [f"--ContentsManager.hide_globs={glob}" for glob in LEARNER_HIDDEN]
    argv = [sys.executable, "-m", "jupyterlab", str(path.relative_to(root)), *KERNEL_CULLING, *hidden, *extra]
    if is_root() and ALLOW_ROOT not in extra:
        argv.append(ALLOW_ROOT)  # Jupyter refuses root without it, and containers usually run as root
    return argv, root


def open_lab(notebook: str, extra: list[str], facilitator: bool = False, lang: str = ENGLISH) -> int:
    """JupyterLab until interrupted; ``facilitator`` keeps the facilitator's notes in view (learners never see them).

    ``lang`` ("es") opens that language's notebooks (``notebooks/es/``), and every kernel speaks it."""
    argv, root = lab_command(notebook, extra, facilitator, lang)
    if ALLOW_ROOT in argv and ALLOW_ROOT not in extra:
        print(ROOT_NOTE, file=sys.stderr)
    env = kit_environment()
    env[ENV_LANG] = lang
    if facilitator:
        env[ENV_FACILITATOR] = "1"
    else:
        env.pop(ENV_FACILITATOR, None)
    try:
        return subprocess.call(argv, cwd=root, env=env)
    except KeyboardInterrupt:
        return 0
