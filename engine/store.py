"""Save and load an instance's runtime state, without its process definition.

SpiffWorkflow's stock serializer embeds the whole definition in every saved state and rebuilds
it on every load. Definitions are stored once per version (`DefinitionVersion`) and parsed once
per process, so the state holds only tasks and data.
"""
from __future__ import annotations

import zlib

from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.event_definition import TimerConditionalEventDefinitionConverter
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, TaskConverter, WorkflowConverter
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.camunda.serializer.config import CAMUNDA_CONFIG
from SpiffWorkflow.task import Task

from .data_pool import FINISHED, data_text, pool_task_data, unpool_task_data
from .json_codec import dump, load
from .timer_events import CLOCKED

STATE_FORMAT = 2  # bump with a module in engine/migrations/ when the saved layout changes


class StateOnlyWorkflowConverter(BpmnWorkflowConverter):
    """Convert a workflow's tasks and data; its specs come from the definition cache."""

    def to_dict(self, workflow):
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct


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


# A finished task keeps what it was saved as. Its key changes with its state, its data or
# internal data being replaced or growing, and its children. Nothing edits a finished task's data
# in place (engine.instances.update_data gives the task a new dict); whoever would, calls forget_saved.
_SAVED = "_engine_saved_as"
_TEXTS = "_engine_data_texts"


def _saved_key(task) -> tuple:
    return (task.state, task.last_state_change, id(task.data), len(task.data), id(task.internal_data),
            len(task.internal_data), len(task._children))


def forget_saved(task) -> None:
    """Make the next save convert this task again (for data changed in place)."""
    task.__dict__.pop(_SAVED, None)


class PlainDataTaskConverter(TaskConverter):
    """Convert task data that is plain JSON without walking it through the type registry.

    Case data is almost all strings, numbers and lists, copied into every task; the registry's
    generic walk over it was most of the cost of a save. Other values still go through the
    registry, and the saved layout is SpiffWorkflow's own. A finished task, which no step changes
    again, is converted once for as long as its workflow is kept.
    """

    def to_dict(self, task):
        final = task.state & FINISHED
        if final:
            saved = task.__dict__.get(_SAVED)
            if saved is not None and saved[0] == _saved_key(task):
                return saved[1]
        dct = {
            "id": str(task.id),
            "parent": str(task._parent) if task._parent is not None else None,
            "children": [str(child) for child in task._children],
            "last_state_change": task.last_state_change,
            "state": task.state,
            "task_spec": task.task_spec.name,
            "triggered": task.triggered,
            "internal_data": (task.internal_data if _plain(task.internal_data)
                              else self.registry.convert(task.internal_data)),
            "data": data_text({key: value if _plain(value) else self.registry.convert(value)
                               for key, value in task.data.items() if not callable(value)}),
        }
        if final:
            # Finished tasks mostly hold the same data as their neighbours: keep one text of each.
            texts = task.workflow.top_workflow.__dict__.setdefault(_TEXTS, {})
            dct["data"] = texts.setdefault(dct["data"], dct["data"])
            task.__dict__[_SAVED] = (_saved_key(task), dct)
        return dct

    def from_dict(self, dct, workflow):
        task = super().from_dict({**dct, "data": {}}, workflow)
        task.data = dct["data"]  # restored already, when the state was read (engine/data_pool.py)
        return task


def _config() -> dict:
    config = dict(CAMUNDA_CONFIG)
    config[BpmnWorkflow] = StateOnlyWorkflowConverter
    config[Task] = PlainDataTaskConverter
    for clocked in CLOCKED.values():
        config[clocked] = TimerConditionalEventDefinitionConverter
    return config


_serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(_config()))


def _restore_data(data: dict) -> dict:
    """Return task data read from JSON, with the values the registry converted restored."""
    return {key: value if _plain(value) else _serializer.registry.restore(value) for key, value in data.items()}


def dump_state(workflow: BpmnWorkflow) -> bytes:
    """Serialize the runtime state to compressed JSON (task data pooled: engine/data_pool.py)."""
    dct = pool_task_data(_serializer.to_dict(workflow))
    dct["state_format"] = STATE_FORMAT
    return zlib.compress(dump(dct), 1)


def load_state(blob: bytes, spec, subprocess_specs: dict, script_engine) -> BpmnWorkflow:
    """Rebuild a workflow from saved state and its (cached) specs."""
    from .migrations import upgrade

    dct = unpool_task_data(upgrade(load(zlib.decompress(blob))), _restore_data)
    dct.pop("state_format", None)
    dct["spec"] = spec
    dct["subprocess_specs"] = dict(subprocess_specs)
    workflow = _serializer.from_dict(dct)
    workflow.script_engine = script_engine
    return workflow
