"""JupyterLab and Voilà started for one test: loopback only, a private config, a temp workbook folder."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from browser.builtsite import NOTEBOOKS, Server, free_port
from careerkit.constants import ENV_APP, ENV_DEMO, ENV_HOME, ENV_LANG, ENV_PARTICIPANT
from careerkit.lab.launch import kit_environment, lab_command


def server_env(tmp: Path, home: Path, lang: str = "en") -> dict[str, str]:
    """The servers' (and so the kernels') environment: the kit's shipped Jupyter configuration, private user
    settings (an empty user folder, as a new learner has), a workbook folder of the test's own, no demo."""
    config = tmp / "jupyter-config"
    config.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in kit_environment().items() if k not in (ENV_DEMO, ENV_PARTICIPANT)}
    env.update({
        ENV_HOME: str(home),
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTERLAB_SETTINGS_DIR": str(config / "lab" / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(config / "lab" / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "jupyter-runtime"),
        "JUPYTER_DATA_DIR": str(tmp / "jupyter-data"),
        "MPLBACKEND": "Agg",
        ENV_LANG: lang,  # as `careerkit lab --lang` and `careerkit app --lang` set it
    })
    return env


@dataclass
class Running:
    url: str
    token: str
    home: Path
    root: Path
    server: Server


def start_lab(tmp: Path, notebook: str, lang: str = "en") -> Running:
    """``careerkit lab``'s own command line and configuration, on the kit's real notebooks, on a free loopback port.

    Only what a test needs is added: no browser, a free port, a known token, and the app object exposed to
    the page (to run all cells). Autosave, the save hook and the news setting are the learner's.
    """
    home, port, token = tmp / "home", free_port(), secrets.token_hex(16)
    argv, root = lab_command(notebook, [
        "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True",
    ], lang=lang)
    server = Server(argv, server_env(tmp, home, lang), tmp / "lab.log", cwd=root)
    url = f"http://127.0.0.1:{port}"
    server.wait_until_up(f"{url}/api/status", headers={"Authorization": f"token {token}"})
    return Running(url, token, home, root, server)


def start_voila(tmp: Path, notebook: str | None, lang: str = "en") -> Running:
    """``careerkit app``'s own Voilà command line (a token required, as by default), on a free loopback port."""
    from careerkit.lab.app import prepare_template, voila_command, with_data_dir

    home, port, token = tmp / "home", free_port(), secrets.token_urlsafe(16)
    (tmp / "voila-connections").mkdir()
    template = prepare_template(tmp / "jupyter-app-data")
    argv = voila_command(notebook, port=port, browser=False, token=token, template=template,
                         extra=[f"--Voila.connection_dir_root={tmp / 'voila-connections'}"], lang=lang)
    env = {**with_data_dir(server_env(tmp, home, lang), tmp / "jupyter-app-data"), ENV_APP: "1"}
    server = Server(argv, env, tmp / "voila.log", cwd=NOTEBOOKS)
    url = f"http://127.0.0.1:{port}"
    server.wait_until_up(f"{url}/voila/static/voila.js")  # GET / would start a kernel
    return Running(url, token, home, NOTEBOOKS, server)


def wait_for(check: Callable[[], object], timeout: float, what: str):
    """Poll ``check`` until it returns something truthy (files on disk change after the browser acts)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
