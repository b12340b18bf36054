"""Handing a task over on the desk: the holder is not offered to themselves, and the history says to whom."""
from __future__ import annotations

import re

from tests.web.desk import sign_in, start_chain, task_state


def _offered(page: str) -> list[str]:
    found = re.search(r'<select id="assignee" name="assignee"(.*?)</select>', page, re.DOTALL)
    return re.findall(r'<option value="([a-z_0-9]+)"', found.group(1)) if found else []


def _colleague(app) -> None:
    from engine import db
    from processes.accounts import create_user

    with app.app_context():
        create_user("handler_wang", "handler", "JN-QS-LX-RSJ", password="handler_wang",
                    display_name="柳溪县人社局 承办人 王伟")
        db.session.commit()


def test_the_holder_is_not_offered_the_task_and_the_history_names_the_colleague(app, client):
    # The list offered "柳溪县人社局 承办人 李明" to 李明 himself, and the history said "转交任务" but not to whom.
    task_id = start_chain(app)
    sign_in(client, "handler")
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert 'id="assignee"' not in page  # unclaimed, the only handler of the bureau: nobody to hand it to
    client.post(f"/tasks/{task_id}/claim", data={"csrf_token": "t"})
    assert 'id="assignee"' not in client.get(f"/tasks/{task_id}").get_data(as_text=True)
    _colleague(app)
    assert _offered(client.get(f"/tasks/{task_id}").get_data(as_text=True)) == ["handler_wang"]
    client.post(f"/tasks/{task_id}/hand-over", data={"csrf_token": "t", "assignee": "handler_wang",
                                                     "reason": "本人与信访人系亲属，申请回避"})
    assert task_state(app, task_id) == ("ready", "handler_wang")
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    history = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split('<ol class="timeline">')[1].split("</ol>")[0]))
    said = "转交任务 ：Step one · 柳溪县人社局 承办人 李明 转交给柳溪县人社局 承办人 王伟 理由：本人与信访人系亲属"
    assert said in history
    sign_in(client, "admin", lang="en")
    assert _offered(client.get(f"/tasks/{task_id}").get_data(as_text=True)) == ["handler"]  # not the holder
    client.post(f"/tasks/{task_id}/release", data={"csrf_token": "t"})
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert "Handed to 柳溪县人社局 承办人 王伟" in page
