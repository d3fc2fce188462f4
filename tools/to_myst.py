"""Write each kit notebook's MyST source (``NN_name.md``) from its ``.ipynb``: the move to text, re-runnable.

    .venv/bin/python tools/to_myst.py            # notebooks/*.ipynb, workshop/room.ipynb, workshop/dashboard.ipynb
    .venv/bin/python tools/to_myst.py --check    # write nothing; exit 1 if a .md would change

Each .md is written with the pairing and the metadata allow-lists of its folder's ``jupytext.toml``, read
back and compared with the .ipynb it came from (whose ``language_info`` is set to what a kernel reports,
so that a learner's save in JupyterLab writes the same .md): a conversion that would lose a cell, a source or an
allowed metadata key stops with the difference and writes nothing. Once the .md files are the source,
``make notebooks`` goes the other way (.md -> .ipynb); run this only to take in notebooks that were
changed as .ipynb, for example by a branch that still generates them with tools/notebooks/*.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from careerkit.build.notebook_text import LANGUAGE_INFO, TEXT_FORMAT, config_for, notebook_differences, to_text  # noqa: E402

IPYNB = [*sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")), ROOT / "workshop" / "room.ipynb",
         ROOT / "workshop" / "dashboard.ipynb"]


def with_kernel_language(ipynb: Path) -> None:
    """Store the kernel's lexer in ``ipynb`` (the only change made to it), so a save from a run leaves the .md alone."""
    notebook = nbformat.read(ipynb, as_version=4)
    if notebook.metadata.get("language_info") != LANGUAGE_INFO:
        notebook.metadata["language_info"] = dict(LANGUAGE_INFO)
        nbformat.write(notebook, ipynb)
        print(f"Wrote {ipynb.relative_to(ROOT)} (language_info)")


def myst_of(ipynb: Path) -> str:
    """The MyST text of ``ipynb``, checked to read back as the same notebook."""
    config = config_for(ipynb)
    notebook = jupytext.read(ipynb)
    text = to_text(notebook, config)
    lost = notebook_differences(jupytext.reads(text, fmt=TEXT_FORMAT, config=config), notebook, config)
    if lost:
        sys.exit(f"{ipynb.relative_to(ROOT)} would not survive the move to text:\n  " + "\n  ".join(lost))
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a .md would change")
    args = parser.parse_args(argv)
    if not args.check:
        for ipynb in IPYNB:
            with_kernel_language(ipynb)
    texts = {ipynb.with_suffix(".md"): myst_of(ipynb) for ipynb in IPYNB}  # all checked before any is written
    stale = [md for md, text in texts.items() if not md.is_file() or md.read_text(encoding="utf-8") != text]
    for md in stale:
        if args.check:
            print(f"Would change {md.relative_to(ROOT)}")
        else:
            md.write_text(texts[md], encoding="utf-8")
            print(f"Wrote {md.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
