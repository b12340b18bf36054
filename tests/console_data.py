"""Diagrams (with their layout) and cases for the console's tests: web, statistics, report and browser.

`console_case` walks start → prepare → (divide?) → check (15-day limit) → call `console_review`;
its instances stand on every kind of element the console marks. `petition` is a two-step stand-in
for the real procedure, enough to register petitions and keep or miss the 15-day limit of Art. 22.
"""
from __future__ import annotations

import tempfile
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from engine import db

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs_{p}" targetNamespace="http://xinfang.test">')


def _shapes(process: str, shapes: dict[str, tuple[int, int, int, int]], edges: dict[str, list[tuple[int, int]]]) -> str:
    parts = [f'<bpmndi:BPMNDiagram id="d_{process}"><bpmndi:BPMNPlane id="p_{process}" bpmnElement="{process}">']
    for element, (x, y, w, h) in shapes.items():
        parts.append(f'<bpmndi:BPMNShape id="s_{element}" bpmnElement="{element}">'
                     f'<dc:Bounds x="{x}" y="{y}" width="{w}" height="{h}"/></bpmndi:BPMNShape>')
    for flow, points in edges.items():
        parts.append(f'<bpmndi:BPMNEdge id="e_{flow}" bpmnElement="{flow}">'
                     + "".join(f'<di:waypoint x="{x}" y="{y}"/>' for x, y in points) + "</bpmndi:BPMNEdge>")
    return "".join(parts) + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>"


CASE_PROCESS = HEAD.format(p="case") + """
<bpmn:process id="console_case" name="核查 Check" isExecutable="true">
  <bpmn:startEvent id="start" name="收到"/>
  <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="prepare"/>
  <bpmn:scriptTask id="prepare" name="准备" scriptFormat="python"><bpmn:script>prepared = True</bpmn:script></bpmn:scriptTask>
  <bpmn:sequenceFlow id="f1" sourceRef="prepare" targetRef="gw"/>
  <bpmn:exclusiveGateway id="gw" name="需计算？" default="f2"/>
  <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="check"/>
  <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="compute"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">mode == 'divide'</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:scriptTask id="compute" name="计算份额" scriptFormat="python"><bpmn:script>share = total / parts</bpmn:script></bpmn:scriptTask>
  <bpmn:sequenceFlow id="f4" sourceRef="compute" targetRef="check"/>
  <bpmn:userTask id="check" name="核查事项" camunda:candidateGroups="handler">
    <bpmn:extensionElements><camunda:properties><camunda:property name="organ" value="'JN-QS-LX-RSJ'"/></camunda:properties></bpmn:extensionElements>
  </bpmn:userTask>
  <bpmn:boundaryEvent id="limit" name="15日期限" attachedToRef="check">
    <bpmn:timerEventDefinition><bpmn:timeDate>deadline(received_on, 15)</bpmn:timeDate></bpmn:timerEventDefinition>
  </bpmn:boundaryEvent>
  <bpmn:sequenceFlow id="f7" sourceRef="limit" targetRef="note_late"/>
  <bpmn:scriptTask id="note_late" name="记录超期" scriptFormat="python"><bpmn:script>late = True</bpmn:script></bpmn:scriptTask>
  <bpmn:sequenceFlow id="f8" sourceRef="note_late" targetRef="end_late"/>
  <bpmn:endEvent id="end_late" name="超期"/>
  <bpmn:sequenceFlow id="f5" sourceRef="check" targetRef="call_review"/>
  <bpmn:callActivity id="call_review" name="复核" calledElement="console_review"/>
  <bpmn:sequenceFlow id="f6" sourceRef="call_review" targetRef="end"/>
  <bpmn:endEvent id="end" name="办结"/>
</bpmn:process>"""
CASE_SHAPES = {
    "start": (152, 182, 36, 36), "prepare": (240, 160, 100, 80), "gw": (395, 175, 50, 50),
    "compute": (480, 260, 100, 80), "check": (620, 160, 100, 80), "limit": (652, 222, 36, 36),
    "note_late": (620, 300, 100, 80), "end_late": (800, 322, 36, 36), "call_review": (790, 160, 100, 80),
    "end": (952, 182, 36, 36)}
CASE_EDGES = {
    "f0": [(188, 200), (240, 200)], "f1": [(340, 200), (395, 200)], "f2": [(445, 200), (620, 200)],
    "f3": [(420, 225), (420, 300), (480, 300)], "f4": [(580, 300), (600, 300), (600, 220), (620, 220)],
    "f5": [(720, 200), (790, 200)], "f6": [(890, 200), (952, 200)], "f7": [(670, 258), (670, 300)],
    "f8": [(720, 340), (800, 340)]}
CONSOLE_CASE = CASE_PROCESS + _shapes("console_case", CASE_SHAPES, CASE_EDGES)

# Version 2 for migrations: a step added after the check, the note written when the limit passes dropped.
NOTE_LATE = ('<bpmn:scriptTask id="note_late" name="记录超期" scriptFormat="python"><bpmn:script>late = True'
             '</bpmn:script></bpmn:scriptTask>')
CONSOLE_CASE_REVISED = CASE_PROCESS.replace(
    '<bpmn:sequenceFlow id="f5" sourceRef="check" targetRef="call_review"/>',
    '<bpmn:sequenceFlow id="f5" sourceRef="check" targetRef="notify"/>'
    '<bpmn:scriptTask id="notify" name="告知信访人" scriptFormat="python"><bpmn:script>told = True</bpmn:script>'
    '</bpmn:scriptTask><bpmn:sequenceFlow id="f5b" sourceRef="notify" targetRef="call_review"/>').replace(
    'targetRef="note_late"', 'targetRef="end_late"').replace(NOTE_LATE, "").replace(
    '<bpmn:sequenceFlow id="f8" sourceRef="note_late" targetRef="end_late"/>', "") + _shapes(
    "console_case", {**{k: v for k, v in CASE_SHAPES.items() if k != "note_late"}, "notify": (760, 30, 100, 60)},
    {**{k: v for k, v in CASE_EDGES.items() if k != "f8"}, "f5": [(670, 160), (670, 60), (760, 60)],
     "f5b": [(840, 90), (840, 160)], "f7": [(688, 240), (800, 340)]})
# The check's id renamed: a case waiting on the check has no counterpart in it.
CONSOLE_CASE_WITHOUT_CHECK = CONSOLE_CASE
for _attribute in ("id", "targetRef", "sourceRef", "attachedToRef", "bpmnElement"):
    CONSOLE_CASE_WITHOUT_CHECK = CONSOLE_CASE_WITHOUT_CHECK.replace(f'{_attribute}="check"', f'{_attribute}="verify"')

CONSOLE_REVIEW = HEAD.format(p="review") + """
<bpmn:process id="console_review" name="复核 Review" isExecutable="true">
  <bpmn:startEvent id="review_start"/>
  <bpmn:sequenceFlow id="r0" sourceRef="review_start" targetRef="review"/>
  <bpmn:userTask id="review" name="复核意见" camunda:candidateGroups="reviewer"/>
  <bpmn:sequenceFlow id="r1" sourceRef="review" targetRef="review_end"/>
  <bpmn:endEvent id="review_end"/>
</bpmn:process>""" + _shapes("console_review", {
    "review_start": (152, 82, 36, 36), "review": (240, 60, 100, 80), "review_end": (392, 82, 36, 36)}, {
    "r0": [(188, 100), (240, 100)], "r1": [(340, 100), (392, 100)]})

PETITION = HEAD.format(p="petition") + """
<bpmn:process id="petition" name="信访事项 Petition" isExecutable="true">
  <bpmn:startEvent id="received"/>
  <bpmn:sequenceFlow id="p0" sourceRef="received" targetRef="register"/>
  <bpmn:userTask id="register" name="登记转送" camunda:candidateGroups="registrar">
    <bpmn:extensionElements><camunda:properties><camunda:property name="organ" value="receiving_organ"/></camunda:properties></bpmn:extensionElements>
  </bpmn:userTask>
  <bpmn:boundaryEvent id="register_limit" name="15日" attachedToRef="register">
    <bpmn:timerEventDefinition><bpmn:timeDate>deadline(received_on, 15)</bpmn:timeDate></bpmn:timerEventDefinition>
  </bpmn:boundaryEvent>
  <bpmn:sequenceFlow id="p3" sourceRef="register_limit" targetRef="register_late"/>
  <bpmn:scriptTask id="register_late" name="超期" scriptFormat="python"><bpmn:script>late = True</bpmn:script></bpmn:scriptTask>
  <bpmn:sequenceFlow id="p4" sourceRef="register_late" targetRef="late_end"/>
  <bpmn:endEvent id="late_end"/>
  <bpmn:sequenceFlow id="p1" sourceRef="register" targetRef="handle"/>
  <bpmn:userTask id="handle" name="办理" camunda:candidateGroups="handler">
    <bpmn:extensionElements><camunda:properties><camunda:property name="organ" value="'JN-QS-LX-RSJ'"/></camunda:properties></bpmn:extensionElements>
  </bpmn:userTask>
  <bpmn:sequenceFlow id="p2" sourceRef="handle" targetRef="done"/>
  <bpmn:endEvent id="done"/>
</bpmn:process>""" + _shapes("petition", {
    "received": (152, 82, 36, 36), "register": (240, 60, 100, 80), "register_limit": (272, 122, 36, 36),
    "register_late": (240, 200, 100, 80), "late_end": (392, 222, 36, 36), "handle": (400, 60, 100, 80),
    "done": (552, 82, 36, 36)}, {
    "p0": [(188, 100), (240, 100)], "p1": [(340, 100), (400, 100)], "p2": [(500, 100), (552, 100)],
    "p3": [(290, 158), (290, 200)], "p4": [(340, 240), (392, 240)]})

DIAGRAMS = {"console_case.bpmn": CONSOLE_CASE, "console_review.bpmn": CONSOLE_REVIEW, "petition.bpmn": PETITION}
FORMS = Path(__file__).parent / "engine" / "forms"


def write_diagrams(folder: Path) -> Path:
    """Write the console's diagrams into a folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DIAGRAMS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def deploy_console(folder: Path) -> None:
    """Deploy the console's diagrams (in an app context)."""
    from web.cli import deploy_paths

    deploy_paths([folder], "test")
    db.session.remove()


@lru_cache(maxsize=1)
def console_folder() -> Path:
    """Return the folder of the console's diagrams, written once per test process."""
    return write_diagrams(Path(tempfile.mkdtemp(prefix="xinfang-console-")) / "bpmn")


def console_app(app_pool, db_kind: str):
    """Return the real app, reset, with the console's diagrams deployed and the demo organs and users."""
    folder = console_folder()
    app = app_pool.get(db_kind, XINFANG_BPMN_DIR=str(folder), XINFANG_FORMS_DIR=str(FORMS))
    with app.app_context():
        deploy_console(folder)
    return app


def start_cases(received_on: str = "2026-01-05") -> dict[str, int]:
    """Start one console_case instance on each kind of element: waiting, failed, inside the call."""
    from engine.instances import start_instance
    from engine.tasks import TaskQuery, complete_task, list_tasks

    waiting = start_instance("console_case", "XF-TEST-1", {"received_on": received_on, "mode": "plain"}, "admin")
    failed = start_instance("console_case", "XF-TEST-2", {"received_on": received_on, "mode": "divide",
                                                          "total": 10, "parts": 0}, "admin")
    called = start_instance("console_case", "XF-TEST-3", {"received_on": received_on, "mode": "plain"}, "admin")
    (task,) = list_tasks(TaskQuery(instance=called.id))[0]
    complete_task(task.id, {}, "handler")
    db.session.commit()
    return {"waiting": waiting.id, "failed": failed.id, "called": called.id}


def register_petitions() -> dict[str, object]:
    """Register four petitions, keep one 15-day limit, miss three, evaluate two, issue documents."""
    from engine.clock import current_clock
    from engine.tasks import TaskQuery, complete_task, list_tasks
    from engine.timers import advance_clock
    from processes.documents import issue_document
    from processes.periods import CST
    from processes.petitions import evaluate, set_handling_organ, submit_petition

    person = {"name": "周丽", "address": "柳溪县桃源镇幸福村5号", "phone": "13800000001"}
    base = {"receiving_organ": "JN-QS-LX-XFJ", "territory": "JN-QS-LX", "petitioners": [person],
            "request": "请求支付拖欠的工资。", "facts": "公司拖欠工资三万元。", "reasons": "应当按时支付劳动报酬。"}
    today = current_clock().now().astimezone(CST).date()
    made = [submit_petition({**base, **extra}, "registrar") for extra in (
        {"channel": "online", "category": "labour"},
        {"channel": "letter", "category": "land", "territory": "JN-QS-LX-TY"},
        {"channel": "visit", "category": "labour", "recorded_by": "registrar"},
        {"channel": "online", "category": "environment", "received_on": (today - timedelta(days=3)).isoformat()},
    )]
    for submitted, organ in zip(made, ("JN-QS-LX-RSJ", "JN-QS-LX-RSJ", "JN-QS-LX-TY")):
        set_handling_organ(submitted.petition.id, organ)
    db.session.commit()
    first = made[0].petition
    (task,) = list_tasks(TaskQuery(instance=int(first.instance_id)))[0]
    complete_task(task.id, {"improvement_suggestions": "改进接访流程", "policy_suggestions": "完善欠薪保障"}, "registrar")
    (task,) = list_tasks(TaskQuery(instance=int(first.instance_id)))[0]
    complete_task(task.id, {"suggestions_adoption": "adopted"}, "handler")
    issue_document(first.id, "forward_notice", {"to_organ": "JN-QS-LX-RSJ"})
    issue_document(made[1].petition.id, "assign_notice", {"to_organ": "JN-QS-LX-TY"})
    issue_document(made[2].petition.id, "supervision_letter", {"to_organ": "JN-QS-LX-RSJ", "issue": "逾期未登记",
                                                               "feedback_due": "2026-02-01"})
    db.session.commit()
    advance_clock(by=timedelta(days=20))  # the three other limits run out
    for submitted, score in ((made[0], 5), (made[1], 2)):
        submitted.petition.replied_on = date(2026, 1, 20)
        db.session.flush()
        evaluate(submitted.petition.registration_number, submitted.query_code, score, "")
    db.session.commit()
    return {"petitions": [m.petition.id for m in made], "numbers": [m.petition.registration_number for m in made]}
