"""Persisted lifecycle against raw SpiffWorkflow: C / (A + B), and state size per instance.

A = SpiffWorkflow alone, in memory: start the five-task diagram and complete every task.
B = the same number of empty transactions on the database (one per step).
C = the engine: start, then complete every task, each step its own transaction that loads the
    instance and saves it, as a web request does.
R = C with no workflow kept between steps: each step rebuilds its workflow from the saved state, as
    a step does that lands on another server process than the one before it.
A, B, C and R take turns (TURNS of each, alternating), and each figure is the median of its turns: on a
shared machine a slow spell then slows one turn of each, not all of A or all of C.
Run: python3 bench/lifecycle.py [ROUNDS]
"""
from __future__ import annotations

import itertools
import json
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager

from SpiffWorkflow.bpmn.util.subworkflow import BpmnBaseWorkflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState
from SpiffWorkflow.workflow import Workflow
from sqlalchemy import text

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))

from bench.common import each_database, make_bench_app  # noqa: E402
from engine import data_copy, spiff_log_details, task_walk  # noqa: E402
from engine.state_compression import decompress  # noqa: E402

STEPS = 6  # start + five tasks
TURNS = 10
# SpiffWorkflow's own methods, which the engine replaces with its own (engine/data_copy.py,
# engine/task_walk.py, engine/spiff_log_details.py)
STOCK = [(Task, "_inherit_data", data_copy.STOCK_INHERIT),
         (Task, "collect_log_extras", spiff_log_details.STOCK_TASK_DETAILS),
         (Workflow, "collect_log_extras", spiff_log_details.STOCK_WORKFLOW_DETAILS),
         (BpmnBaseWorkflow, "get_tasks_iterator", task_walk.STOCK_ITERATOR),
         (BpmnBaseWorkflow, "is_completed", task_walk.STOCK_IS_COMPLETED),
         (BpmnBaseWorkflow, "update_waiting_tasks", task_walk.STOCK_UPDATE_WAITING)]


@contextmanager
def stock_spiffworkflow():
    """Run A on SpiffWorkflow as released, without the engine's faster data copy, task search and logging."""
    engine_methods = [(owner, name, getattr(owner, name)) for owner, name, _stock in STOCK]
    for owner, name, stock in STOCK:
        setattr(owner, name, stock)
    try:
        yield
    finally:
        for owner, name, method in engine_methods:
            setattr(owner, name, method)


def raw_lifecycle(spec, script_engine) -> None:
    workflow = BpmnWorkflow(spec, {}, script_engine=script_engine)
    workflow.do_engine_steps()
    for _ in range(5):
        (task,) = workflow.get_tasks(state=TaskState.READY, manual=True)
        task.data.update({"note": "ok"})
        task.run()
        workflow.do_engine_steps()
    assert workflow.is_completed()


def engine_lifecycle(db, n: int) -> None:
    from engine.instances import start_instance
    from engine.tasks import TaskQuery, complete_task, list_tasks

    instance_id = start_instance("chain", f"bench-{n}", {"organ": "X"}, "bench").id
    db.session.commit()
    db.session.expunge_all()
    for _ in range(5):
        (task,), _total = list_tasks(TaskQuery(instance=instance_id))
        complete_task(task.id, {"note": "ok"}, "bench")
        db.session.commit()
        db.session.expunge_all()


def lifecycle_runs(db, spec, script_engine, rounds: int) -> dict[str, Callable[[], None]]:
    """Return A, B, C and R, each of `rounds` lifecycles, as work to time or to count."""
    from engine.settings import current_engine

    def a() -> None:
        with stock_spiffworkflow():
            for _ in range(rounds):
                raw_lifecycle(spec, script_engine)

    def b() -> None:
        for _ in range(rounds * STEPS):
            db.session.execute(text("select 1"))
            db.session.commit()

    numbers = itertools.count()  # each case its own business key, however often C runs

    def c() -> None:
        for _ in range(rounds):
            engine_lifecycle(db, next(numbers))

    def r() -> None:
        workflows = current_engine().workflows
        size, workflows.size = workflows.size, 0
        workflows.clear()
        try:
            c()
        finally:
            workflows.size = size

    return {"A": a, "B": b, "C": c, "R": r}


def per_lifecycle(work: Callable[[], None], rounds: int) -> float:
    """Run the work and return its time per lifecycle, in milliseconds."""
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) / rounds * 1000


def in_turns(works: dict[str, Callable[[], None]], rounds: int, turns: int = TURNS) -> dict[str, float]:
    """Time the works taking turns, `turns` times each in the same order, and return each one's
    median time per lifecycle in milliseconds. Each work runs `rounds` lifecycles a turn."""
    times: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(turns):
        for name, work in works.items():
            times[name].append(per_lifecycle(work, rounds))
    return {name: statistics.median(values) for name, values in times.items()}


def measure(kind: str, url: str, rounds: int) -> dict:
    from engine import db
    from engine.definitions import find_version, specs_for
    from engine.settings import current_engine
    from engine.store import dump_state

    app = make_bench_app(url)
    with app.app_context():
        spec, _subs = specs_for(find_version("chain"))
        script_engine = current_engine().script_engine
        with stock_spiffworkflow():
            for _ in range(20):  # warm up every path
                raw_lifecycle(spec, script_engine)
        engine_lifecycle(db, -1)
        per_turn = max(rounds // TURNS, 1)
        times = in_turns(lifecycle_runs(db, spec, script_engine, per_turn), per_turn)
        workflow = BpmnWorkflow(spec, {}, script_engine=script_engine)
        workflow.do_engine_steps()
        blob = dump_state(workflow)
        raw = len(json.dumps(json.loads(decompress(blob))).encode())
        db.session.remove()
        db.engine.dispose()
    return {"kind": kind, "A_ms": times["A"], "B_ms": times["B"], "C_ms": times["C"], "R_ms": times["R"],
            "ratio": times["C"] / (times["A"] + times["B"]), "state_bytes": raw, "state_bytes_compressed": len(blob)}


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for kind, url in each_database():
        r = measure(kind, url, rounds)
        print(f"{kind:10s} A={r['A_ms']:.2f} ms  B={r['B_ms']:.2f} ms  C={r['C_ms']:.2f} ms  "
              f"C/(A+B)={r['ratio']:.2f}  (target <= 2.0)  state={r['state_bytes']} B, "
              f"{r['state_bytes_compressed']} B compressed  [{rounds} lifecycles of {STEPS} steps, "
              f"median of {TURNS} turns]")
        print(f"{'':10s} R={r['R_ms']:.2f} ms  R/(A+B)={r['R_ms'] / (r['A_ms'] + r['B_ms']):.2f}  "
              "(C with every step rebuilding its workflow from the saved state)")


if __name__ == "__main__":
    main()
