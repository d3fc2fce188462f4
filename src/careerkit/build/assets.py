"""The pinned front-end assets a deck loads, copied beside it so it works offline.

reveal.js, require.js, jQuery and the widget renderer come from the npm packages pinned in the kit's
``package.json`` (``make assets`` installs them in ``node_modules/``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from careerkit.constants import ENV_ASSETS
from careerkit.errors import BuildError

ASSETS = "assets"  # the folder beside the decks
THEME = "white"  # its fonts ship with reveal.js; most other themes pull Google Fonts

# (npm package, file or folder inside it, where it goes under assets/)
ASSET_FILES = (
    ("reveal.js", "dist/reveal.js", "reveal.js/dist/reveal.js"),
    ("reveal.js", "dist/reveal.css", "reveal.js/dist/reveal.css"),
    ("reveal.js", f"dist/theme/{THEME}.css", f"reveal.js/dist/theme/{THEME}.css"),
    ("reveal.js", "dist/theme/fonts", "reveal.js/dist/theme/fonts"),
    ("reveal.js", "plugin/notes/notes.js", "reveal.js/plugin/notes/notes.js"),
    ("requirejs", "require.js", "require.js"),
    ("jquery", "dist/jquery.min.js", "jquery.min.js"),
    ("@jupyter-widgets/html-manager", "dist", "html-manager"),
)
SKIPPED_ASSETS = ("*.map", "embed.js", "libembed-amd.js", "*.LICENSE.txt")


def find_assets() -> Path:
    """The ``node_modules`` folder holding the pinned assets: under CAREERKIT_ASSETS, or the repository's."""
    candidates = []
    if os.environ.get(ENV_ASSETS):
        base = Path(os.environ[ENV_ASSETS])
        candidates += [base / "node_modules", base]
    candidates += [parent / "node_modules" for parent in Path(__file__).resolve().parents]
    candidates.append(Path.cwd() / "node_modules")
    for folder in candidates:
        if (folder / "reveal.js" / "dist" / "reveal.js").is_file():
            return folder
    raise BuildError(
        "the slide assets",
        "reveal.js and the widget renderer were not found in node_modules. Run `make assets` (npm ci) in the "
        f"kit's folder, or set {ENV_ASSETS} to the folder holding node_modules",
    )


def copy_assets(node_modules: Path, target: Path) -> None:
    """Copy the assets the decks load (skipping files already there and unchanged)."""
    for package, inside, dest in ASSET_FILES:
        source = node_modules / package / inside
        if not source.exists():
            raise BuildError("the slide assets", f"{source} is missing; run `make assets` (npm ci) again")
        if source.is_dir():
            shutil.copytree(
                source, target / dest, dirs_exist_ok=True, copy_function=_copy_if_changed,
                ignore=shutil.ignore_patterns(*SKIPPED_ASSETS),
            )
        else:
            (target / dest).parent.mkdir(parents=True, exist_ok=True)
            _copy_if_changed(source, target / dest)


def _copy_if_changed(source: str | Path, dest: str | Path) -> None:
    s, d = os.stat(source), Path(dest)
    if d.exists() and d.stat().st_size == s.st_size and int(d.stat().st_mtime) == int(s.st_mtime):
        return
    shutil.copy2(source, dest)
