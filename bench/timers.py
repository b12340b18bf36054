"""The timer sweep: cost per fired timer with 10,000 and 100,000 instances waiting; firing delay.

Waiting instances are written in bulk (copies of one real instance's state, timers far ahead);
then 500 real instances fall due and the sweep fires them. The cost per fired timer should not grow
with the number of instances that wait. The delay is measured with the real clock and the
APScheduler wake-up: timers due 1–3 s ahead, and when each fired.
Run: python3 bench/timers.py
"""
from __future__ import annotations

import gc
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import database_urls, drop_schemas, make_bench_app, median  # noqa: E402

HERE = Path(__file__).resolve().parent
DUE = 500


def _clone(db, template, count: int, due_at: datetime, key: str) -> None:
    from engine.models import Instance, TimerRow

    timer = db.session.scalars(db.select(TimerRow).where(TimerRow.instance_id == template.id)).one()
    batch = 5000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        rows = [{"definition_id": template.definition_id, "process": template.process,
                 "version": template.version, "business_key": f"{key}-{start + i}", "status": "waiting",
                 "state": template.state, "data": template.data, "active": template.active,
                 "started_at": template.started_at, "updated_at": template.updated_at,
                 "next_timer_at": due_at, "lock_version": 1} for i in range(size)]
        ids = db.session.scalars(db.insert(Instance).returning(Instance.id), rows).all()
        db.session.execute(db.insert(TimerRow), [
            {"id": str(uuid.uuid4()), "instance_id": i, "element": timer.element, "name": timer.name,
             "due_at": due_at, "provisional": False, "expression": timer.expression, "rule": "",
             "interrupting": True, "attached_to": None} for i in ids])
        db.session.commit()


def _settle(db) -> None:
    """Let the bulk load settle, as it would have by the time those cases' timers fall due.

    Without this the sweep would be timed while the database still writes the load out
    (PostgreSQL's checkpoint and hint bits, SQLite's write-ahead log), which is noise, not sweep.
    The same goes for the garbage the load left in this process: collected now, not by whichever
    step of the sweep happens to cross the collector's threshold (that moved the 100k figure by 15 %).
    """
    gc.collect()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(db.text("VACUUM ANALYZE process_instance, timer, user_task, history"))
            try:
                connection.execute(db.text("CHECKPOINT"))
            except Exception:  # CHECKPOINT needs a privileged user; the vacuum did most of it
                pass
    else:
        db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.session.commit()


def sweep_cost(url: str, waiting: int) -> float:
    from engine import current_clock, db
    from engine.instances import start_instance
    from engine.timers import fire_due_timers
    from web.cli import deploy_paths

    app = make_bench_app(url)
    with app.app_context():
        deploy_paths([HERE / "diagrams"], "bench")
        clock = current_clock()
        soon = clock.now() + timedelta(hours=1)
        template = start_instance("short_timer", "template", {"due": soon.isoformat()}, "bench")
        db.session.commit()
        _clone(db, template, waiting, soon + timedelta(days=3650), "far")  # copies never fire: ids may repeat
        for n in range(DUE):  # the ones that fire are real instances, each with its own task ids
            start_instance("short_timer", f"due-{n}", {"due": soon.isoformat()}, "bench")
        db.session.commit()
        _settle(db)
        clock.set(soon + timedelta(seconds=1))
        started = time.perf_counter()
        fired = 0
        while True:
            now_fired = fire_due_timers(limit=500)
            fired += now_fired
            if not now_fired:
                break
        elapsed = time.perf_counter() - started
        assert fired == DUE + 1, fired
        db.session.remove()
        db.engine.dispose()
    return elapsed / fired


def firing_delay(url: str) -> list[float]:
    from engine import db, start_scheduler
    from engine.history import history_for
    from engine.instances import start_instance
    from web.cli import deploy_paths

    app = make_bench_app(url, clock="real")
    with app.app_context():
        deploy_paths([HERE / "diagrams"], "bench")
        scheduler = start_scheduler(app)
        now = datetime.now(timezone.utc)
        due = [now + timedelta(seconds=1 + 0.5 * i) for i in range(5)]
        ids = [start_instance("short_timer", f"d{i}", {"due": d.isoformat()}, "bench").id for i, d in enumerate(due)]
        db.session.commit()
        time.sleep(5)  # a benchmark of real wake-ups: it waits in real time on purpose
        delays = []
        for instance_id, due_at in zip(ids, due):
            db.session.expire_all()
            fired = [row.at for row in history_for(instance_id) if row.event == "timer_fired"]
            delays.append((fired[0] - due_at).total_seconds() if fired else float("inf"))
        scheduler.shutdown()
        db.session.remove()
        db.engine.dispose()
    return delays


def main() -> None:
    try:
        for kind, _url in database_urls().items():
            costs = {n: sweep_cost(database_urls()[kind], n) for n in (10_000, 100_000)}
            ratio = costs[100_000] / costs[10_000]
            print(f"{kind:10s} sweep: {costs[10_000] * 1000:.2f} ms per fired timer with 10k waiting, "
                  f"{costs[100_000] * 1000:.2f} ms with 100k (ratio {ratio:.2f}; target 0.75–1.25)")
            delays = firing_delay(database_urls()[kind])
            print(f"{kind:10s} delay after due time: median {median(delays) * 1000:.0f} ms, "
                  f"max {max(delays) * 1000:.0f} ms over {len(delays)} timers (target < 1000 ms)")
    finally:
        drop_schemas()


if __name__ == "__main__":
    main()
