"""careerkit's benchmarks: each prints one verdict line, ``NAME: ... (goal ≤ G)``, then how it was measured.

    python benchmarks/run.py                 # all of them (a few minutes on 2 cores)
    python benchmarks/run.py import save     # some of them: build, rebuild, import, save, collect, room, keystroke, kernel

These are goals to watch, not timed tests: nothing here fails a build. Figures and the machine they
came from are recorded in benchmarks/README.md.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_room_export  # noqa: E402

PYTHON = sys.executable
JUPYTER = str(Path(sys.executable).with_name("jupyter"))


def verdict(line: str, *details: str) -> None:
    print(line, flush=True)
    for detail in details:
        print(f"    {detail}", flush=True)


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr[-3000:]}")
    return elapsed


def demo_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, CAREERKIT_DEMO="1", CAREERKIT_HOME=str(home), MPLBACKEND="Agg")
    for name in ("CAREERKIT_ROOM_URL", "CAREERKIT_ROOM_TOKEN", "CAREERKIT_PARTICIPANT"):
        env.pop(name, None)
    return env


def bench_build(scratch: Path) -> None:
    """careerkit build of every notebook vs. jupyter nbconvert --execute --to slides on each, in turn."""
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    env = demo_env(scratch / "home")
    baseline = sum(
        timed([JUPYTER, "nbconvert", "--execute", "--to", "slides", str(nb), "--output-dir", str(scratch / "nbconvert")], env)
        for nb in notebooks
    )
    ours = timed([PYTHON, "-m", "careerkit", "build", "--no-pdf", "-o", str(scratch / "build")], env)
    with_pdf = timed([PYTHON, "-m", "careerkit", "build", "-o", str(scratch / "build-pdf")], env)
    verdict(
        f"build: ratio {ours / baseline:.2f} (goal ≤ 0.3)",
        f"careerkit build --no-pdf (decks and handouts of {len(notebooks)} notebooks): {ours:.1f} s",
        f"jupyter nbconvert --execute --to slides, one notebook after another: {baseline:.1f} s",
        f"careerkit build with the {len(notebooks)} PDFs as well: {with_pdf:.1f} s (ratio {with_pdf / baseline:.2f})",
    )


def bench_import(scratch: Path, runs: int = 21) -> None:
    """``import careerkit`` over a bare interpreter start; medians of alternating runs (``scratch`` unused)."""
    env = dict(os.environ)
    bare, kit = [], []
    for _ in range(runs):
        bare.append(timed([PYTHON, "-c", "pass"], env))
        kit.append(timed([PYTHON, "-c", "import careerkit"], env))
    extra = statistics.median(kit) - statistics.median(bare)
    verdict(
        f"import: {extra:+.3f} s (goal ≤ 0.15 s)",
        f"median of {runs}: python -c pass {statistics.median(bare):.3f} s, "
        f"python -c 'import careerkit' {statistics.median(kit):.3f} s",
    )


def bench_save(scratch: Path, answers: int = 200, saves: int = 200) -> None:
    """One answer saved (atomic write, fsync, lock) in a workbook already holding 200 answers."""
    from careerkit.store.workbook import Workbook

    book = Workbook("bench", scratch / "save-home")
    filler = {f"bench{n // 20:02d}.answer{n % 20:02d}": {"text": "x" * 300, "rating": n % 10} for n in range(answers)}
    book.replace_answers(filler)
    times = []
    for n in range(saves):
        value = {"text": f"a changed answer, take {n}", "rating": n % 10}
        start = time.perf_counter()
        book.save_answer("bench00.answer00", value)
        times.append(time.perf_counter() - start)
    assert book.get("bench00.answer00") == value and len(book.answers()) == answers
    size = book.path.stat().st_size // 1024
    verdict(
        f"save: median {statistics.median(times) * 1000:.2f} ms (goal ≤ 5 ms)",
        f"{saves} saves into a {answers}-answer workbook ({size} kB); "
        f"90th percentile {statistics.quantiles(times, n=10)[-1] * 1000:.2f} ms",
    )


def best_of(runs: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def bare_json_loop(path: Path) -> int:
    with open(path, encoding="utf-8") as handle:
        return sum(1 for row in json.load(handle)["rows"] if row["value"] is not None)


def bench_collect(scratch: Path, sizes: tuple[int, ...] = (5_000, 20_000)) -> None:
    """careerkit.room.cohort.collect on synthetic room exports vs. a bare json.load of the same file."""
    from careerkit.room.cohort import collect

    per_person = {}
    for size in sizes:
        path = write_room_export(scratch / f"room-{size}.json", size)
        collect(path)  # warm: pandas and the answer models imported, the file in the page cache
        bare = best_of(3, lambda path=path: bare_json_loop(path))
        ours = best_of(3, lambda path=path: collect(path))
        unchecked = best_of(3, lambda path=path: collect(path, validate=False))
        rows = len(collect(path).table)
        per_person[size] = ours / size
        verdict(
            f"collect {size}: ratio {ours / bare:.2f} (goal ≤ 2)",
            f"collect: {ours:.2f} s for {size} participants ({rows} answers); bare json.load: {bare:.2f} s (best of 3)",
            f"collect without checking values against the answer models: {unchecked:.2f} s (ratio {unchecked / bare:.2f})",
        )
    small, large = min(sizes), max(sizes)
    verdict(
        f"collect linear: ratio {per_person[large] / per_person[small]:.2f} (goal ≤ 1.25)",
        f"time per participant at {large} over time per participant at {small}",
    )


def bench_room(scratch: Path) -> None:
    """The room on loopback under a workshop's load: see benchmarks/room_load.py."""
    from room_load import run_room_load

    run_room_load(scratch, verdict)
    sys.path.insert(0, str(ROOT / "tests" / "room"))
    from postgres import Postgres  # the throwaway cluster the room's tests use

    server = Postgres()
    if server.bindir is None:
        verdict("room on PostgreSQL: not run", "PostgreSQL is not installed (apt-get install postgresql)")
        return
    server.start()
    try:
        run_room_load(scratch, verdict, db=server.fresh_database("room_bench"), label="room on PostgreSQL")
    finally:
        server.stop()


def _measured(script: str, env: dict[str, str], name: str) -> dict:
    """Run a measuring script of benchmarks/ in its own process; its last line of output is its results, as JSON."""
    done = subprocess.run([PYTHON, str(ROOT / "benchmarks" / script)], cwd=ROOT, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{name} benchmark failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def bench_keystroke(scratch: Path) -> None:
    """Kernel time of one keystroke in every exercise, the demo answers loaded (see keystroke.py)."""
    results = _measured("keystroke.py", demo_env(scratch / "keys"), "keystroke")
    for key, r in results.items():
        verdict(f"keystroke {key}: median {r['median']:.1f} ms, p95 {r['p95']:.1f} ms"
                f" (CPU {r['cpu_median']:.1f} / {r['cpu_p95']:.1f} ms; feedback and chart after the pause:"
                f" {r['after_pause']:.0f} ms{'' if r['saved'] else '; NOT SAVED'})")
    worst = max(results.items(), key=lambda item: item[1]["p95"])
    medians = max(r["median"] for r in results.values())
    cpu = max(r["cpu_p95"] for r in results.values())
    verdict(
        f"keystroke: worst p95 {worst[1]['p95']:.0f} ms (goal ≤ 30 ms)",
        f"worst p95 in {worst[0]}; worst median {medians:.1f} ms (goal ≤ 10 ms); {len(results)} exercises with a text box,",
        f"worst p95 of CPU time alone {cpu:.0f} ms (the rest is waiting: fsync of the save, other processes);",
        "30 keystrokes each into the first text box, inside a running asyncio loop as in ipykernel",
    )


def bench_kernel(scratch: Path) -> None:
    """RSS of each module's kernel after its notebook ran in nbclient with the demo participant."""
    results = _measured("kernel_memory.py", demo_env(scratch / "mem"), "kernel")
    notebooks = {name: r for name, r in results.items() if not name.startswith("(")}
    modules = {name: r for name, r in notebooks.items() if not name.startswith("00")}
    peak = max(modules.items(), key=lambda item: item[1]["mib"])
    verdict(
        f"kernel: peak {peak[1]['mib']:.0f} MiB per module (goal ≤ 90)",
        *(f"{name}: {r['mib']:.0f} MiB, imported {', '.join(r['imported']) or 'none of ' + 'pandas, matplotlib, numpy'}"
          for name, r in results.items()),
        f"a day for 30 participants, six notebooks open each: about {30 * sum(r['mib'] for r in notebooks.values()) / 1024:.1f} GB"
        " of kernels on the hub (idle kernels of closed notebooks are culled after 20 minutes)",
    )


def _edit_notebook(path: Path, cell_type: str, addition: str) -> None:
    """Add a line to the first exercise's prompt (``markdown``) or to the first code cell, as a facilitator would."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    if cell_type == "markdown":
        cell = next(c for c, after in zip(cells, cells[1:], strict=False) if c["cell_type"] == "markdown"
                    and "exercise" in after["metadata"].get("tags", []))
    else:
        cell = next(c for c in cells if c["cell_type"] == "code")
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    cell["source"] = source + addition
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    text = path.with_suffix(".md")
    if text.exists():  # as JupyterLab's Jupytext pairing saves an edit: the MyST source and its .ipynb together
        import nbformat

        from careerkit.build.notebook_text import config_for, to_text

        text.write_text(to_text(nbformat.read(path, as_version=4), config_for(text)), encoding="utf-8")


def bench_rebuild(scratch: Path, changed: str = "02_lanes") -> None:
    """careerkit build again into the same folder: with nothing changed, then after editing one notebook."""
    folder = scratch / "rebuild-notebooks"
    shutil.copytree(ROOT / "notebooks", folder)
    env = demo_env(scratch / "rebuild-home")
    command = [PYTHON, "-m", "careerkit", "build", "--notebooks", str(folder), "-o", str(scratch / "rebuild")]
    full = timed(command, env)
    unchanged = timed(command, env)
    _edit_notebook(folder / f"{changed}.ipynb", "markdown", "\n\nOne more sentence from the facilitator.")
    prompt = timed(command, env)
    _edit_notebook(folder / f"{changed}.ipynb", "code", "\n# a facilitator's comment")
    code = timed(command, env)
    verdict(
        f"rebuild: nothing changed {unchanged / full:.2f} of a full build (goal ≤ 0.1)",
        f"careerkit build (decks, handouts and PDFs of 6 notebooks) into an empty folder: {full:.1f} s;"
        f" again, nothing changed: {unchanged:.2f} s",
    )
    verdict(
        f"rebuild: one notebook changed {prompt / full:.2f} (goal ≤ 0.35)",
        f"a prompt (markdown cell) edited in {changed}: {prompt:.1f} s; its cells' last outputs are reused",
        f"a code cell edited in {changed}, so it runs again in a new kernel: {code:.1f} s ({code / full:.2f} of a full build)",
    )


BENCHMARKS = {"build": bench_build, "rebuild": bench_rebuild, "import": bench_import, "save": bench_save,
              "collect": bench_collect, "room": bench_room, "keystroke": bench_keystroke, "kernel": bench_kernel}


def main(names: list[str]) -> None:
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        raise SystemExit(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    print(f"careerkit benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="careerkit-bench-"))
    try:
        for name in names or list(BENCHMARKS):
            BENCHMARKS[name](scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
