"""Module 1 domain rules: roadmap checks, promotion flags, portfolio, stay-or-go, ex-growth."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from careerkit.modules.versioning import domain as v


def version(role="PM", company="Acme", stage="pre_pmf", market="consumer", start=2020, end=2022, learning="x"):
    return v.CareerVersion(role=role, company=company, stage=stage, market=market, start_year=start, end_year=end, learning=learning)


def test_a_roadmap_of_one_version_asks_for_a_second_and_for_the_skip_job():
    problems = v.check_roadmap(v.Roadmap(versions=[version()]))
    assert any("at least two versions" in p for p in problems)
    assert any("skip job" in p for p in problems)


def test_a_roadmap_stopping_at_the_next_job_asks_for_the_job_after_next():
    problems = v.check_roadmap(v.Roadmap(versions=[version(), version(start=2022, end=2024)], skip_job="VP"))
    assert problems == [
        "Your horizon stops at the next job. Add the version after it: think of the job after next [00:08:30]."
    ]


def test_years_running_backwards_are_named_by_version():
    with pytest.raises(ValidationError, match=r"it ends \(2022\) before it starts \(2024\)"):
        version(start=2024, end=2022)
    roadmap = v.Roadmap(
        versions=[version(start=2022, end=2024), version(start=2020, end=2021), version(start=2025, end=2027)],
        skip_job="VP",
    )
    problems = v.check_roadmap(roadmap)
    assert any(p.startswith("v2 starts before v1") for p in problems)


def test_a_good_roadmap_has_no_problems():
    roadmap = v.Roadmap(
        versions=[version(), version(start=2022, end=2025, stage="smoke_to_fire"), version(start=2025, end=2030)],
        skip_job="VP Product",
    )
    assert v.check_roadmap(roadmap) == []


def test_unknown_stage_is_refused_by_the_model():
    with pytest.raises(ValidationError, match="company stage"):
        version(stage="unicorn")


def test_years_out_of_range_are_refused():
    with pytest.raises(ValidationError):
        version(start=1800)


def test_a_promotion_in_place_is_flagged_and_a_new_stage_is_not():
    roadmap = v.Roadmap(
        versions=[
            version(role="PM", learning="craft"),
            version(role="Senior PM", company="acme ", learning=""),  # same company, case and spaces aside
            version(role="Group PM", company="Beta", stage="smoke_to_fire", learning="growth"),
        ]
    )
    kinds = [f.kind for f in v.flag_promotions(roadmap)]
    assert kinds == ["new_learning", "promotion_in_place", "new_learning"]


def test_repeating_old_learning_in_place_is_still_a_promotion():
    roadmap = v.Roadmap(versions=[version(learning="craft"), version(learning="Craft")])
    assert v.flag_promotions(roadmap)[1].kind == "promotion_in_place"


def test_portfolio_counts_years_and_names_gaps():
    roadmap = v.Roadmap(versions=[version(start=2020, end=2023), version(stage="fire_to_great", market="b2b", start=2023, end=2023)])
    portfolio = v.stage_portfolio(roadmap)
    assert portfolio.years["pre_pmf"]["consumer"] == 3
    assert portfolio.years["fire_to_great"]["b2b"] == 1  # a version under a year still counts
    assert len(portfolio.gaps) == 4
    assert "Smoke to fire x Consumer" in portfolio.gaps


@given(st.lists(st.tuples(st.sampled_from(["pre_pmf", "smoke_to_fire", "fire_to_great"]), st.sampled_from(["consumer", "b2b"]), st.integers(0, 10)), max_size=12))
def test_portfolio_gaps_are_exactly_the_empty_cells(items):
    roadmap = v.Roadmap(versions=[version(stage=s, market=m, start=2000, end=2000 + y) for s, m, y in items])
    portfolio = v.stage_portfolio(roadmap)
    covered = {(s, m) for s, m, _ in items}
    assert len(portfolio.gaps) == 6 - len(covered)
    assert sum(sum(row.values()) for row in portfolio.years.values()) == sum(max(y, 1) for *_, y in items)


def test_stay_or_go_verdicts_follow_the_ratings_with_reasons():
    stay = v.weigh_stay_or_go(v.StayOrGo(learning_left=8, story_value=7, cost=3))
    go = v.weigh_stay_or_go(v.StayOrGo(learning_left=1, story_value=2, cost=8, short_term_reasons=["boss"]))
    close = v.weigh_stay_or_go(v.StayOrGo(learning_left=5, story_value=5, cost=5))
    assert (stay.verdict, go.verdict, close.verdict) == ("grit_it_out", "move_on", "close_call")
    assert any("I dislike my boss" in r and "[00:07:55]" in r for r in go.reasons)
    assert all(result.reasons for result in (stay, go, close))


@given(st.integers(0, 10), st.integers(0, 10), st.integers(0, 10))
def test_more_cost_never_makes_staying_more_attractive(learning, story, cost):
    order = {"move_on": 0, "close_call": 1, "grit_it_out": 2}
    low = v.weigh_stay_or_go(v.StayOrGo(learning_left=learning, story_value=story, cost=cost))
    high = v.weigh_stay_or_go(v.StayOrGo(learning_left=learning, story_value=story, cost=min(cost + 1, 10)))
    assert order[high.verdict] <= order[low.verdict]


def test_alternatives_need_three_names_then_name_the_leaders():
    assert "Name all three" in v.compare_alternatives(v.Alternatives())[0]
    plans = v.Alternatives(plans=[
        v.AltPlan(name="A", resources=9, likability=1, confidence=1, coherence=1),
        v.AltPlan(name="B", resources=1, likability=9, confidence=9, coherence=9),
        v.AltPlan(name="C"),
    ])
    lines = v.compare_alternatives(plans)
    assert lines[0] == "Resources: 'A' leads (9/10)."
    assert lines[-1].startswith("Highest overall: 'B'")


def test_alternatives_are_exactly_three():
    with pytest.raises(ValidationError):
        v.Alternatives(plans=[v.AltPlan()])


def test_ex_growth_risk_levels_and_reasons():
    high = v.assess_ex_growth(v.ExGrowth(signals=["searching_pmf_high_valuation", "heavy_acquisition"]))
    assert high.risk == "high"
    assert any("[00:18:30]" in r for r in high.reasons)
    assert any("no recourse" in r for r in high.reasons)
    low = v.assess_ex_growth(v.ExGrowth())
    assert low.risk == "low" and low.reasons == ["None of the warning signs ticked."]
    medium = v.assess_ex_growth(v.ExGrowth(signals=["heavy_acquisition"], stay_reasons=["loyalty"]))
    assert medium.risk == "medium"
    assert any("loyalty to the team" in r for r in medium.reasons)


HIGH = ["searching_pmf_high_valuation", "heavy_acquisition"]
DEFAULT = "generally have no recourse, and should consider leaving"


@pytest.mark.parametrize("stay", [[], ["loyalty"], ["biggest_role"], ["biggest_role", "unique_learning"],
                                  ["biggest_role", "unique_learning", "loyalty"]])
def test_a_ticked_reason_to_stay_never_hides_the_source_default(stay):
    result = v.assess_ex_growth(v.ExGrowth(signals=HIGH, stay_reasons=stay))
    assert result.risk == "high"
    assert any(DEFAULT in r and "[00:19:16]" in r for r in result.reasons)


def test_the_source_pairs_biggest_role_with_unique_learning_and_lets_loyalty_stand_alone():
    loyalty = v.assess_ex_growth(v.ExGrowth(signals=HIGH, stay_reasons=["loyalty"]))
    assert any("reasons to consider staying hold for you: loyalty to the team [00:21:34]" in r
               and "do not cancel it" in r for r in loyalty.reasons)
    both = v.assess_ex_growth(v.ExGrowth(signals=HIGH, stay_reasons=["biggest_role", "unique_learning"]))
    assert any("the biggest role i could get right now and it offers learning i could not get elsewhere" in r.lower()
               and "hold for you" in r for r in both.reasons)
    role_only = v.assess_ex_growth(v.ExGrowth(signals=HIGH, stay_reasons=["biggest_role"]))
    assert not any("hold for you" in r for r in role_only.reasons)
    assert any("The source pairs these reasons" in r and "One without the other" in r for r in role_only.reasons)


def test_the_ex_growth_weights_and_verdict_are_labelled_as_the_kits():
    result = v.assess_ex_growth(v.ExGrowth(signals=["heavy_acquisition"]))
    assert any("the kit's weight: 2" in r for r in result.reasons)
    assert any("kit's own rough guide" in r and "(kit's own)" in r for r in result.reasons)


def test_only_the_source_s_own_examples_are_said_to_lead_to_lateral_moves():
    logo = v.weigh_stay_or_go(v.StayOrGo(short_term_reasons=["logo", "title"]))
    assert not any("[00:07:55]" in r for r in logo.reasons)
    assert any("logos can provide value" in r and "[00:10:46]" in r for r in logo.reasons)
    assert any("another short-term focus [00:09:18]" in r for r in logo.reasons)
    boss = v.weigh_stay_or_go(v.StayOrGo(short_term_reasons=["boss", "slow"]))
    lateral = [r for r in boss.reasons if "[00:07:55]" in r]
    assert len(lateral) == 1 and "I dislike my boss; The company feels too slow" in lateral[0]


def test_equity_calculator_shows_the_effective_pay_cut():
    result = v.assess_ex_growth(v.ExGrowth(base_salary=150_000, market_total=200_000, equity_per_year=80_000))
    assert result.pay_cut_amount == 50_000
    assert result.pay_cut_percent == 25.0
    assert v.assess_ex_growth(v.ExGrowth(base_salary=100)).pay_cut_percent is None


def test_a_portfolio_gap_is_saved_by_id_and_read_by_its_labels_in_the_learners_language(monkeypatch):
    """The gap an answer saves is its stage and market ids; the learner reads their labels, in their language; a
    gap an older kit saved as its words reads as it was saved."""
    from careerkit.modules.versioning import domain as vd

    empty = vd.stage_portfolio(vd.Roadmap(versions=[]))
    assert empty.gap_ids[0] == "pre_pmf:consumer" and len(empty.gap_ids) == 6
    assert empty.gap_labels["pre_pmf:consumer"] == "Pre-product-market fit x Consumer"
    assert vd.gap_label("smoke_to_fire:b2b") == "Smoke to fire x Business-to-business (B2B)"
    assert vd.gap_label("Pre-product-market fit x Consumer") == "Pre-product-market fit x Consumer"
    assert vd.gap_label("pre_pmf:mars") == "pre_pmf:mars"  # a market the content does not have
    assert vd.gap_label("mars:consumer") == "mars:consumer"
    monkeypatch.setenv("CAREERKIT_LANG", "es")
    assert vd.gap_label("pre_pmf:consumer") == "Antes del encaje producto-mercado x Consumo"
