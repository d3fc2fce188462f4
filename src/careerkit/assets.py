"""Where the offline front-end assets (reveal.js, require.js, jQuery, the widget renderer) are found."""

from __future__ import annotations

import os
from pathlib import Path

from careerkit.constants import ENV_ASSETS

# npm package → the folder inside it that is copied beside the decks
PACKAGES = {
    "reveal.js": ".",
    "requirejs": ".",
    "jquery": "dist",
    "@jupyter-widgets/html-manager": "dist",
}


def repo_root() -> Path | None:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "package.json").is_file() and (parent / "pyproject.toml").is_file():
            return parent
    return None


def node_modules() -> Path | None:
    """``$CAREERKIT_ASSETS`` (a folder holding node_modules, or node_modules itself), else the repo's."""
    candidates = []
    env = os.environ.get(ENV_ASSETS)
    if env:
        candidates += [Path(env) / "node_modules", Path(env)]
    root = repo_root()
    if root:
        candidates.append(root / "node_modules")
    for folder in candidates:
        if (folder / "reveal.js").is_dir():
            return folder
    return None


def missing_packages() -> list[str]:
    folder = node_modules()
    if folder is None:
        return list(PACKAGES)
    return [name for name in PACKAGES if not (folder / name / "package.json").is_file()]
