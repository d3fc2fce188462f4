"""Writes workshop/dashboard.ipynb: the facilitator's view of the room (not a module: no module metadata)."""

from pathlib import Path

import nbformat
from nbauthor import ROOT, code, md, notebook

cells = [
    md("""
# The room: cohort dashboard

What the group chose to share, module by module, as **distributions only**:

- an answer is here only if its author ticked *share with the group*; names never reach the room (it draws pseudonyms);
- any group smaller than **k** people (3 unless you change `K` below; never below 2) is hidden;
- free text appears only where its author also ticked *my words may be quoted*, and only once k people shared that exercise.

By default this shows the **fictional demo cohort** in `demo_cohort/room_export.json`. To see your room, start
Jupyter with `CAREERKIT_ROOM_URL` and your facilitator token in `CAREERKIT_ROOM_TOKEN` (or `CAREERKIT_ROOM_EXPORT`
naming a file written by `careerkit room export`), then **Run All**. For the live view, open `room.ipynb`.
"""),
    code("""
import os

from careerkit.cohort import collect
from careerkit.report import build_report

SOURCE = (os.environ.get("CAREERKIT_ROOM_URL") or os.environ.get("CAREERKIT_ROOM_EXPORT")
          or "demo_cohort/room_export.json")  # the demo cohort beside this notebook
TOKEN = os.environ.get("CAREERKIT_ROOM_TOKEN", "")
K = 3  # hide any group smaller than this (never below 2)

room = build_report(SOURCE, k=K, token=TOKEN)
room
"""),
    md("""
## Module by module

For each module: how many people shared each exercise, then each distribution as a chart and a table,
then the quotes people allowed. Read it aloud as a room: "most of us...", never "someone here...".
""", slide="slide"),
    code("""
from IPython.display import display

for section in room.sections:
    display(section, *section.charts())
"""),
    md("""
## Answers the collection skipped

Answers that do not fit their exercise are skipped, never fatal; this lists them (by pseudonym).
""", slide="slide"),
    code("""
print(collect(SOURCE, token=TOKEN).describe())
"""),
]

nb = notebook(cells, {})
del nb.metadata["careerkit"]
path = Path(ROOT) / "workshop" / "dashboard.ipynb"
for index, cell in enumerate(nb.cells):
    cell["id"] = f"dash-{index:03d}"
nbformat.validate(nb)
nbformat.write(nb, path)
print(f"Wrote {path}")
