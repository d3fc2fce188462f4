"""Every word a learner reads on screen is data: labels, placeholders, hints, feedback sentences, chart titles and
axis labels, export headings.

Each pack is a TOML file of sentences by key:
- ``modules/<module>/text.toml`` for one workshop module (``texts("lanes")``);
- ``ui/text.toml`` for what every exercise shares (``texts("ui")``): saved, not saved, sharing, number boxes.

One file per language: ``text.toml`` is English, ``text.es.toml`` Spanish. ``CAREERKIT_LANG=es`` picks the
language; a key the language's file lacks shows the English sentence. A facilitator's ``CAREERKIT_CONTENT``
folder may hold ``<pack>.text.toml`` or ``<pack>.text.es.toml``: its sentences win over the shipped ones, key by
key.

A sentence is a template: ``"You picked {count} lanes."``. ``t("key", count=2)`` fills it as plain text;
``t.html("key", lane=label)`` escapes the values (never the template, which is the kit's own text and may hold
``<b>``) for an HTML widget. A key whose value is a table with ``one`` and ``other`` is a plural:
``t.plural("steps", n)`` picks by ``n`` and fills ``{n}``. A list of strings is read with ``t.items("key")``.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import string
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from careerkit.constants import ENV_CONTENT, ENV_LANG
from careerkit.errors import CareerkitError, ContentError

log = logging.getLogger(__name__)

ENGLISH = "en"
LANGUAGES = {"en": "English", "es": "Español"}  # the languages the kit ships, by code
SHARED = "ui"  # the pack every exercise shares
BUILD = "build"  # the words of the built decks, handouts, index page and agendas
LAYERS = (SHARED, BUILD)  # packs that live in a layer's folder (ui/, build/), not in a module's


def language() -> str:
    """The language learners see: ``CAREERKIT_LANG`` if the kit ships it, else English (and one log line)."""
    return _shipped_language(os.environ.get(ENV_LANG) or ENGLISH)


def check_language(code: str) -> str:
    """``code`` if the kit ships that language; otherwise a sentence naming the languages it has."""
    if code not in LANGUAGES:
        raise CareerkitError(f"The kit has no language '{code}'. Languages: {', '.join(LANGUAGES)}.")
    return code


@contextlib.contextmanager
def in_language(code: str):
    """Work in ``code`` for a while (this process, and the kernels it starts, which inherit its environment), then
    put the setting back as it was: ``careerkit build --lang es``, ``careerkit agenda --lang es``, the doctor."""
    before = os.environ.get(ENV_LANG)
    os.environ[ENV_LANG] = check_language(code)
    try:
        yield code
    finally:
        if before is None:
            os.environ.pop(ENV_LANG, None)
        else:
            os.environ[ENV_LANG] = before


def set_language(code: str) -> str:
    """Show this kernel's exercises in ``code`` ("es"): a translated notebook's first cell says its language, so
    its widgets speak it whatever the environment says. Returns the language now in use."""
    os.environ[ENV_LANG] = code
    return language()


@cache
def _shipped_language(setting: str) -> str:
    code = setting.strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        log.warning("%s=%r is not a language this kit ships (%s): showing English", ENV_LANG, code,
                    ", ".join(LANGUAGES))
        return ENGLISH
    return code


def _package_root() -> Path:
    return Path(str(resources.files("careerkit")))


def _as_shown(path: Path) -> str:
    """A file as a coach knows it: inside the kit, from the package (``modules/lanes/text.toml``), else its name."""
    root = _package_root()
    return str(path.relative_to(root)) if path.is_relative_to(root) else path.name


def _file_name(lang: str) -> str:
    return "text.toml" if lang == ENGLISH else f"text.{lang}.toml"


def shipped_path(pack: str, lang: str = ENGLISH) -> Path:
    """Where a shipped pack lives in the package (it may not exist for a language not yet translated)."""
    root = _package_root()
    folder = root / pack if pack in LAYERS else root / "modules" / pack
    return folder / _file_name(lang)


def override_path(pack: str, lang: str = ENGLISH) -> Path | None:
    folder = os.environ.get(ENV_CONTENT)
    if not folder:
        return None
    suffix = "" if lang == ENGLISH else f".{lang}"
    return Path(folder) / f"{pack}.text{suffix}.toml"


def _read(path: Path | None, shown_as: str) -> dict[str, Any]:
    if path is None or not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ContentError(shown_as, f"it cannot be read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise ContentError(shown_as, f"it is not valid TOML ({err})") from None
    return flatten(data)


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested tables as dotted keys; a plural table (``one`` and ``other``) stays one entry."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and not _is_plural(value):
            out.update(flatten(value, dotted + "."))
        else:
            out[dotted] = value
    return out


def _is_plural(value: Any) -> bool:
    return isinstance(value, dict) and set(value) <= {"zero", "one", "other"} and "other" in value


def placeholders(template: str) -> set[str]:
    """The names a template fills: ``"{count} of {total}"`` -> ``{"count", "total"}``."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


REF = "@"  # a field title or list-item name that is a reference to a sentence: "@versioning:ex_growth.base_salary"


def ref(pack: str, key: str) -> str:
    """A sentence named where a plain string is expected (a pydantic ``Field(title=...)``), read when shown:
    ``Field(0, title=ref("versioning", "ex_growth.base_salary"))``. The language is the one at the time of showing."""
    return f"{REF}{pack}:{key}"


def resolve(text: str | None) -> str:
    """The sentence a ``ref`` names, in the learner's language; any other text as it is."""
    if not text or not text.startswith(REF) or ":" not in text:
        return text or ""
    pack, key = text[len(REF):].split(":", 1)
    return texts(pack)(key)


@dataclass
class Texts:
    """The sentences of one pack in one language, with English behind them."""

    pack: str
    lang: str
    layers: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (file shown in errors, sentences)

    def raw(self, key: str) -> Any:
        for _, sentences in self.layers:
            if key in sentences:
                return sentences[key]
        raise ContentError(f"{self.pack} text",
                           f"it has no sentence '{key}' (add it to {_as_shown(shipped_path(self.pack))})")

    def _where(self, key: str) -> str:
        """The file a sentence comes from, as a coach knows it: ``lanes.text.toml`` or ``modules/lanes/text.toml``."""
        for source, sentences in self.layers:
            if key in sentences:
                return _as_shown(Path(source))
        return f"{self.pack} text"

    def _fill(self, key: str, template: Any, values: dict[str, Any]) -> str:
        if not isinstance(template, str):
            raise ContentError(self._where(key), f"'{key}' should be a sentence, not {type(template).__name__}")
        try:
            return template.format_map(values)
        except (KeyError, IndexError, ValueError) as err:
            raise ContentError(
                self._where(key),
                f"'{key}' uses a placeholder it is not given ({err}); it may use {sorted(values) or 'none'}",
            ) from None

    def __call__(self, key: str, /, **values: Any) -> str:
        """The sentence ``key`` as plain text, its placeholders filled with ``values``."""
        return self._fill(key, self.raw(key), values)

    def html(self, key: str, /, **values: Any) -> str:
        """The sentence ``key`` for an HTML widget: the values are escaped, the kit's template is not."""
        return self._fill(key, self.raw(key), {k: html.escape(str(v), quote=True) for k, v in values.items()})

    def plural(self, key: str, n: int, /, *, as_html: bool = False, **values: Any) -> str:
        """The form of ``key`` for ``n`` (``one`` for 1, ``zero`` for 0 if given, else ``other``), ``{n}`` filled."""
        forms = self.raw(key)
        if not _is_plural(forms):
            raise ContentError(self._where(key), f"'{key}' should be a table with 'one' and 'other'")
        form = forms.get("zero") if n == 0 and "zero" in forms else forms.get("one") if n == 1 else None
        template = form if form is not None else forms["other"]
        filled = {k: html.escape(str(v), quote=True) for k, v in values.items()} if as_html else values
        return self._fill(key, template, {"n": n, **filled})

    def items(self, key: str) -> list[str]:
        """A list of sentences (choices, steps) kept under one key."""
        value = self.raw(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ContentError(self._where(key), f"'{key}' should be a list of sentences")
        return list(value)

    def __contains__(self, key: object) -> bool:
        """Whether the pack has a sentence ``key``, in any of its layers (without building the set of all keys)."""
        return any(key in sentences for _, sentences in self.layers)

    def keys(self) -> set[str]:
        return {key for _, sentences in self.layers for key in sentences}


@cache
def _texts(pack: str, lang: str, override: str | None) -> Texts:
    layers: list[tuple[str, dict[str, Any]]] = []
    chain = [lang, ENGLISH] if lang != ENGLISH else [ENGLISH]
    for code in chain:
        for path in (override_path(pack, code), shipped_path(pack, code)):
            sentences = _read(path, path.name if path else "")
            if sentences:
                layers.append((str(path), sentences))
    if not layers:
        raise ContentError(f"{pack} text", f"there is no {shipped_path(pack)}")
    return Texts(pack, lang, layers)


def texts(pack: str) -> Texts:
    """The sentences of ``pack`` (a module's name, or ``"ui"``) in the learner's language."""
    return _texts(pack, language(), os.environ.get(ENV_CONTENT) or None)


def shipped_packs() -> list[str]:
    """Every pack the kit ships: ``ui``, ``build`` and each module folder holding a ``text.toml``."""
    root = _package_root()
    modules = sorted(p.parent.name for p in (root / "modules").glob("*/text.toml"))
    return [*(layer for layer in LAYERS if (root / layer / "text.toml").is_file()), *modules]
