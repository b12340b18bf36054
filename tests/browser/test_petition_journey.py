"""A petition's journey in a real browser: online submission, receipt, the registrar's desk and task page.

Screenshots of every page go to test-artifacts/screenshots/journey-*.png.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import shoot, sign_in

pytestmark = pytest.mark.browser


def _no_trace(page) -> None:
    text = page.inner_text("body")
    assert "Traceback" not in text and "jinja2" not in text
    # The layout has no favicon yet; the browser's request for it is not an error of these pages.
    errors = [e for e in page.errors if "status of 404" not in e]
    assert not errors, errors
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, "the page overflows sideways"


def test_a_petition_from_the_portal_to_the_registrars_form(page):
    page.goto(f"{page.base}/portal/")
    shoot(page, "journey-01-portal")
    _no_trace(page)
    page.click("a.button.primary")
    page.fill("#f-petitioners-0-name", "周丽")
    page.fill("#f-petitioners-0-id_number", "330101199001011234")
    page.fill("#f-petitioners-0-phone", "13800000001")
    page.fill("#f-petitioners-0-address", "柳溪县桃源镇幸福村5号")
    page.select_option("#f-receiving_organ", "JN-QS-LX-XFJ")
    page.select_option("#f-category", "labour")
    page.fill("#f-request", "请求责令青山建材有限公司支付拖欠的工资三万元。")
    page.fill("#f-facts", "本人于2025年在青山建材有限公司工作八个月，公司至今拖欠工资三万元未付。")
    shoot(page, "journey-02-submit-form")
    page.click("button.primary")  # reasons left blank: the browser or the server says so
    page.fill("#f-reasons", "依照劳动合同法，用人单位应当按时足额支付劳动报酬。")
    page.click("button.primary")
    page.wait_for_url(re.compile(r".*/portal/receipt"))
    shoot(page, "journey-03-receipt")
    _no_trace(page)
    number = re.search(r"XF-[A-Z-]+-\d{4}-\d{6}", page.inner_text("main")).group(0)
    page.click("a.button.primary")
    shoot(page, "journey-04-progress")
    assert number in page.inner_text("main")

    sign_in(page, "registrar")
    page.goto(f"{page.base}/tasks/?tab=group")
    shoot(page, "journey-05-inbox")
    _no_trace(page)
    page.click("table.inbox a >> nth=0")
    page.wait_for_selector("form.task-form")
    shoot(page, "journey-06-task-page")
    _no_trace(page)
    page.click("button[value=save]")
    assert page.locator(".flash-success").count() == 1
    page.goto(f"{page.base}/tasks/case/{number}")
    shoot(page, "journey-07-case")
    _no_trace(page)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{page.base}/portal/")
    shoot(page, "journey-08-portal-phone")
    _no_trace(page)
