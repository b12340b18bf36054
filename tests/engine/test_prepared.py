"""Prepared statements write and read values exactly as SQLAlchemy would, inside the session's transaction."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import bindparam, insert, select

from engine import db
from engine.instances import start_instance
from engine.models import HistoryRow
from engine.prepared import Prepared, batched

CST = timezone(timedelta(hours=8))
_history = HistoryRow.__table__
_INSERT = Prepared(insert(_history))
_READ = Prepared(select(_history.c.at, _history.c.detail, _history.c.reason).where(
    _history.c.instance_id == bindparam("instance"), _history.c.event == "data_changed"))


def _entry(instance_id, at, detail):
    return {"instance_id": instance_id, "at": at, "actor": "张三", "event": "data_changed", "element": None,
            "task_id": None, "reason": None, "detail": detail}


def test_values_written_read_back_through_the_orm_as_the_orm_writes_them(ctx):
    instance_id = start_instance("chain", "p-1", {"organ": "X"}, "ann").id
    at = datetime(2026, 10, 1, 0, 30, tzinfo=CST)
    detail = {"before": {"诉求": "退还押金"}, "after": {"days": 15, "extended": True, "files": []}}
    _INSERT.run_many([_entry(instance_id, at, detail)])
    db.session.commit()
    (row,) = db.session.scalars(select(HistoryRow).where(HistoryRow.event == "data_changed",
                                                         HistoryRow.instance_id == instance_id))
    assert row.at == at and row.at.tzinfo == UTC  # the same moment, read back in UTC
    assert row.detail == detail and row.actor == "张三" and row.reason is None
    assert _READ.rows({"instance": instance_id}) == [(at, detail, None)]


def test_writes_run_in_the_sessions_transaction_and_roll_back_with_it(ctx):
    instance_id = start_instance("chain", "p-2", {"organ": "X"}, "ann").id
    db.session.commit()
    with batched():
        _INSERT.run_many([_entry(instance_id, datetime(2026, 10, 1, tzinfo=CST), {"n": n}) for n in range(3)])
    assert len(_READ.rows({"instance": instance_id})) == 3  # seen by the transaction that wrote them
    db.session.rollback()
    assert _READ.rows({"instance": instance_id}) == []


def test_a_moment_without_a_time_zone_is_refused_as_the_orm_refuses_it(ctx):
    instance_id = start_instance("chain", "p-3", {"organ": "X"}, "ann").id
    with pytest.raises(ValueError, match="time zone"):
        _INSERT.run_many([_entry(instance_id, datetime(2026, 10, 1), {})])


def test_a_write_that_fails_in_a_batch_raises_and_the_transaction_rolls_back_whole(ctx):
    instance_id = start_instance("chain", "p-4", {"organ": "X"}, "ann").id
    db.session.commit()
    with pytest.raises(Exception) as raised:
        with batched():
            _INSERT.run_many([_entry(instance_id, datetime(2026, 10, 1, tzinfo=CST), {"n": 1})])
            _INSERT.run_many([_entry(instance_id + 1000, datetime(2026, 10, 1, tzinfo=CST), {"n": 2})])  # no such case
    assert "foreign key" in str(raised.value).lower()
    db.session.rollback()
    assert _READ.rows({"instance": instance_id}) == []  # the first write went with the failed one
    _INSERT.run_many([_entry(instance_id, datetime(2026, 10, 2, tzinfo=CST), {"n": 3})])  # the connection goes on
    db.session.commit()
    assert [row[1] for row in _READ.rows({"instance": instance_id})] == [{"n": 3}]


def test_where_the_driver_cannot_batch_a_step_still_writes_everything(ctx, monkeypatch):
    import psycopg

    from engine.history import history_for
    from engine.tasks import TaskQuery, complete_task, list_tasks

    monkeypatch.setattr(psycopg.Pipeline, "is_supported", classmethod(lambda cls: False))  # libpq before 14
    instance_id = start_instance("chain", "p-5", {"organ": "X"}, "ann").id
    db.session.commit()
    (task,), _total = list_tasks(TaskQuery(instance=instance_id))
    complete_task(task.id, {"note": "one by one"}, "ann")
    db.session.commit()
    db.session.expunge_all()
    (task,), _total = list_tasks(TaskQuery(instance=instance_id))
    assert task.element == "step2"
    assert [row.event for row in history_for(instance_id)] == ["started", "task_completed"]


def test_statements_follow_the_sessions_transaction_across_commits_rollbacks_and_a_closed_session(ctx):
    from engine.prepared import transaction_connection

    instance_id = start_instance("chain", "p-6", {"organ": "X"}, "ann").id
    db.session.commit()
    _INSERT.run_many([_entry(instance_id, datetime(2026, 10, 1, tzinfo=CST), {"n": 1})])
    assert transaction_connection() is db.session.connection()
    db.session.commit()
    _INSERT.run_many([_entry(instance_id, datetime(2026, 10, 2, tzinfo=CST), {"n": 2})])
    assert transaction_connection() is db.session.connection()  # the new transaction's, not the committed one's
    db.session.rollback()
    db.session.close()
    _INSERT.run_many([_entry(instance_id, datetime(2026, 10, 3, tzinfo=CST), {"n": 3})])
    db.session.commit()
    assert [row[1] for row in _READ.rows({"instance": instance_id})] == [{"n": 1}, {"n": 3}]
