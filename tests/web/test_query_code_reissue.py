"""A petitioner who lost her query code gets a new one from the registrar of the organ that received
her petition: shown once on the case page, the old code stops working, the reason is kept."""
from __future__ import annotations

import re

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import submit_online

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def _opens(app, number: str, code: str) -> bool:
    from processes.petitions import check_query_code

    with app.app_context():
        return check_query_code(number, code) is not None


def test_a_new_query_code_replaces_the_lost_one_and_the_reason_is_kept(app):
    number, old = submit_online(app.test_client())  # received online by 柳溪县信访局, whose registrar this is
    registrar = app.test_client()
    sign_in(registrar, "registrar")
    page = registrar.get(f"/tasks/case/{number}").get_data(as_text=True)
    assert "重新发放查询码" in page and old not in page

    refused = registrar.post(f"/tasks/case/{number}/query-code", data={"csrf_token": "t", "reason": " "})
    assert refused.status_code == 422 and "请写明如何核实了信访人的身份。" in refused.get_data(as_text=True)
    assert _opens(app, number, old)  # nothing changed

    given = registrar.post(f"/tasks/case/{number}/query-code",
                           data={"csrf_token": "t", "reason": "本人持身份证到窗口，核对无误。"})
    assert given.status_code == 200
    new = re.search(r'<strong class="code">([A-Z0-9]+)</strong>', given.get_data(as_text=True)).group(1)
    assert new != old and _opens(app, number, new) and not _opens(app, number, old)
    assert new not in registrar.get(f"/tasks/case/{number}").get_data(as_text=True)  # shown once

    with app.app_context():
        from sqlalchemy import select

        from engine import db
        from processes.access_events import AccessEvent

        (event,) = db.session.scalars(select(AccessEvent).where(AccessEvent.subject == number)).all()
        assert (event.event, event.actor) == ("code_reissued", "registrar")
        assert event.reason == "本人持身份证到窗口，核对无误。"


def test_only_a_registrar_of_the_receiving_organ_gives_a_new_code(app):
    number, old = submit_online(app.test_client())
    supervisor = app.test_client()
    sign_in(supervisor, "supervisor", lang="en")
    assert 'id="query-code"' not in supervisor.get(f"/tasks/case/{number}").get_data(as_text=True)
    refused = supervisor.post(f"/tasks/case/{number}/query-code", data={"csrf_token": "t", "reason": "asked"})
    assert refused.status_code == 403 and _opens(app, number, old)
