"""The kit's notebooks as text: each ``NN_name.md`` (MyST Markdown, the source) and the ``.ipynb`` paired with it.

Jupytext does the reading and writing; the folder's ``jupytext.toml`` holds the pairing and the allow-lists
of metadata kept in the text. What this module adds is the kit's check that a pair agrees: the same cells,
in the same order, with the same sources and the same allowed metadata (slide type, tags, collapsed
input, the exercise and module facts). ``make notebooks`` writes the .ipynb files from the .md files; the
tests and ``tools/to_myst.py`` use :func:`pair_differences`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jupytext
import nbformat
import yaml
from jupytext.combine import combine_inputs_with_outputs
from jupytext.config import JupytextConfiguration, load_jupytext_config
from jupytext.metadata_filter import filter_metadata

from careerkit.content.text import ENGLISH, LANGUAGES
from careerkit.errors import CareerkitError

TEXT_FORMAT = "md:myst"
WORKSHOP_NOTEBOOKS = ("room", "dashboard")  # the facilitator's notebooks in workshop/, paired like the modules
# What a running kernel reports, and so what JupyterLab saves: stored in each .ipynb, it gives the {code-cell}
# lexer Jupytext writes into the .md, the same whether the .md is written by the tools or by a learner's save.
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3"}


@dataclass(frozen=True)
class Pair:
    """One notebook: its MyST source and the .ipynb written from it."""

    md: Path
    ipynb: Path


def module_sources(root: Path) -> list[Path]:
    """The module notebooks' MyST sources: ``notebooks/NN_name.md``, then each translation's
    (``notebooks/es/NN_name.md``)."""
    folders = [root / "notebooks", *(root / "notebooks" / code for code in LANGUAGES if code != ENGLISH)]
    return [md for folder in folders for md in sorted(folder.glob("[0-9][0-9]_*.md"))]


def pairs(root: Path) -> list[Pair]:
    """Every paired notebook of the kit at ``root``: the module notebooks (English, then translated), then the
    workshop's."""
    sources = [*module_sources(root), *(root / "workshop" / f"{name}.md" for name in WORKSHOP_NOTEBOOKS)]
    return [Pair(md, md.with_suffix(".ipynb")) for md in sources]


def config_for(path: Path) -> JupytextConfiguration:
    """The folder's Jupytext configuration; without it the allow-lists would fall back to Jupytext's defaults."""
    config = load_jupytext_config(str(path))
    if config is None or not config.cell_metadata_filter or not config.notebook_metadata_filter:
        raise CareerkitError(f"{path.parent / 'jupytext.toml'} is missing or has no metadata allow-lists: "
                             "restore it from the kit (it keeps slide types and tags in the text).")
    return config


def read_source(md: Path) -> Any:
    """The notebook a .md holds (no outputs); a file Jupytext cannot read gets a sentence naming where."""
    config = config_for(md)
    try:
        return jupytext.read(md, fmt=TEXT_FORMAT, config=config)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark is not None else ""
        raise CareerkitError(f"{md.name} could not be read: its front matter or a cell's options are not valid "
                             f"YAML{where} ({getattr(err, 'problem', None) or err}).") from None
    except (OSError, ValueError) as err:
        raise CareerkitError(f"{md.name} could not be read as a MyST notebook ({err}).") from None


def to_text(notebook: Any, config: JupytextConfiguration) -> str:
    return jupytext.writes(notebook, fmt=TEXT_FORMAT, config=config)


def inputs(notebook: Any, config: JupytextConfiguration) -> dict[str, Any]:
    """What the text keeps of a notebook: allowed notebook metadata, and each cell's type, source and allowed metadata."""
    return {
        "metadata": filter_metadata(dict(notebook.metadata), config.notebook_metadata_filter),
        "cells": [
            {"type": cell.cell_type, "source": cell.source.rstrip("\n"),
             "metadata": filter_metadata(dict(cell.metadata), config.cell_metadata_filter)}
            for cell in notebook.cells
        ],
    }


def notebook_differences(actual: Any, expected: Any, config: JupytextConfiguration) -> list[str]:
    """Sentences naming each cell or metadata where ``actual`` differs from ``expected``; empty when they agree."""
    a, e = inputs(actual, config), inputs(expected, config)
    found = []
    if a["metadata"] != e["metadata"]:
        found.append(f"notebook metadata: {a['metadata']} != {e['metadata']}")
    if len(a["cells"]) != len(e["cells"]):
        found.append(f"{len(a['cells'])} cells != {len(e['cells'])} cells")
    for index, (left, right) in enumerate(zip(a["cells"], e["cells"], strict=False)):
        for key in ("type", "source"):
            if left[key] != right[key]:
                found.append(f"cell {index} {key}: {_near_first_difference(left[key], right[key])}")
        for key in sorted(set(left["metadata"]) | set(right["metadata"])):
            if left["metadata"].get(key) != right["metadata"].get(key):
                found.append(f"cell {index} metadata {key}: {left['metadata'].get(key)} != {right['metadata'].get(key)}")
    return found


def _near_first_difference(left: str, right: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y), min(len(left), len(right)))
    start = max(0, at - 30)
    return f"{left[start:at + 50]!r} != {right[start:at + 50]!r}"


def pair_differences(pair: Pair) -> list[str]:
    """Where a .ipynb no longer says what its .md says (run ``make notebooks``); empty when they agree."""
    if not pair.ipynb.is_file():
        return [f"{pair.ipynb.name} is missing"]
    config = config_for(pair.md)
    return notebook_differences(jupytext.read(pair.ipynb), read_source(pair.md), config)


def write_ipynb(pair: Pair) -> bool:
    """Write the .ipynb from its .md (``make notebooks``); True if it changed.

    Sources, cells and allowed metadata come from the .md; cell ids (matched by Jupytext) and the metadata
    the text does not hold come from the .ipynb already there. No outputs are stored.
    """
    config = config_for(pair.md)
    source = read_source(pair.md)
    stored = nbformat.read(pair.ipynb, as_version=4) if pair.ipynb.is_file() else None
    notebook = combine_inputs_with_outputs(source, stored, fmt=TEXT_FORMAT) if stored is not None else source
    kept = {k: v for k, v in (stored.metadata if stored is not None else {}).items()
            if k != "jupytext" and not filter_metadata({k: v}, config.notebook_metadata_filter)}
    notebook.metadata = nbformat.from_dict({"language_info": dict(LANGUAGE_INFO), **kept,
                                            **filter_metadata(dict(source.metadata), config.notebook_metadata_filter)})
    for cell, text_cell in zip(notebook.cells, source.cells, strict=True):
        cell.metadata = text_cell.metadata
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.validate(notebook)
    if stored is not None and nbformat.writes(notebook) == nbformat.writes(stored):
        return False
    nbformat.write(notebook, pair.ipynb)
    return True


def main(root: Path) -> int:
    """``make notebooks``: every .ipynb of the kit written from its .md."""
    for pair in pairs(root):
        try:
            changed = write_ipynb(pair)
        except CareerkitError as err:
            print(err)
            return 1
        print(f"{'Wrote' if changed else 'Unchanged'} {pair.ipynb.relative_to(root)}")
    return 0
