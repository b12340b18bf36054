"""The case page and the task page say the steps of a case's history in the reader's language."""
from __future__ import annotations

import re

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import submit_online, work_until
from tests.web.test_task_form_context import task_of, today_of

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def test_an_english_history_names_the_steps_in_english(app):
    number, _code = submit_online(app.test_client())
    work_until(app, number, "decide_acceptance", today_of(app))
    english = app.test_client()
    sign_in(english, "handler", lang="en")
    for page in (f"/tasks/case/{number}", f"/tasks/{task_of(app, number, 'decide_acceptance')}"):
        html = english.get(page).get_data(as_text=True)
        assert "Step completed</strong>: Register the petition" in html, page
        assert "登记并确定处理方式" not in html  # the diagram's Chinese name of that step
    chinese = app.test_client()
    sign_in(chinese, "handler")
    assert "环节办结</strong>：登记并确定处理方式" in chinese.get(f"/tasks/case/{number}").get_data(as_text=True)


def test_a_chinese_case_page_and_task_page_take_chinese_punctuation(app):
    # They read "环节办结: 登记…", "程序: 办理", "周丽 (138…), 柳溪县…" and "(网上送达)" with the English marks.
    number, _code = submit_online(app.test_client())
    work_until(app, number, "decide_acceptance", today_of(app))
    chinese = app.test_client()
    sign_in(chinese, "handler")
    case = chinese.get(f"/tasks/case/{number}").get_data(as_text=True)
    task = chinese.get(f"/tasks/{task_of(app, number, 'decide_acceptance')}").get_data(as_text=True)
    for html in (case, task):
        assert "</strong>：" in html and "</strong>:" not in html
        assert re.search(r"周丽（1\d{10}），", html)
        assert re.search(r"送达 ?（[^）]+）", html) and not re.search(r"送达 \(", html)
    assert "程序：<strong>" in task and "当前环节：<strong>" in task
    english = app.test_client()
    sign_in(english, "handler", lang="en")
    html = english.get(f"/tasks/{task_of(app, number, 'decide_acceptance')}").get_data(as_text=True)
    assert "Procedure: <strong>" in html and re.search(r"周丽 \(1\d{10}\), ", html)


def test_the_consoles_list_names_the_steps_a_case_waits_on_in_the_readers_language(app):
    number, _code = submit_online(app.test_client())
    english = app.test_client()
    sign_in(english, "admin", lang="en")
    html = english.get(f"/admin/instances?key={number}").get_data(as_text=True)
    assert "<td class=\"small\">Register the petition</td>" in html
    assert "登记并确定处理方式" not in html
    chinese = app.test_client()
    sign_in(chinese, "admin")
    assert "<td class=\"small\">登记并确定处理方式</td>" in chinese.get(f"/admin/instances?key={number}").get_data(
        as_text=True)


def test_history_names_the_demo_and_the_system_in_the_readers_language(app):
    # The demo's cases are registered by its loader, whose actor is "demo": the desk's and the console's
    # histories showed that name as it is stored.
    from engine import db
    from engine.instances import get_instance
    from processes.case_view import instances_of
    from processes.petitions import submit_petition
    from tests.sample_petition import petition_fields

    with app.app_context():
        petition = submit_petition(petition_fields(), "demo").petition
        number = petition.registration_number
        instance_id = instances_of(petition)[0].id
        db.session.commit()
        assert get_instance(instance_id).status != "error"
    for lang, demo in (("zh_CN", "演示数据"), ("en", "Demo data")):
        desk = app.test_client()
        sign_in(desk, "registrar", lang=lang)
        html = desk.get(f"/tasks/case/{number}").get_data(as_text=True)
        assert f"· {demo}</span>" in html and "· demo</span>" not in html
        console = app.test_client()
        sign_in(console, "admin", lang=lang)
        html = console.get(f"/admin/instances/{instance_id}").get_data(as_text=True)
        history = html[html.index('id="history"'):]
        assert f'<td title="demo">{demo}</td>' in history and "<td>demo</td>" not in history


def test_the_system_and_the_petitioner_are_named_in_the_readers_language(app):
    from web.admin.details import actor_label
    from web.tasks.labels import person_name

    for lang, system, petitioner in (("zh_CN", "系统", "信访人（XF-JN-QS-LX-XFJ-2026-000001）"),
                                     ("en", "System", "The petitioner (XF-JN-QS-LX-XFJ-2026-000001)")):
        with app.test_request_context(f"/?lang={lang}"):
            assert actor_label("timer") == actor_label("engine") == person_name("timer") == system
            assert actor_label("petitioner:XF-JN-QS-LX-XFJ-2026-000001") == petitioner
            assert actor_label("registrar") == "registrar"  # a person stays as recorded: the console's usernames
