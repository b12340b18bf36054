"""Every console action on one instance, its refusals (shown inline, input kept), and the history it leaves."""
from __future__ import annotations

import json
import re

from engine import db
from engine.definitions import deploy
from engine.history import history_for
from engine.instances import get_instance
from engine.models import TimerRow
from engine.tasks import TaskQuery, list_tasks
from tests.console_data import CONSOLE_CASE
from tests.web.admin_client import errors, post, text


def _state(app, instance_id: int):
    with app.app_context():
        instance = get_instance(instance_id)
        return instance.status, instance.version, instance.data, [
            (row.event, row.actor, row.reason) for row in history_for(instance_id)]


def test_suspend_then_suspend_again_is_refused_inline_with_the_reason_kept(app, client, cases):
    url = f"/admin/instances/{cases['waiting']}/suspend"
    done = post(client, url, reason="核实材料")
    assert done.status_code == 302
    assert "案件已挂起" in text(client.get(done.location))
    status, _, _, history = _state(app, cases["waiting"])
    assert status == "suspended" and history[-1] == ("suspended", "admin", "核实材料")

    again = post(client, url, reason="再次挂起")
    assert again.status_code == 409
    assert errors(again) == ["只有运行中、等待中或出错的案件才能挂起；该案件当前为「已挂起」。"]
    assert 'value="再次挂起"' in again.data.decode()
    assert [event for event, *_ in _state(app, cases["waiting"])[3]].count("suspended") == 1


def test_every_action_needs_a_reason(app, client, cases):
    response = post(client, f"/admin/instances/{cases['waiting']}/terminate", reason="  ")
    assert response.status_code == 422 and errors(response) == ["请填写理由，理由将记入历史。"]
    assert _state(app, cases["waiting"])[0] == "running"


def test_a_reason_too_long_says_the_limit_and_is_kept(app, client, cases):
    reason = "核" * 2001
    response = post(client, f"/admin/instances/{cases['waiting']}/suspend", reason=reason)
    assert response.status_code == 422 and errors(response) == ["最多 2000 个字，现有 2001 个字。"]
    assert f'value="{reason}"' in response.data.decode() and _state(app, cases["waiting"])[0] == "running"


def test_resume_and_terminate(app, client, cases):
    post(client, f"/admin/instances/{cases['waiting']}/suspend", reason="暂停")
    assert post(client, f"/admin/instances/{cases['waiting']}/resume", reason="材料已补齐").status_code == 302
    assert _state(app, cases["waiting"])[0] == "running"
    assert post(client, f"/admin/instances/{cases['waiting']}/terminate", reason="信访人撤回").status_code == 302
    status, _, _, history = _state(app, cases["waiting"])
    assert status == "terminated" and history[-1] == ("terminated", "admin", "信访人撤回")
    with app.app_context():
        assert list_tasks(TaskQuery(instance=cases["waiting"]))[1] == 0  # its task was withdrawn
    refused = post(client, f"/admin/instances/{cases['waiting']}/resume", reason="恢复")
    assert refused.status_code == 409 and "只有已挂起的案件才能恢复" in errors(refused)[0]


def test_data_can_be_changed_only_while_suspended_and_then_the_failed_step_retried(app, client, cases):
    url = f"/admin/instances/{cases['failed']}"
    data = json.dumps({**_state(app, cases["failed"])[2], "parts": 2})
    running = post(client, f"{url}/data", data=data, reason="份数填错")
    assert running.status_code == 409
    assert errors(running) == ["只有挂起的案件才能修改数据；该案件当前为「出错」。请先挂起。"]
    assert _state(app, cases["failed"])[2]["parts"] == 0

    post(client, f"{url}/suspend", reason="更正数据")
    broken = post(client, f"{url}/data", data="{parts: 2", reason="份数填错")
    assert broken.status_code == 422 and errors(broken)[0].startswith("JSON 格式有误")
    assert "{parts: 2" in broken.data.decode()  # what was typed stays in the box
    assert post(client, f"{url}/data", data=data, reason="份数填错").status_code == 302
    status, _, values, history = _state(app, cases["failed"])
    assert values["parts"] == 2 and history[-1] == ("data_changed", "admin", "份数填错")

    post(client, f"{url}/resume", reason="数据已更正")
    assert _state(app, cases["failed"])[0] == "error"  # resuming does not run the failed step by itself
    assert post(client, f"{url}/retry", reason="数据已更正").status_code == 302
    status, _, values, history = _state(app, cases["failed"])
    assert status == "running" and values["share"] == 5 and history[-1] == ("retried", "admin", "数据已更正")


def test_a_task_is_reassigned_to_staff_only(app, client, cases):
    with app.app_context():
        (task,) = list_tasks(TaskQuery(instance=cases["waiting"]))[0]
        task_id = task.id
    url = f"/admin/instances/{cases['waiting']}/reassign"
    assert post(client, url, task=task_id, assignee="handler", reason="原承办人休假").status_code == 302
    with app.app_context():
        assert list_tasks(TaskQuery(instance=cases["waiting"]))[0][0].assignee == "handler"
    assert _state(app, cases["waiting"])[3][-1] == ("task_assigned", "admin", "原承办人休假")
    refused = post(client, url, task=task_id, assignee="admin", reason="试试")
    assert refused.status_code == 409 and errors(refused) == ["任务只能交给办理案件的工作人员。"]


def test_a_task_is_offered_and_handed_only_to_staff_who_may_work_it(app, client, cases):
    with app.app_context():
        (task,) = list_tasks(TaskQuery(instance=cases["waiting"]))[0]
        task_id = task.id
    page = client.get(f"/admin/instances/{cases['waiting']}").data.decode()
    offered = re.findall(r'<option value="([a-z_]+)"', page.split('name="assignee"')[1].split("</select>")[0])
    assert "handler" in offered and "head" not in offered and "registrar" not in offered  # its lane and organ only
    url = f"/admin/instances/{cases['waiting']}/reassign"
    refused = post(client, url, task=task_id, assignee="registrar", reason="登记员代办")
    assert refused.status_code == 409
    assert errors(refused) == ["该任务只能交给其所属岗位和机关的人员（且不得交给被举报控告机关的人员）。"]
    with app.app_context():  # it stays open to its group, in the handlers' inbox
        assert list_tasks(TaskQuery(instance=cases["waiting"]))[0][0].assignee is None


def _deploy(app, text: str) -> int:
    with app.app_context():
        version = deploy({"console_case.bpmn": text.encode()}, "designer").deployed[0].version
        db.session.commit()
        return version


def test_migrate_to_a_version_that_fits_and_be_refused_one_that_lacks_the_active_step(app, client, cases):
    renamed = _deploy(app, CONSOLE_CASE.replace('name="核查事项"', 'name="核查信访事项"'))
    page = text(client.get(f"/admin/instances/{cases['waiting']}"))
    assert f"v{renamed} · 较新 可迁移" in page
    assert post(client, f"/admin/instances/{cases['waiting']}/migrate", version=renamed,
                reason="新版本更名").status_code == 302
    assert _state(app, cases["waiting"])[1] == renamed
    assert _state(app, cases["waiting"])[3][-1] == ("migrated", "admin", "新版本更名")

    without_check = _deploy(app, CONSOLE_CASE.replace('id="check"', 'id="verify"').replace(
        'targetRef="check"', 'targetRef="verify"').replace('sourceRef="check"', 'sourceRef="verify"').replace(
        'attachedToRef="check"', 'attachedToRef="verify"').replace('bpmnElement="check"', 'bpmnElement="verify"'))
    refused = post(client, f"/admin/instances/{cases['waiting']}/migrate", version=without_check, reason="试迁移")
    assert refused.status_code == 409
    message = errors(refused)[0]
    assert message.startswith(f"第 {without_check} 版缺少该案件当前所处的流程元素")
    assert "核查信访事项 (check)" in message
    assert "limit" not in message  # the timer is still there, now on the renamed task
    assert _state(app, cases["waiting"])[1] == renamed


def test_the_deadlines_of_an_instance_are_recalculated_with_a_reason(app, client, cases):
    response = post(client, f"/admin/instances/{cases['waiting']}/recalculate", reason="节假日安排更正")
    assert response.status_code == 302 and "期限已重新计算" in text(client.get(response.location))
    assert _state(app, cases["waiting"])[3][-1] == ("timers_recalculated", "admin", "节假日安排更正")


def test_a_batch_reports_each_result_and_one_refusal_stops_nothing(app, client, cases):
    post(client, f"/admin/instances/{cases['called']}/suspend", reason="先挂起")
    ids = [cases["waiting"], cases["called"], cases["failed"]]
    response = client.post("/admin/instances/batch", data={"csrf_token": "t", "ids": ids, "action": "suspend",
                                                            "reason": "集中核查", "back": "status=running"})
    page = text(response)
    assert response.status_code == 200 and "共 3 件，完成 2 件，被拒绝 1 件" in page
    assert "只有运行中、等待中或出错的案件才能挂起；该案件当前为「已挂起」" in page
    assert [_state(app, i)[0] for i in ids] == ["suspended"] * 3
    assert _state(app, cases["waiting"])[3][-1] == ("suspended", "admin", "集中核查")


def test_a_batch_without_ticks_is_refused_on_the_list(client, cases):
    response = client.post("/admin/instances/batch", data={"csrf_token": "t", "action": "resume", "reason": "恢复",
                                                            "back": "status=suspended"})
    assert response.status_code == 422 and "请至少勾选一件案件。" in errors(response)
    assert 'value="恢复"' in response.data.decode()


def test_a_batch_migrates_each_instance_to_its_newest_version(app, client, cases):
    newest = _deploy(app, CONSOLE_CASE.replace('name="准备"', 'name="准备材料"'))
    ids = [cases["waiting"], cases["failed"]]
    response = client.post("/admin/instances/batch", data={"csrf_token": "t", "ids": ids, "action": "migrate",
                                                            "reason": "统一升级", "confirmed": "1"})
    assert "共 2 件，完成 2 件，被拒绝 0 件" in text(response)
    assert [_state(app, i)[1] for i in ids] == [newest, newest]


def test_a_retry_that_fails_again_says_so_instead_of_success(app, client, cases):
    url = f"/admin/instances/{cases['failed']}"
    response = post(client, f"{url}/retry", reason="再试一次")
    page = text(client.get(response.location))
    assert "该步骤再次出错，案件仍处于出错状态" in page and "出错的步骤已重新执行" not in page
    assert _state(app, cases["failed"])[0] == "error"
    post(client, f"{url}/suspend", reason="核查")
    page = text(client.get(post(client, f"{url}/resume", reason="继续").location))
    assert "案件已恢复，但仍停在出错的步骤上" in page


def test_a_batch_retry_that_fails_again_is_not_counted_done(app, client, cases):
    response = client.post("/admin/instances/batch", data={"csrf_token": "t", "ids": [cases["failed"]],
                                                            "action": "retry", "reason": "批量重试"})
    page = text(response)
    assert "共 1 件，完成 0 件，被拒绝 0 件" in page and "1 件仍出错" in page
    assert "仍出错 ZeroDivisionError:division by zero" in page


def test_an_ended_case_refuses_recalculation_and_data_changes_plainly(app, client, cases):
    url = f"/admin/instances/{cases['waiting']}"
    post(client, f"{url}/terminate", reason="信访人撤回")
    refused = post(client, f"{url}/recalculate", reason="节假日安排更正")
    assert refused.status_code == 409 and errors(refused) == ["状态为「已终止」的案件不能重新计算期限。"]
    with app.app_context():
        assert list_tasks(TaskQuery(instance=cases["waiting"]))[1] == 0  # nothing withdrawn came back
    data = post(client, f"{url}/data", data="{}", reason="更正")
    assert data.status_code == 409
    assert errors(data) == ["只有挂起的案件才能修改数据；该案件当前为「已终止」。请先挂起。"]
    batch = client.post("/admin/instances/batch", data={"csrf_token": "t", "ids": [cases["waiting"]],
                                                         "action": "recalculate", "reason": "节假日安排更正"})
    assert "状态为「已终止」的案件不能重新计算期限。" in text(batch)


def test_migrating_to_a_version_never_deployed_names_the_version(app, client, cases):
    response = post(client, f"/admin/instances/{cases['waiting']}/migrate", version="99", reason="升级")
    assert response.status_code == 409 and errors(response) == ["该流程未部署第 99 版。"]


def test_a_case_goes_back_to_a_step_completed_wrongly_with_a_reason(app, client, cases):
    assert 'id="rewind"' not in client.get(f"/admin/instances/{cases['waiting']}").data.decode()  # nothing done yet
    html = client.get(f"/admin/instances/{cases['called']}").data.decode()
    step = re.search(r'<select id="rewind-task" name="task"[^>]*>\s*<option value="([^"]+)"[^>]*>([^<]+)<', html)
    assert step and "handler" in step.group(2)
    url = f"/admin/instances/{cases['called']}/rewind"
    with app.app_context():
        (before,) = list_tasks(TaskQuery(instance=cases["called"]))[0]
        first_ready = before.element

    missing = post(client, url, task=step.group(1), reason=" ")
    assert missing.status_code == 422 and errors(missing) == ["请填写理由，理由将记入历史。"]
    unknown = post(client, url, task="no-such-task", reason="登记有误")
    assert unknown.status_code == 404 and 'value="登记有误"' in unknown.data.decode()
    assert [event for event, *_ in _state(app, cases["called"])[3]].count("rewound") == 0

    done = post(client, url, task=step.group(1), reason="登记有误")
    assert done.status_code == 302
    assert "案件已回退到所选环节" in text(client.get(done.location))
    status, _, _, history = _state(app, cases["called"])
    assert status == "running" and history[-1] == ("rewound", "admin", "登记有误")
    with app.app_context():
        (ready,) = list_tasks(TaskQuery(instance=cases["called"]))[0]
        assert ready.id == step.group(1) and ready.element != first_ready
    shown = text(client.get(f"/admin/instances/{cases['called']}"))
    assert "回退到已完成环节" in shown and "撤回的任务：" in shown  # in the history, with what was withdrawn


def test_data_from_which_a_waiting_deadline_cannot_be_counted_is_refused_and_kept_in_the_box(app, client, cases):
    url = f"/admin/instances/{cases['waiting']}"
    post(client, f"{url}/suspend", reason="更正收到日期")
    with app.app_context():
        due_before = [row.due_at for row in db.session.scalars(
            db.select(TimerRow).where(TimerRow.instance_id == cases["waiting"]))]
    data = json.dumps({**_state(app, cases["waiting"])[2], "received_on": "2026-13-45"})
    refused = post(client, f"{url}/data", data=data, reason="更正收到日期")
    assert refused.status_code == 409
    (said,) = errors(refused)
    assert said.startswith("按这些值无法计算计时器") and "的期限，因此未作任何修改：请更正。技术信息：" in said
    assert "2026-13-45" in refused.data.decode()  # what was typed stays in the box
    status, _, values, history = _state(app, cases["waiting"])
    assert values["received_on"] == "2026-01-05" and history[-1][0] == "suspended"
    with app.app_context():
        assert [row.due_at for row in db.session.scalars(
            db.select(TimerRow).where(TimerRow.instance_id == cases["waiting"]))] == due_before

    data = json.dumps({**_state(app, cases["waiting"])[2], "received_on": "2026-01-06"})
    assert post(client, f"{url}/data", data=data, reason="更正收到日期").status_code == 302
    with app.app_context():
        assert [row.due_at for row in db.session.scalars(
            db.select(TimerRow).where(TimerRow.instance_id == cases["waiting"]))] != due_before


def test_recounting_deadlines_that_cannot_be_counted_says_so_instead_of_done(app, client, cases):
    from SpiffWorkflow.util.task import TaskState

    from engine.runtime import load_workflow, persist

    with app.app_context():  # data saved before such values were refused
        instance = get_instance(cases["waiting"])
        workflow = load_workflow(instance)
        for task in workflow.get_tasks(state=TaskState.WAITING | TaskState.READY):
            task.data = {**task.data, "received_on": "2026-13-45"}
        persist(instance, workflow, actor="admin")
        db.session.commit()
    refused = post(client, f"/admin/instances/{cases['waiting']}/recalculate", reason="核对期限")
    assert refused.status_code == 409
    (said,) = errors(refused)
    assert said.startswith("无法按案件数据计算计时器") and "请先挂起案件并更正其数据" in said
    assert _state(app, cases["waiting"])[3][-1][0] != "timers_recalculated"
