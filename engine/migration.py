"""Move an instance onto another version of its process, keeping where it stands.

Elements are matched by their BPMN id: an element with the same id in the target version is the
same step. The instance may move only if every element it stands on now (a ready or started
task, a waiting timer, an element in error) exists in the target version, in the process where
the instance stands on it, the called processes included. Otherwise the migration is refused
with the list of what is missing.

What the instance has already done may mention elements the target no longer has; those steps
are dropped from the saved state (the history keeps them), so the state stays loadable. What it
was predicted to do next is predicted again from the target diagram.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.camunda.specs.user_task import UserTask
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from .definitions import find_version, get_version, list_versions, specs_for
from .errors import InvalidState, MigrationRefused
from .history import record
from .instances import get_instance, require_reason, require_status
from .models import DefinitionVersion, Instance
from .projection import is_timer
from .runtime import NOT_ENDED, OPEN, advance, load_workflow, persist, read_workflow
from .clock import current_clock
from .timer_events import ClockedCycle, ClockedTimer

LIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR
MIGRATABLE = NOT_ENDED


@dataclass
class MigrationCheck:
    """Whether an instance can move to a version: each element it stands on, and which the version lacks."""

    instance_id: int
    process: str
    from_version: int
    to_version: int
    missing: list[dict] = field(default_factory=list)  # {"process", "element", "name", "kind"}
    # Every element the instance stands on, with "mapped": whether the version has it too.
    standing: list[dict] = field(default_factory=list)
    business_key: str = ""

    @property
    def possible(self) -> bool:
        """Tell whether nothing the instance stands on is missing."""
        return not self.missing


def _workflows(workflow: BpmnWorkflow):
    yield workflow
    yield from workflow.subprocesses.values()


def _kind(task) -> str:
    """Name what the instance does at a live element: a task, a timer, a step in error, or a wait."""
    if task.has_state(TaskState.ERROR):
        return "error"
    if is_timer(task):
        return "timer"
    if isinstance(task.task_spec, UserTask):
        return "task"
    return "waiting"


def _standing(workflow: BpmnWorkflow, spec, subprocess_specs: dict) -> list[dict]:
    standing = []
    for wf in _workflows(workflow):
        target = spec if wf is workflow else subprocess_specs.get(wf.spec.name)
        for task in wf.get_tasks(state=LIVE, skip_subprocesses=True):
            element = getattr(task.task_spec, "bpmn_id", None) or task.task_spec.name
            entry = {"process": wf.spec.name, "element": element,
                     "name": getattr(task.task_spec, "bpmn_name", None) or "", "kind": _kind(task),
                     "mapped": target is not None and task.task_spec.name in target.task_specs}
            if entry not in standing:
                standing.append(entry)
    return standing


def _check(instance: Instance, workflow: BpmnWorkflow, target) -> MigrationCheck:
    spec, subprocess_specs = specs_for(target)
    standing = _standing(workflow, spec, subprocess_specs)
    missing = [{key: value for key, value in entry.items() if key != "mapped"}
               for entry in standing if not entry["mapped"]]
    return MigrationCheck(instance.id, instance.process, instance.version, target.version, missing, standing,
                          instance.business_key)


def _target(instance: Instance, version: int | None) -> DefinitionVersion:
    require_status(instance, MIGRATABLE, "migrate")
    target = find_version(instance.process, version)
    if target.id == instance.definition_id:
        raise InvalidState("the instance already runs on version %(version)s", version=target.version)
    return target


def migration_check(instance: Instance, version: int | None = None) -> tuple[MigrationCheck, DefinitionVersion]:
    """Check an instance against a version (the newest when none is given); return the check and the version."""
    target = _target(instance, version)
    return _check(instance, read_workflow(instance), target), target


def check_migration(instance_id: int, version: int | None = None) -> MigrationCheck:
    """Tell whether an instance can move to a version (the newest when none is given)."""
    return migration_check(get_instance(instance_id), version)[0]


def migration_options(instance_id: int) -> list[MigrationCheck]:
    """Check every other version of the instance's process, newest first."""
    instance = get_instance(instance_id)
    if instance.status not in MIGRATABLE:
        return []
    workflow = read_workflow(instance)
    return [_check(instance, workflow, row) for row in list_versions(instance.process)
            if row.id != instance.definition_id]


def _splice_out(wf, task) -> None:
    # A finished step of an element the target lacks: its children take its place in the tree.
    parent = task.parent
    position = parent._children.index(task.id)
    parent._children[position:position + 1] = list(task._children)
    for child in task.children:
        child._parent = parent.id
    del wf.tasks[task.id]


def _repredict(task) -> None:
    # Forget the old diagram's future below a live task and predict it from the new one,
    # leaving the task's own state, data and timer start untouched.
    task._drop_children()
    task.task_spec._predict_hook(task)
    for child in task.children:
        if child.has_state(TaskState.PREDICTED_MASK | TaskState.FUTURE):
            child.task_spec._predict(child, mask=TaskState.PREDICTED_MASK | TaskState.FUTURE)


def _refresh_timer(task, old_expression: str | None) -> None:
    definition = getattr(task.task_spec, "event_definition", None)
    if not isinstance(definition, ClockedTimer) or isinstance(definition, ClockedCycle):
        return
    if old_expression is not None and old_expression != definition.expression:
        # Counted again from when the timer started, with the target's expression.
        task.internal_data.pop("timer_due", None)
        definition.evaluate(task)


def _attach_boundary_events(wf, task, spec) -> None:
    # The target puts boundary events on a step the instance stands on, which had none: the step
    # gets them now, as if entered under the target. A timer counts from the migration.
    split_spec = spec.task_specs.get(f"{task.task_spec.name}.BoundaryEventSplit")
    parent = task.parent
    if split_spec is None or parent is None or parent.task_spec is split_spec:
        return
    split = Task(wf, split_spec, state=TaskState.COMPLETED)
    split._parent = parent.id
    parent._children[parent._children.index(task.id)] = split.id
    task._parent = split.id
    split._children = [task.id]
    started = current_clock().now().isoformat()
    for event_spec in split_spec.outputs:
        if isinstance(event_spec, BoundaryEvent):
            event = Task(wf, event_spec, parent=split, state=TaskState.MAYBE)
            event_spec._predict(event, mask=TaskState.PREDICTED_MASK)  # what follows the event
            event._set_state(TaskState.WAITING)
            event.internal_data["timer_started"] = started


def _move(wf, spec) -> list[str]:
    dropped: list[str] = []
    expressions = {}
    for task in list(wf.tasks.values()):
        definition = getattr(task.task_spec, "event_definition", None)
        expressions[task.id] = getattr(definition, "expression", None)
        new_spec = spec.task_specs.get(task.task_spec.name)
        if new_spec is not None:
            task.task_spec = new_spec
        elif task.has_state(TaskState.FINISHED_MASK) and task.parent is not None:
            if getattr(task.task_spec, "bpmn_id", None):  # not one of SpiffWorkflow's helper steps
                dropped.append(task.task_spec.bpmn_id)
            _splice_out(wf, task)
    wf.spec = spec
    for task in list(wf.get_tasks(state=LIVE, skip_subprocesses=True)):
        if task.id in wf.tasks and not isinstance(task.task_spec, BoundaryEvent):
            _attach_boundary_events(wf, task, spec)
        if task.id in wf.tasks:
            _repredict(task)
            _refresh_timer(task, expressions.get(task.id))
    stale = [task for task in wf.tasks.values() if spec.task_specs.get(task.task_spec.name) is not task.task_spec]
    for task in stale:
        if task.id in wf.tasks:
            wf._remove_task(task.id)
    if wf.last_task is not None and wf.last_task.id not in wf.tasks:
        wf.last_task = None
    return dropped


def migrate_instance(instance_id: int, version: int | None, actor: str, reason: str | None) -> Instance:
    """Move an instance to another version of its process, or refuse with what the version lacks."""
    reason = require_reason(reason, "migrate")
    instance = get_instance(instance_id)
    target = _target(instance, version)
    spec, subprocess_specs = specs_for(target)
    workflow = load_workflow(instance)
    missing = _check(instance, workflow, target).missing
    if missing:
        listed = ", ".join(f"{entry['element']} ({entry['process']})" for entry in missing)
        raise MigrationRefused("version %(version)s lacks elements the instance stands on: %(listed)s",
                               missing=missing, version=target.version, listed=listed)
    source = get_version(instance.definition_id)
    dropped = _move(workflow, spec)
    for wf in list(workflow.subprocesses.values()):
        dropped += _move(wf, subprocess_specs[wf.spec.name])
    workflow.subprocess_specs = dict(subprocess_specs)
    instance.definition_id, instance.version = target.id, target.version
    record(instance.id, "migrated", actor, reason=reason,
           detail={"from": source.version, "to": target.version, "dropped": sorted(set(dropped))})
    if instance.status in OPEN:
        advance(instance, workflow, actor)
    persist(instance, workflow, actor=actor)
    return instance
