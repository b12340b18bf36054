"""The designer's rules: forms, called processes, gateway conditions, statutory timers."""
from __future__ import annotations

import pytest

from engine import DeployError, db
from engine.definitions import latest_version
from engine.design_rules import check_design, check_sources, deploy_file, is_statutory
from engine.drafts import find_draft, save_draft
from tests.engine.conftest import HERE

FORMS = HERE / "forms"
HEAD = ('<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'
        ' xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true">')
TAIL = "</bpmn:process></bpmn:definitions>"
TIMER = ('<bpmn:boundaryEvent id="limit" attachedToRef="{to}"><bpmn:timerEventDefinition><bpmn:timeDuration>P15D'
         '</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>')
STATUTORY_DOC = "<bpmn:documentation>第二十二条 (Art. 22): register within 15 days.</bpmn:documentation>"
FLAGGED = ('<bpmn:extensionElements><camunda:properties><camunda:property name="statutory" value="{}"/>'
           "</camunda:properties></bpmn:extensionElements>")


def problems(body: str, deployed=()) -> list[tuple[str | None, str]]:
    found = check_design({"p.bpmn": (HEAD + body + TAIL).encode()}, FORMS, deployed)
    return [(p["element"], p["code"]) for p in found]


def task(attributes: str = 'camunda:formKey="note"', inner: str = "", element: str = "t") -> str:
    return f'<bpmn:userTask id="{element}" {attributes}>{inner}</bpmn:userTask>'


def test_a_well_made_process_passes():
    body = (task(inner=STATUTORY_DOC) + TIMER.format(to="t")
            + '<bpmn:callActivity id="c" calledElement="child"/>'
            + '<bpmn:exclusiveGateway id="g" default="f2"/>'
            + '<bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="t"><bpmn:conditionExpression>x &gt; 1'
              '</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="c"/>')
    assert problems(body, deployed={"child"}) == []


@pytest.mark.parametrize("attributes, code", [
    ("", "no_form"), ('camunda:formKey="  "', "no_form"), ('camunda:formKey="gone"', "missing_form"),
    ('camunda:formKey="../note"', "bad_form_key"),
])
def test_every_user_task_shows_a_form_that_exists(attributes, code):
    assert problems(task(attributes)) == [("t", code)]


def test_a_called_process_must_be_here_or_deployed():
    call = '<bpmn:callActivity id="c" calledElement="child"/><bpmn:callActivity id="e"/>'
    assert problems(call) == [("c", "unknown_process"), ("e", "no_called_process")]
    assert problems(call, deployed={"child"}) == [("e", "no_called_process")]


def test_every_flow_out_of_a_splitting_gateway_has_a_condition_or_is_the_default():
    ends = '<bpmn:task id="x"/><bpmn:task id="y"/><bpmn:task id="z"/>'
    flows = ends + ('<bpmn:sequenceFlow id="a" sourceRef="g" targetRef="x"><bpmn:conditionExpression>ok'
             '</bpmn:conditionExpression></bpmn:sequenceFlow>'
             '<bpmn:sequenceFlow id="b" sourceRef="g" targetRef="y"/>'
             '<bpmn:sequenceFlow id="c" sourceRef="g" targetRef="z"/>')
    assert problems('<bpmn:inclusiveGateway id="g" default="c"/>' + flows) == [("b", "no_condition")]
    assert problems('<bpmn:exclusiveGateway id="g"/>' + flows) == [("b", "no_condition"), ("c", "no_condition")]
    merge = ('<bpmn:exclusiveGateway id="g"/><bpmn:task id="x"/>'
             '<bpmn:sequenceFlow id="only" sourceRef="g" targetRef="x"/>')
    assert problems(merge) == []


@pytest.mark.parametrize("inner, statutory", [
    (STATUTORY_DOC, True),
    ("<bpmn:documentation>第三十四条: 应当在60日内办结</bpmn:documentation>", True),
    ("<bpmn:documentation>Art. 23: tell the petitioner within 5 working days.</bpmn:documentation>", True),
    ("<bpmn:documentation>第三十五条 (Art. 35): serve the opinion.</bpmn:documentation>", False),
    ("<bpmn:documentation>Check again in 3 days.</bpmn:documentation>", False),
    (FLAGGED.format("true"), True),
    (STATUTORY_DOC + FLAGGED.format("false"), False),
])
def test_a_statutory_stage_is_known_by_its_documentation_or_its_property(inner, statutory):
    from lxml import etree

    root = etree.fromstring((HEAD + task(inner=inner) + TAIL).encode())
    assert is_statutory(next(root.iter("{*}userTask"))) is statutory


def test_a_statutory_stage_needs_its_timer_on_itself_or_around_it():
    lone = task(inner=STATUTORY_DOC)
    assert problems(lone) == [("t", "no_timer")]
    assert problems(lone + TIMER.format(to="t")) == []
    around = f'<bpmn:subProcess id="s">{lone}</bpmn:subProcess>' + TIMER.format(to="s")
    assert problems(around) == []
    due = task(inner=STATUTORY_DOC + '<bpmn:extensionElements><camunda:properties><camunda:property name="dueDate" '
               'value="deadline(received_on, 15)"/></camunda:properties></bpmn:extensionElements>')
    assert problems(due) == []


def test_an_unreadable_file_is_reported_once_by_file(ctx):
    found = check_sources({"chain.bpmn": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "b">]><d>&a;</d>'})
    assert [(p["file"], p["rule"]) for p in found] == [("chain.bpmn", "readable")]
    assert "DOCTYPE" in found[0]["message"]


def test_the_engines_findings_join_the_rules_without_repeats(ctx):
    chain = (HERE / "diagrams" / "chain.bpmn").read_bytes()
    broken = chain.replace(b'camunda:formKey="note"', b'camunda:formKey="gone"').replace(
        b'targetRef="step3"', b'targetRef="nowhere"')
    found = check_sources({"chain.bpmn": broken})
    assert len([p for p in found if p["element"] == "step1" and "gone" in p["message"]]) == 1
    assert [(p["rule"], p["code"], p["params"]) for p in found if "nowhere" in p["message"]] == [
        ("structure", "flow_unknown_target", {"ref": "nowhere"})]
    engine_said = check_sources({"chain.bpmn": chain.replace(b'camunda:formKey="note"', b'camunda:formKey="gone"')})
    assert len([p for p in engine_said if p["element"] == "step1"]) == 1


def test_structure_ids_are_unique_and_flows_join_elements_of_their_own_container():
    ends = '<bpmn:task id="a"/><bpmn:task id="b"/>'
    assert problems(ends + '<bpmn:sequenceFlow id="f" sourceRef="a" targetRef="b"/>') == []
    assert problems(ends + '<bpmn:task id="a"/>') == [("a", "duplicate_id")]
    assert problems(ends + '<bpmn:sequenceFlow id="f" targetRef="b"/>') == [("f", "flow_no_source")]
    inside = '<bpmn:subProcess id="s"><bpmn:task id="c"/></bpmn:subProcess>'
    assert problems(ends + inside + '<bpmn:sequenceFlow id="f" sourceRef="a" targetRef="c"/>') == [
        ("f", "flow_unknown_target")]


@pytest.mark.parametrize("text, code", [
    ("P15D", None), ("P1Y2M10DT2H", None), ("R/P1D", None), ("R3/2026-12-01T09:00:00+08:00/P1D", None),
    ("2026-12-01T09:00:00Z", None), ("deadline(received_on, 15)", None), ("due_at", None),
    ("P15X", "timer_iso"), ("P15DD", "timer_iso"), ("R3/P", "timer_iso"), ("2026-02-30", "timer_iso"),
    ("deadline(received_on 15)", "expression_syntax"), ("dedline(received_on, 15)", "unknown_function"),
])
def test_a_timer_is_an_iso_literal_or_an_expression_of_known_functions(text, code):
    event = ('<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>'
             f'{text}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>')
    found = check_design({"p.bpmn": (HEAD + event + TAIL).encode()}, FORMS, (), functions={"deadline"})
    assert [(p["element"], p["code"]) for p in found] == ([("wait", code)] if code else [])


def test_a_script_may_call_what_it_defines_and_the_safe_builtins():
    script = ('<bpmn:scriptTask id="s"><bpmn:script>def twice(n):\n    return 2 * n\nx = twice(len([1]))\n'
              'y = nowhere(x)</bpmn:script></bpmn:scriptTask>')
    found = check_design({"p.bpmn": (HEAD + script + TAIL).encode()}, FORMS, (), functions=set())
    assert [(p["element"], p["code"], p["params"]["name"]) for p in found] == [("s", "unknown_function", "nowhere")]


def test_a_refused_deploy_changes_nothing_and_keeps_the_draft(ctx):
    chain = (HERE / "diagrams" / "chain.bpmn").read_bytes()
    save_draft("chain.bpmn", chain, "ann")
    db.session.commit()
    with pytest.raises(DeployError) as refused:
        deploy_file("chain.bpmn", chain, "ann")  # steps two to five show no form
    db.session.rollback()
    assert {p["element"] for p in refused.value.problems} == {"step2", "step3", "step4", "step5"}
    assert latest_version("chain").version == 1 and find_draft("chain.bpmn") is not None


def test_a_deploy_of_a_file_makes_a_version_and_drops_its_draft(ctx):
    chain = (HERE / "diagrams" / "chain.bpmn").read_bytes()
    complete = chain
    for step in ("step2", "step3", "step4", "step5"):
        complete = complete.replace(f'id="{step}"'.encode(), f'id="{step}" camunda:formKey="note"'.encode())
    save_draft("chain.bpmn", complete, "ann")
    result = deploy_file("chain.bpmn", complete, "ann")
    db.session.commit()
    assert [(row.process, row.version) for row in result.deployed] == [("chain", 2)]
    assert find_draft("chain.bpmn") is None


def test_a_task_offered_to_no_role_is_found_by_its_group_or_its_lane():
    from engine.design_rules import check_roles

    lanes = ('<bpmn:laneSet id="ls">'
             '<bpmn:lane id="ok" name="handler"><bpmn:flowNodeRef>a</bpmn:flowNodeRef></bpmn:lane>'
             '<bpmn:lane id="zh" name="承办人"><bpmn:flowNodeRef>b</bpmn:flowNodeRef>'
             '<bpmn:flowNodeRef>c</bpmn:flowNodeRef></bpmn:lane>'
             '<bpmn:lane id="own" name="clerks"><bpmn:flowNodeRef>d</bpmn:flowNodeRef></bpmn:lane>'
             "</bpmn:laneSet>")
    body = (lanes + task(element="a") + task(element="b")
            + task('camunda:candidateGroups="head, handlers"', element="c")
            + task('camunda:candidateGroups="head"', element="d"))
    found = check_roles({"p.bpmn": (HEAD + body + TAIL).encode()}, ("handler", "head"))
    # "clerks" holds only a task with groups of its own; 承办人 still holds b
    assert [(p["element"], p["code"], p["params"]) for p in found] == [
        ("c", "unknown_group", {"group": "handlers", "roles": "handler, head"}),
        ("zh", "unknown_lane", {"lane": "承办人", "roles": "handler, head"})]


@pytest.mark.parametrize("marked", ['isExecutable="false"', ""])
def test_a_process_not_marked_executable_is_refused_by_name(marked):
    source = (HEAD + task() + TAIL).replace('isExecutable="true"', marked).encode()
    found = check_design({"p.bpmn": source}, FORMS, ())
    assert [(p["element"], p["code"], p["params"]) for p in found] == [("p", "not_executable", {"process": "p"})]
