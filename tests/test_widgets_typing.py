"""Typing into an exercise as the kernel sees it: every keystroke is saved at once, and the feedback and
chart follow once typing pauses. ipykernel handles keystrokes inside its asyncio loop, so these tests type
inside a running asyncio loop standing in for the kernel's; outside a kernel (the other widget tests),
feedback shows at once."""

from __future__ import annotations

import asyncio
import threading

import pytest

from careerkit.modules.versioning import views as versioning
from careerkit.store.workbook import Workbook
from careerkit.ui import exercise as base
from careerkit.ui.exercise import RENDER_DELAY_S, TEXT_LIMIT, plain_text

PAUSE = RENDER_DELAY_S + 0.2


@pytest.fixture
def book(make_workbook) -> Workbook:
    return make_workbook("Ana")


@pytest.fixture
def in_a_kernel(monkeypatch):
    """The loop run_loop starts plays the kernel's event loop."""
    monkeypatch.setattr(base, "_running_loop", asyncio.get_running_loop)


def run_loop(coroutine):
    """asyncio.run in a thread of its own: the browser tests' Playwright may already run a loop in this one."""
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", asyncio.run(coroutine)))
    thread.start()
    thread.join(timeout=60)
    if "value" not in result:
        raise AssertionError("the typing coroutine failed; see the thread's traceback above")
    return result["value"]


def on_disk(book: Workbook, key: str):
    return Workbook(book.participant, book.home).get(key)


def typed(control, text: str) -> None:
    """One keystroke per character, as a text box with continuous_update sends them."""
    for end in range(1, len(text) + 1):
        control.value = text[:end]


def chart_of(view) -> str:
    return view.output.outputs[0]["data"]["image/png"] if view.output.outputs else ""


async def type_a_roadmap(book):
    view = versioning.RoadmapView(book)
    row = view.rows.rows[0]
    before = (view.message.value, view.output.outputs)
    role = "Senior PM"
    for end in range(1, len(role) + 1):
        row["role"].value = role[:end]
        # the answer on disk is never behind the box
        assert on_disk(book, "versioning.roadmap")["versions"][0]["role"] == role[:end]
        await asyncio.sleep(0)
    while_typing = (view.message.value, view.output.outputs)
    await asyncio.sleep(PAUSE)
    return view, before, while_typing


def test_a_learner_types_and_sees_the_chart_and_feedback_after_a_pause(book, in_a_kernel):
    view, before, while_typing = run_loop(type_a_roadmap(book))
    assert while_typing == before  # nothing redrawn between keystrokes
    assert "skip job" in plain_text(view.message.value)  # the roadmap still lacks one
    assert len(view.output.outputs) == 1 and view.output.outputs != before[1]
    # exactly what a fresh view of the saved answer shows: the chart and the feedback are right
    fresh = versioning.RoadmapView(Workbook(book.participant, book.home))
    assert view.message.value == fresh.message.value
    assert chart_of(view) == chart_of(fresh)


async def type_then_break(book):
    view = versioning.RoadmapView(book)
    typed(view.skip_job, "VP Product")
    view.skip_job.value = "x" * (TEXT_LIMIT + 1)  # a paste too long for the box, before the pause
    problem = view.message.value
    await asyncio.sleep(PAUSE)
    return view, problem


def test_a_problem_typed_before_the_pause_is_not_hidden_by_older_feedback(book, in_a_kernel):
    view, problem = run_loop(type_then_break(book))
    assert "too long" in plain_text(problem)
    assert view.message.value == problem
    assert on_disk(book, "versioning.roadmap")["skip_job"] == "VP Product"


async def type_the_skip_job(book):
    view = versioning.RoadmapView(book)
    view.rows.rows[0]["role"].value = "PM"
    view.flush()
    chart = view.output.outputs
    typed(view.skip_job, "VP Product")
    await asyncio.sleep(PAUSE)
    return view, chart


def test_typing_a_field_the_chart_does_not_show_does_not_redraw_it(book, in_a_kernel):
    view, chart = run_loop(type_the_skip_job(book))
    assert view.output.outputs is chart
    assert on_disk(book, "versioning.roadmap")["skip_job"] == "VP Product"


def test_without_an_event_loop_feedback_shows_at_once(book):
    view = versioning.RoadmapView(book)
    typed(view.rows.rows[0]["role"], "PM")
    assert len(view.output.outputs) == 1
    assert view.message.value == versioning.RoadmapView(Workbook(book.participant, book.home)).message.value


def test_a_loop_outside_a_kernel_does_not_delay_feedback(book):
    async def type_in_a_loop():  # e.g. Playwright's sync API runs one in the test's thread
        view = versioning.RoadmapView(book)
        typed(view.rows.rows[0]["role"], "PM")
        return view.message.value, len(view.output.outputs)

    message, charts = run_loop(type_in_a_loop())
    assert message == versioning.RoadmapView(Workbook(book.participant, book.home)).message.value and charts == 1
