"""Memory of one module's kernel: each notebook run in nbclient with the demo participant, then the
kernel's resident set size read with psutil, and which heavy libraries that kernel imported.

Run by run.py in a demo environment (the kernels inherit it); prints the figures as JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "matplotlib", "numpy", "PIL", "scipy", "pyarrow")
MIB = 1024 * 1024


# Floors to compare a module with: an empty kernel, and one showing careerkit's views but no chart.
FLOORS = {
    "(an empty kernel)": [],
    "(the banner and an exercise without a chart)": [
        "import careerkit as ck\nck.start('01 Long-term versioning')",
        "ck.show('versioning.end_state')",
    ],
    "(that, plus matplotlib imported)": [
        "import careerkit as ck\nck.start('01 Long-term versioning')",
        "ck.show('versioning.end_state')",
        "import matplotlib.figure, careerkit.ui.charts",
    ],
}


def kernel_after(notebook: Path | list[str]) -> dict:
    if isinstance(notebook, list):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in notebook])
        notebook = ROOT / "notebooks" / "floor.ipynb"  # never written: the kernel runs beside the notebooks
    else:
        nb = nbformat.read(notebook, as_version=4)
    probe = nbformat.v4.new_code_cell(f"import sys as _s; print(','.join(m for m in {HEAVY!r} if m in _s.modules))")
    nb.cells.append(probe)
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        rss = psutil.Process(client.km.provisioner.process.pid).memory_info().rss
    imported = "".join(out.get("text", "") for out in probe.outputs).strip()
    return {"mib": rss / MIB, "imported": imported.split(",") if imported else []}


def measure() -> dict[str, dict]:
    floors = {name: kernel_after(cells) for name, cells in FLOORS.items()}
    return floors | {nb.stem: kernel_after(nb) for nb in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))}


if __name__ == "__main__":
    print(json.dumps(measure()))
