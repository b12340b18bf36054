"""Messages: tell a running instance that something happened outside it (BPMN message events).

An instance waits for a message where its diagram has a message catch event it has reached: an
intermediate catch event, or a boundary event on an activity that is running. Delivering the message
puts its data in the case data under the message's name, on the path the event starts, and runs the
instance on to its next wait, in the caller's transaction, with an entry in the history. A message
the instance is not waiting for is refused and changes nothing (SpiffWorkflow would keep it for
later; a person sending one expects it to take effect now or be told why not). A non-interrupting
boundary event catches its message once while its activity runs.
"""
from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.util import BpmnEvent
from SpiffWorkflow.camunda.specs.event_definitions import MessageEventDefinition as CamundaMessage
from SpiffWorkflow.util.task import TaskState

from .errors import InvalidState
from .history import record
from .instances import get_instance, require_status
from .runtime import OPEN, advance, load_workflow, persist, read_workflow


def _catching(workflow, name: str | None = None) -> list:
    """The tasks waiting for a message (of that name)."""
    return [task for task in workflow.get_tasks(state=TaskState.WAITING)
            if isinstance(getattr(task.task_spec, "event_definition", None), MessageEventDefinition)
            and (name is None or task.task_spec.event_definition.name == name)]


def _event(definition: MessageEventDefinition, data: dict[str, Any]) -> BpmnEvent:
    # Diagrams in the Camunda dialect put a message's payload under a result variable; the message's
    # name is used as that variable here, so the data lands in the same place in either dialect.
    if isinstance(definition, CamundaMessage):
        return BpmnEvent(definition, {"payload": data, "result_var": definition.name})
    return BpmnEvent(definition, {definition.name: data})


def waiting_messages(instance_id: int) -> list[str]:
    """Return the names of the messages an instance waits for now (none unless it is running)."""
    instance = get_instance(instance_id)
    if instance.status not in OPEN:
        return []
    return sorted({task.task_spec.event_definition.name for task in _catching(read_workflow(instance))})


def send_message(instance_id: int, name: str, data: dict[str, Any], actor: str, reason: str | None = None):
    """Deliver a message with its data to an instance waiting for it, and run the instance on."""
    if not isinstance(name, str) or not name.strip():
        raise InvalidState("give the name of the message", field="name")
    if not isinstance(data, dict):
        raise InvalidState("the data of a message must be an object", field="data")
    instance = get_instance(instance_id)
    require_status(instance, OPEN, "send a message to")
    workflow = load_workflow(instance)
    catching = _catching(workflow, name)
    if not catching:
        raise InvalidState("the case is not waiting for the message %(name)s", name=name)
    workflow.catch(_event(catching[0].task_spec.event_definition, dict(data)))
    record(instance.id, "message_received", actor, element=catching[0].task_spec.bpmn_id, reason=reason,
           detail={"message": name, "data": dict(data)})
    advance(instance, workflow, actor)
    persist(instance, workflow, actor=actor)
    return instance
