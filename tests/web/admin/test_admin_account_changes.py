"""The console opens accounts and disables or enables them again, each change in the history with who and why."""
from __future__ import annotations

import re

from tests.web.admin_client import errors, post, sign_in, text
from tests.web.conftest import bearer
from tests.web.test_sign_in_rests import _try

NEW = {"username": "clerk2", "display_name": "王芳", "role": "handler", "organ": "JN-QS-LX-RSJ"}


def _history(page: str) -> str:
    return page[page.index("账户与暂停记录"):]


def _row(response, username: str) -> str:
    """Return an account's row of the accounts table as a person reads it."""
    html = response.data.decode("utf-8")
    row = re.search(rf'<tr id="account-{username}">(.*?)</tr>', html, flags=re.DOTALL).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


def test_an_administrator_opens_an_account_that_signs_in_and_sees_its_token_once(app, client):
    sign_in(client)
    opened = post(client, "/admin/accounts?lang=zh_CN", password="long enough", **NEW)
    assert opened.status_code == 200
    page = text(opened)
    assert "账户 clerk2 已开设，可用所设密码登录。" in page
    token = re.search(r'<code id="new-token">([^<]+)</code>', opened.data.decode()).group(1)
    assert _row(opened, "clerk2").startswith("clerk2 王芳 承办人 柳溪县人力资源和社会保障局 JN-QS-LX-RSJ 可登录"
                                             " 停用…… 理由（记入历史） 停用 重设密码……")
    assert "2026-01-05 09:00 clerk2 账户开设 admin" in _history(page)
    assert token not in text(client.get("/admin/accounts"))  # shown only the once

    assert client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert _try(app.test_client(), "clerk2", "long enough").status_code == 302


def test_wrong_input_is_said_beside_each_field_and_what_was_typed_stays(client):
    sign_in(client)
    refused = post(client, "/admin/accounts?lang=zh_CN", username="clerk2", display_name="王芳", role="handler",
                   password="short")
    assert refused.status_code == 422
    assert errors(refused) == ["密码至少 8 个字符。"]
    html = refused.data.decode()
    assert 'name="username" value="clerk2"' in html and 'name="display_name" value="王芳"' in html
    assert '<option value="handler" selected>' in html

    no_organ = post(client, "/admin/accounts", password="long enough", **{**NEW, "organ": ""})
    assert no_organ.status_code == 422 and errors(no_organ) == ["工作人员须隶属机关：请选择所属机关。"]
    taken = post(client, "/admin/accounts", password="long enough", **{**NEW, "username": "handler"})
    assert taken.status_code == 422 and errors(taken) == ["用户名“handler”已被占用。"]
    bad_name = post(client, "/admin/accounts", password="long enough", **{**NEW, "username": "王 芳"})
    assert errors(bad_name) == ["用户名为 1 至 64 个字母、数字、“.”“_”或“-”。"]
    assert "clerk2" not in text(client.get("/admin/accounts"))


def test_a_disabled_account_neither_signs_in_nor_calls_the_api_until_enabled_again(app, client):
    sign_in(client)
    page = client.get("/admin/accounts").data.decode()
    assert 'data-confirm="确定停用 handler？' in page  # the browser asks before disabling
    refused = post(client, "/admin/accounts/handler/disable", reason=" ")
    assert refused.status_code == 422 and errors(refused) == ["请填写理由，理由将记入历史。"]
    assert client.get("/api/v1/tasks", headers=bearer("handler")).status_code == 200

    disabled = post(client, "/admin/accounts/handler/disable", reason="调离本单位")
    assert disabled.status_code == 302
    shown = client.get(disabled.location)
    page = text(shown)
    assert "已停用 handler：该账户不能登录，其 API 令牌不再受理任何调用。" in page
    assert "已停用 重新启用…… 理由（记入历史） 启用 重设密码……" in _row(shown, "handler")
    assert "2026-01-05 09:00 handler 账户停用 admin 调离本单位" in _history(page)
    assert _try(app.test_client(), "handler", "handler").status_code == 401
    assert client.get("/api/v1/tasks", headers=bearer("handler")).status_code == 401

    enabled = post(client, "/admin/accounts/handler/enable", reason="借调结束")
    assert "已重新启用 handler，可以登录。" in text(client.get(enabled.location))
    assert "handler 账户重新启用 admin 借调结束" in _history(text(client.get("/admin/accounts")))
    assert _try(app.test_client(), "handler", "handler").status_code == 302


def test_the_administrator_cannot_lock_the_console_out(client):
    sign_in(client)
    own = post(client, "/admin/accounts/admin/disable?lang=zh_CN", reason="测试")
    assert own.status_code == 422 and errors(own) == ["不能停用您当前登录所用的账户。"]
    post(client, "/admin/accounts", password="long enough", username="admin2", role="admin")
    assert post(client, "/admin/accounts/admin2/disable", reason="只是试试").status_code == 302
    last = post(client, "/admin/accounts/admin/disable", reason="测试")
    assert last.status_code == 422 and errors(last) == ["不能停用您当前登录所用的账户。"]
    assert post(client, "/admin/accounts/nobody/disable", reason="测试").status_code == 404


def test_the_tasks_a_disabled_account_held_go_back_to_their_group_with_the_reason_in_each_case(app, client, cases):
    from engine import db
    from engine.history import history_for
    from engine.instances import suspend_instance
    from engine.tasks import TaskQuery, claim_task, list_tasks

    with app.app_context():
        held = {}
        for name in ("waiting", "called"):
            (task, *_), _count = list_tasks(TaskQuery(instance=cases[name]))
            claim_task(task.id, "handler")
            held[name] = task.id
        suspend_instance(cases["called"], "admin", "核查")  # its task waits with the case
        db.session.commit()
    disabled = post(client, "/admin/accounts/handler/disable", reason="调离本单位")
    page = text(client.get(disabled.location))
    assert "其名下的 1 项任务已退回岗位，岗位内任何人均可领取。" in page
    assert "另有 1 项任务所在案件已挂起或出错，仍在其名下：案件继续办理后请改派。" in page
    with app.app_context():
        assignees = {name: list_tasks(TaskQuery(instance=cases[name]))[0][0].assignee for name in held}
        assert assignees == {"waiting": None, "called": "handler"}
        last = history_for(cases["waiting"])[-1]
        assert (last.event, last.actor, last.reason, last.detail) == (
            "task_assigned", "admin", "调离本单位", {"from": "handler", "to": None})


def test_an_administrator_gives_a_forgotten_password_anew_with_a_reason(app, client):
    sign_in(client)
    short = post(client, "/admin/accounts/handler/password?lang=zh_CN", password="short", reason="忘记密码")
    assert short.status_code == 422 and errors(short) == ["密码至少 8 个字符。"]
    assert 'value="忘记密码"' in short.data.decode() and 'value="short"' not in short.data.decode()
    no_reason = post(client, "/admin/accounts/handler/password", password="new secret")
    assert no_reason.status_code == 422 and errors(no_reason) == ["请填写理由，理由将记入历史。"]
    assert _try(app.test_client(), "handler", "handler").status_code == 302  # nothing changed yet

    given = post(client, "/admin/accounts/handler/password", password="new secret", reason="本人来电，忘记密码")
    page = text(client.get(given.location))
    assert "已为 handler 设置新密码；请当面或电话告知本人。" in page
    assert "handler 重设密码 admin 本人来电，忘记密码" in _history(page)
    assert _try(app.test_client(), "handler", "handler").status_code == 401
    assert _try(app.test_client(), "handler", "new secret").status_code == 302
    assert post(client, "/admin/accounts/nobody/password", password="new secret", reason="x").status_code == 404


def test_the_history_of_one_account_is_found_among_many(app, client):
    sign_in(client)
    post(client, "/admin/accounts/handler/disable", reason="调离本单位")
    for _ in range(60):  # more than the page's fifty newest entries
        post(client, "/admin/accounts/registrar/password", password="new secret", reason="演练")
    page = client.get("/admin/accounts?lang=zh_CN").data.decode()
    assert "调离本单位" not in _history(text(client.get("/admin/accounts")))
    assert re.search(r'<th scope="row"><a href="/admin/accounts\?subject=handler#history-title"[^>]*>handler</a>', page)
    one = text(client.get("/admin/accounts?subject=handler"))
    history = one[one.index("handler 的记录"):]
    assert "handler 账户停用 admin 调离本单位" in history and "registrar" not in history
    assert "全部账户、编号和地址的记录" in history
