"""``careerkit build``: every module as an offline slide deck, a participant handout and a PDF.

The steps, in order:
1. find the module notebooks (``--only 01`` keeps one) and check their slide conventions;
2. copy the pinned front-end assets (reveal.js, require.js, jQuery, the widget renderer) beside the decks;
3. execute each notebook once with the demo participant on a small pool of reused kernels (``build/kernels.py``);
4. export each executed notebook as it finishes: a reveal.js deck and a handout;
5. print each deck to PDF in headless Chromium (reveal's print mode), with ``--pdf-notes`` also a copy
   with the speaker notes on their own pages; with ``--single-file`` write each deck as one file to e-mail;
6. write ``index.html`` linking everything.

A module whose notebook, content, kit, assets and options are unchanged since the last build into the
same folder, and whose outputs are still there untouched, is kept as it is (``build/cache.py``).
"""

from __future__ import annotations

import asyncio
import copy
import html
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerkit.build.assets import ASSET_FILES, ASSETS, THEME, copy_assets, find_assets
from careerkit.build.cache import BuildCache, Options, execution_key, inputs_key, module_key
from careerkit.constants import HIDE_INPUT, META_KEY
from careerkit.content.text import BUILD, in_language, language, texts
from careerkit.errors import BuildError, CareerkitError
from careerkit.lab.launch import notebooks_dir

if TYPE_CHECKING:  # nbformat is imported when a notebook is run: its schema checks take seconds to load
    import nbformat

TEMPLATES = Path(__file__).with_name("templates")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
SINGLE_FILE_DIR = "single-file"  # one self-contained deck per module, to e-mail


@dataclass(frozen=True)
class Module:
    """One module notebook, e.g. ``notebooks/01_versioning.ipynb``."""

    path: Path

    @property
    def stem(self) -> str:
        return self.path.stem

    def deck(self, output: Path) -> Path:
        return output / f"{self.stem}.slides.html"

    def handout(self, output: Path) -> Path:
        return output / f"{self.stem}.handout.html"

    def pdf(self, output: Path) -> Path:
        return output / f"{self.stem}.pdf"

    def notes_pdf(self, output: Path) -> Path:
        return output / f"{self.stem}.notes.pdf"

    def single_file(self, output: Path) -> Path:
        return output / SINGLE_FILE_DIR / f"{self.stem}.slides.html"

    def outputs(self, output: Path, options: Options) -> list[Path]:
        """Every file a build with ``options`` makes of this module."""
        made = [self.deck(output), self.handout(output)]
        made += [self.pdf(output)] if options.pdf else []
        made += [self.notes_pdf(output)] if options.pdf_notes else []
        made += [self.single_file(output)] if options.single_file else []
        return made


@dataclass
class BuildResult:
    """What a build made, and anything it had to leave out (said as a sentence)."""

    output: Path
    index: Path | None = None
    decks: list[Path] = field(default_factory=list)
    handouts: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    notes_pdfs: list[Path] = field(default_factory=list)
    single_files: list[Path] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)  # modules unchanged since the last build, not rebuilt
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        def count(items: list[Path], noun: str) -> str:
            return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"

        made = f"{count(self.decks, 'deck')}, {count(self.handouts, 'handout')} and {count(self.pdfs, 'PDF')}"
        extra = [f"{count(self.notes_pdfs, 'PDF')} with speaker notes"] if self.notes_pdfs else []
        extra += [f"{count(self.single_files, 'single-file deck')} in {SINGLE_FILE_DIR}/"] if self.single_files else []
        kept = f"{count(self.reused, 'module')} unchanged since the last build, kept as {'it was' if len(self.reused) == 1 else 'they were'}"
        extra += [kept] if self.reused else []
        return f"Built {made}{''.join(f' (+ {e})' for e in extra)}: open {self.index}"


def build(
    output: Path | str = "build",
    only: Sequence[str] = (),
    notebooks: Path | None = None,
    pdf: bool = True,
    jobs: int | None = None,
    progress: bool = True,
    pdf_notes: bool = False,
    single_file: bool = False,
    lang: str | None = None,
) -> BuildResult:
    """Build every module's deck, handout and PDF into ``output`` with an index page linking them.

    ``pdf_notes`` also prints each deck with its speaker notes on separate pages (``NN_name.notes.pdf``);
    ``single_file`` also writes each deck as one self-contained HTML file under ``single-file/``.
    ``lang`` ("es") builds that language's notebooks (``notebooks/es/``): decks, handouts, the demo participant's
    answers and every word the kit adds are in it. Default: ``CAREERKIT_LANG``, else English.
    """
    with in_language(lang or language()) as code:  # the build's own words, and its kernels' environment
        return _build(Path(output), only, Path(notebooks) if notebooks else notebooks_dir(code), pdf, jobs, progress,
                      pdf_notes, single_file)


def _build(output: Path, only: Sequence[str], folder: Path, pdf: bool, jobs: int | None, progress: bool,
           pdf_notes: bool, single_file: bool) -> BuildResult:
    modules = find_modules(folder, only)
    node_modules = find_assets()
    result = BuildResult(output=Path(output))
    chromium = find_chromium() if pdf else None
    if pdf_notes and not pdf:
        result.warnings.append("PDFs with speaker notes were not made: --pdf-notes prints PDFs, and --no-pdf was given.")
    if pdf and chromium is None:
        result.warnings.append(
            "PDFs were not made: no Chromium was found (install the 'chromium' package, or build with --no-pdf)."
        )
    options = Options(pdf=chromium is not None, pdf_notes=pdf_notes and chromium is not None,
                      single_file=single_file, chromium=chromium)
    cache = BuildCache(result.output)
    # the language is an input too: the same code run in another language says other words
    inputs = f"{inputs_key(node_modules, {package for package, _, _ in ASSET_FILES})} {language()}"
    keys = {m.stem: module_key(inputs, options, m.stem, m.path) for m in modules}
    todo = [m for m in modules if not _reuse(m, cache.fresh(m.stem, keys[m.stem]), options, result)]
    if todo:
        runs = {m.stem: execution_key(inputs, m.stem, _read_json(m.path)) for m in todo}
        with _Bars(todo, options.pdf, progress) as bars:
            run = _Run(result, chromium, bars, jobs or default_jobs(len(todo)), pdf_notes, single_file)
            _run_async(run.all(todo, node_modules, cache, runs))
        for stem, executed in run.executed.items():
            cache.keep_execution(stem, runs[stem], executed)
        for module in todo:
            cache.record(module.stem, keys[module.stem], module.outputs(result.output, options))
        cache.save()
    else:
        copy_assets(node_modules, result.output / ASSETS)  # in case assets/ was deleted since
    result.index = write_index(folder, result.output)
    return result


def _reuse(module: Module, files: list[Path] | None, options: Options, result: BuildResult) -> bool:
    """Take a module's outputs from the last build when they are exactly what this build would make."""
    expected = module.outputs(result.output, options)
    if files is None or sorted(files) != sorted(expected):
        return False
    lists = {module.deck: result.decks, module.handout: result.handouts, module.pdf: result.pdfs,
             module.notes_pdf: result.notes_pdfs, module.single_file: result.single_files}
    for where, found in lists.items():
        if where(result.output) in expected:
            found.append(where(result.output))
    result.reused.append(module.stem)
    return True


def default_jobs(notebooks: int) -> int:
    """Kernels to run at once: one per core, at most four (each is reused for several notebooks)."""
    return max(1, min(notebooks, os.cpu_count() or 1, 4))


# 1. modules -------------------------------------------------------------------------------------


def find_modules(folder: Path, only: Sequence[str] = ()) -> list[Module]:
    """Every ``NN_name.ipynb`` in ``folder``, in teaching order; ``only`` keeps those named (``01`` or ``01_versioning``)."""
    found = [Module(p) for p in sorted(folder.glob("*.ipynb"))]
    if not found:
        raise BuildError(str(folder), "there are no notebooks in this folder")
    if not only:
        return found
    wanted = [name.removesuffix(".ipynb") for name in only]
    chosen = [m for m in found if any(m.stem == w or m.stem.startswith(w + "_") for w in wanted)]
    missing = [w for w in wanted if not any(m.stem == w or m.stem.startswith(w + "_") for m in found)]
    if missing:
        known = ", ".join(m.stem for m in found)
        raise BuildError(", ".join(missing), f"no such module; the modules are {known}")
    return chosen


def load_checked(module: Module) -> nbformat.NotebookNode:
    import nbformat

    from careerkit.build.preprocessors import CheckConventions

    try:
        nb = nbformat.read(module.path, as_version=4)
    except (OSError, ValueError) as err:
        raise BuildError(module.stem, f"the notebook could not be read ({err})") from None
    check_in_step_with_source(module)
    CheckConventions().preprocess(nb, _resources(module))
    return nb


def check_in_step_with_source(module: Module) -> None:
    """A deck is never built from an .ipynb that no longer says what its MyST source (the .md a coach edits) says."""
    from careerkit.build.notebook_text import Pair, pair_differences

    source = module.path.with_suffix(".md")
    if not source.is_file():
        return
    try:
        differences = pair_differences(Pair(source, module.path))
    except CareerkitError as err:
        raise BuildError(module.stem, str(err)) from None
    if differences:
        raise BuildError(module.stem, f"{source.name} was changed and {module.path.name} was not written from it "
                                      f"({differences[0]}): run `make notebooks`, then build again")


def _resources(module: Module) -> dict[str, Any]:
    return {"metadata": {"name": module.stem, "path": str(module.path.parent)}}


# 2. assets: see careerkit.build.assets (find_assets, copy_assets) --------------------------------------


# 3-5. execute, export, print --------------------------------------------------------------------


class _Run:
    """One build: a few kernels run the notebooks; exports run one at a time in a worker thread."""

    def __init__(self, result: BuildResult, chromium: str | None, bars: Any, jobs: int,
                 pdf_notes: bool = False, single_file: bool = False):
        self.result, self.chromium, self.bars = result, chromium, bars
        self.pdf_notes, self.single_file = pdf_notes, single_file
        self.jobs = max(1, jobs)
        self.exports = ThreadPoolExecutor(max_workers=1, thread_name_prefix="careerkit-export")
        self._exporters: dict[str, Any] = {}
        self._browser: asyncio.Task | None = None
        self.executed: dict[str, nbformat.NotebookNode] = {}  # notebooks a kernel ran in this build

    async def all(self, modules: list[Module], node_modules: Path, cache: BuildCache | None = None,
                  runs: dict[str, str] | None = None) -> None:
        """Execute (or replay, when ``cache`` holds a run of the same code: ``runs`` gives each key), export, print."""
        from careerkit.build.kernels import KernelPool

        by_name = {m.stem: m for m in modules}
        finishing: list[asyncio.Task] = []
        runs = runs or {}
        expected = [m for m in modules if cache is None or cache.executions.get(m.stem) != runs.get(m.stem)]

        def finish(name: str, nb: nbformat.NotebookNode) -> None:
            finishing.append(asyncio.create_task(self.finish(by_name[name], nb)))

        def executed(name: str, nb: nbformat.NotebookNode) -> None:
            self.executed[name] = nb
            finish(name, nb)

        with tempfile.TemporaryDirectory(prefix="careerkit-build-") as scratch:
            # kernels boot during the next step
            pool = KernelPool(min(self.jobs, len(expected)), Path(scratch)) if expected else None
            if self.chromium:
                from careerkit.build.pdf import DeckPrinter

                self._browser = asyncio.create_task(DeckPrinter.launch(self.chromium))
            # nbconvert and its templates load in the export thread while the kernels boot and run
            warm = asyncio.get_running_loop().run_in_executor(self.exports, self._warm_exporters)
            finishing.append(asyncio.ensure_future(warm))
            try:
                notebooks = await asyncio.to_thread(self.prepare, modules, node_modules)
                work = []
                for module, nb in notebooks.items():
                    replayed = cache.replay(module.stem, runs[module.stem], nb) if cache and module.stem in runs else None
                    if replayed is None:
                        work.append((module.stem, nb, module.path.parent))
                    else:
                        self.bars.all_cells_done(module)
                        finish(module.stem, replayed)
                if work and pool is None:  # a kept execution could not be read back after all
                    pool = KernelPool(min(self.jobs, len(work)), Path(scratch))
                if work:
                    await pool.run(work, executed, lambda name: self.bars.cell_done(by_name[name]))
                for task in finishing:
                    await task
            finally:
                for task in finishing:
                    task.cancel()
                await asyncio.gather(*finishing, return_exceptions=True)
                if pool is not None:
                    await pool.stop()
                await self._close_browser()
                self.exports.shutdown(wait=True)

    def prepare(self, modules: list[Module], node_modules: Path) -> dict[Module, nbformat.NotebookNode]:
        """Steps 1-2: every notebook read and checked (nothing runs if one breaks the conventions); assets copied."""
        notebooks = {m: load_checked(m) for m in modules}
        self.result.output.mkdir(parents=True, exist_ok=True)
        copy_assets(node_modules, self.result.output / ASSETS)
        return notebooks

    async def finish(self, module: Module, executed: nbformat.NotebookNode) -> None:
        """Export an executed notebook (deck, handout) in the export thread; print the deck's PDF meanwhile."""
        loop = asyncio.get_running_loop()
        deck = await loop.run_in_executor(self.exports, self.export_deck, module, executed)
        self.result.decks.append(deck)
        self.bars.output_done("slides")
        printing = asyncio.create_task(self.print_pdfs(module, deck)) if self._browser is not None else None
        try:
            if self.single_file:
                from careerkit.build.single_file import write_single_file

                target = module.single_file(self.result.output)
                self.result.single_files.append(await loop.run_in_executor(self.exports, write_single_file, deck, target))
            handout = await loop.run_in_executor(self.exports, self.export_handout, module, executed)
            self.result.handouts.append(handout)
            self.bars.output_done("handouts")
        except BaseException:
            if printing is not None:  # the build stops: so does the printing
                printing.cancel()
                await asyncio.gather(printing, return_exceptions=True)
            raise
        if printing is not None:
            await printing

    async def print_pdfs(self, module: Module, deck: Path) -> None:
        printer = await self._browser
        self.result.pdfs.append(await printer.print(module.stem, deck, module.pdf(self.result.output)))
        self.bars.output_done("PDFs")
        if self.pdf_notes:
            target = module.notes_pdf(self.result.output)
            self.result.notes_pdfs.append(await printer.print(module.stem, deck, target, notes=True))

    def export_deck(self, module: Module, executed: nbformat.NotebookNode) -> Path:
        from careerkit.build.exercise_slides import ExerciseSlides
        from careerkit.build.preprocessors import TitleSlide

        nb, resources = TitleSlide().preprocess(copy.deepcopy(executed), _resources(module))
        nb, resources = ExerciseSlides().preprocess(nb, resources)
        return self._export("slides", module, nb, resources, module.deck(self.result.output))

    def export_handout(self, module: Module, executed: nbformat.NotebookNode) -> Path:
        from careerkit.build.preprocessors import TitleSlide, Worksheet

        nb, resources = TitleSlide().preprocess(copy.deepcopy(executed), _resources(module))
        nb, resources = Worksheet().preprocess(nb, resources)
        return self._export("handout", module, nb, resources, module.handout(self.result.output))

    def _warm_exporters(self) -> None:
        for kind in ("slides", "handout"):
            if kind not in self._exporters:
                self._exporters[kind] = make_exporter(kind)

    def _export(self, kind: str, module: Module, nb, resources, target: Path) -> Path:
        if kind not in self._exporters:
            self._exporters[kind] = make_exporter(kind)
        nb.metadata["title"] = module_title(module.stem, nb.metadata.get(META_KEY, {}))
        try:
            body, _ = self._exporters[kind].from_notebook_node(nb, resources=resources)
            target.write_text(body, encoding="utf-8")
        except CareerkitError:
            raise
        except Exception as err:  # nbconvert raises many kinds; the facilitator needs the notebook's name
            raise BuildError(module.stem, f"the {kind} could not be exported ({type(err).__name__}: {err})") from err
        return target

    async def _close_browser(self) -> None:
        if self._browser is None:
            return
        if not self._browser.done():
            self._browser.cancel()
        try:
            printer = await self._browser
        except (asyncio.CancelledError, CareerkitError):
            return
        await printer.close()


def make_exporter(kind: str):
    """The nbconvert exporter of a deck (offline reveal.js) or of a handout (static worksheet)."""
    from nbconvert import HTMLExporter, SlidesExporter
    from traitlets.config import Config

    common = {
        "language_code": language(),  # <html lang="...">: screen readers and the browser's hyphenation follow it
        "extra_template_basedirs": [str(TEMPLATES)],
        "exclude_input": True,
        "exclude_input_prompt": True,
        "exclude_output_prompt": True,
    }
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {HIDE_INPUT}
    if kind == "slides":
        config.SlidesExporter.update(
            common,
            template_name="careerkit_reveal",
            reveal_url_prefix=f"{ASSETS}/reveal.js",
            reveal_theme=THEME,
            reveal_width="1280",
            reveal_height="720",
            require_js_url=f"{ASSETS}/require.js",
            jquery_url=f"{ASSETS}/jquery.min.js",
            widget_renderer_url=f"{ASSETS}/html-manager/embed-amd.js",
        )
        return SlidesExporter(config=config)
    config.HTMLExporter.update(common, template_name="careerkit_handout")
    return HTMLExporter(config=config)


def module_title(stem: str, meta: dict[str, Any]) -> str:
    number = stem.split("_", 1)[0]
    title = meta.get("title") or stem
    return f"{number} · {title}" if number.isdigit() else str(title)


def find_chromium() -> str | None:
    """Debian's /usr/bin/chromium, or a Chromium on PATH; None if there is none (or no Playwright)."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return None
    for name in CHROMIUM_CANDIDATES:
        found = name if os.path.isabs(name) and os.access(name, os.X_OK) else shutil.which(name)
        if found:
            return found
    return None


def _run_async(coro) -> None:
    """Run the build's event loop, in a thread if the caller (a notebook) already runs one."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coro)
        return
    failure: list[BaseException] = []

    def target():
        try:
            asyncio.run(coro)
        except BaseException as err:  # handed back to the caller's thread below
            failure.append(err)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


# progress ---------------------------------------------------------------------------------------


class _Bars:
    """A bar per notebook (cells executed) and one per output (slides, handouts, PDFs)."""

    def __init__(self, modules: list[Module], pdf: bool, enabled: bool):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), disable=not enabled,
        )
        self.cells = {m: self.progress.add_task(m.stem, total=_count_cells(m)) for m in modules}
        kinds = ["slides", "handouts"] + (["PDFs"] if pdf else [])
        self.outputs = {k: self.progress.add_task(k, total=len(modules)) for k in kinds}

    def cell_done(self, module: Module):
        task = self.cells[module]
        return lambda: self.progress.advance(task)

    def all_cells_done(self, module: Module) -> None:
        """A module whose code is unchanged since the last build: its cells' outputs are reused, not run."""
        self.progress.update(self.cells[module], completed=_count_cells(module))

    def output_done(self, kind: str) -> None:
        self.progress.advance(self.outputs[kind])

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc):
        self.progress.stop()


def _count_cells(module: Module) -> int:
    return sum(c.get("cell_type") == "code" for c in _read_json(module.path).get("cells", []))


def _read_json(path: Path) -> dict[str, Any]:
    """A notebook's JSON as it is on disk (for its cells and metadata, without loading nbformat's schemas)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise BuildError(path.stem, f"the notebook could not be read ({err})") from None
    return data if isinstance(data, dict) else {}


# 6. index ---------------------------------------------------------------------------------------


def write_index(folder: Path, output: Path) -> Path:
    """``index.html``: one row per module with its minutes and links to whatever was built."""
    t = texts(BUILD)
    rows = []
    for module in find_modules(folder):
        meta = _read_json(module.path).get("metadata", {}).get(META_KEY, {})
        minutes = int(meta.get("teaching", 0) or 0) + int(meta.get("exercises", 0) or 0)
        links = [
            f'<a href="{html.escape(path.relative_to(output).as_posix())}">{html.escape(t("index." + label))}</a>'
            for label, path in (
                ("slides", module.deck(output)), ("handout", module.handout(output)), ("pdf", module.pdf(output)),
                ("pdf_notes", module.notes_pdf(output)), ("single_file", module.single_file(output)),
            )
            if path.exists()
        ]
        if links:
            title = html.escape(module_title(module.stem, meta))
            time = html.escape(t("index.minutes", minutes=minutes))
            rows.append(f"<tr><th scope='row'>{title}</th><td>{time}</td><td>{' · '.join(links)}</td></tr>")
    words = {key: html.escape(t(f"index.{key}")) for key in ("title", "heading", "module", "time", "open")}
    page = INDEX_PAGE.format(rows="\n".join(rows), lang=language(), intro=t("index.intro"), **words)
    target = output / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


INDEX_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 48em; margin: 2em auto; padding: 0 1em; color: #1a1a1a; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: 0.4em 0.6em; border-bottom: 1px solid #ccc; }}
a {{ color: #005a8c; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<p>{intro}</p>
<table>
<thead><tr><th scope="col">{module}</th><th scope="col">{time}</th><th scope="col">{open}</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""
