"""How low C / (A + B) of bench/lifecycle.py could go: SpiffWorkflow's lifecycle plus the rows alone.

F = the rows a step of C writes and reads, sent as plain driver statements on the app's own schema
with no engine around them: each lifecycle a new case row (a copy of one of C's), then per step, read
the ready tasks and the case row, update the case row (a state of C's size), insert a task, end it,
append a history entry, commit. No ORM, no saved state to build, no projection to compute.
(A + F) / (A + B) is what an engine with no overhead of its own would score; C / (A + B) is printed
beside it, from the same run.
S = F run as an engine on Flask-SQLAlchemy must run it: each step in a transaction of the session (the
session's begin and commit, which are B's whole cost on SQLite), the same statements on its connection.
(A + S) / (A + B) is the floor for such an engine: C pays all of S and adds its own work.
W = A as the engine runs it, saving the state and computing the projection (ready tasks, timers, data) at
each step, in memory. (W + S) / (A + B) is the floor for an engine that writes a step's whole state: what
C may spend beyond it is its own bookkeeping (reading the rows into objects, checking the form and the
lock, the history entry, the kept workflow).
Run: python3 bench/write_floor.py [ROUNDS]
"""
from __future__ import annotations

import itertools
import struct
import sys
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import each_database, make_bench_app  # noqa: E402
from bench.lifecycle import STEPS, TURNS, engine_lifecycle, in_turns, lifecycle_runs  # noqa: E402

_STEP = (
    ("SELECT id, state FROM user_task WHERE instance_id = ? AND state = 'ready'", lambda case, task: (case,)),
    ("SELECT lock_version, status FROM process_instance WHERE id = ?", lambda case, task: (case,)),
    ("UPDATE process_instance SET state = ?, data = ?, updated_at = ?, lock_version = lock_version + 1 "
     "WHERE id = ?", lambda case, task: (task["state"], '{"organ": "X", "note": "ok"}', task["at"], case)),
    ('INSERT INTO user_task (id, instance_id, process, element, name, state, "group", organ, form, '
     "due_provisional, created_at) VALUES (?, ?, 'chain', 'step1', 'Step one', 'ready', 'handler', 'X', "
     "'note', ?, ?)", lambda case, task: (task["id"], case, False, task["at"])),
    ("UPDATE user_task SET state = 'completed', completed_at = ?, completed_by = 'bench' WHERE id = ?",
     lambda case, task: (task["at"], task["id"])),
    ("INSERT INTO history (instance_id, at, actor, event, detail) VALUES (?, ?, 'bench', 'task_completed', "
     """'{"data": {"note": "ok"}}')""", lambda case, task: (case, task["at"])),
)


# Each lifecycle its own case, as in C: one case taking every lifecycle's tasks and history would make
# its reads slower with every lifecycle run.
_NEW_CASE = ("INSERT INTO process_instance (definition_id, process, version, business_key, status, state, data, "
             "active, started_at, updated_at, lock_version) SELECT definition_id, process, version, ?, status, state, "
             "data, active, started_at, updated_at, 1 FROM process_instance WHERE id = ? RETURNING id")


@dataclass
class _Rows:
    """The rows of C's lifecycle alone, for statements in the driver's parameter style."""

    marker: str  # the driver's parameter marker
    template: int  # a case of C's, copied for each lifecycle
    state: bytes  # a saved state of C's size
    keys: Iterator[int] = field(default_factory=itertools.count)

    def __post_init__(self) -> None:
        # Written in the driver's style once, not in the timed steps.
        self.new_case = _NEW_CASE.replace("?", self.marker)
        self.statements = [(sql.replace("?", self.marker), values) for sql, values in _STEP]

    def lifecycle(self, cursor: Callable[[], Any], commit: Callable[[], None]) -> None:
        """`cursor()` gives a cursor of the step's transaction, `commit()` ends it."""
        first = cursor()
        first.execute(self.new_case, (f"floor-{next(self.keys)}", self.template))
        case = first.fetchone()[0]
        for step in range(STEPS):
            self._step(first if step == 0 else cursor(), case)
            commit()

    def _step(self, cursor, case: int) -> None:
        task = {"id": str(uuid.uuid4()), "at": datetime.now(timezone.utc), "state": self.state}
        for sql, values in self.statements:
            cursor.execute(sql, values(case, task))
            if sql.startswith("SELECT"):
                cursor.fetchall()


def saved_lifecycle(spec, script_engine) -> None:
    """SpiffWorkflow's lifecycle of A with the engine's methods, its state saved and its projection
    computed at each step as the engine does before writing them."""
    from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
    from SpiffWorkflow.util.task import TaskState

    from engine.projection import snapshot
    from engine.store import dump_state

    workflow = BpmnWorkflow(spec, {}, script_engine=script_engine)
    workflow.get_tasks()[0].data["organ"] = "X"  # the case's data, as C starts it
    workflow.do_engine_steps()
    dump_state(workflow), snapshot(workflow)
    for _ in range(5):
        (task,) = workflow.get_tasks(state=TaskState.READY, manual=True)
        task.data.update({"note": "ok"})
        task.run()
        workflow.do_engine_steps()
        dump_state(workflow), snapshot(workflow)
    assert workflow.is_completed()


def wal_pages_per_step(db, raw, work, rounds: int) -> tuple[float, dict[str, float]]:
    """Pages a step appends to SQLite's write-ahead log, counted with checkpoints held off, and how
    many of them belong to each table and index (empty where SQLite lacks its `dbstat` table)."""
    def hold_off(connection) -> None:
        connection.execute("PRAGMA wal_autocheckpoint=0")

    hold_off(raw.driver_connection)
    event.listen(db.engine, "checkout", lambda dbapi_connection, _record, _proxy: hold_off(dbapi_connection))
    db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    db.session.commit()
    page_size = db.session.execute(text("PRAGMA page_size")).scalar()
    db.session.commit()
    work()
    log = Path(db.engine.url.database + "-wal").read_bytes()
    # A 32-byte header, then a frame a page: 24 bytes of header (the page's number first) and the page.
    pages = [struct.unpack_from(">I", log, at)[0] for at in range(32, len(log), page_size + 24)]
    steps = rounds * STEPS
    try:
        owner = dict(db.session.execute(text("SELECT pageno, name FROM dbstat")).all())
    except OperationalError:  # SQLite built without dbstat
        owner = None
    db.session.commit()
    owners = Counter(owner.get(page, "?") for page in pages) if owner is not None else Counter()
    return len(pages) / steps, {name: count / steps for name, count in owners.most_common()}


def measure(kind: str, url: str, rounds: int) -> dict:
    from engine import db
    from engine.definitions import find_version, specs_for
    from engine.instances import get_instance
    from engine.settings import current_engine

    app = make_bench_app(url)
    with app.app_context():
        spec, _subs = specs_for(find_version("chain"))
        script_engine = current_engine().script_engine
        for n in range(20):  # warm up every path
            engine_lifecycle(db, -1 - n)
        case = db.session.execute(text("SELECT max(id) FROM process_instance")).scalar()
        state = get_instance(case, with_state=True).state  # a saved state of C's size
        db.session.commit()
        rows = _Rows("?" if db.engine.dialect.paramstyle == "qmark" else "%s", case, state)
        raw = db.engine.raw_connection()
        try:
            per_turn = max(rounds // TURNS, 1)
            runs = lifecycle_runs(db, spec, script_engine, per_turn)
            driver = raw.driver_connection
            runs["F"] = lambda: [rows.lifecycle(driver.cursor, driver.commit) for _ in range(per_turn)]
            runs["S"] = lambda: [rows.lifecycle(lambda: db.session.connection().connection.driver_connection.cursor(),
                                                db.session.commit) for _ in range(per_turn)]
            runs["W"] = lambda: [saved_lifecycle(spec, script_engine) for _ in range(per_turn)]
            timings = in_turns({name: runs[name] for name in ("A", "B", "F", "S", "W", "C")}, per_turn)
            if kind == "sqlite":  # last: it leaves checkpoints off
                for name in "FSC":
                    timings[f"{name}_pages"], timings[f"{name}_owners"] = wal_pages_per_step(db, raw, runs[name],
                                                                                             per_turn)
        finally:
            raw.close()
        db.session.remove()
        db.engine.dispose()
    return {"kind": kind, **timings}


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for kind, url in each_database():
        r = measure(kind, url, rounds)
        base = r["A"] + r["B"]
        print(f"{kind:10s} A={r['A']:.2f} ms  B={r['B']:.2f} ms  F={r['F']:.2f} ms  S={r['S']:.2f} ms  "
              f"C={r['C']:.2f} ms  (A+F)/(A+B)={(r['A'] + r['F']) / base:.2f}  "
              f"(A+S)/(A+B)={(r['A'] + r['S']) / base:.2f}  C/(A+B)={r['C'] / base:.2f}  "
              f"[{rounds} lifecycles of {STEPS} steps, median of {TURNS} turns]")
        print(f"{'':10s} W={r['W']:.2f} ms  (W+S)/(A+B)={(r['W'] + r['S']) / base:.2f}  "
              f"C's own bookkeeping C-(W+S)={r['C'] - r['W'] - r['S']:.2f} ms, "
              f"{(r['C'] - r['W'] - r['S']) / STEPS * 1000:.0f} us a step; "
              f"at the target it could be {(2 * base - r['W'] - r['S']) / STEPS * 1000:.0f} us a step")
        if "C_pages" in r:
            print(f"{'':10s} pages a step appends to the write-ahead log: F={r['F_pages']:.1f}  "
                  f"S={r['S_pages']:.1f}  C={r['C_pages']:.1f}")
            if r["C_owners"]:
                print(f"{'':10s} C's pages a step by table and index: "
                      + ", ".join(f"{name} {count:.2f}" for name, count in r["C_owners"].items() if count >= 0.05))


if __name__ == "__main__":
    main()
