"""Where parallel branches meet again, keep what each of them wrote.

Each branch of a parallel split works on its own copy of the data. SpiffWorkflow joins them by
laying the last branch to arrive over the others, so a value another branch wrote is replaced by
the last branch's untouched copy of the old value. Here a branch counts only for what it changed
since the split: the join starts from the data at the split and lays on each branch's changes,
the branch that changed last on top. This holds for parallel gateways and for the end of a
process, where every branch ends (and a called process hands its data back to its caller).
"""
from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.specs.control import _EndJoin
from SpiffWorkflow.bpmn.specs.defaults import ParallelGateway
from SpiffWorkflow.util.task import TaskState

from .data_copy import copy_data


def _line(task) -> list:
    found = []
    while task is not None:
        found.append(task)
        task = task.parent
    found.reverse()  # from the root down
    return found


def split_point(tasks: list):
    """Return the deepest task every one of `tasks` descends from (or is)."""
    common = _line(tasks[0])
    for task in tasks[1:]:
        line = _line(task)
        size = 0
        while size < min(len(common), len(line)) and common[size] is line[size]:
            size += 1
        common = common[:size]
    return common[-1]


def changes_laid_on(origin: dict[str, Any], tasks: list) -> dict[str, Any]:
    """Return `origin` with what each task's data changed from it laid on, the latest change on top.

    Values are shared with the tasks, not copied.
    """
    data = dict(origin)
    for task in sorted(tasks, key=lambda task: task.last_state_change):
        data.update({key: value for key, value in task.data.items() if key not in origin or origin[key] != value})
    return data


def merge_branches(tails: list) -> dict[str, Any]:
    """Return the data of branches that meet: the split's data with each branch's changes laid on."""
    return copy_data(changes_laid_on(split_point(tails).data, tails))


class BranchMergingJoin:
    """Join behaviour: after SpiffWorkflow's own join, replace its data by the branch-wise merge."""

    def _run_hook(self, my_task):
        arrived = [task for task in my_task.workflow.tasks.values()
                   if task.task_spec is self and task is not my_task
                   and task.has_state(TaskState.FINISHED_MASK) and not my_task.is_descendant_of(task)]
        tails = [task.parent for task in arrived if task.parent is not None] + [my_task.parent]
        result = super()._run_hook(my_task)
        my_task.data = merge_branches(tails)
        return result


class MergingParallelGateway(BranchMergingJoin, ParallelGateway):
    """A parallel gateway whose join keeps every branch's changes."""


class MergingEndJoin(BranchMergingJoin, _EndJoin):
    """The end of a process: the process's data keeps every branch's changes."""

    def _run_hook(self, my_task):
        result = super()._run_hook(my_task)
        my_task.workflow.data.update(my_task.data)
        return result
