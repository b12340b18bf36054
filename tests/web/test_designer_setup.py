"""What the designer's tests share: a small laid-out diagram, its forms, an app that deployed it.

Imported by the designer's test modules (web and browser); it holds no tests itself. Forms are
copied to a temporary folder, so the form editor's saves never touch the project's forms/.
"""
from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest

from engine import db
from tests.conftest import make_app
from tests.web import desk

DECIDE = {
    "title": {"zh": "登记并决定去向", "en": "Register and route"},
    "type": "object",
    "required": ["route"],
    "properties": {
        "route": {"type": "string", "title": {"zh": "处理方式", "en": "Route"}, "enum": ["forward", "assign"],
                  "enumNames": {"zh": ["转送", "交办"], "en": ["Forward", "Assign"]}},
        "note": {"type": "string", "title": {"zh": "说明", "en": "Note"}, "maxLength": 200},
    },
    "uiSchema": {"ui:order": ["route", "note"], "route": {"ui:widget": "radio"}, "note": {"ui:widget": "textarea"}},
}
NOTE = {
    "title": {"zh": "备注", "en": "Note"},
    "type": "object",
    "required": ["note"],
    "properties": {"note": {"type": "string", "title": {"zh": "备注", "en": "Note"}, "maxLength": 200}},
}
START_DATA = {"received_on": "2026-03-02"}

DIAGRAM = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_intake" targetNamespace="https://xinfang.test">
  <bpmn:process id="intake" name="登记 Intake" isExecutable="true">
    <bpmn:startEvent id="start" name="收到"><bpmn:outgoing>f_start</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f_start" sourceRef="start" targetRef="register" />
    <bpmn:userTask id="register" name="{task}" camunda:formKey="decide" camunda:candidateGroups="registrar">
      <bpmn:documentation>第二十二条 (Art. 22): register and forward within 15 days.</bpmn:documentation>
      <bpmn:incoming>f_start</bpmn:incoming><bpmn:outgoing>f_route</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="limit" name="期限" attachedToRef="register" cancelActivity="true">
      <bpmn:outgoing>f_late</bpmn:outgoing>
      <bpmn:timerEventDefinition id="limit_timer"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">{timer}\
</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f_late" sourceRef="limit" targetRef="late" />
    <bpmn:endEvent id="late" name="超期"><bpmn:incoming>f_late</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f_route" sourceRef="register" targetRef="route_gw" />
    <bpmn:exclusiveGateway id="route_gw" name="转送？" default="f_done">
      <bpmn:incoming>f_route</bpmn:incoming><bpmn:outgoing>f_forward</bpmn:outgoing><bpmn:outgoing>f_done</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="f_forward" name="是" sourceRef="route_gw" targetRef="forward">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">route == 'forward'</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_done" name="否" sourceRef="route_gw" targetRef="done" />
    <bpmn:userTask id="forward" name="转送" camunda:formKey="note" camunda:candidateGroups="handler">
      <bpmn:incoming>f_forward</bpmn:incoming><bpmn:outgoing>f_forwarded</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f_forwarded" sourceRef="forward" targetRef="done" />
    <bpmn:endEvent id="done" name="办结">
      <bpmn:incoming>f_forwarded</bpmn:incoming><bpmn:incoming>f_done</bpmn:incoming>
    </bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="intake">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="150" y="200" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="register_di" bpmnElement="register"><dc:Bounds x="230" y="178" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="limit_di" bpmnElement="limit"><dc:Bounds x="262" y="240" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="late_di" bpmnElement="late"><dc:Bounds x="262" y="330" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="route_gw_di" bpmnElement="route_gw" isMarkerVisible="true">
        <dc:Bounds x="390" y="193" width="50" height="50" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="forward_di" bpmnElement="forward"><dc:Bounds x="490" y="178" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="done_di" bpmnElement="done"><dc:Bounds x="650" y="200" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f_start_di" bpmnElement="f_start"><di:waypoint x="186" y="218" />\
<di:waypoint x="230" y="218" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f_late_di" bpmnElement="f_late"><di:waypoint x="280" y="276" />\
<di:waypoint x="280" y="330" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f_route_di" bpmnElement="f_route"><di:waypoint x="330" y="218" />\
<di:waypoint x="390" y="218" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f_forward_di" bpmnElement="f_forward"><di:waypoint x="440" y="218" />\
<di:waypoint x="490" y="218" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f_forwarded_di" bpmnElement="f_forwarded"><di:waypoint x="590" y="218" />\
<di:waypoint x="650" y="218" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f_done_di" bpmnElement="f_done"><di:waypoint x="415" y="243" />\
<di:waypoint x="415" y="310" /><di:waypoint x="668" y="310" /><di:waypoint x="668" y="236" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"""


def intake_diagram(task: str = "登记", timer: str = "deadline(received_on, 15)") -> bytes:
    """Return the test diagram's text, with a task name and timer text of the caller's choice."""
    return DIAGRAM.replace("{task}", task).replace("{timer}", timer).encode("utf-8")


def write_forms(folder: Path) -> Path:
    """Put exactly the test forms in a folder (whatever an earlier test saved there) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.json"):
        path.unlink()
    for key, definition in (("decide", DECIDE), ("note", NOTE)):
        (folder / f"{key}.json").write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
    return folder


def designer_app(database_url: str, tmp_path: Path):
    """Build a new app on a database with the test forms and the intake diagram deployed as version 1."""
    bpmn_dir = tmp_path / "bpmn"
    bpmn_dir.mkdir()
    (bpmn_dir / "intake.bpmn").write_bytes(intake_diagram())
    app = make_app(database_url, tmp_path, XINFANG_BPMN_DIR=str(bpmn_dir),
                   XINFANG_FORMS_DIR=str(write_forms(tmp_path / "forms")))
    with app.app_context():
        from processes.demo import load_demo
        from web.cli import deploy_paths

        deploy_paths([bpmn_dir], "test")
        load_demo()
        db.session.commit()
    return app


def designer_folders(tmp_path_factory) -> tuple[Path, Path]:
    """Return the session's folders for the designer's tests: bpmn/ with the intake diagram, and forms/."""
    root = tmp_path_factory.getbasetemp() / "designer"  # one per test session: the pooled app keeps its paths
    if not root.exists():
        (root / "bpmn").mkdir(parents=True)
        (root / "bpmn" / "intake.bpmn").write_bytes(intake_diagram())
    return root / "bpmn", root / "forms"


@pytest.fixture(name="app")
def app_fixture(app_pool, db_kind, tmp_path_factory):
    """The real app, on SQLite and on PostgreSQL, reset, with the intake diagram deployed as version 1."""
    bpmn_dir, forms_dir = designer_folders(tmp_path_factory)
    write_forms(forms_dir)
    app = app_pool.get(db_kind, XINFANG_BPMN_DIR=str(bpmn_dir), XINFANG_FORMS_DIR=str(forms_dir))
    with app.app_context():
        from web.cli import deploy_paths

        deploy_paths([bpmn_dir], "test")
        db.session.remove()
    return app


def sign_in(client, username: str, lang: str = "en") -> None:
    """Sign in as the desk's tests do (CSRF token "t"), in English unless told otherwise."""
    desk.sign_in(client, username, lang)


def post_json(client, url: str, body: dict):
    """Post JSON as the modeller's page does: CSRF header, asking for JSON back."""
    return client.post(url, json=body, headers={"X-CSRF-Token": "t", "Accept": "application/json"})


def upload(client, name: str, content: bytes, replace: bool = False):
    """Upload a file to the studio as a browser's form does (ticking “Replace its draft” when told)."""
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    # Encoded in memory: the test client would spool a large body to a file it never closes.
    file = FileStorage(io.BytesIO(content), filename=name, content_type="application/octet-stream")
    boundary, body = encode_multipart({"csrf_token": "t", **({"replace": "on"} if replace else {}), "file": file})
    return client.post("/designer/upload", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def upload_refusal(client, answer) -> str:
    """Return what the studio's page says of a refused upload: the one error above its lists."""
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/designer/")
    page = client.get("/designer/").get_data(as_text=True)
    errors = re.findall(r'<p class="flash flash-error">(.*?)</p>', page, re.S)
    assert len(errors) == 1, errors
    return html.unescape(errors[0])
