"""Save and load an instance's runtime state, without its process definition.

SpiffWorkflow's stock serializer embeds the whole definition in every saved state and rebuilds
it on every load. Definitions are stored once per version (`DefinitionVersion`) and parsed once
per process, so the state holds only tasks and data.
"""
from __future__ import annotations

import json
import zlib

from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.event_definition import TimerConditionalEventDefinitionConverter
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.camunda.serializer.config import CAMUNDA_CONFIG

from .timer_events import CLOCKED

STATE_FORMAT = 1  # bump with a module in engine/migrations/ when the saved layout changes


class StateOnlyWorkflowConverter(BpmnWorkflowConverter):
    """Convert a workflow's tasks and data; its specs come from the definition cache."""

    def to_dict(self, workflow):
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct


def _config() -> dict:
    config = dict(CAMUNDA_CONFIG)
    config[BpmnWorkflow] = StateOnlyWorkflowConverter
    for clocked in CLOCKED.values():
        config[clocked] = TimerConditionalEventDefinitionConverter
    return config


_serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(_config()))


def dump_state(workflow: BpmnWorkflow) -> bytes:
    """Serialize the runtime state to compressed JSON."""
    dct = _serializer.to_dict(workflow)
    dct["state_format"] = STATE_FORMAT
    return zlib.compress(json.dumps(dct, separators=(",", ":")).encode(), 1)


def load_state(blob: bytes, spec, subprocess_specs: dict, script_engine) -> BpmnWorkflow:
    """Rebuild a workflow from saved state and its (cached) specs."""
    from .migrations import upgrade

    dct = upgrade(json.loads(zlib.decompress(blob)))
    dct.pop("state_format", None)
    dct["spec"] = spec
    dct["subprocess_specs"] = dict(subprocess_specs)
    workflow = _serializer.from_dict(dct)
    workflow.script_engine = script_engine
    return workflow
