"""Go back to an earlier step: make a completed user task ready again, as if the steps after it had not run.

An administrator sends a case back when a step was completed wrongly (the wrong decision chosen,
a form filled for another case). SpiffWorkflow resets the workflow from that task: the task is
ready again with the data it was given then, what came after it is removed from the workflow
(its tasks withdrawn, its timers set again from the diagram), and a call or sub-process it is in
is entered again at that task. The history keeps every step that ran, and says who went back,
to which step, why, and which tasks were withdrawn.

Only the workflow goes back: records a process wrote while the later steps ran (documents issued,
letters served) stay, and the page that offers this says so.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import delete, select

from .db import db
from .errors import NotFound
from .history import record
from .instances import get_instance, require_reason, require_status
from .models import Instance, TaskRow
from .runtime import NOT_ENDED, OPEN, advance, load_workflow, persist, read_workflow

REWINDABLE = NOT_ENDED


@dataclass(frozen=True)
class EarlierStep:
    """A completed user task the instance can go back to."""

    task_id: str
    element: str
    name: str
    process: str
    completed_at: datetime | None
    completed_by: str | None


def _completed_user_tasks(workflow):
    for wf in (workflow, *workflow.subprocesses.values()):
        for task in wf.get_tasks(state=TaskState.COMPLETED, skip_subprocesses=True):
            if task.task_spec.manual:
                yield task


def earlier_steps(instance: Instance) -> list[EarlierStep]:
    """Return the completed user tasks an open instance can go back to, the latest first."""
    if instance.status not in REWINDABLE:
        return []
    tasks = list(_completed_user_tasks(read_workflow(instance)))
    rows = {row.id: row for row in db.session.scalars(
        select(TaskRow).where(TaskRow.id.in_([str(t.id) for t in tasks])))} if tasks else {}
    steps = [EarlierStep(str(task.id), task.task_spec.bpmn_id, task.task_spec.bpmn_name or "", task.workflow.spec.name,
                         getattr(rows.get(str(task.id)), "completed_at", None),
                         getattr(rows.get(str(task.id)), "completed_by", None)) for task in tasks]
    # The latest completion first; within a process, steps completed at one moment in reverse of the order they ran.
    ranked = sorted(enumerate(steps), reverse=True,
                    key=lambda pair: (pair[1].completed_at is not None, pair[1].completed_at or 0, pair[0]))
    return [step for _order, step in ranked]


def rewind_instance(instance_id: int, task_id: str, actor: str, reason: str | None) -> Instance:
    """Make a completed user task of an instance ready again; the steps after it are undone."""
    reason = require_reason(reason, "go back to an earlier step")
    instance = get_instance(instance_id)
    require_status(instance, REWINDABLE, "go back to an earlier step of")
    workflow = load_workflow(instance)
    try:
        task = workflow.get_task_from_id(uuid.UUID(str(task_id)))
    except (ValueError, TypeError, TaskNotFoundException):
        task = None
    if task is None or task.state != TaskState.COMPLETED or not task.task_spec.manual:
        raise NotFound("instance %(instance)s has no completed user task %(task)s", instance=instance_id,
                       task=task_id, field="task")
    element, name = task.task_spec.bpmn_id, task.task_spec.bpmn_name or ""
    removed = workflow.reset_from_task_id(task.id)
    withdrawn = sorted({t.task_spec.bpmn_id for t in removed
                        if t.state == TaskState.READY and t.task_spec.manual and t.task_spec.bpmn_id})
    # The task keeps its id: its row of the first completion makes way for the ready one (the history keeps it).
    db.session.execute(delete(TaskRow).where(TaskRow.id == str(task.id)))
    record(instance.id, "rewound", actor, element=element, task_id=str(task.id), reason=reason,
           detail={"name": name, "withdrawn": withdrawn})
    if instance.status == "error":
        instance.status, instance.error_message, instance.error_element = "running", None, None
    if instance.status in OPEN:
        advance(instance, workflow, actor)
    persist(instance, workflow, actor=actor)
    return instance
