"""Domain rules pinned down one by one where mutation testing (``make mutate``) found nothing noticing a change:
the exact sentences a participant reads, and each threshold on both of its sides."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from careerkit.content import demo_answers
from careerkit.modules.act3 import whole_career as cl
from careerkit.modules.lanes import path as cp
from careerkit.modules.lanes import press_release as pr
from careerkit.modules.lanes import story as st
from careerkit.modules.versioning import domain as v

DEMO = demo_answers()
SHIPPED = Path(v.__file__).parents[1]  # src/careerkit/modules: each module's content.toml, as a coach copies it


def coach_content(tmp_path, monkeypatch, module: str, change) -> None:
    """A facilitator's copy of a module's content file (``CAREERKIT_CONTENT``), changed by ``change(text)``."""
    folder = tmp_path / "coach"
    folder.mkdir()
    shipped = (SHIPPED / module / "content.toml").read_text(encoding="utf-8")
    (folder / f"{module}.toml").write_text(change(shipped), encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(folder))

LATERAL = "Short-term reasons like these, even when true, often lead to a lateral move rather than forward [00:07:55]."
PULLS = f"What pulls you out: I dislike my boss. {LATERAL}"


def version(company="A", market="b2b", start=2020, end=2022, learning=""):
    return {"role": "PM", "company": company, "stage": "pre_pmf", "market": market, "start_year": start,
            "end_year": end, "learning": learning}


def roadmap(*versions, skip_job=""):
    return v.Roadmap.model_validate({"versions": list(versions), "skip_job": skip_job})


# module 1: versioning
def test_each_version_is_flagged_as_a_promotion_or_new_learning_with_its_reason():
    flags = v.flag_promotions(roadmap(
        version(learning="x"),
        version(company=" a ", learning="x"),  # the same company however it is typed, and learning already named
        version(learning="y"),
        version(market="consumer"),
        version(company="", market="consumer"),
        version(company="", market="consumer"),  # two unnamed companies are not the same company
    ))
    assert [(f.number, f.kind, f.reason) for f in flags] == [
        (1, "new_learning", "Where you are now: the start of the roadmap."),
        (2, "promotion_in_place", "Same company, stage and market, and no new learning named: a promotion, not a new version."),
        (3, "new_learning", "Same company, stage and market, but you name new learning: make sure the role really changes."),
        (4, "new_learning", "New learning: a new stage or market."),
        (5, "new_learning", "New learning: a new company."),
        (6, "new_learning", "New learning: a new company."),
    ]


def test_a_roadmap_out_of_order_with_no_skip_job_gets_every_sentence():
    with pytest.raises(ValidationError, match=r"it ends \(2021\) before it starts \(2022\); change one of the two years"):
        roadmap(version(start=2022, end=2021), version(start=2020, end=2021))
    roadmap(version(start=2022, end=2022))  # a version of less than a year is not refused
    # the soft check still names a version built without validation (model_construct) that ends before it starts
    backwards = v.Roadmap.model_construct(versions=[v.CareerVersion.model_construct(**version(start=2022, end=2021))],
                                          skip_job="VP")
    assert v.check_roadmap(backwards) == [
        "Add at least two versions: where you are now and where you go next [00:08:11].",
        "v1 ends (2021) before it starts (2022).",
    ]
    assert v.check_roadmap(roadmap(version(start=2022, end=2022), version(start=2020, end=2021))) == [
        "v2 starts before v1: put the versions in the order you will live them.",
        "Your horizon stops at the next job. Add the version after it: think of the job after next [00:08:30].",
        "Name the skip job: your boss's boss's role, and what it would teach you [00:08:30].",
    ]
    assert v.check_roadmap(roadmap()) == ["Add at least two versions: where you are now and where you go next [00:08:11]."]
    three = roadmap(version(), version(start=2022, end=2022), version(start=2022, end=2024), skip_job="VP")  # same-year starts are fine
    assert v.check_roadmap(three) == []


@pytest.mark.parametrize(("learning", "story", "cost", "verdict", "last"), [
    (5, 4, 3, "grit_it_out", PULLS),  # margin 3: just enough to stay
    (4, 4, 3, "close_call", "Neither side is clearly ahead: test it against your end state and skip job before deciding."),
    (2, 2, 3, "close_call", "Neither side is clearly ahead: test it against your end state and skip job before deciding."),
    (3, 2, 4, "move_on", "The cost outweighs what is left to learn: plan the next version deliberately, not as an escape."),
])
def test_stay_or_go_turns_at_a_margin_of_three_either_way(learning, story, cost, verdict, last):
    result = v.weigh_stay_or_go(v.StayOrGo(learning_left=learning, story_value=story, cost=cost,
                                           short_term_reasons=["boss", "not-a-reason"]))
    assert result.verdict == verdict
    assert result.reasons[0] == (f"Learning ahead {learning}/10 and story value {story}/10 against a cost of {cost}/10 "
                                 "(counted twice: it is paid every day). The weighing is the kit's own.")
    assert result.reasons[1] == PULLS and result.reasons[-1] == last
    headlines = {"grit_it_out": "Grit it out: this version still has value for your long-term roadmap [00:08:56].",
                 "close_call": "A close call.", "move_on": "Move on, towards your next version."}
    assert result.headline == headlines[verdict]


SEARCHING = "Still searching for product-market fit at a valuation of hundreds of millions or more [00:18:30] (the kit's weight: 3)"
ACQUISITION = "It takes heavy effort to acquire users: the product has little pull of its own [00:20:58] (the kit's weight: 2)"
LIMBO = ("Not laying people off, not raising a new round, still searching for product-market fit (from the "
         "source's description, not its list of signs) [00:16:30] (the kit's weight: 1)")
KIT_WEIGHTS = ("The weights beside each sign and the low / medium / high read are the kit's own rough guide, not the "
               "source's. (kit's own)")
DEFAULT = ("The source's default: founders can recapitalise or restart, but employees generally have no recourse, and "
           "should consider leaving rather than make a new four-year investment. [00:19:16]")
BESIDE = " Weigh them beside that default: they do not cancel it."


@pytest.mark.parametrize(("signals", "stay", "risk", "reasons"), [
    (["heavy_acquisition"], ["loyalty", "nope"], "medium",  # weight 2: medium starts here
     [ACQUISITION, KIT_WEIGHTS, DEFAULT,
      f"The source's reasons to consider staying hold for you: loyalty to the team [00:21:34].{BESIDE}"]),
    (["quiet_limbo"], ["biggest_role"], "low",  # weight 1; the biggest role alone is half of a paired reason
     [LIMBO, KIT_WEIGHTS, DEFAULT,
      "The source pairs these reasons: it is the biggest role I could get right now and it offers learning I could "
      "not get elsewhere [00:21:34]. One without the other is not one of its reasons to stay."]),
    (["searching_pmf_high_valuation", "heavy_acquisition"], [], "high",  # weight 5: high starts here
     [SEARCHING, ACQUISITION, KIT_WEIGHTS, DEFAULT]),
    (["searching_pmf_high_valuation", "quiet_limbo", "bogus"], ["biggest_role", "unique_learning"], "medium",
     [SEARCHING, LIMBO, KIT_WEIGHTS, DEFAULT,
      "The source's reasons to consider staying hold for you: it is the biggest role I could get right now and it "
      f"offers learning I could not get elsewhere [00:21:34].{BESIDE}"]),
    (["quiet_limbo"], ["biggest_role", "unique_learning", "loyalty"], "low",  # both conditions hold: joined by "or"
     [LIMBO, KIT_WEIGHTS, DEFAULT,
      "The source's reasons to consider staying hold for you: it is the biggest role I could get right now and it "
      f"offers learning I could not get elsewhere; or loyalty to the team [00:21:34].{BESIDE}"]),
    ([], [], "low", ["None of the warning signs ticked."]),
    ([], ["loyalty"], "low",  # no warning sign: the reasons to stay are shown, with nothing to weigh them beside
     ["None of the warning signs ticked.", "The source's reasons to consider staying hold for you: loyalty to the "
      "team [00:21:34]."]),
])
def test_the_ex_growth_risk_and_its_reasons(signals, stay, risk, reasons):
    result = v.assess_ex_growth(v.ExGrowth(signals=signals, stay_reasons=stay, base_salary=150_000, market_total=190_000))
    assert (result.risk, result.reasons) == (risk, reasons)
    assert (result.pay_cut_amount, result.pay_cut_percent) == (40_000, 21.1)


@pytest.mark.parametrize(("base", "market"), [(0, 190_000), (100, 0)])
def test_no_pay_cut_is_worked_out_without_both_salaries(base, market):
    result = v.assess_ex_growth(v.ExGrowth(base_salary=base, market_total=market))
    assert (result.pay_cut_amount, result.pay_cut_percent) == (None, None)


def plan(name, resources, likability, confidence, coherence):
    return {"name": name, "summary": "", "resources": resources, "likability": likability, "confidence": confidence,
            "coherence": coherence}


def test_the_alternatives_name_each_dials_leader_a_tie_and_the_best_overall():
    answer = v.Alternatives.model_validate({"plans": [plan("A", 7, 8, 6, 8), plan("B", 7, 9, 4, 7), plan("C", 6, 6, 9, 5)]})
    assert v.compare_alternatives(answer) == [
        "Resources: a tie at 7/10 between 'A' and 'B'.",
        "Likability: 'B' leads (9/10).",
        "Confidence: 'C' leads (9/10).",
        "Coherence: 'A' leads (8/10).",
        "Highest overall: 'A'. Is it the one you are living now?",
    ]
    unnamed = v.Alternatives.model_validate({"plans": [plan("A", 7, 8, 6, 8), plan(" ", 7, 9, 4, 7), plan("C", 6, 6, 9, 5)]})
    assert v.compare_alternatives(unnamed) == [
        "Name all three plans to compare them: the one you are living, the one if that disappeared, the wild one."]


# module 2: the story, the press release, the path (the demo participant's answers, every sentence checked by hand)
def test_the_demo_story_gets_its_counts_claims_and_messages():
    report = st.check_story(st.CareerStory.model_validate(DEMO["lanes.story"]))
    assert (report.counts.i, report.counts.we, report.counts.hedged, report.counts.quoted_we) == (5, 2, 1, 1)
    assert [(c.i, c.we, c.hedged, c.quoted_we) for c in report.role_counts] == [(2, 2, 0, 0), (3, 0, 1, 1)]
    assert [(c.role_number, c.field, c.claim.kind, c.claim.sentence, c.claim.vague_words, c.claim.suggestion)
            for c in report.claims] == [
        (1, "achieved", "weak_wording", "I helped with various things around launch.", ["helped with", "various"],
         'Replace "helped with" with something specific: the action you took (I wrote, I decided, I led) or the exact '
         "lesson."),
        (2, "achieved", "no_evidence", 'My manager said "we would not have shipped without her".', [],
         "Add a result someone could check: a number (how many, how much, by when), the artefact (the spec, the "
         "launch), or the outcome (what changed for users or the business)."),
    ]
    assert report.messages == [
        '"I" 5 times against "we" 2: you tell your own part [00:24:30].',
        '1 "I think" or "I believe": an opinion, not something you did. Say what you did, or what happened.',
        "2 sentences could be stronger: see the suggestions. Your words are never changed for you.",
    ]


def test_the_press_release_drafted_from_the_demo_story():
    draft = pr.draft_press_release(st.CareerStory.model_validate(DEMO["lanes.story"]), "Growth")
    assert draft.headline == "Product Manager, payments, building world-class expertise in growth"
    assert draft.subheadline == "I launched split payments to 2 markets and cut failed payments by 18% in 2024."
    assert draft.story_so_far == (
        "As Associate PM at A fictional travel start-up: We shipped the mobile checkout. I helped with various things "
        "around launch.\n\nAs Product Manager, payments at Fictional Fintech Ltd: I launched split payments to 2 "
        'markets and cut failed payments by 18% in 2024. My manager said "we would not have shipped without her".')
    assert (draft.quote, draft.quote_by) == ("", "")
    assert draft.whats_next == "Next, I am going deep in one lane: growth [00:24:21]."


def test_the_demo_press_release_as_markdown():
    release = pr.PressRelease.model_validate(DEMO["lanes.press_release"])
    assert pr.check_press_release(release) == []
    assert pr.press_release_markdown(release) == (
        "# Payments PM goes deep on growth for climate-tech\n\n"
        "*I cut failed payments by 18% and launched split payments in 2 markets.*\n\n"
        "## The story so far\n\n"
        "I started as an Associate PM at a travel start-up, where I learned to talk to customers every week.\n\n"
        "At Fictional Fintech I launched split payments and cut failed payments by 18%.\n\n"
        "> “She turns a messy funnel into a plan the whole team can follow.”\n>\n"
        "> — Her manager at Fictional Fintech (fictional)\n\n"
        "## What is next\n\n"
        "I am building world-class growth expertise, first as a senior PM for growth, then leading growth at a "
        "climate-tech company moving from smoke to fire.\n")


def test_the_demo_path_leans_ic_with_each_reason():
    read = cp.read_path(cp.PathAnswer.model_validate(DEMO["lanes.path"]))
    assert (read.fit, read.ic_score, read.manager_score) == ("ic", 8.5, 3.6)
    assert read.headline == "For now, your answers lean to the IC path (8.5 against 3.6)."
    assert read.for_ic == [
        "You enjoy building stuff: shaping and shipping product hands-on (9/10) [00:43:00].",
        "You enjoy going deep in one ambiguity (market, organisational, domain) to become world-class (8/10) [00:41:51].",
        "You do not enjoy writing the documentation about a team's work (3/10) [00:44:00].",
        "You do not enjoy justifying resources and budgets (2/10) [00:44:00].",
        "You do not enjoy planning headcount and making the case for it (3/10) [00:44:00].",
        "The senior IC track keeps you building and lets you go world-class in one ambiguity [00:41:51]; a positive "
        "development for the industry [00:40:46], well established in engineering and design and expected to become a "
        "stronger, more solid career path [00:43:00].",
    ]
    assert read.for_manager == [
        "Managers spend more time on documentation, resource justification and headcount [00:44:00]; the manager side "
        "counts how much you enjoy exactly that (the kit's own scoring)."]
    assert read.cautions == [
        'You help like this: "I teach them how, then let go, like teaching someone to ride a bike". Managing is neither '
        "dividing tasks nor teaching and letting go: it is the sidecar, counsel from a supporting seat [00:37:19]."]
    assert read.experiments == [
        "IC test: Take the hardest open problem in your lane for one quarter and write up what you learned. "
        "(kit's own, building on [00:41:51])",
        "IC test: Ask what the senior IC track looks like where you are (or want to be): levels, scope, who holds it. "
        "(kit's own, building on [00:40:46])",
        "Manager test: Mentor one person for six weeks from the sidecar: they steer, you only counsel. "
        "(kit's own, building on [00:37:19])",
    ]


# module 4: the career line
def test_the_demo_career_line_from_first_job_to_last():
    line = cl.CareerLine.model_validate(DEMO["act3.career_line"])
    timeline = cl.career_timeline(line, DEMO["versioning.roadmap"], DEMO["versioning.end_state"])
    assert (timeline.start, timeline.end, timeline.now, timeline.goal_end) == (23, 88, 31, 46)
    assert [(a.id, a.start, a.end) for a in timeline.acts] == [("act1", 23, 34), ("act2", 34, 50), ("act3", 50, 88)]
    # born in 1995: v1 in 2022 at 27, v2 in 2025 at 30, v3 in 2027 at 32, v4 in 2030 at 35; the end state 15 years on
    assert [(m.label, m.age, m.detail) for m in timeline.milestones] == [
        ("v1", 27, "Product Manager, payments"), ("v2", 30, "Senior Product Manager, growth"),
        ("v3", 32, "Group PM, first B2B product"), ("v4", 35, "Head of Product"),
        ("End state", 46, "Chief Product Officer of a mid-stage climate-tech company")]
    assert (timeline.years_after_goal, timeline.share_after_goal) == (42, 0.646)
    assert cl.read_career_line(line, DEMO["versioning.roadmap"], DEMO["versioning.end_state"]) == [
        "Your career runs from 23 to 88. Your current goal ends at 46: 42 years (65% of your career) come after it "
        "[01:05:50].",
        "That stretch needs a North Star of its own: the work of Act 3 [01:06:05].",
    ]
    assert cl.suggested_goal_end(31, DEMO["versioning.end_state"]) == 46
    assert cl.suggested_goal_end(31, None) is None


def career_line(**changes) -> cl.CareerLine:
    base = {"age": 31, "this_year": 2026, "start_age": 23, "span_years": 65, "act2_age": 34, "act3_age": 50,
            "goal_end_age": 46}  # a career from 23 to 88
    return cl.CareerLine.model_validate(base | changes)


def runs(end, goal_end, years, share):
    return (f"Your career runs from 23 to {end}. Your current goal ends at {goal_end}: {years} years ({share}% of your "
            "career) come after it [01:05:50].")


NORTH_STAR = "That stretch needs a North Star of its own: the work of Act 3 [01:06:05]."
ACTS = "Put the acts in order: Act 2 after your career starts, Act 3 after Act 2, both before it ends."
AGE = "Your age falls outside your career span: check the start age and the span."
PASSED = "Your current goal ended before today: you may have caught your rabbit already (next exercise)."


def span(years):
    return (f"Careers can now span 60 to 70 years. [01:05:50] Yours spans {years}: fine if you chose it; try 60-70 to "
            "see the long view.")


@pytest.mark.parametrize(("changes", "expected"), [
    # the span the source names, 60 to 70 years, on both sides of each end
    ({"span_years": 60}, [runs(83, 46, 37, 62), NORTH_STAR]),
    ({"span_years": 70}, [runs(93, 46, 47, 67), NORTH_STAR]),
    ({"span_years": 59}, [runs(82, 46, 36, 61), NORTH_STAR, span(59)]),
    ({"span_years": 71}, [runs(94, 46, 48, 68), NORTH_STAR, span(71)]),
    # ten years after the goal are a stretch that needs a North Star; nine are not
    ({"goal_end_age": 78}, [runs(88, 78, 10, 15), NORTH_STAR]),
    ({"goal_end_age": 79}, ["Your career runs from 23 to 88. Your current goal ends at 79: 9 years (14% of your career) "
                            "come after it [01:05:50]."]),
    # a goal at the career's start: all of it comes after
    ({"age": 23, "goal_end_age": 23}, [runs(88, 23, 65, 100), NORTH_STAR]),
    # an age at either end of the career is inside it
    ({"age": 88, "goal_end_age": 88}, ["Your career runs from 23 to 88. Your current goal ends at 88: 0 years (0% of "
                                       "your career) come after it [01:05:50]."]),
    ({"age": 22, "goal_end_age": 46}, [runs(88, 46, 42, 65), NORTH_STAR, AGE]),
    ({"age": 89, "goal_end_age": 89}, [runs(88, 88, 0, 0), AGE]),
    # Act 2 after the start, Act 3 after Act 2, both before the end: each "after" is strict
    ({"act2_age": 24, "act3_age": 87}, [runs(88, 46, 42, 65), NORTH_STAR]),
    ({"act2_age": 23}, [runs(88, 46, 42, 65), NORTH_STAR, ACTS]),
    ({"act2_age": 40, "act3_age": 40}, [runs(88, 46, 42, 65), NORTH_STAR, ACTS]),
    ({"act3_age": 88}, [runs(88, 46, 42, 65), NORTH_STAR, ACTS]),
    # a goal ending this year has not passed; last year's has
    ({"goal_end_age": 31}, [runs(88, 31, 57, 88), NORTH_STAR]),
    ({"goal_end_age": 30}, [runs(88, 30, 58, 89), NORTH_STAR, PASSED]),
])
def test_each_line_of_the_career_read_out_on_both_sides_of_its_threshold(changes, expected):
    assert cl.read_career_line(career_line(**changes)) == expected


@pytest.mark.parametrize(("goal_end", "differs"), [(48, False), (44, False), (49, True), (43, True)])
def test_a_goal_more_than_two_years_from_module_1s_end_state_is_questioned(goal_end, differs):
    said = cl.read_career_line(career_line(goal_end_age=goal_end), DEMO["versioning.roadmap"], DEMO["versioning.end_state"])
    question = f"Your module 1 end state is reached at about 46; here your goal ends at {goal_end}. Which one is right?"
    assert (said[-1] == question) is differs and said[:2] == [runs(88, goal_end, 88 - goal_end, round(100 * (88 - goal_end) / 65)), NORTH_STAR]


def test_an_empty_saved_end_state_suggests_no_end_for_the_goal():
    """A module 1 end state saved empty is no end state: no horizon of 15 years is made up for it."""
    assert cl.suggested_goal_end(31, {}) is None
    assert cl.read_career_line(career_line(goal_end_age=60), {}, {}) == [runs(88, 60, 28, 43), NORTH_STAR]


def test_a_single_version_is_never_a_promotion_of_itself():
    [flag] = v.flag_promotions(roadmap(version()))
    assert (flag.kind, flag.reason) == ("new_learning", "Where you are now: the start of the roadmap.")


def test_every_short_term_pull_is_named_one_after_another():
    result = v.weigh_stay_or_go(v.StayOrGo(short_term_reasons=["boss", "title", "slow", "logo"]))
    # pulls sharing a note are named one after another, in the order ticked; each other pull carries its own note
    assert result.reasons[1:4] == [
        f"What pulls you out: I dislike my boss; The company feels too slow. {LATERAL}",
        "What pulls you out: A promotion or a bigger title is on offer. Equating career development with promotion is "
        "another short-term focus [00:09:18]; career growth is a longer arc [00:09:47].",
        "What pulls you out: A more famous logo is on offer. Listing a logo here is the kit's choice. The source says "
        "logos can provide value, especially for executives [00:10:46], and that chasing brands alone can feel "
        "shallow for people who love to build [00:11:20].",
    ]


def test_the_smallest_salaries_still_give_a_pay_cut():
    result = v.assess_ex_growth(v.ExGrowth(base_salary=1, market_total=2))
    assert (result.pay_cut_amount, result.pay_cut_percent) == (1, 50.0)
    same = v.assess_ex_growth(v.ExGrowth(base_salary=1, market_total=1))  # the market pays the same: no cut, said so
    assert (same.pay_cut_amount, same.pay_cut_percent) == (0, 0.0)


def test_the_same_learning_or_company_is_recognised_however_it_is_typed():
    """Case-folded, not lower-cased: "Größe" and "GRÖSSE" name the same learning, "Straße" and "STRASSE" one company."""
    flags = v.flag_promotions(roadmap(version(company="Straße", learning="Größe"),
                                      version(company="STRASSE", learning="GRÖSSE")))
    assert [(f.number, f.kind) for f in flags] == [(1, "new_learning"), (2, "promotion_in_place")]
    assert flags[1].reason == "Same company, stage and market, and no new learning named: a promotion, not a new version."


def test_three_plans_with_the_same_total_are_named_as_a_tie():
    answer = v.Alternatives.model_validate({"plans": [plan("A", 7, 8, 6, 8), plan("B", 8, 7, 6, 8), plan("C", 6, 6, 9, 8)]})
    assert v.compare_alternatives(answer) == [
        "Resources: 'B' leads (8/10).",
        "Likability: 'A' leads (8/10).",
        "Confidence: 'C' leads (9/10).",
        "Coherence: a tie at 8/10 between 'A' and 'B' and 'C'.",
        "Overall, 'A' and 'B' and 'C' tie: which dial would you trade for another?",
    ]
    two = v.Alternatives.model_validate({"plans": [plan("A", 7, 8, 6, 8), plan("B", 8, 7, 6, 8), plan("C", 1, 1, 1, 1)]})
    assert v.compare_alternatives(two)[-1] == "Overall, 'A' and 'B' tie: which dial would you trade for another?"


def test_a_coachs_pull_with_no_note_is_named_on_its_own(tmp_path, monkeypatch):
    """A reason's note is optional in the content: a facilitator's own reason without one reads as a plain sentence."""
    coach_content(tmp_path, monkeypatch, "versioning", lambda text: text + (
        '\n[[short_term_reasons]]\nid = "commute"\nlabel = "The commute is too long"\norigin = "kit"\n'))
    result = v.weigh_stay_or_go(v.StayOrGo(short_term_reasons=["commute", "boss"]))
    assert result.reasons[1:3] == ["What pulls you out: The commute is too long.", PULLS]


def test_every_half_of_a_paired_reason_is_named_whatever_order_the_coach_lists_them(tmp_path, monkeypatch):
    """A coach's file listing loyalty first: loyalty holds, and the half-ticked pair after it is still named."""
    loyalty = '[[stay_reasons]]\nid = "loyalty"\nlabel = "Loyalty to the team"\ngroup = "loyalty"\ntimestamp = "[00:21:34]"\n\n'

    def loyalty_first(text: str) -> str:
        assert loyalty in text
        return text.replace(loyalty, "").replace("[[stay_reasons]]", loyalty + "[[stay_reasons]]", 1)

    coach_content(tmp_path, monkeypatch, "versioning", loyalty_first)
    result = v.assess_ex_growth(v.ExGrowth(stay_reasons=["loyalty", "biggest_role"]))
    assert result.reasons == [
        "None of the warning signs ticked.",
        "The source's reasons to consider staying hold for you: loyalty to the team [00:21:34].",
        "The source pairs these reasons: it is the biggest role I could get right now and it offers learning I could "
        "not get elsewhere [00:21:34]. One without the other is not one of its reasons to stay.",
    ]
