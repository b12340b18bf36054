"""Out-of-order and foreign actions on tasks: refused with a clear message, nothing changed."""
from __future__ import annotations

import re

from tests.web.desk import sign_in, start_chain, task_state


def test_another_organs_task_is_refused_and_unchanged(app, client):
    task_id = start_chain(app, organ="JN-QS-LX-ZRZYJ")  # the land bureau's task
    sign_in(client, "handler", lang="en")  # a labour-bureau handler
    assert client.get(f"/tasks/{task_id}").status_code == 403
    refused = client.post(f"/tasks/{task_id}/claim", data={"csrf_token": "t"})
    assert refused.status_code == 403 and "another role or organ" in refused.get_data(as_text=True)
    done = client.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete", "note": "x"})
    assert done.status_code == 403
    assert task_state(app, task_id) == ("ready", None)
    assert task_id not in client.get("/tasks/?tab=all").get_data(as_text=True)


def test_a_form_without_the_csrf_token_changes_nothing(app, client):
    task_id = start_chain(app)
    sign_in(client, "handler", lang="en")
    response = client.post(f"/tasks/{task_id}/claim", data={})
    assert response.status_code == 400 and task_state(app, task_id) == ("ready", None)


def test_a_stale_form_after_someone_else_completed_is_refused(app, client):
    task_id = start_chain(app)
    other = app.test_client()
    sign_in(client, "handler", lang="en")
    sign_in(other, "head", lang="en")  # the head has another role: cannot work a handler task
    assert other.post(f"/tasks/{task_id}", data={"csrf_token": "t", "note": "x"}).status_code == 403
    with app.app_context():
        from engine import db
        from engine.tasks import complete_task

        complete_task(task_id, {"note": "by the API"}, "admin")
        db.session.commit()
    stale = client.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete", "note": "mine"},
                        follow_redirects=True)
    assert "already been completed" in stale.get_data(as_text=True)


def test_a_task_held_by_a_colleague_cannot_be_released_or_completed(app, client):
    task_id = start_chain(app)
    with app.app_context():
        from engine import db
        from engine.tasks import claim_task

        claim_task(task_id, "someone_else")
        db.session.commit()
    sign_in(client, "handler", lang="en")
    task_page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    who = re.search(r"<h2>Who works this task</h2>(.*?)</section>", task_page, re.DOTALL).group(1)  # no claim: who
    assert "someone_else holds this task: only they may complete it" in who
    page = client.post(f"/tasks/{task_id}/release", data={"csrf_token": "t"}, follow_redirects=True)
    assert "held by someone else" in page.get_data(as_text=True)
    done = client.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete", "note": "x"},
                       follow_redirects=True)
    assert "is held by" in done.get_data(as_text=True)
    assert task_state(app, task_id) == ("ready", "someone_else")


def test_a_head_hands_a_task_over_to_a_colleague(app, client):
    task_id = start_chain(app)
    sign_in(client, "head", lang="en")
    # the head may not work a handler task, so the hand-over is refused too
    refused = client.post(f"/tasks/{task_id}/hand-over", data={"csrf_token": "t", "assignee": "handler"})
    assert refused.status_code == 403
    sign_in(client, "admin", lang="en")
    client.post(f"/tasks/{task_id}/hand-over", data={"csrf_token": "t", "assignee": "handler", "reason": "leave"})
    assert task_state(app, task_id) == ("ready", "handler")
    bad = client.post(f"/tasks/{task_id}/hand-over", data={"csrf_token": "t", "assignee": "land_handler"},
                      follow_redirects=True)
    assert "may not work this task" in bad.get_data(as_text=True)
    assert task_state(app, task_id) == ("ready", "handler")


def test_inbox_filters_and_paging_survive_bad_arguments(app, client):
    start_chain(app)
    sign_in(client, "handler", lang="en")
    page = client.get("/tasks/?tab=group&deadline=nonsense&page=-3&order=due")
    assert page.status_code == 200 and "Page 1 of 1" in page.get_data(as_text=True)
    overdue = client.get("/tasks/?tab=group&deadline=overdue").get_data(as_text=True)
    assert "No tasks here." in overdue



def test_a_colleague_cannot_overwrite_the_draft_of_a_task_someone_holds(app, client):
    task_id = start_chain(app)
    with app.app_context():
        from engine import db
        from engine.tasks import claim_task, save_draft

        claim_task(task_id, "someone_else")
        save_draft(task_id, {"note": "持有人的草稿"}, "someone_else")
        db.session.commit()
    sign_in(client, "handler", lang="en")
    refused = client.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "save", "note": "mine"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "your draft was not saved" in page and "mine" in page
    with app.app_context():
        from engine.tasks import get_task

        assert get_task(task_id).draft == {"note": "持有人的草稿"}


def test_completing_a_task_a_colleague_holds_is_refused_and_what_was_typed_is_kept(app, client):
    # Handing a task over leaves its form on the page; completing it then was refused on a fresh page, the
    # text typed into it gone.
    task_id = start_chain(app)
    with app.app_context():
        from engine import db
        from engine.tasks import claim_task

        claim_task(task_id, "someone_else")
        db.session.commit()
    sign_in(client, "handler", lang="en")
    refused = client.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete", "note": "调解已达成协议"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "held by someone_else; it was not completed. What you typed is still below." in page
    assert "调解已达成协议" in page
    assert task_state(app, task_id) == ("ready", "someone_else")


def _offered(page: str) -> list[str]:
    hand_over = page.split('<select id="assignee" name="assignee"')[1].split("</select>")[0]
    return re.findall(r'<option value="([a-z_]+)"', hand_over)


def test_a_hand_over_offers_and_takes_only_colleagues_of_the_tasks_own_organ(app, client):
    # The county government may take up its bureaus' tasks, but a hand-over stays with the bureau that has the
    # duty: the list offered the county government's handler for the labour bureau's task.
    task_id = start_chain(app)  # the county labour bureau's task
    sign_in(client, "admin", lang="en")
    assert _offered(client.get(f"/tasks/{task_id}").get_data(as_text=True)) == ["handler"]
    refused = client.post(f"/tasks/{task_id}/hand-over", data={"csrf_token": "t", "assignee": "county_handler"},
                          follow_redirects=True)
    assert "That person may not work this task; choose a colleague of the same role and organ." in \
        refused.get_data(as_text=True)
    assert task_state(app, task_id) == ("ready", None)
    sign_in(client, "admin")
    refused = client.post(f"/tasks/{task_id}/hand-over", data={"csrf_token": "t", "assignee": "nobody_at_all"},
                          follow_redirects=True)
    assert "该人员不能办理此任务，请选择同一岗位、同一机关的同事。" in refused.get_data(as_text=True)
    assert task_state(app, task_id) == ("ready", None)


def test_the_api_hands_a_task_only_to_a_colleague_of_its_own_organ(app, client):
    from tests.web.conftest import bearer

    task_id = start_chain(app)
    refused = client.post(f"/api/v1/tasks/{task_id}/assign", json={"assignee": "county_handler"},
                          headers={**bearer("admin"), "Accept-Language": "zh-CN"})
    assert refused.status_code == 422 and refused.get_json()["error"] == "not_for_task"
    assert refused.get_json()["message"] == "此任务只能交给本机关同一岗位的同事；county_handler 不在其列。"
    english = client.post(f"/api/v1/tasks/{task_id}/assign", json={"assignee": "land_handler"},
                          headers={**bearer("admin"), "Accept-Language": "en"}).get_json()
    assert english["message"] == ("The task can be handed only to a colleague of its role at its own organ; "
                                  "land_handler is not one.")
    assert task_state(app, task_id) == ("ready", None)
    done = client.post(f"/api/v1/tasks/{task_id}/assign", json={"assignee": "handler"}, headers=bearer("admin"))
    assert done.status_code == 200 and task_state(app, task_id) == ("ready", "handler")
