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


def say(key: str, /, **values) -> str:
    """A sentence of the shared ``ui`` pack (``[errors.*]``) in the learner's language. An error must always be able
    to say something: if the pack itself cannot be read, the key and its values are said as they are."""
    try:
        from careerkit.content.text import texts

        return texts("ui")(f"errors.{key}", **values)
    except CareerkitError:
        return f"{key} {values}" if values else key


class ParticipantIdError(CareerkitError):
    """A participant name that cannot be used (empty, control characters, '/', a Windows device name...).

    ``problem`` names the sentence that says what is wrong (``errors.participant.<problem>`` in the ui pack:
    ``empty``, ``too_long``...), filled with ``values``."""

    def __init__(self, participant: str, problem: str, source: str = "", **values):
        self.participant = participant
        self.problem_key = problem
        self.values = values
        self.source = source
        super().__init__(self.sentence())

    @property
    def problem(self) -> str:
        return say(f"participant.{self.problem_key}", **self.values)

    def sentence(self, name_box: str | None = None) -> str:
        """The message, sending the learner to the name box ``name_box`` (00_welcome itself says "below")."""
        name_box = name_box if name_box is not None else say("participant.name_box")
        where = say("participant.where", source=self.source) if self.source else ""
        if self.source.startswith("CAREERKIT_"):
            fix = say("participant.fix_setting", source=self.source, name_box=name_box)
        elif self.source:
            fix = say("participant.fix_again", name_box=name_box)
        else:
            fix = say("participant.fix_rules")
        return say("participant.sentence", name=self.participant[:40], where=where, problem=self.problem, fix=fix)


class WorkbookError(CareerkitError):
    """A workbook file could not be read or written."""

    def __init__(self, path: Path, problem: str, backup: Path | None = None):
        self.path = Path(path)
        self.problem = problem
        self.backup = backup
        kept = say("workbook.kept", backup=backup) if backup else ""
        super().__init__(say("workbook.sentence", path=self.path, problem=problem, kept=kept))


class WorkbookOwnerError(WorkbookError):
    """The workbook file at a name's path holds another participant's answers."""

    def __init__(self, path: Path, owner: str, participant: str):
        self.owner = owner
        self.participant = participant
        CareerkitError.__init__(self, say("workbook.owner", path=path, owner=owner[:40], participant=participant[:40]))
        self.path = Path(path)
        self.problem = say("workbook.belongs", owner=owner[:40])
        self.backup = None


class UnstorableError(WorkbookError):
    """Something to be saved (an answer, a version's note) that JSON cannot hold; the workbook is unchanged."""

    def __init__(self, path: Path, what: str, problem: str):
        CareerkitError.__init__(self, say("workbook.unstorable", what=f"{what[:1].upper()}{what[1:]}", path=path,
                                           problem=problem))
        self.path = Path(path)
        self.problem = problem
        self.backup = None


class VersionNotFoundError(CareerkitError):
    """A plan version that was never shipped."""

    def __init__(self, label: str, known: list[str]):
        self.label = label
        self.known = known
        names = ", ".join(known) if known else say("workbook.no_versions")
        super().__init__(say("workbook.no_version", label=label, names=names))


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
