"""`xinfang init-db` brings an existing database to the tables of this release."""
from __future__ import annotations

import sqlalchemy as sa

from engine import db
from engine.tasks import TaskQuery, list_tasks
from tests.conftest import make_app


def _task_indexes() -> set[str]:
    return {index["name"] for index in sa.inspect(db.engine).get_indexes("user_task")}


def _as_an_earlier_release_left_it() -> None:
    # That release indexed the state alone, and every task's assignee and due time, empty or not.
    for name in ("ix_task_assignee", "ix_task_due_at"):
        db.session.execute(sa.text(f"DROP INDEX {name}"))
    db.session.execute(sa.text("CREATE INDEX ix_user_task_state ON user_task (state)"))
    db.session.execute(sa.text("CREATE INDEX ix_user_task_assignee ON user_task (assignee)"))
    db.session.execute(sa.text("CREATE INDEX ix_user_task_due_at ON user_task (due_at)"))
    db.session.commit()


def test_init_db_brings_the_indexes_of_an_earlier_release_up_to_date(database_url):
    app = make_app(database_url)
    with app.app_context():
        _as_an_earlier_release_left_it()
        assert {"ix_user_task_state", "ix_user_task_assignee"} <= _task_indexes()
        from web.cli import init_database

        init_database()
        init_database()  # twice: nothing left to drop or make is no error
        indexes = _task_indexes()
        db.session.remove()
        db.engine.dispose()
    assert not {"ix_user_task_state", "ix_user_task_assignee", "ix_user_task_due_at"} & indexes
    assert {"ix_task_state_group", "ix_user_task_instance_id", "ix_task_assignee", "ix_task_due_at"} <= indexes


def _sqlite_plan(sql: str, values: dict) -> str:
    return " ".join(row[-1] for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {sql}"), values))


def test_searches_by_assignee_and_by_due_time_use_the_indexes_that_leave_empty_values_out(tmp_path):
    # The indexes hold no task without an assignee or a due time; a search for a value still finds
    # them (on PostgreSQL too, whose planner draws the same conclusion from `assignee = …`).
    app = make_app(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
    with app.app_context():
        by_assignee = _sqlite_plan("SELECT id FROM user_task WHERE assignee = :who AND state = 'ready'", {"who": "li"})
        overdue = _sqlite_plan("SELECT id FROM user_task WHERE due_at < :at", {"at": "2026-01-01"})
        assert list_tasks(TaskQuery(assignee="li")) == ([], 0)
        db.session.remove()
        db.engine.dispose()
    assert "ix_task_assignee" in by_assignee
    assert "ix_task_due_at" in overdue
