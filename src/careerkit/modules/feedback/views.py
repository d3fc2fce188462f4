"""Module 3 exercise views: stalled promotions, shadows, contradictions (the feedback drills are in ``feedback_drill``)."""

from __future__ import annotations

import ipywidgets as w

from careerkit.content.text import texts
from careerkit.modules.feedback import domain as fb
from careerkit.modules.feedback.drill_views import RealFeedbackView, RepeatBackView, _problem
from careerkit.ui.exercise import FULL, Exercise, Rows, bullets, esc, labelled, lazy_module, text_area, text_box

charts = lazy_module("careerkit.modules.feedback.charts")  # matplotlib only once a chart is drawn


class PromotionStallView(Exercise):
    key = "feedback.promotion_stall"
    Model = fb.PromotionStall

    def build(self):
        c, t = fb.content(), texts("feedback")
        options = [(label, i) for i, label in enumerate(c.stall_scale)]
        self.questions = {
            q.id: w.ToggleButtons(options=options, value=fb.NEUTRAL, style={"button_width": "auto"})
            for q in c.stall_questions
        }
        self.first_move = text_area(t("promotion_stall.first_move_placeholder"), 2)
        rates = "; ".join(t("promotion_stall.base_rate", cause=cause.label, rate=f"{100 * cause.base_rate:.0f}%")
                          for cause in c.stall_causes)
        return [
            w.HTML(f"<p class='ck-hint'>{t.html('promotion_stall.hint', rates=rates)}</p>"),
            *[labelled(f"{q.text} {q.cite}", self.questions[q.id]) for q in c.stall_questions],
            labelled(t("promotion_stall.first_move_label"), self.first_move),
        ]

    def read(self):
        return {"answers": {qid: box.value for qid, box in self.questions.items()}, "first_move": self.first_move.value}

    def fill(self, value):
        for qid, answer in (value.get("answers") or {}).items():
            if qid in self.questions and answer in range(5):
                self.questions[qid].value = answer
        self.first_move.value = value.get("first_move", "")

    def feedback(self, answer):
        t = texts("feedback")
        items = []
        for rank, cause in enumerate(answer.ranked, start=1):
            heading = t.html("promotion_stall.ranked", rank=rank, cause=cause.label, share=f"{cause.share:.0f}%",
                             base_rate=f"{cause.base_rate:.0f}%", note=cause.base_rate_note)
            items.append(
                f"<li>{heading}<br>{t.html('promotion_stall.why')}{bullets(cause.reasons)}"
                f"{t.html('promotion_stall.moves')}{bullets(cause.moves)}</li>"
            )
        return "<ol class='ck-feedback' style='list-style:none;padding-left:0'>" + "".join(items) + "</ol>"

    def chart(self, answer):
        return charts.stall_ranking(answer.ranked)

    def chart_basis(self, answer):
        return sorted(answer.answers.items())


class ShadowsView(Exercise):
    key = "feedback.shadows"
    Model = fb.Shadows

    def build(self):
        c, t = fb.content(), texts("feedback")
        levels = [(t("shadows.not_rated"), ""), *[(r.label, r.id) for r in c.ratings]]
        self.chosen = {p.id: w.Checkbox(description=p.label, indent=False, layout=w.Layout(width="35%")) for p in c.superpowers}
        self.levels = {p.id: w.ToggleButtons(options=levels, value="", style={"button_width": "auto"}) for p in c.superpowers}
        self.notes = text_area(t("shadows.notes_placeholder"), 2)
        rows = [w.HBox([self.chosen[p.id], self.levels[p.id]], layout=FULL) for p in c.superpowers]
        return [
            labelled(t("shadows.superpowers_label"), w.VBox(rows, layout=FULL), t("shadows.superpowers_hint")),
            labelled(t("shadows.notes_label"), self.notes),
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
        t = texts("feedback")
        if not answer.pairs:
            return f"<p class='ck-hint'>{t.html('shadows.tick_one')}</p>"
        items = "".join(
            "<li>" + t.html("shadows.pair", superpower=p.superpower, shadow=p.shadow, timestamp=p.timestamp, hint=p.hint)
            + "</li>"
            for p in answer.pairs
        )
        return f"<ul class='ck-feedback'>{items}</ul><p class='ck-hint'>{t.html('shadows.hard_to_see')}</p>"

    def chart(self, answer):
        return charts.shadows_grid(answer) if answer.pairs else None


class ContradictionsView(Exercise):
    key = "feedback.contradictions"
    Model = fb.ContradictionLog

    def build(self):
        c, t = fb.content(), texts("feedback")
        kinds = [(t("contradictions.kind_option", label=k.label, hint=k.hint), k.id) for k in c.feedback_types]
        self._kind_ids = {t.id for t in c.feedback_types}
        self.strengths = text_area(t("contradictions.strengths_placeholder"), 3)
        self.copy_button = w.Button(description=t("contradictions.copy_superpowers"), icon="copy")
        self.copy_button.on_click(lambda _b: self._guard(self._copy_superpowers))

        def fields():
            return {
                "giver": text_box(t("contradictions.giver_placeholder")),
                "kind": w.Dropdown(options=kinds, value="coaching", layout=FULL),
                "about": text_box(t("contradictions.about_placeholder")),
                "direction": w.ToggleButtons(options=[(t("contradictions.affirms_me"), "affirms"),
                                                      (t("contradictions.challenges_me"), "challenges")],
                                             value="challenges", style={"button_width": "auto"}),
                "strength": w.Dropdown(options=self._strength_options(), value="", description=t("contradictions.touches")),
            }

        def layout(number, f):
            return w.VBox(
                [w.HTML(t.html("contradictions.item_heading", number=number)), w.HBox([f["giver"], f["kind"]]), f["about"],
                 w.HBox([f["direction"], f["strength"]])],
                layout=w.Layout(border="1px solid #ccc", padding="6px", margin="0 0 6px 0", width="100%"),
            )

        self.items = Rows(fields, layout, self._on_change, add_label=t("contradictions.log_feedback"), max_rows=30)
        self.reflection = text_area(t("contradictions.reflection_placeholder"), 3)
        self.strengths.observe(lambda _c: self._guard(self._refresh_strengths), names="value")
        return [
            labelled(t("contradictions.strengths_label"), w.VBox([self.strengths, self.copy_button], layout=FULL),
                     t("contradictions.strengths_hint")),
            labelled(t("contradictions.items_label"), self.items.widget),
            w.HTML(f"<p class='ck-source'>{esc(c.feedback_types_source.label)}</p>"),
            labelled(t("contradictions.reflection_label"), self.reflection),
        ]

    def _strength_lines(self) -> list[str]:
        return [line.strip() for line in self.strengths.value.splitlines() if line.strip()]

    def _strength_options(self):
        return [(texts("feedback")("contradictions.match_by_words"), ""), *[(s, s) for s in dict.fromkeys(self._strength_lines())]]

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
            _problem(self, texts("feedback")("contradictions.choose_superpowers_first"))
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
        t = texts("feedback")
        if not answer.strengths:
            return f"<p class='ck-hint'>{t.html('contradictions.write_strengths')}</p>"
        if not answer.items:
            return f"<p class='ck-hint'>{t.html('contradictions.log_one')}</p>"
        found = fb.find_contradictions(answer).contradictions
        if not found:
            return f"<p class='ck-feedback'>{t.html('contradictions.none_found')}</p>"
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
