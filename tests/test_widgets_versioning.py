"""Module 1 exercises driven as a learner would: type, tick, slide; then read the workbook on disk."""

from __future__ import annotations

import base64

from careerkit import session
from careerkit.content import demo_answers
from careerkit.widgets import exercise_class, show
from careerkit.widgets.base import plain_text
from careerkit.widgets.versioning import EXERCISES
from careerkit.workbook import Workbook
from shown import assert_shows


def reopen(book: Workbook) -> Workbook:
    return Workbook(book.participant, book.home)


def test_end_state_saves_as_the_learner_types_and_is_restored(make_workbook):
    book = make_workbook()
    view = exercise_class("versioning.end_state")(book)
    view.role.value = "C"
    view.role.value = "CPO of a climate company"
    view.horizon.value = 12
    assert reopen(book).get("versioning.end_state")["role"] == "CPO of a climate company"
    again = exercise_class("versioning.end_state")(reopen(book))
    assert (again.role.value, again.horizon.value) == ("CPO of a climate company", 12)
    assert "In 12 years" in again.message.value


def test_a_10000_character_paste_shows_a_message_and_keeps_the_last_saved_answer(make_workbook):
    book = make_workbook()
    view = exercise_class("versioning.end_state")(book)
    view.builder.value = "A builder of teams"
    view.builder.value = "x" * 10_000
    assert "too long" in view.message.value and "ck-problem" in view.message.value
    assert "Not saved" in view.status.value
    assert reopen(book).get("versioning.end_state")["builder"] == "A builder of teams"


def test_html_typed_into_a_field_is_shown_as_text(make_workbook):
    book = make_workbook()
    view = exercise_class("versioning.end_state")(book)
    view.role.value = "<script>alert(1)</script>"
    assert "<script>" not in view.message.value
    assert "&lt;script&gt;" in view.message.value
    assert reopen(book).get("versioning.end_state")["role"] == "<script>alert(1)</script>"


def test_roadmap_rows_add_remove_save_and_plot(make_workbook):
    book = make_workbook()
    view = exercise_class("versioning.roadmap")(book)
    first = view.rows.rows[0]
    first["role"].value = "PM"
    first["start_year"].value = 2020
    first["end_year"].value = 2023
    view.rows.add_button.click()
    view.rows.add_button.click()
    view.rows.rows[1]["role"].value = "Senior PM"
    view.rows.rows[1]["start_year"].value = 2023
    view.rows.rows[1]["end_year"].value = 2025
    view.rows.remove_button.click()
    view.skip_job.value = "VP Product"
    saved = reopen(book).get("versioning.roadmap")
    assert [r["role"] for r in saved["versions"]] == ["PM", "Senior PM"]
    assert "job after next" in view.message.value
    (chart,) = view.output.outputs
    assert base64.b64decode(chart["data"]["image/png"]).startswith(b"\x89PNG")
    restored = exercise_class("versioning.roadmap")(reopen(book))
    assert [r["role"].value for r in restored.rows.rows] == ["PM", "Senior PM"]


def test_roadmap_years_backwards_is_saved_with_a_warning(make_workbook):
    book = make_workbook()
    view = exercise_class("versioning.roadmap")(book)
    view.rows.rows[0]["start_year"].value = 2030
    view.rows.rows[0]["end_year"].value = 2025
    assert "ends (2025) before it starts (2030)" in view.message.value
    assert reopen(book).get("versioning.roadmap")["versions"][0]["start_year"] == 2030


def test_promotion_check_and_portfolio_read_the_saved_roadmap(make_workbook):
    roadmap = {
        "versions": [
            {"role": "PM", "company": "Acme", "stage": "pre_pmf", "market": "consumer", "start_year": 2020, "end_year": 2022, "learning": "craft"},
            {"role": "Senior PM", "company": "Acme", "stage": "pre_pmf", "market": "consumer", "start_year": 2022, "end_year": 2024, "learning": ""},
        ],
        "skip_job": "VP",
    }
    book = make_workbook(answers={"versioning.roadmap": roadmap})
    check = exercise_class("versioning.promotion_check")(book)
    assert "Promotion in place" in check.flags.value
    check.reflection.value = "Own a new market"
    assert "v2" in check.message.value
    portfolio = exercise_class("versioning.portfolio")(book)
    assert "Smoke to fire x Consumer" in [o[1] for o in portfolio.gap.options]
    portfolio.gap.value = "Smoke to fire x Consumer"
    assert reopen(book).get("versioning.portfolio")["gap_to_fill"] == "Smoke to fire x Consumer"
    assert len(portfolio.output.outputs) == 1


def test_promotion_check_without_a_roadmap_says_what_to_do_first(make_workbook):
    view = exercise_class("versioning.promotion_check")(make_workbook())
    assert "Fill in your version roadmap first" in view.flags.value


def test_stay_or_go_ticks_and_sliders_give_a_verdict(make_workbook):
    book = make_workbook()
    view = exercise_class("versioning.stay_or_go")(book)
    view.cost.value = 9
    view.learning.value = 1
    view.story.value = 1
    view.reasons._boxes["slow"].value = True
    assert "Move on" in view.message.value
    assert reopen(book).get("versioning.stay_or_go")["short_term_reasons"] == ["slow"]
    restored = exercise_class("versioning.stay_or_go")(reopen(book))
    assert restored.reasons.read() == ["slow"] and restored.cost.value == 9


def test_alternatives_rate_three_plans_and_plot(make_workbook):
    book = make_workbook()
    view = exercise_class("versioning.alternatives")(book)
    for i, name in enumerate(["Stay", "Switch", "Wild"]):
        view.plans[i]["name"].value = name
    view.plans[2]["likability"].value = 10
    assert "Likability: 'Wild' leads (10/10)" in plain_text(view.message.value)
    assert "Resources: a tie at 5/10 between 'Stay' and 'Switch' and 'Wild'." in plain_text(view.message.value)
    assert "Designing Your Life" in view.controls[1].value  # the outside source is labelled
    assert len(view.output.outputs) == 1
    assert reopen(book).get("versioning.alternatives")["plans"][2]["likability"] == 10


def test_ex_growth_check_reports_risk_and_pay_cut(make_workbook):
    book = make_workbook()
    view = exercise_class("versioning.ex_growth")(book)
    view.signals._boxes["searching_pmf_high_valuation"].value = True
    view.signals._boxes["heavy_acquisition"].value = True
    view.base.value = 120_000
    view.market.value = 160_000
    view.equity.value = 50_000
    assert "Risk: high" in view.message.value
    assert "25.0%" in view.message.value
    assert len(view.output.outputs) == 1
    assert reopen(book).get("versioning.ex_growth")["market_total"] == 160_000


def test_a_saved_answer_from_an_older_exercise_shape_is_kept_and_explained(make_workbook):
    book = make_workbook(answers={"versioning.roadmap": {"versions": "not a list"}})
    view = exercise_class("versioning.roadmap")(book)
    assert "still in your workbook" in view.message.value
    assert book.get("versioning.roadmap") == {"versions": "not a list"}
    view.skip_job.value = "VP"  # answering again keeps the old answer aside
    assert reopen(book).get("versioning.roadmap_previous") == {"versions": "not a list"}
    assert reopen(book).get("versioning.roadmap")["skip_job"] == "VP"


def test_unknown_exercise_names_are_a_sentence(make_workbook):
    import pytest

    from careerkit.errors import CareerkitError

    with pytest.raises(CareerkitError, match="has no exercise 'nope'"):
        show("versioning.nope")
    with pytest.raises(CareerkitError, match="no module"):
        show("astrology.stars")


def test_text_plain_of_an_exercise_summarises_its_feedback(make_workbook):
    book = make_workbook(answers={"versioning.end_state": {"role": "CPO", "builder": "", "horizon_years": 10, "why": ""}})
    bundle = exercise_class("versioning.end_state")(book)._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Your end state (versioning.end_state)\nIn 10 years: CPO")
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_the_demo_participant_sees_every_exercise_filled(demo_env):
    for name, cls in EXERCISES.items():
        view = cls(session.workbook())
        assert_shows(view, demo_answers()[view.key])
        assert "ck-problem" not in view.message.value, name
