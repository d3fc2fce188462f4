"""The career plan as files the learner keeps: a self-contained HTML page, Markdown, and a PDF when possible.

Every piece of learner text is escaped: the HTML comes from a Jinja template with autoescaping on, and
the Markdown escapes HTML and Markdown markup, so an answer holding ``<script>`` is shown as text.
Files are written to the learner's workbook folder (``plans/``), never into the kit, readable by the learner
only (folders 0700, files 0600): a plan holds private answers.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape

from careerkit.content.text import language, texts
from careerkit.errors import CareerkitError
from careerkit.modules.plan.domain import CareerPlan, PlanSection, assemble_plan, status_word
from careerkit.store.files import private_file, private_folder, write_private
from careerkit.store.workbook import Workbook

FORMATS = ("html", "md", "pdf")
PLANS_FOLDER = "plans"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDF_TIMEOUT_S = 90


class ExportError(CareerkitError):
    """A plan file could not be written. ``what`` names the format (``format_name``) or the files."""

    def __init__(self, what: str, problem: str):
        self.what = what
        self.problem = problem
        super().__init__(texts("plan")("export_errors.sentence", what=what, problem=problem))


def format_name(fmt: str) -> str:
    """A format as the learner reads it in a sentence: "HTML", "Markdown", "PDF"."""
    return texts("plan")(f"page.formats.{fmt}")


def _error(key: str, /, **values) -> str:
    """Why an export failed (the part after "could not be exported as ...:")."""
    return texts("plan")(f"export_errors.{key}", **values)


@dataclass(frozen=True)
class ChartImage:
    section: str
    name: str
    alt: str
    png: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def chart_images(answers: dict) -> list[ChartImage]:
    """The plan's charts as PNG bytes (no timestamps inside, so the same answers give the same bytes)."""
    images = []
    from careerkit.modules.plan.charts import plan_charts
    from careerkit.ui.charts import render_png  # matplotlib only once a chart is drawn

    for chart in plan_charts(answers):
        images.append(ChartImage(chart.section, chart.name, chart.alt, render_png(chart.figure, dpi=110)))
    return images


CSS = (""  # not-learner-text: the page's CSS (joined to the rules below, so that this line can say so)
       """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; margin-top: 1.6rem; }
h3 { font-size: 1rem; margin: 0.8rem 0 0.2rem; }
ul { margin: 0.2rem 0 0.6rem 1.1rem; padding: 0; }
.ck-plan-meta { color: #555; margin-top: 0; }
.ck-plan-status { font-size: 0.8rem; font-weight: normal; color: #555; margin-left: 0.4rem; }
.ck-plan-missing { background: #fff6e0; border-left: 4px solid #E69F00; padding: 0.3rem 0.6rem; }
figure { margin: 0.6rem 0; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.8rem; color: #555; }
footer { margin-top: 2rem; font-size: 0.8rem; color: #555; }
@page { size: A4; margin: 14mm; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } figure { break-inside: avoid; } }
""")

_env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)

SECTION = _env.from_string("""
<section class="ck-plan-section ck-plan-section-{{ section.status }}" id="plan-{{ section.id }}">
<h2>{{ section.title }} <span class="ck-plan-status">({{ status }})</span></h2>
{% for item in section.items %}
<h3>{{ item.label }}</h3>
<ul>{% for line in item.lines %}<li>{{ line }}</li>{% endfor %}</ul>
{% endfor %}
{% for image in images if image.section == section.id %}
<figure><img src="{{ image.data_uri }}" alt="{{ image.alt }}"><figcaption>{{ image.alt }}</figcaption></figure>
{% endfor %}
{% if missing %}
<p class="ck-plan-missing">{{ missing }}</p>
{% endif %}
</section>
""")

BODY = _env.from_string("""
<article class="ck-plan">
<h1>{{ heading }}</h1>
<p class="ck-plan-meta">{{ meta }}</p>
{% if empty %}
<p class="ck-plan-missing">{{ empty }}</p>
{% endif %}
{% for section in sections %}
{{ section }}
{% endfor %}
</article>
""")

PAGE = _env.from_string("""<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ heading }}</title>
<style>{{ css }}</style>
</head>
<body>
{{ body }}
<footer>{{ footer }}</footer>
</body>
</html>
""")


def _html(key: str, /, n: int | None = None, **values) -> Markup:
    """A sentence of the plan's pack for the page: the values escaped, unless they are markup already (a link)."""
    t = texts("plan")
    safe = {name: value if isinstance(value, Markup) else escape(str(value)) for name, value in values.items()}
    return Markup(t.plural(key, n, **safe) if n is not None else t(key, **safe))


def heading(plan: CareerPlan, quote=str) -> str:
    """The plan's title: "Career plan of Ana"; ``quote`` makes the name safe where it goes (HTML, Markdown)."""
    t = texts("plan")
    return t("page.title_of", participant=quote(plan.participant)) if plan.participant else t("page.title")


def meta_line(plan: CareerPlan, exported: date | None, quote=str) -> str:
    """Which version this is, and when it was exported: "Version v1, shipped 2026-01-10: note · exported ..."."""
    t = texts("plan")
    if plan.version:
        shipped = plan.shipped.date().isoformat() if plan.shipped else ""
        values = {"version": quote(plan.version), "date": shipped}
        meta = (t("page.version_note", **values, note=quote(plan.note)) if plan.note.strip()
                else t("page.version", **values))
    else:
        meta = t("page.draft")
    return t("page.exported", meta=meta, date=exported.isoformat()) if exported else meta


def render_section(section: PlanSection, images: list[ChartImage], *, link_prefix: str | None = None) -> str:
    """One section of the plan as an HTML fragment (the notebook shows one section per fold);
    ``link_prefix`` turns the notebook's name into a link."""
    missing = None
    if section.missing:
        name = escape(section.notebook)
        notebook = (Markup('<a href="{}{}">{}</a>').format(link_prefix, section.notebook, name)
                    if link_prefix is not None else Markup("<code>{}</code>").format(name))
        missing = _html("page.missing", len(section.missing), missing=", ".join(section.missing), notebook=notebook)
    return SECTION.render(section=section, status=status_word(section.status), images=images, missing=missing)


def render_body(plan: CareerPlan, images: list[ChartImage], *, link_prefix: str | None = None,
                exported: date | None = None) -> str:
    """The plan as an HTML fragment (the notebook shows this); ``link_prefix`` turns notebook names into links."""
    sections = [Markup(render_section(section, images, link_prefix=link_prefix)) for section in plan.sections]
    empty = texts("plan")("page.empty") if plan.is_empty else ""
    return BODY.render(heading=heading(plan), meta=meta_line(plan, exported), empty=empty, sections=sections)


def render_html(plan: CareerPlan, images: list[ChartImage], *, exported: date | None = None) -> str:
    """A complete, self-contained HTML page: styles inline, charts embedded as PNG, no link to anything outside."""
    body = Markup(render_body(plan, images, exported=exported))  # already escaped by the autoescaping template
    return PAGE.render(lang=language(), heading=heading(plan), body=body, css=Markup(CSS),
                       footer=texts("plan")("page.footer"))


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|])")
ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
LINE_START = re.compile(r"^([#>+=-]|\d+\.)")


def md_text(text: str) -> str:
    """Learner text made inert in Markdown: tags and entities escaped, Markdown markup backslash-escaped.

    A bare ``&`` stays as typed ("P&L" reads "P&L" in the file, not "P&amp;L"); only an ``&`` that would start an
    entity is escaped, so nothing the learner typed turns into another character.
    """
    plain = ENTITY_START.sub("&amp;", " ".join(str(text).split())).replace("<", "&lt;").replace(">", "&gt;")
    text = MARKDOWN_SPECIAL.sub(r"\\\1", plain)
    return LINE_START.sub(r"\\\1", text)


def render_markdown(plan: CareerPlan, chart_files: dict[str, tuple[str, str]] | None = None, *, exported: date | None = None) -> str:
    """The plan as Markdown; ``chart_files`` maps "section/chart" to (alt text, relative path of its PNG)."""
    chart_files = chart_files or {}
    t = texts("plan")
    out = [f"# {heading(plan, md_text)}", "", f"*{meta_line(plan, exported, md_text)}*", ""]
    for section in plan.sections:
        out += [f"## {md_text(section.title)} ({status_word(section.status)})", ""]
        for item in section.items:
            out += [f"### {md_text(item.label)}", ""] + [f"- {md_text(line)}" for line in item.lines] + [""]
        for name, (alt, path) in chart_files.items():
            if name.startswith(section.id + "/"):
                out += [f"![{md_text(alt)}]({path})", ""]
        if section.missing:
            missing = t.plural("page.missing", len(section.missing), missing=md_text(", ".join(section.missing)),
                               notebook=f"`{section.notebook}`")
            out += [f"> {missing}", ""]
    return "\n".join(out).rstrip() + "\n"


def find_chromium() -> str | None:
    """A Chromium or Chrome on this machine that can print a page to PDF, or None."""
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def html_to_pdf(source: Path, target: Path, chromium: str) -> Path:
    """Print a local HTML file to PDF with headless Chromium, with every network request refused."""
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="careerkit-pdf-") as profile:
        command = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--print-to-pdf={target}", source.resolve().as_uri(),
        ]
        try:
            run = subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT_S, stdin=subprocess.DEVNULL, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise ExportError(format_name("pdf"), _error("chromium_unfinished", error=type(err).__name__)) from None
    if not target.is_file() or target.read_bytes()[:5] != b"%PDF-":
        detail = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [_error("no_output")]
        raise ExportError(format_name("pdf"), _error("no_pdf_made", detail=detail[0][:200]))
    return private_file(target)  # Chromium writes with the umask's mode


@dataclass
class ExportResult:
    """The files written, and sentences about anything that could not be made.

    ``number`` is 1 for the first export under this name; a later export gets the next number (``-2``, ``-3``)
    and every earlier export is kept.
    """

    folder: Path
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    number: int = 1


@dataclass(frozen=True)
class Download:
    """One exported file as the learner's browser downloads it: the name it is saved under, its type, its bytes."""

    name: str
    mime: str
    data: bytes

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64," + base64.b64encode(self.data).decode("ascii")


MIME = {".html": "text/html", ".pdf": "application/pdf", ".zip": "application/zip"}


def downloads(result: ExportResult) -> list[Download]:
    """What the learner can click to download: the HTML page and the PDF as they are, and the Markdown with
    its chart images in one .zip (a lone .md would show no charts)."""
    offered = []
    for path in result.files:
        if path.suffix in (".html", ".pdf"):
            offered.append(Download(path.name, MIME[path.suffix], path.read_bytes()))
        elif path.suffix == ".md":
            offered.append(Download(path.with_suffix(".zip").name, MIME[".zip"], _markdown_zip(path, result.files)))
    return offered


def _markdown_zip(markdown: Path, files: list[Path]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in [markdown, *(p for p in files if p.suffix == ".png")]:
            info = zipfile.ZipInfo(path.relative_to(markdown.parent).as_posix(), date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())  # a fixed date inside: same plan, same bytes
    return buf.getvalue()


def plan_stem(book: Workbook, version: str | None = None) -> str:
    suffix = f"-{re.sub(r'[^A-Za-z0-9._-]+', '_', version)}" if version else ""
    return f"{book.path.stem}-career-plan{suffix}"


def free_stem(folder: Path, stem: str) -> tuple[str, int]:
    """The first name under which no earlier export lies (``stem``, then ``stem-2``, ``stem-3``...), and its number."""
    number = 1
    while True:
        candidate = stem if number == 1 else f"{stem}-{number}"
        taken = [folder / f"{candidate}{ext}" for ext in (".html", ".md", ".pdf", "-charts")]
        if not any(path.exists() for path in taken):
            return candidate, number
        number += 1


SUFFIX_FORMATS = {".html": "html", ".md": "md", ".pdf": "pdf"}


def _write(path: Path, text: str) -> Path:
    try:
        write_private(path, text)
    except OSError as err:
        what = format_name(SUFFIX_FORMATS[path.suffix]) if path.suffix in SUFFIX_FORMATS else _error("files")
        raise ExportError(what, _error("not_written", name=path.name, error=err.strerror)) from None
    return path


def export_plan(book: Workbook, formats: tuple[str, ...] = FORMATS, *, version: str | None = None,
                exported: date | None = None, chromium: str | None = "auto") -> ExportResult:
    """Write the plan (the current answers, or a shipped ``version``) into ``<workbook folder>/plans/``.

    ``chromium="auto"`` looks for a browser to print the PDF with; ``None`` means there is none.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ExportError(", ".join(unknown), _error("unknown", formats=", ".join(FORMATS)))
    shipped = book.version(version) if version else None
    answers = shipped.answers if shipped else book.values()
    plan = assemble_plan(answers, book.participant, shipped)
    images = chart_images(answers)
    folder = book.home / PLANS_FOLDER
    try:
        private_folder(folder)
    except OSError as err:
        raise ExportError(_error("files"), _error("folder", name=folder.name, error=err.strerror)) from None
    stem, number = free_stem(folder, plan_stem(book, shipped.label if shipped else None))
    result = ExportResult(folder=folder, number=number)
    page = folder / f"{stem}.html"
    if "html" in formats or "pdf" in formats:
        _write(page, render_html(plan, images, exported=exported))
        if "html" in formats:
            result.files.append(page)
    if "md" in formats:
        result.files += _export_markdown(plan, images, folder, stem, exported)
    if "pdf" in formats:
        made = _export_pdf(page, folder / f"{stem}.pdf", chromium, result)
        if "html" not in formats:
            if made:
                page.unlink(missing_ok=True)
            else:  # keep the page: it is what the learner can print by hand
                result.files.append(page)
    return result


def _export_markdown(plan: CareerPlan, images: list[ChartImage], folder: Path, stem: str, exported: date | None) -> list[Path]:
    charts_dir = folder / f"{stem}-charts"
    chart_files = {}
    written = []
    for image in images:
        target = charts_dir / f"{image.name}.png"
        try:
            write_private(private_folder(charts_dir) / target.name, image.png)
        except OSError as err:
            raise ExportError(format_name("md"), _error("chart_not_written", name=target.name, error=err.strerror)) from None
        chart_files[f"{image.section}/{image.name}"] = (image.alt, f"{charts_dir.name}/{target.name}")
        written.append(target)
    markdown = _write(folder / f"{stem}.md", render_markdown(plan, chart_files, exported=exported))
    return [markdown, *written]


def _export_pdf(page: Path, target: Path, chromium: str | None, result: ExportResult) -> bool:
    browser = find_chromium() if chromium == "auto" else chromium
    if not browser:
        result.notes.append(_error("no_chromium", html=page.name))
        return False
    try:
        result.files.append(html_to_pdf(page, target, browser))
    except ExportError as err:
        result.notes.append(_error("print_by_hand", error=err, html=page.name))
        return False
    return True
