"""When the organs miss the date the portal promised, the portal says so rather than repeat a past date."""
from __future__ import annotations

from datetime import timedelta

from engine import db
from tests.web.portal.portal_app import submit


def test_a_step_past_its_limit_is_said_to_be_overdue(app, client):
    submit(client)
    assert "By 2026-01-20 at the latest." in client.get("/portal/case?lang=en").get_data(as_text=True)
    with app.app_context():
        from engine.timers import advance_clock

        advance_clock(by=timedelta(days=20))  # nobody registered it within the 15 days of Art. 22
        db.session.commit()
    page = client.get("/portal/case?lang=en").get_data(as_text=True)
    assert "By 2026-01-20 at the latest." not in page
    assert "This step was due by 2026-01-20 and is overdue." in page
    assert "本环节应于2026-01-20前完成，现已逾期。" in client.get("/portal/case?lang=zh_CN").get_data(as_text=True)
