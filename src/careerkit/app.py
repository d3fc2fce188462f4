"""``careerkit app``: the exercises as a Voilà app, for participants who should never see code.

Voilà strips every code cell and shows the markdown and the widgets; cells tagged ``facilitator`` are left out. Each page load starts a kernel
that inherits this process's environment, so answers go to the same workbook (``CAREERKIT_HOME``,
the participant chosen in 00_welcome) as they do in JupyterLab.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from careerkit.constants import ENV_PARTICIPANT, FACILITATOR
from careerkit.launch import find_notebook, kit_environment, notebooks_dir
from careerkit.workbook import validate_participant

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
    token: str = "",
) -> list[str]:
    """The Voilà command line for one notebook (``02`` or ``02_lanes``), or for every notebook when None.

    With a ``token`` only a browser that brings it (``?token=...`` once, then a cookie) gets a page or a kernel.
    """
    target: Path = find_notebook(notebook) if notebook else notebooks_dir()
    argv = [
        sys.executable, "-m", "voila", str(target),
        f"--Voila.ip={ip}",
        f"--Voila.port={port}",
        f"--Voila.token={token}",
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


def app_url(port: int, token: str, ip: str = "127.0.0.1") -> str:
    return f"http://{ip}:{port}/" + (f"?token={token}" if token else "")


def open_app(
    notebook: str | None = None,
    port: int = DEFAULT_PORT,
    browser: bool = True,
    extra: Sequence[str] = (),
    participant: str | None = None,
    token: str | None = None,
) -> int:
    """Serve the exercises as an app until interrupted; returns Voilà's exit code.

    A random token is required by default, as ``jupyter lab`` does: anyone else on the machine or network
    who finds the port gets no page and no kernel. ``participant`` names whose workbook the app writes to.
    """
    token = secrets.token_urlsafe(24) if token is None else token
    env = kit_environment()
    if participant:
        env[ENV_PARTICIPANT] = validate_participant(participant)
    who = env.get(ENV_PARTICIPANT) or _remembered_participant()
    print(f"careerkit app: answers are saved for {who}; another name: careerkit app --participant NAME", file=sys.stderr)
    print(f"careerkit app: open {app_url(port, token)}" + ("" if token else "  (no token: anyone who can reach the port may answer)"),
          file=sys.stderr)
    argv = voila_command(notebook, port=port, browser=browser, extra=extra, token=token)
    try:
        return subprocess.call(argv, cwd=notebooks_dir().parent, env=env)
    except KeyboardInterrupt:
        return 0


def _remembered_participant() -> str:
    from careerkit import session
    from careerkit.errors import CareerkitError

    try:
        return session.current_participant()
    except CareerkitError as err:
        return f"(no valid name: {err})"
