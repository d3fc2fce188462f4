"""Module 3 exercise views driven as a learner (and a partner) would: set values, press buttons, check the
workbook on disk and the message beside the widget."""

from __future__ import annotations

import pytest

from careerkit import show
from careerkit.content import demo_answers
from careerkit.modules.feedback import drill_views, views
from careerkit.store.workbook import Workbook
from shown import assert_shows


def on_disk(book: Workbook, key: str):
    return Workbook(book.participant, book.home).get(key)


def type_back(view: drill_views.RepeatBackView, text: str) -> None:
    view.draft.value = text
    view.check_button.click()


# repeat-back drill, solo
def test_a_solo_repeat_back_is_scored_saved_and_restored(make_workbook):
    book = make_workbook()
    view = drill_views.RepeatBackView(book)
    view.statement.value = "long_specs"
    type_back(view, "My specs are too long, so engineers skim them and miss the decisions that matter. Did I get that right?")
    saved = on_disk(book, "feedback.repeat_back")
    [attempt] = saved["history"]
    assert attempt["statement_id"] == "long_specs" and attempt["mode"] == "solo"
    assert attempt["score"] == 100 and attempt["loops"] == 1
    assert attempt["covered"] == ["specs_too_long", "engineers_skim", "key_decisions_missed"]
    assert "Score: 100/100" in view.message.value and "it shows you listened" in view.message.value
    assert view.output.outputs, "the history chart is drawn"

    again = drill_views.RepeatBackView(book)
    assert again.statement.value == "long_specs"
    assert len(again._history) == 1 and "Score: 100/100" in again.message.value


def test_a_defensive_repeat_back_names_the_marker_and_the_tip(make_workbook):
    view = drill_views.RepeatBackView(make_workbook())
    view.statement.value = "interrupts"
    type_back(view, "I interrupted Priya, but to be fair the meeting was running late.")
    assert "“but”" in view.message.value and "“to be fair”" in view.message.value
    assert "Tip:" in view.message.value and "Leave out" in view.message.value
    assert "&#10007; missed: People have stopped bringing you early ideas" in view.message.value


def test_retrying_a_statement_counts_loops_and_the_next_statement_clears_the_box(make_workbook):
    book = make_workbook()
    view = drill_views.RepeatBackView(book)
    type_back(view, "You said I interrupted Priya.")
    type_back(view, "You said I interrupted Priya and people stopped bringing ideas. Is that right?")
    assert [a["loops"] for a in on_disk(book, "feedback.repeat_back")["history"]] == [1, 2]
    first = view.statement.value
    view.next_button.click()
    assert view.statement.value != first and view.draft.value == ""
    assert on_disk(book, "feedback.repeat_back")["statement_id"] == view.statement.value


def test_an_empty_repeat_back_gets_a_message_and_logs_nothing(make_workbook):
    book = make_workbook()
    view = drill_views.RepeatBackView(book)
    type_back(view, "   ")
    assert "Type back what you heard first" in view.message.value
    assert on_disk(book, "feedback.repeat_back")["history"] == []


def test_a_10000_character_paste_is_refused_and_the_saved_draft_kept(make_workbook):
    book = make_workbook()
    view = drill_views.RepeatBackView(book)
    view.draft.value = "You said I interrupt people."
    view.draft.value = "x" * 10_000
    view.check_button.click()
    assert "too long" in view.message.value and "Not saved" in view.status.value
    saved = on_disk(book, "feedback.repeat_back")
    assert saved["draft"] == "You said I interrupt people." and saved["history"] == []


def test_the_draft_is_saved_while_typing(make_workbook):
    book = make_workbook()
    view = drill_views.RepeatBackView(book)
    view.draft.value = "You said I"
    assert on_disk(book, "feedback.repeat_back")["draft"] == "You said I"
    assert drill_views.RepeatBackView(book).draft.value == "You said I"


# repeat-back drill, pair mode: the loop as a learner and partner drive it
def test_pair_mode_loops_until_the_partner_says_yes_exactly(make_workbook):
    book = make_workbook()
    view = drill_views.RepeatBackView(book)
    view.mode.value = "pair"
    assert view.pair_box.layout.display == "flex" and view.solo_box.layout.display == "none"
    assert view.message.layout.display != "none" and view.draft.layout.display != "none"
    assert view.check_button.description == "Partner: did I get it?"
    assert view.yes_button.disabled and view.not_quite_button.disabled

    view.partner_said.value = "You go quiet in planning. Then you disagree in the hallway afterwards."
    type_back(view, "I don't go quiet, but I need time to think.")
    assert "Partner: was that right?" in view.pair_status.value
    assert not view.yes_button.disabled and view.check_button.disabled
    assert "“but”" in view.message.value
    view.not_quite_button.click()
    assert "Loop 2" in view.pair_status.value and view.yes_button.disabled

    type_back(view, "You're saying I go quiet in planning and then disagree in the hallway afterwards. Did I get that right?")
    view.yes_button.click()
    assert "Confirmed after 2 loops" in view.pair_status.value
    saved = on_disk(book, "feedback.repeat_back")
    [logged] = saved["history"]
    assert logged["mode"] == "pair" and logged["loops"] == 2 and logged["score"] == 100
    assert saved["pair"]["state"] == "confirmed"

    view.yes_button.click()  # pressed again by mistake
    assert "no repeat-back to confirm" in view.message.value
    assert len(on_disk(book, "feedback.repeat_back")["history"]) == 1

    view.new_round_button.click()
    assert view.draft.value == "" and view.partner_said.value == ""
    assert on_disk(book, "feedback.repeat_back")["pair"] == {"state": "listening", "partner_said": "", "attempts": []}


def test_a_pair_round_resumes_after_a_restart_mid_loop(make_workbook):
    book = make_workbook()
    view = drill_views.RepeatBackView(book)
    view.mode.value = "pair"
    type_back(view, "You think I ship too slowly. Is that right?")
    view.close()

    resumed = drill_views.RepeatBackView(book)
    assert resumed.mode.value == "pair" and "Partner: was that right?" in resumed.pair_status.value
    resumed.yes_button.click()
    assert on_disk(book, "feedback.repeat_back")["history"][-1]["loops"] == 1


def test_pair_mode_says_when_coverage_was_not_checked(make_workbook):
    view = drill_views.RepeatBackView(make_workbook())
    view.mode.value = "pair"
    type_back(view, "You think I ship too slowly. Is that right?")
    assert "Coverage not checked" in view.message.value


def test_a_damaged_saved_drill_gets_a_message_not_a_traceback(make_workbook):
    book = make_workbook(answers={"feedback.repeat_back": {"history": [{"mode": "telepathy"}]}})
    view = drill_views.RepeatBackView(book)
    assert "could not be shown" in view.message.value


# real feedback
def test_real_feedback_plan_saves_restores_and_checks_the_question(make_workbook):
    book = make_workbook()
    view = drill_views.RealFeedbackView(book)
    row = view.givers.rows[0]
    row["name"].value = "Sam"
    row["relation"].value = "Peer"
    view.safety._boxes["no_retaliation"].value = True
    view.question.value = "Any feedback for me?"
    assert "formal answers" in view.message.value
    view.question.value = "What is one thing I could do differently in planning?"
    assert "Ready to ask" in view.message.value
    view.givers.add_button.click()
    view.givers.rows[1]["name"].value = "Lee <b>designer</b>"
    saved = on_disk(book, "feedback.real_feedback")
    assert [g["name"] for g in saved["givers"]] == ["Sam", "Lee <b>designer</b>"]
    assert saved["safety"] == ["no_retaliation"]

    again = drill_views.RealFeedbackView(book)
    assert again.question.value == "What is one thing I could do differently in planning?"
    assert len(again.givers.rows) == 2 and again.safety.read() == ["no_retaliation"]


def test_managers_get_the_staff_meeting_variant(make_workbook):
    view = drill_views.RealFeedbackView(make_workbook())
    assert view.thanks_box.layout.display == "none"
    view.manages.value = True
    assert view.thanks_box.layout.display == "flex"
    assert "staff meeting" in view.message.value
    view.thanks.value = "Name and thank each giver, with their consent."
    assert "staff meeting" not in view.message.value


def test_html_in_the_question_is_escaped(make_workbook):
    view = drill_views.RealFeedbackView(make_workbook())
    view.givers.rows[0]["name"].value = "Sam"
    view.safety._boxes["thank_them"].value = True
    view.question.value = "What <script>alert(1)</script> should I change?"
    assert "<script>" not in view.message.value and "&lt;script&gt;" in view.message.value


# why isn't my promotion happening?
def test_promotion_stall_ranks_causes_and_saves_them(make_workbook):
    book = make_workbook()
    view = views.PromotionStallView(book)
    assert "1. An unacknowledged development area: 50%" in view.message.value
    view.questions["manager_cannot_explain"].value = 4
    view.questions["deciders_do_not_see"].value = 4
    saved = on_disk(book, "feedback.promotion_stall")
    assert saved["ranked"][0]["id"] == "advocacy"
    assert "1. Lack of advocacy" in view.message.value and "Find a new manager" in view.message.value
    assert view.output.outputs

    view.first_move.value = "Move to the payments project."
    again = views.PromotionStallView(book)
    assert again.questions["deciders_do_not_see"].value == 4
    assert again.first_move.value == "Move to the payments project."


# shadows
def test_shadows_pair_each_chosen_superpower_and_restore(make_workbook):
    book = make_workbook()
    view = views.ShadowsView(book)
    assert "Tick at least one" in view.message.value
    view.chosen["storyteller"].value = True
    view.levels["storyteller"].value = "too_much"
    assert "Might struggle with details" in view.message.value and view.output.outputs
    saved = on_disk(book, "feedback.shadows")
    assert saved["superpowers"] == ["storyteller"] and saved["ratings"] == {"storyteller": "too_much"}
    assert saved["pairs"][0]["shadow"] == "Might struggle with details"

    again = views.ShadowsView(book)
    assert again.chosen["storyteller"].value and again.levels["storyteller"].value == "too_much"


# contradictions
def test_contradictions_flag_feedback_against_a_claimed_strength(make_workbook):
    book = make_workbook(answers={"feedback.shadows": {"superpowers": ["collaborator"], "ratings": {}, "notes": ""}})
    view = views.ContradictionsView(book)
    view.copy_button.click()
    assert view.strengths.value == "Great collaborator"
    view.items.add_button.click()
    row = view.items.rows[0]
    row["giver"].value = "Lee <i>"
    row["about"].value = "Pushes until people agree with <b>them</b>"
    assert "Do not file it as an anomaly" in view.message.value
    assert "Lee &lt;i&gt;" in view.message.value and "<b>them</b>" not in view.message.value
    assert view.output.outputs, "the strengths x feedback matrix is drawn"
    row["direction"].value = "affirms"
    assert "No feedback contradicts" in view.message.value

    saved = on_disk(book, "feedback.contradictions")
    assert saved["strengths"] == ["Great collaborator"]
    assert saved["items"][0]["direction"] == "affirms"
    again = views.ContradictionsView(book)
    assert again.items.rows[0]["about"].value == "Pushes until people agree with <b>them</b>"


def test_the_strength_choice_follows_the_strengths_list(make_workbook):
    book = make_workbook()
    view = views.ContradictionsView(book)
    view.strengths.value = "Data-driven\nCalm"
    view.items.add_button.click()
    choice = view.items.rows[0]["strength"]
    assert [o[1] for o in choice.options] == ["", "Data-driven", "Calm"]
    choice.value = "Calm"
    assert on_disk(book, "feedback.contradictions")["items"][0]["strength"] == "Calm"
    view.strengths.value = "Data-driven"
    assert choice.value == "" and [o[1] for o in choice.options] == ["", "Data-driven"]
    assert on_disk(book, "feedback.contradictions")["items"][0]["strength"] == ""


def test_copying_superpowers_before_choosing_them_explains_what_to_do(make_workbook):
    view = views.ContradictionsView(make_workbook())
    view.copy_button.click()
    assert "shadows exercise first" in view.message.value


def test_too_many_strengths_get_a_message_and_the_last_good_list_is_kept(make_workbook):
    book = make_workbook()
    view = views.ContradictionsView(book)
    view.strengths.value = "A\nB"
    view.strengths.value = "\n".join(f"Strength {i}" for i in range(12))
    assert "Strengths you claim" in view.message.value and "Not saved" in view.status.value
    assert on_disk(book, "feedback.contradictions")["strengths"] == ["A", "B"]


# the notebook's one-line call, with the demo participant
@pytest.mark.parametrize("name", list(views.EXERCISES))
def test_every_exercise_shows_the_demo_answers(demo_env, name):
    view = show(f"feedback.{name}")
    assert_shows(view, demo_answers()[view.key])
    assert "ck-problem" not in view.message.value
    assert view.status.value == ""  # showing does not re-save
    if name != "real_feedback":
        assert view.output.outputs, f"{name} draws its chart from the demo answers"


def test_a_justification_is_quoted_as_the_learner_typed_it_not_by_its_category(make_workbook):
    view = drill_views.RepeatBackView(make_workbook())
    view.statement.value = "interrupts"
    type_back(view, "I interrupted Priya because I was worried about the time.")
    assert "“because i was”" in view.message.value
    assert "a justification" not in view.message.value


def test_a_coach_rewrites_drill_sentences_in_a_text_file_and_one_loop_is_singular(make_workbook, tmp_path, monkeypatch):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "feedback.text.toml").write_text(
        '[repeat_back]\ntitle = "Say it back"\nwaiting = "Your turn, learner."\n'
        '[repeat_back.fields]\npartner_said = "Partner\'s words"\n', encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(coach))
    book = make_workbook()
    view = drill_views.RepeatBackView(book)
    assert view.title == "Say it back"
    view.mode.value = "pair"
    assert "Your turn, learner." in view.pair_status.value
    type_back(view, "You're saying I go quiet in planning. Did I get that right?")
    view.yes_button.click()
    assert "Confirmed after 1 loop. Logged" in view.pair_status.value  # the plural's "one" form
    assert "1 repeat-back logged, mean score" in view.message.value
    view.new_round_button.click()
    view.partner_said.value = "x" * 2001  # a field title named in the pack: the coach's wording in the sentence
    assert "Pair round, partner&#x27;s words: is too long: keep it under 2000 characters." in view.message.value
    assert len(on_disk(book, "feedback.repeat_back")["history"]) == 1
