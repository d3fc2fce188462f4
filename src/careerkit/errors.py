"""One family of errors, each carrying a sentence a facilitator or learner can act on."""

from __future__ import annotations

from pathlib import Path


class CareerkitError(Exception):
    """Base class: ``str(err)`` is a message fit to show a participant."""


class ContentError(CareerkitError):
    """A content file (lanes, drills, prompts...) is missing or does not validate."""

    def __init__(self, name: str, problem: str):
        self.name = name
        self.problem = problem
        super().__init__(
            f"The content file '{name}' could not be used: {problem}. "
            "Fix the file (or remove your override in CAREERKIT_CONTENT) and run the cell again."
        )


class ParticipantIdError(CareerkitError):
    """A participant name that cannot safely be used as a file name."""

    def __init__(self, participant: str, problem: str):
        self.participant = participant
        self.problem = problem
        super().__init__(
            f"'{participant[:40]}' cannot be used as a participant name: {problem}. "
            "Use letters, digits, spaces, dots, dashes or underscores (up to 64 characters)."
        )


class WorkbookError(CareerkitError):
    """A workbook file could not be read or written."""

    def __init__(self, path: Path, problem: str, backup: Path | None = None):
        self.path = Path(path)
        self.problem = problem
        self.backup = backup
        kept = f" A copy of the damaged file was kept at {backup}." if backup else ""
        super().__init__(
            f"Your workbook {self.path} could not be used: {problem}.{kept} "
            "Your answers in it have not been replaced. Ask your facilitator, or move the file "
            "aside and run the cell again to start a fresh workbook."
        )


class VersionNotFoundError(CareerkitError):
    """A plan version that was never shipped."""

    def __init__(self, label: str, known: list[str]):
        self.label = label
        self.known = known
        names = ", ".join(known) if known else "none yet"
        super().__init__(f"There is no plan version '{label}'. Versions shipped so far: {names}.")


class BuildError(CareerkitError):
    """A notebook failed to execute or export during ``careerkit build``."""

    def __init__(self, notebook: str, problem: str, cell: int | None = None):
        self.notebook = notebook
        self.cell = cell
        self.problem = problem
        where = f" (cell {cell})" if cell is not None else ""
        super().__init__(f"Building {notebook}{where} failed: {problem}")


class AgendaError(CareerkitError):
    """A notebook's module metadata or ``agendas.toml`` does not add up."""


class RoomError(CareerkitError):
    """The room refused a request, or could not be reached: an HTTP status, a short code and a sentence."""

    def __init__(self, status: int, code: str, message: str):
        self.status = status
        self.code = code
        self.message = message
        super().__init__(message)
