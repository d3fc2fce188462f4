"""Module 4 and plan views driven as a learner would: type, tick, slide, press; then read the workbook on disk."""

from __future__ import annotations

import copy
from datetime import date

import pytest

import careerkit as ck
from careerkit.content import demo_answers
from careerkit.modules import exercise_class
from careerkit.store.workbook import Workbook
from careerkit.ui.exercise import plain_text
from shown import assert_shows

DEMO = demo_answers()


def reopen(book: Workbook) -> Workbook:
    return Workbook(book.participant, book.home)


def view(key: str, book: Workbook):
    return exercise_class(key)(book)


# the career line
def test_the_goal_end_starts_from_the_module_1_end_state(make_workbook):
    book = make_workbook("Ana", {"versioning.end_state": DEMO["versioning.end_state"]})
    line = view("act3.career_line", book)
    assert line.goal_end.value == 35 + 15  # default age plus a 15-year horizon
    line.age.value = 31
    saved = reopen(book).get("act3.career_line")
    assert saved["age"] == 31 and saved["goal_end_age"] == 50


def test_the_career_line_saves_redraws_and_says_how_many_years_follow_the_goal(make_workbook):
    book = make_workbook("Ana", {"versioning.roadmap": DEMO["versioning.roadmap"]})
    line = view("act3.career_line", book)
    line.this_year.value = 2026
    line.age.value = 31
    line.start_age.value = 23
    line.act2.value = 34
    line.goal_end.value = 46
    assert reopen(book).get("act3.career_line") == {
        "age": 31, "this_year": 2026, "start_age": 23, "span_years": 65, "act2_age": 34, "act3_age": 50,
        "goal_end_age": 46}
    assert "42 years (65% of your career) come after it" in line.message.value
    assert len(line.output.outputs) == 1 and "image/png" in line.output.outputs[0]["data"]
    again = view("act3.career_line", reopen(book))
    assert (again.age.value, again.goal_end.value) == (31, 46)


def test_1e12_as_this_year_gets_a_sentence_and_the_saved_line_is_kept(make_workbook):
    book = make_workbook()
    line = view("act3.career_line", book)
    line.this_year.value = "2,025"
    assert reopen(book).get("act3.career_line")["this_year"] == 2025
    line.this_year.value = "1e12"
    assert ("This year: \u201c1e12\u201d is not a whole number: type it in digits (commas between thousands "
            "are fine).") in plain_text(line.message.value)
    assert line.this_year.value == "1e12" and "Not saved yet" in line.status.value
    assert reopen(book).get("act3.career_line")["this_year"] == 2025


def test_without_a_roadmap_the_line_points_to_module_1(make_workbook):
    line = view("act3.career_line", make_workbook())
    line.age.value = 40
    assert "Fill in your version roadmap in 01_versioning" in line.message.value


def test_a_coachs_act3_text_file_changes_a_label_a_hint_and_a_feedback_sentence(make_workbook, tmp_path, monkeypatch):
    (tmp_path / "act3.text.toml").write_text(
        '[career_line]\nage = "Your age today"\nno_roadmap = "Your roadmap from 01 goes here."\n'
        '[career_line.feedback]\nage_outside = "Check your start age."\n', encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(tmp_path))
    line = view("act3.career_line", make_workbook())
    assert "<b>Your age today</b>" in line.controls[0].children[0].value
    assert "The age your career started" in line.controls[2].children[0].value  # not in the coach's file: shipped
    line.age.value = 20  # before the career starts at 22
    assert "Check your start age." in line.message.value and "Your roadmap from 01 goes here." in line.message.value
    assert "outside your career span" not in line.message.value


def test_an_error_names_the_arc_and_the_field_as_the_learner_sees_them(make_workbook):
    arcs = view("act3.arcs", make_workbook())
    arcs.columns["giving"]["first_step"].value = "x" * 300
    assert "Arc 2, first step: is too long: keep it under 200 characters." in plain_text(arcs.message.value)


# the rabbit
def test_the_rabbit_check_saves_privately_and_reads_out_gently(make_workbook):
    book = make_workbook()
    rabbit = view("act3.rabbit", book)
    assert "never part of your exported plan" in plain_text(rabbit.controls[3].value)
    rabbit.rabbit.value = "VP Product by 35"
    rabbit.stage.value = "caught"
    rabbit.signs["habits"].value = 3
    saved = reopen(book).get("act3.rabbit")
    assert saved["stage"] == "caught" and saved["signs"]["habits"] == 3
    assert "That deserves some care" in rabbit.message.value
    assert "never run again" in rabbit.message.value
    assert not book.shared_answers()
    assert rabbit.sharing.box not in rabbit.box.children  # nothing to tick: it cannot be shared
    arcs = view("act3.arcs", book)
    assert arcs.sharing.box in arcs.box.children


def test_a_10000_character_paste_keeps_the_last_saved_rabbit(make_workbook):
    book = make_workbook()
    rabbit = view("act3.rabbit", book)
    rabbit.after.value = "Teach"
    rabbit.after.value = "x" * 10_000
    assert "too long" in rabbit.message.value and "Not saved" in rabbit.status.value
    assert reopen(book).get("act3.rabbit")["after"] == "Teach"


# the arcs
def test_arcs_save_forms_gains_energy_and_a_dated_step(make_workbook):
    book = make_workbook()
    arcs = view("act3.arcs", book)
    giving = arcs.columns["giving"]
    giving["forms"]._boxes["volunteering"].value = True
    giving["gains"]["benefit"].value = 9
    giving["energy"].value = 9
    arcs.columns["scaled_economics"]["energy"].value = 2
    giving["first_step"].value = "Volunteer at the code club"
    giving["step_date"].value = date(2099, 3, 1)
    plans = {p["arc"]: p for p in reopen(book).get("act3.arcs")["plans"]}
    assert plans["giving"]["forms"] == ["volunteering"] and plans["giving"]["gains"]["benefit"] == 9
    assert plans["giving"]["step_date"] == "2099-03-01"
    assert "Your energy points towards giving" in arcs.message.value
    assert "more than a year away" in arcs.message.value
    again = view("act3.arcs", reopen(book))
    assert again.columns["giving"]["step_date"].value == date(2099, 3, 1)


# the North Star
def test_html_in_the_north_star_is_shown_as_text(make_workbook):
    book = make_workbook()
    star = view("act3.north_star", book)
    star.sentence.value = "<b>Become CPO</b>"
    assert "<b>Become CPO</b>" not in star.message.value and "&lt;b&gt;" in star.message.value
    assert "a goal that can be caught, like the fake rabbit (kit&#x27;s own, building on [01:05:02])" in star.message.value
    assert reopen(book).get("act3.north_star")["sentence"] == "<b>Become CPO</b>"


def test_a_complete_north_star_is_confirmed(make_workbook):
    star = view("act3.north_star", make_workbook())
    star.sentence.value = "Help new builders ship their first product."
    star.why.value = "Teaching gets better with age."
    star.first_step.value = "Mentor one PM"
    star.step_date.value = date.fromordinal(date.today().toordinal() + 30)
    assert "&#10003;" in star.message.value


# community
def test_community_rows_save_what_each_gives_and_gets(make_workbook):
    book = make_workbook()
    community = view("act3.community", book)
    row = community.rows.rows[0]
    row["name"].value = "Product guild"
    row["kind"].value = "internal"
    row["get_practice"].value = True
    row["give"].value = "A talk"
    community.rows.add_button.click()
    second = community.rows.rows[1]
    second["name"].value = "Skip CPO"
    second["get_not_alone"].value = True
    second["get_safety"].value = True
    second["give"].value = "Answers"
    community.join.value = "Skip CPO"
    saved = reopen(book).get("act3.community")
    assert saved["communities"] == [
        {"name": "Product guild", "kind": "internal", "gets": ["practice"], "give": "A talk"},
        {"name": "Skip CPO", "kind": "external", "gets": ["safety", "not_alone"], "give": "Answers"},
    ]
    assert "This month: <b>Skip CPO</b>" in community.message.value
    community.rows.remove_button.click()
    assert len(reopen(book).get("act3.community")["communities"]) == 1
    again = view("act3.community", reopen(book))
    assert again.rows.rows[0]["get_practice"].value is True


# the plan views
def page_html(overview) -> str:
    """The plan as the learner reads it: every fold of the overview, in order."""
    return "".join(fold.value for fold in overview.page.children)


def test_the_overview_of_an_empty_workbook_links_each_notebook(make_workbook):
    overview = view("plan.overview", make_workbook())
    for notebook in ("01_versioning", "02_lanes", "03_feedback", "04_act3"):
        assert f'<a href="{notebook}.ipynb">' in page_html(overview)
    assert "0 of 5 sections complete" in overview.message.value
    assert "Traceback" not in overview.summary()


def test_the_overview_updates_itself_when_an_answer_is_added(make_workbook):
    book = make_workbook()
    overview = view("plan.overview", book)
    book.save_answer("act3.north_star", {"sentence": "<script>x</script> Help builders"})
    assert "&lt;script&gt;x&lt;/script&gt; Help builders" in page_html(overview)
    assert "<script>" not in page_html(overview)
    assert overview.page.selected_index == 0 and len(overview.page.titles) == 5
    assert "A second North Star: North Star: <script>x</script> Help builders" in overview.summary()


def test_export_writes_files_and_lists_their_paths(make_workbook):
    book = make_workbook("Ana", DEMO)
    export = view("plan.export", book)
    export.formats["pdf"].value = False
    assert export.export()
    assert str(book.home / "plans" / "^ana-career-plan.html") in export.message.value
    assert (book.home / "plans" / "^ana-career-plan.md").is_file()
    assert "4 chart images" in export.message.value


def test_export_gives_a_download_link_for_each_file_and_never_replaces_an_earlier_one(make_workbook):
    import base64
    import re

    book = make_workbook("Ana", DEMO)
    export = view("plan.export", book)
    export.formats["pdf"].value = False
    assert "never replaces an earlier export" in export.message.value
    export.button.click()
    links = dict(re.findall(r'<a class=\'ck-download\' download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', export.message.value))
    assert set(links) == {"^ana-career-plan.html", "^ana-career-plan.zip"}
    page = book.home / "plans" / "^ana-career-plan.html"
    assert base64.b64decode(links["^ana-career-plan.html"]) == page.read_bytes()
    assert "none is replaced" in plain_text(export.message.value)
    first = page.read_bytes()
    export.button.click()
    words = plain_text(export.message.value)
    assert "Export number 2: your earlier exports are kept beside it, nothing was replaced" in words
    assert "Download ^ana-career-plan-2.html" in words and page.read_bytes() == first


def test_export_offers_a_version_as_soon_as_it_is_shipped(make_workbook):
    book = make_workbook("Ana", DEMO)
    export = view("plan.export", book)
    assert [label for _, label in export.which.options] == [""]
    book.ship_version(note="first")
    assert [label for _, label in export.which.options] == ["", "v1"]
    export.which.value = "v1"
    export.formats["md"].value = export.formats["pdf"].value = False
    export.button.click()
    assert [p.name for p in export.result.files] == ["^ana-career-plan-v1.html"]


def test_export_with_no_format_ticked_says_so(make_workbook):
    export = view("plan.export", make_workbook())
    for box in export.formats.values():
        box.value = False
    export.button.click()
    assert "Tick at least one format" in export.message.value


def test_in_demo_runs_export_shows_file_names_only(demo_env):
    export = ck.show("plan.export")
    export.formats["pdf"].value = False
    export.button.click()
    assert "<code>demo-career-plan.html</code>" in export.message.value
    assert str(demo_env) not in export.message.value and "/" not in plain_text(export.message.value)


def test_ship_makes_a_dated_version_and_lists_it(make_workbook):
    book = make_workbook("Ana", DEMO)
    ship = view("plan.ship", book)
    assert "your first will be v1" in ship.table.value
    ship.note.value = "After <my> review"
    ship.button.click()
    versions = reopen(book).versions()
    assert [(v.label, v.note) for v in versions] == [("v1", "After <my> review")]
    assert "Shipped <b>v1</b>" in ship.message.value
    assert "After &lt;my&gt; review" in ship.table.value
    assert ship.note.value == ""


def test_ship_refuses_an_empty_plan_and_a_too_long_note(make_workbook):
    empty = view("plan.ship", make_workbook("Ben"))
    empty.button.click()
    assert "nothing to ship yet" in empty.message.value and reopen(empty.workbook).versions() == []
    book = make_workbook("Ana", DEMO)
    ship = view("plan.ship", book)
    ship.note.value = "x" * 5000
    ship.button.click()
    assert "too long" in ship.message.value and reopen(book).versions() == []


def test_compare_needs_two_versions_then_shows_the_changes(make_workbook):
    book = make_workbook("Ana", DEMO)
    compare = view("plan.compare", book)
    assert "you have 0 versions" in compare.message.value
    book.ship_version(note="one")
    ratings = copy.deepcopy(DEMO["lanes.ratings"])
    ratings["chosen"] = ["team"]
    book.save_answer("lanes.ratings", ratings)
    book.ship_version(note="two")
    assert (compare.older.value, compare.newer.value) == ("v1", "v2")
    assert "lane changed" in compare.message.value
    assert "<td>Lane changed</td><td>Chosen lane</td><td>Growth</td><td>Team expertise</td>" in compare.table.value
    assert len(compare.output.outputs) == 1
    compare.newer.value = "v1"
    compare.button.click()
    assert "Choose two different versions" in compare.message.value


def test_the_demo_compare_view_shows_v1_against_v2(demo_env):
    text = ck.show("plan.compare")._repr_mimebundle_()["text/plain"]
    assert "From v1 to v2: 2 roadmap steps added, 1 dropped; lane changed" in text
    assert "Lane changed | Chosen lane | Crafting | Growth" in text


def test_one_roadmap_step_reads_in_the_singular(make_workbook):
    book = make_workbook("Ana", copy.deepcopy(DEMO))
    book.ship_version(note="one")
    roadmap = copy.deepcopy(DEMO["versioning.roadmap"])
    roadmap["versions"].append({**roadmap["versions"][-1], "role": "Chief Product Officer", "start_year": 2040,
                                "end_year": 2044})
    book.save_answer("versioning.roadmap", roadmap)
    book.ship_version(note="two")
    compare = view("plan.compare", book)
    assert "1 roadmap step added" in compare.message.value and "step(s)" not in compare.message.value


@pytest.mark.parametrize("name", ["career_line", "rabbit", "arcs", "north_star", "community"])
def test_the_demo_participant_sees_every_exercise_filled(demo_env, name):
    exercise = ck.show(f"act3.{name}")
    assert_shows(exercise, DEMO[exercise.key])
    assert "ck-problem" not in exercise.message.value
