"""What changed between two versions: by element id, ignoring layout."""
from __future__ import annotations

from engine import db
from engine.definitions import deploy, find_version
from engine.diff import describe, diff_sources, diff_versions
from tests.engine.conftest import HERE

CHAIN = (HERE / "diagrams" / "chain.bpmn").read_text()
DEADLINES = (HERE / "diagrams" / "deadlines.bpmn").read_text()
FAULTY = (HERE / "diagrams" / "faulty.bpmn").read_text()
LAID_OUT = CHAIN.replace("</bpmn:definitions>", """<bpmndi:BPMNDiagram id="d" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
 xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"><bpmndi:BPMNPlane id="p" bpmnElement="chain">
<bpmndi:BPMNShape id="s1" bpmnElement="step1"><dc:Bounds x="{x}" y="10" width="100" height="80"/></bpmndi:BPMNShape>
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>""")


def changes(old: str, new: str) -> list[tuple[str, str, list]]:
    return [(c.element, c.kind, c.details) for c in diff_sources({"f.bpmn": old}, {"f.bpmn": new})]


def test_the_same_text_and_a_moved_shape_change_nothing():
    assert changes(CHAIN, CHAIN) == []
    assert changes(LAID_OUT.replace("{x}", "10"), LAID_OUT.replace("{x}", "400")) == []


def test_a_renamed_task_is_changed_with_its_old_and_new_name():
    assert changes(CHAIN, CHAIN.replace('name="Step two"', 'name="Check"')) == [
        ("step2", "changed", [("name", "Step two", "Check")])]


def test_a_timer_text_and_a_condition_are_compared():
    timer = changes(DEADLINES, DEADLINES.replace("deadline(received_on, 15)</bpmn:timeDate>",
                                                 "deadline(received_on, 10)</bpmn:timeDate>"))
    assert timer == [("limit", "changed", [("timeDate", "deadline(received_on, 15)", "deadline(received_on, 10)")])]
    condition = changes(FAULTY, FAULTY.replace("share &gt; 10", "share &gt; 20"))
    assert condition == [("f2", "changed", [("condition", "share > 10", "share > 20")])]


def test_form_keys_groups_and_properties_are_attributes():
    changed = CHAIN.replace('camunda:formKey="note"', 'camunda:formKey="memo"').replace(
        'value="organ"', 'value="handling_organ"')
    assert changes(CHAIN, changed) == [("step1", "changed", [
        ("camunda:formKey", "note", "memo"), ("property organ", "organ", "handling_organ")])]


def test_added_and_removed_elements_come_first_with_their_type_and_name():
    shorter = CHAIN.replace('<bpmn:userTask id="step5" name="Step five" camunda:candidateGroups="handler"/>',
                            '<bpmn:scriptTask id="tally" name="Tally"><bpmn:script>n = 1</bpmn:script></bpmn:scriptTask>')
    found = diff_sources({"f.bpmn": CHAIN}, {"f.bpmn": shorter.replace('targetRef="step5"', 'targetRef="tally"')
                                             .replace('sourceRef="step5"', 'sourceRef="tally"')})
    summary = [(c.kind, c.element, c.type, c.name) for c in found]
    assert summary[:2] == [("removed", "step5", "userTask", "Step five"), ("added", "tally", "scriptTask", "Tally")]
    assert {c.element for c in found[2:]} == {"f4", "f5"}


def test_lanes_are_an_aspect_of_the_elements_in_them():
    def laned(lane: str) -> str:
        return CHAIN.replace('<bpmn:startEvent id="start"/>', f'<bpmn:laneSet id="ls"><bpmn:lane id="l1" name="{lane}">'
                             '<bpmn:flowNodeRef>step1</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>'
                             '<bpmn:startEvent id="start"/>')
    assert describe(laned("registrar"))["step1"]["aspects"]["lane"] == "registrar"
    assert changes(laned("registrar"), laned("handler")) == [
        ("l1", "changed", [("name", "registrar", "handler")]),
        ("step1", "changed", [("lane", "registrar", "handler")])]


def test_a_modellers_exporter_stamp_and_spelled_out_defaults_are_not_changes():
    stamped = CHAIN.replace('id="defs"', 'id="defs" exporter="Camunda Modeler" exporterVersion="5.20.0"')
    assert changes(CHAIN, stamped) == []
    assert changes(DEADLINES, DEADLINES.replace(' cancelActivity="true"', "")) == []
    assert changes(DEADLINES, DEADLINES.replace('cancelActivity="true"', 'cancelActivity="false"')) == [
        ("limit", "changed", [("cancelActivity", None, "false")])]


def test_two_deployed_versions_are_compared(ctx):
    deploy({"chain.bpmn": CHAIN.replace('name="Step three"', 'name="Approve"').encode()}, "ann")
    db.session.commit()
    found = diff_versions(find_version("chain", 1), find_version("chain", 2))
    assert [(c.element, c.kind, c.details) for c in found] == [("step3", "changed", [("name", "Step three", "Approve")])]
