"""The pages people open every day, with the demo's cases and with years of closed cases beside them.

A petition department keeps years of cases, while its open work stays what its staff can carry.
An inbox or a list that shows one page of rows must cost about the same whatever lies in the
database; the statistics and the annual report count a year's cases, and should do it in the
database rather than row by row in Python. This loads the demo (14 cases), times each page, then
copies the demo's closed cases (their case rows, tasks, timers, history, suggestions and petitions, in the same
year) SMALL and then LARGE times, and times every page again. The last column is the ratio of the
last two runs. Each figure is the median of TRIES requests of a signed-in user through the app (SQLite).
Run: python3 bench/pages_at_scale.py [LARGE]
"""
from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SMALL = 10
TRIES = 5
PAGES = (("admin", "/admin/"), ("admin", "/admin/instances"), ("admin", "/admin/instances?status=running"),
         ("admin", "/admin/statistics"), ("admin", "/admin/report"),
         ("registrar", "/tasks/"), ("handler", "/tasks/"), ("handler", "/tasks/?tab=group"), ("head", "/tasks/"),
         ("supervisor", "/tasks/"))
# The cases copied: the demo's closed ones, as the years add closed cases while the open work stays
# what the staff can carry. Each copy's ids are k * SPAN higher, its task ids its own.
SPAN = 100
CLOSED = "SELECT id FROM process_instance WHERE id < :span AND status IN ('completed', 'terminated')"
_NEW_TASK_ID = "printf('%08x', :copy) || substr({column}, 9)"
_OF_CLOSED = f"instance_id IN ({CLOSED})"
COPIED = {
    "process_instance": (f"id IN ({CLOSED})", {"id": "id + :offset", "business_key": "business_key || '-' || :copy"}),
    "user_task": (_OF_CLOSED, {"id": _NEW_TASK_ID.format(column="id"), "instance_id": "instance_id + :offset"}),
    "timer": (_OF_CLOSED, {"id": _NEW_TASK_ID.format(column="id"), "instance_id": "instance_id + :offset"}),
    "history": (_OF_CLOSED, {"id": None, "instance_id": "instance_id + :offset",
                             "task_id": "CASE WHEN task_id IS NULL THEN NULL ELSE "
                                        + _NEW_TASK_ID.format(column="task_id") + " END"}),
    "suggestion_record": (_OF_CLOSED, {"id": None, "instance_id": "instance_id + :offset"}),
    "petition": (f"CAST(instance_id AS INTEGER) IN ({CLOSED})",
                 {"id": "id + :offset", "registration_number": "registration_number || '-' || :copy",
                  "instance_id": "CAST(CAST(instance_id AS INTEGER) + :offset AS TEXT)"}),
}


def copy_cases(path: str, first: int, last: int) -> None:
    """Add copies `first` to `last` of the demo's cases to the SQLite file."""
    connection = sqlite3.connect(path)
    statements = []
    for table, (which, changed) in COPIED.items():
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")
                   if not (row[1] in changed and changed[row[1]] is None)]
        values = [changed.get(column) or f'"{column}"' for column in columns]
        names = ", ".join(f'"{column}"' for column in columns)
        statements.append(f"INSERT INTO {table} ({names}) SELECT {', '.join(values)} FROM {table} WHERE {which}")
    with connection:
        for copy in range(first, last + 1):
            for statement in statements:
                connection.execute(statement, {"copy": copy, "offset": copy * SPAN, "span": SPAN})
    connection.close()


def sign_in(app, username: str):
    client = app.test_client()
    with client.session_transaction() as session:
        session["csrf_token"] = "bench"
    client.post("/login", data={"username": username, "password": username, "csrf_token": "bench"})
    return client


def time_pages(app) -> dict[tuple[str, str], float]:
    """Return the median milliseconds of each page."""
    clients, found = {}, {}
    for user, page in PAGES:
        client = clients.setdefault(user, sign_in(app, user))
        assert client.get(page).status_code == 200, (user, page)  # and warms what the page keeps
        times = []
        for _ in range(TRIES):
            started = time.perf_counter()
            client.get(page)
            times.append((time.perf_counter() - started) * 1000)
        found[(user, page)] = statistics.median(times)
    return found


def main() -> None:
    large = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    from engine import db
    from processes.demo import load_demo
    from web import create_app
    from web.cli import deploy_paths, init_database

    path = str(Path(tempfile.mkdtemp()) / "pages.sqlite3")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "XINFANG_CLOCK": "simulated",
                      "SECRET_KEY": "bench"})
    with app.app_context():
        init_database()
        deploy_paths([Path(app.config["XINFANG_BPMN_DIR"])], "bench")
        load_demo()
        db.session.commit()
        count = db.text("SELECT count(*), max(id) FROM process_instance")
        cases, highest = db.session.execute(count).one()
        db.session.remove()
    assert highest < SPAN, "the demo has more cases than a copy's span"
    runs = {cases: time_pages(app)}
    for first, last in ((1, SMALL), (SMALL + 1, large)):
        copy_cases(path, first, last)
        with app.app_context():
            runs[db.session.execute(count).one()[0]] = time_pages(app)
            db.session.remove()
    counts = list(runs)
    print(f"{'user':10s} {'page':32s} " + " ".join(f"{n:>8d} cases" for n in counts)
          + f"   {counts[-1]} / {counts[1]} cases")
    for user, page in PAGES:
        times = [runs[n][(user, page)] for n in counts]
        print(f"{user:10s} {page:32s} " + " ".join(f"{t:11.1f} ms" for t in times)
              + f"   x{times[-1] / times[1]:.2f}")


if __name__ == "__main__":
    main()
