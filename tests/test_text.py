"""Every word a learner reads is data (issue 16, part 2): the text packs work as a coach expects, and no
learner-visible English sentence is left in Python."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from careerkit.content import text as text_module
from careerkit.content.text import LANGUAGES, placeholders, ref, resolve, shipped_packs, shipped_path, texts
from careerkit.errors import ContentError

SRC = Path(__file__).resolve().parents[1] / "src" / "careerkit"


@pytest.fixture
def pack(tmp_path, monkeypatch):
    """A pack 'ui' read from a facilitator's folder only: the shipped one is moved out of the way."""
    shipped = tmp_path / "shipped"
    (shipped / "ui").mkdir(parents=True)
    monkeypatch.setattr(text_module, "shipped_path",
                        lambda name, lang="en": shipped / "ui" / ("text.toml" if lang == "en" else f"text.{lang}.toml"))
    text_module._texts.cache_clear()
    yield shipped / "ui"
    text_module._texts.cache_clear()


def test_a_sentence_is_filled_and_html_escapes_the_values_not_the_template(pack):
    (pack / "text.toml").write_text('picked = "You picked <b>{lane}</b> of {count}."\n', encoding="utf-8")
    t = texts("ui")
    assert t("picked", lane="Growth", count=6) == "You picked <b>Growth</b> of 6."
    assert t.html("picked", lane="<script>", count=6) == "You picked <b>&lt;script&gt;</b> of 6."


def test_plurals_pick_one_or_other_and_zero_when_given(pack):
    (pack / "text.toml").write_text(
        '[steps]\nzero = "No roadmap step yet"\none = "{n} roadmap step"\nother = "{n} roadmap steps"\n',
        encoding="utf-8")
    t = texts("ui")
    assert [t.plural("steps", n) for n in (0, 1, 2)] == ["No roadmap step yet", "1 roadmap step", "2 roadmap steps"]


def test_spanish_falls_back_to_english_key_by_key(pack, monkeypatch):
    (pack / "text.toml").write_text('a = "Saved"\nb = "Not saved."\n', encoding="utf-8")
    (pack / "text.es.toml").write_text('a = "Guardado"\n', encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_LANG", "es")
    assert (texts("ui")("a"), texts("ui")("b")) == ("Guardado", "Not saved.")
    monkeypatch.setenv("CAREERKIT_LANG", "klingon")  # not shipped: English, never a traceback
    assert texts("ui")("a") == "Saved"


def test_a_coachs_folder_wins_sentence_by_sentence(pack, tmp_path, monkeypatch):
    (pack / "text.toml").write_text('a = "Saved"\nb = "Not saved."\n', encoding="utf-8")
    coach = tmp_path / "coach"
    coach.mkdir()
    (coach / "ui.text.toml").write_text('a = "All kept"\n', encoding="utf-8")
    monkeypatch.setenv("CAREERKIT_CONTENT", str(coach))
    assert (texts("ui")("a"), texts("ui")("b")) == ("All kept", "Not saved.")


def test_a_missing_sentence_or_placeholder_is_named(pack):
    (pack / "text.toml").write_text('a = "Hello {name}"\n', encoding="utf-8")
    with pytest.raises(ContentError, match="no sentence 'b'"):
        texts("ui")("b")
    with pytest.raises(ContentError, match="'a' uses a placeholder it is not given"):
        texts("ui")("a")


def test_a_field_title_can_name_a_sentence():
    assert resolve(ref("ui", "errors.this_answer")) == "This answer"
    assert resolve("Plain title") == "Plain title"


@pytest.mark.parametrize("name", shipped_packs())
def test_every_shipped_pack_reads_and_its_translations_keep_the_placeholders(name):
    english = text_module._read(shipped_path(name), "text.toml")
    assert english, f"{name}: an empty pack"
    for lang in set(LANGUAGES) - {"en"}:
        other = text_module._read(shipped_path(name, lang), f"text.{lang}.toml")
        for key, sentence in other.items():
            assert key in english, f"{name} {lang}: '{key}' is not an English key (a typo?)"
            if isinstance(sentence, str):
                assert placeholders(sentence) == placeholders(english[key]), f"{name} {lang}: '{key}'"


# --- no learner-visible English left in Python -------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z][A-Za-z']+[,.;:!?)]?|\(?[A-Za-z][A-Za-z']+")  # a word, not "ck-hint" or "max-width"
LABEL = re.compile(r"\s*[A-Z][a-z]+[:.]?\s*")  # one capitalised word: a label such as "Lane" or "Energy"
MARK = "not-learner-text"  # a comment on the string's line: this string is never shown (a CSS rule, a log line)
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}


def visible(literal: str) -> str:
    """What of a literal a person could read: without tags and their attributes, placeholders and entities."""
    literal = re.sub(r"/\*.*?\*/", " ", literal, flags=re.S)  # CSS comments
    literal = re.sub(r"<[^>]*>?", " ", literal)
    literal = re.sub(r"\{[^}]*\}", " ", literal)
    return re.sub(r"&[a-z#0-9]+;", " ", literal)


def english_left(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and body:
            if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))  # docstrings
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in LOGGING
                and isinstance(node.func.value, ast.Name) and node.func.value.id in {"log", "logger", "logging"}):
            skip.update(id(sub) for sub in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in skip:
            continue
        if MARK in lines[node.lineno - 1]:
            continue
        shown = visible(node.value)
        tokens = [bool(WORD.fullmatch(token)) for token in shown.split()]
        if any(a and b for a, b in zip(tokens, tokens[1:], strict=False)) or LABEL.fullmatch(shown):
            found.append(f"{path.relative_to(SRC.parent)}:{node.lineno}: {node.value[:60]!r}")
    return sorted(dict.fromkeys(found), key=lambda line: int(line.split(":")[1]))


def presentation_and_domain_files() -> list[Path]:
    """Views, charts and domain logic: every file whose strings reach a learner's screen."""
    files = sorted((SRC / "ui").rglob("*.py")) + sorted((SRC / "modules").rglob("*.py"))
    return [*files, SRC / "room" / "charts.py"]


# Files still holding their English in Python: each leaves this list when its words move to its text pack.
NOT_YET: set[str] = set()


def _still_english(path: Path) -> bool:
    where = path.relative_to(SRC).as_posix()
    return path.name != "__init__.py" and any(where.startswith(prefix) for prefix in NOT_YET)


@pytest.mark.parametrize("path", presentation_and_domain_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_learner_visible_english_is_left_in_python(path):
    left = english_left(path)
    if _still_english(path):
        assert left, f"{path.name} holds no English any more: take it off NOT_YET"
        pytest.xfail(f"{len(left)} strings have not moved to its text pack yet")
    assert not left, "English a learner reads, still in Python (move it to the text pack):\n" + "\n".join(left)


def test_the_scan_finds_a_label_a_sentence_and_an_fstring_part(tmp_path):
    probe = SRC / "_probe_for_the_scan.py"  # inside src so paths print as they would
    probe.write_text('"""Docstring."""\nimport ipywidgets as w\nlog = None\n'
                     'a = w.Text(description="Energy")\n'
                     'b = f"<p class=\'ck-hint\'>Your log feeds {x} the ranking</p>"\n'
                     'c = "ck-hint ck-wide"\n'
                     'd = "1px solid #ccc"  # not-learner-text: CSS\n'
                     'e = "Not saved yet"  # not-learner-text\n'
                     'log.warning("could not restore %s", 1)\n', encoding="utf-8")
    try:
        found = english_left(probe)
    finally:
        probe.unlink()
    assert [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in found] == ["4", "5", "5"]  # both parts of b


def test_working_in_a_language_for_a_while_puts_the_setting_back(monkeypatch):
    """``careerkit build --lang es`` and the doctor work in a language, then leave CAREERKIT_LANG as they found it;
    a language the kit does not ship is refused with a sentence naming the ones it has."""
    import os

    from careerkit.content.text import in_language, language
    from careerkit.errors import CareerkitError

    monkeypatch.delenv("CAREERKIT_LANG", raising=False)
    with in_language("es"):
        assert language() == "es" and texts("build")("handout.notes") == "Tus notas"
    assert "CAREERKIT_LANG" not in os.environ and language() == "en"
    monkeypatch.setenv("CAREERKIT_LANG", "en")
    with pytest.raises(CareerkitError, match=r"The kit has no language 'fr'\. Languages: en, es\."):
        with in_language("fr"):
            pass
    assert os.environ["CAREERKIT_LANG"] == "en"
