"""Running the module notebooks for ``careerkit build``: a small pool of kernels, each reused.

Starting a kernel and importing ipywidgets, pydantic and matplotlib costs more than running a
module's cells, so each kernel runs several notebooks, one after another. Before each notebook a
reset cell empties the namespace (``%reset -f``), gives the notebook its own workbook folder (so the
demo participant's answers are seeded afresh), and re-announces the widgets that
live on from earlier notebooks (shared layouts), so the saved widget state is complete. Afterwards
the state is cut down to what this notebook's outputs reach (``PruneWidgetState``).
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
from collections.abc import Callable
from pathlib import Path

import nbformat

from careerkit.build.preprocessors import PruneWidgetState
from careerkit.constants import (
    CHARTS_FOR_SLIDES,
    ENV_CHARTS,
    ENV_DEMO,
    ENV_HOME,
    ENV_PARTICIPANT,
    ENV_ROOM_TOKEN,
    ENV_ROOM_URL,
)
from careerkit.errors import BuildError

CELL_TIMEOUT_S = 180
KERNEL_READY_S = 60
KERNEL_NAME = "python3"

RESET = """\
def _careerkit_reset(env, cwd):
    import os
    from ipywidgets.widgets.widget import _instances
    os.environ.update(env)
    os.chdir(cwd)
    for widget in list(_instances.values()):
        widget.send_state()
_careerkit_reset({env}, {cwd})
get_ipython().run_line_magic("reset", "-f")"""


def kernel_env(home: Path) -> dict[str, str]:
    """The kernel's environment: the demo participant, a private workbook folder (no room: nothing is shared),
    and charts drawn for the slides."""
    env = {k: v for k, v in os.environ.items() if k not in (ENV_PARTICIPANT, ENV_ROOM_URL, ENV_ROOM_TOKEN)}
    env.update({ENV_DEMO: "1", ENV_HOME: str(home), "MPLBACKEND": "Agg",
                ENV_CHARTS: CHARTS_FOR_SLIDES})  # the charts are for the decks: large enough for the back row
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def reset_cell(home: Path, cwd: Path) -> nbformat.NotebookNode:
    env = {ENV_HOME: str(home)}
    return nbformat.v4.new_code_cell(RESET.format(env=json.dumps(env), cwd=json.dumps(str(cwd))))


class Kernel:
    """One kernel that runs notebooks one after another, each from a clean namespace."""

    def __init__(self, scratch: Path):
        self.scratch = scratch
        self.km = None
        self.kc = None
        self._log = None

    async def start(self) -> Kernel:
        from jupyter_client.manager import AsyncKernelManager

        self.scratch.mkdir(parents=True, exist_ok=True)
        self._log = (self.scratch / "kernel.log").open("wb")  # the kernel's chatter stays out of the progress bars
        self.km = AsyncKernelManager(kernel_name=KERNEL_NAME)
        await self.km.start_kernel(
            env=kernel_env(self.scratch / "home"),
            extra_arguments=["--HistoryManager.hist_file=:memory:"],
            stderr=self._log, stdout=self._log,
        )
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            await self.kc.wait_for_ready(timeout=KERNEL_READY_S)
        except RuntimeError as err:
            raise BuildError("the notebooks", f"a kernel did not start ({err}); see {self.scratch / 'kernel.log'}") from None
        return self

    async def run(self, name: str, nb: nbformat.NotebookNode, cwd: Path, on_cell: Callable | None = None):
        """Execute a copy of ``nb``; a failing cell becomes a BuildError naming the notebook and cell."""
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        folder = self.scratch / name
        (folder / "home").mkdir(parents=True, exist_ok=True)
        nb = copy.deepcopy(nb)
        nb.cells.insert(0, reset_cell(folder / "home", cwd))
        current = {"index": 0}

        def started(cell, cell_index, **_):
            current["index"] = cell_index

        def executed(cell, cell_index, **_):
            if cell_index and on_cell:
                on_cell()

        client = NotebookClient(
            nb, km=self.km, timeout=CELL_TIMEOUT_S, store_widget_state=True,
            resources={"metadata": {"name": name, "path": str(cwd)}},
            on_cell_start=started, on_cell_executed=executed,
        )
        client.kc = self.kc
        where = {"notebook": name}
        try:
            await client.async_execute()
        except CellExecutionError as err:
            raise BuildError(**where, problem=f"{err.ename}: {err.evalue}", cell=self._cell(current)) from None
        except CellTimeoutError:
            raise BuildError(**where, problem=f"the cell ran for more than {CELL_TIMEOUT_S} s", cell=self._cell(current)) from None
        except DeadKernelError:
            raise BuildError(**where, problem=f"the kernel died ({self._last_words()})", cell=self._cell(current)) from None
        nb.cells.pop(0)
        nb, _ = PruneWidgetState().preprocess(nb, {})
        return nb

    @staticmethod
    def _cell(current: dict[str, int]) -> int | None:
        """The notebook's own 1-based cell number (the reset cell is not one of them)."""
        return current["index"] or None

    def _last_words(self) -> str:
        self._log.flush()
        text = (self.scratch / "kernel.log").read_text(encoding="utf-8", errors="replace").strip()
        return " ".join(text.splitlines()[-3:]) or "no message"

    async def stop(self) -> None:
        """Shut the kernel down (again: harmless)."""
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None and self.km.has_kernel:
            await self.km.shutdown_kernel(now=True)  # its work is done and saved nowhere: no need to wait
        if self._log is not None:
            self._log.close()
            self._log = None


class KernelPool:
    """A few kernels, started at once (they boot while the build does other work), then fed notebooks in order."""

    def __init__(self, size: int, scratch: Path):
        self.kernels = [Kernel(scratch / f"kernel-{n}") for n in range(max(1, size))]
        self._starting = [asyncio.create_task(kernel.start()) for kernel in self.kernels]
        self._stopping: list[asyncio.Task] = []

    async def run(
        self,
        notebooks: list[tuple[str, nbformat.NotebookNode, Path]],
        on_done: Callable,
        on_cell: Callable[[str], Callable | None] = lambda name: None,
    ) -> None:
        """Run every notebook once, ``on_done(name, executed)`` as each ends; the first failure stops them all."""
        queue: asyncio.Queue = asyncio.Queue()
        for item in notebooks:
            queue.put_nowait(item)

        async def worker(kernel: Kernel, starting: asyncio.Task) -> None:
            await starting
            while not queue.empty():
                name, nb, cwd = queue.get_nowait()
                on_done(name, await kernel.run(name, nb, cwd, on_cell(name)))
            self._stopping.append(asyncio.create_task(kernel.stop()))  # done: shut down while the exports run

        tasks = [asyncio.create_task(worker(k, s)) for k, s in zip(self.kernels, self._starting, strict=True)]
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        for task in done:
            task.result()

    async def stop(self) -> None:
        for task in self._starting:
            task.cancel()
        await asyncio.gather(*self._starting, return_exceptions=True)
        await asyncio.gather(*self._stopping, return_exceptions=True)
        await asyncio.gather(*(kernel.stop() for kernel in self.kernels))
