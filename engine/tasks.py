"""User tasks: find them, claim, release, assign, save a draft, complete."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.orm.util import identity_key

from .clock import current_clock
from .completions import CompletedTask, tell_completion_listeners
from .db import db
from .errors import Conflict, InvalidState, NotFound
from .forms import load_form, validate_submission
from .history import record
from .instances import get_instance
from .loaded_rows import LoadedRead, as_loaded, flush_before_reading
from .models import Instance, TaskRow
from .prepared import Prepared
from .runtime import OPEN, advance, load_workflow, persist
from .settings import current_engine
from .step_writes import CASE_COLUMNS


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


# Each combination of filters and order is one statement, built once; a request only binds values.
_FILTERS = (
    ("instance", lambda query: query.instance is not None, lambda: TaskRow.instance_id == bindparam("instance")),
    ("state", lambda query: bool(query.state), lambda: TaskRow.state == bindparam("state")),
    ("assignee", lambda query: query.assignee is not None, lambda: TaskRow.assignee == bindparam("assignee")),
    ("unassigned", lambda query: query.unassigned, lambda: TaskRow.assignee.is_(None)),
    ("groups", lambda query: query.groups is not None,
     lambda: TaskRow.group.in_(bindparam("groups", expanding=True))),
    ("organs", lambda query: query.organs is not None,
     lambda: TaskRow.organ.in_(bindparam("organs", expanding=True))),
    ("process", lambda query: bool(query.process), lambda: TaskRow.process == bindparam("process")),
    ("due_before", lambda query: query.due_before is not None, lambda: TaskRow.due_at < bindparam("due_before")),
)
_ORDERS = {"due": lambda: (TaskRow.due_at.is_(None), TaskRow.due_at, TaskRow.created_at),
           "new": lambda: (TaskRow.created_at.desc(),)}
_LISTS = ("groups", "organs")  # filters by a list of values: their statements are the ORM's


@dataclass
class _Statements:
    """The statements of one combination of filters and order."""

    page: Select
    count: Select
    prepared_page: LoadedRead | None  # the page read without the ORM's loading, where it can be


_statements: dict[tuple, _Statements] = {}


def _statements_for(query: TaskQuery) -> tuple[_Statements, dict[str, Any]]:
    """Return the statements of the query's filters and order, and the values to bind."""
    used = tuple(name for name, applies, _condition in _FILTERS if applies(query))
    order = query.order if query.order in _ORDERS else "due"
    key = (used, order)
    if key not in _statements:
        conditions = [condition() for name, _applies, condition in _FILTERS if name in used]
        filtered = select(TaskRow).where(*conditions)
        page = filtered.order_by(*_ORDERS[order]()).offset(bindparam("offset")).limit(bindparam("limit"))
        prepared = None if set(used) & set(_LISTS) else LoadedRead(TaskRow,
            select(*TaskRow.__table__.columns).where(*conditions).order_by(*_ORDERS[order]())
            .offset(bindparam("offset")).limit(bindparam("limit")))
        _statements[key] = _Statements(page, select(func.count()).select_from(filtered.subquery()), prepared)
    values = {name: getattr(query, name) for name in used if name != "unassigned"}
    return _statements[key], values


def _page(statements: _Statements, values: dict[str, Any]) -> list[TaskRow]:
    if statements.prepared_page is None:
        return list(db.session.scalars(statements.page, values))
    return statements.prepared_page.all(values)


def list_tasks(query: TaskQuery) -> tuple[list[TaskRow], int]:
    """Return one page of tasks matching the filters, and how many match in all."""
    statements, values = _statements_for(query)
    page = max(query.page, 1)
    rows = _page(statements, {**values, "offset": (page - 1) * query.per_page, "limit": query.per_page})
    if page == 1 and len(rows) < query.per_page:
        return rows, len(rows)  # the whole list fits on the first page: no need to count
    return rows, db.session.scalar(statements.count, values) or 0


_task_columns = tuple(TaskRow.__table__.columns)
_TASK_KEYS = tuple(column.key for column in _task_columns)
_CASE_KEYS = tuple(column.key for column in CASE_COLUMNS)
_TASK_WITH_INSTANCE = Prepared(select(*_task_columns, *CASE_COLUMNS).join_from(
    TaskRow.__table__, Instance.__table__, TaskRow.__table__.c.instance_id == Instance.__table__.c.id).where(
    TaskRow.__table__.c.id == bindparam("task_id")))


def get_task(task_id: str) -> TaskRow:
    """Return a task or raise NotFound; its instance comes with it, so checks on it need no query."""
    row = db.session.identity_map.get(identity_key(TaskRow, str(task_id)))
    if row is None:
        row = _task_with_case(str(task_id))
    if row is None:
        raise NotFound("task %(task)s does not exist", task=task_id)
    return row


def _task_with_case(task_id: str) -> TaskRow | None:
    flush_before_reading()
    found = _TASK_WITH_INSTANCE.rows({"task_id": task_id})
    if not found:
        return None
    values = found[0]
    case = as_loaded(Instance, dict(zip(_CASE_KEYS, values[len(_TASK_KEYS):])))
    return as_loaded(TaskRow, {**dict(zip(_TASK_KEYS, values)), "process_instance": case})


def task_form(row: TaskRow) -> dict | None:
    """Return the form definition of a task (None when it has none)."""
    return load_form(current_engine().forms_dir, row.form) if row.form else None


def _ready(row: TaskRow) -> Instance:
    if row.state != "ready":
        raise Conflict("this task is already %(state)s", state=row.state)
    instance = get_instance(row.instance_id)  # its state is read only if no live workflow is kept
    if instance.status not in OPEN:
        raise InvalidState("the case is %(status)s; its tasks wait", status=instance.status)
    return instance


def _not_held_by_another(row: TaskRow, user: str) -> None:
    # A task someone holds is theirs to fill in and complete, until they release it or it is reassigned.
    if row.assignee is not None and row.assignee != user:
        raise Conflict("this task is held by %(assignee)s", assignee=row.assignee)


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
        raise Conflict("this task is already held by %(assignee)s", assignee=row.assignee)
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
        raise InvalidState("this task is held by %(assignee)s, not by you", assignee=row.assignee)
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
    """Keep unfinished form input on the task without validating or completing it (a task someone
    else holds is refused: its draft is theirs)."""
    row = get_task(task_id)
    _ready(row)
    _not_held_by_another(row, user)
    if not isinstance(data, dict):
        raise InvalidState("a draft must be an object")
    row.draft = data
    db.session.flush()
    return row


def complete_task(task_id: str, data: dict[str, Any], user: str) -> Instance:
    """Validate the data against the task's form, complete the task and run on to the next wait."""
    row = get_task(task_id)
    instance = _ready(row)
    _not_held_by_another(row, user)
    cleaned = validate_submission(task_form(row), data)
    workflow = load_workflow(instance)
    task = workflow.get_task_from_id(UUID(row.id))
    if task is None or task.state != TaskState.READY:
        raise Conflict("this task is no longer waiting for input")
    task.data.update(cleaned)
    task.run()
    at = current_clock().now()
    record(instance.id, "task_completed", user, element=row.element, task_id=row.id, detail={"data": cleaned}, at=at)
    advance(instance, workflow, user)
    persist(instance, workflow, completed_task=row.id, actor=user)
    tell_completion_listeners(CompletedTask(instance.id, row.id, row.element, cleaned, at, user))
    return instance

