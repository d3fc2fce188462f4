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


def kernel_after(notebook: Path) -> dict:
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
    return {nb.stem: kernel_after(nb) for nb in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))}


if __name__ == "__main__":
    print(json.dumps(measure()))
