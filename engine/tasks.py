"""User tasks: find them, claim, release, assign, save a draft, complete."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import func, select, update

from .db import db
from .errors import Conflict, InvalidState, NotFound
from .forms import load_form, validate_submission
from .history import record
from .instances import get_instance
from .models import Instance, TaskRow
from .runtime import OPEN, advance, load_workflow, persist
from .settings import current_engine


@dataclass
class TaskQuery:
    """Filters of the task list; `None` means any."""

    instance: int | None = None
    assignee: str | None = None
    unassigned: bool = False
    groups: tuple[str, ...] | None = None
    organs: tuple[str, ...] | None = None
    state: str | None = "ready"
    process: str | None = None
    due_before: datetime | None = None
    order: str = "due"
    page: int = 1
    per_page: int = 50


def _filtered(query: TaskQuery):
    stmt = select(TaskRow)
    if query.instance is not None:
        stmt = stmt.where(TaskRow.instance_id == query.instance)
    if query.state:
        stmt = stmt.where(TaskRow.state == query.state)
    if query.assignee is not None:
        stmt = stmt.where(TaskRow.assignee == query.assignee)
    if query.unassigned:
        stmt = stmt.where(TaskRow.assignee.is_(None))
    if query.groups is not None:
        stmt = stmt.where(TaskRow.group.in_(query.groups))
    if query.organs is not None:
        stmt = stmt.where(TaskRow.organ.in_(query.organs))
    if query.process:
        stmt = stmt.where(TaskRow.process == query.process)
    if query.due_before is not None:
        stmt = stmt.where(TaskRow.due_at < query.due_before)
    return stmt


def list_tasks(query: TaskQuery) -> tuple[list[TaskRow], int]:
    """Return one page of tasks matching the filters, and how many match in all."""
    stmt = _filtered(query)
    order = {"due": (TaskRow.due_at.is_(None), TaskRow.due_at, TaskRow.created_at),
             "new": (TaskRow.created_at.desc(),)}[query.order if query.order in ("due", "new") else "due"]
    page = max(query.page, 1)
    rows = list(db.session.scalars(stmt.order_by(*order).offset((page - 1) * query.per_page).limit(query.per_page)))
    if page == 1 and len(rows) < query.per_page:
        return rows, len(rows)  # the whole list fits on the first page: no need to count
    return rows, db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def get_task(task_id: str) -> TaskRow:
    """Return a task or raise NotFound."""
    row = db.session.get(TaskRow, str(task_id))
    if row is None:
        raise NotFound(f"task {task_id} does not exist")
    return row


def task_form(row: TaskRow) -> dict | None:
    """Return the form definition of a task (None when it has none)."""
    return load_form(current_engine().forms_dir, row.form) if row.form else None


def _ready(row: TaskRow) -> Instance:
    if row.state != "ready":
        raise Conflict(f"this task is already {row.state}", state=row.state)
    instance = get_instance(row.instance_id)  # its state is read only if no live workflow is kept
    if instance.status not in OPEN:
        raise InvalidState(f"the case is {instance.status}; its tasks wait", status=instance.status)
    return instance


def claim_task(task_id: str, user: str) -> TaskRow:
    """Take a task for yourself; a task someone else holds is refused."""
    row = get_task(task_id)
    _ready(row)
    if row.assignee == user:
        return row
    changed = db.session.execute(update(TaskRow).where(TaskRow.id == row.id, TaskRow.assignee.is_(None))
                                 .values(assignee=user)).rowcount
    if not changed:
        db.session.refresh(row)
        raise Conflict(f"this task is already held by {row.assignee}", assignee=row.assignee)
    record(row.instance_id, "task_claimed", user, element=row.element, task_id=row.id)
    db.session.refresh(row)
    return row


def release_task(task_id: str, user: str, *, override: bool = False) -> TaskRow:
    """Give a task back to its group."""
    row = get_task(task_id)
    _ready(row)
    if row.assignee is None:
        raise InvalidState("this task is not held by anyone")
    if row.assignee != user and not override:
        raise InvalidState(f"this task is held by {row.assignee}, not by you")
    row.assignee = None
    record(row.instance_id, "task_released", user, element=row.element, task_id=row.id)
    db.session.flush()
    return row


def assign_task(task_id: str, assignee: str | None, actor: str, reason: str | None = None) -> TaskRow:
    """Hand a task to someone (or back to the group) on someone's authority."""
    row = get_task(task_id)
    _ready(row)
    before = row.assignee
    row.assignee = assignee or None
    record(row.instance_id, "task_assigned", actor, element=row.element, task_id=row.id, reason=reason,
           detail={"from": before, "to": row.assignee})
    db.session.flush()
    return row


def save_draft(task_id: str, data: dict[str, Any], user: str) -> TaskRow:
    """Keep unfinished form input on the task without validating or completing it."""
    row = get_task(task_id)
    _ready(row)
    if not isinstance(data, dict):
        raise InvalidState("a draft must be an object")
    row.draft = data
    db.session.flush()
    return row


def complete_task(task_id: str, data: dict[str, Any], user: str) -> Instance:
    """Validate the data against the task's form, complete the task and run on to the next wait."""
    row = get_task(task_id)
    instance = _ready(row)
    if row.assignee is not None and row.assignee != user:
        raise Conflict(f"this task is held by {row.assignee}", assignee=row.assignee)
    cleaned = validate_submission(task_form(row), data)
    workflow = load_workflow(instance)
    task = workflow.get_task_from_id(UUID(row.id))
    if task is None or task.state != TaskState.READY:
        raise Conflict("this task is no longer waiting for input")
    task.data.update(cleaned)
    task.run()
    record(instance.id, "task_completed", user, element=row.element, task_id=row.id, detail={"data": cleaned})
    advance(instance, workflow, user)
    persist(instance, workflow, completed_task=row.id, actor=user)
    return instance

