"""``make notebooks``: write each kit notebook's .ipynb from its MyST source (.md -> .ipynb, never the other way).

    .venv/bin/python tools/sync_notebooks.py

Like ``jupytext --to ipynb --update``, keeping cell ids, but leaving no Jupytext bookkeeping in the .ipynb.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from careerkit.build.notebook_text import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(ROOT))
