"""Module 3 exercise views for hearing real feedback: whom to ask, and the repeat-back drill (solo or pair)."""

from __future__ import annotations

import ipywidgets as w

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
    parts = [f"<p class='ck-feedback'><b>Score: {attempt.score}/100</b></p>"]
    if points:
        rows = "".join(
            f"<li>{'&#10003;' if p.id in attempt.covered else '&#10007; missed:'} {esc(p.label)}</li>" for p in points
        )
        parts.append(f"<p class='ck-feedback'>Key points:</p><ul class='ck-feedback'>{rows}</ul>")
    elif attempt.mode == "pair":
        parts.append("<p class='ck-hint'>Coverage not checked: type what your partner said to check it too.</p>")
    if attempt.defensive:
        quoted = ", ".join(f"“{esc(words)}”" for words in drill.typed_markers(attempt.text, attempt.defensive))
        parts.append(f"<p class='ck-warning'>Defensive markers: {quoted}.</p>")
    else:
        parts.append("<p class='ck-feedback'>&#10003; No defensive markers.</p>")
    check = "&#10003; You ended by checking your understanding." if attempt.checks_understanding else (
        "&#10007; You did not end by checking your understanding."
    )
    parts.append(f"<p class='ck-feedback'>{check}</p>")
    parts.append(f"<p class='ck-tip'><b>Tip:</b> {esc(attempt.tip)}</p>")
    return "".join(parts)


class RepeatBackView(Exercise):
    """Solo: read a statement from the bank and type it back. Pair: a partner says it and confirms."""

    key = "feedback.repeat_back"
    title = "Repeat-back drill"
    Model = drill.RepeatBackLog

    def build(self):
        bank = fb.content().statements
        self._history: list[drill.Attempt] = []
        self._drill = drill.PairDrill()
        self.mode = w.ToggleButtons(
            options=[("Solo: statements from the bank", "solo"), ("Pair: a partner says it aloud", "pair")],
            value="solo", style={"button_width": "auto"},
        )
        self.statement = w.Dropdown(
            options=[(f"{i}. {s.giver}{' (hard to hear)' if s.hard else ''}", s.id) for i, s in enumerate(bank, 1)],
            value=bank[0].id, layout=FULL,
        )
        self.quote = w.HTML(layout=FULL)
        self.next_button = w.Button(description="Another statement", icon="forward")
        self.partner_said = text_area(
            "Partner, optional: type the gist of what you said, and the kit also checks which parts came back.", 2
        )
        self.draft = text_area("Type back what you heard, in your own words, before anything else.", 4)
        self.check_button = w.Button(description="Check my repeat-back", button_style="primary", icon="check")
        self.yes_button = w.Button(description="Yes, exactly", button_style="success", icon="thumbs-up")
        self.not_quite_button = w.Button(description="Not quite", button_style="warning", icon="undo")
        self.new_round_button = w.Button(description="New round", icon="refresh")
        self.pair_status = w.HTML(layout=FULL)
        for button, action in (
            (self.next_button, self._next_statement), (self.check_button, self._check), (self.yes_button, self._yes),
            (self.not_quite_button, self._not_quite), (self.new_round_button, self._new_round),
        ):
            button.on_click(lambda _b, act=action: self._guard(act))
        self.mode.observe(lambda _c: self._guard(self._sync), names="value")
        self.statement.observe(lambda _c: self._guard(self._sync), names="value")
        self.solo_box = w.VBox([labelled("Feedback statement", self.statement), self.quote, self.next_button], layout=_own())
        self.pair_box = w.VBox(
            [
                w.HTML(
                    "<p class='ck-hint'>Partner: say one piece of real feedback aloud, once. Learner: type back what "
                    "you heard. Partner: press “Yes, exactly” or “Not quite”; the drill loops until it is right.</p>"
                ),
                labelled("What your partner said (optional)", self.partner_said),
            ],
            layout=_own(),
        )
        self.partner_box = w.VBox(
            [self.pair_status, w.HBox([self.yes_button, self.not_quite_button, self.new_round_button])], layout=_own()
        )
        self._sync()
        return [
            self.mode, self.solo_box, self.pair_box, labelled("Your repeat-back", self.draft),
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
                _problem(self, "Type back what you heard first.")
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
        solo = self.mode.value == "solo"
        _show(self.solo_box, solo)
        _show(self.pair_box, not solo)
        _show(self.partner_box, not solo)
        self.check_button.description = "Check my repeat-back" if solo else "Partner: did I get it?"
        item = fb.statement(self.statement.value)
        self.quote.value = (
            f"<blockquote class='ck-quote'>“{esc(item.text)}”<br><span class='ck-source'>{esc(item.giver)} · "
            f"a fictional statement {esc(item.cite)}</span></blockquote>"
        )
        state = self._drill.state
        self.yes_button.disabled = self.not_quite_button.disabled = state != "awaiting_partner"
        self.check_button.disabled = not solo and state != "listening"
        loops = self._drill.loops
        self.pair_status.value = {
            "listening": (
                f"<p class='ck-hint'>Loop {loops + 1}: not quite yet. Partner, say what was missing; learner, try again.</p>"
                if loops else "<p class='ck-hint'>Waiting for the learner's repeat-back.</p>"
            ),
            "awaiting_partner": "<p class='ck-feedback'><b>Partner: was that right?</b></p>",
            "confirmed": (
                f"<p class='ck-saved'>&#10003; Confirmed after {loops} loop{'s' if loops != 1 else ''}. "
                "Logged in your history. Press “New round” for the next piece of feedback.</p>"
            ),
        }[state]

    def feedback(self, answer):
        self._sync()
        summary = drill.drill_summary(answer)
        tally = (
            f"<p class='ck-hint'>{summary['attempts']} repeat-back{'s' if summary['attempts'] != 1 else ''} logged, "
            f"mean score {summary['mean_score']}.</p>" if summary["attempts"] else ""
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
    title = "Real feedback, not formal feedback"
    Model = drill.RealFeedbackPlan

    def build(self):
        c = fb.content()

        def fields():
            return {
                "name": text_box("Name or role"),
                "relation": w.Dropdown(options=c.relations, value="Peer", description="Relation"),
                "why": text_box("Why them: what do they see of your work that others do not?"),
            }

        def layout(_number, f):
            return w.VBox([w.HBox([f["name"], f["relation"]]), f["why"]], layout=w.Layout(margin="0 0 6px 0", width="100%"))

        self.givers = Rows(fields, layout, self._on_change, add_label="Add a person", min_rows=1, max_rows=6)
        self.safety = Checklist([(m.id, m.cited()) for m in c.safety_moves], self._on_change)
        self.safety_own = text_area("Your own way to make it safe to be honest with you", 2)
        self.question = text_box(f"e.g. {c.example_question}")
        self.manages = w.Checkbox(description="I manage a team, or facilitate this group", indent=False, layout=FULL)
        self.thanks = text_area("How will you thank the people who gave you feedback, in your next staff meeting?", 2)
        self.thanks_box = labelled("Thank the givers in a staff meeting [00:34:11]", self.thanks,
                                   "Thanking givers in public tells everyone that honesty is welcome.")
        self.manages.observe(lambda change: _show(self.thanks_box, change["new"]), names="value")
        _show(self.thanks_box, False)
        return [
            labelled("Whom will you ask? [00:30:41]", self.givers.widget,
                     "People who see your work up close, not only the person who writes your review."),
            labelled("How will you make it safe? [00:31:53]", self.safety.widget),
            labelled("Anything else", self.safety_own),
            labelled("The exact question you will ask", self.question, "Write it word for word."),
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
        relations = fb.content().relations
        givers = [{**g, "relation": g.get("relation") if g.get("relation") in relations else "Other"}
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
        return (
            f"<p class='ck-feedback'>&#10003; Ready to ask: <b>“{esc(answer.question)}”</b>. When they answer, repeat it "
            "back, even if it is hard to hear [00:32:21].</p>"
        )
