"""What one engine step writes, as plain statements built once: the instance row, its ready tasks,
its timers and its history.

A step touches a handful of rows. The ORM's unit of work costs more than the statements it
emits, so the hot path writes through the session's connection (same transaction) and then tells
the ORM what the rows now hold, so objects already loaded in the session stay true.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, event, insert, inspect, null, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from .db import db
from .errors import Conflict
from .models import HistoryRow, Instance, TaskRow, TimerRow
from .projection import ReadyTask, WaitingTimer

TASK_FIELDS = ("process", "element", "name", "group", "organ", "form", "due_at", "due_provisional")
TIMER_FIELDS = tuple(WaitingTimer.__dataclass_fields__)
INSTANCE_FIELDS = ("state", "data", "active", "status", "updated_at", "ended_at", "next_timer_at",
                   "error_message", "error_element")
_OTHER_FIELDS = ("definition_id", "process", "version", "business_key", "started_at")

_tasks, _timers, _history, _instances = (TaskRow.__table__, TimerRow.__table__, HistoryRow.__table__,
                                         Instance.__table__)

_READY_TASKS = select(_tasks.c.id, *(_tasks.c[name] for name in TASK_FIELDS)).where(
    _tasks.c.instance_id == bindparam("instance"), _tasks.c.state == "ready")
_INSERT_TASK = insert(_tasks)
_UPDATE_TASK = update(_tasks).where(_tasks.c.id == bindparam("task_id")).values(
    {name: bindparam(name) for name in TASK_FIELDS})
_END_TASK = update(_tasks).where(_tasks.c.id == bindparam("task_id")).values(
    state=bindparam("end_state"), completed_at=bindparam("at"), completed_by=bindparam("by"), draft=null())
_TIMERS = select(*(_timers.c[name] for name in TIMER_FIELDS)).where(_timers.c.instance_id == bindparam("instance"))
_DELETE_TIMERS = delete(_timers).where(_timers.c.instance_id == bindparam("instance"))
_INSERT_TIMER = insert(_timers)
_INSERT_HISTORY = insert(_history)
_UPDATE_INSTANCE = update(_instances).where(and_(
    _instances.c.id == bindparam("instance"), _instances.c.lock_version == bindparam("expected"))).values(
    {**{name: bindparam(name) for name in INSTANCE_FIELDS}, "lock_version": bindparam("next_version")})


def _connection():
    return db.session.connection()


PENDING_HISTORY = "engine.pending_history"


def append_history(row: dict[str, Any]) -> None:
    """Append one entry to the history, written with the step's other rows (see write_history)."""
    db.session.info.setdefault(PENDING_HISTORY, []).append(row)


def write_history(session: Session) -> None:
    """Write the history entries waiting in a session, in one statement."""
    rows = session.info.pop(PENDING_HISTORY, None)
    if rows:
        session.connection().execute(_INSERT_HISTORY, rows)


# Entries wait so that a step starts writing only when it saves, not while the workflow runs
# (on SQLite the first write takes the database's write lock until the commit). They are written
# before anything reads through the session and before a commit.
@event.listens_for(Session, "do_orm_execute")
def _before_reading(orm_execute_state) -> None:
    if orm_execute_state.session.info.get(PENDING_HISTORY):
        write_history(orm_execute_state.session)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    write_history(session)


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, _transaction) -> None:
    session.info.pop(PENDING_HISTORY, None)


def write_instance(instance: Instance, values: dict[str, Any]) -> None:
    """Save an instance's row if nobody saved it since it was read; else raise Conflict."""
    attributes = inspect(instance).attrs
    if any(attributes[name].history.has_changes() for name in _OTHER_FIELDS):
        db.session.flush()  # what a caller changed besides the step (a migration) goes first
    expected = instance.lock_version
    changed = _connection().execute(_UPDATE_INSTANCE, {
        "instance": instance.id, "expected": expected, "next_version": expected + 1, **values}).rowcount
    if changed != 1:
        db.session.rollback()
        raise Conflict("the case was changed by someone else at the same moment; reload and try again")
    for name, value in values.items():
        set_committed_value(instance, name, value)
    set_committed_value(instance, "lock_version", expected + 1)


def project_tasks(instance_id: int, ready: list[ReadyTask], now: datetime, completed_task: str | None,
                  actor: str | None) -> None:
    """Make the instance's ready-task rows match the workflow's ready user tasks."""
    connection = _connection()
    existing = {row[0]: tuple(row[1:]) for row in connection.execute(_READY_TASKS, {"instance": instance_id})}
    new, changed = [], []
    for task in ready:
        values = {name: getattr(task, name) for name in TASK_FIELDS}
        before = existing.pop(task.id, None)
        if before is None:
            new.append({"id": task.id, "instance_id": instance_id, "state": "ready", "created_at": now, **values})
        elif before != tuple(values.values()):
            changed.append({"task_id": task.id, **values})
    if new:
        connection.execute(_INSERT_TASK, new)
    if changed:
        connection.execute(_UPDATE_TASK, changed)
    ended = [{"task_id": task_id, "end_state": "completed" if task_id == completed_task else "cancelled",
              "at": now, "by": actor if task_id == completed_task else None} for task_id in existing]
    if ended:
        connection.execute(_END_TASK, ended)
    if changed or ended:
        _update_loaded_tasks({row["task_id"]: row for row in changed},
                             {row["task_id"]: {"state": row["end_state"], "completed_at": row["at"],
                                               "completed_by": row["by"], "draft": None} for row in ended})


def _update_loaded_tasks(changed: dict[str, dict], ended: dict[str, dict]) -> None:
    # Task objects the request already loaded would otherwise still say "ready".
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, TaskRow) and (obj.id in changed or obj.id in ended):
            values = changed.get(obj.id) or ended[obj.id]
            for name, value in values.items():
                if name != "task_id":
                    set_committed_value(obj, name, value)


def project_timers(instance_id: int, timers: list[WaitingTimer]) -> None:
    """Make the instance's timer rows match its waiting timers (untouched when they already do)."""
    connection = _connection()
    wanted = {timer.id: vars(timer) for timer in timers}
    stored = {row.id: dict(row._mapping) for row in connection.execute(_TIMERS, {"instance": instance_id})}
    if stored == wanted:
        return
    connection.execute(_DELETE_TIMERS, {"instance": instance_id})
    if wanted:
        connection.execute(_INSERT_TIMER, [{"instance_id": instance_id, **values} for values in wanted.values()])
