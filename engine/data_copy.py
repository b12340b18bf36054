"""Task data handed from a task to the next, copied without `copy.deepcopy`'s general machinery.

SpiffWorkflow gives every task it readies a deep copy of its parent's data; on a petition that is
a large share of a step. Case data is made of dicts, lists, strings, numbers and booleans, and a
copy that walks only dicts and lists is several times faster than `copy.deepcopy`, whose memo and
dispatch serve any object. Any other value (a set, a date a script computed) is copied by
`copy.deepcopy` as before. One difference: a list referred to twice in the data becomes two lists,
as it does anyway once the state is saved and loaded.
"""
from __future__ import annotations

from copy import deepcopy
from typing import Any

from SpiffWorkflow.task import Task

STOCK_INHERIT = Task._inherit_data
_ATOMS = frozenset((str, int, float, bool, type(None)))


def copy_data(value: Any) -> Any:
    """Return a deep copy of task data."""
    kind = type(value)
    if kind is dict:
        return {key: copy_data(item) for key, item in value.items()}
    if kind is list:
        return [copy_data(item) for item in value]
    if kind in _ATOMS:
        return value
    return deepcopy(value)


def _inherit_data(task: Task) -> None:
    task.set_data(**copy_data(task.parent.data))


def copy_task_data_quickly() -> None:
    """Make SpiffWorkflow copy a parent's data into a new task with `copy_data` (for the process)."""
    Task._inherit_data = _inherit_data
