"""Load an instance's workflow, run it forward, and write state and projections together."""
from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import delete, select
from sqlalchemy.orm.exc import StaleDataError

from .clock import current_clock
from .db import db
from .definitions import specs_by_id, specs_for
from .errors import Conflict
from .history import record
from .models import Instance, TaskRow, TimerRow
from .projection import active_elements, case_data, ready_user_tasks, waiting_timers
from .settings import current_engine

log = logging.getLogger(__name__)
OPEN = ("running", "waiting")


def new_workflow(definition) -> BpmnWorkflow:
    """Create a fresh workflow of a deployed version."""
    spec, subprocesses = specs_for(definition)
    return BpmnWorkflow(spec, subprocesses, script_engine=current_engine().script_engine)


def load_workflow(instance: Instance) -> BpmnWorkflow:
    """Rebuild the live workflow of an instance from its saved state."""
    from .store import load_state

    spec, subprocesses = specs_by_id(instance.definition_id)
    return load_state(instance.state, spec, subprocesses, current_engine().script_engine)


def _error_element(exc: Exception) -> str | None:
    task = getattr(exc, "task", None)
    return getattr(getattr(task, "task_spec", None), "bpmn_id", None) if task is not None else None


def _refresh_timers(workflow: BpmnWorkflow) -> None:
    # SpiffWorkflow 3.2 renamed refresh_waiting_tasks (kept, deprecated) to refresh_timers.
    refresh = getattr(workflow, "refresh_timers", None) or workflow.refresh_waiting_tasks
    refresh()


def advance(instance: Instance, workflow: BpmnWorkflow, actor: str) -> None:
    """Run engine steps until the workflow waits for people or time; record a failure as an error."""
    try:
        for _ in range(100):  # a timer that falls due at once can free more engine work
            _refresh_timers(workflow)
            workflow.do_engine_steps()
            if not workflow.get_tasks(state=TaskState.READY, manual=False):
                break
    except SpiffWorkflowException as exc:
        instance.status = "error"
        instance.error_element = _error_element(exc)
        instance.error_message = str(exc)
        record(instance.id, "error", actor, element=instance.error_element, detail={"message": str(exc)})
        log.info("instance %s stopped with an error at %s: %s", instance.id, instance.error_element, exc)


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    # Case data may hold values a script computed (a Deadline); the projection keeps their text.
    return json.loads(json.dumps(data, default=lambda value: getattr(value, "isoformat", lambda: str(value))()))


def persist(instance: Instance, workflow: BpmnWorkflow, *, completed_task: str | None = None,
            actor: str | None = None) -> None:
    """Write state, status, ready tasks and timers of an instance, then flush (one transaction)."""
    from .store import dump_state

    now = current_clock().now()
    timers = waiting_timers(workflow)
    ready = ready_user_tasks(workflow)
    instance.state = dump_state(workflow)
    instance.data = _jsonable(case_data(workflow))
    instance.active = active_elements(workflow)
    instance.updated_at = now
    if instance.status in OPEN:
        if workflow.is_completed():
            instance.status, instance.ended_at = "completed", now
            record(instance.id, "completed", actor or "engine")
        else:
            instance.status = "running" if ready else "waiting"
    _project_tasks(instance, ready, now, completed_task, actor)
    live = instance.status not in ("completed", "terminated")
    kept = timers if live else []
    if instance.next_timer_at is not None or kept:
        with db.session.no_autoflush:
            db.session.execute(delete(TimerRow).where(TimerRow.instance_id == instance.id))
        db.session.add_all(TimerRow(instance_id=instance.id, **vars(timer)) for timer in kept)
    instance.next_timer_at = min((timer.due_at for timer in kept), default=None)
    try:
        db.session.flush()
    except StaleDataError as exc:
        db.session.rollback()
        raise Conflict("the case was changed by someone else at the same moment; reload and try again") from exc
    if instance.next_timer_at is not None:
        current_engine().timers_changed(instance.next_timer_at)


def _project_tasks(instance: Instance, ready, now: datetime, completed_task: str | None, actor: str | None) -> None:
    with db.session.no_autoflush:  # one flush for the whole save, at its end
        existing = {row.id: row for row in db.session.scalars(
            select(TaskRow).where(TaskRow.instance_id == instance.id, TaskRow.state == "ready"))}
    for task in ready:
        row = existing.pop(task.id, None)
        if row is None:
            row = TaskRow(id=task.id, instance_id=instance.id, state="ready", created_at=now)
            db.session.add(row)
        row.process, row.element, row.name, row.group = task.process, task.element, task.name, task.group
        row.organ, row.form, row.due_at, row.due_provisional = task.organ, task.form, task.due_at, task.due_provisional
    for task_id, row in existing.items():
        row.state = "completed" if task_id == completed_task else "cancelled"
        row.completed_at = now
        row.completed_by = actor if task_id == completed_task else None
