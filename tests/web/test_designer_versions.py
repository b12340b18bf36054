"""Versions of a process: which cases run on which, test instances, and what changed."""
from __future__ import annotations

import re

from engine.definitions import list_versions
from engine.queries import InstanceQuery, list_instances
from tests.web.test_designer_setup import (
    app_fixture,  # noqa: F401  (the app with the intake diagram)
    intake_diagram,
    post_json,
    sign_in,
)


def start_test(client, version: int, key: str, data: str = '{"received_on": "2026-03-02"}'):
    return client.post("/designer/processes/intake/test-instances",
                       data={"csrf_token": "t", "version": version, "business_key": key, "data": data})


def version_of(app, key: str) -> int:
    with app.app_context():
        rows, _total = list_instances(InstanceQuery(business_key=key))
        return rows[0].version


def row_text(page: str, version: int) -> str:
    return re.search(rf'<tr id="v{version}".*?</tr>', page, re.DOTALL).group(0)


def test_instances_stay_on_their_version_and_each_version_counts_its_own(app, client):
    sign_in(client, "designer")
    assert start_test(client, 1, "old-case").status_code == 302
    changed = intake_diagram(task="登记并转送", timer="deadline(received_on, 10)").decode()
    assert post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": changed}).status_code == 200
    answer = start_test(client, 2, "new-case")
    assert answer.headers["Location"].endswith("/designer/processes/intake#v2")
    assert (version_of(app, "old-case"), version_of(app, "new-case")) == (1, 2)
    page = client.get("/designer/processes/intake").get_data(as_text=True)
    assert "1 in all, 1 open" in row_text(page, 2) and "new-case" in row_text(page, 2)
    assert "1 in all, 1 open" in row_text(page, 1) and "old-case" in row_text(page, 1)
    assert "Running" in row_text(page, 1) and "newest" in row_text(page, 2)


def test_bad_test_data_is_refused_without_starting_anything(app, client):
    sign_in(client, "designer")
    assert start_test(client, 1, "bad", data="[1, 2]").status_code == 422
    assert start_test(client, 9, "nowhere").status_code == 404
    with app.app_context():
        assert list_instances(InstanceQuery(process="intake"))[1] == 0


def test_bad_test_data_comes_back_on_the_page_with_what_is_wrong(app, client):
    # A typo in the JSON must not lose what the designer typed on a page of its own with no way back.
    sign_in(client, "designer", lang="zh_CN")
    answer = start_test(client, 1, "my-try", data='{"received_on": "2026-03-02",}')
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422 and "启动测试实例" in page
    assert '<p class="field-error" id="data-error" role="alert">这不是有效的 JSON。</p>' in page
    assert '{&#34;received_on&#34;: &#34;2026-03-02&#34;,}</textarea>' in page and 'value="my-try"' in page
    not_an_object = start_test(client, 1, "my-try", data="[1, 2]").get_data(as_text=True)
    assert "请以 JSON 对象给出案件数据：{&#34;名称&#34;: 值}。" in not_an_object
    with app.app_context():
        assert list_instances(InstanceQuery(process="intake"))[1] == 0


def test_what_changed_between_two_versions_is_listed_by_element(app, client):
    sign_in(client, "designer")
    changed = intake_diagram(task="登记并转送", timer="deadline(received_on, 10)").decode().replace(
        '<bpmn:endEvent id="late" name="超期">', '<bpmn:endEvent id="late" name="超期，督办">')
    post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": changed})
    page = client.get("/designer/processes/intake/diff?from=1&to=2").get_data(as_text=True)
    assert "What changed from v1 to v2" in page and "Changed: 3" in page and "Added: 0" in page
    assert "<del>deadline(received_on, 15)</del> → <ins>deadline(received_on, 10)</ins>" in page
    assert "<del>登记</del> → <ins>登记并转送</ins>" in page and 'data-element="late"' in page
    assert "xinfang-viewer.js" in page
    assert "<td>Boundary event</td>" in page and "<td>User task</td>" in page and "<td>boundaryEvent</td>" not in page
    sign_in(client, "designer", lang="zh_CN")
    page = client.get("/designer/processes/intake/diff?from=1&to=2").get_data(as_text=True)
    assert "<td>边界事件</td>" in page and "<td>用户任务</td>" in page and "<td>结束事件</td>" in page
    # What changed on an element, and the counts, in the page's language and punctuation.
    assert "<strong>名称：</strong> <del>登记</del>" in page and "<strong>计时器：</strong>" in page
    assert "修改：3" in page and "name:" not in page
    # Opened without the versions named, it compares the newest with the one before it.
    assert "修改：3" in client.get("/designer/processes/intake/diff").get_data(as_text=True)


def test_the_versions_page_needs_a_deployed_process_and_a_designer(client):
    sign_in(client, "designer")
    assert client.get("/designer/processes/nowhere").status_code == 404
    assert client.get("/designer/processes/intake/diff?from=1&to=7").status_code == 404
    assert client.get("/designer/processes/intake/diff?from=x").status_code == 422
    sign_in(client, "handler")
    assert client.get("/designer/processes/intake").status_code == 403
    assert start_test(client, 1, "sneaky").status_code == 403


def test_versions_are_listed_newest_first(app, client):
    sign_in(client, "designer")
    post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": intake_diagram(task="v2").decode()})
    with app.app_context():
        assert [row.version for row in list_versions("intake")] == [2, 1]
    page = client.get("/designer/processes/intake").get_data(as_text=True)
    assert page.index('id="v2"') < page.index('id="v1"') and "Changes since v1" in page
