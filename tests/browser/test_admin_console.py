"""The console in a real browser: instance diagrams with their markers, called processes, the dashboard's charts.

Screenshots go to test-artifacts/screenshots/admin-*.png.
"""
from __future__ import annotations


import pytest

from engine import current_clock, db
from engine.definitions import deploy
from processes.periods import CST
from tests.browser.conftest import served, shoot, sign_in
from tests.browser.diagram_badges import badges, crossings
from tests.conftest import make_app
from tests.console_data import (
    CONSOLE_CASE_REVISED,
    CONSOLE_CASE_WITHOUT_CHECK,
    FORMS,
    console_folder,
    deploy_console,
    register_petitions,
    start_cases,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def live_app(tmp_path):
    """The app on a SQLite file with the console's diagrams, petitions of a month, and three cases."""
    folder = console_folder()
    app = make_app(f"sqlite:///{tmp_path / 'console.sqlite3'}", XINFANG_BPMN_DIR=str(folder),
                   XINFANG_FORMS_DIR=str(FORMS))
    with app.app_context():
        from processes.demo_data import load_organs_and_users

        load_organs_and_users()
        db.session.commit()
        deploy_console(folder)
        register_petitions()
        app.config["CASES"] = start_cases(current_clock().now().astimezone(CST).date().isoformat())
    with served(app):
        yield app


def _clean(page) -> None:
    body = page.inner_text("body")
    assert "Traceback" not in body and "jinja2" not in body
    errors = [e for e in page.errors if "status of 404" not in e]  # the layout has no favicon yet
    assert not errors, errors
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1


def _markers(page, element: str, canvas: str = "") -> set[str]:
    """Return the classes of an element drawn on the page (in `canvas`, a selector, when it has two diagrams)."""
    return set(page.get_attribute(f'{canvas} g.djs-element[data-element-id="{element}"]'.strip(), "class").split())


def _open_instance(page, instance_id: int, process: str) -> None:
    page.goto(f"{page.base}/admin/instances/{instance_id}")
    page.wait_for_selector(f'#canvas[data-state="ready"][data-process="{process}"]')


def test_the_instance_page_marks_completed_active_and_timer_elements(page, live_app):
    sign_in(page, "admin")
    _open_instance(page, live_app.config["CASES"]["waiting"], "console_case")
    for element in ("start", "prepare", "gw"):
        assert "xf-completed" in _markers(page, element), element
    assert "xf-active" in _markers(page, "check") and "xf-timer" in _markers(page, "limit")
    for element in ("compute", "call_review", "end"):
        assert not {"xf-completed", "xf-active", "xf-error"} & _markers(page, element), element
    assert "期限 2026-02-09 24:00" in page.inner_text(".xf-due")  # the limit's due time beside the timer
    assert page.inner_text("h1").startswith("实例 #") and "运行中" in page.inner_text(".instance-head")
    shoot(page, "admin-instance-waiting")
    _clean(page)


def test_a_failed_step_is_marked_as_an_error_with_retry_beside_it(page, live_app):
    sign_in(page, "admin")
    _open_instance(page, live_app.config["CASES"]["failed"], "console_case")
    assert "xf-error" in _markers(page, "compute") and "xf-completed" in _markers(page, "gw")
    assert "xf-active" not in _markers(page, "check")
    assert "division by zero" in page.inner_text("#error") and page.is_visible("#retry-reason")
    shoot(page, "admin-instance-error")
    _clean(page)


def test_a_called_process_opens_in_place_with_its_own_markers(page, live_app):
    sign_in(page, "admin")
    _open_instance(page, live_app.config["CASES"]["called"], "console_case")
    assert {"xf-active", "xf-callable"} <= _markers(page, "call_review")
    assert "xf-completed" in _markers(page, "check")
    page.click('g.djs-element[data-element-id="call_review"]')
    page.wait_for_selector('#canvas[data-state="ready"][data-process="console_review"]')
    assert "xf-active" in _markers(page, "review") and "xf-completed" in _markers(page, "review_start")
    shoot(page, "admin-instance-called")
    page.click('#called button[data-process="console_case"]')  # back by the keyboard-usable bar
    page.wait_for_selector('#canvas[data-state="ready"][data-process="console_case"]')
    assert "xf-active" in _markers(page, "call_review")
    _clean(page)


def test_a_step_failed_inside_a_called_process_marks_the_call_activity_that_leads_to_it(page, live_app):
    from engine.definitions import deploy
    from engine.instances import start_instance
    from engine.tasks import TaskQuery, complete_task, list_tasks
    from tests.console_data import CONSOLE_CASE, CONSOLE_REVIEW

    broken_review = CONSOLE_REVIEW.replace(  # the called process now fails before its task
        '<bpmn:sequenceFlow id="r0" sourceRef="review_start" targetRef="review"/>',
        '<bpmn:sequenceFlow id="r0" sourceRef="review_start" targetRef="review_prep"/>'
        '<bpmn:scriptTask id="review_prep" name="准备复核" scriptFormat="python"><bpmn:script>share = 1 / 0'
        '</bpmn:script></bpmn:scriptTask>'
        '<bpmn:sequenceFlow id="r2" sourceRef="review_prep" targetRef="review"/>').replace(
        "</bpmndi:BPMNPlane>", '<bpmndi:BPMNShape id="s_review_prep" bpmnElement="review_prep">'
        '<dc:Bounds x="240" y="180" width="100" height="80"/></bpmndi:BPMNShape></bpmndi:BPMNPlane>')
    with live_app.app_context():
        deploy({"console_case.bpmn": CONSOLE_CASE.encode(), "console_review.bpmn": broken_review.encode()}, "test")
        today = current_clock().now().astimezone(CST).date().isoformat()
        case = start_instance("console_case", "XF-TEST-4", {"received_on": today, "mode": "plain"}, "admin")
        (task,) = list_tasks(TaskQuery(instance=case.id))[0]
        complete_task(task.id, {}, "handler")
        db.session.commit()
        case_id = case.id
    sign_in(page, "admin")
    _open_instance(page, case_id, "console_case")
    assert "xf-error" in _markers(page, "call_review")  # seen from the main diagram
    failed = page.locator('#called button[data-process="console_review"]')
    assert "出错" in failed.inner_text() and failed.get_attribute("title") == "该流程中有步骤出错"
    assert page.locator('#called button[data-process="console_case"] .badge').count() == 1  # it calls the failure
    failed.click()
    page.wait_for_selector('#canvas[data-state="ready"][data-process="console_review"]')
    assert "xf-error" in _markers(page, "review_prep")
    shoot(page, "admin-instance-failed-inside-call")
    _clean(page)


def test_suspending_from_the_page_and_a_refusal_shown_inline(page, live_app):
    sign_in(page, "admin")
    _open_instance(page, live_app.config["CASES"]["waiting"], "console_case")
    page.fill("#suspend-reason", "核实材料")
    page.click("form[action$='/suspend'] button")
    page.wait_for_selector(".flash-success")
    assert "案件已挂起" in page.inner_text(".flash-success")
    assert page.is_visible("#data-text") and page.is_visible("#resume-reason")
    shoot(page, "admin-instance-suspended")
    page.fill("#data-reason", "")
    page.click("form[action$='/data'] button")  # the browser asks for the reason first
    assert page.evaluate("document.querySelector('#data-reason').validity.valueMissing")
    _clean(page)


def test_terminating_asks_first_and_a_no_leaves_the_case_running(page, live_app):
    sign_in(page, "admin")
    waiting = live_app.config["CASES"]["waiting"]
    _open_instance(page, waiting, "console_case")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.fill("#terminate-reason", "信访人撤回")
    page.click("form[action$='/terminate'] button")
    assert asked and asked[0].startswith(f"终止案件 #{waiting}（XF-TEST-1）？") and "不可撤销" in asked[0]
    assert "运行中" in page.inner_text(".instance-head")  # nothing was sent
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("form[action$='/terminate'] button")
    page.wait_for_selector(".flash-success")
    assert "已终止" in page.inner_text(".instance-head")

    page.goto(f"{page.base}/admin/instances")
    page.check(f"#tick-{live_app.config['CASES']['called']}")
    page.check(f"#tick-{live_app.config['CASES']['failed']}")
    page.select_option("#b-action", "terminate")
    page.fill("#b-reason", "集中清理")
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("#batch-submit")
    assert asked[-1] == "对已勾选的 2 件案件执行「终止」？此操作不可撤销。"
    assert page.url.endswith("/admin/instances")  # still the list: nothing was terminated
    _clean(page)


def test_going_back_to_an_earlier_step_asks_first_and_the_diagram_shows_the_step_active_again(page, live_app):
    sign_in(page, "admin")
    called = live_app.config["CASES"]["called"]
    _open_instance(page, called, "console_case")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.fill("#rewind-reason", "登记有误")
    page.click("#rewind button")
    assert asked and asked[0].startswith(f"确定将案件 #{called}（XF-TEST-3）回退到所选环节吗？")
    shoot(page, "admin-instance-rewind")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#rewind button")
    page.wait_for_selector(".flash-success")
    page.wait_for_selector('#canvas[data-state="ready"]')
    assert "案件已回退到所选环节" in page.inner_text(".flash-success")
    assert "回退到已完成环节" in page.inner_text("#history")
    page.goto(f"{page.base}/admin/instances/{called}?lang=en")
    page.wait_for_selector('#canvas[data-state="ready"]')
    assert "Went back to an earlier step" in page.inner_text("#history")
    shoot(page, "admin-instance-rewound-english")
    _clean(page)


def test_the_dashboard_draws_its_charts_each_with_a_table(page, live_app):
    sign_in(page, "admin")
    page.goto(f"{page.base}/admin/statistics?year=2026")
    page.wait_for_function("document.querySelectorAll('figure.chart[data-state=ready]').length === 6")
    drawn = page.evaluate("""[...document.querySelectorAll('canvas[data-chart]')].map(c => {
        const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let ink = 0; for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) ink++;
        return [c.chart.config.type, c.chart.data.labels.length, ink > 500]; })""")
    assert [d[0] for d in drawn] == ["bar"] * 6 and all(d[2] for d in drawn)
    assert drawn[0][1] == 12  # twelve months
    assert page.locator("section.chart-card details table").count() == 6
    labels = page.evaluate("document.querySelector('#on_time canvas').chart.data.labels.join()")
    assert "柳溪县信访局 · 登记转送" in labels
    shoot(page, "admin-statistics")
    _clean(page)


def test_the_list_the_report_and_the_calendar_read_well(page, live_app):
    sign_in(page, "admin")
    page.goto(f"{page.base}/admin/instances")
    page.check("#tick-all")
    assert "已勾选" in page.inner_text("#selected-count")
    shoot(page, "admin-instances")
    _clean(page)
    page.goto(f"{page.base}/admin/report/print?year=2026&organ=JN-QS-LX-XFJ")
    assert "柳溪县信访局 2026年度信访情况报告" in page.inner_text("h1")
    shoot(page, "admin-report-print")
    _clean(page)
    page.emulate_media(media="print")  # what the printer gets: the sheet alone, no navigation or buttons
    assert page.is_hidden(".topbar") and page.is_hidden("#print-button") and page.is_visible(".annual-report")
    shoot(page, "admin-report-printed")
    page.emulate_media(media="screen")
    page.goto(f"{page.base}/admin/")
    assert "管理控制台" in page.inner_text("h1")
    shoot(page, "admin-overview")
    _clean(page)
    page.goto(f"{page.base}/admin/calendar/2026")
    shoot(page, "admin-calendar-2026")
    _clean(page)
    page.goto(f"{page.base}/admin/instances/{live_app.config['CASES']['waiting']}?lang=en")
    page.wait_for_selector('#canvas[data-state="ready"]')
    assert "Where the case stands" in page.inner_text("body") and "案件所处位置" not in page.inner_text("body")
    shoot(page, "admin-instance-english")
    _clean(page)


def test_the_migration_page_marks_both_diagrams_and_migrates_once_confirmed(page, live_app):
    with live_app.app_context():
        version = deploy({"console_case.bpmn": CONSOLE_CASE_REVISED.encode()}, "designer").deployed[0].version
        db.session.commit()
    waiting = live_app.config["CASES"]["waiting"]
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "admin")
    page.goto(f"{page.base}/admin/instances/{waiting}")
    page.click("#migrate button[type=submit]")  # the newest version is chosen
    page.wait_for_selector("body[data-diff-ready=true]")
    assert page.inner_text("h1") == f"迁移案件 #{waiting}：第 1 版 → 第 {version} 版"
    assert "xf-removed" in _markers(page, "note_late", "#old-canvas")
    assert "xf-added" in _markers(page, "notify", "#new-canvas") and "xf-changed" in _markers(page, "f5", "#new-canvas")
    # The check and its 15-day limit, a boundary event on the check: two badges, apart, on neither name.
    assert badges(page, "#old-canvas") == {"check": "在此", "limit": "在此"} == badges(page, "#new-canvas")
    assert crossings(page, "#old-canvas") == [] and crossings(page, "#new-canvas") == []
    shoot(page, "admin-migration")
    _clean(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_selector("body[data-diff-ready=true]")
    shoot(page, "admin-migration-phone")
    _clean(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{page.base}/admin/instances/{waiting}/migration?version={version}&lang=en")
    page.wait_for_selector("body[data-diff-ready=true]")
    assert "What differs between the versions" in page.inner_text("body")
    shoot(page, "admin-migration-english")
    _clean(page)
    page.fill("#migrate-reason", "Tell the petitioner after the check")
    page.click("#migrate button[type=submit]")
    page.wait_for_url(f"**/admin/instances/{waiting}")
    assert "The case now runs on the chosen version." in page.inner_text("body")
    assert f"v{version}" in page.inner_text(".instance-head")


def test_a_batch_migration_shows_each_case_and_flags_one_without_a_counterpart(page, live_app):
    with live_app.app_context():
        version = deploy({"console_case.bpmn": CONSOLE_CASE_WITHOUT_CHECK.encode()}, "designer").deployed[0].version
        db.session.commit()
    cases = live_app.config["CASES"]
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "admin")
    page.goto(f"{page.base}/admin/instances?process=console_case")
    for name in ("waiting", "failed", "called"):
        page.check(f"#tick-{cases[name]}")
    page.select_option("#b-action", "migrate")
    page.fill("#b-reason", "统一升级")
    page.click("#batch-submit")
    page.wait_for_selector("#migration-summary")
    assert page.inner_text("#migration-summary") == "勾选 3 件：2 件可迁移到其流程的最新版本；1 件将被拒绝。"
    flagged = page.locator(f'tr.missing[data-instance="{cases["waiting"]}"]')
    assert "无对应元素" in flagged.inner_text() and "check" in flagged.inner_text()
    shoot(page, "admin-batch-migration")
    _clean(page)
    page.click("#batch-migrate button[type=submit]")
    assert "共 3 件，完成 2 件，被拒绝 1 件" in page.inner_text(".summary")
    assert f"第 {version} 版缺少该案件当前所处的流程元素" in page.inner_text("table.results")
    page.goto(f"{page.base}/admin/instances/{cases['waiting']}/migration")
    page.wait_for_selector("body[data-diff-ready=true]")
    assert "请先让案件越过这些环节" in page.inner_text("#migrate-refused") and page.locator("#migrate").count() == 0
    assert badges(page, "#old-canvas") == {"check": "新版无", "limit": "在此"}
    assert "check" not in badges(page, "#new-canvas")
    shoot(page, "admin-migration-refused")
    _clean(page)


def _lines(page, selector: str) -> int:
    """Return on how many lines the text of an element is laid out."""
    return page.evaluate("""(selector) => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector(selector));
        return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
    }""", selector)


def test_the_history_gives_who_what_and_why_room_beside_long_details(page, live_app):
    import json

    sign_in(page, "admin")
    _open_instance(page, live_app.config["CASES"]["called"], "console_case")
    page.fill("form[action$='/suspend'] input[name=reason]", "核查")
    page.click("form[action$='/suspend'] button[type=submit]")
    page.wait_for_selector("form[action$='/data'] textarea")
    data = json.loads(page.input_value("form[action$='/data'] textarea"))
    page.fill("form[action$='/data'] textarea", json.dumps({**data, "note": "信访人补充材料说明" * 40},
                                                           ensure_ascii=False))
    page.fill("form[action$='/data'] input[name=reason]", "核查材料真实性")
    page.click("form[action$='/data'] button[type=submit]")
    page.wait_for_selector("#history tr.event-data_changed")
    assert _lines(page, "#history tr.event-data_changed td:nth-child(5)") == 1  # the reason
    assert _lines(page, "#history tr.event-data_changed td:nth-child(3)") == 1  # what happened
    shoot(page, "admin-instance-history")
    _clean(page)
