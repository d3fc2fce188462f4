"""Opening the kit: JupyterLab on a notebook of the kit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from careerkit.errors import CareerkitError

# A kernel outlives a closed tab and holds 60-130 MiB: shut down kernels idle for 20 minutes with no
# browser attached. A notebook still open is never culled (cull_connected stays False), so a learner
# who steps away keeps their exercise; one who comes back to a closed notebook just runs it again.
KERNEL_CULLING = [
    "--MappingKernelManager.cull_idle_timeout=1200",
    "--MappingKernelManager.cull_interval=120",
    "--MappingKernelManager.cull_connected=False",
]


def notebooks_dir() -> Path:
    """The kit's notebooks folder: the repository's, next to ``src/``."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "notebooks").is_dir() and (parent / "pyproject.toml").is_file():
            return parent / "notebooks"
    return Path.cwd() / "notebooks"


def find_notebook(name: str) -> Path:
    """``01``, ``01_versioning`` or ``01_versioning.ipynb`` → the notebook's path."""
    folder = notebooks_dir()
    stem = name.removesuffix(".ipynb")
    matches = sorted(p for p in folder.glob("*.ipynb") if p.stem == stem or p.stem.startswith(stem + "_"))
    if not matches:
        known = ", ".join(p.stem for p in sorted(folder.glob("*.ipynb"))) or "none"
        raise CareerkitError(f"No notebook called '{name}' in {folder}. Notebooks: {known}.")
    return matches[0]


def open_lab(notebook: str, extra: list[str]) -> int:
    path = find_notebook(notebook)
    cmd = [sys.executable, "-m", "jupyterlab", str(path.relative_to(path.parent.parent)), *KERNEL_CULLING, *extra]
    return subprocess.call(cmd, cwd=path.parent.parent)
