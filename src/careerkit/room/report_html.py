"""HTML for the cohort report and dashboard. Every piece of text is escaped, including the kit's own labels."""

from __future__ import annotations

import base64
from html import escape

from careerkit.room.charts import Chart, distribution_chart

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
.ck-room table { border-collapse: collapse; margin: 0.4rem 0 1rem; }
.ck-room th, .ck-room td { border-bottom: 1px solid #ddd; padding: 2px 10px; text-align: left; }
.ck-room td.n { text-align: right; font-variant-numeric: tabular-nums; }
.ck-room .hidden { color: #777; font-style: italic; }
.ck-room .note, .ck-room .source { color: #555; font-size: 90%; }
.ck-room blockquote { border-left: 3px solid #0072B2; margin: 0.3rem 0; padding: 0.1rem 0.8rem; }
.ck-room img { max-width: 100%; }
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _count(count: int | None, k: int) -> str:
    return f"<td class='n hidden'>fewer than {k}</td>" if count is None else f"<td class='n'>{count}</td>"


def charts(section) -> list[Chart]:
    """One chart per distribution in a section, each with alt text naming what it shows."""
    return [
        Chart(distribution_chart(d, section.k), f"Chart: {d.title} ({d.respondents} participants)")
        for d in section.distributions
    ]


def distribution_html(dist, k: int, chart: Chart | None = None) -> str:
    rows = "".join(f"<tr><td>{e(label)}</td>{_count(count, k)}</tr>" for label, count in dist.counts.items())
    image = ""
    if chart is not None:
        data = base64.b64encode(chart.png()).decode("ascii")
        image = f"<img src='data:image/png;base64,{data}' alt='{e(chart.alt)}'>"
    source = f" <span class='source'>{e(dist.source)}</span>" if dist.source else ""
    note = f"<p class='note'>{e(dist.note)}</p>" if dist.note else ""
    return (
        f"<h4>{e(dist.title)}{source}</h4><p class='note'>{dist.respondents} participants.</p>{note}{image}"
        f"<table><tr><th>{e(dist.axis)}</th><th>Participants</th></tr>{rows}</table>"
    )


def section_html(section, with_charts: bool = False) -> str:
    """A module's part of the room: who shared each exercise, the distributions, and consented quotes."""
    k = section.k
    shared = "".join(f"<tr><td>{e(title)}</td>{_count(n, k)}</tr>" for title, n in section.shared.items())
    parts = [
        f"<h3>{e(section.title)}</h3>",
        f"<table><tr><th>Exercise</th><th>People who shared it</th></tr>{shared}</table>",
    ]
    drawn = charts(section) if with_charts else [None] * len(section.distributions)
    parts += [distribution_html(d, k, c) for d, c in zip(section.distributions, drawn, strict=True)]
    for title, quotes in section.quotes.items():
        parts.append(f"<h4>In their own words: {e(title)}</h4>")
        parts += [f"<blockquote>{e(q)}</blockquote>" for q in quotes]
    return f"<div class='ck-room'>{''.join(parts)}</div>"


def overview_html(room) -> str:
    privacy = (
        f"Groups of fewer than {room.k} people are hidden. Free text appears only where its author allowed "
        "quoting, without a name."
    )
    if not room.enough:
        body = f"<p>Fewer than {room.k} participants have shared anything yet: nothing is shown until then.</p>"
    else:
        modules = ", ".join(e(s.title) for s in room.sections)
        body = f"<p><b>{room.participants}</b> participants have shared answers, in: {modules}.</p>"
    skipped = (
        f"<p class='note'>{room.skipped} damaged or unfitting file(s) or answer(s) were skipped: "
        "run <code>careerkit collect</code> on the folder for details.</p>" if room.skipped else ""
    )
    return f"<div class='ck-room'>{body}<p class='note'>{e(privacy)}</p>{skipped}</div>"


def report_html(room) -> str:
    sections = "".join(section_html(s, with_charts=True) for s in room.sections)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>careerkit: the room</title>"
        f"<style>{STYLE}</style></head><body><h1>The room</h1>"
        f"{overview_html(room)}{sections}</body></html>\n"
    )
