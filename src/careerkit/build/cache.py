"""What ``careerkit build`` may reuse from the last build into the same folder, at two levels:

- a module whose notebook, inputs and options are all unchanged, and whose outputs are still there byte
  for byte, is kept as it is: not executed, exported or printed again;
- a module whose code cells are unchanged (a facilitator edited a prompt, a talking point, the timings)
  is not executed again: the outputs and widget state of its last execution are put into the new
  notebook, which is then exported and printed.

The kit's own small cache rather than jupyter-cache: jupyter-cache keys an executed notebook on its code
cells and kernel only, while a module's outputs also depend on the content files, the kit's code and
templates, the demo answers, the libraries, the assets and the build options; and the larger saving is
reusing the finished deck, handout and PDF, which jupyter-cache does not hold. It would also be a new
dependency with its own database for what is here a JSON manifest.

The inputs digest covers: every file of the installed careerkit package (code, templates, content TOML,
demo answers) and of a ``CAREERKIT_CONTENT`` override folder; the kit's version, Python's and those of
the libraries that execute and export; the asset packages' ``package.json``; the careerkit settings a
kernel inherits. A module's key adds the notebook file's bytes and the build options (and Chromium's
identity when PDFs are printed); an execution's key adds the code cells' sources and the kernel. The
manifest (``.careerkit-build/manifest.json`` in the output folder) records each key and the SHA-256 of
each file made, so an output edited or deleted by hand is made again, never served stale.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import careerkit
from careerkit.constants import (
    ENV_CHARTS,
    ENV_CONTENT,
    ENV_DEMO,
    ENV_HOME,
    ENV_PARTICIPANT,
    ENV_ROOM_TOKEN,
    ENV_ROOM_URL,
)
from careerkit.store.files import write_private

CACHE_DIR = ".careerkit-build"
FORMAT = 1
# Libraries whose version changes what a build makes (execution, widget state, export, charts).
LIBRARIES = ("nbconvert", "nbclient", "nbformat", "ipykernel", "ipywidgets", "jupyter_client", "matplotlib",
             "pydantic", "jinja2", "playwright")
# Set for the kernel by the build itself (kernels.kernel_env): not an input.
SET_BY_BUILD = {ENV_HOME, ENV_PARTICIPANT, ENV_DEMO, ENV_CHARTS, ENV_ROOM_URL, ENV_ROOM_TOKEN}
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints"}


@dataclass(frozen=True)
class Options:
    """The build options that change what a module's outputs are."""

    pdf: bool
    pdf_notes: bool
    single_file: bool
    chromium: str | None

    def digest(self) -> str:
        chromium = _file_identity(self.chromium) if self.pdf else "no pdf"
        return json.dumps([self.pdf, self.pdf_notes, self.single_file, chromium])


def _hash_files(digest, root: Path, files: Iterable[Path]) -> None:
    for path in sorted(files):
        if SKIPPED_PARTS.intersection(path.parts) or path.suffix in {".pyc", ".pyo"} or not path.is_file():
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _file_identity(path: str | None) -> str:
    if not path:
        return "none"
    try:
        found = os.stat(path)
    except OSError:
        return path
    return f"{path}:{found.st_size}:{found.st_mtime_ns}"


def inputs_key(node_modules: Path, asset_packages: Iterable[str]) -> str:
    """What every module of a build depends on besides its own notebook and the options."""
    digest = hashlib.sha256(f"careerkit-build {FORMAT} {careerkit.__version__} {sys.version}\n".encode())
    package = Path(careerkit.__file__).resolve().parent
    _hash_files(digest, package, package.rglob("*"))
    override = os.environ.get(ENV_CONTENT)
    if override and Path(override).is_dir():
        digest.update(b"content override\0")
        _hash_files(digest, Path(override), Path(override).rglob("*"))
    for name in LIBRARIES:
        digest.update(f"{name}={_version(name)}\n".encode())
    for name in sorted(set(asset_packages)):
        manifest = node_modules / name / "package.json"
        digest.update(name.encode() + b"\0" + (manifest.read_bytes() if manifest.is_file() else b"absent"))
    settings = {k: v for k, v in os.environ.items() if k.startswith("CAREERKIT_") and k not in SET_BY_BUILD}
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()


def module_key(inputs: str, options: Options, stem: str, notebook: Path) -> str:
    """The key of everything a build makes of one module."""
    digest = hashlib.sha256(f"{inputs}\n{options.digest()}\n{stem}\n".encode())
    digest.update(notebook.read_bytes())
    return digest.hexdigest()


def execution_key(inputs: str, stem: str, notebook: dict[str, Any]) -> str:
    """The key of a module's execution: only its code cells and kernel can change what they output."""
    code = [_source(c) for c in notebook.get("cells", []) if isinstance(c, dict) and c.get("cell_type") == "code"]
    kernel = notebook.get("metadata", {}).get("kernelspec", {}) if isinstance(notebook.get("metadata"), dict) else {}
    digest = hashlib.sha256(f"{inputs}\n{stem}\n".encode())
    digest.update(json.dumps([code, kernel], sort_keys=True).encode())
    return digest.hexdigest()


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class BuildCache:
    """The manifest of the last build in ``output``, and the executed notebooks it kept."""

    def __init__(self, output: Path):
        self.output = output
        self.folder = output / CACHE_DIR
        self.path = self.folder / "manifest.json"
        data = self._read()
        self.modules: dict[str, dict] = data.get("modules", {})
        self.executions: dict[str, str] = data.get("executions", {})

    def _read(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # no manifest, or not one we can trust: build everything
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return {}
        return {part: {k: v for k, v in data[part].items() if isinstance(v, (dict, str))}
                for part in ("modules", "executions") if isinstance(data.get(part), dict)}

    # whole modules ---------------------------------------------------------------------------------

    def fresh(self, stem: str, key: str) -> list[Path] | None:
        """The files module ``stem`` made last time, if its key is the same and every file is unchanged."""
        entry = self.modules.get(stem)
        if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("files"), dict):
            return None
        files = []
        for name, expected in entry["files"].items():
            path = self.output / name
            if Path(name).is_absolute() or ".." in Path(name).parts or _file_hash(path) != expected:
                return None
            files.append(path)
        return files or None

    def record(self, stem: str, key: str, files: Iterable[Path]) -> None:
        self.modules[stem] = {
            "key": key,
            "files": {p.relative_to(self.output).as_posix(): _file_hash(p) for p in sorted(files)},
        }

    # executions ------------------------------------------------------------------------------------

    def _executed_path(self, stem: str) -> Path:
        return self.folder / f"{stem}.executed.ipynb"

    def replay(self, stem: str, key: str, notebook):
        """``notebook`` with the outputs and widget state of its last execution, if its code is unchanged."""
        if self.executions.get(stem) != key:
            return None
        try:
            before = json.loads(self._executed_path(stem).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if before.get("careerkit_execution_key") != key:
            return None
        old = [c for c in before.get("cells", []) if c.get("cell_type") == "code"]
        new = [c for c in notebook.cells if c.cell_type == "code"]
        if len(old) != len(new) or any(_source(a) != _source(b) for a, b in zip(old, new, strict=True)):
            return None
        merged = copy.deepcopy(notebook)
        for cell, ran in zip((c for c in merged.cells if c.cell_type == "code"), old, strict=True):
            cell.outputs = _node(ran.get("outputs", []))
            cell.execution_count = ran.get("execution_count")
        for name in ("widgets", "language_info"):
            if name in before.get("metadata", {}):
                merged.metadata[name] = _node(before["metadata"][name])
        return merged

    def keep_execution(self, stem: str, key: str, executed) -> None:
        self.folder.mkdir(exist_ok=True)
        text = json.dumps({**executed, "careerkit_execution_key": key}, ensure_ascii=False)
        write_private(self._executed_path(stem), text)
        self.executions[stem] = key

    def save(self) -> None:
        self.folder.mkdir(exist_ok=True)
        text = json.dumps({"format": FORMAT, "modules": self.modules, "executions": self.executions},
                          indent=1, sort_keys=True)
        write_private(self.path, text + "\n")


def _node(value: Any):
    import nbformat

    return nbformat.from_dict(value)
