"""The portal's petition form refuses files too large before sending, so nothing typed is lost.

A body larger than the server takes (XINFANG_MAX_UPLOAD_MB) is answered with an error page, with
what the petitioner wrote gone; each attachment may also be at most 10 MB.
"""
from __future__ import annotations

import pytest

from tests.browser.conftest import shoot

pytestmark = pytest.mark.browser
MB = 1024 * 1024


def _file(name: str, size: int) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": b"%" * size}


def test_a_file_too_large_is_refused_at_the_field_and_the_form_is_not_sent(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/portal/submit")
    page.fill("#f-petitioners-0-name", "周丽")
    page.fill("#f-request", "请求支付拖欠的工资。")
    page.set_input_files("#attachments", files=[_file("工资条.pdf", 11 * MB)])
    message = page.locator("#attachments-size")
    assert message.is_visible() and "以下附件超过 10 MB" in message.inner_text()
    assert "工资条.pdf" in message.inner_text()
    assert page.get_attribute("#attachments", "aria-invalid") == "true"
    shoot(page, "portal-attachment-too-large")

    page.click("text=增加信访人")  # this button skips the browser's own checks
    assert page.url.endswith("/portal/submit") and page.input_value("#f-request") == "请求支付拖欠的工资。"
    assert page.evaluate("document.activeElement.id") == "attachments"

    page.set_input_files("#attachments", files=[_file(f"证据{n}.pdf", 7 * MB) for n in range(3)])
    assert "附件合计超过 19 MB" in message.inner_text()
    page.set_input_files("#attachments", files=[_file("证据.pdf", MB)])
    assert message.is_hidden() and page.get_attribute("#attachments", "aria-invalid") is None
    assert not page.errors, page.errors


def test_a_file_of_a_kind_that_cannot_be_attached_is_refused_at_the_field(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/portal/submit")
    page.fill("#f-request", "请求支付拖欠的工资。")
    page.set_input_files("#attachments", files=[{"name": "证据.exe", "mimeType": "application/octet-stream",
                                                 "buffer": b"MZ"}, _file("工资条.pdf", MB)])
    message = page.locator("#attachments-size")
    assert message.is_visible() and message.inner_text().startswith("以下文件不能作为附件：证据.exe。")
    assert page.get_attribute("#attachments", "aria-invalid") == "true"
    page.click("text=增加信访人")
    assert page.url.endswith("/portal/submit") and page.input_value("#f-request") == "请求支付拖欠的工资。"
    page.set_input_files("#attachments", files=[_file("工资条.PDF", MB)])
    assert message.is_hidden()
    assert not page.errors, page.errors
