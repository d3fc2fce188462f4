"""The kit's layout rules for JupyterLab and Voilà, loaded with each module's banner.

ipywidgets gives every box ``overflow: auto`` and every control a 2 px side margin, so a control at
``width: 100%`` sticks out by 4 px and each row grows its own horizontal scrollbar; descriptions are cut
to a fixed width with an ellipsis. Inside an exercise, rows wrap instead, controls fit their box, and
labels keep their words.
"""

from __future__ import annotations

import os

from careerkit.constants import ENV_FACILITATOR, NOTE_MARK_CLASS

LAYOUT_CSS = """
.careerkit-exercise { box-sizing: border-box; max-width: 100%; }
.careerkit-exercise .jupyter-widgets { margin-left: 0; margin-right: 0; max-width: 100%; box-sizing: border-box; }
.careerkit-exercise .widget-box { overflow: visible; min-width: 0; }
.careerkit-exercise .widget-hbox { flex-wrap: wrap; column-gap: 8px; row-gap: 4px; }
.careerkit-exercise .widget-inline-hbox { min-width: 0; }
.careerkit-exercise .widget-inline-hbox .widget-label { width: auto; max-width: none; overflow: visible;
  text-overflow: clip; white-space: nowrap; padding-right: 6px; }
.careerkit-exercise .widget-inline-hbox input, .careerkit-exercise .widget-inline-hbox select { min-width: 0; }
.careerkit-exercise .widget-html-content, .careerkit-exercise .widget-htmlmath-content { white-space: normal; overflow-wrap: anywhere; }
.careerkit-exercise .widget-checkbox { min-width: 0; height: auto; min-height: var(--jp-widgets-inline-height); line-height: 1.4; }
.careerkit-exercise .widget-checkbox label { white-space: normal; line-height: 1.4; padding: 5px 0; }
.careerkit-exercise .widget-checkbox input[type='checkbox'] { align-self: flex-start; }
.careerkit-exercise .widget-toggle-buttons { flex-wrap: wrap; }
.careerkit-exercise .widget-toggle-buttons .widget-toggle-button { margin-bottom: 2px; }
.careerkit-exercise table.ck-table { display: block; max-width: 100%; overflow-wrap: anywhere; }
.careerkit-exercise table.ck-table th, .careerkit-exercise table.ck-table td { overflow-wrap: break-word; }  /* columns as wide as their longest word: 'Version', 'achieved' stay whole */
.careerkit-exercise .widget-gridbox { min-width: 0; }
.careerkit-exercise img { max-width: 100%; height: auto; }
.careerkit-exercise .widget-slider .widget-readout { overflow: visible; }
"""

# JupyterLab expands a markdown cell when it runs, whatever its metadata: hide each facilitator notes cell by its mark.
# Not in a reveal.js deck: there the notes are the speaker's, and printed notes pages must show them.
# A collapsed code input still shows its first line ("ck.show(...)"): hide the collapsed input of code cells too.
NOTES_CSS = (
    f".jp-Cell:has(.{NOTE_MARK_CLASS}):not(.reveal .jp-Cell) {{ display: none; }}\n"
    ".jp-CodeCell .jp-Cell-inputWrapper:has(.jp-InputPlaceholder) { display: none; }\n"
)


def kit_css() -> str:
    """The ``<style>`` the banner loads: layout always; facilitator notes and code hidden unless ``careerkit lab --facilitator``."""
    notes = "" if os.environ.get(ENV_FACILITATOR) == "1" else NOTES_CSS
    return f"<style>{LAYOUT_CSS}{notes}</style>"
