"""``careerkit app``: the exercises as a Voilà app, for participants who should never see code.

Voilà strips every code cell and shows the markdown and the widgets; cells tagged ``facilitator`` are left out. Each page load starts a kernel
that inherits this process's environment, so answers go to the same workbook (``CAREERKIT_HOME``,
the participant chosen in 00_welcome) as they do in JupyterLab.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from careerkit.constants import ENV_APP, ENV_LANG, ENV_PARTICIPANT, FACILITATOR
from careerkit.content.text import ENGLISH, check_language
from careerkit.lab.launch import find_notebook, kit_environment, kit_root, notebooks_dir
from careerkit.store.workbook import validate_participant

DEFAULT_PORT = 8866
TEMPLATE = "careerkit_app"  # Voilà's lab template with FontAwesome served locally (src/careerkit/build/templates/careerkit_app)
FONTAWESOME = "@fortawesome/fontawesome-free"
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
    template: bool = False,
    lang: str = ENGLISH,
) -> list[str]:
    """The Voilà command line for one notebook (``02`` or ``02_lanes``), or for every notebook when None, in
    ``lang``'s notebooks (``notebooks/es/`` for "es").

    With a ``token`` only a browser that brings it (``?token=...`` once, then a cookie) gets a page or a kernel.
    """
    lang = check_language(lang)
    target: Path = find_notebook(notebook, lang) if notebook else notebooks_dir(lang)
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
        *([f"--template={TEMPLATE}"] if template else []),
    ]
    if not browser:
        argv.append("--no-browser")
    return [*argv, *extra]


def prepare_template(data_dir: Path) -> bool:
    """Put the app's Voilà template in ``data_dir`` (a folder for JUPYTER_PATH), FontAwesome linked from node_modules.

    False when node_modules has no FontAwesome (``make assets`` installs it): the app then uses Voilà's own
    template, whose icons come from a CDN (only the buttons' icons are missing offline).
    """
    from careerkit.build.assets import find_assets
    from careerkit.errors import BuildError

    try:
        fontawesome = find_assets() / FONTAWESOME
    except BuildError:
        return False
    if not (fontawesome / "css" / "all.min.css").is_file():
        return False
    target = data_dir / "voila" / "templates" / TEMPLATE
    (target / "static").mkdir(parents=True, exist_ok=True)
    source = Path(__file__).resolve().parent.parent / "build" / "templates" / TEMPLATE
    for name in ("conf.json", "index.html.j2"):
        (target / name).write_bytes((source / name).read_bytes())
    copy = target / "static" / "fontawesome"  # a copy: Voilà refuses files reached through a link
    for part in ("css", "webfonts"):
        shutil.copytree(fontawesome / part, copy / part, dirs_exist_ok=True)
    return True


def with_data_dir(env: dict[str, str], data_dir: Path) -> dict[str, str]:
    paths = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    return {**env, "JUPYTER_PATH": os.pathsep.join([str(data_dir), *paths])}


def app_url(port: int, token: str, ip: str = "127.0.0.1") -> str:
    return f"http://{ip}:{port}/" + (f"?token={token}" if token else "")


def open_app(
    notebook: str | None = None,
    port: int = DEFAULT_PORT,
    browser: bool = True,
    extra: Sequence[str] = (),
    participant: str | None = None,
    token: str | None = None,
    lang: str = ENGLISH,
) -> int:
    """Serve the exercises as an app until interrupted; returns Voilà's exit code. ``lang`` ("es") serves that
    language's notebooks, and every kernel speaks it.

    A random token is required by default, as ``jupyter lab`` does: anyone else on the machine or network
    who finds the port gets no page and no kernel. ``participant`` names whose workbook the app writes to.
    """
    token = secrets.token_urlsafe(24) if token is None else token
    env = {**kit_environment(), ENV_APP: "1", ENV_LANG: check_language(lang)}
    if participant:
        env[ENV_PARTICIPANT] = validate_participant(participant)
    who = env.get(ENV_PARTICIPANT) or _remembered_participant()
    print(f"careerkit app: answers are saved for {who}; another name: careerkit app --participant NAME", file=sys.stderr)
    print(f"careerkit app: open {app_url(port, token)}" + ("" if token else "  (no token: anyone who can reach the port may answer)"),
          file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="careerkit-app-") as data_dir:
        template = prepare_template(Path(data_dir))
        if not template:
            print("careerkit app: FontAwesome is not in node_modules (run `make assets`): button icons need the internet.",
                  file=sys.stderr)
        argv = voila_command(notebook, port=port, browser=browser, extra=extra, token=token, template=template,
                             lang=lang)
        try:
            return subprocess.call(argv, cwd=kit_root(), env=with_data_dir(env, Path(data_dir)))
        except KeyboardInterrupt:
            return 0


def _remembered_participant() -> str:
    from careerkit.errors import CareerkitError
    from careerkit.store import session

    try:
        return session.current_participant()
    except CareerkitError as err:
        return f"(no valid name: {err})"
