"""Domain rules pinned down one by one where mutation testing (``make mutate``) found nothing noticing a change:
the exact sentences a participant reads, and each threshold on both of its sides."""

from __future__ import annotations

import pytest

from careerkit import versioning as v

PULLS = ("What pulls you out is short-term (I dislike my boss). Such reasons, even when true, often lead to a "
         "lateral move rather than forward [00:07:55].")


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
        (1, "new_learning", "New learning: a new company."),
        (2, "promotion_in_place", "Same company, stage and market, and no new learning named: a promotion, not a new version."),
        (3, "new_learning", "Same company, stage and market, but you name new learning: make sure the role really changes."),
        (4, "new_learning", "New learning: a new stage or market."),
        (5, "new_learning", "New learning: a new company."),
        (6, "new_learning", "New learning: a new company."),
    ]


def test_a_roadmap_out_of_order_with_no_skip_job_gets_every_sentence():
    assert v.check_roadmap(roadmap(version(start=2022, end=2021), version(start=2020, end=2021))) == [
        "v1 ends (2021) before it starts (2022).",
        "v2 starts before v1: put the versions in the order you will live them.",
        "Your horizon stops at the next job. Add the version after it: think of the job after next [00:08:30].",
        "Name the skip job: your boss's boss's role, and what it would teach you [00:08:30].",
    ]
    assert v.check_roadmap(roadmap()) == ["Add at least two versions: where you are now and where you go next [00:08:11]."]
    three = roadmap(version(), version(start=2022, end=2022), version(start=2023, end=2024), skip_job="VP")
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
                                 "(counted twice: it is paid every day).")
    assert result.reasons[1] == PULLS and result.reasons[-1] == last
    headlines = {"grit_it_out": "Grit it out: this version still has value for your long-term roadmap [00:08:56].",
                 "close_call": "A close call.", "move_on": "Move on, towards your next version."}
    assert result.headline == headlines[verdict]


SEARCHING = "Still searching for product-market fit at a valuation of hundreds of millions or more [00:18:30]"
ACQUISITION = "It takes heavy effort to acquire users: the product has little pull of its own [00:20:58]"
LIMBO = "Not laying people off, not raising a new round: quietly waiting [00:16:30]"


@pytest.mark.parametrize(("signals", "stay", "risk", "reasons"), [
    (["heavy_acquisition"], ["loyalty", "nope"], "medium",  # weight 2: medium starts here
     [ACQUISITION, "Reasons to stay that the source accepts: loyalty to the team [00:21:34]."]),
    (["quiet_limbo"], ["biggest_role"], "low", [LIMBO]),  # weight 1, and a low risk needs no reason to stay
    (["searching_pmf_high_valuation", "heavy_acquisition"], [], "high",  # weight 5: high starts here
     [SEARCHING, ACQUISITION, "Employees have no recourse when equity is wiped out; weigh it as a new four-year "
      "investment [00:19:16]."]),
    (["searching_pmf_high_valuation", "quiet_limbo", "bogus"], ["biggest_role", "unique_learning"], "medium",
     [SEARCHING, LIMBO, "Reasons to stay that the source accepts: it is the biggest role I could get right now; it "
      "offers learning I could not get elsewhere [00:21:34]."]),
    ([], [], "low", ["None of the warning signs ticked."]),
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
