"""A form left by a submission and brought back with the browser's Back button takes a submission again.

Chromium keeps a page it leaves in its back/forward cache and shows it again as it was, scripts'
marks included; the guard against a double click must not outlive the page it was set on.
"""
from __future__ import annotations

import pytest

from engine.tasks import TaskQuery, list_tasks
from tests.browser.conftest import CHROMIUM, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def cached_page(browser, live_app):
    """A browser page with the back/forward cache on (Playwright turns it off by default)."""
    cached = browser.browser_type.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"],
                                         ignore_default_args=["--disable-back-forward-cache"])
    page = cached.new_context(locale="zh-CN").new_page()
    page.base = live_app.config["LIVE_URL"]
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    cached.close()


def _leave_and_come_back(page, form: str, button: str) -> None:
    """Send `form` once (answered with 204 No Content: the page stays); go elsewhere by a link; come Back."""
    page.evaluate("window.restored = 'no'")
    page.route("**/*", lambda route: route.fulfill(status=204) if route.request.method == "POST"
               else route.continue_())
    page.click(f"{form} {button}")
    page.wait_for_timeout(300)
    page.unroute("**/*")
    assert page.evaluate(f"document.querySelector('{form}').dataset.sent") == "1"  # the guard is set
    page.click("header a[href$='/tasks/']")
    page.wait_for_load_state()
    page.go_back(wait_until="commit")
    page.wait_for_function("window.restored === 'no'")  # the very page, from the back/forward cache


def test_the_task_form_takes_a_draft_again_after_back(cached_page, live_app):
    page = cached_page
    with live_app.app_context():
        rows, _ = list_tasks(TaskQuery(groups=("handler",), organs=("JN-QS-LX-RSJ",)))
        task_id = next(row.id for row in rows if row.element == "investigate")
    sign_in(page, "handler")
    page.goto(f"{page.base}/tasks/{task_id}")
    _leave_and_come_back(page, "form.task-form", "button[value=save]")
    with page.expect_navigation(timeout=5000):
        page.click("form.task-form button[value=save]")
    assert "草稿已保存" in page.inner_text(".flashes")


def test_the_intake_form_registers_after_back(cached_page):
    page = cached_page
    sign_in(page, "registrar")
    page.goto(f"{page.base}/tasks/intake")
    page.check("input[name=channel][value=visit]")
    page.fill("#f-petitioners-0-name", "周丽")
    page.fill("#f-petitioners-0-address", "柳溪县桃源镇幸福村5号")
    page.fill("#f-request", "请求支付拖欠的工资。")
    page.fill("#f-facts", "公司拖欠工资三万元。")
    page.fill("#f-reasons", "用人单位应当按时足额支付劳动报酬。")
    _leave_and_come_back(page, "form[data-once]", "button.primary")
    with page.expect_navigation(url="**/tasks/case/**", timeout=10000):
        page.click("form[data-once] button.primary")
    assert "XF-" in page.inner_text(".flashes")
