"""``careerkit build``: what a facilitator gets in build/, and what participants never see in it.

Most tests read the one build made per session (tests/browser/builtsite.py, shared with the browser
tests); the notebook transforms are also tested alone on tiny notebooks.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from browser.builtsite import MODULES, NOTEBOOKS, ROOT, built_site, chromium_available
from careerkit.build import build, find_modules
from careerkit.build.preprocessors import CheckConventions, PruneWidgetState, TitleSlide, Worksheet
from careerkit.constants import EXERCISE, FACILITATOR, HIDE_INPUT, META_KEY
from careerkit.content import demo_answers
from careerkit.errors import BuildError
from careerkit.modules.plan.domain import demo_versions
from pdftext import squash

COMMENTS = re.compile(r"<!--.*?-->|/\*.*?\*/", re.S)
URL = re.compile(r"(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s\"'<>)]*", re.I)
DEMO = demo_answers()
META = {"title": "Tiny", "teaching": 5, "exercises": 10, "objectives": ["Name <one> thing"], "keypoints": []}


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return built_site(tmp_path_factory)


def notebook(stem: str):
    return nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)


def loadable_urls(html: str) -> list[str]:
    """URLs a browser would fetch: not those in comments, links a reader may click, or XML namespaces."""
    html = COMMENTS.sub("", html)
    html = re.sub(r'<a\s[^>]*?href="https?://[^"]*"', "<a", html)
    html = re.sub(r"http://www\.w3\.org/[\w/.#-]*", "", html)
    return URL.findall(html)


class _Text(HTMLParser):
    """Visible words of a page, and separately the words of its speaker notes."""

    def __init__(self):
        super().__init__()
        self.words: list[str] = []
        self.notes: list[str] = []
        self._depth = {"script": 0, "style": 0, "aside": 0}

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style") or (tag == "aside" and ("class", "notes") in attrs) or (tag == "aside" and self._depth["aside"]):
            self._depth[tag] += 1

    def handle_endtag(self, tag):
        if tag in self._depth and self._depth[tag]:
            self._depth[tag] -= 1

    def handle_data(self, data):
        if self._depth["script"] or self._depth["style"]:
            return
        (self.notes if self._depth["aside"] else self.words).extend(words(data))


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def page_text(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def contains(haystack: list[str], needle: list[str]) -> bool:
    joined = " " + " ".join(haystack) + " "
    return " " + " ".join(needle) + " " in joined


def opening(cell, n: int = 8) -> list[str]:
    return words(re.sub(r"`[^`]*`", " ", cell.source))[:n]


def tagged(nb, tag: str):
    return [c for c in nb.cells if tag in c.metadata.get("tags", [])]


def make_notebook(*cells, meta=META):
    nb = new_notebook(cells=list(cells))
    nb.metadata[META_KEY] = meta
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def md(text, slide="slide", tags=(), **meta):
    cell = new_markdown_cell(text)
    cell.metadata["slideshow"] = {"slide_type": slide}
    cell.metadata["tags"] = list(tags)
    if meta:
        cell.metadata[META_KEY] = meta
    return cell


def code(source, tags=(HIDE_INPUT,)):
    cell = new_code_cell(source)
    cell.metadata["slideshow"] = {"slide_type": "-"}
    cell.metadata["tags"] = list(tags)
    return cell


RESOURCES = {"metadata": {"name": "07_tiny", "path": "."}}


# The notebook transforms, alone -----------------------------------------------------------------


def test_a_handout_keeps_prompts_and_leaves_room_to_think_without_notes_or_code():
    nb = make_notebook(
        md("# Tiny"),
        md("Say this to the room", slide="notes", tags=(FACILITATOR,)),
        md("### Exercise 1: a prompt", exercise="tiny.one", minutes=10),
        code('ck.show("tiny.one")', tags=(HIDE_INPUT, EXERCISE)),
        code("ck.start('07')"),
        md("A facilitator-only slide", tags=(FACILITATOR,)),
    )
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    out, _ = Worksheet().preprocess(nb, RESOURCES)
    sources = [c.source for c in out.cells]
    assert sources[0] == "# Tiny" and sources[1] == "### Exercise 1: a prompt"
    assert 'class="ck-space"' in sources[2] and "height: 24em" in sources[2]  # 10 minutes: 12 lines
    assert len(out.cells) == 3 and all(c.cell_type == "markdown" for c in out.cells)
    assert "widgets" not in out.metadata


def test_the_title_slide_gives_minutes_and_objectives_escaped():
    nb, _ = TitleSlide().preprocess(make_notebook(md("# Tiny")), RESOURCES)
    title = nb.cells[0].source
    assert nb.cells[0].metadata["slideshow"]["slide_type"] == "slide"
    assert "# 07 · Tiny" in title and "15 minutes" in title and "5 teaching, 10 exercises" in title
    assert "Name &lt;one&gt; thing" in title and "<one>" not in title


def test_widget_state_keeps_what_the_outputs_show_and_what_that_refers_to():
    ids = {name: name * 32 for name in "abcdef"}  # a: box of b; c: output showing d; e, f: left by earlier notebooks
    state = {
        ids["a"]: {"state": {"children": [f"IPY_MODEL_{ids['b']}"]}},
        ids["b"]: {"state": {}},
        ids["c"]: {"state": {"outputs": [{"data": {"application/vnd.jupyter.widget-view+json": {"model_id": ids["d"]}}}]}},
        ids["d"]: {"state": {}},
        ids["e"]: {"state": {"children": [f"IPY_MODEL_{ids['f']}"]}},
        ids["f"]: {"state": {}},
    }
    cell = code("show()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": m}})
                    for m in (ids["a"], ids["c"])]
    nb = make_notebook(cell)
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": state}}
    out, _ = PruneWidgetState().preprocess(nb, RESOURCES)
    kept = out.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert sorted(kept) == sorted(ids[n] for n in "abcd")


def test_a_code_cell_that_would_show_its_python_is_refused_naming_the_cell():
    nb = make_notebook(md("# Tiny"), code("1 + 1", tags=()))
    with pytest.raises(BuildError) as caught:
        CheckConventions().preprocess(nb, RESOURCES)
    assert caught.value.cell == 2 and "07_tiny (cell 2)" in str(caught.value) and HIDE_INPUT in str(caught.value)


def test_a_cell_without_slide_metadata_is_refused_naming_the_cell():
    cell = new_markdown_cell("no slide type")
    with pytest.raises(BuildError) as caught:
        CheckConventions().preprocess(make_notebook(md("# Tiny"), md("ok"), cell), RESOURCES)
    assert caught.value.cell == 3


def test_only_picks_modules_by_number_and_an_unknown_one_is_named(tmp_path):
    for stem in ("00_welcome", "01_versioning", "02_lanes"):
        nbformat.write(make_notebook(md("# x")), tmp_path / f"{stem}.ipynb")
    assert [m.stem for m in find_modules(tmp_path, ["01"])] == ["01_versioning"]
    assert len(find_modules(tmp_path)) == 3
    with pytest.raises(BuildError, match="no such module; the modules are 00_welcome, 01_versioning, 02_lanes"):
        find_modules(tmp_path, ["09"])


def test_the_url_check_catches_what_a_browser_would_fetch():
    assert loadable_urls('<script src="https://unpkg.com/reveal.js@4.0.2/dist/reveal.js"></script>')
    assert loadable_urls("import mermaid from 'https://cdnjs.cloudflare.com/mermaid.mjs';")
    assert loadable_urls("@import url(//fonts.googleapis.com/css?family=Lato);")
    assert not loadable_urls('<a href="https://example.org/read-more">a link</a> /* https://x.org */')


# A failing notebook -----------------------------------------------------------------------------


@pytest.mark.notebook
@pytest.mark.timeout(120)
def test_a_failing_cell_stops_the_build_with_the_notebook_and_cell_named(tmp_path):
    nb = make_notebook(md("# Tiny"), code("x = 1"), code("raise ValueError('the demo answers are missing')"))
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(nb, folder / "07_tiny.ipynb")
    with pytest.raises(BuildError) as caught:
        build(tmp_path / "out", notebooks=folder, pdf=False, progress=False)
    err = caught.value
    assert (err.notebook, err.cell) == ("07_tiny", 3)
    assert str(err) == "Building 07_tiny (cell 3) failed: ValueError: the demo answers are missing"


def test_a_build_from_an_ipynb_its_edited_md_no_longer_matches_says_to_run_make_notebooks(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("03_feedback.md", "03_feedback.ipynb", "jupytext.toml"):
        (folder / name).write_bytes((NOTEBOOKS / name).read_bytes())
    source = folder / "03_feedback.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Time box: 10 min · Source: [00:30:41]", "Time box: 8 min · Source: [00:30:41]"), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(tmp_path / "out", notebooks=folder, pdf=False, progress=False)
    assert "03_feedback.md was changed" in str(caught.value) and "run `make notebooks`" in str(caught.value)
    assert "Time box: 8 min" in str(caught.value)

    source.write_text(text.replace("careerkit:\n", "careerkit: [\n", 1), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(tmp_path / "out", notebooks=folder, pdf=False, progress=False)
    assert "03_feedback.md could not be read" in str(caught.value) and "near line" in str(caught.value)


# The command -------------------------------------------------------------------------------------


def careerkit(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "careerkit", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.notebook
@pytest.mark.timeout(300)
def test_build_only_01_makes_that_module_alone(tmp_path):
    done = careerkit("build", "--only", "01", "--no-pdf", "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.html")) == [
        "01_versioning.handout.html", "01_versioning.slides.html", "index.html",
    ]
    assert "Built 1 deck, 1 handout and 0 PDFs" in done.stdout
    assert "01_versioning" in done.stderr and "slides" in done.stderr  # the progress bars


def canonical_deck(path: Path) -> tuple[str, list[str]]:
    """A deck with its random ids blanked, and its widget models as a sorted list (their order is the kernel's)."""
    text = path.read_text(encoding="utf-8")
    state = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', text, re.S)
    models = json.loads(state.group(1))["state"].values() if state else []
    text = text.replace(state.group(0), "") if state else text

    def blank(s: str) -> str:
        return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}", "ID", s)

    return blank(text), sorted(blank(json.dumps(m, sort_keys=True)) for m in models)


@pytest.mark.notebook
@pytest.mark.timeout(600)
def test_a_module_built_after_others_in_a_reused_kernel_matches_one_built_alone(site, tmp_path):
    last = MODULES[-1]  # never the first notebook a kernel runs in the full build
    build(tmp_path / "alone", only=[last], pdf=False, progress=False)
    alone_text, alone_models = canonical_deck(tmp_path / "alone" / f"{last}.slides.html")
    shared_text, shared_models = canonical_deck(site.deck(last))
    assert alone_models == shared_models
    assert alone_text == shared_text


def test_build_of_an_unknown_module_says_which_modules_exist(tmp_path):
    done = careerkit("build", "--only", "99", "-o", str(tmp_path / "out"), timeout=60)
    assert done.returncode == 1
    assert "Building 99 failed: no such module; the modules are 00_welcome" in done.stderr
    assert "Traceback" not in done.stderr


# The full build ----------------------------------------------------------------------------------


@pytest.mark.notebook
@pytest.mark.timeout(600)
def test_every_notebook_gets_a_deck_a_handout_a_pdf_and_a_row_in_the_index(site):
    index = (site.folder / "index.html").read_text(encoding="utf-8")
    for stem in MODULES:
        assert site.deck(stem).is_file() and site.handout(stem).is_file()
        assert f'href="{site.deck(stem).name}"' in index and f'href="{site.handout(stem).name}"' in index
        assert site.single_file(stem).is_file() and f'href="single-file/{site.single_file(stem).name}"' in index
        if chromium_available():
            assert site.pdf(stem).is_file() and site.notes_pdf(stem).is_file()  # their pages: tests/browser
            assert f'href="{site.notes_pdf(stem).name}"' in index
    if not chromium_available():
        assert "PDFs were not made: no Chromium was found" in site.stderr
    for asset in ("reveal.js/dist/reveal.js", "reveal.js/plugin/notes/notes.js", "require.js", "jquery.min.js",
                  "html-manager/embed-amd.js", "reveal.js/dist/theme/white.css"):
        assert (site.folder / "assets" / asset).is_file(), asset


@pytest.mark.notebook
def test_no_page_loads_anything_from_the_internet(site):
    pages = sorted(site.folder.glob("*.html"))
    assert len(pages) == 2 * len(MODULES) + 1
    for page in pages:
        assert loadable_urls(page.read_text(encoding="utf-8")) == [], page.name
    theme = (site.folder / "assets/reveal.js/dist/theme/white.css").read_text(encoding="utf-8")
    assert loadable_urls(theme) == [] and "fonts/source-sans-pro" in theme


@pytest.mark.notebook
@pytest.mark.parametrize("stem", MODULES)
def test_decks_and_handouts_show_no_code(site, stem):
    sources = [line.strip() for c in notebook(stem).cells if c.cell_type == "code" for line in c.source.splitlines()]
    for page in (site.deck(stem), site.handout(stem)):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'class="[^"]*\bjp-(CodeMirrorEditor|InputPrompt|OutputPrompt)\b', html), page.name
        for line in filter(None, sources):
            assert line not in html and line.replace('"', "&quot;") not in html, f"{page.name} shows {line!r}"


@pytest.mark.notebook
@pytest.mark.parametrize("stem", MODULES)
def test_notes_are_speaker_notes_in_the_deck_and_absent_from_the_handout(site, stem):
    nb = notebook(stem)
    notes = [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes"]
    deck, handout = page_text(site.deck(stem)), page_text(site.handout(stem))
    for cell in notes:
        assert contains(deck.notes, opening(cell)), f"notes missing from the deck: {cell.source[:60]!r}"
    for cell in tagged(nb, FACILITATOR) + notes:
        assert not contains(handout.words + handout.notes, opening(cell)), f"in the handout: {cell.source[:60]!r}"
    assert '<aside class="notes">' not in site.handout(stem).read_text(encoding="utf-8")


@pytest.mark.notebook
@pytest.mark.parametrize("stem", MODULES)
def test_the_title_slide_and_handout_give_minutes_and_objectives(site, stem):
    meta = notebook(stem).metadata[META_KEY]
    minutes = int(meta["teaching"]) + int(meta["exercises"])
    deck_html = site.deck(stem).read_text(encoding="utf-8")
    first_slide = page_text_of(deck_html[deck_html.index("<section") : deck_html.index("</section>")])
    assert contains(first_slide, words(f"{minutes} minutes"))
    for objective in meta["objectives"]:
        assert contains(first_slide, words(objective)), objective
    handout = page_text(site.handout(stem)).words
    assert contains(handout, words(f"{minutes} minutes"))


def page_text_of(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.words


def demo_sentences(key: str) -> list[str]:
    """What the demo participant typed for one exercise: its strings of three words or more (past attempts
    at the repeat-back drill are kept in its ``history`` but not shown)."""

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for name, item in value.items():
                if name != "history":
                    yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    return [text for text in strings(DEMO.get(key)) if len(text.split()) >= 3 and squash(text) not in KIT_TEXT]


def kit_text() -> str:
    """Every sentence the kit ships (content files, notebooks): a demo answer that quotes one proves nothing."""
    files = [*(ROOT / "src" / "careerkit" / "content").glob("*.toml"),
             *(ROOT / "src" / "careerkit" / "modules").glob("*/content.toml"), *NOTEBOOKS.glob("*.ipynb")]
    return squash(" ".join(path.read_text(encoding="utf-8") for path in files))


KIT_TEXT = kit_text()


RESULT = re.compile(r'class="ck-result(?: [^"]*)?"')


@pytest.mark.notebook
@pytest.mark.parametrize("stem", MODULES)
def test_decks_show_what_each_exercise_gave_the_demo_participant_and_handouts_the_prompts(site, stem):
    nb = notebook(stem)
    deck_html = site.deck(stem).read_text(encoding="utf-8")
    handout_html = site.handout(stem).read_text(encoding="utf-8")
    exercises = tagged(nb, EXERCISE)
    assert len(RESULT.findall(deck_html)) == len(exercises), "one result sub-slide per exercise"
    prompts = [c for c in nb.cells if c.cell_type == "markdown" and c.metadata.get(META_KEY, {}).get("exercise")]
    deck = page_text(site.deck(stem)).words
    typed = {p.metadata[META_KEY]["exercise"]: demo_sentences(p.metadata[META_KEY]["exercise"]) for p in prompts}
    for key, sentences in typed.items():
        if sentences:  # the deck shows the demo participant's own words, as they typed them
            assert any(contains(deck, words(text)[:6]) for text in sentences), f"{stem}: none of the demo's {key} text"
    if prompts and not any(typed.values()):  # the plan module reads earlier answers: its own are the versions
        notes = [version.note for version in demo_versions()]
        assert any(contains(deck, words(note)[:6]) for note in notes), f"{stem}: no demo plan version shown"
    assert "application/vnd.jupyter.widget-state+json" not in handout_html
    assert handout_html.count('class="ck-space"') == len(exercises)
    handout = page_text(site.handout(stem)).words
    for prompt in prompts:
        assert contains(handout, opening(prompt)), prompt.source[:60]
