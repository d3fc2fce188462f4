"""Writes notebooks/05_my_plan.ipynb."""

from nbauthor import code, exercise, md, notebook, notes, write

cells = [
    md("""
# 05 · My career plan, shipped

Everything you wrote in modules 1 to 4, on one page: a plan you can export, ship as a version, and revise.
"""),
    code("import careerkit as ck\nck.start('05 My career plan')"),
    notes("""
This is the take-away. Give people time to read their own plan in silence before anything else.
Nobody has to show their plan to anyone: it is exported to their own workbook folder.
"""),
    md("""
## Your career as a product, and your plan as one too

- Treat your career as a product: work back from an end state, and plan **versions** `[00:08:11]`.
- The same goes for the plan itself (kit's own): **ship** it as v1 today, and ship v2 when your answers change.
- Comparing versions shows what you learned (kit's own): steps added or dropped, a lane changed, ratings that moved.
"""),
    exercise(
        "plan.overview", "Exercise 1: read your plan",
        "Your end state and roadmap, your lane, your story and press release, your feedback commitments and your Act 3 "
        "North Star, with their charts. A section you skipped names the notebook that fills it. Read it once, "
        "top to bottom: what would you change?",
        10, "[00:08:11]", origin="kit",
    ),
    notes("""
Debrief: "Which section was hardest to read back?" Usually the story or the North Star. People who skipped modules
see gaps, not errors: point them to the named notebook for homework.
"""),
    exercise(
        "plan.export", "Exercise 2: export it",
        "Export your plan as one HTML page (charts inside, opens offline), as Markdown, and as a PDF where this "
        "machine can print one. Keep it beside your career story: you will tell it to your next employer `[00:25:01]`.",
        5, "[01:21:38]", origin="kit",
    ),
    exercise(
        "plan.ship", "Exercise 3: ship a version",
        "Ship your plan as the next version, with a date and a note on what changed and why. Every answer is kept as "
        "it is today, so you can compare later.",
        5, "[00:08:11]", origin="kit",
    ),
    exercise(
        "plan.compare", "Exercise 4: compare two versions",
        "Pick two shipped versions. The table lists roadmap steps added or dropped, a changed lane, ratings that "
        "moved, and exercises answered since; the chart shows the same at a glance.",
        5, "[00:08:11]", origin="kit",
    ),
    notes("""
For a first-time participant there is only one version: suggest shipping v1 now and v2 after the next
one-to-one with their manager. The demo participant shows two versions to make the compare concrete.
"""),
    md("""
## Key takeaways

- **Plan long-term**: think beyond the next job, to the skip job and your career's trajectory `[00:08:11]`.
- **Career is not promotion**: promotion is only one part of growth `[00:09:28]`.
- **Build specialised skills**: become world-class in one product ambiguity `[00:24:04]`.
- **Craft your story**: build a compelling narrative of your achievements and learning `[01:21:38]`.
- **Seek and accept feedback**, especially contradictory feedback about your strengths `[00:57:30]`.
- **Leverage community** for authentic learning, support and shared practice `[00:46:16]`.
- **Define your Act 3**: a second North Star for the later stages of your career `[01:06:05]`.
"""),
]

meta = {
    "title": "My career plan, shipped",
    "teaching": 10,
    "exercises": 25,
    "objectives": [
        "Read every module's answers as one career plan, and see which parts are missing",
        "Export the plan as a self-contained page, Markdown and PDF",
        "Ship the plan as a dated version with a note",
        "Compare two versions and name what changed",
    ],
    "keypoints": [
        "A career plan is a product: it ships in versions",
        "Missing parts are gaps to fill, not failures",
        "What changed between versions is what you learned",
    ],
}

write(notebook(cells, meta), "05_my_plan.ipynb")
