"""Helpers of the desk's web tests: sign in through the form, start a case of the test diagrams."""
from __future__ import annotations

from engine import db
from engine.instances import start_instance
from engine.tasks import TaskQuery, list_tasks


def sign_in(client, username: str, lang: str = "zh_CN") -> None:
    """Sign in through /login with the session's CSRF token, in a language."""
    with client.session_transaction() as session:
        session["csrf_token"] = "t"
        session["lang"] = lang
    response = client.post("/login", data={"username": username, "password": username, "csrf_token": "t"})
    assert response.status_code == 302, response.get_data(as_text=True)
    with client.session_transaction() as session:  # signing in starts a new session
        session["csrf_token"] = "t"


def start_chain(app, key: str = "case-1", organ: str = "JN-QS-LX-RSJ") -> str:
    """Start the five-step test procedure for an organ; return its first task's id."""
    with app.app_context():
        instance = start_instance("chain", key, {"organ": organ}, "test")
        db.session.commit()
        rows, _ = list_tasks(TaskQuery(instance=instance.id))
        return rows[0].id


def task_state(app, task_id: str) -> tuple[str, str | None]:
    """Return a task's state and assignee, read afresh."""
    from engine.tasks import get_task

    with app.app_context():
        row = get_task(task_id)
        return row.state, row.assignee
