"""The kit's notebooks stay the kit's: a Jupyter Server pre-save hook that keeps a learner's answers out of them.

JupyterLab autosaves an open notebook (about every two minutes) and saves it on Ctrl+S or File → Save,
outputs and widget state included: the learner's name, workbook path and answer text would end up in
the kit's ``notebooks/*.ipynb``. Every notebook carrying the kit's metadata (``metadata.careerkit``) is
therefore saved as the kit wrote it: no outputs, no execution counts, no widget state, and what JupyterLab
changes as someone runs and clicks (a collapsed input opened, scroll and timing metadata, the kernel's
language details) taken from the file on disk. What a person edits on purpose is kept as typed: cell
sources (a note a learner writes is not lost), and the slide types, tags and module facts a coach changes
when editing the kit's MyST source as a notebook (Jupytext writes the .md and its .ipynb in one save, the
.ipynb first, through this hook). The answers themselves live in the learner's workbook, which the
exercises save as they type.

A hook, not per-learner copies: the copies would still take in outputs (and show "model not found"
after a reload), and two sets of notebooks would drift from the kit. The hook works wherever the kit's
notebooks are opened: ``make lab``, ``careerkit lab``, and each participant's copy on JupyterHub.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from careerkit.constants import META_KEY

CONFIG_DIR = Path(__file__).resolve().parent / "jupyter_config"  # put on JUPYTER_CONFIG_PATH by the launchers
UI_CELL_KEYS = ("execution", "scrolled", "collapsed")  # metadata JupyterLab adds to a cell as it is used
COLLAPSE_KEY = "jupyter"  # source_hidden / outputs_hidden: the kit's hiding in JupyterLab, toggled by a click


def is_kit_notebook(content: Any) -> bool:
    return isinstance(content, dict) and META_KEY in (content.get("metadata") or {})


def clean_notebook(content: dict[str, Any], stored: dict[str, Any] | None = None) -> dict[str, Any]:
    """The notebook as the kit stores it: outputs dropped, metadata from ``stored`` (the file on disk) where it has it."""
    stored_cells = {c.get("id"): c for c in (stored or {}).get("cells", []) if c.get("id")}
    for cell in content.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        metadata = cell.setdefault("metadata", {})
        for key in UI_CELL_KEYS:
            metadata.pop(key, None)
        before = stored_cells.get(cell.get("id"))
        if before is not None:  # collapsed as stored, whatever was clicked open
            metadata.pop(COLLAPSE_KEY, None)
            if COLLAPSE_KEY in before.get("metadata", {}):
                metadata[COLLAPSE_KEY] = before["metadata"][COLLAPSE_KEY]
        cell["metadata"] = _sorted(metadata)  # as the .ipynb stores it, so the paired .md's text does not move
    if stored is not None and is_kit_notebook(stored):
        edited = (content.get("metadata") or {}).get(META_KEY)
        content["metadata"] = dict(stored["metadata"])
        if edited is not None:
            content["metadata"][META_KEY] = edited
    else:
        metadata = content.setdefault("metadata", {})
        metadata.pop("widgets", None)
        language = metadata.get("language_info")
        if isinstance(language, dict):
            metadata["language_info"] = {"name": language.get("name", "python")}
    return content


def _sorted(value: Any) -> Any:
    return {k: _sorted(v) for k, v in sorted(value.items())} if isinstance(value, dict) else value


def _stored(contents_manager: Any, path: str) -> dict[str, Any] | None:
    try:
        os_path = contents_manager._get_os_path(path)
        return json.loads(Path(os_path).read_text(encoding="utf-8"))
    except (AttributeError, OSError, ValueError):
        return None


def pre_save(model: dict[str, Any], path: str, contents_manager: Any = None, **_kwargs: Any) -> None:
    """``ContentsManager.pre_save_hook``: a kit notebook is saved without outputs or participant data."""
    if model.get("type") != "notebook" or not is_kit_notebook(model.get("content")):
        return
    stored = _stored(contents_manager, path) if contents_manager is not None else None
    clean_notebook(model["content"], stored)
