"""Turn BPMN files into SpiffWorkflow specs, with the engine's timers and task metadata."""
from __future__ import annotations

from SpiffWorkflow.bpmn.parser.BpmnParser import full_tag
from SpiffWorkflow.bpmn.parser.ProcessParser import ProcessParser
from SpiffWorkflow.bpmn.parser.task_parsers import GatewayParser
from SpiffWorkflow.bpmn.specs.defaults import BoundaryEvent, IntermediateCatchEvent, StartEvent
from SpiffWorkflow.camunda.parser.CamundaParser import CamundaParser
from SpiffWorkflow.camunda.parser.event_parsers import (
    CamundaBoundaryEventParser,
    CamundaIntermediateCatchEventParser,
    CamundaStartEventParser,
)
from SpiffWorkflow.camunda.parser.task_spec import UserTaskParser
from SpiffWorkflow.camunda.specs.user_task import UserTask

from .branch_merge import MergingEndJoin, MergingParallelGateway
from .timer_events import CLOCKED


class _ClockedTimerParsing:
    """Replace SpiffWorkflow's timer definitions with ones that obey the engine clock."""

    def parse_timer_event(self, event):
        parsed = super().parse_timer_event(event)
        clocked = CLOCKED[type(parsed)]
        return clocked(parsed.name, parsed.expression, description=parsed.description)


class StartEventParser(_ClockedTimerParsing, CamundaStartEventParser):
    pass


class CatchEventParser(_ClockedTimerParsing, CamundaIntermediateCatchEventParser):
    pass


class BoundaryEventParser(_ClockedTimerParsing, CamundaBoundaryEventParser):
    pass


class OfferedUserTaskParser(UserTaskParser):
    """Keep `camunda:candidateGroups` and `camunda:assignee`, which the stock parser drops, among the extensions."""

    def parse_extensions(self, node=None):
        extensions = super().parse_extensions(node)
        for name in ("candidateGroups", "assignee"):
            value = self.node.get(f"{{{self.nsmap['camunda']}}}{name}")
            if value:
                extensions[name] = value
        return extensions


class BranchMergingProcessParser(ProcessParser):
    """A process whose end keeps what each of its parallel branches wrote (engine/branch_merge.py)."""

    def get_spec(self):
        spec = super().get_spec()
        if type(spec.end) is not MergingEndJoin:
            # SpiffWorkflow builds the end join inside the process spec; it gains the merge in place.
            spec.end.__class__ = MergingEndJoin
        return spec


class EngineParser(CamundaParser):
    """The Camunda 7 dialect as xinfang runs it."""

    PROCESS_PARSER_CLASS = BranchMergingProcessParser

    OVERRIDE_PARSER_CLASSES = {
        **CamundaParser.OVERRIDE_PARSER_CLASSES,
        full_tag("startEvent"): (StartEventParser, StartEvent),
        full_tag("intermediateCatchEvent"): (CatchEventParser, IntermediateCatchEvent),
        full_tag("boundaryEvent"): (BoundaryEventParser, BoundaryEvent),
        full_tag("userTask"): (OfferedUserTaskParser, UserTask),
        full_tag("parallelGateway"): (GatewayParser, MergingParallelGateway),
    }
