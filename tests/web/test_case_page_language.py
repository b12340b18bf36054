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
