"""`xinfang init-db` brings an existing database to the tables of this release."""
from __future__ import annotations

import sqlalchemy as sa

from engine import db
from engine.tasks import TaskQuery, list_tasks
from tests.conftest import make_app


def _indexes(table: str) -> set[str]:
    return {index["name"] for index in sa.inspect(db.engine).get_indexes(table)}


def _as_an_earlier_release_left_it() -> None:
    # That release indexed the state alone, every task's assignee and due time, empty or not, the
    # history's case and time apart,
    # the tasks' organ alone, the instances' next timer without their status, and the tasks' due time
    # and the petitions' day received alone.
    for name in ("ix_task_assignee", "ix_task_due_limit", "ix_history_instance_at", "ix_task_organ_due",
                 "ix_instance_next_timer_status", "ix_petition_intake"):
        db.session.execute(sa.text(f"DROP INDEX {name}"))
    for name, table, column in (("ix_user_task_state", "user_task", "state"),
                                ("ix_user_task_assignee", "user_task", "assignee"),
                                ("ix_user_task_due_at", "user_task", "due_at"),
                                ("ix_user_task_organ", "user_task", "organ"),
                                ("ix_process_instance_next_timer_at", "process_instance", "next_timer_at"),
                                ("ix_history_instance_id", "history", "instance_id"),
                                ("ix_history_at", "history", "at"),
                                ("ix_task_due_at", "user_task", "due_at"),
                                ("ix_petition_received_on", "petition", "received_on")):
        db.session.execute(sa.text(f"CREATE INDEX {name} ON {table} ({column})"))
    db.session.commit()


def test_init_db_brings_the_indexes_of_an_earlier_release_up_to_date(database_url):
    app = make_app(database_url)
    with app.app_context():
        _as_an_earlier_release_left_it()
        assert {"ix_user_task_state", "ix_user_task_assignee"} <= _indexes("user_task")
        from web.cli import init_database

        init_database()
        init_database()  # twice: nothing left to drop or make is no error
        tasks, history, instances = _indexes("user_task"), _indexes("history"), _indexes("process_instance")
        petitions = _indexes("petition")
        db.session.remove()
        db.engine.dispose()
    assert not {"ix_user_task_state", "ix_user_task_assignee", "ix_user_task_due_at", "ix_user_task_organ"} & tasks
    assert {"ix_task_state_group", "ix_user_task_instance_id", "ix_task_assignee", "ix_task_due_limit",
            "ix_task_organ_due"} <= tasks and "ix_task_due_at" not in tasks
    assert "ix_petition_intake" in petitions and "ix_petition_received_on" not in petitions
    assert history == {"ix_history_instance_at"}
    assert "ix_instance_next_timer_status" in instances and "ix_process_instance_next_timer_at" not in instances


def _sqlite_plan(sql: str, values: dict) -> str:
    return " ".join(row[-1] for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {sql}"), values))


def test_searches_by_assignee_due_time_and_a_case_s_year_go_through_the_indexes(tmp_path):
    # The task indexes hold no task without an assignee or a due time; a search for a value still
    # finds them (on PostgreSQL too, whose planner draws the same conclusion from `assignee = …`).
    app = make_app(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
    with app.app_context():
        by_assignee = _sqlite_plan("SELECT id FROM user_task WHERE assignee = :who", {"who": "li"})
        overdue = _sqlite_plan("SELECT id FROM user_task WHERE due_at < :at", {"at": "2026-01-01"})
        history = _sqlite_plan("SELECT id FROM history WHERE instance_id = :case AND at >= :start ORDER BY at, id",
                               {"case": 1, "start": "2026-01-01"})
        assert list_tasks(TaskQuery(assignee="li")) == ([], 0)
        db.session.remove()
        db.engine.dispose()
    assert "ix_task_assignee" in by_assignee
    assert "ix_task_due_limit" in overdue
    assert "ix_history_instance_at (instance_id=? AND at>?)" in history and "TEMP B-TREE" not in history


def test_counts_by_status_and_the_timer_sweep_read_an_index_alone_and_an_organ_s_limits_search_one(tmp_path):
    # The console counts every case by status and the sweep looks for the earliest due timer without
    # reading the rows; the annual report counts the limits an organ kept in a year from the rows its
    # index finds (the organ's tasks due that year), not from a scan of every task.
    app = make_app(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
    with app.app_context():
        by_status = _sqlite_plan("SELECT status, count(*) FROM process_instance GROUP BY status", {})
        earliest = _sqlite_plan("SELECT next_timer_at FROM process_instance WHERE next_timer_at IS NOT NULL "
                                "AND status IN ('running', 'error') ORDER BY next_timer_at LIMIT 1", {})
        limits = _sqlite_plan("SELECT count(*) FROM user_task WHERE organ IN (:a, :b) AND due_at >= :start "
                              "AND due_at < :end AND state = 'completed' AND completed_at < due_at",
                              {"a": "A", "b": "B", "start": "2026-01-01", "end": "2027-01-01"})
        db.session.remove()
        db.engine.dispose()
    assert "COVERING INDEX ix_instance_next_timer_status" in by_status
    assert "COVERING INDEX ix_instance_next_timer_status (next_timer_at>?)" in earliest and "TEMP" not in earliest
    assert "USING INDEX ix_task_organ_due (organ=? AND due_at>? AND due_at<?)" in limits and "SCAN" not in limits


def test_the_statistics_count_a_year_s_limits_and_intake_from_indexes_alone(tmp_path):
    # Every task due in the year and every petition received in it is counted: read from an index
    # that holds what is counted, not from the rows (a petition's row carries its texts).
    from engine import current_clock
    from processes.statistics import dashboard

    app = make_app(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
    with app.app_context():
        statements: list[tuple[str, tuple]] = []

        def keep(_conn, _cursor, statement, parameters, _context, _many):
            statements.append((statement, parameters))

        sa.event.listen(db.engine, "before_cursor_execute", keep)
        dashboard(2026, None, current_clock().now())
        sa.event.remove(db.engine, "before_cursor_execute", keep)
        connection = db.session.connection()
        plans = {table: " ".join(row[-1] for statement, parameters in statements
                                 if f"FROM {table}" in statement and "GROUP BY" in statement
                                 for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}",
                                                                       tuple(parameters)))
                 for table in ("user_task", "petition")}
        db.session.remove()
        db.engine.dispose()
    assert "COVERING INDEX ix_task_due_limit (due_at>? AND due_at<?)" in plans["user_task"]
    assert "COVERING INDEX ix_petition_intake (received_on>? AND received_on<?)" in plans["petition"]


def test_init_db_adds_the_columns_of_this_release_to_an_earlier_release_s_tables(database_url):
    app = make_app(database_url)
    with app.app_context():
        for column in ("issued_after", "served_after"):  # the steps a document followed, for the timeline
            db.session.execute(sa.text(f"ALTER TABLE document DROP COLUMN {column}"))
        db.session.commit()
        from web.cli import init_database

        init_database()
        init_database()  # twice: nothing left to add is no error
        columns = {column["name"] for column in sa.inspect(db.engine).get_columns("document")}
        db.session.remove()
        db.engine.dispose()
    assert {"issued_after", "served_after", "served_on"} <= columns
