"""The inbox and task page through the browser-facing routes."""
from __future__ import annotations

from tests.web.desk import sign_in, start_chain, task_state


def test_the_desk_needs_a_staff_sign_in(client):
    assert client.get("/tasks/").status_code == 401
    sign_in(client, "petitioner")
    assert client.get("/tasks/").status_code == 403


def test_inbox_tabs_count_and_list_tasks(app, client):
    task_id = start_chain(app)
    sign_in(client, "handler")
    page = client.get("/tasks/?tab=group").get_data(as_text=True)
    assert "备注" in page and f"/tasks/{task_id}" in page
    mine = client.get("/tasks/").get_data(as_text=True)
    assert "没有任务" in mine or "No tasks" in mine


def test_task_page_claim_draft_complete(app, client):
    task_id = start_chain(app)
    sign_in(client, "handler")
    page = client.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert 'for="f-note"' in page and "csrf_token" in page
    assert client.post(f"/tasks/{task_id}/claim", data={"csrf_token": "t"}).status_code == 302
    assert task_state(app, task_id) == ("ready", "handler")
    client.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "save", "note": "half"})
    assert 'half' in client.get(f"/tasks/{task_id}").get_data(as_text=True)
    bad = client.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete", "note": "", "days": "40"})
    assert bad.status_code == 422
    assert task_state(app, task_id)[0] == "ready"
    done = client.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete", "note": "ok", "days": "3"})
    assert done.status_code == 302
    assert task_state(app, task_id)[0] == "completed"
    again = client.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete", "note": "ok"},
                        follow_redirects=True)
    assert again.status_code == 200


def test_the_inbox_reads_no_more_when_cases_accumulate(app, client):
    from engine import db
    from tests.statement_count import counted_statements

    for n in range(2):
        start_chain(app, f"case-{n}")
    sign_in(client, "handler")

    def statements() -> list[str]:
        with app.app_context():
            engine = db.engine
        with counted_statements(engine) as sent:
            page = client.get("/tasks/?tab=group")
        assert page.status_code == 200 and page.get_data(as_text=True).count("/tasks/") >= 2
        return sent

    statements()  # the first page also reads what is then kept (the diagrams' index)
    few = statements()
    for n in range(2, 8):
        start_chain(app, f"case-{n}")
    many = statements()
    assert len(many) == len(few), "\n".join(statement[:100] for statement in many)


def test_counts_of_one_are_said_in_the_singular(app, client):
    start_chain(app)
    sign_in(client, "handler", lang="en")
    assert "1 task</caption>" in client.get("/tasks/?tab=group").get_data(as_text=True)
    assert "1 unclaimed task is waiting for your group." in client.get("/tasks/").get_data(as_text=True)
    sign_in(client, "handler")
    assert "共 1 项任务" in client.get("/tasks/?tab=group").get_data(as_text=True)


def test_a_deadline_one_day_away_or_past_is_said_in_the_singular(app):
    from types import SimpleNamespace

    from web.tasks.labels import template_names

    def due(days: int, kind: str = "calendar"):
        limit = SimpleNamespace(last_day=SimpleNamespace(isoformat=lambda: "2026-03-06"), kind=kind, provisional=False)
        return SimpleNamespace(urgency="soon" if days >= 0 else "overdue", days_left=days, limit=limit)

    with app.test_request_context(headers={"Accept-Language": "en"}):
        template = app.jinja_env.from_string('{% from "tasks/_due.html" import due_cell with context %}'
                                             '{{ due_cell(d) }}')
        said = [template.render(d=due(days, kind), **template_names())
                for days, kind in ((1, "calendar"), (-1, "calendar"), (1, "working"), (-2, "working"))]
    assert "1 day left" in said[0] and "1 day overdue" in said[1]
    assert "1 working day left" in said[2] and "2 working days overdue" in said[3]


def test_the_organ_filter_offers_organs_by_name_in_the_page_language(app, client):
    # It asked for a code ("JN-QS-LX-RSJ") a person at a desk does not know by heart.
    task_id = start_chain(app)
    sign_in(client, "handler")
    page = client.get("/tasks/?tab=group").get_data(as_text=True)
    assert 'placeholder="JN-QS-LX-RSJ"' not in page
    assert '<option value="JN-QS-LX-RSJ">柳溪县人力资源和社会保障局</option>' in page
    chosen = client.get("/tasks/?tab=group&organ=JN-QS-LX-RSJ").get_data(as_text=True)
    assert '<option value="JN-QS-LX-RSJ" selected>柳溪县人力资源和社会保障局</option>' in chosen
    assert f"/tasks/{task_id}" in chosen
    other = client.get("/tasks/?tab=group&organ=JN-QS-LX-ZRZYJ").get_data(as_text=True)
    assert f"/tasks/{task_id}" not in other and '<option value="JN-QS-LX-ZRZYJ" selected>' in other
    sign_in(client, "registrar", lang="en")
    search = client.get("/tasks/search").get_data(as_text=True)
    assert '<option value="JN-QS-LX-RSJ">Liuxi County Human Resources and Social Security Bureau</option>' in search
    assert '<option value="JN-QS-LX-TY">Taoyuan Township Government</option>' in search


def test_a_page_opened_signed_out_leads_to_the_sign_in_form_and_back(client):
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    opened = client.get("/tasks/?tab=all", headers=browser)
    assert opened.status_code == 302 and opened.headers["Location"] == "/login?next=/tasks/?tab%3Dall"
    assert client.get("/tasks/?tab=all", headers={"Accept": "*/*"}).status_code == 401  # a script's fetch
    assert client.get("/api/v1/tasks", headers=browser).status_code == 401
    with client.session_transaction() as session:
        session["csrf_token"] = "t"
    signed_in = client.post("/login?next=/tasks/?tab%3Dall", data={"username": "handler", "password": "handler",
                                                                  "csrf_token": "t"})
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/tasks/?tab=all"
