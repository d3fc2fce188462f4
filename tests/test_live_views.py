"""Views that show other answers update themselves: no refresh button, in one kernel or across two.

"Another kernel" is another process here: it saves into the same workbook file, and this kernel's
watcher (``live.check_files``, run every POLL_S seconds on a kernel's loop) brings the change to the views.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import ipywidgets as w
import pytest

from careerkit.content import demo_answers
from careerkit.modules import exercise_class
from careerkit.store.workbook import Workbook
from careerkit.ui import live
from careerkit.ui.exercise import plain_text

DEMO = demo_answers()
THREE_VERSIONS = {"versions": [
    {"role": "PM", "company": "Bank", "stage": "fire_to_great", "market": "consumer", "start_year": 2020, "end_year": 2023, "learning": "Payments"},
    {"role": "Senior PM", "company": "Start-up", "stage": "pre_pmf", "market": "b2b", "start_year": 2023, "end_year": 2026, "learning": "Sales"},
    {"role": "Group PM", "company": "Scale-up", "stage": "smoke_to_fire", "market": "b2b", "start_year": 2026, "end_year": 2030, "learning": "Managing"},
], "skip_job": "VP Product"}


def show(key: str, book: Workbook):
    return exercise_class(key)(book)


def in_another_kernel(book: Workbook, code: str) -> None:
    """Run ``code`` with ``book`` bound to the same workbook, in a separate Python process."""
    script = f"from careerkit.store.workbook import Workbook\nbook = Workbook({book.participant!r}, {str(book.home)!r})\n{code}"
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


def buttons(view) -> list[str]:
    found, todo = [], [view.box]
    while todo:
        widget = todo.pop()
        if isinstance(widget, w.Button):
            found.append(widget.description)
        todo += list(getattr(widget, "children", ()))
    return found


def test_the_portfolio_follows_the_roadmap_typed_above_it(make_workbook):
    book = make_workbook()
    roadmap, portfolio = show("versioning.roadmap", book), show("versioning.portfolio", book)
    assert len(portfolio._portfolio.gaps) == 6  # no roadmap yet: every stage and market is a gap
    roadmap.fill(THREE_VERSIONS)
    roadmap.submit()
    assert portfolio._portfolio.gaps != [] and len(portfolio._portfolio.gaps) < 6
    assert "Gaps in your roadmap" in portfolio.message.value
    assert portfolio.gap.options[1:] == tuple(zip(portfolio._portfolio.gaps, portfolio._portfolio.gap_ids, strict=True))
    assert book.get("versioning.portfolio") is None  # following the roadmap saves nothing of its own


def test_a_chosen_gap_stays_chosen_when_the_roadmap_fills_it(make_workbook):
    book = make_workbook()
    portfolio = show("versioning.portfolio", book)
    gap = portfolio._portfolio.gap_ids[0]
    portfolio.gap.value = gap
    book.save_answer("versioning.roadmap", THREE_VERSIONS)
    assert portfolio.gap.value == gap and book.get("versioning.portfolio")["gap_to_fill"] == gap


def test_the_promotion_check_follows_the_roadmap_without_a_button(make_workbook):
    book = make_workbook()
    check = show("versioning.promotion_check", book)
    assert "Fill in your version roadmap first" in check.flags.value
    assert buttons(check) == []
    book.save_answer("versioning.roadmap", THREE_VERSIONS)
    assert "<td>v3</td><td>Group PM</td>" in check.flags.value


def test_the_lane_ranking_and_radar_follow_the_log_and_the_ratings(make_workbook):
    book = make_workbook("Ana", {"lanes.ratings": DEMO["lanes.ratings"]})
    ratings, radar = show("lanes.ratings", book), show("lanes.radar", book)
    assert "Re-read my energy log" not in buttons(ratings)
    assert "Your energy log" not in plain_text(ratings.message.value)
    book.save_answer("lanes.energy_log", DEMO["lanes.energy_log"])
    assert "Your energy log" in plain_text(ratings.message.value)
    picked = dict(DEMO["lanes.ratings"], chosen=["team"])
    book.save_answer("lanes.ratings", picked)
    assert radar._picture_basis.endswith(repr(["team"]))


def test_the_career_line_follows_the_roadmap_and_the_north_star(make_workbook):
    book = make_workbook("Ana", {"act3.career_line": DEMO["act3.career_line"]})
    line = show("act3.career_line", book)
    assert "Fill in your version roadmap" in line.message.value
    book.save_answer("versioning.roadmap", DEMO["versioning.roadmap"])
    assert "Fill in your version roadmap" not in line.message.value


def test_the_plan_views_follow_every_ship_without_a_button(make_workbook):
    book = make_workbook("Ana", copy.deepcopy(DEMO))
    compare, export = show("plan.compare", book), show("plan.export", book)
    ship, overview = show("plan.ship", book), show("plan.overview", book)
    for view in (compare, export, overview):
        assert not any("Re-read" in b or "Refresh" in b for b in buttons(view))
    ship.button.click()
    assert "you have 1 version)" in compare.message.value
    assert [label for _, label in export.which.options] == ["", "v1"]
    ratings = copy.deepcopy(DEMO["lanes.ratings"])
    ratings["chosen"] = ["team"]
    book.save_answer("lanes.ratings", ratings)
    assert "Team expertise" in overview.summary()
    ship.button.click()
    assert (compare.older.value, compare.newer.value) == ("v1", "v2")
    assert "lane changed" in compare.message.value
    assert [label for _, label in export.which.options] == ["", "v1", "v2"]


def test_an_answer_saved_in_another_kernel_reaches_the_views_here(make_workbook):
    book = make_workbook()
    check, portfolio, overview = (show(k, book) for k in ("versioning.promotion_check", "versioning.portfolio", "plan.overview"))
    compare = show("plan.compare", book)
    live.check_files()  # nothing changed yet: nothing to do
    plan_before = overview.summary()
    in_another_kernel(book, f"book.save_answer('versioning.roadmap', {json.dumps(THREE_VERSIONS)})\nbook.ship_version()")
    assert "Group PM" not in check.flags.value  # not yet looked at
    live.check_files()
    assert "<td>v3</td><td>Group PM</td>" in check.flags.value
    assert len(portfolio._portfolio.gaps) < 6
    assert overview.summary() != plan_before and "Senior PM" in overview.plan.model_dump_json()
    assert "you have 1 version)" in compare.message.value


def test_a_view_shown_again_replaces_the_old_one_and_a_closed_view_stops_following(make_workbook):
    book = make_workbook()
    old, new = show("versioning.promotion_check", book), show("versioning.promotion_check", book)
    other = show("versioning.portfolio", book)
    other.close()
    book.save_answer("versioning.roadmap", THREE_VERSIONS)
    assert "Group PM" in new.flags.value
    assert "Group PM" not in old.flags.value
    assert len(other._portfolio.gaps) == 6


def test_a_failing_view_never_stops_a_save(make_workbook, monkeypatch):
    book = make_workbook()
    check = show("versioning.promotion_check", book)
    monkeypatch.setattr(check, "reread", lambda: 1 / 0)
    book.save_answer("versioning.roadmap", THREE_VERSIONS)
    assert book.get("versioning.roadmap") == THREE_VERSIONS
    assert "Something went wrong" in check.message.value


@pytest.mark.parametrize("key", ["versioning.promotion_check", "lanes.ratings", "plan.export", "plan.compare", "plan.overview"])
def test_no_refresh_button_is_left(make_workbook, key):
    assert not [b for b in buttons(show(key, make_workbook())) if "Re-read" in b or "Refresh" in b]


@pytest.mark.slow
def test_in_a_real_kernel_a_save_from_another_notebook_shows_within_seconds(make_workbook):
    """The watcher runs on the kernel's own loop: no cell needs to run for the view to update."""
    import time

    from jupyter_client.manager import start_new_kernel

    book = make_workbook()
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        def run(code: str) -> str:
            out: list[str] = []
            client.execute_interactive(code, output_hook=lambda m: out.append(m["content"].get("text", "")), timeout=60)
            return "".join(out)

        run(f"from careerkit.store.workbook import Workbook\nfrom careerkit.modules import show\n"
            f"check = show('versioning.promotion_check', Workbook('Ana', {str(book.home)!r}))")
        book.save_answer("versioning.roadmap", THREE_VERSIONS)  # this process is the other notebook
        time.sleep(live.POLL_S * 2)  # the kernel is idle: only its loop's watcher can pick the change up
        assert "Group PM" in run("print(check.flags.value)")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
