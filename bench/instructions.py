"""C / (A + B) of bench/lifecycle.py counted in CPU instructions instead of seconds (SQLite).

On a shared machine the timings of bench/lifecycle.py move by a third from one run to the next.
Instructions do not: this runs the same A, B and C under valgrind's callgrind, counting only while
each of them runs, so two versions of the code compare within a fraction of a percent. What it
cannot count is time spent waiting (disk, locks) and work done in another process, so it measures
SQLite only and leaves the timings to bench/lifecycle.py.

With --cache, callgrind also simulates the caches, its last level the size of one core's L2 cache
(512 KB, as on the 2-core machines the figures in the README come from), and prints what each
lifecycle misses in it: every such miss waits on a cache shared with other processes, or on memory.
Counted in instructions C is under 2 x (A + B) while timed it is over 3: the misses are why.
Run: python3 bench/instructions.py [ROUNDS] [--cache]   (needs valgrind; takes a minute or two)
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
L2 = "524288,8,64"  # size, ways and line of the simulated last-level cache: one core's L2


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


def _totals(folder: Path) -> dict[str, dict[str, int]]:
    """Return each section's totals by event name (Ir: instructions; with --cache, the misses too)."""
    found = {}
    for dump in folder.glob("callgrind.out*"):
        text = dump.read_text(errors="replace")
        trigger = re.search(r"^desc: Trigger: dump (\w+)", text, re.M)
        events = re.search(r"^events: (.+)$", text, re.M)
        total = re.search(r"^totals: ([\d ]+)$", text, re.M)
        if trigger and events and total:
            found[trigger.group(1)] = dict(zip(events.group(1).split(), map(int, total.group(1).split())))
    return found


def _per_lifecycle(totals: dict[str, dict[str, int]], rounds: int, events: tuple[str, ...]) -> dict[str, float]:
    # Switching the count on and off is counted in each section: "empty" is that alone.
    return {name: sum(totals[name][e] - totals["empty"][e] for e in events) / rounds for name in ("A", "B", "C", "R")}


def main() -> None:
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    rounds = int(numbers[0]) if numbers else 40
    cache = "--cache" in sys.argv[1:]
    if os.environ.get(INSIDE):
        measure(rounds)
        return
    folder = Path(tempfile.mkdtemp())
    simulate = ["--cache-sim=yes", f"--LL={L2}"] if cache else []
    subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", *simulate,
                    f"--callgrind-out-file={folder / 'callgrind.out'}", sys.executable, __file__, str(rounds)],
                   env={**os.environ, INSIDE: "1"}, check=True, capture_output=True)
    totals = _totals(folder)
    per = {name: value / 1e6 for name, value in _per_lifecycle(totals, rounds, ("Ir",)).items()}
    print(f"sqlite     A={per['A']:.2f} M instructions  B={per['B']:.2f} M  C={per['C']:.2f} M  "
          f"C/(A+B)={per['C'] / (per['A'] + per['B']):.2f}  (target <= 2.0)  [{rounds} lifecycles, "
          f"callgrind; waits and other processes not counted]")
    print(f"{'':10s} R={per['R']:.2f} M  R/(A+B)={per['R'] / (per['A'] + per['B']):.2f}  "
          "(C with every step rebuilding its workflow from the saved state)")
    if cache:
        l1 = _per_lifecycle(totals, rounds, ("I1mr", "D1mr", "D1mw"))
        l2 = _per_lifecycle(totals, rounds, ("ILmr", "DLmr", "DLmw"))
        print(f"{'':10s} misses a lifecycle, L1 / L2 (512 KB): " + "  ".join(
            f"{name}={l1[name] / 1e3:.0f} K / {l2[name] / 1e3:.1f} K" for name in ("A", "B", "C", "R")))


if __name__ == "__main__":
    main()
