"""Writes notebooks/00_welcome.ipynb."""

from nbauthor import code, md, notebook, notes, write

cells = [
    md("""
# Career as a product: a workshop for product managers

Welcome. Over the next modules you will plan your career the way you would plan a product:
an end state, versions, a lane, a story, feedback loops, and a second North Star for later on.

The career ideas come from one source: a podcast conversation on PM career development. Each idea
from it cites its moment, like `[00:08:11]`, so you can go back to the words themselves.
A few exercises borrow from named outside work (*Designing Your Life* by Burnett & Evans, and
*Thanks for the Feedback* by Stone & Heen), and the kit adds its own scores, prompts and rules of thumb.
Those are marked where they appear: with the work's name, or *kit's own*.
"""),
    notes("""
Welcome the room. Say what the kit is for: a plan you keep and revise, not a test.
Point out that nothing needs coding: every exercise is boxes, sliders and buttons.
"""),
    code("import careerkit as ck\nck.start('00 Welcome')"),
    md("""
## How the kit works

- Each module is a notebook. Run it top to bottom (**Run → Run All Cells**).
- Exercises are forms: type, tick, slide. **Every change is saved as you type.**
- Close the notebook, restart the kernel, come back next week: your answers are still there.
- If something you type cannot be used (too long, out of range), a message says so beside the exercise,
  and your last saved answer is kept.
""", slide="slide"),
    md("""
## Choose your name

Your name picks your workbook: one file that holds all your answers. Use the same name every time.
Your hub login works, e-mail addresses included; "Ana" and "ana" are two different people. A message says so if a name cannot be used.
""", slide="slide"),
    code("ck.choose_participant()"),
    md("""
## Where your answers live, and who sees them

- Your workbook is a JSON file in your careerkit folder: `~/.careerkit/` unless your facilitator set
  `CAREERKIT_HOME` to another folder. The banner above each module names the exact file.
- **Private by default.** Nothing leaves your workbook unless you tick *share with the group* on an exercise.
  Untick *share* and your answer is deleted from the room. Who sees what:
  - **The facilitator** sees only the answers you share, under a code name the room drew at random
    (like `p-3f9a21c4`), never your name. Unless you also tick *my words may be quoted*, the room empties
    every sentence you typed before it stores the answer: the facilitator gets your choices and numbers only.
    With *quoted* ticked, they can read your words and may show them to the group, without your name.
  - **The other participants** see only what the facilitator puts on screen: counts for groups of three or
    more people, and quotes the facilitator chose to show. They cannot read the room or anyone's answers.
  - **The hub's administrator** (on JupyterHub) can read every file on the hub, your workbook included, and
    the room's database, where your username is kept only as a keyed code. With that key and the list of
    users they could work out which code name is yours. On your own laptop, the room never learns your name.
  - Anyone may still recognise a shared answer by what it says ("the only climate founder here").
- At the end, module 05 turns your answers into a one-page career plan. You can ship it as **v1**,
  and come back in six months to ship **v2** and see what changed.
""", slide="slide"),
    notes("""
Read the privacy promise aloud. Ask: "Is anyone uncomfortable with sharing?" Sharing is optional, always.
"""),
    md("""
## Join the room (optional)

If your facilitator shows the room's answers, their screen shows a **room address** and a **room code**.
Type both here and press **Join the room**, once: your workbook keeps the secret the room gives it.
On a JupyterHub prepared for the workshop you are in the room already and the boxes are greyed out.
Until you join, ticking *share* is remembered and nothing leaves your workbook.
""", slide="subslide"),
    code("from careerkit.widgets.welcome import join_room\njoin_room()"),
    md("""
## The modules

| # | Module | What you leave with |
|---|---|---|
| 01 | Long-term versioning | An end state, a version roadmap, a stay-or-go read |
| 02 | Lane selection | One lane of product ambiguity, an "I" story, a press release |
| 03 | Feedback repetition drills | A repeat-back habit, a read on a stalled promotion |
| 04 | Act 3 arcs | A second North Star, a community to join |
| 05 | My plan | Your career plan, shipped as a version |
""", slide="slide"),
]

meta = {
    "title": "Welcome",
    "teaching": 10,
    "exercises": 5,
    "objectives": ["Know how the kit saves answers and keeps them private", "Choose a participant name"],
    "keypoints": ["Every change is saved as you type", "Nothing is shared unless you tick share"],
}

write(notebook(cells, meta), "00_welcome.ipynb")
