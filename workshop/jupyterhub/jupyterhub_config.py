"""A one-machine JupyterHub for a careerkit workshop: try the group path on a laptop, or in the test suite.

Every participant logs in with a name and the workshop's shared password, gets a JupyterLab of their
own (home: ``$CAREERKIT_HUB_DIR/homes/<name>``) with the kit's notebooks copied into
``~/careerkit/notebooks`` and their answers in ``~/.careerkit``. Shared answers go to the room,
``careerkit-room``, a hub-managed service: the hub authenticates every call, so no participant holds a
shared secret. A role lets every user (and their kernels' ``JUPYTERHUB_API_TOKEN``) reach the service;
members of the hub group ``careerkit-facilitators`` read the room. Nothing needs a shared folder.
The hub, the proxy and the room listen on 127.0.0.1 only.

This is a rehearsal setup, not isolation: the simple spawner runs every user as the same OS user.
For a real group use The Littlest JupyterHub or Zero to JupyterHub: see facilitator_guide/jupyterhub.md.

Settings come from the environment (``workshop/jupyterhub/try_hub.sh`` sets them):
  CAREERKIT_HUB_DIR       state folder: database, cookie secret, homes (required)
  CAREERKIT_HUB_USERS     comma-separated participant names (default: alice,bob)
  CAREERKIT_HUB_FACILITATORS  comma-separated facilitator names (default: none); they log in like the others
  CAREERKIT_ROOM_PORT     the room service's port (default 10101)
  CAREERKIT_ROOM_DB       a database URL for the room (default: SQLite in $CAREERKIT_HUB_DIR/room)
  CAREERKIT_HUB_PASSWORD  the shared password, 8 characters or more (required)
  CAREERKIT_HUB_PORT      public port (default 8000); CAREERKIT_HUB_API_PORT, CAREERKIT_PROXY_API_PORT
  CAREERKIT_HUB_TOKEN     optional API token for the facilitator's scripts (start servers, list users)
  CAREERKIT_LANG          the workshop's language: en (default) or es; participants open on that language's notebooks
"""

import os
import shutil
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(KIT / "src"))
from careerkit.lab.launch import KERNEL_CULLING, kit_environment  # noqa: E402

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

HUB_DIR = Path(os.environ["CAREERKIT_HUB_DIR"]).resolve()
USERS = [u.strip() for u in os.environ.get("CAREERKIT_HUB_USERS", "alice,bob").split(",") if u.strip()]
FACILITATORS = [u.strip() for u in os.environ.get("CAREERKIT_HUB_FACILITATORS", "").split(",") if u.strip()]
ROOM = "careerkit-room"
ROOM_GROUP = "careerkit-facilitators"
ROOM_URL = f"http://127.0.0.1:{int(os.environ.get('CAREERKIT_ROOM_PORT', '10101'))}"
PORT = int(os.environ.get("CAREERKIT_HUB_PORT", "8000"))
BIN = Path(sys.executable).parent  # the environment careerkit is installed in

HUB_DIR.mkdir(parents=True, exist_ok=True)

# who may log in: the names on the list, with the workshop's shared password
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["CAREERKIT_HUB_PASSWORD"]
c.Authenticator.allowed_users = set(USERS) | set(FACILITATORS)

# where things live
c.JupyterHub.bind_url = f"http://127.0.0.1:{PORT}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("CAREERKIT_HUB_API_PORT", "8081"))
c.JupyterHub.db_url = f"sqlite:///{HUB_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(HUB_DIR / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(HUB_DIR / "jupyterhub.pid")
c.ConfigurableHTTPProxy.command = [str(KIT / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('CAREERKIT_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.pid_file = str(HUB_DIR / "jupyterhub-proxy.pid")

# each participant's own JupyterLab, opening on the welcome notebook
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(HUB_DIR / "homes" / "{username}")
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
LANG = os.environ.get("CAREERKIT_LANG", "en").strip().lower() or "en"
# the welcome notebook in the workshop's language (notebooks/es/ in Spanish; every language is copied)
c.Spawner.default_url = "/lab/tree/careerkit/notebooks/" + ("" if LANG == "en" else f"{LANG}/") + "00_welcome.ipynb"
c.Spawner.http_timeout = 60
if os.geteuid() == 0:  # as root (CI, containers) the single-user server refuses to start without it
    c.Spawner.args = ["--allow-root"]
# idle kernels of closed notebooks are shut down, as in `careerkit lab` (see careerkit.lab.launch)
c.Spawner.args = [*(c.Spawner.args if isinstance(c.Spawner.args, list) else []), *KERNEL_CULLING]


def give_the_kit(spawner):
    """Before each server starts: the notebooks in the participant's home, and where the room is."""
    home = Path(spawner.home_dir)
    target = home / "careerkit" / "notebooks"
    if not target.exists():  # never overwrite a participant's copy
        # the .ipynb only: the MyST sources and their Jupytext pairing are the kit's, for coaches (so a
        # participant sees each module once, and their saves write no .md)
        shutil.copytree(KIT / "notebooks", target, ignore=shutil.ignore_patterns("*.md", "jupytext.toml", ".ipynb_checkpoints"))
    spawner.environment.update({
        "CAREERKIT_ROOM_URL": f"{ROOM_URL}/services/{ROOM}/",  # the kernel's JUPYTERHUB_API_TOKEN signs in
        "CAREERKIT_HOME": str(home / ".careerkit"),
        "CAREERKIT_PARTICIPANT": spawner.user.name,
        "CAREERKIT_LANG": LANG,
        "MPLBACKEND": "Agg",
        # the kit's Jupyter configuration: no answers saved into the notebooks, no news pop-up
        "JUPYTER_CONFIG_PATH": kit_environment({})["JUPYTER_CONFIG_PATH"],
    })


c.Spawner.pre_spawn_hook = give_the_kit

# the room: a hub-managed service; the hub starts it and tells it who is calling
c.JupyterHub.services = [{
    "name": ROOM,
    "url": ROOM_URL,
    "command": [str(BIN / "careerkit"), "room", "serve", "--hub", "--data", str(HUB_DIR / "room"), "--group", ROOM_GROUP],
    "environment": {"MPLBACKEND": "Agg", "CAREERKIT_ROOM_DB": os.environ.get("CAREERKIT_ROOM_DB", "")},
}]
# every user may call the room; so may their servers' tokens (JUPYTERHUB_API_TOKEN, inherited by kernels)
ROOM_SCOPE = f"access:services!service={ROOM}"
c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", ROOM_SCOPE]}]
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", ROOM_SCOPE]
# facilitators: the members of one hub group (the room reads the group from the hub on each call)
c.JupyterHub.load_groups = {ROOM_GROUP: {"users": FACILITATORS}}

# an API token for the facilitator's scripts (and the loopback test): start servers, list users
if os.environ.get("CAREERKIT_HUB_TOKEN"):
    c.JupyterHub.services.append({"name": "careerkit-admin", "api_token": os.environ["CAREERKIT_HUB_TOKEN"]})
    c.JupyterHub.load_roles.append({
        "name": "careerkit-admin",
        "scopes": ["admin:users", "admin:servers", "access:servers"],
        "services": ["careerkit-admin"],
    })
