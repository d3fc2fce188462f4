"""Writes workshop/room.ipynb: the facilitator's live view of the room (not a module: no module metadata)."""

from pathlib import Path

import nbformat
from nbauthor import ROOT, code, md, notebook

cells = [
    md("""
# The room, live

What the group shares, as it is shared: each chart redraws by itself within a second or two of a share or
a withdrawal. Open it with `careerkit room view` (Voilà: no code on screen), or run all cells here.

- Every answer here was ticked *share with the group*; the room knows people only by the code names it drew.
- Any exercise fewer than **k** people shared (3 here) says "waiting for more answers": no breakdown, ever.
- Typed words appear only where their author ticked *my words may be quoted*, and only once you reveal them.
- Under each chart: freeze it, hide its results until you reveal them, or reset the exercise for the room.
  Keep the quotes waiting for you off the projector until you have read them.
"""),
    code("""
from careerkit.room.view import show_room

show_room(k=3)
"""),
]

nb = notebook(cells, {})
del nb.metadata["careerkit"]
path = Path(ROOT) / "workshop" / "room.ipynb"
for index, cell in enumerate(nb.cells):
    cell["id"] = f"room-{index:03d}"
nbformat.validate(nb)
nbformat.write(nb, path)
print(f"Wrote {path}")
