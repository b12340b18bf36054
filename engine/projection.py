"""Read from a live workflow what the database projects: user tasks, timers, active elements, data."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.camunda.specs.user_task import UserTask
from SpiffWorkflow.util.task import TaskState

from .branch_merge import changes_laid_on, split_point
from .timer_events import ClockedCycle, ClockedTimer, is_literal

log = logging.getLogger(__name__)
LIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR


@dataclass
class ReadyTask:
    id: str
    process: str
    element: str
    name: str
    group: str | None
    organ: str | None
    form: str | None
    due_at: datetime | None
    due_provisional: bool
    assignee: str | None = None  # who holds the task when it is created (`camunda:assignee`); later hand-overs stay


@dataclass
class WaitingTimer:
    id: str
    element: str
    name: str
    due_at: datetime
    provisional: bool
    expression: str
    rule: str
    interrupting: bool
    attached_to: str | None


def is_timer(task) -> bool:
    """Tell whether a task is a timer event on the engine's clock."""
    return isinstance(task.task_spec, CatchingEvent) and isinstance(
        getattr(task.task_spec, "event_definition", None), ClockedTimer)


def _attached_to(task) -> str | None:
    # A boundary event is a sibling of the task it is attached to, under the BoundaryEventSplit.
    parent = task.parent
    if parent is None or not parent.task_spec.name.endswith(".BoundaryEventSplit"):
        return None
    return parent.task_spec.name[: -len(".BoundaryEventSplit")]


def _waiting_timer(task) -> WaitingTimer:
    # Expressions over data are evaluated again: an extension or paused days move the deadline.
    definition = task.task_spec.event_definition
    if not isinstance(definition, ClockedCycle) and not is_literal(definition.expression or ""):
        try:
            definition.evaluate(task)
        except Exception:  # the value computed when the timer started still stands
            log.warning("timer %s could not be recalculated", task.task_spec.bpmn_id, exc_info=True)
    value = definition.timer_value(task)
    return WaitingTimer(
        id=str(task.id), element=task.task_spec.bpmn_id, name=task.task_spec.bpmn_name or "",
        due_at=value.due_at, provisional=value.provisional, expression=definition.expression,
        rule=value.rule, interrupting=getattr(task.task_spec, "cancel_activity", True),
        attached_to=_attached_to(task))


def timers_not_counted(workflow: BpmnWorkflow) -> list[tuple[Any, str]]:
    """Count each waiting timer's deadline again from the data it holds; return those whose rule fails on
    it, with what failed (the deadline counted before would silently stand)."""
    failed = []
    for task in workflow.get_tasks(state=TaskState.WAITING):
        definition = getattr(task.task_spec, "event_definition", None)
        if not is_timer(task) or isinstance(definition, ClockedCycle) or is_literal(definition.expression or ""):
            continue
        try:
            definition.evaluate(task)
        except Exception as exc:  # any error of the rule's script: its message says which
            cause = exc.__cause__ or exc.__context__  # the script engine's error wraps the rule's own
            said = str(exc).strip()
            failed.append((task, f"{said} {type(cause).__name__}: {cause}" if cause else said))
    return failed


def _evaluate(workflow: BpmnWorkflow, task, expression: str) -> Any:
    try:
        return workflow.script_engine.evaluate(task, expression)
    except Exception:
        log.warning("could not evaluate %r on task %s", expression, task.task_spec.bpmn_id, exc_info=True)
        return None


def _scopes(task):
    """Yield the task, then each sub-process or call activity it runs inside, innermost first."""
    while task is not None:
        yield task
        parent_id = task.workflow.parent_task_id
        task = task.workflow.top_workflow.get_task_from_id(parent_id) if parent_id is not None else None


def _fired_limit(timer, cancels: bool) -> bool:
    # A non-interrupting limit that has fired still says when the work was due: the task is now
    # overdue, not free of a deadline. (A repeating timer is no limit.)
    return (not cancels and timer.state == TaskState.COMPLETED
            and not isinstance(timer.task_spec.event_definition, ClockedCycle)
            and timer._get_internal_data("timer_due") is not None)


def _limit(task) -> tuple[datetime | None, bool]:
    """Return the due time of a user task and whether it is provisional.

    The timers on the task or on the scopes around it decide: the earliest interrupting one (the
    step is cut off then); failing that, the latest non-interrupting one, waiting or already fired
    (reminders fall before the limit they announce, so the limit is the last to fall due).
    """
    interrupting, other = [], []
    for scope in _scopes(task):
        split = scope.parent
        if split is None or not split.task_spec.name.endswith(".BoundaryEventSplit"):
            continue
        for sibling in split.children:
            if not is_timer(sibling):
                continue
            cancels = getattr(sibling.task_spec, "cancel_activity", True)
            if sibling.state == TaskState.WAITING:
                (interrupting if cancels else other).append(sibling.task_spec.event_definition.timer_value(sibling))
            elif _fired_limit(sibling, cancels):
                other.append(sibling.task_spec.event_definition.timer_value(sibling))
    if interrupting:
        chosen = min(interrupting, key=lambda value: value.due_at)
    elif other:
        chosen = max(other, key=lambda value: value.due_at)
    else:
        return None, False
    return chosen.due_at, chosen.provisional


def _ready_user_task(workflow: BpmnWorkflow, task) -> ReadyTask | None:
    spec = task.task_spec
    if not isinstance(spec, UserTask):
        return None
    extensions = getattr(spec, "extensions", {}) or {}
    organ = _evaluate(workflow, task, extensions["organ"]) if extensions.get("organ") else None
    # An expression over the case data, as `organ` is; empty or None leaves the task to its group.
    assignee = _evaluate(workflow, task, extensions["assignee"]) if extensions.get("assignee") else None
    due, provisional = _limit(task)
    if due is None and extensions.get("dueDate"):
        value = _evaluate(workflow, task, extensions["dueDate"])
        due, provisional = getattr(value, "due_at", None), getattr(value, "provisional", False)
    return ReadyTask(
        id=str(task.id), process=task.workflow.spec.name, element=spec.bpmn_id,
        name=spec.bpmn_name or spec.bpmn_id, group=extensions.get("candidateGroups") or spec.lane,
        organ=str(organ) if organ else None, form=spec.form.key if spec.form else None,
        due_at=due, due_provisional=bool(provisional), assignee=str(assignee) if assignee else None)


def _data_of(workflow: BpmnWorkflow, live: list, completed: bool) -> dict[str, Any]:
    if completed:
        return dict(workflow.data)
    if not live:
        return dict(workflow.last_task.data) if workflow.last_task is not None else {}
    # Live tasks in parallel branches each carry a copy of the data from where the branches split
    # (engine/branch_merge.py); a live task inside a called or sub-process counts from the task of
    # the top workflow it runs under.
    origin = split_point([_outermost(task) for task in live]).data
    return changes_laid_on(origin, live)


def _outermost(task):
    *_, outermost = _scopes(task)
    return outermost


@dataclass
class Snapshot:
    """Everything a save projects, read in one walk over the live tasks."""

    timers: list[WaitingTimer]
    ready: list[ReadyTask]
    active: list[str]
    data: dict[str, Any]
    completed: bool  # the workflow has no unfinished task left


def snapshot(workflow: BpmnWorkflow) -> Snapshot:
    """Return the waiting timers (recalculated), ready user tasks, active elements, case data and
    whether the workflow is completed."""
    live = workflow.get_tasks(state=LIVE)
    timer_tasks, ready_tasks, active = [], [], {}
    for task in live:
        element = getattr(task.task_spec, "bpmn_id", None)
        if element:
            active.setdefault(element, None)
        if task.state == TaskState.WAITING and is_timer(task):
            timer_tasks.append(task)
        elif task.state == TaskState.READY and task.task_spec.manual:
            ready_tasks.append(task)
    # Timers first: a ready task's due time reads the recalculated timers around it.
    timers = [_waiting_timer(task) for task in timer_tasks]
    ready = [found for found in (_ready_user_task(workflow, task) for task in ready_tasks) if found is not None]
    completed = workflow.is_completed()
    return Snapshot(timers, ready, list(active), _data_of(workflow, live, completed), completed)


def errored_tasks(workflow: BpmnWorkflow) -> list:
    """Return the tasks in the ERROR state."""
    return workflow.get_tasks(state=TaskState.ERROR)
