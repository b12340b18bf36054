"""A timer that fired reads in the page's language on the desk's timeline and in the console's history."""
from __future__ import annotations

import re
from datetime import timedelta

from tests.diagrams import conftest as diagrams
from tests.web import admin_client
from tests.web.desk import sign_in
from tests.web.journey import submit_online

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def _registration_reminded(app) -> tuple[str, int]:
    """Submit online and let the reminder three days before the 15 days of Art. 22 fire."""
    from sqlalchemy import select

    from engine import db
    from engine.models import Instance
    from engine.timers import advance_clock

    number, _code = submit_online(app.test_client())
    with app.app_context():
        advance_clock(by=timedelta(days=13))
        db.session.commit()
        instance_id = db.session.scalar(select(Instance.id).where(Instance.business_key == number))
    return number, instance_id


def test_the_desk_says_a_fired_reminder_in_english_with_its_due_time_and_rule(app):
    number, _instance = _registration_reminded(app)
    english = app.test_client()
    sign_in(english, "registrar", lang="en")
    page = admin_client.text(english.get(f"/tasks/case/{number}"))
    assert re.search(r"Reminder before a time limit ?: Art\. 22 ", page)
    # The reminder says when the limit runs out (15 days from 01-05), not its own moment three days before,
    # which it gave as "due 2026-01-17 24:00": a limit seemingly run out three days early.
    assert "time limit runs out 2026-01-20 24:00 · 15 days from 2026-01-05 (calendar); reminder 3 days before" in page
    assert "2026-01-17 24:00" not in page
    assert "期限前3日提醒" not in page  # the diagram's Chinese name of the reminder
    chinese = app.test_client()
    sign_in(chinese, "registrar")
    page = admin_client.text(chinese.get(f"/tasks/case/{number}"))
    assert re.search(r"期限届满前提醒 ?：期限前3日提醒", page)
    assert "期限届满时间 2026-01-20 24:00 · 自 2026-01-05 起 15 日（自然日）；提前 3 日提醒" in page
    assert "2026-01-17 24:00" not in page


def test_the_console_names_a_fired_timer_and_says_its_rule_in_the_pages_language(app):
    _number, instance_id = _registration_reminded(app)
    client = app.test_client()
    admin_client.sign_in(client)
    page = admin_client.text(client.get(f"/admin/instances/{instance_id}?lang=en"))
    history = page[page.index("Event history"):]
    assert "Reminder before the time limit of Art. 22 registration_reminder" in history
    assert re.search(r"due \d{4}-\d\d-\d\d 24:00 · 15 days from \d{4}-\d\d-\d\d \(calendar\); reminder 3 days", history)
    assert "期限前3日提醒" not in history
    page = admin_client.text(client.get(f"/admin/instances/{instance_id}?lang=zh_CN"))
    history = page[page.index("历史记录"):]
    assert "期限前3日提醒 registration_reminder" in history
    assert re.search(r"届满时间 \d{4}-\d\d-\d\d 24:00 · 自 \d{4}-\d\d-\d\d 起 15 日（自然日）；提前 3 日提醒", history)
