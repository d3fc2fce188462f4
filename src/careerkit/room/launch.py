"""``careerkit room view``: the live room view as a Voilà app, with the room's address and token in its kernel."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from careerkit.constants import ENV_ROOM_TOKEN, ENV_ROOM_URL
from careerkit.errors import CareerkitError
from careerkit.lab.launch import kit_root
from careerkit.room.server import TOKEN_FILE

VIEW_PORT = 8867


def room_notebook() -> Path:
    return kit_root() / "workshop" / "room.ipynb"


def view_command(port: int = VIEW_PORT, browser: bool = True, extra: Sequence[str] = ()) -> list[str]:
    """``careerkit app``'s Voilà command line, for the room view."""
    from careerkit.lab.app import voila_command

    argv = voila_command(None, port=port, browser=browser, extra=extra)
    argv[3] = str(room_notebook())  # [python, -m, voila, TARGET, ...]
    return argv


def view_env(url: str, token: str, data: Path | str | None = None) -> dict[str, str]:
    """The view kernel's environment: where the room is, and the facilitator's token (read from --data if given)."""
    if data is not None and not token:
        try:
            token = (Path(data).expanduser() / TOKEN_FILE).read_text(encoding="ascii").strip()
        except OSError:
            raise CareerkitError(f"There is no facilitator token in {data}; give --token as `careerkit room serve` "
                                 "printed it.") from None
    if not url or not token:
        raise CareerkitError("The view needs the room's address and your facilitator token: --url and --token, as "
                             "`careerkit room serve` printed them (on a hub, open workshop/room.ipynb instead).")
    return dict(os.environ, **{ENV_ROOM_URL: url, ENV_ROOM_TOKEN: token, "MPLBACKEND": "Agg"})


def open_view(url: str, token: str, data: Path | str | None = None, port: int = VIEW_PORT, browser: bool = True) -> int:
    env = view_env(url, token, data)
    try:
        return subprocess.call(view_command(port, browser), cwd=room_notebook().parent, env=env)
    except KeyboardInterrupt:
        return 0
