"""Module 3 exercise views for hearing real feedback: whom to ask, and the repeat-back drill (solo or pair)."""

from __future__ import annotations

import ipywidgets as w

from careerkit.content.text import texts
from careerkit.modules.feedback import domain as fb
from careerkit.modules.feedback import drill
from careerkit.ui.exercise import (
    FULL,
    Checklist,
    Exercise,
    Rows,
    bullets,
    esc,
    labelled,
    lazy_module,
    text_area,
    text_box,
)

charts = lazy_module("careerkit.modules.feedback.charts")  # matplotlib only once a chart is drawn

HIDDEN, SHOWN = "none", "flex"


def _problem(view: Exercise, sentence: str) -> None:
    view.message.value = f"<div class='ck-problem'>{esc(sentence)}</div>"


def _own() -> w.Layout:
    """A layout of its own for a box that is shown and hidden (the shared FULL layout must never be)."""
    return w.Layout(width="100%")


def _show(widget: w.Widget, visible: bool) -> None:
    widget.layout.display = SHOWN if visible else HIDDEN


def attempt_report(attempt: drill.Attempt, points: list[fb.KeyPoint]) -> str:
    """The scorer's report on one repeat-back, as HTML (every piece of text escaped)."""
    t = texts("feedback")
    parts = [f"<p class='ck-feedback'>{t.html('repeat_back.report.score', score=attempt.score)}</p>"]
    if points:
        rows = "".join(
            "<li>" + t.html("repeat_back.report.covered" if p.id in attempt.covered else "repeat_back.report.missed",
                            point=p.label) + "</li>"
            for p in points
        )
        parts.append(f"<p class='ck-feedback'>{t.html('repeat_back.report.key_points')}</p>"
                     f"<ul class='ck-feedback'>{rows}</ul>")
    elif attempt.mode == "pair":
        parts.append(f"<p class='ck-hint'>{t.html('repeat_back.report.no_coverage')}</p>")
    if attempt.defensive:
        quoted = ", ".join(t.html("repeat_back.report.marker", words=words)
                           for words in drill.typed_markers(attempt.text, attempt.defensive))
        # each marker is escaped by t.html above; the list of them fills the sentence as it is
        parts.append(f"<p class='ck-warning'>{t('repeat_back.report.defensive', markers=quoted)}</p>")
    else:
        parts.append(f"<p class='ck-feedback'>{t.html('repeat_back.report.no_defensive')}</p>")
    check = t.html("repeat_back.report.checks" if attempt.checks_understanding else "repeat_back.report.no_check")
    parts.append(f"<p class='ck-feedback'>{check}</p>")
    parts.append(f"<p class='ck-tip'>{t.html('repeat_back.report.tip', tip=attempt.tip)}</p>")
    return "".join(parts)


class RepeatBackView(Exercise):
    """Solo: read a statement from the bank and type it back. Pair: a partner says it and confirms."""

    key = "feedback.repeat_back"
    Model = drill.RepeatBackLog

    def build(self):
        bank, t = fb.content().statements, texts("feedback")
        self._history: list[drill.Attempt] = []
        self._drill = drill.PairDrill()
        self.mode = w.ToggleButtons(
            options=[(t("repeat_back.mode_solo"), "solo"), (t("repeat_back.mode_pair"), "pair")],
            value="solo", style={"button_width": "auto"},
        )
        self.statement = w.Dropdown(
            options=[(t("repeat_back.statement_option_hard" if s.hard else "repeat_back.statement_option",
                        number=i, giver=s.giver), s.id) for i, s in enumerate(bank, 1)],
            value=bank[0].id, layout=FULL,
        )
        self.quote = w.HTML(layout=FULL)
        self.next_button = w.Button(description=t("repeat_back.another_statement"), icon="forward")
        self.partner_said = text_area(t("repeat_back.partner_placeholder"), 2)
        self.draft = text_area(t("repeat_back.draft_placeholder"), 4)
        self.check_button = w.Button(description=t("repeat_back.check_solo"), button_style="primary", icon="check")
        self.yes_button = w.Button(description=t("repeat_back.yes_exactly"), button_style="success", icon="thumbs-up")
        self.not_quite_button = w.Button(description=t("repeat_back.not_quite"), button_style="warning", icon="undo")
        self.new_round_button = w.Button(description=t("repeat_back.new_round"), icon="refresh")
        self.pair_status = w.HTML(layout=FULL)
        for button, action in (
            (self.next_button, self._next_statement), (self.check_button, self._check), (self.yes_button, self._yes),
            (self.not_quite_button, self._not_quite), (self.new_round_button, self._new_round),
        ):
            button.on_click(lambda _b, act=action: self._guard(act))
        self.mode.observe(lambda _c: self._guard(self._sync), names="value")
        self.statement.observe(lambda _c: self._guard(self._sync), names="value")
        self.solo_box = w.VBox([labelled(t("repeat_back.statement_label"), self.statement), self.quote, self.next_button],
                               layout=_own())
        self.pair_box = w.VBox(
            [
                w.HTML(f"<p class='ck-hint'>{t.html('repeat_back.pair_hint')}</p>"),
                labelled(t("repeat_back.partner_label"), self.partner_said),
            ],
            layout=_own(),
        )
        self.partner_box = w.VBox(
            [self.pair_status, w.HBox([self.yes_button, self.not_quite_button, self.new_round_button])], layout=_own()
        )
        self._sync()
        return [
            self.mode, self.solo_box, self.pair_box, labelled(t("repeat_back.draft_label"), self.draft),
            self.check_button, self.partner_box,
        ]

    def watched(self):
        return [self.mode, self.statement, self.draft, self.partner_said]

    def read(self):
        return {
            "mode": self.mode.value,
            "statement_id": self.statement.value,
            "draft": self.draft.value,
            "pair": {**self._drill.round.model_dump(), "partner_said": self.partner_said.value},
            "history": [a.model_dump() for a in self._history],
        }

    def fill(self, value):
        self._history = [drill.Attempt.model_validate(a) for a in value.get("history", [])]
        pair = value.get("pair") or {}
        self._drill = drill.PairDrill(drill.PairRound.model_validate(pair))
        self.mode.value = value.get("mode", "solo")
        if value.get("statement_id") in {o[1] for o in self.statement.options}:
            self.statement.value = value["statement_id"]
        self.draft.value = value.get("draft", "")
        self.partner_said.value = pair.get("partner_said", "")
        self._sync()

    # what the buttons do
    def _valid_now(self) -> bool:
        if self.answer() is None:
            self.submit()  # shows why the current input cannot be saved
            return False
        return True

    def _check(self):
        if not self._valid_now():
            return
        if self.mode.value == "solo":
            if not self.draft.value.strip():
                _problem(self, texts("feedback")("repeat_back.type_first"))
                return
            attempt = drill.solo_attempt(self.statement.value, self.draft.value, self._history)
            self._history = drill.record(self._history, attempt)
        else:
            try:
                self._drill.repeat_back(self.draft.value, self.partner_said.value)
            except drill.DrillStepError as err:
                _problem(self, str(err))
                return
        self.submit()

    def _yes(self):
        try:
            attempt = self._drill.yes_exactly()
        except drill.DrillStepError as err:
            _problem(self, str(err))
            return
        self._history = drill.record(self._history, attempt)
        self.submit()

    def _not_quite(self):
        try:
            self._drill.not_quite()
        except drill.DrillStepError as err:
            _problem(self, str(err))
            return
        self.submit()

    def _new_round(self):
        self._drill.new_round()
        self.draft.value = ""
        self.partner_said.value = ""
        self.submit()

    def _next_statement(self):
        ids = [o[1] for o in self.statement.options]
        self.draft.value = ""
        self.statement.value = ids[(ids.index(self.statement.value) + 1) % len(ids)]

    # display
    def _sync(self):
        t = texts("feedback")
        solo = self.mode.value == "solo"
        _show(self.solo_box, solo)
        _show(self.pair_box, not solo)
        _show(self.partner_box, not solo)
        self.check_button.description = t("repeat_back.check_solo" if solo else "repeat_back.check_pair")
        item = fb.statement(self.statement.value)
        quote = t.html("repeat_back.quote", text=item.text, giver=item.giver, cite=item.cite)
        self.quote.value = f"<blockquote class='ck-quote'>{quote}</blockquote>"
        state = self._drill.state
        self.yes_button.disabled = self.not_quite_button.disabled = state != "awaiting_partner"
        self.check_button.disabled = not solo and state != "listening"
        loops = self._drill.loops
        if state == "listening":
            waiting = t.html("repeat_back.loop_again", loop=loops + 1) if loops else t.html("repeat_back.waiting")
            self.pair_status.value = f"<p class='ck-hint'>{waiting}</p>"
        elif state == "awaiting_partner":
            self.pair_status.value = f"<p class='ck-feedback'>{t.html('repeat_back.partner_right')}</p>"
        else:
            self.pair_status.value = f"<p class='ck-saved'>{t.plural('repeat_back.confirmed', loops, as_html=True)}</p>"

    def feedback(self, answer):
        self._sync()
        summary = drill.drill_summary(answer)
        tally = (
            "<p class='ck-hint'>"
            + texts("feedback").plural("repeat_back.tally", summary["attempts"], as_html=True, mean=summary["mean_score"])
            + "</p>" if summary["attempts"] else ""
        )
        if answer.mode == "pair":
            attempts = answer.pair.attempts
            if not attempts:
                return tally
            return attempt_report(attempts[-1], drill.points_from_text(answer.pair.partner_said)) + tally
        last = answer.history[-1] if answer.history else None
        if last is None or last.mode != "solo" or last.statement_id != answer.statement_id:
            return tally
        return attempt_report(last, fb.statement(last.statement_id).points) + tally

    def chart(self, answer):
        return charts.drill_history(answer) if answer.history else None

    def chart_basis(self, answer):
        return [a.model_dump_json() for a in answer.history]


class RealFeedbackView(Exercise):
    key = "feedback.real_feedback"
    Model = drill.RealFeedbackPlan

    def build(self):
        c, t = fb.content(), texts("feedback")

        def fields():
            return {
                "name": text_box(t("real_feedback.name_placeholder")),
                "relation": w.Dropdown(options=[(r.label, r.id) for r in c.relations], value="Peer",  # not-learner-text: the id of a relation, shown by its label
                                       description=t("real_feedback.relation")),
                "why": text_box(t("real_feedback.why_placeholder")),
            }

        def layout(_number, f):
            return w.VBox([w.HBox([f["name"], f["relation"]]), f["why"]], layout=w.Layout(margin="0 0 6px 0", width="100%"))

        self.givers = Rows(fields, layout, self._on_change, add_label=t("real_feedback.add_person"), min_rows=1, max_rows=6)
        self.safety = Checklist([(m.id, m.cited()) for m in c.safety_moves], self._on_change)
        self.safety_own = text_area(t("real_feedback.safety_own_placeholder"), 2)
        self.question = text_box(t("real_feedback.question_placeholder", example=c.example_question))
        self.manages = w.Checkbox(description=t("real_feedback.manages"), indent=False, layout=FULL)
        self.thanks = text_area(t("real_feedback.thanks_placeholder"), 2)
        self.thanks_box = labelled(t("real_feedback.thanks_label"), self.thanks, t("real_feedback.thanks_hint"))
        self.manages.observe(lambda change: _show(self.thanks_box, change["new"]), names="value")
        _show(self.thanks_box, False)
        return [
            labelled(t("real_feedback.givers_label"), self.givers.widget, t("real_feedback.givers_hint")),
            labelled(t("real_feedback.safety_label"), self.safety.widget),
            labelled(t("real_feedback.safety_own_label"), self.safety_own),
            labelled(t("real_feedback.question_label"), self.question, t("real_feedback.question_hint")),
            self.manages,
            self.thanks_box,
        ]

    def read(self):
        return {
            "givers": self.givers.read(),
            "safety": self.safety.read(),
            "safety_own": self.safety_own.value,
            "question": self.question.value,
            "manages_team": self.manages.value,
            "staff_thanks": self.thanks.value,
        }

    def fill(self, value):
        relations = {r.id for r in fb.content().relations}
        givers = [{**g, "relation": g.get("relation") if g.get("relation") in relations else "Other"}  # not-learner-text: the id of a relation
                  for g in value.get("givers", [])]
        self.givers.fill(givers)
        self.safety.fill(value.get("safety", []))
        self.safety_own.value = value.get("safety_own", "")
        self.question.value = value.get("question", "")
        self.manages.value = bool(value.get("manages_team", False))
        self.thanks.value = value.get("staff_thanks", "")

    def feedback(self, answer):
        problems = drill.check_real_feedback(answer)
        if problems:
            return bullets(problems, "ck-warning")
        return f"<p class='ck-feedback'>{texts('feedback').html('real_feedback.ready', question=answer.question)}</p>"
