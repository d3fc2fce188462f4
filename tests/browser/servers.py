"""JupyterLab and Voilà started for one test: loopback only, a private config, a temp workbook folder."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from browser.builtsite import NOTEBOOKS, Server, free_port
from careerkit.constants import ENV_DEMO, ENV_EXCHANGE, ENV_HOME, ENV_PARTICIPANT

DISABLED_LAB_PLUGINS = (
    "@jupyterlab/apputils-extension:announcements",  # the news pop-up (news_url alone does not stop it)
    "@jupyterlab/extensionmanager-extension:plugin",
)


def server_env(tmp: Path, home: Path) -> dict[str, str]:
    """The servers' (and so the kernels') environment: a workbook folder of the test's own, no demo."""
    config = tmp / "jupyter-config"
    (config / "labconfig").mkdir(parents=True, exist_ok=True)
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {name: True for name in DISABLED_LAB_PLUGINS}}), encoding="utf-8"
    )
    # Autosave off: a notebook saved with its widget state could make a reload test pass for the wrong reason.
    docmanager = config / "lab" / "user-settings" / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True, exist_ok=True)
    (docmanager / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in (ENV_DEMO, ENV_PARTICIPANT, ENV_EXCHANGE)}
    env.update({
        ENV_HOME: str(home),
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTERLAB_SETTINGS_DIR": str(config / "lab" / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(config / "lab" / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "jupyter-runtime"),
        "MPLBACKEND": "Agg",
    })
    return env


@dataclass
class Running:
    url: str
    token: str
    home: Path
    root: Path
    server: Server


def start_lab(tmp: Path, notebook: str) -> Running:
    """JupyterLab on a free loopback port, serving a copy of one module notebook."""
    root, home = tmp / "notebooks", tmp / "home"
    root.mkdir()
    shutil.copy(NOTEBOOKS / notebook, root / notebook)
    port, token = free_port(), secrets.token_hex(16)
    argv = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly", "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:
        argv.append("--allow-root")  # CI runs as root; without it the server exits
    server = Server(argv, server_env(tmp, home), tmp / "lab.log", cwd=root)
    url = f"http://127.0.0.1:{port}"
    server.wait_until_up(f"{url}/api/status", headers={"Authorization": f"token {token}"})
    return Running(url, token, home, root, server)


def start_voila(tmp: Path, notebook: str) -> Running:
    """``careerkit app``'s own Voilà command line, on a free loopback port, without opening a browser."""
    from careerkit.app import voila_command

    home, port = tmp / "home", free_port()
    (tmp / "voila-connections").mkdir()
    argv = voila_command(notebook, port=port, browser=False, extra=[f"--Voila.connection_dir_root={tmp / 'voila-connections'}"])
    server = Server(argv, server_env(tmp, home), tmp / "voila.log", cwd=NOTEBOOKS)
    url = f"http://127.0.0.1:{port}"
    server.wait_until_up(f"{url}/voila/static/voila.js")  # GET / would start a kernel
    return Running(url, "", home, NOTEBOOKS, server)


def wait_for(check: Callable[[], object], timeout: float, what: str):
    """Poll ``check`` until it returns something truthy (files on disk change after the browser acts)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
