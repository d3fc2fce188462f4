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
    """A participant name that cannot be used (empty, control characters, '/', a Windows device name...)."""

    def __init__(self, participant: str, problem: str, source: str = ""):
        self.participant = participant
        self.problem = problem
        self.source = source
        super().__init__(self.sentence())

    def sentence(self, name_box: str = "in 00_welcome") -> str:
        """The message, sending the learner to the name box ``name_box`` (00_welcome itself says "below")."""
        where = f" (set in {self.source})" if self.source else ""
        if self.source.startswith("CAREERKIT_"):
            fix = (f"Ask your facilitator to set {self.source} to your hub username, or to unset it so you can type "
                   f"your name {name_box}.")
        elif self.source:
            fix = f"Type your name again {name_box}."
        else:
            fix = "Use up to 128 characters: letters in any script, digits, spaces and punctuation other than '/'."
        return f"'{self.participant[:40]}'{where} cannot be used as a participant name: {self.problem}. {fix}"


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


class WorkbookOwnerError(WorkbookError):
    """The workbook file at a name's path holds another participant's answers."""

    def __init__(self, path: Path, owner: str, participant: str):
        self.owner = owner
        self.participant = participant
        CareerkitError.__init__(
            self,
            f"The workbook {path} holds the answers of '{owner[:40]}', not of '{participant[:40]}', so it is not "
            "opened and nothing in it is changed. Check the name you chose (names differ by case and spaces), "
            "or ask your facilitator.",
        )
        self.path = Path(path)
        self.problem = f"it belongs to '{owner[:40]}'"
        self.backup = None


class UnstorableError(WorkbookError):
    """Something to be saved (an answer, a version's note) that JSON cannot hold; the workbook is unchanged."""

    def __init__(self, path: Path, what: str, problem: str):
        CareerkitError.__init__(
            self,
            f"{what[:1].upper()}{what[1:]} could not be saved in your workbook {path}: it {problem}. "
            "Everything saved before is unchanged; change it and try again.",
        )
        self.path = Path(path)
        self.problem = problem
        self.backup = None


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
