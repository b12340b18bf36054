"""The designer's studio in a real Chromium: model, check, deploy, start, compare, edit a form.

Test instances are started with the studio's own "Start test instance" button on the versions
page (a designer's action, no API call).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser.conftest import served, shoot, sign_in
from tests.web.test_designer_setup import DECIDE, START_DATA, designer_app

pytestmark = pytest.mark.browser


@pytest.fixture
def live_app(tmp_path):
    """The app with the intake diagram deployed as version 1, served in a background thread."""
    with served(designer_app(f"sqlite:///{tmp_path / 'browser.sqlite3'}", tmp_path)) as app:
        yield app


def real_errors(page, expected: tuple[str, ...] = ()) -> list[str]:
    # The browser asks every site for /favicon.ico; this app has none, which is no fault of the page.
    # Chromium also logs each refused request (a 422 the test asked for) as a console error.
    allowed = ("404 (NOT FOUND)", *expected)
    return [e for e in page.errors if not any(words in e for words in allowed)]


def start_test_instance(page, version: int, key: str) -> None:
    page.select_option("#version", str(version))
    page.fill("#business_key", key)
    page.fill("#data", json.dumps(START_DATA))
    page.click("#start-test")
    page.wait_for_selector(".flash-success")


def open_modeller(page, file: str = "intake.bpmn") -> None:
    page.goto(f"{page.base}/designer/diagrams/{file}")
    page.wait_for_selector("body[data-modeller-ready=true]")


def properties_of(page, element: str, group: str | None = None) -> None:
    page.click(f'.djs-element[data-element-id="{element}"]')
    if group:
        header = page.locator(f'[data-group-id="{group}"] .bio-properties-panel-group-header')
        if "open" not in (header.get_attribute("class") or ""):
            header.click()


def check(page) -> str:
    page.click("#check")
    page.wait_for_function("['ok', 'bad'].includes(document.getElementById('status').dataset.tone)")
    return page.get_attribute("#status", "data-tone")


def test_a_designer_changes_a_task_and_its_timer_deploys_and_old_cases_stay(page):
    sign_in(page, "designer")
    page.goto(f"{page.base}/designer/processes/intake")
    start_test_instance(page, 1, "old-case")

    open_modeller(page)
    properties_of(page, "register", "group-general")
    page.fill("#bio-properties-panel-name", "登记并转送")
    properties_of(page, "limit", "group-timer")
    page.fill("#bio-properties-panel-timerEventDefinitionValue", "deadline(received_on, 10)")
    page.click('.djs-element[data-element-id="forward"]')  # leave the field, as a designer does
    assert page.locator('.djs-element[data-element-id="register"] text').text_content() == "登记并转送"
    assert check(page) == "ok" and page.is_enabled("#deploy")
    assert page.locator("#problems li.error").count() == 0
    shoot(page, "designer-1-checked")

    page.click("#deploy")
    page.wait_for_function("document.getElementById('status').textContent.includes('intake v2')")
    # Each deployed process has its line (a changed called process deploys its callers with it).
    assert page.eval_on_selector("#status .xf-status-line", "line => getComputedStyle(line).display") == "block"
    shoot(page, "designer-2-deployed")

    page.click("#status a")
    start_test_instance(page, 2, "new-case")
    assert "new-case" in page.inner_text("#v2") and "old-case" not in page.inner_text("#v2")
    assert "old-case" in page.inner_text("#v1") and "new-case" not in page.inner_text("#v1")
    assert "1" in page.inner_text("#v1 .instance-count")
    shoot(page, "designer-3-versions")

    page.click("#v2 >> text=v1")
    page.wait_for_selector("body[data-diff-ready=true]")
    changed = {row.get_attribute("data-element") for row in page.query_selector_all("#changes tr[data-kind=changed]")}
    assert changed == {"register", "limit"}
    assert page.locator('#new-canvas .djs-element.xf-changed[data-element-id="limit"]').count() == 1
    shoot(page, "designer-4-diff")
    assert real_errors(page) == []


def test_problems_are_marked_on_the_diagram_and_lead_to_their_element(page):
    sign_in(page, "designer")
    open_modeller(page)
    properties_of(page, "register", "group-CamundaPlatform__Form")
    page.fill("#bio-properties-panel-formKey", "")
    page.click('.djs-element[data-element-id="forward"]')
    assert check(page) == "bad" and not page.is_enabled("#deploy")
    assert page.locator('.djs-element.xf-problem[data-element-id="register"]').count() == 1
    problem = page.locator("#problems li.error", has_text="register")
    assert "form" in problem.inner_text().lower() or "表单" in problem.inner_text()
    problem.locator("button").click()
    page.wait_for_selector('.djs-element.selected[data-element-id="register"]')
    assert "登记" in page.inner_text(".bio-properties-panel-header")
    shoot(page, "designer-5-problems")
    assert real_errors(page) == []


def test_the_form_editor_previews_and_refuses_to_drop_a_field_a_condition_reads(page):
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, "designer")
    page.goto(f"{page.base}/designer/forms/decide")
    page.wait_for_selector("body[data-form-editor-ready=true]")
    page.wait_for_selector("#preview input[type=radio]")
    assert "f_forward" in page.inner_text('.xf-field-card[data-field="route"] .xf-readers')
    page.locator('.xf-field-card[data-field="route"] button.danger').click()
    page.wait_for_function("!document.querySelector('#preview input[type=radio]')")
    page.click("#save")
    page.wait_for_selector("#form-problems li")
    assert "f_forward" in page.inner_text("#form-problems")
    shoot(page, "designer-6-form-refused")

    page.reload()
    page.wait_for_selector("body[data-form-editor-ready=true]")
    page.locator('.xf-field-card[data-field="note"] [data-role=title-en]').fill("Remarks")
    page.click('[data-locale="en"]')
    page.wait_for_function("document.getElementById('preview').textContent.includes('Remarks')")
    page.click("#save")
    page.wait_for_function("document.getElementById('form-status').textContent.length > 0 "
                           "&& !document.getElementById('form-problems').children.length")
    shoot(page, "designer-7-form-saved")
    assert real_errors(page, expected=("422 (UNPROCESSABLE ENTITY)",)) == []


def test_the_modeller_needs_no_network_beyond_this_server(page):
    asked_elsewhere = []
    page.context.route(lambda url: not url.startswith(page.base),
                       lambda route: (asked_elsewhere.append(route.request.url), route.abort()))
    sign_in(page, "designer")
    open_modeller(page)
    page.wait_for_load_state("networkidle")
    assert page.locator(".djs-palette-entries").is_visible() and page.locator(".bio-properties-panel").count() == 1
    assert check(page) == "ok"
    assert asked_elsewhere == [] and real_errors(page) == []


def test_leaving_the_modeller_with_unsaved_changes_asks_first(page):
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    sign_in(page, "designer")
    open_modeller(page)
    properties_of(page, "register", "group-general")
    page.fill("#bio-properties-panel-name", "登记并转送")
    page.click('.djs-element[data-element-id="forward"]')
    page.click(".xf-toolbar a")  # "Back to process design"
    page.wait_for_timeout(300)  # the dismissed dialog leaves the page where it was; nothing else to wait for
    assert asked == ["beforeunload"] and "/designer/diagrams/intake.bpmn" in page.url
    assert page.locator('.djs-element[data-element-id="register"] text').text_content() == "登记并转送"

    page.click("#save-draft")
    page.wait_for_function("document.getElementById('status').dataset.tone === 'ok'")
    page.click(".xf-toolbar a")
    page.wait_for_url(f"{page.base}/designer/")
    assert asked == ["beforeunload"] and "intake.bpmn" in page.inner_text(".xf-drafts")


def test_leaving_the_form_editor_with_unsaved_changes_asks_first(page):
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    sign_in(page, "designer")
    page.goto(f"{page.base}/designer/forms/decide")
    page.wait_for_selector("body[data-form-editor-ready=true]")
    page.goto(f"{page.base}/designer/forms/")  # nothing changed: no question
    assert asked == []

    page.goto(f"{page.base}/designer/forms/decide")
    page.wait_for_selector("body[data-form-editor-ready=true]")
    page.locator('.xf-field-card[data-field="note"] [data-role=title-en]').fill("Remarks")
    page.click('main a[href="/designer/forms/"]')  # the breadcrumb back to the forms
    page.wait_for_timeout(300)  # the dismissed dialog leaves the page where it was
    assert asked == ["beforeunload"] and "/designer/forms/decide" in page.url
    assert page.locator('.xf-field-card[data-field="note"] [data-role=title-en]').input_value() == "Remarks"


def test_a_field_renamed_to_another_s_name_is_refused_and_both_fields_stay(page, live_app):
    sign_in(page, "designer")
    page.goto(f"{page.base}/designer/forms/decide")
    page.wait_for_selector("body[data-form-editor-ready=true]")
    form = Path(live_app.config["XINFANG_FORMS_DIR"]) / "decide.json"
    before = form.read_text(encoding="utf-8")
    page.locator('.xf-field-card[data-field="note"] [data-role=name]').fill("route")
    page.wait_for_selector("#preview-problems li")
    assert "route" in page.inner_text("#preview-problems")
    page.click("#save")
    page.wait_for_selector("#form-problems li")
    assert "两个字段都叫“route”" in page.inner_text("#form-problems")
    assert page.locator(".xf-field-card.invalid").count() == 2  # both cards, neither dropped
    assert form.read_text(encoding="utf-8") == before
    page.locator('.xf-field-card[data-field="route"] [data-role=name]').nth(1).fill("note")
    page.wait_for_function("!document.querySelector('#preview-problems li')")
    assert page.locator(".xf-field-card.invalid").count() == 0


def test_a_form_saved_keeps_its_keywords_in_their_order(page, live_app):
    # The file is kept under version control: a save that sorted every keyword would show as a rewrite.
    sign_in(page, "designer")
    page.goto(f"{page.base}/designer/forms/decide")
    page.wait_for_selector("body[data-form-editor-ready=true]")
    page.locator('.xf-field-card[data-field="note"] [data-role=title-en]').fill("Remarks")
    page.click("#save")
    page.wait_for_function("document.getElementById('form-status').textContent.length > 0 "
                           "&& !document.getElementById('form-problems').children.length")
    expected = json.loads(json.dumps(DECIDE))
    expected["properties"]["note"]["title"]["en"] = "Remarks"
    saved = (Path(live_app.config["XINFANG_FORMS_DIR"]) / "decide.json").read_text(encoding="utf-8")
    assert json.dumps(json.loads(saved), ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


def test_a_form_saved_elsewhere_meanwhile_is_replaced_only_when_the_designer_says_so(page, live_app):
    answers = iter([False, True])
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept() if next(answers) else dialog.dismiss()

    page.on("dialog", answer)
    sign_in(page, "designer")
    page.goto(f"{page.base}/designer/forms/decide")
    page.wait_for_selector("body[data-form-editor-ready=true]")
    form = Path(live_app.config["XINFANG_FORMS_DIR"]) / "decide.json"
    theirs = json.loads(json.dumps(DECIDE))
    theirs["properties"]["note"]["title"]["en"] = "Their note"
    form.write_text(json.dumps(theirs, ensure_ascii=False), encoding="utf-8")  # another designer's save

    page.locator('.xf-field-card[data-field="note"] [data-role=title-en]').fill("My note")
    page.click("#save")
    page.wait_for_function("document.getElementById('form-status').textContent.includes('没有保存')")
    assert "打开表单 decide 之后，有人保存了它" in asked[0]
    assert json.loads(form.read_text(encoding="utf-8")) == theirs
    page.click("#save")
    page.wait_for_function("document.getElementById('form-status').textContent.includes('已保存')")
    assert json.loads(form.read_text(encoding="utf-8"))["properties"]["note"]["title"]["en"] == "My note"
    assert len(asked) == 2


def test_a_draft_saved_elsewhere_meanwhile_is_replaced_only_when_the_designer_says_so(page):
    answers = iter([False, True])
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept() if next(answers) else dialog.dismiss()

    page.on("dialog", answer)
    sign_in(page, "designer")
    open_modeller(page)
    # another tab (or another designer) saves a draft of the same file after this page opened it
    page.evaluate("""async () => {
      const config = JSON.parse(document.getElementById('designer-config').textContent);
      await fetch(config.urls.draft, {method: 'POST', headers: {'Content-Type': 'application/json',
        'X-CSRF-Token': config.csrf}, body: JSON.stringify({xml: config.xml.replace('登记', 'Elsewhere')})});
    }""")
    properties_of(page, "register", "group-general")
    page.fill("#bio-properties-panel-name", "登记并转送")
    page.click('.djs-element[data-element-id="forward"]')

    page.click("#save-draft")
    page.wait_for_function("document.getElementById('status').dataset.tone === 'bad'")
    assert len(asked) == 1 and "designer" in asked[0] and "intake.bpmn" in asked[0]
    assert "Elsewhere" in page.request.get(f"{page.base}/designer/diagrams/intake.bpmn").text()  # theirs stays

    page.click("#save-draft")
    page.wait_for_function("document.getElementById('status').dataset.tone === 'ok'")
    assert len(asked) == 2
    saved = page.request.get(f"{page.base}/designer/diagrams/intake.bpmn").text()
    assert "Elsewhere" not in saved and "\\u767b\\u8bb0\\u5e76\\u8f6c\\u9001" in saved  # 登记并转送, as the page's JSON
    page.click("#save-draft")  # its own save again: no question
    page.wait_for_function("document.getElementById('status').dataset.tone === 'ok'")
    assert len(asked) == 2 and real_errors(page, expected=("409 (CONFLICT)",)) == []


def test_a_draft_is_discarded_only_once_the_designer_confirms(page):
    answers = iter([False, True])
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message),
                                      dialog.accept() if next(answers) else dialog.dismiss()))
    sign_in(page, "designer")
    open_modeller(page)
    page.click("#save-draft")
    page.wait_for_function("document.getElementById('status').dataset.tone === 'ok'")
    page.goto(f"{page.base}/designer/")
    page.click(".xf-drafts button")
    page.wait_for_timeout(300)  # a dismissed question sends nothing; there is no answer to wait for
    assert len(asked) == 1 and "intake.bpmn" in asked[0] and "intake.bpmn" in page.inner_text(".xf-drafts")
    page.click(".xf-drafts button")
    page.wait_for_selector(".flash-info")
    assert len(asked) == 2 and page.locator(".xf-drafts").count() == 0


def test_the_form_editor_names_each_reading_expression_once_with_its_versions(page):
    sign_in(page, "designer")
    page.goto(f"{page.base}/designer/processes/intake")
    start_test_instance(page, 1, "old-case")  # an open case keeps version 1 among the readers
    open_modeller(page)
    deployed = page.evaluate("""async () => {
      const config = JSON.parse(document.getElementById('designer-config').textContent);
      const xml = config.xml.replace('登记', '登记二');
      const response = await fetch(config.urls.deploy, {method: 'POST', headers: {'Content-Type': 'application/json',
        'X-CSRF-Token': config.csrf}, body: JSON.stringify({file: config.file, xml})});
      return response.status;
    }""")
    assert deployed == 200
    page.goto(f"{page.base}/designer/forms/decide")
    page.wait_for_selector("body[data-form-editor-ready=true]")
    lines = page.locator('.xf-field-card[data-field="route"] .xf-readers li')
    assert lines.count() == 1 and "f_forward" in lines.inner_text() and "intake v1, intake v2" in lines.inner_text()


def test_the_xml_view_edits_the_diagram_and_unreadable_xml_leaves_it_as_it_was(page):
    sign_in(page, "designer")
    open_modeller(page)
    page.click("#xml-view")
    assert page.is_visible("#xml-text") and not page.is_visible("#canvas")
    xml = page.input_value("#xml-text")
    assert 'id="register"' in xml and "<bpmndi:BPMNDiagram" in xml

    page.fill("#xml-text", xml.replace("bpmn:definitions", "bpmn:definitionz"))
    page.click("#xml-apply")
    assert page.get_attribute("#status", "data-tone") == "bad"
    assert "XML" in page.inner_text("#status") and page.is_visible("#xml-text")
    shoot(page, "designer-6-xml-refused")
    page.click("#xml-close")  # unreadable text: the designer stays with it to mend it
    assert page.is_visible("#xml-text") and "definitionz" in page.input_value("#xml-text")

    renamed = re.sub(r'(id="register" name=")[^"]*"', r'\1登记（XML）"', xml)
    assert renamed != xml
    page.fill("#xml-text", renamed)
    page.click("#xml-close")  # going back applies the text
    page.wait_for_selector("#canvas", state="visible")
    assert page.get_attribute("#xml-view", "aria-pressed") == "false"
    assert page.locator('.djs-element[data-element-id="register"] text').text_content() == "登记（XML）"
    assert not page.is_enabled("#deploy")  # what was checked is not what is shown now
    assert check(page) == "ok" and page.is_enabled("#deploy")
    shoot(page, "designer-7-xml-applied")
    assert real_errors(page) == []


def test_bpmnlint_findings_read_in_the_pages_language(page):
    sign_in(page, "designer")
    open_modeller(page)
    assert check(page) == "ok"  # a warning does not stop a deploy
    finding = page.locator("#problems li.warning", has_text="done")
    assert "多条流入的顺序流没有经网关汇合" in finding.inner_text() and "fake-join" in finding.inner_text()
    assert "done：" in finding.inner_text()  # the Chinese page's colon after the element

    page.goto(f"{page.base}/designer/diagrams/intake.bpmn?lang=en")
    page.wait_for_selector("body[data-modeller-ready=true]")
    assert check(page) == "ok"
    assert "done: Incoming flows do not join" in page.locator("#problems li.warning", has_text="done").inner_text()
    assert real_errors(page) == []


def test_the_modeller_keeps_to_a_phone_s_width(page):
    sign_in(page, "designer")
    page.set_viewport_size({"width": 390, "height": 844})
    for lang in ("zh_CN", "en"):
        page.goto(f"{page.base}/designer/diagrams/intake.bpmn?lang={lang}")
        page.wait_for_selector("body[data-modeller-ready=true]")
        # The help's long function signatures and timer examples wrap; the page does not scroll sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, lang
        assert page.locator("#results").bounding_box()["width"] <= 390
    shoot(page, "designer-modeller-phone")


def test_changing_a_task_s_type_and_its_timer_s_settings_read_in_chinese(page):
    # The change-type menu and the properties panel's entries the studio shows: no English among them.
    sign_in(page, "designer")
    open_modeller(page)
    page.click('.djs-element[data-element-id="register"]')
    page.click('.djs-context-pad .entry[data-action="replace"]')
    page.wait_for_selector(".djs-popup .entry")
    entries = [text.strip() for text in page.locator(".djs-popup .entry").all_inner_texts() if text.strip()]
    assert entries and [text for text in entries if not re.search(r"[\u4e00-\u9fff]", text)] == []
    page.keyboard.press("Escape")
    properties_of(page, "limit", "group-CamundaPlatform__JobExecution")
    page.click('[data-group-id="group-CamundaPlatform__AsynchronousContinuations"] .bio-properties-panel-group-header')
    panel = page.inner_text("#properties")
    assert "重试时间周期" in panel and "之前" in panel and "Retry time cycle" not in panel


def test_ctrl_s_saves_the_draft_and_the_form(page, live_app):
    sign_in(page, "designer")
    open_modeller(page)
    properties_of(page, "register", "group-general")
    page.fill("#bio-properties-panel-name", "登记（快捷键）")
    page.click("#canvas", position={"x": 20, "y": 20})
    page.keyboard.press("Control+s")
    page.wait_for_function("document.getElementById('status').dataset.tone === 'ok'")
    assert page.inner_text("#status") == "草稿已保存。"
    with live_app.app_context():
        from engine.drafts import find_draft

        assert "登记（快捷键）" in find_draft("intake.bpmn").xml

    page.goto(f"{page.base}/designer/forms/decide")
    page.wait_for_selector("body[data-form-editor-ready=true]")
    page.locator('.xf-field-card[data-field="note"] [data-role=title-en]').fill("Remarks")
    page.keyboard.press("Control+s")
    page.wait_for_function("document.getElementById('form-status').textContent.includes('已保存')")
    form = Path(live_app.config["XINFANG_FORMS_DIR"]) / "decide.json"
    assert json.loads(form.read_text(encoding="utf-8"))["properties"]["note"]["title"]["en"] == "Remarks"
