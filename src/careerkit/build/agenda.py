"""Runs of show for a group: 90 minutes, half day, full day, built from the notebooks themselves.

Every minute comes from one place. A module's teaching and exercise minutes, objectives and key
points are read from its notebook's ``careerkit`` metadata and exercise cells; which modules and
exercises each format holds, its breaks, start time and length come from ``content/agendas.toml``.
A new notebook joins every format that takes ``modules = "all"`` without touching this code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from careerkit.constants import META_KEY
from careerkit.content import ContentFile, ContentModel, Sourced, load_content
from careerkit.content.text import BUILD, ENGLISH, in_language, language, texts
from careerkit.errors import AgendaError


# modules, discovered from the notebooks
@dataclass(frozen=True)
class ExerciseInfo:
    key: str
    title: str
    minutes: int
    timestamp: str


@dataclass(frozen=True)
class ModuleInfo:
    """One notebook's module facts, as its metadata and exercise cells state them."""

    stem: str
    title: str
    teaching: int
    exercises: tuple[ExerciseInfo, ...]
    objectives: tuple[str, ...] = ()
    keypoints: tuple[str, ...] = ()
    activities: int = 0  # hands-on minutes of a module without exercise cells (00_welcome: choosing a name)

    @property
    def label(self) -> str:
        number = self.stem.split("_", 1)[0]
        return f"{number} {self.title}" if number.isdigit() else self.title

    @property
    def name(self) -> str:
        """The module part of its exercise keys (``versioning`` for ``versioning.roadmap``)."""
        keys = {e.key.split(".")[0] for e in self.exercises}
        return keys.pop() if len(keys) == 1 else self.stem.split("_", 1)[-1]


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _exercise_title(cell: dict, key: str) -> str:
    for line in _source(cell).splitlines():
        line = line.strip()
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return key


def read_module(path: Path) -> ModuleInfo | None:
    """The module facts of one notebook, or None if it carries no careerkit metadata."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise AgendaError(f"The notebook {path.name} could not be read ({err}).") from None
    meta = nb.get("metadata", {}).get(META_KEY) if isinstance(nb, dict) else None
    if not isinstance(meta, dict):
        return None
    exercises = []
    for cell in nb.get("cells", []):
        info = cell.get("metadata", {}).get(META_KEY)
        if isinstance(info, dict) and "exercise" in info:
            key = str(info["exercise"])
            exercises.append(
                ExerciseInfo(key, _exercise_title(cell, key), int(info.get("minutes", 0)), str(info.get("timestamp", "")))
            )
    try:
        declared = int(meta["exercises"])
        module = ModuleInfo(
            stem=path.stem,
            title=str(meta["title"]),
            teaching=int(meta["teaching"]),
            exercises=tuple(exercises),
            objectives=tuple(str(o) for o in meta.get("objectives", [])),
            keypoints=tuple(str(k) for k in meta.get("keypoints", [])),
            activities=0 if exercises else declared,
        )
    except (KeyError, TypeError, ValueError) as err:
        raise AgendaError(f"The notebook {path.name} has incomplete module metadata ({err}).") from None
    counted = sum(e.minutes for e in exercises)
    if exercises and declared != counted:
        raise AgendaError(
            f"The notebook {path.name} says its exercises take {declared} min, but its exercise cells add up to "
            f"{counted} min. Fix the notebook's metadata (or the exercise time boxes) and build the agenda again."
        )
    return module


def notebooks_folder() -> Path:
    """The notebooks of the language in use: ``notebooks/``, or ``notebooks/es/`` in Spanish."""
    from careerkit.lab.launch import notebooks_dir

    return notebooks_dir(language())


def discover_modules(folder: Path | None = None) -> list[ModuleInfo]:
    """Every module notebook in ``folder`` (default: the kit's notebooks), in teaching order."""
    folder = folder or notebooks_folder()
    modules = [read_module(path) for path in sorted(folder.glob("*.ipynb"))]
    return [m for m in modules if m is not None]


# formats, declared in content/agendas.toml
class Break(ContentModel):
    after_minutes: int = Field(ge=0)  # placed at the first module boundary at or after this many minutes
    minutes: int = Field(ge=1, le=120)
    label: str


class AgendaFormat(Sourced):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    minutes: int = Field(ge=30, le=720)
    start: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    description: str = ""
    leaves_out: str = ""  # said plainly on the agenda: what of the source this format does not teach, and where it is
    modules: Literal["all"] | list[str]
    exercises: dict[str, list[str]] = {}
    breaks: list[Break] = []
    closing: str = "Questions and close"

    @field_validator("breaks")
    @classmethod
    def _in_order(cls, breaks: list[Break]) -> list[Break]:
        return sorted(breaks, key=lambda b: b.after_minutes)


class AgendasFile(ContentFile):
    formats: list[AgendaFormat] = Field(min_length=1)


def formats() -> list[AgendaFormat]:
    return load_content("agendas", AgendasFile).formats


# the run of show
@dataclass
class Slot:
    start: int  # minutes after the format's start time
    minutes: int
    kind: Literal["module", "break", "close"]
    title: str
    module: ModuleInfo | None = None
    exercises: tuple[ExerciseInfo, ...] = ()
    left_out: tuple[ExerciseInfo, ...] = ()


@dataclass
class Agenda:
    format: AgendaFormat
    slots: list[Slot]
    notes: list[str] = field(default_factory=list)
    skipped: list[ModuleInfo] = field(default_factory=list)  # module notebooks this format does not run

    @property
    def total(self) -> int:
        return sum(slot.minutes for slot in self.slots)

    def clock(self, offset: int) -> str:
        hours, minutes = map(int, self.format.start.split(":"))
        total = hours * 60 + minutes + offset
        return f"{total // 60 % 24:02d}:{total % 60:02d}"

    def markdown(self) -> str:
        """The run of show as Markdown: a timed table, then each module's objectives and key points."""
        return render_markdown(self)


def _module_slot(fmt: AgendaFormat, module: ModuleInfo, start: int) -> Slot:
    chosen = fmt.exercises.get(module.stem)
    if chosen is None:
        picked = module.exercises
    else:
        known = {e.key for e in module.exercises}
        unknown = [key for key in chosen if key not in known]
        if unknown:
            raise AgendaError(
                f"agendas.toml: the format '{fmt.id}' lists {', '.join(unknown)}, which {module.stem} does not have "
                f"(it has: {', '.join(sorted(known)) or 'no exercises'})."
            )
        picked = tuple(e for e in module.exercises if e.key in chosen)
    left_out = tuple(e for e in module.exercises if e not in picked)
    minutes = module.teaching + module.activities + sum(e.minutes for e in picked)
    return Slot(start, minutes, "module", module.label, module, picked, left_out)


def build_agenda(fmt: AgendaFormat, modules: list[ModuleInfo]) -> Agenda:
    """The run of show for one format: modules, breaks at module boundaries, then the close."""
    by_stem = {m.stem: m for m in modules}
    notes: list[str] = []
    if fmt.modules == "all":
        chosen = list(modules)
    else:
        chosen = [by_stem[stem] for stem in fmt.modules if stem in by_stem]
        for stem in fmt.modules:
            if stem not in by_stem:
                notes.append(f"{stem} is named in agendas.toml but there is no notebooks/{stem}.ipynb: left out.")
    for stem in fmt.exercises:
        if fmt.modules != "all" and stem not in fmt.modules:
            notes.append(f"agendas.toml picks exercises of {stem}, which is not in this format.")
    slots: list[Slot] = []
    pending = list(fmt.breaks)
    elapsed = 0
    for index, module in enumerate(chosen):
        slot = _module_slot(fmt, module, elapsed)
        slots.append(slot)
        elapsed += slot.minutes
        while pending and pending[0].after_minutes <= elapsed and index < len(chosen) - 1:
            pause = pending.pop(0)
            slots.append(Slot(elapsed, pause.minutes, "break", pause.label))
            elapsed += pause.minutes
    for pause in pending:
        notes.append(f"The break '{pause.label}' (after {pause.after_minutes} min) falls after the last module: left out.")
    if elapsed > fmt.minutes:
        raise AgendaError(
            f"The format '{fmt.title}' has {fmt.minutes} min but its modules and breaks need {elapsed} min "
            f"({elapsed - fmt.minutes} min too many). Take exercises out in agendas.toml, or lengthen the format."
        )
    if elapsed < fmt.minutes:
        slots.append(Slot(elapsed, fmt.minutes - elapsed, "close", fmt.closing))
    skipped = [m for m in modules if m not in chosen]
    return Agenda(fmt, slots, notes, skipped)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render_markdown(agenda: Agenda) -> str:
    """The run of show in the language of the build (its words come from ``build/text.toml``)."""
    t = texts(BUILD)
    fmt = agenda.format
    span = t("agenda.span", minutes=fmt.minutes, start=agenda.clock(0), end=agenda.clock(agenda.total))
    lines = [
        "# " + t("agenda.heading", title=fmt.title),
        "",
        f"{span} {fmt.description}".rstrip(),
        "",
        *([f"{t('agenda.leaves_out')} {' '.join(fmt.leaves_out.split())}", ""] if fmt.leaves_out else []),
        t("agenda.built_by"),
        "",
        t("agenda.columns"),
        "|---|---:|---|---|",
    ]
    for slot in agenda.slots:
        if slot.kind == "module":
            parts = [t("agenda.teaching", minutes=slot.module.teaching)]
            if slot.module.activities:
                parts.append(t("agenda.hands_on", minutes=slot.module.activities))
            if slot.exercises:
                parts.append(t.plural("agenda.exercises", len(slot.exercises)))
            lines.append(f"| {agenda.clock(slot.start)} | {slot.minutes} | **{_cell(slot.title)}** | {', '.join(parts)} |")
            for ex in slot.exercises:
                lines.append(f"| | {ex.minutes} | &nbsp;&nbsp;{_cell(ex.title)} | `{ex.key}` {_cell(ex.timestamp)} |")
        else:
            lines.append(f"| {agenda.clock(slot.start)} | {slot.minutes} | *{_cell(slot.title)}* | |")
    lines.append(f"| {agenda.clock(agenda.total)} | **{agenda.total}** | **{t('agenda.end')}** | |")
    for slot in agenda.slots:
        if slot.module is None:
            continue
        lines += ["", f"## {slot.title} ({slot.minutes} min)", ""]
        lines += ["- " + t("agenda.objective", text=_cell(o)) for o in slot.module.objectives]
        lines += ["- " + t("agenda.key_point", text=_cell(k)) for k in slot.module.keypoints]
        if slot.left_out:
            lines.append("- " + t("agenda.left_for_later", titles="; ".join(_cell(e.title) for e in slot.left_out)))
        lines.append("- " + t("agenda.guide", path=f"facilitator_guide/{slot.module.stem}.md"))
    if agenda.skipped:
        lines += ["", "## " + t("agenda.not_in_format"), ""]
        for module in agenda.skipped:
            points = "; ".join(_cell(k) for k in module.keypoints)
            lines.append("- " + t("agenda.self_study", label=_cell(module.label), notebook=_notebook_path(module.stem),
                                  guide=f"facilitator_guide/{module.stem}.md", points=points))
    if agenda.notes:
        lines += ["", "## " + t("agenda.notes"), ""] + [f"- {_cell(n)}" for n in agenda.notes]
    return "\n".join(lines) + "\n"


def _notebook_path(stem: str) -> str:
    """Where a module's notebook is, as a facilitator types it: ``notebooks/es/01_versioning.ipynb`` in Spanish."""
    lang = language()
    return f"notebooks/{stem}.ipynb" if lang == ENGLISH else f"notebooks/{lang}/{stem}.ipynb"


def build_agendas(names: list[str] | None = None, folder: Path | None = None) -> list[Agenda]:
    """Every format (or those named by id) as a run of show over the discovered modules."""
    modules = discover_modules(folder)
    if not modules:
        raise AgendaError(f"No module notebooks were found in {folder or notebooks_folder()}.")
    known = formats()
    if names:
        missing = [n for n in names if n not in {f.id for f in known}]
        if missing:
            raise AgendaError(
                f"There is no agenda format {', '.join(missing)}. Formats: {', '.join(f.id for f in known)}."
            )
        known = [f for f in known if f.id in names]
    return [build_agenda(fmt, modules) for fmt in known]


def default_output() -> Path:
    """``workshop/agendas/`` (``workshop/agendas/es/`` in Spanish)."""
    from careerkit.lab.launch import kit_root

    folder = kit_root() / "workshop" / "agendas"
    return folder if language() == ENGLISH else folder / language()


def write_agendas(names: list[str] | None = None, out: Path | None = None,
                  lang: str | None = None) -> list[tuple[Path, str]]:
    """Build the agendas, write each as ``<out>/<format id>.md``, and return (path, markdown) pairs.

    ``lang`` ("es") builds them from that language's notebooks, in its words (default: ``CAREERKIT_LANG``)."""
    with in_language(lang or language()):
        out = out or default_output()
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise AgendaError(f"The folder {out} could not be created ({err.strerror}).") from None
        written = []
        for agenda in build_agendas(names):
            text = agenda.markdown()
            path = out / f"{agenda.format.id}.md"
            path.write_text(text, encoding="utf-8")
            written.append((path, text))
    return written
