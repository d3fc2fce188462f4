"""Content is data: every lane, drill, stage and prompt lives in a TOML file.

Each workshop module's content is ``modules/<module>/content.toml``, in the module's own folder; content shared by
the kit (``agendas.toml``, ``origins.toml``) lives beside this loader. Both are named ``<name>.toml`` here:
``load_content("lanes", ...)`` reads ``modules/lanes/content.toml``. A facilitator can edit or translate those files
without touching Python. Setting ``CAREERKIT_CONTENT`` to a folder makes files there win over the shipped ones, under
those names (``lanes.toml``, ``agendas.toml``). Every file is validated on load against the pydantic model its domain
module passes in.

A translation is an overlay beside the English file, holding only the words: ``modules/lanes/content.es.toml`` (a
facilitator's ``lanes.es.toml`` wins over it). When ``CAREERKIT_LANG=es`` it is merged onto the English content
before validation (see ``merge_overlay``): tables key by key, arrays of tables item by item by ``id``, anything else
replaced whole. The ids, timestamps and origins of items with ids stay in the English file only, so a translation
cannot change them; a list replaced whole (a word list, the synonyms) is the translation's own.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from careerkit.constants import ENV_CONTENT
from careerkit.content.text import ENGLISH, language
from careerkit.errors import ContentError

SCHEMA_VERSION = 1
KIT = "kit"  # the origin of the kit's own ideas (content/origins.toml)
TIMESTAMP = re.compile(r"^\[\d{2}:\d{2}:\d{2}\]$")

M = TypeVar("M", bound=BaseModel)


class ContentModel(BaseModel):
    """Base for content models: unknown keys are mistakes, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Origin(ContentModel):
    """Where an item comes from when it is not the source: the kit itself, or named outside work."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    marker: str = Field(min_length=1)  # shown on screen beside the item
    work: str = Field(min_length=1)  # the full name of the work, for notes and the guide
    title: str = ""  # outside work only: its name, which the marker and the work must contain

    @model_validator(mode="after")
    def _names_the_work(self) -> Origin:
        if self.id != KIT and not self.title:
            raise ValueError(f"origin {self.id}: outside work needs the title of the work")
        for what, text in (("marker", self.marker), ("work", self.work)):
            if self.title and self.title.lower() not in text.lower():
                raise ValueError(f"origin {self.id}: the {what} must name the work ({self.title!r})")
        return self


class OriginsFile(ContentModel):
    schema_version: int
    # how an item built on a moment of the source is cited: "(kit's own, building on [00:09:18])"
    cite_with_timestamp: str = "({marker}, building on {timestamp})"
    origins: list[Origin] = Field(min_length=1)


def _origins_file() -> OriginsFile:
    override = _override_dir()
    return _origins(str(override) if override else None, language())


@cache
def _origins(override: str | None, lang: str) -> OriginsFile:
    try:
        return OriginsFile.model_validate(_merged_data("origins", lang))
    except ValidationError as err:
        raise ContentError(translated_name("origins.toml", lang), _format_validation(err)) from None


def origins() -> dict[str, Origin]:
    """The origins an item may name (``content/origins.toml``), by id, in the learner's language."""
    return {o.id: o for o in _origins_file().origins}


def origin_marker(origin_id: str) -> str:
    """The short on-screen marker of an origin, e.g. "kit's own" or "Designing Your Life"."""
    return origins()[origin_id].marker


def cite_text(timestamp: str | None, origin: str | None) -> str:
    """How an item shows where it comes from: the source's timestamp, the origin's marker, or both."""
    if origin is None:
        return timestamp or ""
    marker = origin_marker(origin)
    if not timestamp:
        return f"({marker})"
    template = _origins_file().cite_with_timestamp
    try:
        return template.format(marker=marker, timestamp=timestamp)
    except (KeyError, IndexError, ValueError) as err:
        raise ContentError("origins.toml", f"cite_with_timestamp uses a placeholder it is not given ({err}); "
                                           "it may use {marker} and {timestamp}") from None


class Sourced(ContentModel):
    """An item that says where it comes from: a source ``timestamp``, an ``origin``, or both.

    A timestamp alone: the item is the source's. An origin alone: the kit's own, or named outside work.
    Both: the kit's own construct (or outside work) built on the moment of the source it cites.
    """

    timestamp: str | None = None
    origin: str | None = None

    @field_validator("timestamp")
    @classmethod
    def _timestamp_format(cls, value: str | None) -> str | None:
        if value is not None and not TIMESTAMP.match(value):
            raise ValueError(f"timestamp {value!r} should look like [00:08:11]")
        return value

    @field_validator("origin")
    @classmethod
    def _known_origin(cls, value: str | None) -> str | None:
        if value is not None and value not in origins():
            raise ValueError(f"origin {value!r} is not in origins.toml (known: {', '.join(origins())})")
        return value

    @model_validator(mode="after")
    def _says_where_from(self):
        if self.timestamp is None and self.origin is None:
            raise ValueError(
                "say where this comes from: a source timestamp such as [00:08:11], or an origin "
                f"({', '.join(origins())})"
            )
        return self

    @property
    def cite(self) -> str:
        """The timestamp for a claim from the source; the origin's marker for anything else."""
        return cite_text(self.timestamp, self.origin)

    @property
    def from_source(self) -> bool:
        return self.origin is None


class Cited(Sourced):
    """A content item with an id, and where it comes from (see ``Sourced``)."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")


class ContentFile(ContentModel):
    """Every content file starts with its schema version."""

    schema_version: int

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(f"schema_version {value} is not supported (this kit reads {SCHEMA_VERSION})")
        return value


def _override_dir() -> Path | None:
    folder = os.environ.get(ENV_CONTENT)
    return Path(folder) if folder else None


MODULE_CONTENT = "content.toml"  # a workshop module's content, in its folder (modules/<module>/content.toml)
MODULE_DEMO = "demo.json"  # the demo participant's answers to a module, in its folder


def _modules_folder():
    return resources.files("careerkit").joinpath("modules")


def _shipped(filename: str):
    """Where a shipped content file is: ``lanes.toml`` is ``modules/lanes/content.toml``, ``agendas.toml`` is here."""
    stem = filename.removesuffix(".toml")
    if filename.endswith(".toml") and "/" not in stem:
        in_module = _modules_folder().joinpath(stem).joinpath(MODULE_CONTENT)
        if in_module.is_file():
            return in_module
    return resources.files(__name__).joinpath(filename)


def read_text(filename: str) -> str:
    """The text of a content file: the facilitator's override if there is one, else the shipped file."""
    override = _override_dir()
    if override and (override / filename).is_file():
        return (override / filename).read_text(encoding="utf-8")
    try:
        return _shipped(filename).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(filename, "the file does not exist") from None


def _format_validation(err: ValidationError) -> str:
    parts = []
    for item in err.errors()[:3]:
        where = ".".join(str(p) for p in item["loc"]) or "top level"
        parts.append(f"{where}: {item['msg']}")
    more = f" (and {err.error_count() - 3} more)" if err.error_count() > 3 else ""
    return "; ".join(parts) + more


def _parse(filename: str, text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ContentError(filename, f"it is not valid TOML ({err})") from None


def translated_name(filename: str, lang: str) -> str:
    """``lanes.toml`` in Spanish is ``lanes.es.toml`` (in a module folder: ``content.es.toml``)."""
    stem, _, ext = filename.rpartition(".")
    return filename if lang == ENGLISH else f"{stem}.{lang}.{ext}"


def _overlay_text(name: str, lang: str) -> tuple[str, str] | None:
    """The translation of ``<name>.toml`` into ``lang`` (file shown in errors, text), or None where there is none.

    A facilitator's ``<name>.<lang>.toml`` wins over the shipped ``modules/<name>/content.<lang>.toml``."""
    filename = translated_name(f"{name}.toml", lang)
    override = _override_dir()
    if override and (override / filename).is_file():
        return filename, (override / filename).read_text(encoding="utf-8")
    module = _modules_folder().joinpath(name)
    if module.joinpath(MODULE_CONTENT).is_file():
        shipped, shown = module.joinpath(translated_name(MODULE_CONTENT, lang)), f"modules/{name}/"
    else:
        shipped, shown = resources.files(__name__).joinpath(filename), "content/"
    if not shipped.is_file():
        return None
    return shown + shipped.name, shipped.read_text(encoding="utf-8")


def _merged_data(name: str, lang: str) -> dict:
    """The English content of ``<name>.toml`` with the ``lang`` overlay merged on it (not yet validated)."""
    filename = f"{name}.toml"
    data = _parse(filename, read_text(filename))
    if lang == ENGLISH:
        return data
    overlay = _overlay_text(name, lang)
    if overlay is None:
        return data
    shown, text = overlay
    return merge_overlay(data, _parse(shown, text), shown)


def merge_overlay(base: dict, overlay: dict, shown: str, where: str = "") -> dict:
    """``base`` with ``overlay`` merged on it: tables key by key; an array of tables whose items all have an ``id``
    item by item by ``id``; anything else (strings, lists of strings, arrays of tables without ids) replaced whole.
    A key or an id the English content does not have is a mistake, named with its file."""
    merged = dict(base)
    for key, value in overlay.items():
        at = f"{where}{key}"
        if key not in base:
            raise ContentError(shown, f"'{at}' is not in the English content (a translation only holds its words)")
        english = base[key]
        if isinstance(value, dict) and isinstance(english, dict):
            merged[key] = merge_overlay(english, value, shown, at + ".")
        elif _by_id(value) and _by_id(english):
            merged[key] = _merge_items(english, value, shown, at)
        else:
            merged[key] = value
    return merged


def _by_id(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) and "id" in v for v in value)


def _merge_items(english: list[dict], overlay: list[dict], shown: str, at: str) -> list[dict]:
    words = {item["id"]: item for item in overlay}
    known = {item["id"] for item in english}
    unknown = sorted(str(i) for i in set(words) - known)
    if unknown:
        raise ContentError(shown, f"'{at}' has items the English content does not have: {', '.join(unknown)}")
    return [merge_overlay(item, words[item["id"]], shown, f"{at}[{item['id']}].") if item["id"] in words else item
            for item in english]


@cache
def _load_cached(name: str, model: type[M], override: str | None, lang: str = ENGLISH) -> M:
    data = _merged_data(name, lang)
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise ContentError(translated_name(f"{name}.toml", lang), _format_validation(err)) from None


def load_content(name: str, model: type[M]) -> M:
    """Load ``<name>.toml`` (``modules/<name>/content.toml``, else ``content/<name>.toml``) and validate it.

    In a translated language its overlay (``content.es.toml``) is merged on first. It is checked against ``model``
    and cached per override folder and language.
    """
    override = _override_dir()
    return _load_cached(name, model, str(override) if override else None, language())


def item_labels(name: str) -> dict[str, str]:
    """Each item of ``<name>.toml`` by id, as the learner sees it named (its ``label``, else its ``text``, in the
    learner's language):
    ``{"crafting": "Crafting", ...}``. Empty for a name that has no content file."""
    if not _modules_folder().joinpath(name).joinpath(MODULE_CONTENT).is_file():
        return {}
    override = _override_dir()
    return _labels(name, str(override) if override else None, language())


@cache
def _labels(name: str, override: str | None, lang: str) -> dict[str, str]:
    labels: dict[str, str] = {}

    def walk(value) -> None:
        if isinstance(value, dict):
            shown = value.get("label") or value.get("text")  # a lane's label; a statement the learner rated
            if isinstance(value.get("id"), str) and isinstance(shown, str):
                labels.setdefault(value["id"], shown)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(_merged_data(name, lang))
    return labels


def _module_folders() -> list:
    return sorted((p for p in _modules_folder().iterdir() if p.is_dir() and not p.name.startswith("_")),
                  key=lambda p: p.name)


def shipped_content_names() -> list[str]:
    """Names of every shipped content file (without ``.toml``), for tests and ``careerkit doctor``.

    A module's ``content.toml`` is named after its folder (``lanes``); shared files after themselves (``agendas``).
    """
    shared = [p.name[: -len(".toml")] for p in resources.files(__name__).iterdir()
              if p.name.endswith(".toml") and p.name.count(".") == 1]  # a translation (origins.es.toml) is not a file of its own
    in_modules = [p.name for p in _module_folders() if p.joinpath(MODULE_CONTENT).is_file()]
    return sorted([*shared, *in_modules])


def localized(folder, filename: str):
    """``folder/filename`` in the learner's language: ``demo.es.json`` in Spanish where it exists, else ``demo.json``."""
    lang = language()
    if lang != ENGLISH:
        translated = folder.joinpath(translated_name(filename, lang))
        if translated.is_file():
            return translated
    return folder.joinpath(filename)


def demo_answers() -> dict[str, object]:
    """The fictional demo participant's answers, merged from ``modules/<module>/demo.json`` (one file per module),
    or ``demo.es.json`` in Spanish.

    ``modules/plan/demo_versions.json`` is not answers: it holds the demo's earlier plan versions (see
    ``careerkit.modules.plan.domain``).
    """
    answers: dict[str, object] = {}
    for folder in _module_folders():
        entry = localized(folder, MODULE_DEMO)
        if not entry.is_file():
            continue
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise ContentError(f"modules/{folder.name}/{entry.name}", f"it is not valid JSON ({err})") from None
        answers.update(data)
    return answers
