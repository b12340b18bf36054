"""The console's history says what a completed step recorded by its form's words, the raw data at hand."""
from __future__ import annotations

import re

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import ready_tasks, submit_online, work_until
from tests.web.test_task_form_context import today_of

app = diagrams.app  # the real app with bpmn/ and forms/ deployed, on SQLite and PostgreSQL


def _instance_id(app, number: str) -> int:
    from processes.petitions import find_by_number

    with app.app_context():
        return int(find_by_number(number).instance_id)


def test_a_completed_step_is_shown_by_its_fields_titles_and_answers(app):
    number, _code = submit_online(app.test_client())
    work_until(app, number, "notify_acceptance", today_of(app))  # the organ decided to accept
    assert "notify_acceptance" in {step for _id, step, _g, _f in ready_tasks(app, number)}
    admin = app.test_client()
    sign_in(admin, "admin")
    page = admin.get(f"/admin/instances/{_instance_id(app, number)}").get_data(as_text=True)
    assert re.search(r'<span title="accept">属于本机关职权范围，予以受理</span>：是</li>', page)
    assert "保存的原始数据" in page  # the data as saved stays one click away
    assert re.search(r'<span title="handling_organ">[^<]+</span>：柳溪县人力资源和社会保障局</li>', page)  # by name
    english = app.test_client()
    sign_in(english, "admin", lang="en")
    page = english.get(f"/admin/instances/{_instance_id(app, number)}").get_data(as_text=True)
    assert re.search(r'<span title="accept">Within this organ&#39;s authority: accept</span>: Yes</li>', page)


def test_the_desk_case_page_leads_an_administrator_back_to_the_console(app):
    number, _code = submit_online(app.test_client())
    admin = app.test_client()
    sign_in(admin, "admin")
    page = admin.get(f"/tasks/case/{number}").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)" id="to-console">在管理控制台中查看本案</a>', page).group(1)
    assert link == f"/admin/instances/{_instance_id(app, number)}" and admin.get(link).status_code == 200
    registrar = app.test_client()
    sign_in(registrar, "registrar")
    assert 'id="to-console"' not in registrar.get(f"/tasks/case/{number}").get_data(as_text=True)
