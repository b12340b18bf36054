"""The kind of identity document, its number and the phone on the portal's and the desk's petition forms:
a wrong one is said under its field, in the page's language, on a phone's screen too.

Screenshots: test-artifacts/screenshots/portal-numbers-{zh_CN,en}-phone.png, desk-numbers-{zh_CN,en}.png,
desk-numbers-phone.png.
"""
from __future__ import annotations

import pytest

from tests.browser.conftest import shoot, sign_in

pytestmark = pytest.mark.browser

TYPED = {"#f-request": "请求责令青山建材有限公司支付拖欠的工资三万元。",
         "#f-facts": "公司拖欠工资三万元，多次催要无果。", "#f-reasons": "用人单位应当按时足额支付劳动报酬。",
         "#f-petitioners-0-name": "周丽",
         "#f-petitioners-0-address": "柳溪县桃源镇幸福村5号",
         "#f-petitioners-0-id_number": "110105 19491231 0021", "#f-petitioners-0-phone": "138 0013 800"}


def _fill(page) -> None:
    for selector, value in TYPED.items():
        page.fill(selector, value)
    page.select_option("#f-receiving_organ", "JN-QS-LX-XFJ")


@pytest.mark.parametrize("lang, id_error, phone_error", [
    ("zh_CN", "最后一位校验码与前17位不符，请对照证件核对号码。", "手机号码为11位数字。"),
    ("en", "The last character (the check digit) does not fit the first 17", "A mobile number has 11 digits."),
])
def test_the_portal_says_which_number_is_wrong_under_it_on_a_phone(page, lang, id_error, phone_error):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base}/portal/submit?lang={lang}")
    assert page.input_value("#f-petitioners-0-document_type") == "resident_id"
    _fill(page)
    page.click("main button.primary")
    assert id_error in page.inner_text("#f-petitioners-0-id_number-error")
    assert page.inner_text("#f-petitioners-0-phone-error") == phone_error
    assert page.input_value("#f-petitioners-0-id_number") == TYPED["#f-petitioners-0-id_number"]
    assert page.input_value("#f-facts") == TYPED["#f-facts"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    page.locator("#f-petitioners").scroll_into_view_if_needed()
    shoot(page, f"portal-numbers-{lang}-phone")
    page.fill("#f-petitioners-0-id_number", "110105 19491231 002x")
    page.fill("#f-petitioners-0-phone", "138 0013 8000")
    page.click("main button.primary")
    page.wait_for_url("**/portal/receipt")
    assert "XF-JN-QS-LX-XFJ-" in page.inner_text("main")


def test_the_desk_offers_the_kinds_of_document_and_says_a_wrong_number(page):
    sign_in(page, "registrar")
    for lang in ("zh_CN", "en"):
        page.goto(f"{page.base}/tasks/intake?lang={lang}")
        _fill(page)
        page.check("input[name=channel][value=letter]")
        page.select_option("#f-petitioners-0-document_type", "residence_permit")
        page.fill("#f-petitioners-0-id_number", "11010519491231002X")
        page.click("main button.primary")
        said = page.inner_text("#f-petitioners-0-id_number-error")
        assert said == ("港澳台居民居住证号码以810000、820000或830000开头。" if lang == "zh_CN" else
                        "A residence permit number of Hong Kong, Macao or Taiwan residents begins with 810000, "
                        "820000 or 830000.")
        assert page.input_value("#f-petitioners-0-document_type") == "residence_permit"
        page.locator("#f-petitioners").scroll_into_view_if_needed()
        shoot(page, f"desk-numbers-{lang}")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    shoot(page, "desk-numbers-phone")
