"""Statutory stage templates in the modeller: a stage of the regulation's diagrams, copied onto a new task."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import shoot, sign_in

pytestmark = pytest.mark.browser


def status(page) -> tuple[str, str]:
    return page.get_attribute("#status", "data-tone"), page.inner_text("#status")


def diagram_xml(page) -> str:
    page.click("#xml-view")
    xml = page.input_value("#xml-text")
    page.click("#xml-close")
    page.wait_for_selector("#canvas", state="visible")
    return xml


def new_process(page, key: str) -> None:
    page.goto(f"{page.base}/designer/")
    page.fill("#process_id", key)
    page.fill("#name", "试办")
    page.click("form[action$='/designer/new'] button[type=submit]")
    page.wait_for_selector("body[data-modeller-ready=true]")


def test_a_new_process_needs_only_its_form_at_its_first_check(page):
    sign_in(page, "designer")
    new_process(page, "fresh")
    assert page.locator(".djs-label", has_text="开始").count() == 1
    page.click("#check")
    page.wait_for_function("['ok', 'bad'].includes(document.getElementById('status').dataset.tone)")
    # bpmnlint has nothing to say of the starter (its events are named); this system asks for the form.
    (finding,) = page.locator("#problems li").all_inner_texts()
    assert "fresh_task" in finding and "camunda:formKey" in finding and "bpmnlint" not in finding


def test_a_stage_template_gives_a_new_task_its_article_form_properties_and_timer(page):
    sign_in(page, "designer")
    new_process(page, "trial")

    page.click("#apply-template")
    assert status(page) == ("bad", "请先选择一个法定环节模板。")
    page.select_option("#stage-template", "acceptance.bpmn#decide_acceptance")
    page.click("#apply-template")
    assert status(page)[0] == "bad" and "先在图上选中" in status(page)[1]

    page.click('.djs-element[data-element-id="trial_task"]')
    page.click("#apply-template")
    tone, said = status(page)
    assert tone == "ok" and "审查是否属本机关职权" in said and "1" in said
    timers = ".djs-shape[data-element-id^='Event_']:not([data-element-id$='_label'])"
    assert page.locator(timers).count() == 1  # the timer, on the task
    shoot(page, "designer-templates-applied")
    xml = diagram_xml(page)
    assert 'camunda:formKey="decide_acceptance"' in xml
    assert "第二十三条第三款" in xml
    assert '<camunda:property name="organ" value="handling_organ" />' in xml
    assert xml.count("<bpmn:boundaryEvent") == 1 and 'name="5个工作日内未提异议"' in xml
    assert "deadline(assigned_on, 5, 'working')" in xml

    page.select_option("#stage-template", "acceptance.bpmn#registration")  # two timers, one a reminder
    assert page.locator('.djs-element.selected[data-element-id="trial_task"]').count() == 1  # kept across the XML view
    page.click("#apply-template")
    xml = diagram_xml(page)
    assert xml.count("<bpmn:boundaryEvent") == 3 and xml.count('cancelActivity="false"') == 2
    assert "remind_before(deadline(received_on, 15), 3)" in xml

    page.click("#apply-template")  # again: the timers of the same names are set, not doubled
    assert diagram_xml(page).count("<bpmn:boundaryEvent") == 3
    # The stage passes this system's rules; what is left is to route its timers, as bpmnlint says.
    page.click("#check")
    page.wait_for_function("['ok', 'bad'].includes(document.getElementById('status').dataset.tone)")
    problems = page.locator("#problems li.error")
    assert problems.count() == 6 and all(
        text.startswith("bpmnlint") and re.search(r" Event_\w+：", text) for text in problems.all_inner_texts())
    shoot(page, "designer-templates-checked")
    assert page.errors == []
