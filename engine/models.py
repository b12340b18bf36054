"""Rows the engine persists: definitions, instances, ready tasks, timers, history."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, ForeignKey, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import UtcDateTime, db

Stamp = UtcDateTime()
# The largest id (or version number) a row can have: PostgreSQL's integer. A larger one names no row;
# asked of the database, it would fail rather than find nothing.
MAX_ID = 2**31 - 1


def is_row_id(value: object) -> bool:
    """Tell whether a value can be the id of a row (a whole number from 1 to MAX_ID)."""
    return type(value) is int and 0 < value <= MAX_ID


class DefinitionVersion(db.Model):
    """One deployed version of one process, with the files it was parsed from."""

    __tablename__ = "definition_version"
    __table_args__ = (Index("ix_definition_process_version", "process", "version", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(400), default="")
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    # {file name: BPMN XML} of the file holding the process and every file it calls.
    sources: Mapped[dict[str, str]] = mapped_column(JSON, deferred=True)  # read when parsed or shown
    deployed_at: Mapped[datetime] = mapped_column(Stamp)
    deployed_by: Mapped[str] = mapped_column(String(200))


class Instance(db.Model):
    """A running (or finished) process instance and its serialized state."""

    __tablename__ = "process_instance"
    # The timer sweep walks the earliest due times of open instances; the console counts cases by
    # status. One index serves both, read alone: the due time first, the status beside it.
    __table_args__ = (Index("ix_instance_next_timer_status", "next_timer_at", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("definition_version.id"), index=True)
    process: Mapped[str] = mapped_column(String(200), index=True)
    version: Mapped[int] = mapped_column(Integer)
    business_key: Mapped[str] = mapped_column(String(200), index=True)
    # No index led by the status: it has six values, and one would lure SQLite's planner away from
    # the due-time index the timer sweep relies on (ix_instance_next_timer_status holds it second).
    status: Mapped[str] = mapped_column(String(20))
    state: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    active: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The earliest waiting timer (None when none waits): lets a step skip the timer table.
    next_timer_at: Mapped[Optional[datetime]] = mapped_column(Stamp)  # indexed in ix_instance_next_timer_status
    error_message: Mapped[Optional[str]] = mapped_column(Text)
    error_element: Mapped[Optional[str]] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(Stamp, index=True)
    updated_at: Mapped[datetime] = mapped_column(Stamp)
    ended_at: Mapped[Optional[datetime]] = mapped_column(Stamp)
    lock_version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": lock_version}


# Indexes an earlier release made that the tables above no longer declare; `xinfang init-db`
# drops them from an existing database. Each is one page more for every step's commit to write.
RETIRED_INDEXES = ("ix_user_task_state",  # ix_task_state_group starts with the state
                   "ix_user_task_assignee", "ix_user_task_due_at",  # now left without their empty entries
                   "ix_history_instance_id", "ix_history_at",  # now ix_history_instance_at
                   "ix_user_task_organ",  # ix_task_organ_due starts with the organ
                   "ix_process_instance_next_timer_at",  # ix_instance_next_timer_status starts with it
                   "ix_task_due_at")  # ix_task_due_limit starts with it


class TaskRow(db.Model):
    """A user task as people see it: the query-able projection of the instance state."""

    __tablename__ = "user_task"
    # A task waiting for its group has no assignee, and one with no statutory limit no due time: their
    # indexes leave such tasks out (a search for someone's tasks or for a due time never finds them), so
    # creating or ending such a task writes no page of them.
    __table_args__ = (Index("ix_task_state_group", "state", "group"),
                      Index("ix_task_assignee", "assignee", sqlite_where=text("assignee IS NOT NULL"),
                            postgresql_where=text("assignee IS NOT NULL")),
                      # The statistics count a year's statutory limits, per organ and limit, kept or not,
                      # from this index alone (the rows' pages are not read); a completion rewrites the
                      # task's entry here, beside the row it writes anyway.
                      Index("ix_task_due_limit", "due_at", "organ", "name", "process", "state", "completed_at",
                            sqlite_where=text("due_at IS NOT NULL"), postgresql_where=text("due_at IS NOT NULL")),
                      # Counts of the limits an organ kept in a year find the organ's tasks due that year
                      # here. How and when each ended is read from its row: with the state and end time
                      # in it the index would be rewritten by every completion, a page more per step.
                      Index("ix_task_organ_due", "organ", "due_at"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    process: Mapped[str] = mapped_column(String(200))
    element: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(400))
    state: Mapped[str] = mapped_column(String(20))  # indexed first in ix_task_state_group
    group: Mapped[Optional[str]] = mapped_column(String(100))
    organ: Mapped[Optional[str]] = mapped_column(String(100))  # indexed first in ix_task_organ_due
    assignee: Mapped[Optional[str]] = mapped_column(String(200))  # indexed in ix_task_assignee
    form: Mapped[Optional[str]] = mapped_column(String(200))
    due_at: Mapped[Optional[datetime]] = mapped_column(Stamp)  # indexed first in ix_task_due_limit
    due_provisional: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(Stamp)
    completed_at: Mapped[Optional[datetime]] = mapped_column(Stamp)
    completed_by: Mapped[Optional[str]] = mapped_column(String(200))
    draft: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON)
    # The instance the task belongs to (read with the task by engine.tasks.get_task).
    process_instance: Mapped[Instance] = relationship(lazy="select", viewonly=True)


class TimerRow(db.Model):
    """A waiting timer event; its indexed due time is what the sweep reads."""

    __tablename__ = "timer"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    element: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(400), default="")
    due_at: Mapped[datetime] = mapped_column(Stamp, index=True)
    provisional: Mapped[bool] = mapped_column(default=False)
    expression: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(Text, default="")
    interrupting: Mapped[bool] = mapped_column(default=True)
    attached_to: Mapped[Optional[str]] = mapped_column(String(200))


class HistoryRow(db.Model):
    """One append-only entry of what happened to an instance: who, when, why."""

    __tablename__ = "history"
    # A case's history is read in the order it happened, and the annual report reads the cases of
    # its scope for one year: both go through one index, which each entry appended writes once.
    __table_args__ = (Index("ix_history_instance_at", "instance_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"))
    at: Mapped[datetime] = mapped_column(Stamp)
    actor: Mapped[str] = mapped_column(String(200))
    event: Mapped[str] = mapped_column(String(50))
    element: Mapped[Optional[str]] = mapped_column(String(200))
    task_id: Mapped[Optional[str]] = mapped_column(String(36))
    reason: Mapped[Optional[str]] = mapped_column(Text)
    detail: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON)


class SimulatedTime(db.Model):
    """Where a simulated clock stands (one row), so that a restart carries on from there."""

    __tablename__ = "simulated_clock"

    id: Mapped[int] = mapped_column(primary_key=True)
    now: Mapped[datetime] = mapped_column(Stamp)
