"""The diagram a new process starts from: start, one user task, end, named and already laid out."""
from __future__ import annotations

from xml.sax.saxutils import quoteattr

STARTER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" \
id="Definitions_{pid}" targetNamespace="https://xinfang.org/bpmn/{pid}">
  <bpmn:process id={id} name={name} isExecutable="true">
    <bpmn:startEvent id="{pid}_start" name={start}><bpmn:outgoing>{pid}_f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="{pid}_f1" sourceRef="{pid}_start" targetRef="{pid}_task" />
    <bpmn:userTask id="{pid}_task" name={task} camunda:candidateGroups="handler">
      <bpmn:incoming>{pid}_f1</bpmn:incoming><bpmn:outgoing>{pid}_f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="{pid}_f2" sourceRef="{pid}_task" targetRef="{pid}_end" />
    <bpmn:endEvent id="{pid}_end" name={end}><bpmn:incoming>{pid}_f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="{pid}_diagram">
    <bpmndi:BPMNPlane id="{pid}_plane" bpmnElement={id}>
      <bpmndi:BPMNShape id="{pid}_start_di" bpmnElement="{pid}_start">
        <dc:Bounds x="180" y="142" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="{pid}_task_di" bpmnElement="{pid}_task">
        <dc:Bounds x="280" y="120" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="{pid}_end_di" bpmnElement="{pid}_end">
        <dc:Bounds x="452" y="142" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="{pid}_f1_di" bpmnElement="{pid}_f1">
        <di:waypoint x="216" y="160" /><di:waypoint x="280" y="160" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="{pid}_f2_di" bpmnElement="{pid}_f2">
        <di:waypoint x="380" y="160" /><di:waypoint x="452" y="160" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"""


def starter_diagram(process_id: str, name: str, task_name: str, start_name: str, end_name: str) -> str:
    """Return the text of a new diagram for a process (the id is already checked as a plain name).

    Every element is named: bpmnlint's recommended rules (which the modeller's check runs) count an
    unnamed start or end event as an error, and a new diagram should pass its first check."""
    return STARTER.format(pid=process_id, id=quoteattr(process_id), name=quoteattr(name), task=quoteattr(task_name),
                          start=quoteattr(start_name), end=quoteattr(end_name))
