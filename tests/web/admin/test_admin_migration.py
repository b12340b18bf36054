"""Migrating from the console: the page shows the two versions, what differs and where each case stands first."""
from __future__ import annotations

import re

import json

from engine import db
from engine.definitions import deploy
from engine.history import history_for
from engine.instances import get_instance
from tests.console_data import CONSOLE_CASE_REVISED as REVISED
from tests.console_data import CONSOLE_REVIEW
from tests.console_data import CONSOLE_CASE_WITHOUT_CHECK as WITHOUT_CHECK
from tests.web.admin_client import errors, post, text

def _deploy(app, diagram: str, file: str = "console_case.bpmn") -> int:
    with app.app_context():
        (row,) = [row for row in deploy({file: diagram.encode()}, "designer").deployed if row.process == "console_case"]
        db.session.commit()
        return row.version


def _tabs(page: str) -> list[str]:
    """Return the page's tabs of diagrams as text."""
    return [" ".join(re.sub(r"<[^>]+>", " ", tab).split()) for tab in re.findall(r'<button[^>]*role="tab".*?</button>',
                                                                                    page, re.DOTALL)]


def _drawn(page: str) -> list[dict]:
    """Return the diagrams the page hands to its viewers."""
    config = re.search(r'<script type="application/json" id="diff-config">(.*?)</script>', page, re.DOTALL).group(1)
    return json.loads(config)["diagrams"]


def _rows(page: str, table: str) -> list[str]:
    """Return the rows of a table of the page as text."""
    body = re.search(rf'<table[^>]*class="{table}".*?</table>', page, flags=re.DOTALL).group(0)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in re.findall(r"<tr.*?</tr>", body, re.DOTALL)]


def _migrations(app, instance_id: int) -> list[tuple]:
    with app.app_context():
        return [(row.actor, row.reason, row.detail["from"], row.detail["to"]) for row in history_for(instance_id)
                if row.event == "migrated"]


def test_the_page_shows_the_versions_what_differs_and_where_the_case_stands_then_migrates(app, client, cases):
    version = _deploy(app, REVISED)
    url = f"/admin/instances/{cases['waiting']}/migration?version={version}"
    response = client.get(url)
    page = response.data.decode()
    assert response.status_code == 200
    assert f"迁移案件 #{cases['waiting']}：第 1 版 → 第 {version} 版" in text(response)
    versions = _rows(page, "versions-table")
    assert versions[1] == f"版本 v1 v{version}" and versions[3] == "部署人 test designer"
    assert re.fullmatch(r"内容摘要 [0-9a-f]{12} [0-9a-f]{12}", versions[4])
    changes = _rows(page, "changes")
    assert "删除 note_late console_case.bpmn 脚本任务 记录超期" in changes
    assert "新增 notify console_case.bpmn 脚本任务 告知信访人" in changes
    assert "修改 f5 console_case.bpmn 顺序流 终点： call_review → notify" in changes
    standing = _rows(page, "standing")
    assert standing[1].startswith(f"#{cases['waiting']} XF-TEST-1 可迁移 核查事项 check 待办任务 相同元素")
    assert standing[2] == "15日期限 limit 等待中的定时器 相同元素"

    done = post(client, f"/admin/instances/{cases['waiting']}/migrate", version=version, reason="增加告知步骤")
    shown = text(client.get(done.location))
    assert done.status_code == 302 and "案件已迁移到所选版本" in shown
    # the history says who, why, from and to
    assert f"admin 版本迁移 增加告知步骤 第 1 版 → 第 {version} 版" in shown
    assert _migrations(app, cases["waiting"]) == [("admin", "增加告知步骤", 1, version)]


def test_a_case_whose_task_has_no_counterpart_is_flagged_and_refused(app, client, cases):
    version = _deploy(app, WITHOUT_CHECK)
    response = client.get(f"/admin/instances/{cases['waiting']}/migration?version={version}")
    page = response.data.decode()
    standing = _rows(page, "standing")[1]
    assert standing.startswith(f"#{cases['waiting']} XF-TEST-1 被拒绝 核查事项 check 待办任务 无对应元素")
    refusal = f"第 {version} 版缺少该案件当前所处的流程元素：核查事项 (check)。请先让案件越过这些环节，或选择其他版本。"
    assert refusal in text(response) and 'id="migrate-reason"' not in page  # nothing to confirm

    refused = post(client, f"/admin/instances/{cases['waiting']}/migrate", version=version, reason="试迁移")
    assert refused.status_code == 409 and errors(refused) == [refusal]
    with app.app_context():
        assert get_instance(cases["waiting"]).version == 1
    assert _migrations(app, cases["waiting"]) == []


def test_the_page_speaks_english_when_asked(app, client, cases):
    version = _deploy(app, REVISED)
    response = client.get(f"/admin/instances/{cases['waiting']}/migration?version={version}",
                          headers={"Accept-Language": "en"})
    page = text(response)
    assert f"Migrate instance #{cases['waiting']} from v1 to v{version}" in page
    assert "Removed note_late console_case.bpmn Script task" in page
    assert "Added notify console_case.bpmn Script task" in page
    assert "Task waiting to be done same element" in page


def test_a_migration_without_a_reason_is_shown_again_with_the_error(app, client, cases):
    version = _deploy(app, REVISED)
    response = post(client, f"/admin/instances/{cases['waiting']}/migrate", version=version, reason=" ")
    assert response.status_code == 422 and errors(response) == ["请填写理由，理由将记入历史。"]
    assert "新增 notify" in text(response)


def test_a_batch_migration_shows_each_case_first_and_migrates_once_confirmed(app, client, cases):
    version = _deploy(app, WITHOUT_CHECK)
    ids = [cases["waiting"], cases["called"], cases["failed"]]
    shown = client.post("/admin/instances/batch", data={"csrf_token": "t", "ids": ids, "action": "migrate",
                                                        "reason": "统一升级"})
    page = text(shown)
    assert shown.status_code == 200 and "勾选 3 件：2 件可迁移到其流程的最新版本；1 件将被拒绝。" in page
    assert "删除 check" in page and "新增 verify" in page
    assert f"#{cases['waiting']}: 第 {version} 版缺少该案件当前所处的流程元素：核查事项 (check)" in page
    with app.app_context():
        assert [get_instance(i).version for i in ids] == [1, 1, 1]  # nothing moved yet

    done = client.post("/admin/instances/batch", data={"csrf_token": "t", "ids": ids, "action": "migrate",
                                                       "reason": "统一升级", "confirmed": "1"})
    assert "共 3 件，完成 2 件，被拒绝 1 件" in text(done)
    with app.app_context():
        assert [get_instance(i).version for i in ids] == [1, version, version]
    assert _migrations(app, cases["called"]) == [("admin", "统一升级", 1, version)]


def test_the_page_says_plainly_what_cannot_be_previewed(app, client, cases):
    assert client.get("/admin/instances/9999/migration").status_code == 404
    same = client.get(f"/admin/instances/{cases['waiting']}/migration?version=1")
    assert same.status_code == 409 and errors(same) == ["该案件已在第 1 版上运行。"]
    unknown = client.get(f"/admin/instances/{cases['waiting']}/migration?version=99")
    assert unknown.status_code == 409 and errors(unknown) == ["该流程未部署第 99 版。"]
    typed = client.get(f"/admin/instances/{cases['waiting']}/migration?version=abc")
    assert typed.status_code == 422 and "该值无效。" in errors(typed)


# The called review renamed its step and gained a note before it ends: the case standing in it gets a new version.
REVIEW_REVISED = CONSOLE_REVIEW.replace('name="复核意见"', 'name="提出复核意见"')


def test_a_case_inside_a_called_process_is_shown_on_that_process_first_and_its_own_beside(app, client, cases):
    version = _deploy(app, REVIEW_REVISED, "console_review.bpmn")
    response = client.get(f"/admin/instances/{cases['called']}/migration?version={version}")
    page = response.data.decode()
    assert response.status_code == 200
    assert _tabs(page) == ["复核 Review 案件在此 差异 1 处", "核查 Check （本流程） 案件在此"]
    review, own = _drawn(page)
    assert (review["file"], own["file"]) == ("console_review.bpmn", "console_case.bpmn")
    assert 'name="提出复核意见"' in review["new"] and 'name="提出复核意见"' not in review["old"]
    assert review["changes"] == [{"element": "review", "kind": "changed", "side": "new"}]
    assert [(entry["element"], entry["mapped"], entry["changed"]) for entry in review["standing"]] == [
        ("review", True, True)]
    assert [entry["element"] for entry in own["standing"]] == ["call_review"] and own["changes"] == []
    standing = _rows(page, "standing")
    assert "复核意见 review (复核) 待办任务 相同元素，已修改" in standing  # named by its procedure

    api = client.get(f"/api/v1/instances/{cases['called']}/migration?version={version}").get_json()
    assert [(d["file"], d["stands_here"], d["in_from"], d["in_to"], d["changes"]) for d in api["diagrams"]] == [
        ("console_review.bpmn", True, True, True, [{"element": "review", "kind": "changed"}]),
        ("console_case.bpmn", True, True, True, [])]
    assert [entry["element"] for entry in api["diagrams"][0]["standing"]] == ["review"]


def test_a_called_process_the_case_is_not_in_and_that_kept_the_same_is_named_not_drawn(app, client, cases):
    version = _deploy(app, REVISED)
    response = client.get(f"/admin/instances/{cases['waiting']}/migration?version={version}",
                          headers={"Accept-Language": "en"})
    page = response.data.decode()
    assert _tabs(page) == []  # one diagram: nothing to choose
    assert [diagram["file"] for diagram in _drawn(page)] == ["console_case.bpmn"]
    assert ("Called processes not shown, as the case is in none of them and both versions have them alike: "
            "console_review.bpmn") in text(response)
