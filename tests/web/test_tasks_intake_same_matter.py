"""Staff intake with the shipped diagrams: the same-matter warning against a petition registered the same day."""
from __future__ import annotations

from sqlalchemy import select

from engine import db
from processes.petitions import Petition
from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.test_tasks_intake import _visit

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def _numbers(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Petition.registration_number).order_by(Petition.id)))


def test_a_second_visit_on_the_same_day_warns_of_the_first_and_registers_when_confirmed(app):
    # A petitioner who comes back the same day (or a registrar who records the same person twice) is shown
    # the petition registered a moment before; the desk answered with a server error.
    client = app.test_client()
    sign_in(client, "registrar")
    assert client.post("/tasks/intake", data=_visit()).status_code == 302
    [earlier] = _numbers(app)
    again = client.post("/tasks/intake", data=_visit(submission_token="tok-2"))
    page = again.get_data(as_text=True)
    assert again.status_code == 200 and _numbers(app) == [earlier]
    assert f"本件可能与 {earlier} 为同一信访事项" in page
    confirmed = client.post("/tasks/intake", data=_visit(submission_token="tok-2", confirm_same_matter=earlier))
    assert confirmed.status_code == 302 and len(_numbers(app)) == 2


def test_another_matter_of_the_same_petitioner_on_the_same_day_registers_at_once(app):
    client = app.test_client()
    sign_in(client, "registrar")
    assert client.post("/tasks/intake", data=_visit()).status_code == 302
    other = _visit(submission_token="tok-2", category="land", request="请求确认本户宅基地使用权。",
                   facts="邻居占用我家宅基地建房，镇里调处后未落实。", reasons="宅基地使用权依法登记应受保护。")
    assert client.post("/tasks/intake", data=other).status_code == 302
    assert len(_numbers(app)) == 2
