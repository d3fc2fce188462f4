"""Two people on one machine: another Unix user can neither list a learner's careerkit folder nor read
their workbook, its backups or their exported plan.

Run as root (CI is), the test creates a real second user for the run and removes it afterwards. Run as
anyone else, it checks the modes the other user would meet.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from careerkit.constants import ENV_HOME
from careerkit.content import demo_answers
from careerkit.errors import WorkbookError
from careerkit.modules.plan.export import export_plan, find_chromium
from careerkit.store import session

CAN_ADD_USERS = os.geteuid() == 0 and all(shutil.which(tool) for tool in ("useradd", "userdel", "runuser"))


@pytest.fixture
def learners_home(monkeypatch):
    """A learner's home the way Debian makes it (0755, so others may traverse it), holding .careerkit."""
    home = Path(tempfile.mkdtemp(prefix="ck-learner-", dir="/tmp"))
    os.chmod(home, 0o755)
    monkeypatch.setenv(ENV_HOME, str(home / ".careerkit"))
    session._cache.clear()
    yield home
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def other_user():
    name = f"ckother{secrets.token_hex(3)}"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True,
                   capture_output=True)
    try:
        yield name
    finally:
        subprocess.run(["userdel", name], check=False, capture_output=True)


def _as(user: str, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", user, "--", *command], capture_output=True, text=True, timeout=30)


def _learner_writes_everything(home: Path) -> list[Path]:
    session.set_participant("Ana Lopez")
    book = session.workbook()
    book.replace_answers(demo_answers())
    formats = ("html", "md", "pdf") if find_chromium() else ("html", "md")
    result = export_plan(book, formats)
    other = type(book)("Bo", book.home)
    other.path.write_bytes(b"[1, 2")  # a damaged workbook (not written by the kit); its backup is the kit's
    os.chmod(other.path, 0o600)
    with pytest.raises(WorkbookError):
        other.answers()
    return [book.path, *result.files, *book.home.glob("*~damaged-*.json"), book.home / session.CURRENT_FILE]


@pytest.mark.skipif(not CAN_ADD_USERS, reason="needs root to create a second user; the modes test covers this")
def test_another_user_can_neither_list_the_folder_nor_read_a_plan(learners_home, other_user):
    files = _learner_writes_everything(learners_home)
    kit = learners_home / ".careerkit"
    # the test can tell: the other user can list the learner's home, and read an ordinary 0644 file in it
    control = learners_home / "shopping-list.txt"
    control.write_text("milk")
    os.chmod(control, 0o644)
    assert ".careerkit" in _as(other_user, "ls", "-a", str(learners_home)).stdout
    assert _as(other_user, "cat", str(control)).stdout == "milk"
    # and cannot see into the kit's folder, nor read anything the kit wrote
    listing = _as(other_user, "ls", str(kit))
    assert listing.returncode != 0 and "Permission denied" in listing.stderr
    assert _as(other_user, "ls", str(kit / "plans")).returncode != 0
    assert len(files) >= 5 and any(p.suffix == ".html" for p in files) and any(p.suffix == ".png" for p in files)
    for path in files:
        read = _as(other_user, "cat", str(path))
        assert read.returncode != 0 and read.stdout == "", path
    # even with the folder opened by mistake, the files themselves stay closed
    os.chmod(kit, 0o755)
    os.chmod(kit / "plans", 0o755)
    for path in files:
        if path.parent in (kit, kit / "plans"):
            assert _as(other_user, "cat", str(path)).returncode != 0, path


def test_the_modes_another_user_meets(learners_home):
    files = _learner_writes_everything(learners_home)
    kit = learners_home / ".careerkit"
    folders = [kit, *(p for p in kit.rglob("*") if p.is_dir())]
    written = [p for p in kit.rglob("*") if p.is_file()]
    assert set(files) <= set(written)
    assert {str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in folders if stat.S_IMODE(p.stat().st_mode) != 0o700} == {}
    assert {str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in written if stat.S_IMODE(p.stat().st_mode) != 0o600} == {}
