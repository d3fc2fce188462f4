"""Module 3 exercise views: stalled promotions, shadows, contradictions (the feedback drills are in ``feedback_drill``)."""

from __future__ import annotations

import ipywidgets as w

from careerkit.modules.feedback import domain as fb
from careerkit.modules.feedback.drill_views import RealFeedbackView, RepeatBackView, _problem
from careerkit.ui.exercise import FULL, Exercise, Rows, bullets, esc, labelled, lazy_module, text_area, text_box

charts = lazy_module("careerkit.modules.feedback.charts")  # matplotlib only once a chart is drawn


class PromotionStallView(Exercise):
    key = "feedback.promotion_stall"
    title = "Why isn't my promotion happening?"
    Model = fb.PromotionStall

    def build(self):
        c = fb.content()
        options = [(label, i) for i, label in enumerate(c.stall_scale)]
        self.questions = {
            q.id: w.ToggleButtons(options=options, value=fb.NEUTRAL, style={"button_width": "auto"})
            for q in c.stall_questions
        }
        self.first_move = text_area("Which move will you try first, and when?", 2)
        rates = "; ".join(f"{cause.label}: {100 * cause.base_rate:.0f}%" for cause in c.stall_causes)
        return [
            w.HTML(
                "<p class='ck-hint'>Before any answer, each cause starts at its base rate. About half the time the "
                f"cause is a development area the person may not recognise [00:28:57]; the even split of the other half is "
                f"the kit's own assumption. Base rates: {esc(rates)}.</p>"
            ),
            *[labelled(f"{q.text} {q.cite}", self.questions[q.id]) for q in c.stall_questions],
            labelled("Your first move", self.first_move),
        ]

    def read(self):
        return {"answers": {qid: box.value for qid, box in self.questions.items()}, "first_move": self.first_move.value}

    def fill(self, value):
        for qid, answer in (value.get("answers") or {}).items():
            if qid in self.questions and answer in range(5):
                self.questions[qid].value = answer
        self.first_move.value = value.get("first_move", "")

    def feedback(self, answer):
        items = []
        for rank, cause in enumerate(answer.ranked, start=1):
            items.append(
                f"<li><b>{rank}. {esc(cause.label)}: {cause.share:.0f}%</b> "
                f"<span class='ck-source'>(base rate {cause.base_rate:.0f}%: {esc(cause.base_rate_note)})</span>"
                f"<br>Why:{bullets(cause.reasons)}Moves:{bullets(cause.moves)}</li>"
            )
        return "<ol class='ck-feedback' style='list-style:none;padding-left:0'>" + "".join(items) + "</ol>"

    def chart(self, answer):
        return charts.stall_ranking(answer.ranked)

    def chart_basis(self, answer):
        return sorted(answer.answers.items())


class ShadowsView(Exercise):
    key = "feedback.shadows"
    title = "The shadows of your superpowers"
    Model = fb.Shadows

    def build(self):
        c = fb.content()
        levels = [("Not rated", ""), *[(r.label, r.id) for r in c.ratings]]
        self.chosen = {p.id: w.Checkbox(description=p.label, indent=False, layout=w.Layout(width="35%")) for p in c.superpowers}
        self.levels = {p.id: w.ToggleButtons(options=levels, value="", style={"button_width": "auto"}) for p in c.superpowers}
        self.notes = text_area("Which shadow do you recognise? Who could tell you honestly?", 2)
        rows = [w.HBox([self.chosen[p.id], self.levels[p.id]], layout=FULL) for p in c.superpowers]
        return [
            labelled("Your superpowers, and how much you use each", w.VBox(rows, layout=FULL),
                     "Tick the strengths people rely on you for; then rate how much you use each one."),
            labelled("Notes", self.notes),
        ]

    def read(self):
        return {
            "superpowers": [pid for pid, box in self.chosen.items() if box.value],
            "ratings": {pid: box.value for pid, box in self.levels.items() if box.value},
            "notes": self.notes.value,
        }

    def fill(self, value):
        chosen = set(value.get("superpowers", []))
        ratings = value.get("ratings") or {}
        for pid, box in self.chosen.items():
            box.value = pid in chosen
        for pid, box in self.levels.items():
            if ratings.get(pid, "") in {o[1] for o in box.options}:
                box.value = ratings.get(pid, "")
        self.notes.value = value.get("notes", "")

    def feedback(self, answer):
        if not answer.pairs:
            return "<p class='ck-hint'>Tick at least one superpower to see its shadow.</p>"
        items = "".join(
            f"<li><b>{esc(p.superpower)}</b> &rarr; shadow: <i>{esc(p.shadow)}</i> {esc(p.timestamp)}. {esc(p.hint)}</li>"
            for p in answer.pairs
        )
        return (
            f"<ul class='ck-feedback'>{items}</ul><p class='ck-hint'>Shadows are hard to see because they are tied to "
            "who you are and what made you successful [00:56:35].</p>"
        )

    def chart(self, answer):
        return charts.shadows_grid(answer) if answer.pairs else None


class ContradictionsView(Exercise):
    key = "feedback.contradictions"
    title = "Contradictory feedback log"
    Model = fb.ContradictionLog
    MATCH = ("(match by the words)", "")

    def build(self):
        c = fb.content()
        kinds = [(f"{t.label}: {t.hint}", t.id) for t in c.feedback_types]
        self._kind_ids = {t.id for t in c.feedback_types}
        self.strengths = text_area("One strength per line, e.g. Great collaborator", 3)
        self.copy_button = w.Button(description="Copy my superpowers", icon="copy")
        self.copy_button.on_click(lambda _b: self._guard(self._copy_superpowers))

        def fields():
            return {
                "giver": text_box("Who gave it"),
                "kind": w.Dropdown(options=kinds, value="coaching", layout=FULL),
                "about": text_box("What it is about, in their words"),
                "direction": w.ToggleButtons(options=[("Affirms me", "affirms"), ("Challenges me", "challenges")],
                                             value="challenges", style={"button_width": "auto"}),
                "strength": w.Dropdown(options=self._strength_options(), value="", description="Touches"),
            }

        def layout(number, f):
            return w.VBox(
                [w.HTML(f"<b>Feedback {number}</b>"), w.HBox([f["giver"], f["kind"]]), f["about"],
                 w.HBox([f["direction"], f["strength"]])],
                layout=w.Layout(border="1px solid #ccc", padding="6px", margin="0 0 6px 0", width="100%"),
            )

        self.items = Rows(fields, layout, self._on_change, add_label="Log feedback", max_rows=30)
        self.reflection = text_area("Take the hardest contradiction: what would be true if they were right?", 3)
        self.strengths.observe(lambda _c: self._guard(self._refresh_strengths), names="value")
        return [
            labelled("Strengths you claim", w.VBox([self.strengths, self.copy_button], layout=FULL),
                     "Copy your superpowers from the shadows exercise, or write your own."),
            labelled("Feedback you received", self.items.widget),
            w.HTML(f"<p class='ck-source'>{esc(c.feedback_types_source.label)}</p>"),
            labelled("Your reflection [00:57:30]", self.reflection),
        ]

    def _strength_lines(self) -> list[str]:
        return [line.strip() for line in self.strengths.value.splitlines() if line.strip()]

    def _strength_options(self):
        return [self.MATCH, *[(s, s) for s in dict.fromkeys(self._strength_lines())]]

    def _refresh_strengths(self):
        options = self._strength_options()
        allowed = {o[1] for o in options}
        was_loading, self._loading = self._loading, True  # one save per keystroke (the box's own), not one per row
        try:
            for row in self.items.rows:
                current = row["strength"].value
                if tuple(row["strength"].options) != tuple(options):
                    row["strength"].options = options
                row["strength"].value = current if current in allowed else ""
        finally:
            self._loading = was_loading

    def _copy_superpowers(self):
        saved = self.workbook.get("feedback.shadows") or {}
        labels = {p.id: p.label for p in fb.content().superpowers}
        lines = self._strength_lines()
        new = [labels[pid] for pid in saved.get("superpowers", []) if pid in labels and labels[pid] not in lines]
        if not saved.get("superpowers"):
            _problem(self, "Choose your superpowers in the shadows exercise first; then copy them here.")
            return
        self.strengths.value = "\n".join([*lines, *new])

    def read(self):
        return {"strengths": self._strength_lines(), "items": self.items.read(), "reflection": self.reflection.value}

    def fill(self, value):
        self.strengths.value = "\n".join(value.get("strengths", []))
        allowed = {o[1] for o in self._strength_options()}
        rows = [
            {**item, "strength": item.get("strength", "") if item.get("strength", "") in allowed else "",
             "kind": item.get("kind") if item.get("kind") in self._kind_ids else "coaching"}
            for item in value.get("items", [])
        ]
        self.items.fill(rows)
        self.reflection.value = value.get("reflection", "")

    def feedback(self, answer):
        if not answer.strengths:
            return "<p class='ck-hint'>Write the strengths you claim first, one per line.</p>"
        if not answer.items:
            return "<p class='ck-hint'>Log a piece of feedback you received: who gave it, what kind, what about.</p>"
        found = fb.find_contradictions(answer).contradictions
        if not found:
            return (
                "<p class='ck-feedback'>No feedback contradicts a strength you claim yet. If you expect some, choose "
                "which strength an item touches.</p>"
            )
        return bullets([c.sentence for c in found], "ck-warning")

    def chart(self, answer):
        if not answer.strengths or not answer.items:
            return None
        return charts.contradiction_matrix(fb.find_contradictions(answer))


EXERCISES = {
    "repeat_back": RepeatBackView,
    "real_feedback": RealFeedbackView,
    "promotion_stall": PromotionStallView,
    "shadows": ShadowsView,
    "contradictions": ContradictionsView,
}
