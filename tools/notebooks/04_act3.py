"""Writes notebooks/04_act3.ipynb."""

from nbauthor import code, exercise, md, notebook, notes, write

cells = [
    md("""
# 04 · Act 3: after the rabbit, a second North Star

Careers can now span 60 to 70 years `[01:05:50]`. What keeps you running after you reach the goal you are chasing now,
and who do you travel with?
"""),
    code("import careerkit as ck\nck.start('04 Act 3')"),
    notes("""
Open with a show of hands: "Who knows what they will do the year after they reach their big goal?"
Few hands go up. That gap is this module.
"""),
    md("""
## A career of 60 to 70 years

- Careers can now span **60 to 70 years** `[01:05:50]`.
- Reach a big milestone at 30, becoming a VP or starting a company, and most of that career is still ahead,
  possibly **without a guiding North Star** `[01:05:50]`.
- The podcast calls the later stage **Act 3** `[01:06:05]`. In this kit, Act 1 and Act 2 are simply the stretches
  before it (kit's own names).
"""),
    exercise(
        "act3.career_line", "Exercise 1: your whole career on one line",
        "Set your age, when your career started, and how long it may run. Mark where Act 2 and Act 3 begin, and the age "
        "at which your current goal ends (your module 1 end state). The line shows your roadmap's versions, and how "
        "many years come **after** the goal. (The line and its acts are the kit's own picture.)",
        5, "[01:05:50]", origin="kit",
    ),
    notes("""
Let people pick their own span: some will say 40 years, and that is fine. The point is the hatched stretch after
the goal. Ask: "What share of your career is after your current goal? Did you expect that?"
"""),
    md("""
## The rabbit trap

- Many senior leaders face unexpected mental-health challenges, or feel lost, **after** reaching their first
  career goals `[01:02:23]`.
- Dog racing: if a dog catches the fake rabbit it is chasing, it may **never run again**: the goal is reached,
  and there is no next one `[01:05:02]`.
- Without a North Star this can show up as **dissatisfaction**, **unnecessary conflict**, or **unhealthy habits** `[01:06:20]`.
"""),
    notes("""
Handle with care. Say out loud that the self-check is private: nothing in it is shared or exported, and the
read-out is a mirror, not a diagnosis. Never ask anyone to share their answers to the warning signs.
If someone seems troubled, talk to them privately after the session and point them to people who can help.
"""),
    exercise(
        "act3.rabbit", "Exercise 2: have you caught your rabbit?",
        "Name the goal you are chasing, and how close you are. Then: once you have it, what is left on the track? "
        "Finish with a private self-check on the warning signs the podcast names `[01:06:20]`; its questions and "
        "read-out are the kit's own. It stays in your workbook.",
        10, "[01:02:23]", origin="kit",
    ),
    md("""
## Two arcs for Act 3

1. **Scaled economics**: keep building wealth, for example through **investing** or **private equity** `[01:09:09]`.
2. **Giving**: contribute to others through **content creation**, **volunteering**, or **mission-based companies** `[01:09:41]`.

Early stages are often about *taking and creating*; the later stages can be built around **giving to others**,
for greater fulfilment and benefit to society `[01:10:06]`.
"""),
    exercise(
        "act3.arcs", "Exercise 3: weigh the two arcs",
        "For each arc, tick the forms that appeal, rate what it would give you, and how much energy you feel for it. "
        "Sketch a first step and give it a date. The chart shows where your energy points. (The ratings and the "
        "chart are the kit's own.)",
        10, "[01:09:09]", origin="kit",
    ),
    notes("""
Neither arc is the right one. Some people light up at investing; that is a legitimate Act 3 [01:09:09].
Debrief: "Whose arrow surprised them?" Then: "What is the smallest first step you could take this quarter?"
"""),
    md("""
## A second North Star

- Act 3 needs **intentional planning and reinvention**: a new North Star that keeps giving motivation and meaning
  beyond your first achievements `[01:07:30]`.
- The kit's reading of the dog-racing image `[01:05:02]` (kit's own): a North Star works best as a **direction**,
  not a destination; a title or an exit is a goal that can be caught, like the rabbit.
"""),
    exercise(
        "act3.north_star", "Exercise 4: your second North Star",
        "Write your second North Star in one sentence. Say why it would still move you at 70. Then name the first "
        "reinvention step, and by when. (The kit flags words that name a goal that can be caught, such as a title "
        "or an exit: its own list.)",
        10, "[01:07:30]",
    ),
    notes("""
Common first drafts name a title ("become CPO"). The kit flags those as catchable rabbits; let the learner rewrite.
Pairs: read your sentence to a neighbour; the neighbour asks "and after that?" once.
"""),
    md("""
## The power of community

- Managers rarely get formal training, so **communities**, inside your company and outside it, are becoming
  crucial for learning and growth `[00:46:16]`.
- They give **safety and authenticity** `[00:46:27]`, a sense of **not being alone** `[00:46:33]`, and **shared best practices** `[00:46:36]`.
- Senior roles are lonely: **Nikhail Singhal**, a seasoned product leader, created the Skip CPO Community as a safe
  space for Chief Product Officers `[00:48:44]`, kept to leaders of mid- to late-stage companies, whose problems are
  most alike `[00:51:00]`. He suggests searching LinkedIn for it and connecting with members, or finding other
  relevant communities online `[00:50:42]`.
"""),
    exercise(
        "act3.community", "Exercise 5: your community plan",
        "List the communities you are in or could join: internal and external. For each, tick what you would get, and "
        "write what you would give. Then pick one to join this month, and how.",
        5, "[00:46:16]",
    ),
    notes("""
Ask the room to name communities out loud: people leave with three or four new ones.
Remind them that a community is also where their Act 3 giving can start.
"""),
    md("""
## Key points

- Careers can span 60-70 years: plan for the years after your current goal `[01:05:50]`.
- Catching the rabbit can leave you without a next objective; watch for the warning signs `[01:05:02]` `[01:06:20]`.
- Act 3 has two arcs, scaled economics and giving `[01:09:09]` `[01:09:41]`; define your second North Star `[01:06:05]`.
- Join and take part in communities for authentic learning and support `[00:46:16]`.
"""),
]

meta = {
    "title": "Act 3: a second North Star",
    "teaching": 15,
    "exercises": 40,
    "objectives": [
        "See your whole career on one line, and how many years come after your current goal",
        "Recognise the rabbit trap and its warning signs in yourself, privately",
        "Weigh scaled economics against giving, with a dated first step for each",
        "Write a second North Star that would still motivate you at 70",
        "Choose one community to join this month",
    ],
    "keypoints": [
        "Careers can span 60-70 years",
        "A goal that can be caught can leave you without a next objective",
        "Act 3 has two arcs: scaled economics and giving",
        "Communities give safety, company and shared practice",
    ],
}

write(notebook(cells, meta), "04_act3.ipynb")
