"""Task data saved once per distinct value.

SpiffWorkflow gives every task its own copy of the case data, and most tasks of a case hold the
same data as their neighbours: a petition of 276 tasks has 24 distinct values. A saved state lists
each distinct value once, as JSON text, in `data_pool`; each task names its value by position.
Loading gives every unfinished task its own copy, parsed from the text. Finished tasks, which no
step changes again, each get their own dict over values read once per position.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from SpiffWorkflow.util.task import TaskState

from .json_codec import dump_text

FINISHED = TaskState.COMPLETED | TaskState.CANCELLED


class DataText(str):
    """A task's data already written as JSON (what the task converter hands the pool)."""


def data_text(data: dict[str, Any]) -> DataText:
    return DataText(dump_text(data))


def _task_maps(dct: dict) -> Iterator[dict]:
    yield dct["tasks"]
    for sub in dct.get("subprocesses", {}).values():
        yield sub["tasks"]


def pool_task_data(dct: dict) -> dict:
    """Return the converted workflow with each task's data text replaced by its place in the pool."""
    pool: list[str] = []
    places: dict[str, int] = {}

    def place(text: str) -> int:
        found = places.get(text)
        if found is None:
            found = places[text] = len(pool)
            pool.append(text)
        return found

    def pooled(tasks: dict) -> dict:
        # Places are given in task id order, so a state loaded and saved again is the same state.
        return {task_id: {**tasks[task_id], "data": place(tasks[task_id]["data"])} for task_id in sorted(tasks)}

    out = {**dct, "tasks": pooled(dct["tasks"])}
    if "subprocesses" in dct:
        subprocesses = dct["subprocesses"]
        out["subprocesses"] = {sub_id: {**subprocesses[sub_id], "tasks": pooled(subprocesses[sub_id]["tasks"])}
                               for sub_id in sorted(subprocesses)}
    out["data_pool"] = pool
    return out


def unpool_task_data(dct: dict, read: Callable[[str], dict]) -> dict:
    """Give each task of a loaded state its data again (in place), `read` from its JSON text."""
    pool = dct.pop("data_pool")
    finished: dict[int, dict] = {}
    for tasks in _task_maps(dct):
        for task in tasks.values():
            place = task["data"]
            if task["state"] & FINISHED:
                if place not in finished:
                    finished[place] = read(pool[place])
                task["data"] = dict(finished[place])
            else:
                task["data"] = read(pool[place])
    return dct


def pool_inline_data(dct: dict) -> dict:
    """Pool a state whose tasks hold their data inline (as saved before the pool)."""
    for tasks in _task_maps(dct):
        for task in tasks.values():
            task["data"] = data_text(task["data"])
    return pool_task_data(dct)
