"""Writes notebooks/03_feedback.ipynb."""

from nbauthor import code, exercise, md, notebook, notes, write

cells = [
    md("""
# 03 · Feedback, stalled promotions, and the shadows of superpowers

Why a promotion stalls, how to get feedback that is real, how to hear it, and the blind spots
that grow out of your greatest strengths.
"""),
    code("import careerkit as ck\nck.start('03 Feedback')"),
    notes("""
Open with a show of hands: "Who has waited for a promotion that did not come?" Then:
"Who was told exactly why?" The gap between the two hands is this module.
Set the tone: everything typed here stays private unless someone presses share.
"""),
    md("""
## Why isn't my promotion happening?

Look beyond the surface complaint. Four causes `[00:26:26]`–`[00:29:41]`:

1. **Lack of advocacy**: you may have magic, but your manager or the committee does not see it or argue for it `[00:26:26]`.
2. **The next role does not exist**: slower growth, little hiring, restructuring `[00:27:05]`.
3. **Impatience**: leadership roles take longer to absorb and lean on softer skills that develop more slowly `[00:28:02]`.
4. **An unacknowledged development area**: about **half the time** `[00:28:57]`.
"""),
    notes("""
Talking point: the fourth cause is the uncomfortable one, and the source puts it at about half the time [00:28:57].
Managers may be poor at naming it, or the person unwilling to hear it [00:29:10]. It takes self-awareness and
a willingness to change [00:29:41]. Do not let the room treat the first three as the comfortable exits.
"""),
    exercise(
        "feedback.promotion_stall", "Exercise 1: why isn't my promotion happening?",
        "Answer each statement for a promotion you are waiting for (or one you waited for). The kit starts every "
        "cause at its base rate, then moves it with your answers, and ranks the four causes with the reasons "
        "and the moves for each. The base rates are shown on purpose: about half is the source's `[00:28:57]`; "
        "the statements, their weights and the even split of the other half are the kit's own, and so are the "
        "moves marked *kit's own*.",
        10, "[00:26:26]", origin="kit",
    ),
    notes("""
Debrief: "Which cause ranked higher than you expected? Which answer moved it?"
If someone's development area ranks first, ask what would make them sure, not whether it is fair.
"""),
    md("""
## Real feedback, not formal feedback

- To find a development area you do not see, seek **real feedback**, not formal feedback `[00:30:41]`.
- That takes **safety**: people can be honest without fear of retaliation `[00:31:53]`.
- When you receive it, **repeat it back**, even when it is hard to hear: it shows you listened `[00:32:21]`.
- Managers: **thank the givers publicly**, for example in a staff meeting `[00:34:11]`.
"""),
    exercise(
        "feedback.real_feedback", "Exercise 2: plan one real-feedback conversation",
        "Name whom you will ask (people who see your work up close), how you will make it safe, and the exact "
        "question you will ask, word for word. If you manage a team, plan how you will thank givers in your "
        "next staff meeting `[00:34:11]`.",
        10, "[00:30:41]",
    ),
    notes("""
Walk the room and read questions over shoulders. The common one is "Any feedback for me?": it invites polite,
formal answers. Push for one specific, open question. Facilitator variant, the kit's adaptation of the source's
staff-meeting thanks [00:34:11]: in a team workshop, close by thanking, by name and with consent, someone who gave
you feedback during the day.
"""),
    exercise(
        "feedback.repeat_back", "Exercise 3: the repeat-back drill",
        "**Solo:** pick a statement, read it once, and type back what you heard, in your own words. The kit shows "
        "which key points came back, any defensive words (*but*, *actually*, *to be fair*, *that's not*, *I didn't*, "
        "justifications), whether you ended by checking (*Did I get that right?*), and one tip. The statements, the "
        "score and the tips are the kit's own; repeating it back is the source's advice `[00:32:21]`.\n\n"
        "**Pair:** switch to pair mode. Your partner says one piece of feedback aloud; you type the repeat-back; "
        "your partner presses *Yes, exactly* or *Not quite*. Loop until it is right; the kit logs the loops.",
        15, "[00:32:21]", origin="kit",
    ),
    notes("""
Run solo for five minutes, then pairs for ten (swap halfway). The score is a mirror, not a grade:
it counts words. What matters is whether the partner says "yes, exactly". Debrief: "Which word did you
reach for when it stung?" Most people find their own "but".
"""),
    md("""
## The shadows of superpowers

- Senior leaders' hidden development areas are often **direct consequences of their strengths** `[00:53:11]`:
  what got you here is not what gets you there `[00:53:55]`.
- A great **collaborator** might struggle as a leader if the collaboration relies on others agreeing `[00:54:44]`;
  someone excellent at **growth** might struggle with **innovation** `[00:55:34]`; a world-class **storyteller**
  with **details** `[00:55:38]`; an amazing **listener** might be **indecisive** `[00:56:06]`.
- Shadows are hard to see because they are tied to identity and past success `[00:56:35]`.
"""),
    exercise(
        "feedback.shadows", "Exercise 4: your superpowers and their shadows",
        "Tick the superpowers people rely on you for. The kit pairs each with the shadow the source names for it. "
        "Rate how much you use each one: too little, the right amount, or too much (the kit's own scale).",
        10, "[00:53:11]",
    ),
    notes("""
Pitfall: people tick every superpower. Ask for the two that others would name first.
Facilitators can add superpower and shadow pairs in content/feedback.toml before the session.
"""),
    md("""
## Contradictory feedback

- The way through is to **listen to contradictory feedback**: feedback that challenges what you see as
  your strengths, and **not to dismiss it as an anomaly** `[00:57:30]`.
- That reflection, often sparked by direct, trusted feedback, keeps you growing instead of plateauing `[00:59:01]`.
"""),
    exercise(
        "feedback.contradictions", "Exercise 5: the contradictory feedback log",
        "List the strengths you claim (copy your superpowers). Then log feedback you have received: who gave it, "
        "what kind (appreciation, coaching or evaluation, after Stone & Heen, *Thanks for the Feedback*), what it is "
        "about, and whether it affirms or challenges you. The kit flags feedback that contradicts a strength "
        "`[00:57:30]`, and maps strengths against feedback.",
        10, "[00:57:30]", origin="stone_heen",
    ),
    notes("""
Debrief: "Which contradiction did you want to call an anomaly?" Then: "What would be true if they were right?"
Keep it to the learner's own notes; no one reads out feedback about a colleague.
"""),
    md("""
## Key points

- A stalled promotion has four causes; about half the time it is a development area you do not see `[00:28:57]`.
- Ask for real feedback `[00:30:41]`, make it safe `[00:31:53]`, and repeat it back, even when it is hard to hear
  `[00:32:21]`.
- Your superpowers cast shadows `[00:53:11]`; contradictory feedback is how you find them `[00:57:30]`.
"""),
]

meta = {
    "title": "Feedback, stalled promotions and the shadows of superpowers",
    "teaching": 20,
    "exercises": 55,
    "objectives": [
        "Weigh the four causes of a stalled promotion, starting from their base rates",
        "Plan a real-feedback conversation: whom, how to make it safe, the exact question",
        "Repeat feedback back without defending, and check your understanding",
        "Name the shadows of your superpowers and log the feedback that contradicts them",
    ],
    "keypoints": [
        "About half the time a stalled promotion is an unacknowledged development area",
        "Real feedback needs safety; repeat back what you hear",
        "Strengths cast shadows that are hard to see",
        "Contradictory feedback is not an anomaly",
    ],
}

write(notebook(cells, meta), "03_feedback.ipynb")
