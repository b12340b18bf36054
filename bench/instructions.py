"""C / (A + B) of bench/lifecycle.py counted in CPU instructions instead of seconds (SQLite).

On a shared machine the timings of bench/lifecycle.py move by a third from one run to the next.
Instructions do not: this runs the same A, B and C under valgrind's callgrind, counting only while
each of them runs, so two versions of the code compare within a fraction of a percent. What it
cannot count is time spent waiting (disk, locks) and work done in another process, so it measures
SQLite only and leaves the timings to bench/lifecycle.py.
Run: python3 bench/instructions.py [ROUNDS]   (needs valgrind; takes a minute or two)
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

INSIDE = "XINFANG_BENCH_UNDER_CALLGRIND"
SECTIONS = ("empty", "A", "B", "C", "R")


def _control(*args: str) -> None:
    subprocess.run(["callgrind_control", *args, str(os.getpid())], check=True, capture_output=True)


def _counted(name: str, work) -> None:
    _control("--instr=on")
    work()
    _control(f"--dump={name}")
    _control("--instr=off")


def measure(rounds: int) -> None:
    """Run A, B, C and R `rounds` times each, counting instructions only while they run."""
    from bench.common import make_bench_app
    from bench.lifecycle import engine_lifecycle, lifecycle_runs
    from engine import db
    from engine.definitions import find_version, specs_for
    from engine.settings import current_engine

    app = make_bench_app(f"sqlite:///{tempfile.mkdtemp()}/instructions.sqlite3")
    with app.app_context():
        spec, _subs = specs_for(find_version("chain"))
        runs = lifecycle_runs(db, spec, current_engine().script_engine, rounds)
        a, b, c, r = runs["A"], runs["B"], runs["C"], runs["R"]
        for warm in (a, b, lambda: [engine_lifecycle(db, -1 - n) for n in range(5)]):
            warm()  # every path once, uncounted
        for name, work in zip(SECTIONS, (lambda: None, a, b, c, r)):
            _counted(name, work)


def _totals(folder: Path) -> dict[str, int]:
    found = {}
    for dump in folder.glob("callgrind.out*"):
        text = dump.read_text(errors="replace")
        trigger = re.search(r"^desc: Trigger: dump (\w+)", text, re.M)
        total = re.search(r"^totals: (\d+)", text, re.M)
        if trigger and total:
            found[trigger.group(1)] = int(total.group(1))
    return found


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    if os.environ.get(INSIDE):
        measure(rounds)
        return
    folder = Path(tempfile.mkdtemp())
    subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no",
                    f"--callgrind-out-file={folder / 'callgrind.out'}", sys.executable, __file__, str(rounds)],
                   env={**os.environ, INSIDE: "1"}, check=True, capture_output=True)
    totals = _totals(folder)
    overhead = totals["empty"]  # switching the count on and off, counted in each section
    per = {name: (totals[name] - overhead) / rounds / 1e6 for name in ("A", "B", "C", "R")}
    print(f"sqlite     A={per['A']:.2f} M instructions  B={per['B']:.2f} M  C={per['C']:.2f} M  "
          f"C/(A+B)={per['C'] / (per['A'] + per['B']):.2f}  (target <= 2.0)  [{rounds} lifecycles, "
          f"callgrind; waits and other processes not counted]")
    print(f"{'':10s} R={per['R']:.2f} M  R/(A+B)={per['R'] / (per['A'] + per['B']):.2f}  "
          "(C with every step rebuilding its workflow from the saved state)")


if __name__ == "__main__":
    main()
