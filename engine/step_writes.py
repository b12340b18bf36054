"""What one engine step writes, as plain statements built once: the instance row, its ready tasks,
its timers and its history.

A step touches a handful of rows. The ORM's unit of work costs more than the statements it
emits, so the hot path runs prepared statements (engine/prepared.py) on the connection of the
session's transaction and then tells the ORM what the rows now hold, so objects already loaded in
the session stay true.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, event, insert, inspect, null, select, update
from sqlalchemy.orm import Session

from .db import db
from .errors import Conflict
from .loaded_rows import LoadedRead, as_loaded, set_loaded_values
from .models import HistoryRow, Instance, TaskRow, TimerRow
from .prepared import Prepared
from .projection import ReadyTask, WaitingTimer

TASK_FIELDS = ("process", "element", "name", "group", "organ", "form", "due_at", "due_provisional")
TIMER_FIELDS = tuple(WaitingTimer.__dataclass_fields__)
INSTANCE_FIELDS = ("state", "data", "active", "status", "updated_at", "ended_at", "next_timer_at",
                   "error_message", "error_element")
_OTHER_FIELDS = ("definition_id", "process", "version", "business_key", "started_at")

_tasks, _timers, _history, _instances = (TaskRow.__table__, TimerRow.__table__, HistoryRow.__table__,
                                         Instance.__table__)

_READY_TASKS = Prepared(select(_tasks.c.id, *(_tasks.c[name] for name in TASK_FIELDS)).where(
    _tasks.c.instance_id == bindparam("instance"), _tasks.c.state == "ready"))
_INSERT_TASK = Prepared(insert(_tasks))
_UPDATE_TASK = Prepared(update(_tasks).where(_tasks.c.id == bindparam("task_id")).values(
    {name: bindparam(name) for name in TASK_FIELDS}))
_END_TASK = Prepared(update(_tasks).where(_tasks.c.id == bindparam("task_id")).values(
    state=bindparam("end_state"), completed_at=bindparam("at"), completed_by=bindparam("by"), draft=null()))
_TIMERS = Prepared(select(*(_timers.c[name] for name in TIMER_FIELDS)).where(
    _timers.c.instance_id == bindparam("instance")))
_DELETE_TIMERS = Prepared(delete(_timers).where(_timers.c.instance_id == bindparam("instance")))
_INSERT_TIMER = Prepared(insert(_timers))
_INSERT_HISTORY = Prepared(insert(_history))
_INSERT_INSTANCE = Prepared(insert(_instances))
# An indexed column is set only when its value changes: SQLite rewrites the index entry of every
# indexed column an UPDATE sets, changed or not, and that is one page more for the commit to write.
_INDEXED_FIELDS = tuple(name for name in INSTANCE_FIELDS
                        if any(name in index.columns for index in _instances.indexes))
_update_instance: dict[tuple[str, ...], Prepared] = {}  # by the indexed fields that change
_UNREAD = object()


def _update_instance_setting(changed: tuple[str, ...]) -> Prepared:
    found = _update_instance.get(changed)
    if found is None:
        fields = [name for name in INSTANCE_FIELDS if name not in _INDEXED_FIELDS or name in changed]
        found = _update_instance[changed] = Prepared(update(_instances).where(and_(
            _instances.c.id == bindparam("instance"), _instances.c.lock_version == bindparam("expected"))).values(
            {**{name: bindparam(name) for name in fields}, "lock_version": bindparam("next_version")}))
    return found


PENDING_HISTORY = "engine.pending_history"


def append_history(row: dict[str, Any]) -> None:
    """Append one entry to the history, written with the step's other rows (see write_history)."""
    db.session.info.setdefault(PENDING_HISTORY, []).append(row)


def write_history(session: Session) -> None:
    """Write the history entries waiting in a session, in one statement."""
    rows = session.info.pop(PENDING_HISTORY, None)
    if rows:
        _INSERT_HISTORY.run_many(rows)


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


CASE_COLUMNS = tuple(column for column in _instances.c if column.key != "state")  # the state: read when used
_READ_INSTANCE = LoadedRead(Instance, select(*CASE_COLUMNS).where(_instances.c.id == bindparam("instance")),
                            flush=False)  # by primary key, as Session.get reads


def add_instance(values: dict[str, Any]) -> Instance:
    """Insert a new instance row and return it as an object of the session, as if just loaded."""
    values = {**values, "lock_version": 1}
    return as_loaded(Instance, {"id": _INSERT_INSTANCE.inserted_id(values), **values})


def read_instance(instance_id: int) -> Instance | None:
    """Read an instance row the session does not hold yet (its saved state is read when used)."""
    return _READ_INSTANCE.first({"instance": instance_id})


def flush_other_changes(instance: Instance) -> None:
    """Flush what a caller changed on the instance besides what a step writes (a migration does)."""
    state = inspect(instance)
    if state.modified and any(state.attrs[name].history.has_changes() for name in _OTHER_FIELDS):
        db.session.flush()


class InstanceUpdate:
    """The update of an instance's row, sent (inside `batched()`, perhaps not gone yet)."""

    def __init__(self, instance: Instance, values: dict[str, Any], cursor) -> None:
        self.instance, self.values, self.cursor = instance, values, cursor

    def check(self) -> None:
        """Raise Conflict (and roll back) if the row had been saved by someone else since it was read."""
        if self.cursor.rowcount == 0:  # -1 when the update itself failed: that error is the one to raise
            db.session.rollback()
            raise Conflict("the case was changed by someone else at the same moment; reload and try again")

    def done(self) -> None:
        """Once the update has gone: check it, and make the instance say what its row now holds."""
        self.check()
        set_loaded_values(self.instance, self.values)


def write_instance(instance: Instance, values: dict[str, Any]) -> InstanceUpdate:
    """Send the update of an instance's row, which changes it only if nobody saved it since it was read.

    Inside `batched()` the update goes with the step's other writes; call `done()` on what this
    returns once it has gone.
    """
    state = inspect(instance)
    expected = instance.lock_version
    # Compared with what the row holds (a change not yet flushed is not in it; an unread value differs).
    indexed = tuple(name for name in _INDEXED_FIELDS
                    if values[name] != state.committed_state.get(name, state.dict.get(name, _UNREAD)))
    cursor = _update_instance_setting(indexed).send({"instance": instance.id, "expected": expected,
                                                     "next_version": expected + 1, **values})
    return InstanceUpdate(instance, {**values, "lock_version": expected + 1}, cursor)


@dataclass
class TaskWrites:
    """What project_tasks wrote: the ready rows as they now are, and the rows it changed or ended."""

    ready: dict[str, tuple]
    changed: dict[str, dict]
    ended: dict[str, dict]

    def update_loaded(self) -> None:
        """Make task objects the session already loaded say what their rows now hold."""
        if not (self.changed or self.ended):
            return
        for obj in list(db.session.identity_map.values()):
            if isinstance(obj, TaskRow) and (obj.id in self.changed or obj.id in self.ended):
                set_loaded_values(obj, self.changed.get(obj.id) or self.ended[obj.id])


def project_tasks(instance_id: int, ready: list[ReadyTask], now: datetime, completed_task: str | None,
                  actor: str | None, known: dict[str, tuple] | None = None) -> TaskWrites:
    """Make the instance's ready-task rows match the workflow's ready user tasks.

    `known` is what the rows hold, when the caller knows (else they are read). Task objects
    already loaded are not touched here (the writes may not have reached the database yet): call
    `update_loaded` on the result when they have.
    """
    if known is None:
        known = {row[0]: row[1:] for row in _READY_TASKS.rows({"instance": instance_id})}
    existing, written = dict(known), {}
    new, changed = [], []
    for task in ready:
        values = {name: getattr(task, name) for name in TASK_FIELDS}
        written[task.id] = tuple(values.values())
        before = existing.pop(task.id, None)
        if before is None:
            new.append({"id": task.id, "instance_id": instance_id, "state": "ready", "created_at": now,
                        "assignee": task.assignee, **values})
        elif before != written[task.id]:
            changed.append({"task_id": task.id, **values})
    _INSERT_TASK.run_many(new)
    _UPDATE_TASK.run_many(changed)
    ended = [{"task_id": task_id, "end_state": "completed" if task_id == completed_task else "cancelled",
              "at": now, "by": actor if task_id == completed_task else None} for task_id in existing]
    _END_TASK.run_many(ended)
    return TaskWrites(written, {row["task_id"]: {name: row[name] for name in TASK_FIELDS} for row in changed},
                      {row["task_id"]: {"state": row["end_state"], "completed_at": row["at"],
                                        "completed_by": row["by"], "draft": None} for row in ended})


def project_timers(instance_id: int, timers: list[WaitingTimer],
                   known: dict[str, dict] | None = None) -> dict[str, dict]:
    """Make the instance's timer rows match its waiting timers (untouched when they already do).

    `known` is what the rows hold, when the caller knows (else they are read). Return the rows.
    """
    wanted = {timer.id: vars(timer) for timer in timers}
    if known is None:
        known = {row[0]: dict(zip(TIMER_FIELDS, row)) for row in _TIMERS.rows({"instance": instance_id})}
    if known != wanted:
        _DELETE_TIMERS.run_many([{"instance": instance_id}])
        _INSERT_TIMER.run_many([{"instance_id": instance_id, **values} for values in wanted.values()])
    return wanted


@dataclass
class Projected:
    """The task and timer rows a workflow's last save wrote, and the lock version it left."""

    version: int
    tasks: dict[str, tuple]
    timers: dict[str, dict]


# Rows change only in a step, and a step bumps the instance's lock version (so does terminating or
# migrating a case): rows written at the version the instance still carries are the rows there are.
_PROJECTED = "_engine_projected"


def projected(workflow, version: int) -> Projected | None:
    """Return the rows the workflow's last save wrote, if the instance is still at that version."""
    found = workflow.__dict__.get(_PROJECTED)
    return found if found is not None and found.version == version else None


def remember_projected(workflow, written: Projected) -> None:
    """Keep with a workflow the rows its save wrote (for its next step, if it is kept)."""
    workflow.__dict__[_PROJECTED] = written
