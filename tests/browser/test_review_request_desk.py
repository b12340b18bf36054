"""A request for review that came by letter, recorded at the desk in a real browser (Art. 35).

The case reaches the served reply through the desk's task pages (tests/web/journey.py); the county
petition bureau's registrar opens the case page, records the letter with its postmark day, first
mistyping the day, and the petitioner then sees on the portal that her letter was recorded.
Screenshots go to test-artifacts/screenshots/desk-request-*.png.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from engine import db
from tests.browser.conftest import SHOTS, shoot
from tests.browser.test_petition_journey import as_user, look_up, snap, today_of
from tests.web.journey import ready_tasks, submit_online, work_until

pytestmark = pytest.mark.browser

REASONS = "处理意见没有回应拖欠的加班费，请求上一级机关复查。"
SCAN = {"name": "复查申请.PDF", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 scan of the letter"}


def test_a_letter_asking_for_review_is_recorded_on_the_case_page(page, live_app, browser):
    number, code = submit_online(live_app.test_client())
    served = today_of(live_app)
    work_until(live_app, number, "request_review", served)
    with live_app.app_context():
        from engine.timers import advance_clock

        advance_clock(by=timedelta(days=4))  # the letter arrives a few days after it was posted
        db.session.commit()
    postmark = (date.fromisoformat(served) + timedelta(days=2)).isoformat()
    tomorrow = (date.fromisoformat(today_of(live_app)) + timedelta(days=1)).isoformat()

    as_user(page, "registrar")
    page.goto(f"{page.base}/tasks/case/{number}?lang=en")
    shoot(page, "desk-request-form-en")
    _shoot_section(page, "desk-request-section-en")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base}/tasks/case/{number}?lang=en")
    shoot(page, "desk-request-form-en-phone")
    page.goto(f"{page.base}/tasks/case/{number}?lang=zh_CN")
    snap(page, "desk-request-form-zh-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{page.base}/tasks/case/{number}")
    section = page.inner_text("#requests")
    assert "登记复查请求" in section and f"书面意见于 {served} 送达" in section, section
    snap(page, "desk-request-form-zh")
    _shoot_section(page, "desk-request-section-zh")

    page.check("#requests input[value=letter]")
    page.fill("#received_on", tomorrow)  # a slip of the keyboard: a day not yet come
    page.fill("#request_reasons", REASONS)
    page.set_input_files("#request_attachments", files=[SCAN])
    page.click("#requests button.primary")
    page.wait_for_load_state()
    page.errors[:] = [e for e in page.errors if "status of 422" not in e]  # the refusal's own status
    snap(page, "desk-request-error-zh")
    _shoot_section(page, "desk-request-section-error-zh")
    assert "此日期不能晚于今天" in page.inner_text("#requests")
    assert page.input_value("#request_reasons") == REASONS and page.is_checked("#requests input[value=letter]")
    assert not any(row[1] == "review_matter" for row in ready_tasks(live_app, number)), "recorded anyway"

    assert "复查申请.PDF" in page.inner_text("#request-files-again")  # a page sent back cannot keep files
    page.fill("#received_on", postmark)
    page.set_input_files("#request_attachments", files=[SCAN])
    page.click("#requests button.primary")
    page.wait_for_url(f"**/tasks/case/{number}#requests")
    snap(page, "desk-request-recorded-zh")
    _shoot_section(page, "desk-request-section-recorded-zh")
    section = page.inner_text("#requests")
    assert f"已于 {postmark} 请求复查（第三十五条）" in section and "来信" in section, section
    assert page.locator("#request_reasons").count() == 0
    assert f"计算期限的日期：{postmark}" in page.inner_text(".timeline")
    assert any(row[1] == "review_matter" for row in ready_tasks(live_app, number))
    assert "复查申请.PDF" in page.inner_text("aside")  # kept with the petition's attachments

    portal = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    portal.base = page.base
    look_up(portal, number, code)
    review = portal.inner_text("#review")
    shoot(portal, "desk-request-portal-zh-phone")
    assert f"您已于 {postmark} 请求复查" in review and "机关收到您的来信，已为您登记请求。" in review, review
    portal.context.close()


def _shoot_section(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#requests").screenshot(path=str(SHOTS / f"{name}.png"))
