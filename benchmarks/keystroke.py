"""Kernel time per keystroke in every exercise, measured headlessly the way a kernel sees typing.

Each exercise view shown by ``careerkit.show(key)`` is built for the demo participant (answers loaded);
then its first text control's ``value`` is set 30 times, one more character each time, inside a running
asyncio loop, as ipykernel runs comm messages. What a keystroke costs is the time that assignment takes
(observers, validation, the save), as wall time and as this process's CPU time (on a shared machine the
difference is other processes and the disk). Work the view puts off until typing pauses is timed apart.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEYS = 30


def exercise_keys() -> list[str]:
    """Every ``careerkit.show("module.exercise")`` in the shipped notebooks, in teaching order."""
    found: dict[str, None] = {}
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for key in re.findall(r'show\(\\"([a-z0-9_]+\.[a-z0-9_]+)\\"\)', notebook.read_text(encoding="utf-8")):
            found[key] = None
    return list(found)


def first_text(widget):
    """The exercise's first box a learner types words into. A number box is not one: it sends what was typed when
    the learner leaves it (or presses Enter), not on every key, so a keystroke there costs the kernel nothing."""
    import ipywidgets as w

    from careerkit.ui.exercise import NumberBox

    if isinstance(widget, (w.Text, w.Textarea)) and not isinstance(widget, NumberBox) and not widget.disabled:
        return widget
    for child in getattr(widget, "children", ()):
        found = first_text(child)
        if found is not None:
            return found
    return None


async def _type_into(key: str) -> dict | None:
    import careerkit
    from careerkit.ui import exercise as base

    base._running_loop = asyncio.get_running_loop  # this loop plays the kernel's

    view = careerkit.show(key)
    control = first_text(view.box)
    if control is None:
        view.close()
        return None
    start_text = control.value
    times, cpu = [], []
    for n in range(1, KEYS + 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        control.value = start_text + " typed"[: n % 7] + "x" * (n // 7)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        await asyncio.sleep(0)  # the kernel goes back to its loop between two messages
    model = getattr(view, "Model", None)  # plan.ship keeps notes, not one answer
    saved = model is None or view.workbook.get(view.key) == model.model_validate(view.read()).model_dump(mode="json")
    pause = time.perf_counter()
    if hasattr(view, "flush"):
        view.flush()  # what the kernel does when typing pauses: the feedback and chart put off until then
    after_pause = time.perf_counter() - pause
    view.close()
    return {
        "median": statistics.median(times) * 1000,
        "p95": statistics.quantiles(times, n=20)[-1] * 1000,
        "cpu_median": statistics.median(cpu) * 1000,
        "cpu_p95": statistics.quantiles(cpu, n=20)[-1] * 1000,
        "after_pause": after_pause * 1000,
        "saved": saved,
    }


def measure(keys: list[str] | None = None) -> dict[str, dict]:
    """{key: {"median", "p95", "cpu_median", "cpu_p95", "after_pause" (ms), "saved"}} for every exercise with a text control."""
    results = {}
    for key in keys or exercise_keys():
        outcome = asyncio.run(_type_into(key))
        if outcome is not None:
            results[key] = outcome
    return results


if __name__ == "__main__":  # run by run.py in a demo environment; prints the figures as JSON
    import json

    print(json.dumps(measure()))
