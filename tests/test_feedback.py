"""Module 3 domain: the repeat-back scorer against hand-written cases, the pair drill, stalled promotions,
shadows of superpowers and contradictory feedback."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from careerkit.content import demo_answers, load_content, read_text
from careerkit.errors import ContentError
from careerkit.modules.feedback import charts
from careerkit.modules.feedback import domain as fb
from careerkit.modules.feedback import drill as dr

FIXTURES = Path(__file__).parent / "fixtures"
CASES = tomllib.loads((FIXTURES / "repeat_backs.toml").read_text(encoding="utf-8"))["cases"]


# the scorer on hand-written repeat-backs
def test_the_fixture_holds_at_least_thirty_cases_of_every_kind():
    kinds = [case["kind"] for case in CASES]
    assert len(CASES) >= 30
    for kind in ("good", "partial", "defensive", "off_topic"):
        assert kinds.count(kind) >= 5, kind
    bank = {s.id for s in fb.content().statements}
    assert {case["statement"] for case in CASES} == bank


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_scorer_matches_hand_written_expectation(case):
    result = dr.score_statement(case["statement"], case["text"])
    assert result.covered == case["covered"]
    assert result.defensive == case["defensive"]
    assert result.checks_understanding is case["checks"]
    assert result.tip_kind == case["tip"]
    assert result.verdict == case["kind"]
    assert result.score == case["score"]


def test_inflections_share_a_stem():
    for words in (
        ["interrupt", "interrupted", "interrupting", "interrupts"],
        ["decide", "decided", "decides"],
        ["stop", "stopped", "stopping", "stops"],
        ["collaborate", "collaboration", "collaborating"],
        ["skim", "skimmed", "skimming"],
    ):
        assert len({fb.stem(w) for w in words}) == 1, words


def test_synonyms_and_a_word_in_between_count_as_the_cue():
    assert fb.mentions("I cut Priya off in the review", "interrupt")
    assert fb.mentions("I finished her sentences", "finish sentence")
    assert fb.mentions("my PRDs are too wordy", "spec")
    assert not fb.mentions("I cut the budget and then left it off the list", "interrupt")


def test_a_marker_echoed_from_the_feedback_is_not_a_defence_but_an_extra_one_is():
    echo = "You said my specs are too long and the engineers miss the decisions that actually matter."
    assert "actually" not in dr.score_statement("long_specs", echo).defensive
    extra = "Actually, you said my specs are too long and the engineers miss the decisions that actually matter."
    assert "actually" in dr.score_statement("long_specs", extra).defensive


def test_feedback_in_second_person_is_echoed_in_first_person():
    feedback = "You didn't share the plan until the day before."
    assert dr.defensive_markers("I didn't share the plan until the day before.", feedback) == []
    assert dr.defensive_markers("I didn't share the plan until the day before.", "The plan came late.") == ["i_didnt"]


def test_the_check_must_come_at_the_end():
    assert dr.checks_understanding("You said my specs are long. Did I get that right?")
    assert dr.checks_understanding("You said my specs are long.\nis that right")
    assert not dr.checks_understanding("Did I get that right? Anyway, I was tired that week.")
    assert not dr.checks_understanding("")


def test_curly_apostrophes_are_read_like_straight_ones():
    assert dr.defensive_markers("That\u2019s not what happened.") == ["thats_not"]


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=400))
def test_any_text_gets_a_score_between_0_and_100_and_one_tip(text):
    item = fb.content().statements[0]
    result = dr.score_repeat_back(item.points, text, item.text)
    assert 0 <= result.score <= 100
    assert set(result.covered) | set(result.missed) == {p.id for p in item.points}
    assert result.tip


def test_partner_feedback_becomes_key_points_one_per_clause():
    points = dr.points_from_text("You go quiet in planning. Then you disagree in the hallway afterwards!")
    assert [p.label for p in points] == ["You go quiet in planning", "Then you disagree in the hallway afterwards"]
    said = "You go quiet in planning. Then you disagree in the hallway afterwards."
    half = dr.score_repeat_back(points, "I go quiet in planning meetings. Is that right?", said)
    assert half.covered == ["p1"] and half.missed == ["p2"] and half.tip_kind == "missed"


def test_without_key_points_the_score_is_defence_and_check_only():
    assert dr.score_repeat_back([], "You think I ship too slowly. Did I get that right?").score == 100
    assert dr.score_repeat_back([], "You think I ship too slowly.").score == 50
    result = dr.score_repeat_back([], "But that's not true.")
    assert result.score == 0 and result.verdict == "defensive"


# history
def test_solo_loops_count_tries_in_a_row_at_one_statement():
    history: list[dr.Attempt] = []
    for statement_id in ("interrupts", "interrupts", "credit", "interrupts"):
        history = dr.record(history, dr.solo_attempt(statement_id, "You said I interrupted Priya.", history))
    assert [a.loops for a in history] == [1, 2, 1, 1]
    assert all(a.mode == "solo" for a in history)


def test_history_keeps_the_newest_attempts_when_full():
    attempt = dr.solo_attempt("credit", "You said three of you worked on it.", [])
    history = [attempt.model_copy(update={"score": i % 101}) for i in range(dr.HISTORY_LIMIT)]
    newest = attempt.model_copy(update={"text": "newest"})
    kept = dr.record(history, newest)
    assert len(kept) == dr.HISTORY_LIMIT and kept[-1].text == "newest" and kept[0].score == 1


def test_drill_summary_reads_scores_and_pair_loops():
    log = dr.RepeatBackLog.model_validate(demo_answers()["feedback.repeat_back"])
    summary = dr.drill_summary(log)
    assert summary["attempts"] == len(log.history)
    assert summary["last_score"] == log.history[-1].score
    assert summary["mean_loops"] == 2.0
    assert dr.drill_summary(dr.RepeatBackLog()) == {"attempts": 0, "mean_score": None, "last_score": None, "mean_loops": None}


def test_the_saved_drill_rejects_an_unknown_statement_and_a_huge_paste():
    with pytest.raises(ValidationError):
        dr.RepeatBackLog(statement_id="no_such_statement")
    with pytest.raises(ValidationError):
        dr.RepeatBackLog(draft="x" * 10_000)


# the pair drill state machine
def test_pair_drill_loops_until_the_partner_confirms():
    drill = dr.PairDrill()
    assert drill.state == "listening" and drill.loops == 0
    first = drill.repeat_back("But I was only trying to help.", "You take over other people's demos.")
    assert drill.state == "awaiting_partner" and first.loops == 1 and "but" in first.defensive
    drill.not_quite()
    assert drill.state == "listening"
    drill.repeat_back("You're saying I take over other people's demos. Did I get that right?")
    logged = drill.yes_exactly()
    assert drill.state == "confirmed"
    assert logged.mode == "pair" and logged.loops == 2 and logged.checks_understanding
    drill.new_round()
    assert drill.state == "listening" and drill.loops == 0


@pytest.mark.parametrize(
    "steps, wrong",
    [
        ([], "yes_exactly"),
        ([], "not_quite"),
        (["repeat"], "repeat"),
        (["repeat", "yes_exactly"], "repeat"),
        (["repeat", "yes_exactly"], "not_quite"),
    ],
)
def test_pair_drill_refuses_a_button_pressed_out_of_turn(steps, wrong):
    drill = dr.PairDrill()
    actions = {
        "repeat": lambda: drill.repeat_back("You said I talk too much."),
        "yes_exactly": drill.yes_exactly,
        "not_quite": drill.not_quite,
    }
    for step in steps:
        actions[step]()
    before = drill.round.model_dump()
    with pytest.raises(dr.DrillStepError) as err:
        actions[wrong]()
    assert str(err.value)
    assert drill.round.model_dump() == before


def test_pair_drill_needs_a_repeat_back_and_stops_at_the_loop_limit():
    drill = dr.PairDrill()
    with pytest.raises(dr.DrillStepError, match="Type back"):
        drill.repeat_back("   ")
    for _ in range(dr.PAIR_LOOP_LIMIT):
        drill.repeat_back("You said I talk too much.")
        drill.not_quite()
    with pytest.raises(dr.DrillStepError, match="New round"):
        drill.repeat_back("You said I talk too much.")


def test_pair_drill_resumes_from_its_saved_state():
    drill = dr.PairDrill()
    drill.repeat_back("You said I talk too much. Is that right?", "You talk too much in reviews.")
    saved = json.loads(drill.round.model_dump_json())
    resumed = dr.PairDrill(dr.PairRound.model_validate(saved))
    assert resumed.state == "awaiting_partner"
    assert resumed.yes_exactly().loops == 1
    assert drill.state == "awaiting_partner"  # the saved copy was not changed by the resumed one


# real versus formal feedback
def _plan(**fields) -> dr.RealFeedbackPlan:
    base = {
        "givers": [{"name": "Sam", "relation": "Peer", "why": "sees my planning"}],
        "safety": ["no_retaliation"],
        "question": "What is one thing I do in planning that makes it harder to disagree with me?",
    }
    return dr.RealFeedbackPlan.model_validate({**base, **fields})


def test_a_complete_real_feedback_plan_has_no_problems():
    assert dr.check_real_feedback(_plan()) == []


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"givers": []}, "Name at least one person"),
        ({"givers": [{"name": "Ana", "relation": "Manager"}]}, "formal feedback"),
        ({"safety": []}, "make it safe"),
        ({"question": ""}, "Write the exact question"),
        ({"question": "Any feedback for me?"}, "invites polite, formal answers"),
        ({"question": "Do you think I talk too much?"}, "yes or no"),
        ({"manages_team": True}, "staff meeting"),
    ],
)
def test_real_feedback_plan_problems_are_sentences_to_act_on(fields, expected):
    problems = dr.check_real_feedback(_plan(**fields))
    assert any(expected in p for p in problems), problems


def test_real_feedback_rejects_unknown_relations_and_safety_moves():
    with pytest.raises(ValidationError):
        _plan(givers=[{"name": "X", "relation": "Nemesis"}])
    with pytest.raises(ValidationError):
        _plan(safety=["bribe"])


# why isn't my promotion happening?
def test_with_no_evidence_the_ranking_is_the_base_rates_and_a_development_area_comes_first():
    ranked = fb.diagnose({})
    assert ranked[0].id == "development_area"
    assert ranked[0].share == ranked[0].base_rate == 50.0
    assert "[00:28:57]" in ranked[0].base_rate_note
    assert round(sum(r.share for r in ranked)) == 100
    assert all("base rate" in r.reasons[0] for r in ranked)


def test_advocacy_answers_rank_lack_of_advocacy_first_with_the_reasons_and_the_seeds_moves():
    answers = {"manager_cannot_explain": 4, "deciders_do_not_see": 4, "same_critique": 0, "disagree_with_critique": 0}
    top = fb.diagnose(answers)[0]
    assert top.id == "advocacy"
    assert any("two sentences" in reason and "true" in reason for reason in top.reasons)
    assert [m.split(" [")[0] for m in top.moves] == [
        "Shift to a project where the people who decide see your work",
        "Find a new manager who will advocate for you",
        "Leave the company",
    ]
    assert all("[00:26:26]" in m for m in top.moves)


def test_each_cause_can_come_first():
    strong = {
        "no_role": {"slow_hiring": 4, "no_open_role": 4},
        "impatience": {"fast_before": 4, "short_tenure": 4, "leadership_next": 4},
        "development_area": {"same_critique": 4, "disagree_with_critique": 4},
    }
    for cause, answers in strong.items():
        assert fb.diagnose(answers)[0].id == cause


def test_moves_outside_the_source_say_so():
    no_role = next(r for r in fb.diagnose({}) if r.id == "no_role")
    assert all(m.endswith("(kit's own)") for m in no_role.moves)


def test_asking_for_real_feedback_lowers_the_development_area():
    asked = next(r for r in fb.diagnose({"asked_real_feedback": 4}) if r.id == "development_area")
    assert asked.share < 50


def test_promotion_stall_saves_its_ranked_causes_in_a_stable_shape():
    dumped = fb.PromotionStall(answers={"no_open_role": 4}).model_dump(mode="json")
    assert set(dumped) == {"answers", "first_move", "ranked"}
    assert set(dumped["ranked"][0]) == {"id", "label", "share", "base_rate", "base_rate_note", "reasons", "moves"}
    assert fb.PromotionStall.model_validate(dumped).ranked[0].id == dumped["ranked"][0]["id"]


def test_promotion_stall_rejects_unknown_questions_and_answers_out_of_range():
    with pytest.raises(ValidationError, match="no question"):
        fb.PromotionStall(answers={"made_up": 2})
    with pytest.raises(ValidationError, match="five choices"):
        fb.PromotionStall(answers={"no_open_role": 7})


# shadows of superpowers
def test_each_seed_superpower_has_its_shadow():
    shadows = {p.id: p.shadow.lower() for p in fb.content().superpowers}
    assert "agree" in shadows["collaborator"]
    assert "innovation" in shadows["growth"]
    assert "details" in shadows["storyteller"]
    assert "indecisive" in shadows["listener"]


def test_chosen_superpowers_are_paired_with_their_shadow_and_rating_hint():
    answer = fb.Shadows(superpowers=["listener", "growth"], ratings={"listener": "too_much", "storyteller": "right"})
    dumped = answer.model_dump(mode="json")
    assert dumped["superpowers"] == ["listener", "growth"]
    pairs = {p["id"]: p for p in dumped["pairs"]}
    assert set(pairs) == {"listener", "growth"}
    assert pairs["listener"]["rating"] == "too_much" and "indecisive" in pairs["listener"]["hint"]
    assert pairs["growth"]["rating"] == "" and "Rate" in pairs["growth"]["hint"]


def test_shadows_reject_unknown_superpowers_and_ratings():
    with pytest.raises(ValidationError):
        fb.Shadows(superpowers=["telepathy"])
    with pytest.raises(ValidationError):
        fb.Shadows(superpowers=["growth"], ratings={"growth": "enormous"})


# contradictory feedback
def _log(**fields) -> fb.ContradictionLog:
    base = {
        "strengths": ["Great collaborator", "Excellent at growth"],
        "items": [
            {"giver": "Lee", "kind": "coaching", "about": "I push until people agree with me", "direction": "challenges"},
            {"giver": "Sam", "kind": "appreciation", "about": "Brilliant collaboration on the launch", "direction": "affirms"},
            {"giver": "Ana", "kind": "evaluation", "about": "Expense reports are late", "direction": "challenges"},
        ],
    }
    return fb.ContradictionLog.model_validate({**base, **fields})


def test_feedback_that_challenges_a_claimed_strength_is_flagged():
    matrix = fb.find_contradictions(_log())
    assert matrix.strengths == ["Great collaborator", "Excellent at growth"]
    assert matrix.cells == [["contradicts", "affirms", ""], ["", "", ""]]
    [flag] = matrix.contradictions
    assert flag.item == 0 and flag.strength == "Great collaborator"
    assert "anomaly" in flag.sentence and "[00:57:30]" in flag.sentence


def test_the_learner_can_say_which_strength_an_item_touches():
    log = _log()
    log.items[2].strength = "Excellent at growth"
    matrix = fb.find_contradictions(log)
    assert matrix.cells[1] == ["", "", "contradicts"]


def test_a_strength_in_the_learners_own_words_matches_on_shared_ideas():
    log = _log(strengths=["Data-driven"], items=[
        {"giver": "CFO", "kind": "coaching", "about": "The figures in your deck had errors", "direction": "challenges"},
    ])
    assert fb.find_contradictions(log).cells == [["contradicts"]]


def test_contradiction_log_tidies_blank_strengths_and_rejects_long_ones():
    assert _log(strengths=["  Great collaborator ", " "]).strengths == ["Great collaborator"]
    with pytest.raises(ValidationError):
        _log(strengths=["x" * 500])
    with pytest.raises(ValidationError):
        _log(items=[{"kind": "gossip"}])


# content, demo and charts
def test_content_loads_and_every_statement_has_cited_points():
    content = fb.content()
    assert len(content.statements) >= 8
    assert sum(s.hard for s in content.statements) >= 3
    for statement in content.statements:
        assert statement.timestamp.startswith("[00:")
        # the statement itself covers every one of its key points: the cues are reachable
        assert dr.covered_points(statement.points, statement.text) == [p.id for p in statement.points]


def test_a_word_in_two_synonym_groups_is_a_content_error(tmp_path, monkeypatch):
    broken = read_text("feedback.toml").replace('words = ["growth", "grow", "grower"]', 'words = ["growth", "grow", "skim"]')
    (tmp_path / "feedback.toml").write_text(broken, encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    with pytest.raises(ContentError, match="two synonym groups"):
        load_content("feedback", fb.FeedbackContent)


def test_a_question_weighing_an_unknown_cause_is_a_content_error(tmp_path, monkeypatch):
    broken = read_text("feedback.toml").replace("weights = { no_role = 1.5 }", "weights = { bad_luck = 1.5 }")
    (tmp_path / "feedback.toml").write_text(broken, encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    with pytest.raises(ContentError, match="bad_luck"):
        load_content("feedback", fb.FeedbackContent)


DEMO_MODELS = {
    "feedback.repeat_back": dr.RepeatBackLog,
    "feedback.real_feedback": dr.RealFeedbackPlan,
    "feedback.promotion_stall": fb.PromotionStall,
    "feedback.shadows": fb.Shadows,
    "feedback.contradictions": fb.ContradictionLog,
}


@pytest.mark.parametrize("key", DEMO_MODELS)
def test_demo_answers_are_valid_and_saved_as_the_model_would_save_them(key):
    saved = demo_answers()[key]
    assert DEMO_MODELS[key].model_validate(saved).model_dump(mode="json") == saved


def _labelled(fig) -> None:
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_every_chart_is_titled_with_labelled_axes():
    demo = demo_answers()
    _labelled(charts.drill_history(dr.RepeatBackLog.model_validate(demo["feedback.repeat_back"])))
    _labelled(charts.stall_ranking(fb.PromotionStall.model_validate(demo["feedback.promotion_stall"]).ranked))
    _labelled(charts.shadows_grid(fb.Shadows.model_validate(demo["feedback.shadows"])))
    _labelled(charts.contradiction_matrix(fb.find_contradictions(_log())))


def test_the_facilitator_guide_has_its_sections_and_the_pair_drill():
    guide = (Path(__file__).resolve().parents[1] / "facilitator_guide" / "03_feedback.md").read_text(encoding="utf-8")
    sections = [line[3:].strip() for line in guide.splitlines() if line.startswith("## ")]
    assert sections == ["Preparation", "Timing", "Talking points", "Pair drill", "Debrief questions",
                        "Common pitfalls", "Variations"]
    talking = guide.split("## Talking points")[1].split("## ")[0]
    assert len(re.findall(r"\[\d{2}:\d{2}:\d{2}\]", talking)) >= 10


# every sentence in full, and each rule on both sides (what mutation testing found unchecked)
def attempt(score, mode="solo", loops=1, statement_id="long_specs"):
    return dr.Attempt(mode=mode, statement_id=statement_id if mode == "solo" else "", text="x", score=score, loops=loops)


def test_the_drill_summary_counts_means_and_the_last_score():
    assert dr.drill_summary(dr.RepeatBackLog()) == {"attempts": 0, "mean_score": None, "last_score": None, "mean_loops": None}
    log = dr.RepeatBackLog(history=[attempt(35), attempt(100, "pair", 2), attempt(77), attempt(90, "pair", 3),
                                    attempt(60, "pair", 3)])
    # (35 + 100 + 77 + 90 + 60) / 5 = 72.4; pair loops (2 + 3 + 3) / 3 = 2.67
    assert dr.drill_summary(log) == {"attempts": 5, "mean_score": 72.4, "last_score": 60, "mean_loops": 2.7}


def test_solo_loops_count_the_tries_in_a_row_at_one_statement():
    other = next(s.id for s in fb.content().statements if s.id != "long_specs")
    history = [attempt(50), attempt(50, "pair"), attempt(50), attempt(50, statement_id=other), attempt(50), attempt(60)]
    assert dr.solo_attempt("long_specs", "My specs are long.", history).loops == 3
    assert dr.solo_attempt(other, "My specs are long.", history).loops == 1
    assert dr.solo_attempt("long_specs", "x", []).loops == 1


def test_each_pair_drill_button_at_the_wrong_moment_says_what_to_do():
    drill = dr.PairDrill()
    with pytest.raises(dr.DrillStepError, match="^There is no repeat-back to confirm yet: learner, type what you heard "
                                                "and submit it.$"):
        drill.yes_exactly()
    with pytest.raises(dr.DrillStepError, match="^Type back what you heard first.$"):
        drill.repeat_back("  ", "Your specs are long.")
    first = drill.repeat_back("My specs are long?", "Your specs are long.")
    assert (first.mode, first.loops, drill.state, drill.round.partner_said) == ("pair", 1, "awaiting_partner",
                                                                                 "Your specs are long.")
    with pytest.raises(dr.DrillStepError, match="^Your partner has not answered yet: partner, press “Yes, exactly” or "
                                                "“Not quite”.$"):
        drill.repeat_back("again", "Your specs are long.")
    drill.not_quite()
    assert drill.state == "listening"
    with pytest.raises(dr.DrillStepError):
        drill.not_quite()
    drill.repeat_back("My specs are too long, did I get that right?", "Your specs are long.")
    confirmed = drill.yes_exactly()
    assert (confirmed.loops, drill.loops, drill.state) == (2, 2, "confirmed")
    with pytest.raises(dr.DrillStepError, match="^This round is confirmed. Press “New round” for the next piece of "
                                                "feedback.$"):
        drill.repeat_back("more", "x")
    drill.new_round()
    assert (drill.state, drill.loops, drill.round.partner_said) == ("listening", 0, "")


def test_a_pair_drill_restored_mid_loop_is_a_copy_of_the_saved_round():
    saved = dr.PairRound(state="awaiting_partner", partner_said="Be brief.", attempts=[attempt(40, "pair")])
    drill = dr.PairDrill(saved)
    drill.not_quite()
    assert saved.state == "awaiting_partner" and drill.state == "listening" and drill.loops == 1


def test_the_real_feedback_plan_checks_in_full():
    example = fb.content().example_question
    assert dr.check_real_feedback(dr.RealFeedbackPlan()) == [
        "Name at least one person to ask for real feedback, not formal feedback [00:30:41].",
        "Choose at least one way to make it safe to be honest with you [00:31:53].",
        f"Write the exact question you will ask. For example: “{example}”",
    ]
    managers = dr.RealFeedbackPlan(givers=[dr.Giver(name="Kim", relation="Manager"), dr.Giver(name=" ", relation="Peer")],
                                   safety_own="Go first", question="Any feedback on the launch?", manages_team=True)
    assert dr.check_real_feedback(managers) == [
        "Everyone you named is your manager: that is where formal feedback comes from. Add a peer or someone on your "
        "team for real feedback [00:30:41] (kit's own suggestion).",
        "“any feedback” invites polite, formal answers. Ask about one thing you could do differently.",
        "You manage a team: write how you will thank feedback givers in your next staff meeting [00:34:11].",
    ]
    closed = dr.RealFeedbackPlan(givers=[dr.Giver(name="Kim", relation="Manager"), dr.Giver(name="Lee", relation="Peer")],
                                 safety=["repeat_back"], question="Did I rush the review?", manages_team=True,
                                 staff_thanks="On Monday")
    assert dr.check_real_feedback(closed) == [
        "That question can be answered with yes or no. Start it with “What” or “Which”."]
    assert dr.check_real_feedback(closed.model_copy(update={"question": "What slowed the review down?"})) == []
    assert dr.check_real_feedback(closed.model_copy(update={"question": "Which part of how did I do it hurt?"})) == [
        "“how did i do” invites polite, formal answers. Ask about one thing you could do differently."]


@pytest.mark.parametrize(("word", "stemmed"), [
    ("organisations", "organisat"), ("creation", "creat"), ("effectiveness", "effectiv"), ("payments", "pay"),
    ("management", "manag"), ("kindness", "kind"), ("knowingly", "know"), ("meetings", "meet"), ("running", "run"),
    ("reportedly", "report"), ("stories", "story"), ("copied", "copy"), ("leaders", "lead"), ("leader", "lead"),
    ("interrupted", "interrupt"), ("quickly", "quick"), ("specs", "spec"), ("process", "process"), ("status", "status"),
    ("analysis", "analysis"), ("cats", "cat"), ("bus", "bus"), ("team's", "team"), ("'quoted'", "quot"), ("all", "all"),
    ("tall", "tall"), ("buzz", "buzz"), ("stopped", "stop"), ("shed", "shed"), ("seed", "seed"), ("rated", "rat"),
    ("rates", "rat"), ("free", "fre"), ("ration", "ration"),
])
def test_each_suffix_rule_of_the_stemmer(word, stemmed):
    assert fb.stem(word) == stemmed


@pytest.mark.parametrize(("text", "cue", "said"), [
    ("my specs are too long", "too long", True),
    ("my specs are too very long", "too long", True),  # one word between is allowed
    ("my specs are too very very long", "too long", False),
    ("long, too", "too long", False),  # the order counts
    ("Interrupting people", "interrupts", True),
    ("", "too long", False),
    ("anything", "", False),
])
def test_a_cue_is_mentioned_in_order_with_at_most_one_word_between(text, cue, said):
    assert fb.mentions(text, cue) is said


def test_with_every_answer_not_sure_the_causes_rank_on_their_base_rates():
    ranked = fb.diagnose({})
    assert [(r.id, r.share, r.base_rate) for r in ranked] == [
        ("development_area", 50.0, 50.0), ("advocacy", 16.7, 16.7), ("impatience", 16.7, 16.7), ("no_role", 16.7, 16.7)]
    assert [r.reasons for r in ranked] == [
        ["No answer points here: it ranks on its base rate (50%)."], ["No answer points here: it ranks on its base rate (17%)."],
        ["No answer points here: it ranks on its base rate (17%)."], ["No answer points here: it ranks on its base rate (17%)."]]


def test_a_true_answer_moves_its_cause_and_is_quoted_as_its_reason():
    question = fb.content().stall_questions[0]  # the manager could not explain my best work: advocacy, weight 1
    ranked = {r.id: r for r in fb.diagnose({question.id: 4})}
    # advocacy: 0.1667 * e = 0.4531; the others keep their base rates: 0.4531 / (0.4531 + 0.8333) = 35.2%
    assert ranked["advocacy"].share == 35.2 and ranked["development_area"].share == 38.9
    assert ranked["advocacy"].reasons == [f"“{question.text}”: true {question.cite}"]
    assert {r.id: r.share for r in fb.diagnose({question.id: 3})}["advocacy"] == 24.8  # half a step: e ** 0.5
    assert {r.id: r.share for r in fb.diagnose({question.id: 0})}["advocacy"] == 6.9  # not true: e ** -1, no reason
    assert {r.id: r.reasons for r in fb.diagnose({question.id: 0})}["advocacy"] == [
        "No answer points here: it ranks on its base rate (17%)."]


def test_a_stall_answer_off_the_scale_or_an_unknown_question_is_named():
    with pytest.raises(ValidationError, match="each answer is one of the five choices"):
        fb.PromotionStall(answers={"manager_cannot_explain": 5})
    with pytest.raises(ValidationError, match="each answer is one of the five choices"):
        fb.PromotionStall(answers={"manager_cannot_explain": -1})
    with pytest.raises(ValidationError, match="there is no question 'luck'"):
        fb.PromotionStall(answers={"luck": 2})
    assert fb.PromotionStall(answers={"manager_cannot_explain": 0, "deciders_do_not_see": 4}).answers


def test_an_unrated_superpower_asks_to_be_rated_and_a_rated_one_gets_its_hint():
    [pair] = fb.Shadows(superpowers=["storyteller", "storyteller"]).pairs
    assert (pair.id, pair.superpower, pair.shadow, pair.rating, pair.hint) == (
        "storyteller", "World-class storyteller", "Might struggle with details", "", "Rate how much you use it.")
    [rated] = fb.Shadows(superpowers=["storyteller"], ratings={"storyteller": "too_much"}).pairs
    assert rated.hint == "This is where the shadow lives: might struggle with details."


def test_a_contradiction_names_who_challenges_which_strength_in_full():
    log = fb.ContradictionLog(strengths=["  Great collaborator ", " "], items=[
        fb.FeedbackItem(giver=" ", about=" Pushes until people agree ", strength="great COLLABORATOR"),
        fb.FeedbackItem(giver="Sam", about="Easy to work with", direction="affirms", strength="Great collaborator"),
        fb.FeedbackItem(giver="Kim", about="Ships fast", strength="Excellent at growth"),
    ])
    matrix = fb.find_contradictions(log)
    assert matrix.strengths == ["Great collaborator"] and matrix.items == ["1. someone", "2. Sam", "3. Kim"]
    assert matrix.cells == [["contradicts", "affirms", ""]]
    [found] = matrix.contradictions
    assert (found.item, found.strength) == (0, "Great collaborator")
    assert found.sentence == (
        "Someone challenges “Great collaborator”: “Pushes until people agree”. Do not file it as an anomaly: what "
        "would be true if they were right (kit's own question)? [00:57:30]")
    with pytest.raises(ValidationError, match="keep each strength under"):
        fb.ContradictionLog(strengths=["x" * 201])


def test_a_partners_feedback_becomes_one_key_point_per_clause_cued_by_its_words():
    points = dr.points_from_text("Your specs are too long, and engineers skim them. Cut it to a page!\nFix ux")
    assert [(p.id, p.label, p.cues, p.need) for p in points] == [
        ("p1", "Your specs are too long", ["specs", "long"], 1),  # "your", "are", "too" are stop words
        ("p2", "engineers skim them", ["engineers", "skim", "them"], 1),
        ("p3", "Cut it to a page", ["cut", "page"], 1),
        ("p4", "Fix ux", ["fix"], 1),  # two letters are not a cue
    ]
    four, then = dr.points_from_text("Demos run late weekly, but demos matter")  # ", but" starts a clause
    assert (four.label, four.cues, four.need) == ("Demos run late weekly", ["demos", "run", "late", "weekly"], 2)
    assert (then.label, then.cues, then.need) == ("demos matter", ["demos", "matter"], 1)
    [many] = dr.points_from_text("Planning reviews start late, meetings overrun, decisions slip, engineers wait, "
                                 "customers complain loudly")
    assert len(many.cues) == 13 and many.need == 3  # at most three cues needed
    assert dr.points_from_text("  ... !  ") == []


def test_a_defensive_marker_is_quoted_in_the_words_the_learner_typed():
    assert dr.typed_markers("I did it, to be fair.", ["to_be_fair"]) == ["to be fair"]
    assert dr.typed_markers("In fairness, I was busy", ["to_be_fair"]) == ["in fairness"]
    assert dr.typed_markers("It ran late because I was tired", ["justification"]) == ["because i was"]
    assert dr.typed_markers("nothing of it here", ["justification"]) == ["a justification"]
    assert dr.typed_markers("anything", ["no_such_marker"]) == ["no_such_marker"]


def test_a_pair_repeat_back_is_scored_against_what_the_partner_said():
    drill = dr.PairDrill()
    alone = drill.repeat_back("I heard that my demos run late. Did I get that right?")  # the partner typed nothing
    assert (alone.covered, alone.missed, alone.score, alone.statement_id) == ([], [], 100, "")
    drill.not_quite()
    said = "Your demo was good but the ending dragged."
    echo = drill.repeat_back("My demo was good but the ending dragged. Did I get that right?", said)
    assert echo.defensive == []  # the "but the" is the partner's own
    assert (echo.loops, drill.round.attempts[1].loops, echo.statement_id) == (2, 2, "")


def test_a_round_restored_with_its_attempts_confirms_with_the_loops_it_took():
    saved = dr.PairRound(state="awaiting_partner", attempts=[attempt(40, "pair"), attempt(90, "pair")])
    confirmed = dr.PairDrill(saved).yes_exactly()
    assert (confirmed.score, confirmed.loops) == (90, 2)


def test_a_restored_round_never_changes_the_saved_one():
    saved = dr.PairRound(state="listening", attempts=[attempt(40, "pair")])
    drill = dr.PairDrill(saved)
    drill.repeat_back("My demos run late?", "Your demos run late.")
    assert len(saved.attempts) == 1 and saved.state == "listening" and len(drill.round.attempts) == 2


def test_a_defensive_repeat_back_quotes_the_marker_in_its_tip():
    result = dr.score_statement("long_specs", "To be fair, my specs are long because the deadline was close.")
    assert result.verdict == "defensive" and result.defensive == ["to_be_fair", "justification"]
    assert result.tip == fb.content().tips.defensive.format(marker="to be fair")
    assert "to be fair" in result.tip


def test_an_unknown_statement_is_named():
    with pytest.raises(KeyError, match="no_such_statement"):
        fb.statement("no_such_statement")


def test_your_in_the_partners_words_is_my_in_the_echo_and_not_defensive():
    drill = dr.PairDrill()
    echo = drill.repeat_back("My plan is good but my estimates slip. Did I get that right?",
                             "Your plan is good but your estimates slip.")
    assert echo.defensive == [] and echo.verdict == "good"
    drill.not_quite()
    own = drill.repeat_back("My plan is good but my boss changes it. Did I get that right?", "Your plan is good.")
    assert own.defensive == ["but"]


def test_a_partial_repeat_back_names_the_first_point_it_missed():
    result = dr.score_statement("long_specs", "My specs are too long. Did I get that right?")
    labels = {p.id: p.label for p in fb.statement("long_specs").points}
    assert result.covered == ["specs_too_long"] and result.missed == ["engineers_skim", "key_decisions_missed"]
    assert result.tip == fb.content().tips.missed.format(missing=labels["engineers_skim"])
    assert labels["engineers_skim"] in result.tip


@pytest.mark.parametrize(("model", "value", "sentence"), [
    (fb.Shadows, {"superpowers": ["flying"]}, "choose a superpower from the list"),
    (fb.Shadows, {"superpowers": ["collaborator"], "ratings": {"collaborator": "loud"}}, "choose a rating from the list"),
    (fb.FeedbackItem, {"kind": "gossip"}, "choose a kind of feedback from the list"),
    (dr.RepeatBackLog, {"statement_id": "nope"}, "choose a feedback statement from the list"),
    (dr.Giver, {"relation": "Cousin"}, "choose a relation from the list"),
    (dr.RealFeedbackPlan, {"safety": ["bribe"]}, "choose a way to make it safe from the list"),
])
def test_a_choice_off_its_list_is_refused_with_the_lists_name_from_the_text_pack(model, value, sentence):
    with pytest.raises(ValidationError, match=sentence):
        model.model_validate(value)


def test_a_choice_on_its_list_is_kept():
    answer = fb.Shadows.model_validate({"superpowers": ["collaborator", "collaborator"],
                                        "ratings": {"collaborator": "too_much"}})
    assert answer.superpowers == ["collaborator"] and answer.ratings == {"collaborator": "too_much"}
    assert dr.Giver.model_validate({"relation": "Manager"}).relation == "Manager"
