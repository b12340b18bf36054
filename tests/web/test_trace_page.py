"""The regulation traced: every carrier named in processes/trace.json exists, and the page shows it."""
from __future__ import annotations

import pytest

from engine.diagram_ids import element_ids_of_folder
from processes.trace import traced_obligations
from tests.conftest import ROOT


@pytest.fixture
def signed_in(client):
    def sign_in(username: str):
        with client.session_transaction() as session:
            session["csrf_token"] = "t"
        client.post("/login", data={"username": username, "password": username, "csrf_token": "t"})
        return client

    return sign_in


def test_every_element_rule_and_screen_named_exists(app):
    screens = {rule.rule for rule in app.url_map.iter_rules()}
    obligations = traced_obligations(element_ids_of_folder(ROOT / "bpmn"), screens)
    missing = [(o.article, c.label) for o in obligations for c in o.carriers if not c.exists]
    assert missing == []
    assert {o.article for o in obligations} == set(range(17, 48))


def test_designers_and_administrators_see_the_page(app, signed_in):
    page = signed_in("designer").get("/designer/trace?lang=en")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Art. 22 ¶1" in text and "Outside the system" in text
    assert signed_in("admin").get("/designer/trace").status_code == 200
    assert signed_in("handler").get("/designer/trace").status_code == 403
