"""Module 1 exercises driven as a learner would: type, tick, slide; then read the workbook on disk."""

from __future__ import annotations

import base64

import pytest

from careerkit.content import demo_answers
from careerkit.modules import exercise_class, show
from careerkit.modules.versioning.views import EXERCISES
from careerkit.store import session
from careerkit.store.workbook import Workbook
from careerkit.ui.exercise import plain_text
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


def test_roadmap_years_backwards_get_a_sentence_and_the_last_good_roadmap_is_kept(make_workbook):
    book = make_workbook()
    view = exercise_class("versioning.roadmap")(book)
    view.rows.rows[0]["role"].value = "PM"
    view.rows.rows[0]["start_year"].value = 2030  # the end year is still 2028
    assert "it ends (2028) before it starts (2030)" in view.message.value and "Not saved" in view.status.value
    assert reopen(book).get("versioning.roadmap")["versions"][0]["start_year"] == 2026
    view.rows.rows[0]["end_year"].value = 2034
    assert reopen(book).get("versioning.roadmap")["versions"][0]["start_year"] == 2030


def test_a_year_out_of_range_is_not_clamped_but_named(make_workbook):
    book = make_workbook()
    view = exercise_class("versioning.roadmap")(book)
    view.rows.rows[0]["role"].value = "PM"
    view.rows.rows[0]["end_year"].value = 99999
    assert "out of range" in view.message.value and "2100" in view.message.value
    assert view.rows.rows[0]["end_year"].value == "99999"  # what was typed stays in the box
    assert reopen(book).get("versioning.roadmap")["versions"][0]["end_year"] == 2028


@pytest.mark.parametrize("typed", ["1e12", "2.03e3", "2027.5", "20 27", "1_0", ""])
def test_a_year_that_is_not_a_whole_number_gets_a_sentence_and_the_saved_year_is_kept(make_workbook, typed):
    book = make_workbook()
    view = exercise_class("versioning.roadmap")(book)
    view.rows.rows[0]["role"].value = "PM"
    view.rows.rows[0]["end_year"].value = "2030"
    assert reopen(book).get("versioning.roadmap")["versions"][0]["end_year"] == 2030
    view.rows.rows[0]["end_year"].value = typed
    words = plain_text(view.message.value)
    named = f"\u201c{typed}\u201d is not a whole number" if typed else "is empty"
    assert f"Version 1, year in To: {named}: type it in digits" in words, words
    assert "Not saved yet" in view.status.value
    assert view.rows.rows[0]["end_year"].value == typed  # what was typed stays in the box, unchanged
    assert reopen(book).get("versioning.roadmap")["versions"][0]["end_year"] == 2030


def test_the_roadmap_feedback_names_the_version_as_the_learner_sees_it(make_workbook):
    view = exercise_class("versioning.roadmap")(make_workbook())
    view.rows.add_button.click()
    view.rows.rows[1]["role"].value = "Head of Product"
    view.rows.rows[1]["start_year"].value = 2031
    view.rows.rows[1]["end_year"].value = 2029
    words = plain_text(view.message.value)
    assert "Version 2: it ends (2029) before it starts (2031)" in words
    view.rows.rows[1]["end_year"].value = 2033
    view.rows.rows[0]["start_year"].value = 1900
    words = plain_text(view.message.value)
    assert "Version 1, year in From: is out of range" in words
    assert "row" not in words and "Versions" not in words


def test_a_negative_or_huge_salary_is_named_and_the_pay_cut_kept(make_workbook):
    book = make_workbook()
    view = exercise_class("versioning.ex_growth")(book)
    view.base.value, view.market.value = 80_000, 100_000
    assert "effective pay cut of <b>20.0%</b>" in view.message.value
    view.base.value = -5000
    assert "Your base salary: is out of range" in view.message.value and view.base.value == "-5000"
    assert reopen(book).get("versioning.ex_growth")["base_salary"] == 80_000
    view.market.value = 10**12
    assert "Market total pay for your role: is out of range" in view.message.value
    assert reopen(book).get("versioning.ex_growth")["market_total"] == 100_000


@pytest.mark.parametrize("box", ["base", "market", "equity"])
def test_1e12_in_a_pay_box_is_not_read_as_another_number(make_workbook, box):
    """ipywidgets' number box turned a typed "1e12" into 112 and saved it silently: now it gets a sentence."""
    book = make_workbook()
    view = exercise_class("versioning.ex_growth")(book)
    view.base.value, view.market.value, view.equity.value = "80,000", "100000", "5,000"
    saved = reopen(book).get("versioning.ex_growth")
    assert (saved["base_salary"], saved["market_total"], saved["equity_per_year"]) == (80_000, 100_000, 5_000)
    getattr(view, box).value = "1e12"
    words = plain_text(view.message.value)
    assert "\u201c1e12\u201d is not a whole number: type it in digits (commas between thousands are fine)." in words
    assert "Not saved yet: your last saved answer is kept." in plain_text(view.status.value)
    assert getattr(view, box).value == "1e12"
    assert reopen(book).get("versioning.ex_growth") == saved
    getattr(view, box).value = "90,000"
    assert reopen(book).get("versioning.ex_growth")[
        {"base": "base_salary", "market": "market_total", "equity": "equity_per_year"}[box]] == 90_000


def test_the_first_version_is_now_not_new_learning(make_workbook):
    book = make_workbook()
    book.save_answer("versioning.roadmap", {"versions": [
        {"role": "PM", "company": "Acme", "stage": "pre_pmf", "market": "consumer", "start_year": 2020, "end_year": 2022, "learning": "craft"},
        {"role": "Lead", "company": "Beta", "stage": "pre_pmf", "market": "b2b", "start_year": 2022, "end_year": 2024, "learning": "sales"},
    ]})
    check = exercise_class("versioning.promotion_check")(book)
    assert "<td>v1</td><td>PM</td><td>Now</td><td>Where you are now: the start of the roadmap.</td>" in check.flags.value
    assert "<td>v2</td><td>Lead</td><td>New learning</td><td>New learning: a new company.</td>" in check.flags.value


def test_a_horizon_outside_ten_to_twenty_years_gets_the_reminder(make_workbook):
    view = exercise_class("versioning.end_state")(make_workbook())
    view.role.value = "CPO"
    view.horizon.value = 7
    assert "7 years is outside the 10 to 20 the kit suggests (the source names no number" in view.message.value
    assert "the source suggests" not in view.message.value  # the number is the kit's, not the source's
    view.horizon.value = 15
    assert "outside the 10 to 20" not in view.message.value


def test_three_plans_tied_on_every_dial_have_no_highest(make_workbook):
    view = exercise_class("versioning.alternatives")(make_workbook())
    for i, plan in enumerate(view.plans):
        plan["name"].value = f"Plan {'ABC'[i]}"
    assert "Highest overall" not in plain_text(view.message.value)
    assert "'Plan A' and 'Plan B' and 'Plan C' tie" in plain_text(view.message.value)


def test_a_one_version_roadmap_chart_has_whole_years(make_workbook):
    from careerkit.modules.versioning import domain as v
    from careerkit.modules.versioning.charts import roadmap_timeline

    fig = roadmap_timeline(v.Roadmap(versions=[{"role": "PM", "start_year": 2026, "end_year": 2026}]))
    ticks = [t for t in fig.axes[0].get_xticks() if fig.axes[0].get_xlim()[0] <= t <= fig.axes[0].get_xlim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)


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
    assert ("Smoke to fire x Consumer", "smoke_to_fire:consumer") in portfolio.gap.options
    portfolio.gap.value = "smoke_to_fire:consumer"
    assert reopen(book).get("versioning.portfolio")["gap_to_fill"] == "smoke_to_fire:consumer"
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
    assert "Risk: high</b> (the kit's own read)" in view.message.value
    view.stay._boxes["loyalty"].value = True
    assert "no recourse" in view.message.value and "do not cancel it" in view.message.value
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


def test_a_coachs_sentences_reach_the_heading_feedback_field_names_and_chart(make_workbook, tmp_path, monkeypatch):
    """The words are read when shown, not when the module is imported: a coach's file changes what the learner reads."""
    from careerkit.modules.versioning.charts import roadmap_timeline

    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "versioning.text.toml").write_text(
        '[roadmap]\ntitle = "Your versions, one after another"\n'
        'version_tag = "#{number}"\n'
        '[roadmap.problems]\nno_skip_job = "Who is your boss\'s boss?"\n'
        '[roadmap.fields]\nversion = "Step"\nend_year = "Last year"\n'
        '[charts.roadmap_timeline]\ntitle = "Versions by year"\n', encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(coach))
    view = exercise_class("versioning.roadmap")(make_workbook())
    assert view.title == "Your versions, one after another"
    view.rows.add_button.click()
    view.rows.rows[1]["role"].value = "Lead"
    assert "Who is your boss&#x27;s boss?" in view.message.value
    view.rows.rows[1]["end_year"].value = "soon"
    assert "Step 2, last year: \u201csoon\u201d is not a whole number" in plain_text(view.message.value)
    from careerkit.modules.versioning import domain as v

    fig = roadmap_timeline(v.Roadmap(versions=[{"role": "PM", "start_year": 2026, "end_year": 2027}]))
    assert fig.axes[0].get_title() == "Versions by year"
    assert [tick.get_text() for tick in fig.axes[0].get_yticklabels()] == ["#1"]


def test_a_coachs_sentence_with_an_unknown_placeholder_is_named_beside_the_exercise(make_workbook, tmp_path,
                                                                                     monkeypatch):
    """A mistyped {placeholder} in a coach's file says which sentence and what it may use, not an error class."""
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "versioning.text.toml").write_text('[roadmap.problems]\nno_skip_job = "Who is {bos}?"\n', encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(coach))
    view = exercise_class("versioning.roadmap")(make_workbook())
    view.rows.rows[0]["role"].value = "Lead"
    words = plain_text(view.message.value)
    assert "'roadmap.problems.no_skip_job' uses a placeholder it is not given" in words, words
    assert "Something went wrong" not in words and "Traceback" not in words


def test_a_coachs_broken_heading_is_named_and_the_exercise_still_opens(make_workbook, tmp_path, monkeypatch):
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "versioning.text.toml").write_text('[end_state]\ntitle = "Where {you} end"\n', encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(coach))
    view = exercise_class("versioning.end_state")(make_workbook())
    words = plain_text(view.message.value)
    assert "versioning.text.toml" in words and "'end_state.title' uses a placeholder it is not given" in words
    assert "versioning.end_state" in view._repr_mimebundle_()["text/plain"]


def test_a_gap_saved_by_an_older_kit_as_its_words_is_read_as_the_same_gap(make_workbook):
    """careerkit 0.1 saved the gap as its shown text; it opens as the gap it names, and is saved by id from then on."""
    book = make_workbook(answers={"versioning.portfolio": {"gap_to_fill": "Pre-product-market fit x Consumer",
                                                          "plan": "Join a seed-stage start-up"}})
    portfolio = exercise_class("versioning.portfolio")(book)
    assert portfolio.gap.value == "pre_pmf:consumer"
    assert [label for label, gap in portfolio.gap.options if gap == "pre_pmf:consumer"] == [
        "Pre-product-market fit x Consumer"]
    portfolio.plan.value = "Join a seed-stage start-up, soon"
    assert reopen(book).get("versioning.portfolio")["gap_to_fill"] == "pre_pmf:consumer"
