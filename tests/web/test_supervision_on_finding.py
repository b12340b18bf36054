"""A supervisor opens supervision on the case page on what she found (Art. 40 ¶1): the form keeps what
was typed when refused, the case goes on, the supervision letter waits in her tasks."""
from __future__ import annotations

import re

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import ready_tasks, submit_online, work_until
from tests.web.test_task_form_context import today_of

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL

FINDINGS = "受理后四十日未开展调查，承办人称等待领导批示，存在拖延。"


def _in_handling(app) -> str:
    number, _code = submit_online(app.test_client())
    work_until(app, number, "check_recusal", today_of(app))  # the handling has begun
    return number


def _text(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page)


def _section(page: str) -> str:
    found = re.search(r'<section class="card" id="supervise">.*?</section>', page, re.S)
    return found.group(0) if found else ""


def test_a_supervisor_opens_supervision_and_the_handling_goes_on(app):
    number = _in_handling(app)
    supervisor = app.test_client()
    sign_in(supervisor, "supervisor")
    section = _section(supervisor.get(f"/tasks/case/{number}").get_data(as_text=True))
    assert "启动督办" in section and "第四十条" in section
    handling_organ = re.search(r'<option value="([^"]+)" selected>', section).group(1)

    refused = supervisor.post(f"/tasks/case/{number}/supervise",
                              data={"csrf_token": "t", "supervised_organ": handling_organ, "findings": "  "})
    assert refused.status_code == 422
    again = _section(refused.get_data(as_text=True))
    assert "请写明发现的问题：该机关做了什么或没有做什么，自何时起。" in again
    assert f'<option value="{handling_organ}" selected>' in again  # the choice is kept

    opened = supervisor.post(f"/tasks/case/{number}/supervise",
                             data={"csrf_token": "t", "supervised_organ": handling_organ, "findings": FINDINGS})
    assert opened.status_code == 302 and opened.headers["Location"].endswith("#supervise")
    steps = {row[1] for row in ready_tasks(app, number)}
    assert {"check_recusal", "issue_supervision_letter"} <= steps  # the handling goes on beside it
    page = supervisor.get(f"/tasks/case/{number}").get_data(as_text=True)
    assert "已启动督办。请在您的任务中拟定督办函" in page
    assert 'id="supervision-closed"' in _section(page)  # once in this procedure
    assert "收到：请求督办" in _text(page) and FINDINGS in page  # the timeline: who asked and why

    twice = supervisor.post(f"/tasks/case/{number}/supervise",
                            data={"csrf_token": "t", "supervised_organ": handling_organ, "findings": FINDINGS})
    assert twice.status_code == 409 and "未作任何记录" in twice.get_data(as_text=True)


def test_the_letter_shows_the_finding_and_staff_who_are_not_supervisors_see_no_form(app):
    number = _in_handling(app)
    supervisor = app.test_client()
    sign_in(supervisor, "supervisor", lang="en")
    section = _section(supervisor.get(f"/tasks/case/{number}").get_data(as_text=True))
    organ = re.search(r'<option value="([^"]+)" selected>', section).group(1)
    assert "Open supervision" in section
    supervisor.post(f"/tasks/case/{number}/supervise",
                    data={"csrf_token": "t", "supervised_organ": organ, "findings": FINDINGS})
    assert "Received: Request under Art. 40" in _text(supervisor.get(f"/tasks/case/{number}").get_data(as_text=True))
    (letter,) = [row[0] for row in ready_tasks(app, number) if row[1] == "issue_supervision_letter"]
    form = supervisor.get(f"/tasks/{letter}").get_data(as_text=True)
    assert FINDINGS in form
    assert "Shirking, delay or the like found by the petition department" in form

    registrar = app.test_client()
    sign_in(registrar, "registrar")
    assert _section(registrar.get(f"/tasks/case/{number}").get_data(as_text=True)) == ""
    refused = registrar.post(f"/tasks/case/{number}/supervise",
                             data={"csrf_token": "t", "supervised_organ": organ, "findings": FINDINGS})
    assert refused.status_code == 403


def test_the_letter_issued_appears_in_the_supervision_ledger_awaiting_feedback(app):
    from tests.web.journey import fill

    number = _in_handling(app)
    supervisor = app.test_client()
    sign_in(supervisor, "supervisor", lang="en")
    assert "Supervision ledger" in supervisor.get("/tasks/").get_data(as_text=True)
    empty = supervisor.get("/tasks/supervision").get_data(as_text=True)
    assert "No supervision letter in this list." in empty
    section = _section(supervisor.get(f"/tasks/case/{number}").get_data(as_text=True))
    organ = re.search(r'<option value="([^"]+)" selected>', section).group(1)
    supervisor.post(f"/tasks/case/{number}/supervise",
                    data={"csrf_token": "t", "supervised_organ": organ, "findings": FINDINGS})
    ((letter, form),) = [(row[0], row[3]) for row in ready_tasks(app, number) if row[1] == "issue_supervision_letter"]
    supervisor.post(f"/tasks/{letter}/claim", data={"csrf_token": "t"})
    assert supervisor.post(f"/tasks/{letter}", data=fill(form, today_of(app))).status_code == 302

    page = _text(supervisor.get("/tasks/supervision").get_data(as_text=True))
    assert "Supervision ledger 2026" in page and number in page
    assert "Shirking, delay or the like found by the petition department" in page
    assert "Awaiting written feedback" in page
    assert "No supervision letter in this list." in supervisor.get("/tasks/supervision?state=closed").get_data(
        as_text=True)
    chinese = app.test_client()
    sign_in(chinese, "supervisor")
    assert "待书面反馈" in chinese.get("/tasks/supervision").get_data(as_text=True)
    handler = app.test_client()
    sign_in(handler, "handler")
    assert handler.get("/tasks/supervision").status_code == 403
    assert "督办台账" not in handler.get("/tasks/").get_data(as_text=True)
