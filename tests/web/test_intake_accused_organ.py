"""Staff intake of an accusation: the organ accused is chosen by name, and a wrong one loses nothing."""
from __future__ import annotations

from sqlalchemy import select

from engine import db
from processes.petitions import Petition
from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.test_tasks_intake import _count, _visit

diagrams_app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def test_the_organ_accused_is_chosen_from_the_organs_by_name(client):
    sign_in(client, "registrar")
    page = client.get("/tasks/intake").get_data(as_text=True)
    assert "被检举控告的机关代码" not in page  # it asked for a code such as "JN-QS-LX-TY"
    assert '<select name="accused_organ"' in page and '<option value="JN-QS-LX-TY">桃源镇人民政府</option>' in page
    english = client.get("/tasks/intake?lang=en").get_data(as_text=True)
    assert "Organ accused" in english and ">Taoyuan Township Government</option>" in english


def test_an_accusation_names_the_organ_chosen(diagrams_app):
    app, client = diagrams_app, diagrams_app.test_client()
    sign_in(client, "registrar")
    response = client.post("/tasks/intake", data=_visit(category="accusation", accused_organ="JN-QS-LX-TY"))
    assert response.status_code == 302
    with app.app_context():
        petition = db.session.scalars(select(Petition)).one()
        assert petition.accused_organ == "JN-QS-LX-TY" and petition.confidential


def test_an_organ_typed_by_name_is_refused_on_the_form_with_everything_kept(app, client):
    # A name in the former code field answered with a page "没有代码为…的机关" (404): the whole form was lost.
    sign_in(client, "registrar")
    response = client.post("/tasks/intake", data=_visit(category="accusation", accused_organ="柳溪县人社局"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and _count(app) == 0
    assert 'href="#f-accused_organ"' in page  # the summary points at the field to correct
    assert "拖欠工资三万元未付" in page and 'value="周丽"' in page


def test_the_api_refuses_an_unknown_organ_accused_as_invalid_input(diagrams_app):
    app, client = diagrams_app, diagrams_app.test_client()
    body = {"channel": "letter", "received_on": "2026-01-05", "receiving_organ": "JN-QS-LX-XFJ",
            "category": "accusation", "accused_organ": "柳溪县人社局",
            "petitioners": [{"name": "周丽", "address": "柳溪县桃源镇幸福村5号"}],
            "request": "举报某干部。", "facts": "收受好处费。", "reasons": "违反纪律。"}
    response = client.post("/api/v1/petitions", json=body, headers={"Authorization": "Bearer demo-registrar-token"})
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["error"] == "invalid_petition", response.get_json()
    assert response.get_json()["fields"] == ["accused_organ"] and _count(app) == 0
