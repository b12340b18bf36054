"""SpiffWorkflow's task search, walked without its general iterator's bookkeeping.

Every engine step searches a workflow's task tree several times (ready tasks to run, waiting
timers to refresh, live tasks to project). SpiffWorkflow's `BpmnTaskIterator` pops the front of a
list, rebuilds each task's list of children, keeps a depth count for its depth limit and calls two
layers of filter methods per task; on a small tree that bookkeeping costs more than the search.

`walk` yields the same tasks in the same order: depth first, a task before its children, a called
or sub-process's tree before the children of the task that runs it, the same rules for where not
to descend, and lazily (a caller that changes the tree while it walks sees what the stock
iterator would show it). Searches it does not cover (breadth first, a stop at a named spec, a
custom filter, a tree so large the depth limit could matter) go to SpiffWorkflow's iterator.
"""
from __future__ import annotations

from SpiffWorkflow.bpmn.util.subworkflow import BpmnBaseWorkflow
from SpiffWorkflow.bpmn.util.task import BpmnTaskFilter
from SpiffWorkflow.util.task import TaskState

STOCK_ITERATOR = BpmnBaseWorkflow.get_tasks_iterator
STOCK_IS_COMPLETED = BpmnBaseWorkflow.is_completed
STOCK_UPDATE_WAITING = BpmnBaseWorkflow.update_waiting_tasks
_WALKED_FILTERS = frozenset(("state", "manual", "skip_subprocesses", "updated_ts", "spec_name", "spec_class",
                             "catches_event", "lane"))
_MAX_DEPTH = 1000  # the stock iterator's default depth limit


def _lowest_expanded_state(state: int) -> int:
    # The stock iterator's rule: predicted tasks follow definite ones, definite ones follow finished ones.
    if state & TaskState.PREDICTED_MASK:
        return TaskState.MAYBE
    if state & TaskState.DEFINITE_MASK:
        return TaskState.FUTURE
    return TaskState.COMPLETED


def walk(workflow, first_task=None, state: int = TaskState.ANY_MASK, manual=None, skip_subprocesses: bool = False,
         **other):
    """Yield the tasks of a workflow that match, as `workflow.get_tasks_iterator` would."""
    matches = BpmnTaskFilter(state=state, manual=manual, **other).matches if other else None
    return _walk(first_task or workflow.task_tree, workflow.top_workflow.subprocesses, state, manual,
                 skip_subprocesses, matches)


def _walk(root, subprocesses: dict, state: int, manual, skip_subprocesses: bool, matches):
    # (The stock iterator also means not to enter a finished sub-process when only finished tasks
    # are sought, but its test compares one state with the whole finished mask and never holds.)
    lowest = _lowest_expanded_state(state)
    pending = [root]
    pop, push = pending.pop, pending.append
    while pending:
        task = pop()
        children = task._children
        subprocess = subprocesses.get(task.id) if subprocesses else None
        if subprocess is not None or (children and task._state >= lowest):
            tasks = task.workflow.tasks
            for child in reversed(children):
                push(tasks[child])
            if subprocess is not None and not skip_subprocesses:
                push(subprocess.task_tree)
        if matches is not None:
            if matches(task):
                yield task
        elif task._state & state and (manual is None or task.task_spec.manual == manual):
            yield task


def _small(workflow) -> bool:
    # Depth only grows when the walk enters a task, so a tree with fewer tasks never reaches the limit.
    top = workflow.top_workflow
    return len(top.tasks) + sum(len(sub.tasks) for sub in top.subprocesses.values()) < _MAX_DEPTH


def _get_tasks_iterator(self, first_task=None, **kwargs):
    if kwargs.keys() <= _WALKED_FILTERS and _small(self):
        return walk(self, first_task, **kwargs)
    return STOCK_ITERATOR(self, first_task, **kwargs)


# Workflow.is_completed and update_waiting_tasks (run after every completed task) search with the
# plain TaskIterator, which never enters a sub-process: the same walk with no sub-processes.
_NO_SUBPROCESSES: dict = {}


def _is_completed(self) -> bool:
    if not self.completed and _small(self):
        unfinished = _walk(self.task_tree, _NO_SUBPROCESSES, TaskState.NOT_FINISHED_MASK, None, True, None)
        self.completed = next(unfinished, None) is None
        return self.completed
    return STOCK_IS_COMPLETED(self)


def _update_waiting_tasks(self) -> None:
    if not _small(self):
        return STOCK_UPDATE_WAITING(self)
    for task in _walk(self.task_tree, _NO_SUBPROCESSES, TaskState.WAITING, None, True, None):
        task.task_spec._update(task)


def walk_tasks_quickly() -> None:
    """Make BPMN workflows search their tasks with `walk` (for the process)."""
    BpmnBaseWorkflow.get_tasks_iterator = _get_tasks_iterator
    BpmnBaseWorkflow.is_completed = _is_completed
    BpmnBaseWorkflow.update_waiting_tasks = _update_waiting_tasks
