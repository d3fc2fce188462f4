"""Writes notebooks/01_versioning.ipynb."""

from nbauthor import code, exercise, md, notebook, notes, write

cells = [
    md("""
# 01 · Long-term versioning: your career as a product

Think of your career as a product: work backwards from an end state, and plan it in versions.
"""),
    code("import careerkit as ck\nck.start('01 Long-term versioning')"),
    notes("""
Open with the question: "Why did you take your last job?" Collect two or three answers.
Most will be short-term: a boss, a slow company. That is the hook for the first slide.
"""),
    md("""
## The danger of short-term thinking

- Many moves start from the here and now: *I dislike my boss*, *the company is too slow* `[00:07:43]`.
- Those reasons may be true, and still lead to **lateral moves rather than forward** `[00:07:55]`.
- Instead: treat your career as a product. Pick an ideal **end state** and plan **versions** that lead to it `[00:08:11]`.
- Think past the next job, to the one after it, or your **boss's boss's** job `[00:08:30]`.
"""),
    notes("""
Talking point (the kit's own analogy): a product manager would not ship features only because the last sprint was
annoying.
Ask the room to name one short-term reason they have moved for. No judgement: it is the default.
"""),
    exercise(
        "versioning.end_state", "Exercise 1: your end state",
        "Where do you want to be in the long run? (The kit suggests 10 to 20 years; the source names no number.) "
        "Name the role, and the kind of builder you want to be. "
        "You are not committing: a product vision changes as you learn.",
        5, "[00:08:11]",
    ),
    exercise(
        "versioning.roadmap", "Exercise 2: your version roadmap",
        "List your career as versions: v1 is where you are now. For each, give the role, company stage, market, "
        "the years, and what you will learn. Then name the **skip job**: your boss's boss's role. "
        "Aim for at least three versions: now, next, and the one after it `[00:08:30]`.",
        10, "[00:08:30]",
    ),
    notes("""
Walk the room. Common pattern: v2 and v3 are the same job with a bigger title. Do not fix it yet:
the next exercise makes it visible. Debrief: "What surprised you when you wrote down the skip job?"
"""),
    md("""
## Career is not promotion

- Equating career development with promotion is another short-term focus `[00:09:18]`.
- Promotion is a company's system for moving forward inside it; career growth is a **longer arc** `[00:09:47]`.
"""),
    exercise(
        "versioning.promotion_check", "Exercise 3: promotion or new version?",
        "The kit reads your roadmap and flags each version that is only a promotion in place: same company, "
        "same stage, same market, nothing new to learn (the kit's own rule). For each flag, write what would make it "
        "a real new version.",
        5, "[00:09:18]", origin="kit",
    ),
    md("""
## Building a diverse portfolio

- Logos can matter, especially for executives who must show they can scale `[00:10:46]`,
  but chasing brands alone feels shallow for people who love to build `[00:11:20]`.
- Aim for stages: **pre-product-market fit** `[00:12:02]`, **smoke to fire** `[00:12:05]`,
  **fire to something great** `[00:12:10]`; and both **consumer and B2B** problems `[00:12:15]`.
- Logos without a build-oriented purpose can lead to a lack of fulfilment `[00:12:46]`.
"""),
    exercise(
        "versioning.portfolio", "Exercise 4: your stage portfolio",
        "The grid counts the years your roadmap spends in each stage and market. Which gap do you most want to fill, "
        "and in which version? (The grid is the kit's own way to look at the source's stages and markets.)",
        5, "[00:12:02]", origin="kit",
    ),
    exercise(
        "versioning.stay_or_go", "Exercise 5: grit it out or move on?",
        "A long-term view helps you decide whether to grit it out in your current role or move on. Rate what is "
        "still ahead to learn, what staying adds to your story, and what it costs you. Tick what pulls you out. "
        "(The three ratings and the verdict they give are the kit's own.)",
        5, "[00:08:56]", origin="kit",
    ),
    notes("""
Pitfall: people read the verdict as advice. It is a mirror of their own ratings. Ask:
"Which rating would you change if your end state were different?"
"""),
    exercise(
        "versioning.alternatives", "Exercise 6: three alternative roadmaps",
        "Sketch three different roadmaps: the one you are living, the one if that disappeared tomorrow, and the wild "
        "card. Rate each on four dials. (This exercise is borrowed from outside the podcast: the Odyssey Plan of "
        "*Designing Your Life*.)",
        10, "[00:08:11]", origin="designing_your_life",
    ),
    md("""
## The ex-growth company trap

- **Ex-growth companies** raised a lot in hyper-growth and have since lost their trajectory `[00:16:19]`;
  not laying off, not raising, still searching for product-market fit at inflated valuations `[00:16:30]`.
- Signs: still looking for product-market fit at a valuation of **hundreds of millions** or more `[00:18:30]`;
  **heavy effort to acquire users**, no pull from the product `[00:20:58]`.
- Equity **may become worthless**: a real **pay cut** against market `[00:20:00]`. Founders can recapitalise or restart;
  employees **generally have no recourse**, and **should consider leaving** rather than make a new four-year
  investment `[00:19:16]`.
- The main reasons to consider staying: it is the **biggest role** you could get **and** offers **unique learning**,
  or **loyalty** to the team `[00:21:34]`.
"""),
    exercise(
        "versioning.ex_growth", "Exercise 7: the ex-growth check",
        "For the company you are in (or considering), tick the signs you see and the reasons to stay that hold. "
        "Then enter yearly pay to see the effective pay cut if the equity becomes worthless. "
        "(The weights and the low / medium / high read are the kit's own; the source's default advice stays "
        "on screen whatever you tick.)",
        10, "[00:16:19]", origin="kit",
    ),
    notes("""
Sensitive: some people in the room may be in exactly this company. Keep it to the signals, never to named employers.
Debrief: "What would change your risk level from high to low?" The level is the kit's rough guide; the source's
point is the default: employees generally have no recourse [00:19:16].
"""),
    md("""
## Key points

- Plan long-term: think beyond the next job, to the skip job and your end state `[00:08:11]`.
- Career is not promotion `[00:09:28]`.
- Different stages and markets make you a better builder `[00:12:15]`; logos can help, especially executives
  `[00:10:46]`, but logos alone, without a build-oriented purpose, can leave you unfulfilled `[00:12:46]`.
- Watch for the ex-growth trap: its equity may become worthless `[00:20:00]`, and employees generally have
  no recourse `[00:19:16]`.
"""),
]

meta = {
    "title": "Long-term versioning",
    "teaching": 20,
    "exercises": 50,
    "objectives": [
        "Describe a long-term end state and work backwards from it",
        "Plan at least three versions of your career, including the skip job",
        "Tell a promotion in place from a new version",
        "Recognise the signs of an ex-growth company, and what you lose if its equity becomes worthless",
    ],
    "keypoints": [
        "Short-term reasons often lead to lateral moves",
        "Career is not promotion",
        "A portfolio of stages and markets makes a better builder",
        "In an ex-growth company, employees generally have no recourse, and should consider leaving",
    ],
}

write(notebook(cells, meta), "01_versioning.ipynb")
