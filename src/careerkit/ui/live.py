"""Views that show other answers follow them: one mechanism for every dependent view.

A view names the answers it reads (``depends_on``: answer keys, ``VERSIONS`` for shipped plan versions,
or ``ANY``). It is told at once when one of them is saved in this kernel (the workbook notifies its
observers), and within ``POLL_S`` seconds when another notebook's kernel saves it: while views follow a
workbook, the kernel's own event loop looks at the file's size and time, and on a change reads it and
tells the observers which answers differ. Nothing runs outside a kernel (tests call ``check_files``).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from typing import Any

from careerkit.errors import CareerkitError
from careerkit.store import files as workbook_files
from careerkit.store.workbook import VERSIONS, Workbook

log = logging.getLogger(__name__)

POLL_S = 2.0
ANY = "*"

__all__ = ["ANY", "POLL_S", "VERSIONS", "check_files", "follow"]


class _Watched:
    """One workbook file that views in this kernel follow: what it held when last looked at."""

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.signature = self._stat()
        self.snapshot = self._read()
        self._unsubscribe = workbook.subscribe(self._saved_here)

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.workbook.path)
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size, st.st_ino

    def _read(self) -> dict[str, Any]:
        """Each answer's saved time and the shipped versions, read as plain JSON (a damaged file is the views' to explain)."""
        try:  # the store's own safe reading: any bytes, a pipe or deep nesting give {} (the views say why)
            raw = workbook_files.parse_json_object(workbook_files.read_bytes(self.workbook.path) or b"{}")
            answers, versions = raw.get("answers", {}), raw.get("versions", [])
            snapshot: dict[str, Any] = {key: json.dumps(a, sort_keys=True) for key, a in answers.items()}
            snapshot[VERSIONS] = json.dumps(versions, sort_keys=True)
        except (CareerkitError, workbook_files.Damaged, ValueError, AttributeError, TypeError):
            return {}
        return snapshot

    def _saved_here(self, _keys: frozenset[str]) -> None:
        self.signature = self._stat()  # our own save: observers were told already

    def check(self) -> None:
        signature = self._stat()
        if signature == self.signature:
            return
        self.signature = signature
        before, after = self.snapshot, self._read()
        self.snapshot = after
        changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
        if changed:
            self.workbook.notify(changed)


_watched: dict[str, _Watched] = {}
_followers: dict[tuple[str, str], Callable[[], None]] = {}
_timer: Any = None


def follow(workbook: Workbook, name: str, keys: Iterable[str], callback: Callable[[frozenset[str]], None]):
    """Call ``callback(changed)`` whenever one of ``keys`` changes in ``workbook``; returns a function that stops it.

    ``name`` (the view's key) makes a view shown again (its cell re-run) replace the older one.
    """
    interest = frozenset(keys)
    path = os.path.abspath(workbook.path)

    def observer(changed: frozenset[str]) -> None:
        if ANY in interest or changed & interest:
            callback(changed)

    previous = _followers.pop((path, name), None)
    if previous is not None:
        previous()
    if path not in _watched:
        _watched[path] = _Watched(workbook)
    unsubscribe = workbook.subscribe(observer)
    holder = [observer]  # the workbook holds observers weakly: this closure keeps ours until stopped

    def stop() -> None:
        holder.clear()
        unsubscribe()
        if _followers.get((path, name)) is stop:
            del _followers[(path, name)]

    _followers[(path, name)] = stop
    _start_polling()
    return stop


def check_files() -> None:
    """Look at every followed workbook file once: changes saved by other kernels reach their views."""
    for watched in list(_watched.values()):
        try:
            watched.check()
        except Exception:  # the poller must never stop, nor raise into the kernel
            log.exception("checking %s failed", watched.workbook.path)


def _start_polling() -> None:
    global _timer
    if _timer is not None or not _in_kernel():
        return
    from tornado.ioloop import PeriodicCallback

    _timer = PeriodicCallback(check_files, POLL_S * 1000)  # on the kernel's own loop: no thread, no race with widgets
    _timer.start()


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None
