"""The room as a facilitator sees it: distributions only, small groups hidden, private words never shown."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from careerkit.cli import app
from careerkit.errors import CareerkitError
from careerkit.modules import exercise_class
from careerkit.room import cohort, report, sharing

PRIVATE = "PRIVATE-CANARY-91c0"
UNQUOTED = "UNQUOTED-CANARY-55ab"


def save(book, key, value, share=True, quote=False):
    book.save_answer(key, exercise_class(key).Model.model_validate(value).model_dump(mode="json"))
    if share:
        sharing.share(book, key)
    if quote:
        sharing.set_quote(book, key, True)


def reveal_every_quote(room_server) -> None:
    """The facilitator reads each quote its author allowed and shows it."""
    for key, exercise in room_server.facilitator.view(k=2)["exercises"].items():
        for quote in exercise["quotes"]:
            room_server.facilitator.moderate("reveal_quote", key, quote["participant"])


class Source(str):
    """The room's URL, carrying the facilitator's token: what build_report and the CLI are given."""

    token: str


def built(source, k=3):
    return report.build_report(source, k=k, token=source.token)


def cli_report(source, *args):
    return CliRunner().invoke(app, ["report", str(source), "--token", source.token, *args])


@pytest.fixture
def room_source(room_server, make_workbook):
    """An empty room that new workbooks join as they are made."""
    source = Source(room_server.url)
    source.token = room_server.token
    source.server = room_server
    return source


@pytest.fixture
def joined_workbook(make_workbook, room_server):
    def _make(name):
        book = make_workbook(name)
        sharing.join(book, room_server.url, room_server.code)
        return book

    return _make


@pytest.fixture
def room(joined_workbook, room_source):
    """Five people: three pick growth, one crafting, one market. Everyone keeps a private end state."""
    picks = ["growth", "growth", "growth", "crafting", "market"]
    for number, lane in enumerate(picks):
        book = joined_workbook(f"Person {number}")
        why = f"{UNQUOTED} I pick it because it gives me energy" if number == 0 else "It gives me energy every single week"
        save(book, "lanes.ratings", {"chosen": [lane], "why": why}, quote=number != 0)
        save(book, "versioning.end_state", {"role": "CPO", "why": f"{PRIVATE} my private reason"}, share=False)
        if number < 2:  # only two people share their stay-or-go: fewer than k
            save(book, "versioning.stay_or_go", {"notes": "ok"})
    reveal_every_quote(room_source.server)
    return room_source


def lane_distribution(room_report):
    (section,) = [s for s in room_report.sections if s.module == "lanes"]
    (dist,) = section.distributions
    return section, dist


def test_groups_smaller_than_k_are_hidden_and_the_rest_are_counted(room):
    section, dist = lane_distribution(built(room))
    assert dist.respondents == 5
    assert dist.counts["Growth"] == 3
    assert dist.counts["Crafting"] is None and dist.counts["Market ambiguity"] is None
    assert all(count is None or count >= 3 for count in dist.counts.values())


def test_an_exercise_fewer_than_k_people_shared_shows_no_numbers(room):
    room_report = built(room)
    (versioning,) = [s for s in room_report.sections if s.module == "versioning"]
    assert list(versioning.shared.values()) == [None] and versioning.distributions == [] and versioning.quotes == {}


def test_k_is_configurable_but_never_below_two(room):
    _, dist = lane_distribution(built(room, k=2))
    assert dist.counts["Growth"] == 3 and dist.counts["Crafting"] is None  # 1 < 2
    _, strict = lane_distribution(built(room, k=3))
    assert strict.counts["Growth"] == 3
    for bad in (1, 0, -3, True):
        with pytest.raises(CareerkitError, match="at least 2"):
            built(room, k=bad)
    assert built(room, k=6).sections == []  # five people: the whole room is too small


def test_a_lone_hidden_group_is_not_left_recoverable_from_the_total():
    counts = {"a": 10, "b": 5, "c": 2}
    assert report.suppress(counts, 3, "single") == {"a": 10, "b": None, "c": None}
    assert report.suppress(counts, 3, "multi") == {"a": 10, "b": 5, "c": None}  # ticks are not a partition
    assert report.suppress({"a": 10, "b": 5, "c": 0}, 3, "single") == {"a": 10, "b": 5, "c": None}


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.integers(min_value=0, max_value=40), min_size=1, max_size=8),
       st.integers(min_value=2, max_value=6))
def test_suppression_never_shows_a_small_group_nor_a_recoverable_one(counts, k):
    shown = report.suppress(counts, k, "single")
    assert all(value is None or value >= k for value in shown.values())
    hidden = [label for label, value in shown.items() if value is None]
    visible = [label for label, value in shown.items() if value is not None]
    if len(hidden) == 1 and visible:
        assert counts[hidden[0]] == 0  # the total minus the shown groups gives nobody away


def test_private_words_reach_no_room_table_export_or_report(room, tmp_path):
    from careerkit.room.export import export_room

    rows = room.server.facilitator.export()["rows"]
    assert sorted({r["key"] for r in rows}) == ["lanes.ratings", "versioning.stay_or_go"]  # what was shared is there
    assert len(rows) == 7
    table = cohort.collect(room, token=room.token).table
    html = built(room).html()
    export_room(room, room.token, tmp_path / "room.csv")
    assert PRIVATE not in json.dumps(rows) and PRIVATE not in (tmp_path / "room.csv").read_text()
    assert PRIVATE not in table.to_json()
    assert PRIVATE not in html
    out = tmp_path / "report.html"
    assert cli_report(room, "-o", str(out)).exit_code == 0
    assert "The lane each person picked" in out.read_text() and PRIVATE not in out.read_text()


def test_shared_words_appear_only_as_quotes_their_author_allowed(room):
    room_report = built(room)
    section, _ = lane_distribution(room_report)
    assert "It gives me energy" in cohort.collect(room, token=room.token).table.to_json()  # quoted words: there
    assert UNQUOTED not in cohort.collect(room, token=room.token).table.to_json()  # unquoted: emptied by the room
    assert UNQUOTED not in room_report.html()
    assert list(section.quotes.values()) == [["It gives me energy every single week"]]


def test_every_text_in_the_report_is_escaped(joined_workbook, room_source):
    for number in range(3):
        book = joined_workbook(f"P{number}")
        save(book, "lanes.ratings", {"chosen": ["growth"], "why": "<script>alert('x')</script> and <b>bold</b> words here"},
             quote=True)
    reveal_every_quote(room_source.server)
    html = built(room_source).html()
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_a_room_too_small_says_so_and_shows_nothing(joined_workbook, room_source, tmp_path):
    save(joined_workbook("Only one"), "lanes.ratings", {"chosen": ["growth"], "why": "Just me in this room so far"},
         quote=True)
    reveal_every_quote(room_source.server)
    room_report = built(room_source)
    assert room_report.sections == [] and "Fewer than 3 participants" in room_report.html()
    assert "Just me" not in room_report.html()
    result = cli_report(room_source, "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 0 and "fewer than 3 participants" in result.output


def test_the_demo_cohort_shows_every_group_view():
    room_report = report.build_report(report_root() / "workshop" / "demo_cohort" / "room_export.json")
    assert room_report.participants == 24
    titles = {d.title for s in room_report.sections for d in s.distributions}
    assert titles >= {
        "Company stages in the roadmaps", "The lane each person picked", "Most likely cause of a stalled promotion",
        "Superpowers chosen, and their shadows", "Repeat-back drill: each person's mean score",
        "Where each person's Act 3 energy points",
    }
    assert cohort.collect(report_root() / "workshop" / "demo_cohort" / "room_export.json").problems == []


def test_the_demo_cohort_is_what_its_seeded_script_writes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_cohort", report_root() / "workshop" / "demo_cohort" / "make_cohort.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.make_cohort(tmp_path / "room_export.json")
    committed = report_root() / "workshop" / "demo_cohort" / "room_export.json"
    stale = ("the demo cohort is stale: run `.venv/bin/python workshop/demo_cohort/make_cohort.py`, then "
             "`pytest tests/test_dashboard.py --regen-notebooks`")
    assert json.loads(fresh.read_text()) == json.loads(committed.read_text()), stale
    assert "fictional-" not in fresh.read_text()  # even the invented names stay in the room, as keyed hashes
    assert len({r["participant"] for r in json.loads(fresh.read_text())["rows"]}) == 24


def test_careerkit_report_writes_a_self_contained_page(room, tmp_path):
    out = tmp_path / "report.html"
    result = cli_report(room, "--output", str(out), "--k", "2")
    assert result.exit_code == 0, result.output
    assert "5 participants" in result.output
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and "data:image/png;base64," in html
    assert "http://" not in html and "https://" not in html  # opens offline
    bad = cli_report(room, "--k", "1", "-o", str(out))
    assert bad.exit_code == 1 and "at least 2" in bad.output


def report_root():
    from pathlib import Path

    return Path(__file__).resolve().parents[1]
