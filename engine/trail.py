"""Where an instance has been and where it stands, element by element, per process of its diagram.

A diagram viewer marks these: the instance's own process and every process it has called that is
still held in its state (a called process that finished is folded into its call activity).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from SpiffWorkflow.util.task import TaskState

from .instances import get_instance
from .models import Instance
from .runtime import read_workflow
from .projection import is_timer


@dataclass
class ProcessTrail:
    """The elements of one process by what happened to them."""

    process: str
    completed: list[str] = field(default_factory=list)
    active: list[str] = field(default_factory=list)  # ready, started, or waiting on something else
    waiting_timers: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)  # withdrawn, e.g. by a timer that fired
    runs: dict[str, int] = field(default_factory=dict)  # how often each element completed

    def add(self, bucket: str, element: str) -> None:
        """Put an element in a bucket once."""
        elements = getattr(self, bucket)
        if element not in elements:
            elements.append(element)


def _bucket(task) -> str | None:
    if task.has_state(TaskState.COMPLETED):
        return "completed"
    if task.has_state(TaskState.ERROR):
        return "errors"
    if task.has_state(TaskState.CANCELLED):
        return "cancelled"
    if task.has_state(TaskState.WAITING) and is_timer(task):
        return "waiting_timers"
    if task.has_state(TaskState.READY | TaskState.STARTED | TaskState.WAITING):
        return "active"
    return None  # predicted, not yet reached


def instance_trail(instance_id: int) -> dict[str, ProcessTrail]:
    """Return the trail of each process of an instance, its own process first."""
    instance: Instance = get_instance(instance_id)
    workflow = read_workflow(instance)
    trails: dict[str, ProcessTrail] = {instance.process: ProcessTrail(instance.process)}
    for task in workflow.get_tasks():
        element = getattr(task.task_spec, "bpmn_id", None)
        bucket = _bucket(task)
        if not element or bucket is None:
            continue
        process = task.workflow.spec.name
        trail = trails.setdefault(process, ProcessTrail(process))
        trail.add(bucket, element)
        if bucket == "completed":
            trail.runs[element] = trail.runs.get(element, 0) + 1
    if instance.error_element and instance.status == "error":
        own = trails[instance.process]
        if not any(instance.error_element in trail.errors for trail in trails.values()):
            own.add("errors", instance.error_element)
    for trail in trails.values():
        # An element that is live now is shown as live, even if an earlier pass completed it.
        live = set(trail.active) | set(trail.waiting_timers) | set(trail.errors)
        trail.completed = [element for element in trail.completed if element not in live]
        trail.cancelled = [element for element in trail.cancelled if element not in live
                           and element not in trail.completed]
    return trails
