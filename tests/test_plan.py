"""The career plan as a product: assembled leniently, exported safely, shipped and compared as versions."""

from __future__ import annotations

import base64
import copy
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from careerkit.content import demo_answers
from careerkit.modules.plan import domain as pl
from careerkit.modules.plan.charts import compare_chart, plan_charts
from careerkit.modules.plan.export import chart_images, export_plan, md_text, render_html, render_markdown
from careerkit.store import session
from careerkit.store.workbook import PlanVersion, Workbook
from pdftext import page_texts

ROOT = Path(__file__).resolve().parents[1]
DEMO = demo_answers()
SCRIPT = "<script>alert('owned')</script>"
NOTEBOOKS = ["01_versioning.ipynb", "02_lanes.ipynb", "03_feedback.ipynb", "04_act3.ipynb"]


def without(answers: dict, *prefixes: str) -> dict:
    return {k: v for k, v in answers.items() if not k.startswith(prefixes)}


def lines_of(plan: pl.CareerPlan) -> str:
    return "\n".join(line for s in plan.sections for item in s.items for line in item.lines)


# assembling the plan
def test_the_full_demo_participant_has_every_section_filled_in():
    plan = pl.assemble_plan(DEMO, "demo")
    assert [s.status for s in plan.sections] == ["complete"] * 5
    text = lines_of(plan)
    assert "In 15 years: Chief Product Officer of a mid-stage climate-tech company" in text
    assert "v3 2027-2030: Group PM, first B2B product at Imaginary Grid Co" in text
    assert "Chosen lane: Growth" in text
    assert "Payments PM goes deep on growth for climate-tech" in text
    assert "My first move: Ask two peers for real feedback" in text
    assert "North Star: Help a thousand product people build things that cut emissions." in text
    assert "First reinvention step: Mentor two junior PMs from the climate product meetup this spring by 2026-03-31" in text


def test_an_empty_participant_gets_every_gap_named_with_its_notebook():
    plan = pl.assemble_plan({}, "Ana")
    assert plan.is_empty
    assert [s.status for s in plan.sections] == ["missing"] * 5
    assert plan.missing_notebooks() == NOTEBOOKS
    assert "Your version roadmap" in plan.sections[0].missing


def test_a_learner_who_skipped_modules_2_and_3_gets_gaps_not_errors():
    plan = pl.assemble_plan(without(DEMO, "lanes.", "feedback."), "Ana")
    status = {s.id: s.status for s in plan.sections}
    assert status == {"end_state": "complete", "lane": "missing", "story": "missing", "feedback": "missing",
                      "act3": "complete"}
    assert plan.missing_notebooks() == ["02_lanes.ipynb", "03_feedback.ipynb"]


def test_a_partly_answered_module_is_partly_filled_in():
    answers = without(DEMO, "act3.")
    answers["act3.north_star"] = DEMO["act3.north_star"]
    act3 = pl.assemble_plan(answers).sections[-1]
    assert act3.status == "partial"
    assert act3.missing == ["Your whole career on one line", "Two arcs for Act 3", "Your community plan"]


def test_an_answer_of_an_unexpected_shape_is_shown_as_text_not_an_error():
    answers = {"versioning.roadmap": {"versions": "three of them", "skip_job": "VP"}, "lanes.ratings": [1, 2],
               "feedback.shadows": {"superpowers": ["not a power"], "notes": "Be kinder"}}
    plan = pl.assemble_plan(answers)
    text = lines_of(plan)
    assert "Versions: three of them" in text and "Skip job: VP" in text and "Notes: Be kinder" in text


def test_the_private_rabbit_check_never_reaches_the_plan():
    answers = DEMO | {"act3.rabbit": {"rabbit": "SECRET-RABBIT", "stage": "caught", "after": "", "signs": {"habits": 3}}}
    html = render_html(pl.assemble_plan(answers), [])
    assert "SECRET-RABBIT" not in html and "SECRET-RABBIT" not in lines_of(pl.assemble_plan(answers))


def test_chosen_lane_reads_module_2_and_is_none_without_a_valid_pick():
    assert pl.chosen_lane(DEMO) == "Growth"
    assert pl.chosen_lane({}) is None
    assert pl.chosen_lane({"lanes.ratings": {"chosen": ["juggling"]}}) is None


# charts
@pytest.mark.slow  # renders charts or a page: seconds each
def test_the_demo_plan_has_four_charts_in_their_sections():
    assert [(c.section, c.name) for c in plan_charts(DEMO)] == [
        ("end_state", "roadmap"), ("lane", "lanes"), ("act3", "career_line"), ("act3", "arcs")]
    assert plan_charts({}) == []
    assert plan_charts({"versioning.roadmap": {"versions": [{"role": "x", "start_year": "soon"}]}}) == []


@pytest.mark.slow  # renders charts or a page: seconds each
def test_chart_images_are_the_same_bytes_for_the_same_answers():
    first, second = chart_images(DEMO), chart_images(copy.deepcopy(DEMO))
    assert [i.png for i in first] == [i.png for i in second]
    assert all(i.png.startswith(b"\x89PNG") for i in first)


# HTML and Markdown
@pytest.mark.slow  # renders charts or a page: seconds each
def test_the_html_page_is_self_contained():
    page = render_html(pl.assemble_plan(DEMO, "demo"), chart_images(DEMO), exported=date(2026, 1, 15))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<script" not in page and "<link" not in page
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"', page)
    assert len(images) == 4
    assert all(base64.b64decode(data).startswith(b"\x89PNG") for data, _ in images)
    assert "exported 2026-01-15" in page


@pytest.mark.slow  # renders charts or a page: seconds each
def test_a_script_in_an_answer_is_shown_as_text_in_html_and_markdown():
    answers = copy.deepcopy(DEMO)
    answers["act3.north_star"]["sentence"] = SCRIPT
    answers["versioning.roadmap"]["versions"][0]["role"] = '"><img src=x onerror=alert(1)>'
    plan = pl.assemble_plan(answers, "demo")
    page = render_html(plan, chart_images(answers))
    assert SCRIPT not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in page
    markdown = render_markdown(plan)
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown


def test_markdown_escapes_markup_that_would_change_the_page():
    assert md_text("**bold** [link](http://x) `code` | pipe") == r"\*\*bold\*\* \[link\](http://x) \`code\` \| pipe"
    assert md_text("# not a heading") == r"\# not a heading"
    assert md_text("a <b>tag</b> & more") == "a &lt;b&gt;tag&lt;/b&gt; & more"
    assert md_text("P&L owner") == "P&L owner"  # read as typed in the .md file
    assert md_text("&lt;not a tag&gt;") == "&amp;lt;not a tag&amp;gt;"  # an entity typed stays the characters typed


def test_the_empty_plan_page_names_each_notebook_without_linking_outside():
    page = render_html(pl.assemble_plan({}, "Ana"), [])
    for notebook in NOTEBOOKS:
        assert f"<code>{notebook}</code>" in page
    assert "Nothing is in your plan yet" in page
    assert "<a " not in page


# exporting to the learner's folder
@pytest.mark.slow  # renders charts or a page: seconds each
def test_export_writes_html_markdown_and_charts_into_the_workbook_folder(make_workbook):
    book = make_workbook("Ana", DEMO)
    result = export_plan(book, ("html", "md"), exported=date(2026, 1, 15))
    names = sorted(p.relative_to(book.home).as_posix() for p in result.files)
    assert names == [
        "plans/^ana-career-plan-charts/arcs.png", "plans/^ana-career-plan-charts/career_line.png",
        "plans/^ana-career-plan-charts/lanes.png", "plans/^ana-career-plan-charts/roadmap.png",
        "plans/^ana-career-plan.html", "plans/^ana-career-plan.md",
    ]
    markdown = (book.home / "plans" / "^ana-career-plan.md").read_text()
    assert "![Your whole career on one line](^ana-career-plan-charts/career_line.png)" in markdown
    assert not any(ROOT in p.parents for p in result.files)


def test_export_of_an_empty_participant_still_writes_a_page(make_workbook):
    book = make_workbook("Ben")
    result = export_plan(book, ("html", "md"))
    page = (book.home / "plans" / "^ben-career-plan.html").read_text()
    assert "Nothing is in your plan yet" in page and "not started" in page
    assert [p.name for p in result.files] == ["^ben-career-plan.html", "^ben-career-plan.md"]


@pytest.mark.slow  # renders charts or a page: seconds each
def test_without_chromium_the_pdf_note_says_how_to_make_one(make_workbook):
    book = make_workbook("Ana", DEMO)
    result = export_plan(book, ("pdf",), chromium=None)
    assert [p.name for p in result.files] == ["^ana-career-plan.html"]  # kept: it is what can be printed by hand
    assert "No PDF was made" in result.notes[0]
    assert "open ^ana-career-plan.html in your browser and choose Print, then Save as PDF" in result.notes[0]
    assert "install Chromium" in result.notes[0]


@pytest.mark.slow  # renders charts or a page: seconds each
def test_a_browser_that_fails_gives_a_sentence_not_a_traceback(make_workbook, tmp_path):
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n")
    fake.chmod(0o755)
    result = export_plan(make_workbook("Ana", DEMO), ("html", "pdf"), chromium=str(fake))
    assert [p.suffix for p in result.files] == [".html"]
    assert "Chromium made no PDF (cannot open display)" in result.notes[0]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium to print")
def test_with_chromium_the_plan_is_printed_to_pdf(make_workbook):
    book = make_workbook("Ana", DEMO)
    result = export_plan(book, ("pdf",), chromium="/usr/bin/chromium")
    assert result.notes == []
    assert [p.name for p in result.files] == ["^ana-career-plan.pdf"]
    text = " ".join(page_texts(result.files[0]))
    for section in pl.assemble_plan(DEMO, "Ana").sections:  # the reader gets every section, with its answers
        assert section.title in text, section.title
    assert "Chief Product Officer of a mid-stage climate-tech company" in text
    assert "Group PM, first B2B product" in text
    assert not (book.home / "plans" / "^ana-career-plan.html").exists()  # only what was asked for


@pytest.mark.slow  # renders charts or a page: seconds each
def test_a_shipped_version_exports_under_its_own_name(make_workbook):
    book = make_workbook("Ana", DEMO)
    book.ship_version(note="Before the offsite")
    book.save_answer("act3.north_star", {"sentence": "Something new"})
    export_plan(book, ("html",), version="v1")
    page = (book.home / "plans" / "^ana-career-plan-v1.html").read_text()
    assert "Version v1, shipped" in page and "Before the offsite" in page
    assert "Help a thousand product people" in page and "Something new" not in page


# comparing versions, on real snapshots
@pytest.fixture
def two_versions(make_workbook):
    book = make_workbook("Ana", without(DEMO, "act3.", "feedback."))
    book.ship_version(note="first")
    roadmap = copy.deepcopy(DEMO["versioning.roadmap"])
    roadmap["versions"].pop(1)  # drop the promotion in place
    roadmap["versions"].append({"role": "Founder", "company": "Own climate company", "stage": "pre_pmf",
                                "market": "b2b", "start_year": 2034, "end_year": 2040, "learning": "Everything"})
    ratings = copy.deepcopy(DEMO["lanes.ratings"])
    ratings["chosen"] = ["market"]
    ratings["scores"]["market"]["energy"] = 9
    book.save_answer("versioning.roadmap", roadmap)
    book.save_answer("lanes.ratings", ratings)
    book.save_answer("act3.north_star", DEMO["act3.north_star"])
    book.save_answer("act3.rabbit", DEMO["act3.rabbit"] | {"signs": {"habits": 3}})
    book.ship_version(note="second")
    return book


def test_compare_names_steps_added_and_dropped_the_lane_and_ratings(two_versions):
    comparison = pl.compare_versions(two_versions.version("v1"), two_versions.version("v2"))
    assert comparison.steps_added == ["Founder at Own climate company (2034-2040)"]
    assert comparison.steps_dropped == ["Senior Product Manager, growth at Fictional Fintech Ltd (2025-2027)"]
    assert (comparison.lane_before, comparison.lane_after, comparison.lane_changed) == ("Growth", "Market ambiguity", True)
    assert [(m.label, m.before, m.after) for m in comparison.ratings] == [("Rate the lanes › Market ambiguity › Energy", 7, 9)]
    assert comparison.answers_added == ["A second North Star", "The rabbit trap"]
    assert comparison.answers_changed == ["Rate the lanes", "Your version roadmap"]
    kinds = [row.kind for row in comparison.rows()]
    assert kinds == ["Roadmap step added", "Roadmap step dropped", "Lane changed", "Rating moved", "Answered", "Answered",
                     "Edited", "Edited"]


def test_private_self_check_scores_are_not_listed_as_rating_moves(two_versions):
    two_versions.save_answer("act3.rabbit", DEMO["act3.rabbit"] | {"signs": {"habits": 0}})
    two_versions.ship_version(note="third")
    comparison = pl.compare_versions(two_versions.version("v2"), two_versions.version("v3"))
    assert comparison.answers_changed == ["The rabbit trap"]
    assert comparison.ratings == []


def test_years_and_ages_are_not_ratings():
    before = {"act3.career_line": {"age": 31, "act2_age": 34, "span_years": 65},
              "versioning.stay_or_go": {"learning_left": 6, "cost": 4}}
    after = {"act3.career_line": {"age": 32, "act2_age": 36, "span_years": 60},
             "versioning.stay_or_go": {"learning_left": 3, "cost": 4}}
    v1 = PlanVersion(number=1, label="v1", created=datetime(2026, 1, 1, tzinfo=UTC), answers=before)
    v2 = PlanVersion(number=2, label="v2", created=datetime(2026, 2, 1, tzinfo=UTC), answers=after)
    moves = pl.compare_versions(v1, v2).ratings
    assert [(m.label, m.delta) for m in moves] == [("Grit it out or move on? › Learning left", -3)]


def test_comparing_a_version_with_itself_finds_nothing(two_versions):
    same = pl.compare_versions(two_versions.version("v2"), two_versions.version("v2"))
    assert same.unchanged and same.rows() == []


def test_the_compare_chart_is_titled_with_the_two_versions(two_versions):
    fig = compare_chart(pl.compare_versions(two_versions.version("v1"), two_versions.version("v2")))
    assert fig._suptitle.get_text() == "What changed from v1 to v2"
    assert all(ax.get_title() and ax.get_xlabel() and ax.get_ylabel() for ax in fig.axes)


# the demo participant's versions
def test_the_demo_workbook_is_seeded_with_two_dated_versions(demo_env):
    book = session.workbook()
    versions = book.versions()
    assert [(v.label, v.created.date()) for v in versions] == [("v1", date(2025, 6, 2)), ("v2", date(2026, 1, 15))]
    assert not any(k.startswith(("act3.", "feedback.")) for k in versions[0].answers)
    assert versions[1].answers == DEMO == book.values()
    comparison = pl.compare_versions(*versions)
    assert comparison.lane_before == "Crafting" and comparison.lane_after == "Growth"
    assert comparison.steps_dropped == ["Director of Product, payments at Fictional Fintech Ltd (2027-2031)"]


def test_the_versions_file_is_not_read_as_answers():
    assert all(re.match(r"^[a-z0-9_]+\.[a-z0-9_]+$", key) for key in DEMO)


def test_a_demo_version_only_changes_answers_the_demo_has():
    spec = pl.DemoVersion(label="v0", created=datetime(2025, 1, 1, tzinfo=UTC), omit=["a.b"],
                          answers={"a.c": 2, "x.y": 3})
    assert spec.answers_from({"a.b": 1, "a.c": 1, "a.d": 1}) == {"a.c": 2, "a.d": 1}


def test_a_plan_for_a_shipped_version_carries_its_label_and_note(make_workbook):
    book = make_workbook("Ana", DEMO)
    version = book.ship_version(note="Shipped after my review")
    plan = pl.assemble_plan(version.answers, book.participant, version)
    assert (plan.version, plan.note) == ("v1", "Shipped after my review")
    assert isinstance(Workbook("Ana", book.home).version("v1").created, datetime)


# each answer's lines on the one-page plan (the demo participant's, every line checked by hand against modules/*/demo.json)
DEMO_LINES = {
    "versioning.end_state": [
        "In 15 years: Chief Product Officer of a mid-stage climate-tech company",
        "The builder: A builder who takes products from smoke to fire, and grows the people who build them.",
        "Why: I want to build products that matter at scale, and to lead a team I would want to join.",
    ],
    "versioning.roadmap": [
        "v1 2022-2025: Product Manager, payments at Fictional Fintech Ltd. Learning: Craft: shipping at scale with data",
        "v2 2025-2027: Senior Product Manager, growth at Fictional Fintech Ltd",
        "v3 2027-2030: Group PM, first B2B product at Imaginary Grid Co. Learning: Market ambiguity and B2B sales",
        "v4 2030-2034: Head of Product at A pre-PMF climate start-up. Learning: Finding product-market fit; hiring a team",
        "The skip job: VP Product: owning a portfolio, not a product",
    ],
    # growth 6 + (8 + 8.5) / 2 + 8, crafting 7 + (6 + 6.5) / 2 + 5, market 3 + (7 + 7.5) / 2 + 7: the log moves the energy
    "lanes.ratings": [
        "Chosen lane: Growth",
        "Why: Growth work gives me energy every week, and climate-tech companies moving from smoke to fire need it.",
        "Top rated: Growth (22.2/30), Crafting (18.2/30), Market ambiguity (17.2/30)",
    ],
    "lanes.radar": ["Biggest gaps: Growth 6 → 9; Market ambiguity 3 → 5; Team expertise 2 → 4."],
    "lanes.path": ["For now, your answers lean to the IC path (8.5 against 3.6).", "My own leaning: not sure yet."],
    "lanes.story": [
        "Associate PM (A fictional travel start-up). Learned: I learned to talk to customers every week. We found that "
        "people booked on mobile but paid on desktop. Achieved: We shipped the mobile checkout. I helped with various "
        "things around launch.",
        "Product Manager, payments (Fictional Fintech Ltd). Learned: I learned to read a payments funnel, and I think I "
        "learned to say no. Achieved: I launched split payments to 2 markets and cut failed payments by 18% in 2024. My "
        'manager said "we would not have shipped without her".',
    ],
    "lanes.press_release": [
        "Payments PM goes deep on growth for climate-tech",
        "I cut failed payments by 18% and launched split payments in 2 markets.",
        "The story so far: I started as an Associate PM at a travel start-up, where I learned to talk to customers "
        "every week. At Fictional Fintech I launched split payments and cut failed payments by 18%.",
        "Quote: She turns a messy funnel into a plan the whole team can follow. (Her manager at Fictional Fintech "
        "(fictional))",
        "What is next: I am building world-class growth expertise, first as a senior PM for growth, then leading "
        "growth at a climate-tech company moving from smoke to fire.",
    ],
    "feedback.real_feedback": [
        "I will ask: Sam, staff engineer on my team (Peer); Lee, designer (Partner team)",
        "My question: What is one thing I do in planning that makes it harder for you to disagree with me?",
        "To make it safe: Say plainly that nothing bad will come of it, and keep that promise; Repeat back what I hear, "
        "even when it is hard to hear; Ask one to one, away from an audience; Go first: share one thing I already know "
        "I need to improve.",
    ],
    "feedback.repeat_back": ["Repeat-back practice: 5 attempts, the last scored 100/100."],
    "feedback.promotion_stall": [
        "Most likely reason my promotion stalls: An unacknowledged development area (54.8%)",
        "My first move: Ask two peers for real feedback on how I run planning, before my next review cycle in March.",
    ],
    "feedback.shadows": [
        "Excellent at growth: its shadow, might struggle with innovation (I use it too much)",
        "Great collaborator: its shadow, might struggle as a leader, if the collaboration relies on others agreeing with "
        "you (I use it the right amount)",
        "Notes: My CPO said the new-product ideas were all optimisations. That is the growth shadow.",
    ],
    "feedback.contradictions": [  # the CPO and Lee challenge the two strengths
        "2 pieces of feedback challenge a strength I claim: not anomalies [00:57:30].",
        "Reflection: If Lee is right, my collaboration works only when people end up agreeing with me. I will ask Sam "
        "whether he sees it too.",
    ],
    "act3.north_star": [
        "North Star: Help a thousand product people build things that cut emissions.",
        "Why it still moves me at 70: It never runs out: there will always be new builders and new climate problems, "
        "and teaching gets better with age.",
        "First reinvention step: Mentor two junior PMs from the climate product meetup this spring by 2026-03-31",
    ],
    "act3.career_line": [
        "Career from 23 to 88; today 31; the current goal ends at 46, leaving 42 years for Act 3 and beyond."],
    "act3.arcs": [
        "Scaled economics: energy 4/10 (investing). First step: Join one angel syndicate call and read its last three "
        "deal memos by 2026-04-30",
        "Giving: energy 8/10 (content creation, a mission-based company). First step: Publish one post a month on "
        "building climate products by 2026-02-28",
    ],
    "act3.community": [
        "Product guild at Fictional Fintech (internal). I give: Run one session on growth experiments",
        "Climate product builders meetup (external). I give: Give a talk on activation in B2B",
        "Joining this month: Climate product builders meetup (Sign up and go to the February meetup)",
    ],
}


@pytest.mark.parametrize("key", list(DEMO_LINES))
def test_each_demo_answer_reads_on_the_plan_line_by_line(key):
    from careerkit.modules.plan.lines import part_lines

    assert part_lines(key, DEMO[key], DEMO) == DEMO_LINES[key]


def test_every_answer_with_its_own_layout_has_its_lines_checked_above():
    from careerkit.modules.plan.lines import LAYOUTS

    assert set(LAYOUTS) == set(DEMO_LINES)


# the lines of answers the demo does not reach: blanks left out, each optional part on its own
def test_any_saved_value_reads_as_lines_and_blanks_are_left_out():
    from careerkit.modules.plan.lines import generic_lines

    for blank in (None, "", "  ", [], {}, {"a": "", "b": [], "c": {"d": " "}}, [[" "], {"x": ""}], True):
        assert generic_lines(blank) == [], blank
    assert generic_lines(7) == ["7"] and generic_lines(2.5) == ["2.5"] and generic_lines(" a \n  b ") == ["a b"]
    assert generic_lines([{"a": "x", "b": 3, "c": True, "d": ["l"], "e": {"f": "g"}, "h": ""}, "y", True, "", 4]) == [
        "x; 3", "y", "4"]
    assert generic_lines({"first_move": "Ask", "n": 3, "flag": True, "empty": " ", "tags": ["a", 2], "inner": {"deep_key": "z"},
                          "rows": [{"a": "b"}, {"c": "d"}], "mixed": ["a", {"b": "c"}]}) == [
        "First move: Ask", "N: 3", "Tags: a, 2", "Inner: Deep key: z", "Rows: b", "Rows: d", "Mixed: a", "Mixed: c"]
    # a null kept in a list is left out like any blank, never shown as the word "None"
    assert generic_lines(["a", None]) == ["a"]
    assert generic_lines({"ideas": ["a", None], "rows": [{"a": None, "b": "x"}]}) == ["Ideas: a", "Rows: x"]
    assert generic_lines("x" * 600) == ["x" * 600]
    assert generic_lines("x" * 601) == ["x" * 599 + "…"]


def test_each_optional_part_of_an_answer_shows_only_when_it_is_there():
    from careerkit.modules.plan.lines import part_lines

    assert part_lines("versioning.end_state", {"builder": "A builder", "horizon_years": 12}, {}) == ["The builder: A builder"]
    assert part_lines("versioning.end_state", {"role": "CPO", "horizon_years": 12}, {}) == ["In 12 years: CPO"]
    years = {"start_year": 2026, "end_year": 2028}
    versions = [{"role": "", "company": "", "learning": " "} | years, {"role": "PM", "company": "  "} | years,
                {"role": " ", "company": "Acme"} | years]
    assert part_lines("versioning.roadmap", {"versions": versions}, {}) == [
        "v1 2026-2028: (no role)", "v2 2026-2028: PM", "v3 2026-2028: (no role) at Acme"]
    roles = ["not a role", {}, {"role": " ", "company": "", "learned": "", "achieved": ""}, {"company": "Acme"},
             {"role": "PM", "achieved": "I shipped it."}, {"role": "Lead", "learned": "Patience"}]
    assert part_lines("lanes.story", {"roles": roles}, {}) == [
        "A role (Acme)", "PM. Achieved: I shipped it.", "Lead. Learned: Patience"]
    # a story saved in another shape than {"roles": [...]} (a workbook keeps any value) is shown, not dropped
    assert part_lines("lanes.story", [{"role": "PM", "company": "Acme"}], {}) == ["PM; Acme"]
    assert part_lines("lanes.story", "I was a PM at a travel start-up.", {}) == ["I was a PM at a travel start-up."]
    assert part_lines("lanes.story", {"roles": "PM at Acme"}, {}) == ["Roles: PM at Acme"]
    assert part_lines("lanes.story", {"story": "PM, then lead"}, {}) == ["Story: PM, then lead"]
    assert part_lines("lanes.story", {"roles": []}, {}) == []
    # a field saved as null is no text: the role reads as if it were left empty, never as "None"
    nulls = {"role": None, "company": None, "learned": None, "achieved": None}
    assert part_lines("lanes.story", {"roles": [nulls, nulls | {"achieved": "I shipped it."}]}, {}) == [
        "A role. Achieved: I shipped it."]
    assert part_lines("lanes.press_release", {"headline": None, "subheadline": "S", "quote": "Q", "quote_by": None},
                      {}) == ["S", "Quote: Q"]
    story = pl.assemble_plan({"lanes.story": "I was a PM at a travel start-up."}, "Ana").sections[2]
    assert (story.id, story.items[0].label, story.items[0].lines) == (
        "story", "Your career story", ["I was a PM at a travel start-up."])
    assert part_lines("lanes.press_release", {"headline": "H", "quote": "Q", "quote_by": " "}, {}) == ["H", "Quote: Q"]
    assert part_lines("lanes.press_release", {"headline": "H", "quote_by": "Ana"}, {}) == ["H"]
    assert part_lines("lanes.press_release", {"headline": "H", "quote": "Q"}, {}) == ["H", "Quote: Q"]  # said by nobody
    assert part_lines("lanes.press_release", ["H", "S"], {}) == ["H", "S"]
    assert part_lines("act3.north_star", {"first_step": "Call Sam"}, {}) == ["First reinvention step: Call Sam"]
    assert part_lines("act3.north_star", {"sentence": "Teach"}, {}) == ["North Star: Teach"]


def test_arcs_communities_and_lanes_read_with_or_without_their_extras():
    from careerkit.modules.plan.lines import part_lines

    assert part_lines("act3.arcs", {"plans": []}, {}) == [
        "Scaled economics: energy 0/10", "Giving: energy 0/10"]  # an arc not planned yet has no energy
    plans = [{"arc": "giving", "forms": [], "energy": 9, "first_step": "Write a post"}]
    assert part_lines("act3.arcs", {"plans": plans}, {})[1] == "Giving: energy 9/10. First step: Write a post"
    communities = [{"name": " ", "kind": "internal"}, {"name": "Guild", "kind": "external", "give": " "}]
    assert part_lines("act3.community", {"communities": communities, "join": "Guild"}, {}) == [
        "Guild (external)", "Joining this month: Guild"]
    assert part_lines("act3.community", {"communities": [], "join_step": "Ask Sam"}, {}) == []
    ratings = {"scores": {}, "chosen": ["growth", "team"], "why": " "}
    assert part_lines("lanes.ratings", ratings, {}) == ["Lanes picked: Growth, Team expertise"]
    assert part_lines("lanes.ratings", {"scores": {}, "chosen": [], "why": "Because"}, {}) == ["Why: Because"]
    rated = {"scores": {"team": {"evidence": 5, "energy": 5, "opportunity": 5}}}
    bad_log = {"lanes.energy_log": {"entries": "not a list"}}  # a log that is not valid does not move the energy
    assert part_lines("lanes.ratings", rated, bad_log) == [
        "Top rated: Team expertise (15/30), Crafting (0/30), Market ambiguity (0/30)"]
    assert part_lines("lanes.ratings", rated, {}) == [  # no energy log saved at all: the ratings alone
        "Top rated: Team expertise (15/30), Crafting (0/30), Market ambiguity (0/30)"]
    assert part_lines("lanes.path", DEMO["lanes.path"] | {"leaning": "ic"}, {})[1] == "My own leaning: the IC path."
    assert part_lines("lanes.path", DEMO["lanes.path"] | {"leaning": "manager"}, {})[1] == "My own leaning: the manager path."


def test_feedback_answers_read_with_or_without_their_extras():
    from careerkit.modules.plan.lines import part_lines

    plan = {"givers": [{"name": " "}, {"name": "Kim", "relation": "Peer"}], "safety": [], "safety_own": " ",
            "question": " ", "manages_team": True, "staff_thanks": "Thank them on Monday"}
    assert part_lines("feedback.real_feedback", plan, {}) == [
        "I will ask: Kim (Peer)", "Thanking givers in my staff meeting: Thank them on Monday"]
    assert part_lines("feedback.real_feedback", plan | {"manages_team": False}, {}) == ["I will ask: Kim (Peer)"]
    assert part_lines("feedback.real_feedback", {"safety": ["repeat_back"]}, {}) == [
        "To make it safe: Repeat back what I hear, even when it is hard to hear"]
    assert part_lines("feedback.repeat_back", {"history": []}, {}) == []
    assert part_lines("feedback.promotion_stall", {"answers": {}, "first_move": "Ask"}, {}) == ["My first move: Ask"]
    assert part_lines("feedback.shadows", {"superpowers": ["storyteller"], "ratings": {}}, {}) == [
        "World-class storyteller: its shadow, might struggle with details"]
    assert part_lines("feedback.contradictions", {"strengths": ["Great collaborator"], "items": [], "reflection": ""}, {}) == []


def test_an_answer_its_layout_cannot_read_falls_back_to_plain_lines():
    from careerkit.modules.plan.lines import part_lines

    assert part_lines("versioning.roadmap", {"versions": "three", "skip_job": "VP"}, {}) == ["Versions: three", "Skip job: VP"]
    assert part_lines("lanes.ratings", [1, 2], {}) == ["1", "2"]
    assert part_lines("act3.arcs", {"plans": [{"arc": "nope"}]}, {}) == ["Plans: nope"]
    assert part_lines("lanes.path", {"leaning": "both"}, {}) == ["Leaning: both"]
    assert part_lines("elsewhere.note", {"text": "Hi"}, {}) == ["Text: Hi"]


def test_exporting_again_keeps_every_earlier_export(make_workbook):
    book = make_workbook("Ana", DEMO)
    first = export_plan(book, ("html", "md"), exported=date(2026, 1, 15))
    page = (book.home / "plans" / "^ana-career-plan.html").read_bytes()
    book.save_answer("act3.north_star", {"sentence": "A newer North Star"})
    second = export_plan(book, ("html", "md"), exported=date(2026, 1, 16))
    assert (first.number, second.number) == (1, 2)
    assert sorted(p.name for p in second.files if p.suffix != ".png") == ["^ana-career-plan-2.html", "^ana-career-plan-2.md"]
    assert (book.home / "plans" / "^ana-career-plan.html").read_bytes() == page  # the first is untouched
    assert "A newer North Star" in (book.home / "plans" / "^ana-career-plan-2.html").read_text()
    markdown = (book.home / "plans" / "^ana-career-plan-2.md").read_text()
    assert "](^ana-career-plan-2-charts/roadmap.png)" in markdown  # its own charts, not the first export's
    assert export_plan(book, ("pdf",), chromium=None).number == 3


def test_each_export_is_offered_as_a_download_the_markdown_zipped_with_its_charts(make_workbook):
    import io
    import zipfile

    from careerkit.modules.plan.export import downloads

    book = make_workbook("Ana", DEMO)
    result = export_plan(book, ("html", "md"), exported=date(2026, 1, 15))
    offered = {d.name: d for d in downloads(result)}
    assert set(offered) == {"^ana-career-plan.html", "^ana-career-plan.zip"}
    page = offered["^ana-career-plan.html"]
    assert page.mime == "text/html" and page.data == (book.home / "plans" / "^ana-career-plan.html").read_bytes()
    assert page.data_uri.startswith("data:text/html;base64,")
    with zipfile.ZipFile(io.BytesIO(offered["^ana-career-plan.zip"].data)) as archive:
        names = sorted(archive.namelist())
        markdown = archive.read("^ana-career-plan.md").decode()
    assert names == ["^ana-career-plan-charts/arcs.png", "^ana-career-plan-charts/career_line.png",
                     "^ana-career-plan-charts/lanes.png", "^ana-career-plan-charts/roadmap.png", "^ana-career-plan.md"]
    assert all(f"]({name})" in markdown for name in names if name.endswith(".png"))  # the links inside work


@pytest.mark.parametrize("challenges, sentence", [
    (1, "1 piece of feedback challenges a strength I claim: not anomalies [00:57:30]."),
    (2, "2 pieces of feedback challenge a strength I claim: not anomalies [00:57:30]."),
])
def test_the_contradictions_line_counts_in_words(challenges, sentence):
    from careerkit.modules.plan.lines import _contradictions_lines

    log = copy.deepcopy(DEMO["feedback.contradictions"])
    kept = [item for item in log["items"] if item["direction"] == "challenges"][:challenges]
    log["items"] = kept + [item for item in log["items"] if item["direction"] != "challenges"]
    assert _contradictions_lines(log, DEMO)[0] == sentence
