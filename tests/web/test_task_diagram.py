"""The task page shows the step in its procedure: the diagram's XML and the case's way through it."""
from __future__ import annotations

from engine import db
from engine.tasks import TaskQuery, complete_task, list_tasks
from tests.web.desk import sign_in, start_chain


def test_the_task_page_offers_its_procedure_with_this_step_and_the_steps_done(app, client):
    first = start_chain(app)
    with app.app_context():
        instance_id = list_tasks(TaskQuery(state=None))[0][0].instance_id
        complete_task(first, {"note": "done"}, "handler")
        db.session.commit()
        (second,) = list_tasks(TaskQuery(instance=instance_id))[0]
        second_id = second.id
    sign_in(client, "handler")
    page = client.get(f"/tasks/{second_id}").get_data(as_text=True)
    assert "本环节在流程中的位置" in page and f"/tasks/{second_id}/diagram" in page

    diagram = client.get(f"/tasks/{second_id}/diagram").get_json()
    assert (diagram["process"], diagram["element"], diagram["state"]) == ("chain", "step2", "ready")
    assert '<bpmn:process id="chain"' in diagram["xml"]
    assert diagram["trail"]["completed"][-1] == "step1" and "step2" in diagram["trail"]["active"]


def test_another_organs_task_diagram_is_refused(app, client):
    task_id = start_chain(app, organ="JN-QS-LX-ZRZYJ")  # the land bureau's task
    sign_in(client, "handler", lang="en")  # a labour-bureau handler
    refused = client.get(f"/tasks/{task_id}/diagram")
    assert refused.status_code == 403 and "bpmn:process" not in refused.get_data(as_text=True)
    assert client.get("/tasks/no-such-task/diagram").status_code == 404
