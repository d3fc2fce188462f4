"""Writes notebooks/02_lanes.ipynb."""

from nbauthor import code, exercise, md, notebook, notes, write

cells = [
    md("""
# 02 · Pick a lane: your expertise, your story, your path

Early in a product career, become world-class in one kind of product ambiguity, and be able to tell
the story of what *you* learned and achieved. Later: the IC path or the manager path?
"""),
    code("import careerkit as ck\nck.start('02 Pick a lane')"),
    notes("""
Open with: "If your next employer could remember one thing you are world-class at, what would it be?"
Take two or three answers. Most people name several things: that is the point of this module.
"""),
    md("""
## Six lanes of product ambiguity

Build **world-class expertise** in one of the core product ambiguities, as early as you can `[00:23:14]`:

- **Crafting** `[00:23:14]`
- **Market ambiguity** `[00:23:18]`
- **Organizational ambiguity** `[00:23:27]`
- **Domain expertise**, e.g. ML, hardware `[00:23:35]`
- **Team expertise**, e.g. managing managers `[00:23:47]`
- **Growth** `[00:24:15]`

Picking a specific **lane** is crucial `[00:24:21]`.
"""),
    notes("""
Talking points: the six lanes are kinds of ambiguity a PM resolves, not job titles [00:23:14]-[00:24:15].
The kit's reading: "pick a lane" [00:24:21] does not mean never touching the others; it means one where you go
world-class, as the source's takeaway puts it [00:24:04].
Ask: "Which lane do people already come to you for?"
"""),
    md("""
## Evidence, energy, opportunity

For each lane, three questions (the kit's own frame for choosing, not the source's):

- **Evidence**: what have I already done in it?
- **Energy**: how does it feel to do it?
- **Opportunity**: is there demand for it where I want to go?

First, a short log of recent work (after the Good Time Journal of *Designing Your Life*) gives your energy
rating some evidence.
"""),
    exercise(
        "lanes.energy_log", "Exercise 1: your energy log",
        "List three to five pieces of work from the last two weeks. Tag each with its lane and rate, from 1 to 10, "
        "how **engaged** you were and how **energised** you felt afterwards. (Borrowed from outside the podcast: "
        "the Good Time Journal of *Designing Your Life*.)",
        10, "[00:23:14]", origin="designing_your_life",
    ),
    notes("""
Remote: ask people to paste one entry in the chat, lane only. In the room: pairs read each other one entry.
Pitfall: people log what they are proud of, not what they did. Ask for the boring meetings too.
"""),
    exercise(
        "lanes.ratings", "Exercise 2: rate the lanes, then pick one",
        "Rate every lane from 0 to 10 on evidence, energy and opportunity. The kit ranks the lanes with its reasons, "
        "using your energy log too (the ranking is the kit's own). Then **pick one lane** `[00:24:21]`. You may pick "
        "none or several: the kit will name the risk.",
        10, "[00:24:21]", origin="kit",
    ),
    notes("""
The ranking is a mirror of their own ratings, not a test result. Debrief: "Did the ranking surprise you?
Which rating would you change after seeing it?" Someone will pick two lanes: ask which one they would lead with.
"""),
    exercise(
        "lanes.radar", "Exercise 3: your lane radar",
        "'Now' starts from the evidence you rated. Move each **target** to where you want that lane to be when you "
        "take your next role. The kit saves the radar as a picture you can keep. (The radar is the kit's own.)",
        5, "[00:24:04]", origin="kit",
    ),
    md("""
## Your career story, in "I" statements

- For each role, be able to say **what I learned** and **what I achieved** `[00:24:30]`.
- Use **"I" statements**, not "we" statements `[00:24:30]`.
- Think of the story you will tell your next employer, like a **press release** for your career,
  and make it compelling `[00:25:01]`.
"""),
    notes("""
The source's advice is only this: I-statements, not we-statements [00:24:30]. The kit's own gloss, to say as such:
"we" can be generous about teamwork, and it hides what you did.
The checker counts "I" against "we", sets "I think" apart and flags claims with no number, artefact or outcome.
It only suggests: it never rewrites their words.
"""),
    exercise(
        "lanes.story", "Exercise 4: your career story",
        "For each role in your history, write what I learned and what I achieved `[00:24:30]`. The checker (the kit's "
        "own) counts \"we\" against \"I\" and flags claims with no number, artefact or outcome, with a suggestion for each.",
        15, "[00:24:30]", origin="kit",
    ),
    exercise(
        "lanes.press_release", "Exercise 5: your career press release",
        "Write the press release of your career for your next employer, and make it compelling `[00:25:01]`. "
        "The five parts (a headline, a sub-headline, the story so far, a quote, and what is next) are the kit's own, "
        "after the product practice of writing a launch's press release first (*working backwards*). "
        "*Start from my story* fills only the empty boxes. Copy the result as Markdown or HTML.",
        10, "[00:25:01]", origin="press_release_practice",
    ),
    notes("""
Pairs: read each other's headline only, aloud. Ask: "What do you now think this person is world-class at?"
If the answer is not their lane, the headline needs work.
"""),
    md("""
## The managerial path

- The industry has long lacked training for managers, and often promotes for technical prowess rather than
  managerial skill `[00:35:28]`. The result is an **"epidemic"** of problems with bias, coaching and development
  areas `[00:36:19]`.
- Managing is not dividing tasks, nor teaching someone to ride a bike and letting go. It is a **sidecar**:
  counsel from a supporting seat while they steer `[00:37:19]`.
- Managers have power, yet must **earn the right** to be invited into their team's professional space, like a
  **vampire knocking on the door** `[00:38:21]`: offer help, partner on specific areas when invited `[00:38:57]`.
"""),
    md("""
## The senior IC path

- The growing focus on IC tracks, especially in larger companies like Meta, is a **positive development** for the
  industry `[00:40:46]`.
- Many talented people were pushed into management without training: average managers, diluted builders `[00:41:00]`.
- The IC track lets you go deep in market, organizational or domain ambiguity and be a world-class builder
  `[00:41:51]`; managers spend more time on documentation, resource justification and headcount `[00:44:00]`.
- Well established in engineering and design, the IC path keeps product people **building stuff**, and is expected
  to become a **stronger, more solid career path** over time `[00:43:00]`.
"""),
    notes("""
Keep it balanced: neither path is the promotion. Ask: "Who in the room has been asked to manage because they were
good at building?" The read the kit gives is about now, with reasons on both sides, and experiments to test it.
"""),
    exercise(
        "lanes.path", "Exercise 6: the IC or the manager path",
        "Rate how much you enjoy each activity, say how you help a colleague today, and how often colleagues invite "
        "you into their work. The kit gives a balanced read of which path fits now, with the reasons, and small "
        "experiments to test it (the read and the experiments are the kit's own).",
        10, "[00:35:28]", origin="kit",
    ),
    md("""
## Key points

- Become world-class in one product ambiguity, early `[00:24:04]`: pick a lane `[00:24:21]`.
- Tell what *I* learned and achieved in each role `[00:24:30]`, like a press release for your career `[00:25:01]`.
- Managing is the sidecar `[00:37:19]`, and the right to manage is earned `[00:38:21]`.
- The senior IC path keeps you building, a positive development `[00:40:46]` expected to grow stronger `[00:43:00]`.
"""),
]

meta = {
    "title": "Pick a lane",
    "teaching": 20,
    "exercises": 60,
    "objectives": [
        "Rate the six lanes of product ambiguity on evidence, energy and opportunity, and pick one",
        "Tell the story of each role in I-statements, with results someone could check",
        "Write a press release for your career",
        "Weigh the IC and the manager path with reasons, and plan an experiment to test one",
    ],
    "keypoints": [
        "Picking a specific lane is crucial",
        "Say what I learned and achieved, not what we did",
        "Managing is a sidecar, and the right to manage is earned",
        "The senior IC path keeps product people building, and is expected to become a stronger career path",
    ],
}

write(notebook(cells, meta), "02_lanes.ipynb")
