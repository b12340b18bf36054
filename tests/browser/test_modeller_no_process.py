"""Files with no process in a real Chromium: the studio and the modeller say what is wrong in one message, in
the page's language, with nothing in the browser's console and no draft lost; the lists name processes in
the page's language."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from engine import db
from engine.drafts import DiagramDraft
from tests.browser.conftest import served, shoot, sign_in
from tests.browser.test_designer_modeller import check, open_modeller, real_errors
from tests.web.test_designer_no_process import DMN, NO_PROCESS, POOLS_ONLY
from tests.web.test_designer_setup import designer_app, intake_diagram

pytestmark = pytest.mark.browser

# Each text, and the start of what a Chinese page says of it (the English ones are in tests/web).
NOT_A_DIAGRAM = {
    "no-process": (NO_PROCESS, "其中没有流程（bpmn:process）"),
    "pools-only": (POOLS_ONLY, "其中只有泳池（协作），泳池背后没有流程"),
    "empty": ("", "文件是空的。"),
    "dmn": (DMN, "这是 DMN 决策表，不是 BPMN 流程图"),
    "other-xml": ("<foo/>", "这不是 BPMN 2.0 文件"),
    "not-xml": ("a letter, not XML", "其 XML 在第 1 行第 1 列出错"),
}


@pytest.fixture
def live_app(tmp_path):
    """The app with the intake diagram deployed as version 1, served in a background thread."""
    with served(designer_app(f"sqlite:///{tmp_path / 'browser.sqlite3'}", tmp_path)) as app:
        yield app


def status(page) -> str:
    return page.inner_text("#status")


def test_an_upload_with_no_process_is_refused_above_the_studio_s_lists_and_keeps_the_draft(page, tmp_path):
    sign_in(page, "designer")
    open_modeller(page)
    page.click("#save-draft")  # a draft of intake.bpmn, which each upload below would replace
    page.wait_for_function("document.getElementById('status').dataset.tone === 'ok'")
    for name, (text, said) in NOT_A_DIAGRAM.items():
        path = tmp_path / "intake.bpmn"
        path.write_text(text, encoding="utf-8")
        page.goto(f"{page.base}/designer/")
        page.set_input_files("#file", str(path))
        page.check("#replace")
        page.click("form[action$='/upload'] button[type=submit]")
        page.wait_for_selector(".flash-error")
        message = page.locator(".flash-error")
        assert message.count() == 1, name
        assert message.inner_text().startswith("流程图 intake.bpmn 未被接受：") and said in message.inner_text(), name
        assert message.inner_text().endswith("intake.bpmn 的草稿保持原样，没有改动。"), name
        assert page.url == f"{page.base}/designer/"  # the upload form is right there to try again
        if name == "no-process":
            shoot(page, "designer-upload-no-process-zh")
    assert page.locator(".xf-drafts li", has_text="intake.bpmn").count() == 1
    open_modeller(page)  # the draft is the diagram it was
    assert page.locator('.djs-element[data-element-id="register"]').count() == 1

    page.goto(f"{page.base}/designer/?lang=en")
    path.write_text(POOLS_ONLY, encoding="utf-8")
    page.set_input_files("#file", str(path))
    page.click("form[action$='/upload'] button[type=submit]")
    message = page.locator(".flash-error").inner_text()
    assert message.startswith("intake.bpmn already has a draft")  # not ticked: the draft comes first
    page.set_input_files("#file", str(path))
    page.check("#replace")
    page.click("form[action$='/upload'] button[type=submit]")
    message = page.locator(".flash-error").inner_text()
    assert message.startswith("The diagram intake.bpmn was not accepted: It holds pools (a collaboration)")
    assert message.endswith("The draft of intake.bpmn is kept as it was.")
    shoot(page, "designer-upload-no-process-en")
    assert real_errors(page) == []


def test_the_xml_view_says_why_a_text_is_no_diagram_and_keeps_the_diagram(page):
    page.on("dialog", lambda dialog: dialog.accept())  # leaving with the XML view's text unapplied asks first
    sign_in(page, "designer")
    for name, (text, said) in NOT_A_DIAGRAM.items():
        open_modeller(page)
        page.click("#xml-view")
        page.fill("#xml-text", text)
        page.click("#xml-apply")
        assert status(page).startswith("无法读取此 XML，流程图保持原样：") and said in status(page), name
        assert page.get_attribute("#status", "data-tone") == "bad"
        page.click("#check")  # the check and the save answer the same, and send nothing
        page.click("#save-draft")
        assert said in status(page) and page.locator("#problems li").count() == 0, name
        assert not page.is_enabled("#deploy")
        if name == "no-process":
            shoot(page, "designer-xml-no-process-zh")
    page.fill("#xml-text", intake_diagram().decode())
    page.click("#xml-close")
    page.wait_for_selector("#canvas", state="visible")
    assert page.locator('.djs-element[data-element-id="register"]').count() == 1

    page.goto(f"{page.base}/designer/diagrams/intake.bpmn?lang=en")
    page.wait_for_selector("body[data-modeller-ready=true]")
    page.click("#xml-view")
    page.fill("#xml-text", NO_PROCESS)
    page.click("#check")
    assert status(page).startswith("This XML cannot be read, so the diagram stays as it was: It holds no process")
    shoot(page, "designer-xml-no-process-en")
    assert real_errors(page) == []


def test_a_stored_draft_with_no_process_opens_in_the_xml_view_to_be_mended(page, live_app):
    with live_app.app_context():  # a draft kept before such files were refused
        db.session.add(DiagramDraft(file="intake.bpmn", xml=POOLS_ONLY, updated_by="designer",
                                    updated_at=datetime(2026, 1, 5, tzinfo=timezone.utc)))
        db.session.commit()
    sign_in(page, "designer")
    page.goto(f"{page.base}/designer/diagrams/intake.bpmn")
    page.wait_for_selector("body[data-modeller-ready=unreadable]")
    assert status(page).startswith("intake.bpmn 无法显示为流程图： 其中只有泳池（协作）")
    assert "草稿保持原样" in status(page)
    assert page.is_visible("#xml-text") and page.input_value("#xml-text") == POOLS_ONLY
    shoot(page, "designer-stored-no-process-zh")
    page.click("#check")
    page.click("#xml-close")
    assert status(page).startswith("intake.bpmn 无法显示为流程图：") and page.is_visible("#xml-text")

    page.fill("#xml-text", intake_diagram(task="修好").decode())
    page.click("#xml-close")
    page.wait_for_selector("#canvas", state="visible")
    assert page.locator('.djs-element[data-element-id="register"] text').text_content() == "修好"
    assert check(page) == "ok" and page.is_enabled("#deploy")

    page.goto(f"{page.base}/designer/diagrams/intake.bpmn?lang=en")  # not saved: the stored draft is as it was
    page.wait_for_selector("body[data-modeller-ready=unreadable]")
    assert status(page).startswith("intake.bpmn cannot be shown as a diagram: It holds pools (a collaboration)")
    shoot(page, "designer-stored-no-process-en")
    assert real_errors(page) == []


def test_the_studio_s_lists_name_processes_in_the_page_s_language(page):
    sign_in(page, "designer")
    for lang, name in (("zh_CN", "登记"), ("en", "Intake")):
        page.goto(f"{page.base}/designer/?lang={lang}")
        assert page.locator("main table tbody tr td strong").first.inner_text() == name
        assert "登记 Intake" not in page.inner_text("main")
        shoot(page, f"designer-index-names-{lang}")
        page.goto(f"{page.base}/designer/processes/intake")
        assert page.inner_text("main h1") == f"{name} intake" and page.title().startswith(f"{name} ·")
        shoot(page, f"designer-versions-names-{lang}")
    assert real_errors(page) == []
