"""The task page's diagram: the procedure a task belongs to, with the case's way through it."""
from __future__ import annotations

from dataclasses import asdict

from engine.definitions import get_version, source_of
from engine.instances import get_instance
from engine.trail import instance_trail
from processes.task_view import visible_task

BUCKETS = ("completed", "active", "waiting_timers", "errors", "cancelled")


def task_diagram(task_id: str, user) -> dict:
    """Return the XML of the file holding the task's procedure and the case's way through it.

    The file's processes and sub-processes run as processes of their own; the marks of each that
    the file draws are put together.
    """
    task, _petition = visible_task(task_id, user)
    instance = get_instance(task.instance_id)
    xml = source_of(get_version(instance.definition_id), task.process) or ""
    marks: dict[str, list[str]] = {bucket: [] for bucket in BUCKETS}
    for name, trail in instance_trail(instance.id).items():
        if f'id="{name}"' in xml:
            found = asdict(trail)
            for bucket in BUCKETS:
                marks[bucket] += [element for element in found[bucket] if element not in marks[bucket]]
    return {"process": task.process, "element": task.element, "state": task.state, "xml": xml, "trail": marks}
