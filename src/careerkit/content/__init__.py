"""Content is data: every lane, drill, stage and prompt lives in a TOML file beside this module.

A facilitator can edit or translate those files without touching Python. Setting
``CAREERKIT_CONTENT`` to a folder makes files there win over the shipped ones (same file names).
Every file is validated on load against the pydantic model its domain module passes in.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Collection
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from careerkit.constants import ENV_CONTENT
from careerkit.errors import ContentError

SCHEMA_VERSION = 1
TIMESTAMP = re.compile(r"^\[\d{2}:\d{2}:\d{2}\]$")

M = TypeVar("M", bound=BaseModel)


class ContentModel(BaseModel):
    """Base for content models: unknown keys are mistakes, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Cited(ContentModel):
    """An item drawn from the source episode, with the timestamp that grounds it."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    timestamp: str

    @field_validator("timestamp")
    @classmethod
    def _timestamp_format(cls, value: str) -> str:
        if not TIMESTAMP.match(value):
            raise ValueError(f"timestamp {value!r} should look like [00:08:11]")
        return value


class ContentFile(ContentModel):
    """Every content file starts with its schema version."""

    schema_version: int

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(f"schema_version {value} is not supported (this kit reads {SCHEMA_VERSION})")
        return value


def one_of(value: str, allowed: Collection[str], what: str) -> str:
    """An answer's choice must be one of the content's ids (a sentence for the participant otherwise)."""
    if value not in allowed:
        raise ValueError(f"choose a {what} from the list")
    return value


def _override_dir() -> Path | None:
    folder = os.environ.get(ENV_CONTENT)
    return Path(folder) if folder else None


def read_text(filename: str) -> str:
    """The text of a content file: the facilitator's override if there is one, else the shipped file."""
    override = _override_dir()
    if override and (override / filename).is_file():
        return (override / filename).read_text(encoding="utf-8")
    try:
        return resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(filename, "the file does not exist") from None


def _format_validation(err: ValidationError) -> str:
    parts = []
    for item in err.errors()[:3]:
        where = ".".join(str(p) for p in item["loc"]) or "top level"
        parts.append(f"{where}: {item['msg']}")
    more = f" (and {err.error_count() - 3} more)" if err.error_count() > 3 else ""
    return "; ".join(parts) + more


@cache
def _load_cached(name: str, model: type[M], override: str | None) -> M:
    filename = f"{name}.toml"
    try:
        data = tomllib.loads(read_text(filename))
    except tomllib.TOMLDecodeError as err:
        raise ContentError(filename, f"it is not valid TOML ({err})") from None
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise ContentError(filename, _format_validation(err)) from None


def load_content(name: str, model: type[M]) -> M:
    """Load ``content/<name>.toml`` and validate it against ``model`` (cached per override folder)."""
    override = _override_dir()
    return _load_cached(name, model, str(override) if override else None)


def shipped_content_names() -> list[str]:
    """Names of every shipped content file (without ``.toml``), for tests and ``careerkit doctor``."""
    return sorted(
        p.name[: -len(".toml")] for p in resources.files(__name__).iterdir() if p.name.endswith(".toml")
    )


def demo_answers() -> dict[str, object]:
    """The fictional demo participant's answers, merged from ``content/demo/*.json`` (one file per module).

    ``demo/versions.json`` is not answers: it holds the demo's earlier plan versions (see ``careerkit.plan``).
    """
    answers: dict[str, object] = {}
    folder = resources.files(__name__).joinpath("demo")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json") or entry.name == "versions.json":
            continue
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise ContentError(f"demo/{entry.name}", f"it is not valid JSON ({err})") from None
        answers.update(data)
    return answers
