"""The kit in Spanish, end to end: every shipped sentence translated, every content overlay complete, and the whole
learner path built in Spanish (``careerkit build --lang es``) with no English sentence of the kit left on screen.

English is the fallback: a Spanish key that is missing shows the English sentence, so these tests are what tells a
translator that something is missing.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from careerkit.content import merge_overlay, shipped_content_names, translated_name
from careerkit.content.text import LANGUAGES, _is_plural, flatten, placeholders, shipped_packs, shipped_path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "careerkit"
LANG = "es"
# Names and titles that stay as they are in a Spanish text: the outside works' titles (as published), the kit's
# and the tools' names, and words Spanish-speaking product teams use as they are.
PROPER_NOUNS = ("Thanks for the Feedback", "Designing Your Life", "working backwards", "product manager",
                "product-market fit", "skip job", "Stone & Heen", "Burnett & Evans")
# Keys of content items that are not words (ids and where an item comes from) or not shown to learners.
NOT_WORDS = {"id", "timestamp", "origin", "start", "schema_version", "modules", "after_minutes"}
IDENTIFIER = re.compile(r"[a-z0-9_.]+")  # a key or an id written as a value ("role_and_learning", "plan.ship")
MIN_WORDS = 3  # an English run of this many words in Spanish output is a sentence left untranslated


def english_pack(pack: str) -> dict:
    return flatten(tomllib.loads(shipped_path(pack).read_text(encoding="utf-8")))


def spanish_pack(pack: str) -> dict:
    path = shipped_path(pack, LANG)
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    return flatten(tomllib.loads(path.read_text(encoding="utf-8")))


# text packs ---------------------------------------------------------------------------------------


def test_spanish_is_a_shipped_language():
    assert LANG in LANGUAGES


@pytest.mark.parametrize("pack", shipped_packs())
def test_every_sentence_of_every_pack_is_in_spanish(pack):
    english, spanish = english_pack(pack), spanish_pack(pack)
    assert sorted(set(english) - set(spanish)) == [], "keys with no Spanish sentence (English would show)"
    assert sorted(set(spanish) - set(english)) == [], "Spanish keys the English pack does not have"


@pytest.mark.parametrize("pack", shipped_packs())
def test_a_spanish_sentence_keeps_its_placeholders_and_forms(pack):
    english, spanish = english_pack(pack), spanish_pack(pack)
    for key, value in english.items():
        theirs = spanish.get(key)
        if _is_plural(value):
            assert _is_plural(theirs) and set(value) <= set(theirs), key
            for form in value:
                assert placeholders(theirs[form]) == placeholders(value[form]), f"{key}.{form}"
        elif isinstance(value, list):  # a list of sentences or of words (a language may need more or fewer)
            assert isinstance(theirs, list) and theirs, key
            assert set().union(*map(placeholders, theirs)) == set().union(*map(placeholders, value)), key
        else:
            assert placeholders(theirs) == placeholders(value), key


@pytest.mark.parametrize("pack", shipped_packs())
def test_no_sentence_of_a_pack_is_left_in_english(pack):
    """A Spanish sentence equal to the English one is English on screen, unless it is a name or a number."""
    english, spanish = english_pack(pack), spanish_pack(pack)
    same = [key for key, value in english.items()
            if isinstance(value, str) and spanish.get(key) == value and len(english_words(without_placeholders(value))) >= MIN_WORDS
            and not is_proper(value)]
    assert same == []


# content overlays ----------------------------------------------------------------------------------


def content_files() -> list[tuple[str, Path]]:
    """(name, English file) of every shipped content file: module content and the shared agendas and origins."""
    out = []
    for name in shipped_content_names():
        module = PACKAGE / "modules" / name / "content.toml"
        out.append((name, module if module.is_file() else PACKAGE / "content" / f"{name}.toml"))
    return out


def overlay_path(english: Path) -> Path:
    return english.with_name(translated_name(english.name, LANG))


def word_leaves(data, path=""):
    """(path, text) of every string a learner or facilitator reads in a content file."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_WORDS:
                yield from word_leaves(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            label = value.get("id", index) if isinstance(value, dict) else index
            yield from word_leaves(value, f"{path}[{label}]")
    elif isinstance(data, str) and re.search(r"[A-Za-z]", data) and not IDENTIFIER.fullmatch(data):
        yield path, data


@pytest.mark.parametrize(("name", "english"), content_files(), ids=[n for n, _ in content_files()])
def test_every_content_file_has_its_spanish_words(name, english):
    base = tomllib.loads(english.read_text(encoding="utf-8"))
    overlay = tomllib.loads(overlay_path(english).read_text(encoding="utf-8"))
    merged = merge_overlay(base, overlay, overlay_path(english).name)
    english_words_by_path = dict(word_leaves(base))
    left = [path for path, text in word_leaves(merged)
            if english_words_by_path.get(path) == text and not is_proper(text)
            and (len(english_words(text)) >= 2 or text[:1].isupper())]
    assert left == [], f"{overlay_path(english).name} leaves these in English"


@pytest.mark.parametrize(("name", "english"), content_files(), ids=[n for n, _ in content_files()])
def test_a_translation_never_changes_an_item_s_id_timestamp_origin_or_numbers(name, english):
    overlay = tomllib.loads(overlay_path(english).read_text(encoding="utf-8"))

    def check(items, where):
        for item in items:
            for key, value in item.items():
                assert key not in ("timestamp", "origin"), f"{where}[{item['id']}].{key}"
                assert not isinstance(value, bool | int | float), f"{where}[{item['id']}].{key}"
                if isinstance(value, list) and value and all(isinstance(v, dict) and "id" in v for v in value):
                    check(value, f"{where}[{item['id']}].{key}")

    def walk(table, where=""):
        for key, value in table.items():
            if isinstance(value, dict):
                walk(value, f"{where}{key}.")
            elif isinstance(value, list) and value and all(isinstance(v, dict) and "id" in v for v in value):
                check(value, f"{where}{key}")

    walk(overlay)


@pytest.mark.parametrize("demo", sorted(p for p in PACKAGE.glob("modules/*/demo*.json") if p.name.count(".") == 1),
                         ids=lambda p: p.parent.name)
def test_the_demo_participant_answers_every_exercise_in_spanish(demo):
    english = json.loads(demo.read_text(encoding="utf-8"))
    spanish = json.loads(demo.with_name(translated_name(demo.name, LANG)).read_text(encoding="utf-8"))
    if isinstance(english, dict):
        assert sorted(spanish) == sorted(english)
    else:
        assert len(spanish) == len(english)
    assert english != spanish


# the whole learner path, built in Spanish -----------------------------------------------------------


def without_placeholders(text: str) -> str:
    """The words of a sentence: no placeholders, no markup."""
    return re.sub(r"\{[^}]*\}|<[^>]*>", " ", text)


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+(?:'[a-z]+)?", text)


def is_proper(text: str) -> bool:
    rest = text
    for name in PROPER_NOUNS:
        rest = rest.replace(name, " ")
    return len(english_words(rest)) < MIN_WORDS


def english_runs() -> dict[str, str]:
    """Every run of English words of the kit's packs and content, ``MIN_WORDS`` long or more, with where it is from.

    A sentence is cut at its placeholders and markup, so "Saved {when}" gives "Saved" (too short to count) and
    "Not saved yet: your last saved answer is kept." gives its two runs."""
    runs: dict[str, str] = {}

    def add(text: str, where: str) -> None:
        for piece in re.split(r"\{[^}]*\}|<[^>]*>|[:;()\[\]\"“”·…—–]|\s-\s|\.\s|\*+|`", text):
            piece = " ".join(piece.split()).strip(" .,!?'")
            if len(english_words(piece)) >= MIN_WORDS and not is_proper(piece):
                runs.setdefault(piece.lower(), where)

    for pack in shipped_packs():
        for key, value in english_pack(pack).items():
            for text in (value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]):
                if isinstance(text, str):
                    add(text, f"{pack}:{key}")
    for name, english in content_files():
        for path, text in word_leaves(tomllib.loads(english.read_text(encoding="utf-8"))):
            add(text, f"{name}.toml:{path}")
    return runs


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible(markup: str) -> str:
    parser = _Visible()
    parser.feed(markup)
    return " ".join(" ".join(parser.parts).split())


def shown_text(notebook: dict) -> str:
    """Every string a learner reads in an executed notebook: its outputs and every widget's saved state."""
    texts: list[str] = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                if not k.startswith("image/") and k not in ("_model_module", "_view_module", "_model_name",
                                                             "_view_name", "layout", "style", "tabbable"):
                    walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key not in ("model_id", "output_type", "name"):
            texts.append(visible(value) if "<" in value else value)

    for cell in notebook.get("cells", []):
        walk(cell.get("outputs", []))
    walk(notebook.get("metadata", {}).get("widgets", {}))
    return " ".join(" ".join(texts).split())


@pytest.fixture(scope="module")
def spanish_build(tmp_path_factory):
    """``careerkit build --lang es`` as a facilitator runs it (no PDFs here: one module prints below)."""
    out = tmp_path_factory.mktemp("build-es") / "build"
    done = subprocess.run([sys.executable, "-m", "careerkit", "build", "--lang", "es", "--no-pdf", "-o", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


STEMS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.notebook
@pytest.mark.parametrize("stem", STEMS)
def test_the_spanish_notebook_runs_with_the_demo_participant_and_shows_no_english_sentence(spanish_build, stem):
    executed = json.loads((spanish_build / ".careerkit-build" / f"{stem}.executed.ipynb").read_text(encoding="utf-8"))
    errors = [o for c in executed["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    shown = shown_text(executed).lower()
    assert len(shown) > 500, "the Spanish notebook shows almost nothing"
    left = {run: where for run, where in english_runs().items() if re.search(rf"(?<![a-z]){re.escape(run)}(?![a-z])", shown)}
    assert left == {}, "English sentences of the kit shown in the Spanish notebook"


@pytest.mark.notebook
def test_the_spanish_decks_and_handouts_are_spanish_and_say_so(spanish_build):
    index = (spanish_build / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in index and "presentaciones y materiales" in index
    for stem in STEMS:
        deck = (spanish_build / f"{stem}.slides.html").read_text(encoding="utf-8")
        handout = (spanish_build / f"{stem}.handout.html").read_text(encoding="utf-8")
        assert '<html lang="es">' in deck and '<html lang="es">' in handout, stem
        assert "Al terminar este módulo podrás:" in visible(deck), stem
        assert "minutos" in visible(handout), stem
    versioning = visible((spanish_build / "01_versioning.slides.html").read_text(encoding="utf-8"))
    assert "Resultado de demostración" in versioning
    assert "Tus notas" in visible((spanish_build / "01_versioning.handout.html").read_text(encoding="utf-8"))


@pytest.mark.notebook
def test_the_spanish_deck_prints_to_a_spanish_pdf(spanish_build):
    """Built again with PDFs into the same folder: the run is reused, the deck printed page by page in Spanish."""
    pytest.importorskip("pypdf")
    from pypdf import PdfReader

    from careerkit.build import find_chromium

    if find_chromium() is None:
        pytest.skip("no chromium")
    done = subprocess.run([sys.executable, "-m", "careerkit", "build", "--lang", "es", "--only", "05", "-o",
                           str(spanish_build)], capture_output=True, text=True, timeout=600, cwd=ROOT,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-3000:]
    pages = [page.extract_text() for page in PdfReader(spanish_build / "05_my_plan.pdf").pages]
    first = " ".join(pages[0].split())
    assert "mi plan de carrera" in first.lower() and "Al terminar este módulo podrás" in first
    assert not any("By the end of this module" in page for page in pages)


def test_the_spanish_agendas_are_built_from_the_spanish_notebooks(tmp_path):
    from careerkit.build.agenda import write_agendas

    written = write_agendas(["90_minutes"], tmp_path, lang=LANG)
    (path, text), = written
    assert text.startswith("# Guion de la sesión: 90 minutos")
    assert "notebooks/es/" in text or "Fuera de este formato" not in text
    assert "| Hora | Minutos | Bloque | Detalles |" in text and "**Fin**" in text
    assert not re.search(r"\bteaching\b|\bKey point\b|Coffee break", text)


def test_the_committed_spanish_agendas_are_up_to_date(tmp_path):
    from careerkit.build.agenda import write_agendas

    for path, text in write_agendas(None, tmp_path, lang=LANG):
        committed = ROOT / "workshop" / "agendas" / LANG / path.name
        assert committed.read_text(encoding="utf-8") == text, f"{committed} is stale: run `careerkit agenda --lang es`"


def test_a_spanish_learner_writes_thousands_with_a_dot_and_a_decimal_is_refused_in_spanish(make_workbook, monkeypatch):
    """Spain writes 150.000 and Mexico 150,000: both are 150000; 2027,5 is not a whole number, said in Spanish."""
    from careerkit.modules import exercise_class
    from careerkit.store.workbook import Workbook
    from careerkit.ui.exercise import plain_text

    monkeypatch.setenv("CAREERKIT_LANG", LANG)
    book = make_workbook()
    view = exercise_class("versioning.ex_growth")(book)
    view.base.value, view.market.value, view.equity.value = "80.000", "100,000", "5.000"
    saved = Workbook(book.participant, book.home).get("versioning.ex_growth")
    assert (saved["base_salary"], saved["market_total"], saved["equity_per_year"]) == (80_000, 100_000, 5_000)
    view.base.value = "2027,5"
    assert "«2027,5» no es un número entero: escríbelo en cifras (puedes separar los miles con puntos o comas)" \
        in plain_text(view.message.value)
    assert Workbook(book.participant, book.home).get("versioning.ex_growth") == saved


def test_a_damaged_workbook_is_explained_in_spanish(tmp_path, monkeypatch):
    """Whatever bytes are on disk, a Spanish learner reads why the workbook cannot be used, in Spanish, and the
    file is kept as it was."""
    from careerkit.errors import WorkbookError
    from careerkit.store.workbook import Workbook

    monkeypatch.setenv("CAREERKIT_LANG", LANG)
    book = Workbook("ana", tmp_path)
    book.save_answer("versioning.end_state", {"role": "CPO"})
    book.path.write_bytes(b'{"schema_version": 2, "answers": {"x.y": {"value": Infinity')
    with pytest.raises(WorkbookError) as err:
        Workbook("ana", tmp_path).load()
    message = str(err.value)
    assert message.startswith(f"No se ha podido usar tu cuaderno de respuestas {book.path}: está dañado: no es JSON "
                              "válido (puede que se haya cortado).")
    assert "Tus respuestas siguen en él, sin reemplazar." in message
    assert [run for run in english_runs() if run in message.lower()] == []
    book.path.write_bytes(b"[1, 2]")
    with pytest.raises(WorkbookError, match="está dañado: contiene una lista en lugar de un cuaderno de respuestas"):
        Workbook("ana", tmp_path).load()


def test_the_room_s_refusals_reach_a_spanish_participant_in_spanish(monkeypatch):
    """The room answers in English, by code; a Spanish participant's kernel says it in Spanish (an unknown code as
    the room said it), and a room that cannot be reached is said in Spanish too."""
    from careerkit.errors import RoomError
    from careerkit.room.client import RoomClient, in_learners_language

    english = "The room is full (30 participants); tell your facilitator."
    assert in_learners_language("room_full", english) == english
    monkeypatch.setenv("CAREERKIT_LANG", LANG)
    assert in_learners_language("room_full", english) == "La sala está llena; avisa a tu facilitador."
    assert in_learners_language("a_new_code", "Something new.") == "Something new."
    with pytest.raises(RoomError) as err:
        RoomClient("http://127.0.0.1:9/", timeout=2).health()
    assert err.value.message.startswith("No se puede llegar a la sala en http://127.0.0.1:9/")
