"""A review asked for too late, in a real browser: the portal refuses it, naming Art. 35 and the dates.

The case reaches the served reply through the desk's task pages (tests/web/journey.py); the
petitioner then opens it on the portal, starts a review request, leaves the page open past the
30 days and sends it. Screenshots go to test-artifacts/screenshots/journey-4*.png.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from engine import db
from processes.functions import deadline
from processes.periods import CST
from tests.browser.conftest import sign_in
from tests.browser.test_petition_journey import look_up, snap, today_of
from tests.web.journey import ready_tasks, submit_online, work_until

pytestmark = pytest.mark.browser


def test_a_review_asked_for_after_the_30_days_is_refused_with_the_article_and_dates(page, live_app):
    number, code = submit_online(live_app.test_client())
    served = today_of(live_app)
    steps = work_until(live_app, number, "request_review", served)
    assert steps[-1] == "serve_reply", steps

    with live_app.app_context():
        last_day = deadline(served, 30).last_day.isoformat()  # Art. 35, counted as the law counts
    look_up(page, number, code)
    assert f"期限最后一日为 {last_day}" in page.inner_text("#review")
    page.fill("#reasons-review", "处理意见未落实，请求上级机关复查。")
    page.click("#review button.primary")
    page.wait_for_load_state()
    snap(page, "journey-40-late-confirm")

    # The petitioner leaves the confirmation open; the 30 days of Art. 35 run out meanwhile.
    with live_app.app_context():
        from engine.timers import advance_clock

        advance_clock(to=datetime.combine(date.fromisoformat(served) + timedelta(days=31), time(9), tzinfo=CST))
        db.session.commit()
    page.click("button.primary")
    page.wait_for_load_state()
    refusal = page.inner_text("main")
    page.errors[:] = [e for e in page.errors if "status of 409" not in e]  # the refusal's own status
    snap(page, "journey-41-late-refused")
    assert "第三十五条" in refusal and f"您于 {served} 收到，期限已于 {last_day} 届满" in refusal, refusal
    assert not any(row[1] == "review_matter" for row in ready_tasks(live_app, number)), "a review started anyway"

    page.click("main a[href$='/portal/case']")
    page.wait_for_load_state()
    snap(page, "journey-42-late-portal")
    section = page.inner_text("#review")
    assert "第三十五条" in section and served in section and last_day in section, section
    assert page.locator("#reasons-review").count() == 0

    # Her letter, posted on the last day, reaches the organ now: the desk records it as made in time.
    sign_in(page, "registrar")
    page.goto(f"{page.base}/tasks/case/{number}")
    notice = page.inner_text("#letters-in-post")
    assert last_day in notice and "仍予登记" in notice, notice
    page.check("input[name=channel][value=letter]")
    page.fill("#posted_on", last_day)
    page.fill("#request_reasons", "处理意见未落实，请求上级机关复查。")
    snap(page, "journey-43-letter-in-post")
    page.click("#requests button.primary")
    page.wait_for_load_state()
    snap(page, "journey-44-letter-recorded")
    assert f"已于 {last_day} 请求复查" in page.inner_text("#requests")
    assert any(row[1] == "review_matter" for row in ready_tasks(live_app, number)), "the review did not start"
