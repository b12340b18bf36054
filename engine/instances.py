"""Start instances and steer them: suspend, resume, terminate, retry, edit data."""
from __future__ import annotations

from typing import Any

from SpiffWorkflow.util.task import TaskState
from sqlalchemy import select
from sqlalchemy.orm import undefer
from sqlalchemy.orm.util import identity_key

from .clock import current_clock
from .db import db
from .definitions import find_version
from .errors import DeadlineUncountable, InvalidState, NotFound
from .history import record
from .models import Instance, TaskRow, TimerRow, is_row_id
from .projection import timers_not_counted
from .runtime import NOT_ENDED, OPEN, advance, load_workflow, new_workflow, persist
from .step_writes import Projected, add_instance, read_instance, remember_projected


def get_instance(instance_id: int, *, for_update: bool = False, with_state: bool = False) -> Instance:
    """Return an instance or raise NotFound (`with_state` loads the saved state in the same query).

    An instance the transaction already holds is returned as it is, without a query.
    """
    if not is_row_id(instance_id):
        raise NotFound("instance %(instance)s does not exist", instance=instance_id)
    options = (undefer(Instance.state),) if with_state else ()
    if for_update:
        row = db.session.scalars(select(Instance).where(Instance.id == instance_id).options(*options)
                                 .with_for_update()).first()
    elif with_state or identity_key(Instance, instance_id) in db.session.identity_map:
        row = db.session.get(Instance, instance_id, options=options)
    else:
        row = read_instance(instance_id)  # every step reads its case: a prepared read, not the ORM's
    if row is None:
        raise NotFound("instance %(instance)s does not exist", instance=instance_id)
    return row


def start_instance(process: str, business_key: str, data: dict[str, Any], actor: str,
                   version: int | None = None) -> Instance:
    """Start the newest (or given) version of a process and run it to its first wait."""
    if not isinstance(data, dict):
        raise InvalidState("start data must be an object")
    definition = find_version(process, version)
    now = current_clock().now()
    workflow = new_workflow(definition)
    workflow.data.update(data)
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data.update(data)
    instance = add_instance({"definition_id": definition.id, "process": process, "version": definition.version,
                             "business_key": business_key, "status": "running", "state": b"", "data": dict(data),
                             "active": [], "next_timer_at": None, "error_message": None, "error_element": None,
                             "started_at": now, "updated_at": now, "ended_at": None})
    remember_projected(workflow, Projected(instance.lock_version, {}, {}))  # a new case has no rows to read
    record(instance.id, "started", actor, detail={"version": definition.version, "business_key": business_key})
    advance(instance, workflow, actor)
    persist(instance, workflow, actor=actor)
    return instance


def require_status(instance: Instance, allowed: tuple[str, ...], action: str) -> None:
    """Refuse an action on an instance whose status is not one of `allowed`."""
    if instance.status not in allowed:
        raise InvalidState("cannot %(action)s an instance that is %(status)s", action=action, status=instance.status)


def require_reason(reason: str | None, action: str) -> str:
    """Return the reason given for an action, trimmed; refuse the action without one."""
    if not reason or not reason.strip():
        raise InvalidState("a reason is required to %(action)s", action=action, field="reason")
    return reason.strip()


def suspend_instance(instance_id: int, actor: str, reason: str | None = None) -> Instance:
    """Stop an instance's tasks and timers until it is resumed."""
    instance = get_instance(instance_id)
    require_status(instance, (*OPEN, "error"), "suspend")
    instance.status = "suspended"
    instance.updated_at = current_clock().now()
    record(instance.id, "suspended", actor, reason=reason)
    db.session.flush()
    return instance


def resume_instance(instance_id: int, actor: str, reason: str | None = None) -> Instance:
    """Let a suspended instance go on; timers that fell due meanwhile fire in due order."""
    instance = get_instance(instance_id)
    require_status(instance, ("suspended",), "resume")
    instance.status = "error" if instance.error_message else "running"
    record(instance.id, "resumed", actor, reason=reason)
    if instance.status == "running":
        workflow = load_workflow(instance)
        advance(instance, workflow, actor)
        persist(instance, workflow, actor=actor)
    db.session.flush()
    return instance


def terminate_instance(instance_id: int, actor: str, reason: str | None) -> Instance:
    """End an instance for good; its tasks are withdrawn and its timers removed."""
    reason = require_reason(reason, "terminate")
    instance = get_instance(instance_id)
    require_status(instance, NOT_ENDED, "terminate")
    now = current_clock().now()
    instance.status, instance.ended_at, instance.updated_at = "terminated", now, now
    for row in db.session.scalars(select(TaskRow).where(TaskRow.instance_id == instance.id, TaskRow.state == "ready")):
        row.state, row.completed_at = "cancelled", now
    db.session.query(TimerRow).filter(TimerRow.instance_id == instance.id).delete()
    instance.next_timer_at = None
    record(instance.id, "terminated", actor, reason=reason)
    db.session.flush()
    return instance


def retry_instance(instance_id: int, actor: str, reason: str | None = None) -> Instance:
    """Run the failed element again (after its cause was fixed) and go on."""
    instance = get_instance(instance_id)
    require_status(instance, ("error",), "retry")
    workflow = load_workflow(instance)
    for task in workflow.get_tasks(state=TaskState.ERROR):
        task._set_state(TaskState.READY)
    element = instance.error_element
    instance.status, instance.error_message, instance.error_element = "running", None, None
    record(instance.id, "retried", actor, element=element, reason=reason)
    advance(instance, workflow, actor)
    persist(instance, workflow, actor=actor)
    return instance


def update_data(instance_id: int, changes: dict[str, Any], actor: str, reason: str | None) -> Instance:
    """Change case data of a suspended instance; the reason and the old values go to the history."""
    reason = require_reason(reason, "change case data")
    instance = get_instance(instance_id)
    require_status(instance, ("suspended",), "change the data of")
    if not isinstance(changes, dict) or not changes:
        raise InvalidState("give the fields to change as an object")
    workflow = load_workflow(instance)
    live = workflow.get_tasks(state=TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR)
    for task in live or [workflow.last_task]:
        task.data = {**task.data, **changes}  # a new dict: a finished task shares its values with others
    uncountable = timers_not_counted(workflow)
    if uncountable:  # the old deadline would stand and the console say nothing: refuse, nothing is kept
        task, error = uncountable[0]
        raise DeadlineUncountable("with these values the deadline of timer %(timer)s cannot be counted: %(error)s",
                                  timer=task.task_spec.bpmn_id, name=task.task_spec.bpmn_name or "",
                                  error=error)
    before = {key: instance.data.get(key) for key in changes}
    record(instance.id, "data_changed", actor, reason=reason, detail={"before": before, "after": changes})
    persist(instance, workflow, actor=actor)
    return instance
