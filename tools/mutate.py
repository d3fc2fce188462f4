"""`make mutate`: mutation testing of the domain modules, the workbook store and the room's rules with mutmut.

mutmut changes one thing at a time in a copy of the code (a `<` for a `<=`, a string, a constant) and runs the
tests that cover that line. A mutant the tests notice is killed; one they miss survives, and is either a
missing test or a change nobody could notice (listed in benchmarks/README.md with why).

The chosen modules run in one mutmut run with one worker, one mutant at a time (the machine is shared; making the
mutants and collecting which tests cover what takes minutes, so it is done once, not once per module). Prints one line:
``mutation: killed N of M (P%) (goal ≥ 85%)``. ``--by-module`` adds a line per module; the chosen modules' surviving
mutants' names are written to mutants/survivors.txt (``mutmut show NAME`` prints the change). Modules are named
as in ``[tool.mutmut] only_mutate`` below src/careerkit, dotted: ``lanes``, ``room.core``.

mutmut keeps each verdict until the code it mutated changes, with one exception to know about: any change to the
test selection or pytest options in ``[tool.mutmut]`` resets every verdict, so the next run is a whole run.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = Path(sys.executable).with_name("mutmut")
GOAL = 85.0
CAUGHT = {"killed", "timeout"}  # a mutant that makes the tests hang is caught too
# a mutant's name: its module under careerkit (``modules.lanes.domain``), then mutmut's ``x_function__mutmut_N``
# (``xǁClassǁmethod__mutmut_N`` for a method)
RESULT = re.compile(r"^\s*careerkit\.([\w.]+?)\.(x[_ǁ]\S+): (.+)$")


def configured_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    # src/careerkit/modules/lanes/domain.py -> modules.lanes.domain (the name mutmut gives its mutants)
    return [Path(path).relative_to("src/careerkit").with_suffix("").as_posix().replace("/", ".")
            for path in config["only_mutate"]]


def run_modules(modules: list[str], log: Path) -> None:
    with log.open("w") as out:
        done = subprocess.run([str(MUTMUT), "run", "--max-children", "1", *[f"careerkit.{m}.*" for m in modules]],
                              cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, check=False)
    if done.returncode:
        sys.exit(f"mutmut failed on {', '.join(modules)} (exit {done.returncode}); see {log.relative_to(ROOT)}")


def results(modules: list[str]) -> dict[str, Counter]:
    """Each module's mutants counted by status; the chosen modules' survivors (not those never run) are written
    to mutants/survivors.txt."""
    listing = subprocess.run([str(MUTMUT), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True,
                             stdin=subprocess.DEVNULL, check=True).stdout
    counts: dict[str, Counter] = defaultdict(Counter)
    survivors = []
    for line in listing.splitlines():
        match = RESULT.match(line)
        if match:
            module, name, status = match.groups()
            counts[module][status.strip()] += 1
            if module in modules and status.strip() not in CAUGHT | {"not checked"}:
                survivors.append(f"careerkit.{module}.{name}: {status.strip()}")
    (ROOT / "mutants" / "survivors.txt").write_text("\n".join(survivors) + "\n")
    return counts


def percent(killed: int, total: int) -> float:
    return 100.0 * killed / total if total else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules to run, e.g. modules.lanes.domain (default: every module in [tool.mutmut])")
    parser.add_argument("--by-module", action="store_true", help="also print one line per module")
    parser.add_argument("--no-run", action="store_true", help="only report the results of earlier runs")
    args = parser.parse_args()
    modules = args.modules or configured_modules()
    if not args.no_run:
        (ROOT / "mutants").mkdir(exist_ok=True)
        run_modules(modules, ROOT / "mutants" / "mutate.log")
    counts = results(modules)
    killed = sum(sum(counts[m][s] for s in CAUGHT) for m in modules)
    total = sum(sum(counts[m].values()) for m in modules)
    unchecked = sum(counts[m]["not checked"] for m in modules)
    if args.by_module:
        for module in modules:
            k, n = sum(counts[module][s] for s in CAUGHT), sum(counts[module].values())
            print(f"  {module}: killed {k} of {n} ({percent(k, n):.0f}%)")
    note = f", {unchecked} not run" if unchecked else ""
    print(f"mutation: killed {killed} of {total} ({percent(killed, total):.0f}%) (goal ≥ {GOAL:.0f}%){note}")


if __name__ == "__main__":
    main()
