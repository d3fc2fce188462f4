"""``careerkit app``: the exercises as a Voilà app, for participants who should never see code.

Voilà strips every code cell and shows the markdown and the widgets; cells tagged ``facilitator`` are left out. Each page load starts a kernel
that inherits this process's environment, so answers go to the same workbook (``CAREERKIT_HOME``,
the participant chosen in 00_welcome) as they do in JupyterLab.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from careerkit.constants import FACILITATOR
from careerkit.launch import find_notebook, notebooks_dir

DEFAULT_PORT = 8866
# A kernel outlives its browser tab: free kernels idle for 10 minutes with no page attached.
CULL_INTERVAL_S = 60
CULL_IDLE_TIMEOUT_S = 600


def voila_command(
    notebook: str | None = None,
    port: int = DEFAULT_PORT,
    ip: str = "127.0.0.1",
    browser: bool = True,
    extra: Sequence[str] = (),
) -> list[str]:
    """The Voilà command line for one notebook (``02`` or ``02_lanes``), or for every notebook when None."""
    target: Path = find_notebook(notebook) if notebook else notebooks_dir()
    argv = [
        sys.executable, "-m", "voila", str(target),
        f"--Voila.ip={ip}",
        f"--Voila.port={port}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT_S}",
        "--MappingKernelManager.cull_connected=False",
        "--strip_sources=True",
        # Participants see prompts and widgets, not the facilitator's talking points.
        "--TagRemovePreprocessor.enabled=True",
        f"--TagRemovePreprocessor.remove_cell_tags={FACILITATOR}",
        "--theme=light",
    ]
    if not browser:
        argv.append("--no-browser")
    return [*argv, *extra]


def open_app(
    notebook: str | None = None, port: int = DEFAULT_PORT, browser: bool = True, extra: Sequence[str] = ()
) -> int:
    """Serve the exercises as an app until interrupted; returns Voilà's exit code."""
    argv = voila_command(notebook, port=port, browser=browser, extra=extra)
    try:
        return subprocess.call(argv, cwd=notebooks_dir().parent)
    except KeyboardInterrupt:
        return 0
