"""The instance list (filters, counts, paging) and the instance page (diagram data, timers, history)."""
from __future__ import annotations

import json
import re
from datetime import timedelta


from engine import db
from engine.instances import resume_instance, start_instance, suspend_instance, update_data
from engine.timers import advance_clock
from tests.web.admin_client import sign_in, text


def _listed(response) -> list[int]:
    return [int(n) for n in re.findall(r'name="ids" value="(\d+)"', response.data.decode())]


def test_the_list_counts_instances_by_status_and_filters_them(client, cases):
    page = text(client.get("/admin/instances"))
    assert "运行中 2" in page and "出错 1" in page and "全部 3" in page and "已挂起 0" in page
    assert _listed(client.get("/admin/instances?status=error")) == [cases["failed"]]
    assert _listed(client.get("/admin/instances?key=XF-TEST-3")) == [cases["called"]]
    assert _listed(client.get("/admin/instances?text=division")) == [cases["failed"]]
    assert _listed(client.get("/admin/instances?process=console_case&version=1")) == sorted(cases.values(),
                                                                                             reverse=True)
    assert _listed(client.get("/admin/instances?process=console_case&version=2")) == []


def test_the_process_filter_names_each_process_in_the_page_s_language(client, cases):
    options = re.findall(r'<option value="console_case"[^>]*>([^<]*)</option>',
                         client.get("/admin/instances?lang=en").data.decode())
    assert options == ["Check (console_case)"]
    assert "核查 (console_case)" in text(client.get("/admin/instances?lang=zh_CN"))


def test_the_organ_filter_keeps_cases_with_a_task_or_petition_there(client, cases):
    assert _listed(client.get("/admin/instances?organ=JN-QS-LX-RSJ")) == [cases["waiting"]]
    response = client.get("/admin/instances?organ=NOWHERE")
    assert "没有该代码的机关" in text(response) and len(_listed(response)) == 3


def test_the_date_filter_and_a_filter_it_cannot_read(client, cases):
    assert len(_listed(client.get("/admin/instances?started_from=2026-01-05&started_to=2026-01-05"))) == 3
    assert _listed(client.get("/admin/instances?started_to=2026-01-04")) == []
    response = client.get("/admin/instances?started_from=yesterday")
    assert "部分筛选条件无法识别" in text(response) and len(_listed(response)) == 3


def test_overdue_finds_a_held_case_whose_limit_passed(app, client, cases):
    with app.app_context():
        suspend_instance(cases["waiting"], "admin", "hold")
        db.session.commit()
        advance_clock(by=timedelta(days=20))
    assert _listed(client.get("/admin/instances?overdue=1")) == [cases["waiting"]]


def test_pages_of_twenty(app, client):
    with app.app_context():
        for number in range(23):
            start_instance("console_review", f"XF-P-{number:02d}", {}, "admin")
        db.session.commit()
    sign_in(client)
    first = client.get("/admin/instances?per_page=20")
    assert len(_listed(first)) == 20 and "第 1 页，共 2 页" in text(first)
    second = client.get("/admin/instances?per_page=20&page=2")
    assert len(_listed(second)) == 3 and 'rel="prev"' in second.data.decode()


def _payload(response) -> dict:
    found = re.search(r'<script type="application/json" id="diagram-data">(.*?)</script>', response.data.decode(),
                      re.DOTALL)
    return json.loads(found.group(1))


def test_the_instance_page_names_its_processes_in_the_page_s_language(client, cases):
    english = client.get(f"/admin/instances/{cases['waiting']}?lang=en")
    assert re.search(r"<h1>Instance #\d+ · Check <span", english.data.decode())
    assert _payload(english)["names"] == {"console_case": "Check", "console_review": "Review"}
    assert _payload(english)["labels"]["calledTitle"] == "Called processes:"
    chinese = client.get(f"/admin/instances/{cases['waiting']}?lang=zh_CN")
    assert re.search(r"<h1>实例 #\d+ · 核查 <span", chinese.data.decode())
    assert _payload(chinese)["names"] == {"console_case": "核查", "console_review": "复核"}
    assert _payload(chinese)["labels"]["calledTitle"] == "被调用流程："


def test_the_instance_page_carries_the_diagram_and_where_the_case_stands(client, cases):
    response = client.get(f"/admin/instances/{cases['waiting']}")
    payload = _payload(response)
    assert set(payload["sources"]) == {"console_case.bpmn", "console_review.bpmn"}
    trail = payload["trails"]["console_case"]
    assert trail["completed"] == ["start", "prepare", "gw"] and trail["active"] == ["check"]
    assert trail["waiting_timers"] == ["limit"]
    assert payload["timers"] == [{"element": "limit", "due": "2026-01-20 24:00", "provisional": False}]
    page = text(response)
    assert "案件所处位置" in page and "15日期限" in page and "核查事项" in page
    assert "2026-01-20 24:00" in page and "自 2026-01-05 起 15 日（自然日）" in page  # the last day ends at 24:00
    assert "2026-01-21 00:00" not in page  # not the next day, as if one more day were given
    assert "核查事项的期限" in page
    assert "admin 案件启动" in page  # the history says who started it


def test_a_failed_instance_shows_its_error_and_a_called_process_its_own_trail(client, cases):
    failed = client.get(f"/admin/instances/{cases['failed']}")
    assert _payload(failed)["trails"]["console_case"]["errors"] == ["compute"]
    assert "compute" in text(failed) and "division by zero" in text(failed) and "重试" in text(failed)
    called = _payload(client.get(f"/admin/instances/{cases['called']}"))["trails"]
    assert called["console_case"]["active"] == ["call_review"] and called["console_review"]["active"] == ["review"]


def test_an_unknown_instance_is_a_page_in_chinese(client, cases):
    response = client.get("/admin/instances/999")
    assert response.status_code == 404 and "该案件不存在" in text(response)


def test_a_case_whose_state_cannot_be_read_still_shows_what_was_saved(app, client, cases):
    with app.app_context():
        from engine.instances import get_instance

        get_instance(cases["waiting"]).state = b"not a saved state"  # as a botched restore would leave it
        db.session.commit()
    response = client.get(f"/admin/instances/{cases['waiting']}")
    page = text(response)
    assert response.status_code == 200 and "无法读取该案件保存的运行状态" in page
    assert "15日期限" in page and "admin 案件启动" in page  # timers and history as last saved


def test_the_history_shows_details_in_plain_chinese_and_times_in_china_standard_time(app, client, cases):
    with app.app_context():
        suspend_instance(cases["waiting"], "admin", "hold")
        update_data(cases["waiting"], {"note": "材料齐全"}, "admin", "补充说明")
        db.session.commit()
        resume_instance(cases["waiting"], "admin", "go on")
        db.session.commit()
        advance_clock(by=timedelta(days=20))  # the 15-day limit fires
    response = client.get(f"/admin/instances/{cases['waiting']}")
    page = text(response)
    assert '"after": {"note": "材料齐全"}' in page
    assert "\\u" not in page
    # 16:00 UTC the day before, told in Beijing time as the end of the last day, and the rule in words
    assert "届满时间 2026-01-20 24:00 · 自 2026-01-05 起 15 日（自然日）" in page


def test_a_limit_that_lets_its_task_go_on_is_called_a_limit_and_its_reminder_a_reminder(app, client, cases):
    from engine.definitions import deploy
    from tests.console_data import CONSOLE_CASE

    watched = CONSOLE_CASE.replace(  # as the shipped diagrams do: the limit opens supervision, the task goes on
        '<bpmn:boundaryEvent id="limit" name="15日期限" attachedToRef="check">',
        '<bpmn:boundaryEvent id="limit" name="15日期限" attachedToRef="check" cancelActivity="false">').replace(
        '<bpmn:sequenceFlow id="f7"',
        '<bpmn:boundaryEvent id="remind" name="期限前3日提醒" attachedToRef="check" cancelActivity="false">'
        '<bpmn:timerEventDefinition><bpmn:timeDate>remind_before(deadline(received_on, 15), 3)</bpmn:timeDate>'
        '</bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:sequenceFlow id="f7"')
    with app.app_context():
        deploy({"console_case.bpmn": watched.encode()}, "designer")
        instance_id = start_instance("console_case", "XF-TEST-9", {"received_on": "2026-01-05", "mode": "plain"},
                                     "admin").id
        db.session.commit()
    html = client.get(f"/admin/instances/{instance_id}").data.decode()
    rows = [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)]
    assert [row for row in rows if row.startswith("期限前3日提醒 remind")][0].endswith("核查事项的提醒")
    assert [row for row in rows if row.startswith("15日期限 limit")][0].endswith("核查事项的期限")


def test_the_overview_counts_in_english_singular_and_plural(app, client, cases):
    with app.app_context():
        suspend_instance(cases["waiting"], "admin", "hold")
        db.session.commit()
        advance_clock(by=timedelta(days=20))  # the held case's 15-day timer is past its time
    page = text(client.get("/admin/?lang=en"))
    assert "1 case holds a timer past its time (suspended or failed)." in page
    assert "1 task is past its statutory limit." in page and "0 deadlines are provisional" in page
    assert "1 件案件有已过期未触发的计时器（已挂起或出错）。" in text(client.get("/admin/?lang=zh_CN"))


def test_a_task_past_its_due_time_is_marked_late_on_the_instance_page(app, client, cases):
    url = f"/admin/instances/{cases['waiting']}?lang=zh_CN"
    assert "task-late" not in client.get(url).data.decode()
    with app.app_context():
        suspend_instance(cases["waiting"], "admin", "hold")  # its limit waits with it
        db.session.commit()
        advance_clock(by=timedelta(days=20))
        db.session.commit()
    html = client.get(url).data.decode()
    box = html[html.index('class="task-box"'):]
    assert re.search(r'<dt>期限</dt><dd>2026-01-20 24:00 <span class="badge bad task-late">超期</span></dd>', box)
