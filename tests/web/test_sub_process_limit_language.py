"""The limits of called procedures (review, re-review, handling, acceptance) read in the page's language
wherever a case's timers are named: the console's timers, clock and history, the desk's deadlines."""
from __future__ import annotations

import re

from tests.diagrams import conftest as diagrams
from tests.web import admin_client
from tests.web.desk import sign_in
from tests.web.test_review_requests_desk import _advance, _record, _replied

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def _under_review(app) -> tuple[str, int]:
    """Bring a case to its review (a letter recorded at the desk); return its number and instance."""
    from sqlalchemy import select

    from engine import db
    from engine.models import Instance

    number, _code, _served = _replied(app)
    registrar = app.test_client()
    sign_in(registrar, "registrar")
    assert _record(registrar, number).status_code == 302
    with app.app_context():
        instance_id = db.session.scalar(select(Instance.id).where(Instance.business_key == number))
    return number, instance_id


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_the_consoles_timers_name_the_review_limit_and_its_stage_in_the_pages_language(app):
    _number, instance_id = _under_review(app)
    client = app.test_client()
    admin_client.sign_in(client)
    page = admin_client.text(client.get(f"/admin/instances/{instance_id}?lang=en"))
    timers = _between(page, "Timers and deadlines", "Recalculate deadlines")
    assert "Time limit of Art. 35, 45 review_limit" in timers
    assert "limit of Review" in timers  # the review's sub-process, named by its procedure
    assert not re.search(r"[\u4e00-\u9fff]", timers), timers  # 复查期限届满, 复查（30日内）
    earlier = _between(page, "Step to go back to", "Terminate")
    assert "Request review · registrar" in earlier and "请求复查" not in earlier  # the steps to go back to, too
    timers = _between(admin_client.text(client.get(f"/admin/instances/{instance_id}?lang=zh_CN")),
                      "计时器与期限", "重新计算期限")
    assert "复查期限届满 review_limit" in timers and "复查（30日内）" in timers

    clock = admin_client.text(client.get("/admin/clock?lang=en"))
    assert "Time limit of Art. 35, 45" in clock and "复查期限届满" not in clock
    assert "复查期限届满" in admin_client.text(client.get("/admin/clock?lang=zh_CN"))


def test_a_review_limit_that_fired_reads_in_english_in_the_consoles_history(app):
    _number, instance_id = _under_review(app)
    _advance(app, 40)
    client = app.test_client()
    admin_client.sign_in(client)
    page = admin_client.text(client.get(f"/admin/instances/{instance_id}?lang=en"))
    history = page[page.index("Event history"):]
    assert "Time limit of Art. 35, 45 review_limit" in history and "复查期限届满" not in history
    page = admin_client.text(client.get(f"/admin/instances/{instance_id}?lang=zh_CN"))
    assert "复查期限届满 review_limit" in page[page.index("历史记录"):]


def test_the_desks_deadlines_name_the_stage_of_each_limit_in_the_pages_language(app):
    number, _instance = _under_review(app)
    english = app.test_client()
    sign_in(english, "registrar", lang="en")
    deadlines = _between(admin_client.text(english.get(f"/tasks/case/{number}")), "Statutory deadlines", "Timeline")
    assert re.search(r"Time limit of Art\. 35, 45 Review Art\. 35, 45", deadlines)  # set on the review's sub-process
    assert re.search(r"Time limit of Art\. 34, 45 Handling Art\. 34, 45", deadlines)  # on handling's
    assert re.search(r"Time limit of Art\. 35 Request review Art\. 35", deadlines)  # on the petitioner's step
    assert not re.search(r"[\u4e00-\u9fff]", deadlines), deadlines
    chinese = app.test_client()
    sign_in(chinese, "registrar")
    deadlines = _between(admin_client.text(chinese.get(f"/tasks/case/{number}")), "法定期限", "办理时间线")
    assert "复查期限 复查（30日内）" in deadlines and "30日内未请求复查 请求复查" in deadlines


def test_a_caught_missed_limit_is_named_by_its_article_in_english(app):
    """The boundary events of the petition that catch a called procedure's missed limit (复查超期)."""
    from processes.diagram_index import diagram_index
    from web.step_words import element_title

    _number, instance_id = _under_review(app)
    from engine.instances import get_instance

    with app.test_request_context("/?lang=en"):
        index = diagram_index(get_instance(instance_id).definition_id)
        assert element_title(index, "review_overdue_caught") == "Time limit of Art. 35, 45 missed"
        assert element_title(index, "call_review") == "Review"
        assert element_title(index, "review_within_limit") == "Review"
        assert element_title(index, "review_limit") == "Time limit of Art. 35, 45"
        assert element_title(index, "review_matter") == "Review opinion"
    with app.test_request_context("/?lang=zh_CN"):
        assert element_title(index, "review_overdue_caught") == "复查超期"
        assert element_title(index, "review_within_limit") == "复查（30日内）"
