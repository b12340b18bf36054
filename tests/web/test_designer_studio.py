"""The modeller's server side: open, save drafts, upload, check, deploy, and the refusals."""
from __future__ import annotations

import pytest

from engine.definitions import MAX_DIAGRAM_BYTES, list_versions
from tests.web.test_designer_setup import (
    app_fixture,  # noqa: F401  (the app with the intake diagram)
    intake_diagram,
    post_json,
    sign_in,
    upload,
    upload_refusal,
)

XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&xxe;</bpmn:definitions>')
LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
                     for i in range(1, 10))
          + b']>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol9;</bpmn:definitions>')
OVERSIZE = intake_diagram().replace(b"register and forward within 15 days.",
                                    b"register and forward within 15 days. " + b"x" * MAX_DIAGRAM_BYTES)
MALFORMED = intake_diagram()[:-40]
REFUSED = [pytest.param(XXE, "DOCTYPE", id="xxe"), pytest.param(LAUGHS, "DOCTYPE", id="billion-laughs"),
           pytest.param(OVERSIZE, "KB", id="oversize"), pytest.param(MALFORMED, "not a readable", id="malformed")]


def versions(app) -> list[tuple[str, int]]:
    with app.app_context():
        return [(row.process, row.version) for row in list_versions()]


def test_the_studio_lists_deployed_processes_with_their_instances(client):
    sign_in(client, "designer")
    page = client.get("/designer/").get_data(as_text=True)
    assert "<strong>Intake</strong>" in page and "v1" in page and "0 in all, 0 open" in page
    assert 'href="/designer/diagrams/intake.bpmn"' in page


def test_the_modeller_opens_the_deployed_text_with_the_period_functions(client):
    sign_in(client, "designer")
    page = client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)
    assert "xinfang-modeler.js" in page and "deadline(received_on, 15)" in page
    assert "deadline(start, days, kind=&#39;calendar&#39;, paused_days=0)" in page
    assert "End of a statutory period" in page and "Timer › Type and Value" in page


def test_a_clean_diagram_checks_clean_and_deploys_as_a_new_version(app, client):
    sign_in(client, "designer")
    changed = intake_diagram(task="登记并转送", timer="deadline(received_on, 10)").decode()
    checked = post_json(client, "/designer/check", {"file": "intake.bpmn", "xml": changed})
    assert checked.status_code == 200 and checked.json == {"deployable": True, "problems": []}
    deployed = post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": changed})
    assert deployed.status_code == 200
    assert deployed.json["versions"] == [{"process": "intake", "version": 2, "status": "deployed",
                                          "url": "/designer/processes/intake"}]
    assert versions(app) == [("intake", 2), ("intake", 1)]
    again = post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": changed})
    assert again.json["versions"][0]["status"] == "unchanged" and len(versions(app)) == 2


def without_timer() -> bytes:
    """Return the test diagram with the register task's time limit taken away."""
    text = intake_diagram()
    return text[:text.index(b"<bpmn:boundaryEvent")] + text[text.index(b'<bpmn:sequenceFlow id="f_route"'):]


@pytest.mark.parametrize("change, element, rule, words", [
    ((b' camunda:formKey="decide"', b""), "register", "user-task-form", "has no form"),
    ((b'camunda:formKey="decide"', b'camunda:formKey="nowhere"'), "register", "user-task-form", "nowhere"),
    ((b' default="f_done"', b""), "f_done", "gateway-conditions", "has no condition"),
    ((b'targetRef="forward"', b'targetRef="nowhere"'), "f_forward", "structure",
     "leads to “nowhere”, which is not an element of its process"),
    ((b' targetRef="forward"', b""), "f_forward", "structure", "leads nowhere: it has no target element"),
    ((b'id="forward"', b'id="register"'), "register", "structure", "is given to more than one element"),
    ((b"deadline(received_on, 15)", b"P15X"), "limit", "expressions", "“P15X” is not a valid ISO 8601"),
    ((b"deadline(received_on, 15)", b"R3/P1X"), "limit", "expressions", "is not a valid ISO 8601"),
    ((b"deadline(received_on, 15)", b"2026-13-01"), "limit", "expressions", "is not a valid ISO 8601"),
    ((b"deadline(received_on, 15)", b"dedline(received_on, 15)"), "limit", "expressions",
     "calls “dedline”, which is not a function diagrams may call"),
    ((b"deadline(received_on, 15)", b"deadline(received_on,"), "limit", "expressions",
     "This timer is not valid Python: the “(” is never closed (line 1)."),
    ((b"route == 'forward'", b"route = 'forward'"), "f_forward", "expressions", "This condition is not valid Python"),
    # a timer dropped on the diagram with no time chosen, which the engine calls an "Unknown Time Specification"
    ((b'<bpmn:timeDate xsi:type="bpmn:tFormalExpression">deadline(received_on, 15)</bpmn:timeDate>', b""),
     "limit", "timer", "This timer has no time: under Timer choose its type"),
    # the organ a task goes to is an expression too: a broken one would stop the case when the task is made
    ((b'camunda:candidateGroups="registrar">', b'camunda:candidateGroups="registrar"><bpmn:extensionElements>'
      b'<camunda:properties><camunda:property name="organ" value="organ_of(" /></camunda:properties>'
      b"</bpmn:extensionElements>"), "register", "expressions", "This property organ is not valid Python"),
])
def test_check_names_the_element_of_each_problem(client, change, element, rule, words):
    sign_in(client, "designer")
    xml = intake_diagram().replace(*change).decode()
    answer = post_json(client, "/designer/check", {"file": "intake.bpmn", "xml": xml})
    assert answer.status_code == 200 and answer.json["deployable"] is False
    found = [p for p in answer.json["problems"] if p["rule"] == rule and (element is None or p["element"] == element)]
    assert found and words in found[0]["text"], answer.json["problems"]
    # said once, by the rule that knows it, not again in the engine's words about a neighbour
    assert not [p for p in answer.json["problems"] if p["rule"] == "engine"], answer.json["problems"]


@pytest.mark.parametrize("change, text", [
    ((b"deadline(received_on, 15)", "deadline(received_on，15)".encode()),
     "此计时器不是有效的 Python 代码：不能使用字符“，”（U+FF0C）；逗号、括号和引号请用半角（英文）字符（第 1 行）。"),
    ((b"deadline(received_on, 15)", b"deadline(received_on 15)"),
     "此计时器不是有效的 Python 代码：语法错误，可能漏了逗号（第 1 行）。"),
    ((b"route == 'forward'", b"route = 'forward'"), "此条件不是有效的 Python 代码：语法错误（第 1 行）。"),
])
def test_a_syntax_error_is_said_in_chinese(client, change, text):
    # Python words its syntax errors in English; a Chinese page says them in Chinese.
    sign_in(client, "designer", lang="zh_CN")
    xml = intake_diagram().replace(*change).decode()
    problems = post_json(client, "/designer/check", {"file": "intake.bpmn", "xml": xml}).json["problems"]
    assert [p["text"] for p in problems if p["rule"] == "expressions"] == [text]


def test_a_deployed_process_in_a_file_of_another_name_is_said_in_words_and_not_deployed(app, client):
    # A copy exported under another name would make a second source of the same process.
    sign_in(client, "designer", lang="zh_CN")
    copy = {"file": "intake_copy.bpmn", "xml": intake_diagram().decode()}
    problems = post_json(client, "/designer/check", copy).json["problems"]
    assert [(p["element"], p["text"]) for p in problems] == [
        ("intake", "流程“intake”已由文件“intake.bpmn”部署。要修改它，请打开那个文件；"
                   "如要另建一个流程，请给本流程另起一个 ID。")]
    assert post_json(client, "/designer/deploy", copy).status_code == 422 and len(versions(app)) == 1


def test_a_task_offered_to_no_role_is_said_and_not_deployed(app, client):
    sign_in(client, "designer", lang="zh_CN")
    xml = intake_diagram().decode().replace('camunda:candidateGroups="registrar"', 'camunda:candidateGroups="登记员"')
    problems = post_json(client, "/designer/check", {"file": "intake.bpmn", "xml": xml}).json["problems"]
    assert [(p["element"], p["text"]) for p in problems] == [
        ("register", "此任务分派给“登记员”，但它不是本系统的角色（registrar, handler, head, reviewer, supervisor, "
                     "petitioner）：没有人能办理它。")]
    answer = post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": xml})
    assert answer.status_code == 422 and answer.json["problems"][0]["element"] == "register"
    assert len(versions(app)) == 1


@pytest.mark.parametrize("timer", ["P15D", "PT12H", "R3/P1D", "2026-12-01T09:00:00+08:00", "2026-12-01",
                                   "remind_before(deadline(received_on, 15), 3)", "due_at", "max(due_at, today())"])
def test_timers_a_modeller_writes_check_clean(client, timer):
    sign_in(client, "designer")
    xml = intake_diagram(timer=timer).decode()
    answer = post_json(client, "/designer/check", {"file": "intake.bpmn", "xml": xml})
    assert answer.json == {"deployable": True, "problems": []}


@pytest.mark.parametrize("xml, text", [
    ("<html><body>hi</body></html>",
     "这不是 BPMN 2.0 文件：其根元素不是 bpmn:definitions。请从建模器将流程图导出为 BPMN 2.0 XML。"),
    ("<x>" + "a" * MAX_DIAGRAM_BYTES + "</x>", f"文件超过 {MAX_DIAGRAM_BYTES // 1024} KB。"),
])
def test_check_says_what_is_wrong_with_the_whole_file_in_chinese(client, xml, text):
    sign_in(client, "designer", lang="zh_CN")
    answer = post_json(client, "/designer/check", {"file": "intake.bpmn", "xml": xml})
    assert answer.json["deployable"] is False
    assert [(p["file"], p["element"], p["text"]) for p in answer.json["problems"]] == [("intake.bpmn", None, text)]


def test_check_says_a_broken_timer_and_a_dangling_flow_in_chinese(client):
    sign_in(client, "designer", lang="zh_CN")
    xml = intake_diagram(timer="P15X").replace(b'targetRef="forward"', b'targetRef="nowhere"').decode()
    problems = post_json(client, "/designer/check", {"file": "intake.bpmn", "xml": xml}).json["problems"]
    assert {(p["element"], p["text"]) for p in problems} == {
        ("limit", "计时器 “P15X” 不是有效的 ISO 8601 日期（2026-12-01T09:00:00+08:00）、"
                  "时长（P15D、PT12H）或循环（R3/P1D）。"),
        ("f_forward", "此顺序流指向 “nowhere”，但它不是本流程中的元素（请在图上连接顺序流的两端）。")}


def test_a_statutory_stage_without_its_timer_is_not_deployable(app, client):
    sign_in(client, "designer")
    answer = post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": without_timer().decode()})
    assert answer.status_code == 422
    assert any(p["element"] == "register" and p["rule"] == "statutory-timer" and "statutory stage" in p["text"]
               for p in answer.json["problems"])
    assert versions(app) == [("intake", 1)]


@pytest.mark.parametrize("content, words", REFUSED)
def test_deploy_refuses_dangerous_or_broken_xml_and_changes_nothing(app, client, content, words):
    sign_in(client, "designer")
    answer = post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": content.decode()})
    assert answer.status_code == 422 and words in answer.json["problems"][0]["message"]
    assert "root:" not in answer.get_data(as_text=True)  # /etc/passwd was never read
    assert versions(app) == [("intake", 1)]


@pytest.mark.parametrize("content, words", REFUSED)
def test_upload_refuses_dangerous_or_broken_xml(app, client, content, words):
    sign_in(client, "designer")
    said = upload_refusal(client, upload(client, "evil.bpmn", content))
    assert said.startswith("The diagram evil.bpmn was not accepted: ") and words in said
    assert client.get("/designer/").get_data(as_text=True).count("evil.bpmn") == 0


def test_a_broken_upload_says_once_where_its_xml_breaks_in_the_page_s_language(client):
    sign_in(client, "designer")
    client.get("/designer/?lang=zh_CN")
    said = upload_refusal(client, upload(client, "broken.bpmn", b"<bpmn:definitions xmlns:bpmn='x'><oops"))
    assert said.count("其 XML 在第 1 行第 39 列出错") == 1
    assert "Start Tag" not in said  # the XML parser's own English words
    client.get("/designer/?lang=en")
    said = upload_refusal(client, upload(client, "broken.bpmn", b"<bpmn:definitions xmlns:bpmn='x'><oops"))
    assert said.count("its XML breaks at line 1, column 39") == 1
    said = upload_refusal(client, upload(client, "evil.bpmn", XXE))
    assert said.count("The file declares a DOCTYPE or an entity") == 1


def test_an_uploaded_desktop_diagram_becomes_a_draft_and_deploys(app, client):
    sign_in(client, "designer")
    desktop = intake_diagram(task="桌面版").replace(b'id="intake"', b'id="intake_desktop"').replace(
        b'bpmnElement="intake"', b'bpmnElement="intake_desktop"')
    answer = upload(client, "desk.bpmn", desktop)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/designer/diagrams/desk.bpmn")
    page = client.get("/designer/diagrams/desk.bpmn").get_data(as_text=True)
    assert "intake_desktop" in page and "Draft" in page
    deployed = post_json(client, "/designer/deploy", {"file": "desk.bpmn", "xml": desktop.decode()})
    assert deployed.json["versions"][0]["process"] == "intake_desktop"
    started = client.post("/designer/processes/intake_desktop/test-instances", data={
        "csrf_token": "t", "version": 1, "business_key": "desk-1", "data": '{"received_on": "2026-03-02"}'})
    assert started.status_code == 302
    page = client.get("/designer/processes/intake_desktop").get_data(as_text=True)
    assert "desk-1" in page and "Running" in page  # it runs: waiting at its first user task
    assert "No drafts" in client.get("/designer/").get_data(as_text=True)  # the deploy took the draft's place


def test_a_draft_is_kept_reopened_and_discarded(client):
    sign_in(client, "designer")
    saved = post_json(client, "/designer/diagrams/intake.bpmn/draft", {"xml": intake_diagram(task="Drafting").decode()})
    assert saved.status_code == 200 and saved.json["updated_by"] == "designer"
    assert "Drafting" in client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)
    assert "intake.bpmn" in client.get("/designer/").get_data(as_text=True)
    client.post("/designer/diagrams/intake.bpmn/discard", data={"csrf_token": "t"})
    assert "Drafting" not in client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)


def test_a_draft_must_be_safe_xml(client):
    sign_in(client, "designer")
    answer = post_json(client, "/designer/diagrams/intake.bpmn/draft", {"xml": XXE.decode()})
    assert answer.status_code == 422 and "DOCTYPE" in answer.json["problems"][0]["message"]


def test_a_new_process_starts_from_a_laid_out_draft(client):
    sign_in(client, "designer")
    answer = client.post("/designer/new", data={"csrf_token": "t", "process_id": "complaint", "name": "投诉"})
    assert answer.headers["Location"].endswith("/designer/diagrams/complaint.bpmn")
    page = client.get("/designer/diagrams/complaint.bpmn").get_data(as_text=True)
    assert "complaint_task" in page and "BPMNShape" in page
    clash = client.post("/designer/new", data={"csrf_token": "t", "process_id": "intake", "name": "x"})
    assert clash.status_code == 422


@pytest.mark.parametrize("username, status", [("handler", 403), ("admin", 200), ("designer", 200)])
def test_only_designers_and_admins_check_and_deploy(app, client, username, status):
    sign_in(client, username)
    xml = intake_diagram(task="改名").decode()
    assert client.get("/designer/").status_code == status
    answer = post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": xml})
    assert answer.status_code == status
    assert versions(app)[0] == (("intake", 2) if status == 200 else ("intake", 1))


def test_a_stranger_is_asked_to_sign_in(client):
    with client.session_transaction() as session:
        session["csrf_token"] = "t"
    assert post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": "<x/>"}).status_code == 401


def test_the_download_is_the_deployed_file(app, client):
    sign_in(client, "designer")
    with app.app_context():
        definition_id = list_versions("intake")[0].id
    answer = client.get(f"/designer/versions/{definition_id}/diagrams/intake.bpmn/download")
    assert answer.status_code == 200 and 'filename="intake.bpmn"' in answer.headers["Content-Disposition"]
    assert answer.data == intake_diagram()


def test_the_studio_speaks_chinese_to_a_chinese_session(client):
    sign_in(client, "designer", lang="zh_CN")
    assert "共 0 个，未结 0 个" in client.get("/designer/").get_data(as_text=True)
    page = client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)
    assert "检查结果" in page and "法定期限的截止时刻" in page
    xml = intake_diagram().replace(b' camunda:formKey="decide"', b"").decode()
    problems = post_json(client, "/designer/check", {"file": "intake.bpmn", "xml": xml}).json["problems"]
    assert problems[0]["text"] == "此用户任务没有表单（camunda:formKey）。" and problems[0]["source"] == "设计规则"


def test_the_modeller_names_element_types_and_the_lint_button_in_chinese(client):
    import json
    import re

    sign_in(client, "designer", lang="zh_CN")
    page = client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)
    config = json.loads(re.search(r'<script type="application/json" id="designer-config">(.*?)</script>',
                                  page, re.S).group(1))
    words = config["translations"]
    # bpmn-js's properties panel asks for the type as "User Task", "Timer Boundary Event", …
    assert words["User Task"] == "用户任务" and words["Timer Boundary Event"] == "计时边界事件"
    assert words["Expanded Sub Process"] == "展开子流程" and words["Collaboration"] == "协作"
    assert words["No Issues"] == "没有问题"
    assert words["{errors} Errors, {warnings} Warnings"] == "{errors} 个错误，{warnings} 个警告"


def test_every_function_a_diagram_may_call_has_help_in_both_languages():
    from processes.functions import FUNCTIONS
    from web.designer.wording import FUNCTION_HELP

    # a function without an entry shows its English docstring on a Chinese page
    assert sorted(set(FUNCTIONS) - set(FUNCTION_HELP)) == []


def page_draft_stamp(client, file: str = "intake.bpmn"):
    import json
    import re

    page = client.get(f"/designer/diagrams/{file}").get_data(as_text=True)
    return json.loads(re.search(r'id="designer-config">(.*?)</script>', page, re.S).group(1))["draftToken"]


def test_a_draft_saved_by_someone_else_meanwhile_is_not_overwritten_unasked(app, client):
    sign_in(client, "designer", lang="zh_CN")
    first = post_json(client, "/designer/diagrams/intake.bpmn/draft", {"xml": intake_diagram(task="Mine-one").decode()})
    opened = page_draft_stamp(client)
    assert opened == first.json["token"]
    other = app.test_client()
    sign_in(other, "admin")
    assert post_json(other, "/designer/diagrams/intake.bpmn/draft",
                     {"xml": intake_diagram(task="Theirs-one").decode(), "based_on": opened}).status_code == 200

    mine = {"xml": intake_diagram(task="Mine-two").decode(), "based_on": opened}
    refused = post_json(client, "/designer/diagrams/intake.bpmn/draft", mine)
    assert refused.status_code == 409 and refused.json["error"] == "draft_changed"
    message = refused.json["message"]
    assert message.startswith("admin 在本页打开之后，于 ") and "intake.bpmn 的另一份草稿" in message
    assert "Theirs-one" in client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)  # nothing changed
    deploy = post_json(client, "/designer/deploy", {"file": "intake.bpmn", **mine})
    assert deploy.status_code == 409 and versions(app) == [("intake", 1)]
    assert "Theirs-one" in client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)  # the deploy kept it too

    replaced = post_json(client, "/designer/diagrams/intake.bpmn/draft", {**mine, "replace": True})
    assert replaced.status_code == 200
    assert "Mine-two" in client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)
    again = post_json(client, "/designer/diagrams/intake.bpmn/draft", {**mine, "based_on": replaced.json["token"]})
    assert again.status_code == 200  # one's own saves follow one another without a question


def test_a_page_without_a_draft_is_asked_before_a_draft_made_meanwhile_is_replaced(app, client):
    sign_in(client, "designer")
    assert page_draft_stamp(client) is None  # the deployed text, no draft
    other = app.test_client()
    sign_in(other, "admin")
    post_json(other, "/designer/diagrams/intake.bpmn/draft", {"xml": intake_diagram(task="Theirs").decode()})
    refused = post_json(client, "/designer/diagrams/intake.bpmn/draft",
                        {"xml": intake_diagram(task="Mine").decode(), "based_on": None})
    assert refused.status_code == 409 and "admin saved another draft of intake.bpmn" in refused.json["message"]


def test_an_upload_does_not_replace_a_draft_unless_asked(client):
    sign_in(client, "designer", lang="zh_CN")
    post_json(client, "/designer/diagrams/intake.bpmn/draft", {"xml": intake_diagram(task="Unfinished").decode()})
    said = upload_refusal(client, upload(client, "intake.bpmn", intake_diagram(task="Desktop")))
    assert said.startswith("intake.bpmn 已有一份草稿（designer 于 ") and "替换其草稿" in said
    assert "Unfinished" in client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)

    replaced = upload(client, "intake.bpmn", intake_diagram(task="Desktop"), replace=True)
    assert replaced.status_code == 302 and replaced.headers["Location"].endswith("/designer/diagrams/intake.bpmn")
    assert "Desktop" in client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)
