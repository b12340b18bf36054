"""Save and load an instance's runtime state, without its process definition.

SpiffWorkflow's stock serializer embeds the whole definition in every saved state and rebuilds
it on every load. Definitions are stored once per version (`DefinitionVersion`) and parsed once
per process, so the state holds only tasks and data.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from uuid import UUID

import orjson
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.event_definition import TimerConditionalEventDefinitionConverter
from SpiffWorkflow.bpmn.serializer.default.workflow import (BpmnSubWorkflowConverter, BpmnWorkflowConverter,
                                                            TaskConverter, WorkflowConverter)
from SpiffWorkflow.bpmn.serializer.helpers.registry import DefaultRegistry
from SpiffWorkflow.bpmn.util.subworkflow import BpmnSubWorkflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.camunda.serializer.config import CAMUNDA_CONFIG
from SpiffWorkflow.task import Task

from .data_pool import FINISHED, DataText, data_text, pool_task_data, unpool_task_data
from .json_codec import dump, load
from .state_compression import compress, decompress
from .timer_events import CLOCKED

STATE_FORMAT = 2  # bump with a module in engine/migrations/ when the saved layout changes


class KeptTasksMapping:
    """Convert a map of tasks, taking each kept task conversion without the registry.

    A petition has a few hundred tasks and most are finished; passing each through the type
    registry only to find its kept conversion cost more than the rest of the walk. Loading, each
    task goes straight to the task converter as well, and each task id is read once (it recurs as
    a key, a parent and a child).
    """

    def mapping_from_dict(self, mapping, key_class=None, **kwargs):
        if key_class is not UUID:
            return super().mapping_from_dict(mapping, key_class, **kwargs)
        registry = self.registry
        task_from_dict = registry.convert_from_dict[_TASK]
        out = {}
        for key, value in mapping.items():
            if type(value) is dict and value.get("typename") == _TASK:  # straight to the task converter
                del value["typename"]  # as the registry does before converting
                out[_task_id(key)] = task_from_dict(value, **kwargs)
            else:
                out[_task_id(key)] = registry.restore(value, **kwargs)
        return out

    def mapping_to_dict(self, mapping, **kwargs):
        out = {}
        registry = self.registry
        for key, value in mapping.items():
            if type(value) is Task:  # straight to the task converter, past the registry's checks
                saved = _kept(value)
                if saved is None:
                    saved = registry.convert_to_dict[_TASK](value)
                out[saved["id"]] = saved
            else:
                out[str(key)] = registry.convert(value, **kwargs)
        return out


class StateOnlyWorkflowConverter(KeptTasksMapping, BpmnWorkflowConverter):
    """Convert a workflow's tasks and data; its specs come from the definition cache."""

    def to_dict(self, workflow):
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct


class SubWorkflowConverter(KeptTasksMapping, BpmnSubWorkflowConverter):
    """Convert a sub-process or called process, its tasks kept as they were converted."""


_PLAIN = (str, int, float, bool, type(None))


def _plain(value) -> bool:
    """Tell whether a value is JSON as it stands (no type the registry would convert)."""
    kind = type(value)
    if kind in _PLAIN:
        return True
    if kind is dict:
        return "typename" not in value and all(type(key) is str and _plain(item) for key, item in value.items())
    if kind is list:
        return all(_plain(item) for item in value)
    return False


# orjson writes JSON's own types and refuses what _plain refuses (dates, dataclasses, subclasses of
# str, int, dict and list, keys that are not text, anything else), many times faster than _plain
# walks in Python. It also takes a tuple, an enumeration and a dict with a "typename" key, which
# the registry hands back as they are: the text is the same. And it writes a UUID as text, where
# the registry converts it: a text that may hold one is walked to tell.
_JSON_ONLY = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_SUBCLASS
# The middle of a UUID's text (searched from its first dash: a literal start is found fast).
_UUID_TEXT = re.compile(rb"-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-")


def _plain_json(value) -> bytes | None:
    """Return the JSON of a value the registry would hand back as it is, or None for one it converts."""
    try:
        text = orjson.dumps(value, option=_JSON_ONLY)
    except TypeError:  # orjson's refusal (JSONEncodeError) is a TypeError
        return None
    if _UUID_TEXT.search(text) is not None and not _plain(value):
        return None
    return text


# A task keeps what it was saved as while its key stays the same. A finished task's key changes
# with its state, its data or internal data being replaced or growing, and its children. Nothing
# edits a finished task's data in place (engine.instances.update_data gives the task a new dict);
# whoever would, calls forget_saved. A task not reached yet holds no data at all: its key is its
# state, its children and whether it was triggered (anything put in its data makes it not empty).
# Other tasks (ready, waiting) are converted on every save.
_SAVED = "_engine_saved_as"
_TEXTS = "_engine_data_texts"


def _saved_key(task) -> tuple | None:
    if task._state & FINISHED:
        return (task._state, task.last_state_change, id(task.data), len(task.data), id(task.internal_data),
                len(task.internal_data), len(task._children))
    if not task.data and not task.internal_data:
        return (task._state, task.last_state_change, task.triggered, tuple(task._children))
    return None


def _kept(task) -> dict | None:
    # What the task converter kept for a task, if the task has not changed since.
    saved = getattr(task, "__dict__", {}).get(_SAVED)
    if saved is None:
        return None
    key = _saved_key(task)
    return saved[1] if key is not None and saved[0] == key else None


def forget_saved(task) -> None:
    """Make the next save convert this task again (for data changed in place)."""
    task.__dict__.pop(_SAVED, None)


class PlainDataTaskConverter(TaskConverter):
    """Convert a task with its data written as JSON text once (for the pool, engine/data_pool.py).

    The saved layout is SpiffWorkflow's own. A finished task, which no step changes again, and a
    task not reached yet are converted once for as long as their workflow is kept and they stay so.
    """

    def to_dict(self, task):
        # A task whose conversion is kept never gets here: the task maps take it (KeptTasksMapping).
        dct = {
            "id": _id_text(task.id),
            "parent": _id_text(task._parent) if task._parent is not None else None,
            "children": [_id_text(child) for child in task._children],
            "last_state_change": task.last_state_change,
            "state": task.state,
            "task_spec": task.task_spec.name,
            "triggered": task.triggered,
            "internal_data": self.registry.convert(task.internal_data),
            "data": _data_text(self.registry, task.data),
        }
        if task.state & FINISHED:
            # Finished tasks mostly hold the same data as their neighbours: keep one text of each.
            texts = task.workflow.top_workflow.__dict__.setdefault(_TEXTS, {})
            dct["data"] = texts.setdefault(dct["data"], dct["data"])
        key = _saved_key(task)
        if key is not None:
            task.__dict__[_SAVED] = (key, dct)  # the registry adds the typename to dct
        return dct

    def from_dict(self, dct, workflow):
        # The fields to_dict writes; each task id is read once (it recurs as a parent and a child).
        task = self.target_class(workflow, workflow.spec.task_specs.get(dct["task_spec"]), state=dct["state"],
                                 id=_task_id(dct["id"]))
        task._parent = _task_id(dct["parent"]) if dct["parent"] is not None else None
        task._children = [_task_id(child) for child in dct["children"]]
        task.last_state_change = dct["last_state_change"]
        task.triggered = dct["triggered"]
        task.internal_data = self.registry.restore(dct["internal_data"])
        task.data = dct["data"]  # restored already, when the state was read (engine/data_pool.py)
        return task


def _data_text(registry, data: dict) -> DataText:
    text = _plain_json(data)
    if text is not None:
        return DataText(text.decode())
    return data_text(registry.convert(data))  # callables are left out, as SpiffWorkflow does


@lru_cache(maxsize=1 << 16)
def _task_id(text: str) -> UUID:
    return UUID(text)


_id_text = lru_cache(maxsize=1 << 16)(str)  # a task id as text: each id recurs as a parent and a child


def _config() -> dict:
    config = dict(CAMUNDA_CONFIG)
    config[BpmnWorkflow] = StateOnlyWorkflowConverter
    config[BpmnSubWorkflow] = SubWorkflowConverter
    config[Task] = PlainDataTaskConverter
    for clocked in CLOCKED.values():
        config[clocked] = TimerConditionalEventDefinitionConverter
    return config


class PlainFirstRegistry(DefaultRegistry):
    """The type registry, handing back plain JSON as it is instead of walking it to convert nothing.

    Case data is almost all plain (the workflow's own copy, a sub-process's copy); the generic
    walk rebuilt every dict and list of it on each save and load. The result is the same. Dates (a
    hearing day a script computed) are saved as dates, as SpiffWorkflow saves date-times.
    """

    def __init__(self) -> None:
        super().__init__()
        self.register(date, lambda value: {"value": value.isoformat()},
                      lambda dct: date.fromisoformat(dct["value"]))

    def convert(self, obj):
        if type(obj) in _PLAIN or (type(obj) is dict and not obj):  # a task's internal data is mostly empty
            return obj
        return obj if _plain_json(obj) is not None else super().convert(obj)

    def restore(self, val, **kwargs):
        if not val:  # read from JSON: an empty dict or list, a zero, an empty text, None
            return val
        if type(val) is dict and "typename" in val:  # a converted object: no need to look further
            return super().restore(val, **kwargs)
        return val if _plain(val) else super().restore(val, **kwargs)


_serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(_config(), registry=PlainFirstRegistry()))
_TASK = _serializer.registry.typenames[Task]  # the typename tasks are saved under


def _read_data(text: str) -> dict:
    """Return task data from its JSON text, with the values the registry converted restored."""
    data = load(text)
    # The usual case: nothing was converted (a converted value is a dict with a "typename" key, and
    # the text of any such key holds these characters), or nothing but a field of that name.
    if '"typename"' not in text or _plain(data):
        return data
    restore = _serializer.registry.restore  # key by key: a field of the case may be called "typename"
    return {key: restore(value) for key, value in data.items()}


def dump_state(workflow: BpmnWorkflow) -> bytes:
    """Serialize the runtime state to compressed JSON (task data pooled: engine/data_pool.py)."""
    dct = pool_task_data(_serializer.to_dict(workflow))
    dct["state_format"] = STATE_FORMAT
    return compress(dump(dct))


def load_state(blob: bytes, spec, subprocess_specs: dict, script_engine) -> BpmnWorkflow:
    """Rebuild a workflow from saved state and its (cached) specs."""
    from .migrations import upgrade

    dct = unpool_task_data(upgrade(load(decompress(blob))), _read_data)
    dct.pop("state_format", None)
    dct["spec"] = spec
    dct["subprocess_specs"] = dict(subprocess_specs)
    workflow = _serializer.from_dict(dct)
    workflow.script_engine = script_engine
    return workflow
