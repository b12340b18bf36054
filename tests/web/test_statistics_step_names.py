"""The statistics name the steps whose limits they count in the page's language."""
from __future__ import annotations

import re
from datetime import timedelta

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import submit_online

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def _section(page: str, name: str) -> str:
    return re.search(rf'<section class="card[^"]*" id="{name}".*?</section>', page, re.DOTALL).group(0)


def test_limits_kept_and_overdue_now_name_a_step_by_its_form_on_an_english_page(app):
    from engine import db
    from engine.timers import advance_clock

    number, _code = submit_online(app.test_client())
    with app.app_context():
        advance_clock(by=timedelta(days=20))  # the 15 days of Art. 22 to register it pass
        db.session.commit()
    english, chinese = app.test_client(), app.test_client()
    sign_in(english, "admin", lang="en")
    sign_in(chinese, "admin")
    page = english.get("/admin/statistics").get_data(as_text=True)
    kept, overdue = _section(page, "on_time"), _section(page, "overdue")
    assert "Register the petition" in kept and "Register the petition" in overdue and number in overdue
    assert "登记并确定处理方式" not in page
    csv = english.get("/admin/statistics/overdue.csv").get_data(as_text=True)
    assert "Register the petition" in csv
    assert "登记并确定处理方式" in _section(chinese.get("/admin/statistics").get_data(as_text=True), "overdue")
