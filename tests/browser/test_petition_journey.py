"""A petition's whole journey in a real browser, each person at their own page.

The petitioner submits online and follows the case on the portal with number and query code; the
registrar registers and forwards it; the labour bureau accepts it, investigates and drafts the
opinion, its head approves and the handler serves it; the petitioner reads the reply, evaluates
the handling and asks for review; the city bureau reviews and serves its opinion.

Screenshots of every page go to test-artifacts/screenshots/journey-*.png.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import shoot

pytestmark = pytest.mark.browser

COUNTY_BUREAU = "柳溪县人力资源和社会保障局"
CITY_BUREAU = "青山市人力资源和社会保障局"


def no_trace(page) -> None:
    """Fail when the page shows a stack trace, logs a script error or overflows sideways."""
    text = page.inner_text("body")
    assert "Traceback" not in text and "jinja2" not in text
    # The layout has no favicon yet; the browser's request for it is not an error of these pages.
    errors = [e for e in page.errors if "status of 404" not in e]
    assert not errors, errors
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, "the page overflows sideways"
    # A Chinese page says everything in Chinese: no English words, user names or keys in its content.
    english = re.findall(r"[A-Za-z]*[a-z][A-Za-z]*(?:[-:_][A-Za-z0-9]+)*", page.inner_text("main"))
    assert not english, f"English left on {page.url}: {english}"


def snap(page, name: str) -> None:
    """Screenshot the page and check it is whole."""
    shoot(page, name)
    no_trace(page)


def today_of(app) -> str:
    """Return the simulated clock's date in China Standard Time, as the date fields take it."""
    from processes.petitions.models import today

    with app.app_context():
        return today().isoformat()


def as_user(page, username: str) -> None:
    """Sign in and wait until the sign-in page is left."""
    page.goto(f"{page.base}/login")
    page.fill("#username", username)
    page.fill("#password", username)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/login" not in page.url, page.inner_text("body")[:500]


def inbox_row(page, title: str, number: str):
    """Return the inbox row of a task of this case, after checking it is listed."""
    row = page.locator("table.inbox tbody tr", has_text=number).filter(has_text=title)
    assert row.count() == 1, f"{title} of {number} is not in {page.url}: {page.inner_text('main')[:800]}"
    return row


def open_from_inbox(page, title: str, number: str, shot: str) -> None:
    """Find the task in the group's list, screenshot the inbox, open the task and claim it."""
    page.goto(f"{page.base}/tasks/?tab=group")
    row = inbox_row(page, title, number)
    snap(page, shot + "-inbox")
    row.locator("a strong", has_text=title).click()
    page.wait_for_selector("form.task-form")
    claim(page)


def claim(page) -> None:
    """Claim the task on its page; the page says it is held now."""
    page.click("form[action$='/claim'] button")
    page.wait_for_load_state()
    assert page.locator(".flash-success").count() == 1, page.inner_text("main")[:500]
    assert page.locator("form[action$='/release']").count() == 1


def choose(page, field: str, label: str) -> None:
    """Tick the radio button of a choice field by the words it shows."""
    page.locator(f"fieldset#f-{field}").get_by_label(label, exact=True).check()


def pick(page, label: str, option: str) -> None:
    """Choose an option of the task form's drop-down list with this label, by the words it shows."""
    page.locator("form.task-form").get_by_label(label, exact=True).select_option(label=option)


def shown(page, label: str) -> str:
    """Return what a read-only field of the task form shows, checking that it cannot be edited."""
    field = page.locator("form.task-form").get_by_label(label, exact=True)
    assert field.get_attribute("readonly") is not None and field.get_attribute("name") is None, label
    return field.input_value()


def write(page, label: str, value: str) -> None:
    """Type into the task form's field with this label."""
    page.locator("form.task-form").get_by_label(label, exact=True).fill(value)


def complete(page, title: str, shot: str) -> None:
    """Screenshot the filled form, complete the task and confirm the question the page asks."""
    snap(page, shot)
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    invalid = page.evaluate("[...document.querySelectorAll('form.task-form :invalid')].map(e => e.id || e.name)")
    assert not invalid, f"the browser refuses to send the form: {invalid}"
    page.click("form.task-form button[value=complete]")
    page.wait_for_load_state()
    flash = page.locator(".flash-success")
    assert flash.count() == 1 and title in flash.inner_text(), page.inner_text("main")[:1500]
    assert asked and "办结" in asked[0], asked


def task_heading(page) -> str:
    """Return the title of the task page now shown."""
    page.wait_for_selector("form.task-form")
    return page.inner_text("h1")


def submit_online(page) -> tuple[str, str]:
    """Submit a petition on the portal; return its registration number and query code."""
    page.goto(f"{page.base}/portal/")
    snap(page, "journey-01-portal")
    page.click("a.button.primary")
    page.wait_for_load_state()
    page.fill("#f-petitioners-0-name", "周丽")
    page.fill("#f-petitioners-0-id_number", "330101199001011238")
    page.fill("#f-petitioners-0-phone", "13800000001")
    page.fill("#f-petitioners-0-address", "柳溪县桃源镇幸福村5号")
    page.select_option("#f-receiving_organ", "JN-QS-LX-XFJ")
    page.select_option("#f-category", "labour")
    page.fill("#f-request", "请求责令青山建材有限公司支付拖欠的工资三万元。")
    page.fill("#f-facts", "本人于2025年在青山建材有限公司工作八个月，公司至今拖欠工资三万元未付。")
    snap(page, "journey-02-submit-form")
    page.click("button.primary")  # reasons left blank: the browser or the server says so
    page.wait_for_load_state()
    page.fill("#f-reasons", "依照劳动合同法，用人单位应当按时足额支付劳动报酬。")
    page.click("button.primary")
    page.wait_for_url(re.compile(r".*/portal/receipt"))
    snap(page, "journey-03-receipt")
    number, code = [dd.inner_text().strip() for dd in page.locator("dd.receipt-number").all()]
    assert re.fullmatch(r"XF-JN-QS-LX-XFJ-\d{4}-\d{6}", number), number
    page.click("a.button.primary")
    page.wait_for_load_state()
    snap(page, "journey-04-progress")
    assert number in page.inner_text("main") and "已登记" in page.inner_text(".stage")
    return number, code


def look_up(portal, number: str, code: str) -> None:
    """Open the case on the portal with its registration number and query code."""
    portal.goto(f"{portal.base}/portal/")
    portal.fill("#number", number)
    portal.fill("#code", code)
    portal.click("#follow button.primary")
    portal.wait_for_url(re.compile(r".*/portal/case"))


def register_and_forward(page, number: str) -> None:
    """The county petition bureau's registrar registers the petition and forwards it (Art. 22)."""
    as_user(page, "registrar")
    open_from_inbox(page, "登记信访事项", number, "journey-05-registrar")
    # What the petitioner wrote online is what the registrar records (Art. 19).
    assert "拖欠的工资三万元" in page.input_value("#f-petitioner_request")
    assert "按时足额支付劳动报酬" in page.input_value("#f-facts_and_reasons")
    choose(page, "route", "转送有权处理的机关")
    # The organ the routing rules suggest is chosen already; the registrar picks it by its name.
    assert page.input_value("#f-handling_organ") == "JN-QS-LX-RSJ"
    pick(page, "有权处理的机关", f"{COUNTY_BUREAU}（JN-QS-LX-RSJ）")
    complete(page, "登记信访事项", "journey-06-register")
    page.goto(f"{page.base}/tasks/case/{number}")
    snap(page, "journey-07-case-forwarded")
    assert "转送告知书" in page.inner_text(".documents"), page.inner_text("main")[:1500]
    assert COUNTY_BUREAU in page.inner_text("main")


def accept_and_investigate(page, number: str, today: str) -> None:
    """The labour bureau's handler accepts, tells the petitioner, investigates and drafts the opinion."""
    as_user(page, "handler")
    open_from_inbox(page, "审查是否受理", number, "journey-08-handler")
    choose(page, "accept", "是")
    write(page, "审查意见（提出异议的，详细说明理由）", "拖欠工资属于本局劳动保障监察职责，予以受理。")
    complete(page, "审查是否受理", "journey-09-decide-acceptance")

    assert task_heading(page) == "书面告知受理"  # the same person goes on with the case
    claim(page)
    write(page, "受理日期", today)
    write(page, "办理途径和程序", "由本局劳动保障监察大队调查核实，60日内书面答复。")
    complete(page, "书面告知受理", "journey-10-notify-acceptance")
    page.goto(f"{page.base}/tasks/case/{number}")
    snap(page, "journey-11-case-accepted")
    assert "受理告知书" in page.inner_text(".documents"), page.inner_text("main")[:1500]

    open_from_inbox(page, "回避审查", number, "journey-12-handling")
    choose(page, "has_direct_interest", "否")
    complete(page, "回避审查", "journey-13-recusal")

    assert task_heading(page) == "确定办理方式"
    claim(page)
    choose(page, "handling_route", "（六）听取陈述、调查核实并出具信访处理意见书")
    write(page, "理由", "不属于其他法定程序处理的事项。")
    complete(page, "确定办理方式", "journey-14-route")

    assert task_heading(page) == "调查核实"
    claim(page)
    choose(page, "petitioner_heard", "是")
    write(page, "调查核实情况", "经调取考勤记录和工资台账，公司确欠周丽工资三万元。")
    choose(page, "next_step", "出具处理意见")
    complete(page, "调查核实", "journey-15-investigate")

    assert task_heading(page) == "信访处理意见"
    claim(page)
    assert "拖欠的工资三万元" in page.input_value("#f-petitioner_request")  # as registered
    choose(page, "opinion_kind", "请求事实清楚，符合法律法规，予以支持")
    write(page, "事实", "公司拖欠周丽2025年工资三万元属实。")
    write(page, "理由", "用人单位应当按时足额支付劳动报酬。")
    write(page, "法律法规依据", "《中华人民共和国劳动合同法》第三十条。")
    write(page, "处理意见书正文", "责令青山建材有限公司于十五日内支付拖欠工资三万元。")
    complete(page, "信访处理意见", "journey-16-draft-opinion")


def approve_and_serve(page, number: str, today: str) -> None:
    """The head approves the opinion; the handler serves it."""
    as_user(page, "head")
    open_from_inbox(page, "审批处理意见", number, "journey-17-head")
    # The head reads the opinion the handler drafted, and cannot change it here.
    assert shown(page, "处理意见书正文") == "责令青山建材有限公司于十五日内支付拖欠工资三万元。"
    assert shown(page, "处理意见") == "请求事实清楚，符合法律法规，予以支持"
    assert shown(page, "调查核实情况") == "经调取考勤记录和工资台账，公司确欠周丽工资三万元。"
    choose(page, "opinion_approved", "是")
    write(page, "审批意见", "同意。")
    complete(page, "审批处理意见", "journey-18-approve")

    as_user(page, "handler")
    open_from_inbox(page, "送达书面答复", number, "journey-19-serve")
    write(page, "送达日期", today)
    choose(page, "reply_service_method", "直接送达")
    complete(page, "送达书面答复", "journey-20-serve-reply")
    page.goto(f"{page.base}/tasks/case/{number}")
    snap(page, "journey-21-case-replied")
    documents = page.inner_text(".documents")
    assert re.search(rf"信访事项处理意见书 CL-JN-QS-LX-RSJ-\d{{4}}-\d{{4}} · {today} 制发 · {today} 送达", documents), documents


def read_evaluate_and_ask_review(portal, number: str, code: str, today: str) -> None:
    """The petitioner reads the served reply, evaluates the handling and asks for review."""
    look_up(portal, number, code)
    snap(portal, "journey-22-portal-replied")
    main = portal.inner_text("main")
    assert "已答复" in portal.inner_text(".stage"), main
    assert "信访事项处理意见书" in main and f"{today} 送达" in main, main
    portal.click("a[href*='/portal/documents/CL-']")  # the handling opinion, among the notices served
    portal.wait_for_load_state()
    snap(portal, "journey-23-portal-opinion")
    assert "责令青山建材有限公司于十五日内支付拖欠工资三万元" in portal.inner_text(".sheet")
    portal.click("text=返回")
    portal.wait_for_load_state()

    portal.locator("#evaluate").get_by_label("不满意").check()
    portal.fill("#comment", "公司至今未付，希望上级机关督促。")
    snap(portal, "journey-24-portal-evaluate")
    portal.click("#evaluate button.primary")
    portal.wait_for_load_state()
    assert "评价已记录" in portal.inner_text(".flash-success")
    assert portal.locator("#evaluate").count() == 0 and "感谢您的评价" in portal.inner_text("main")

    portal.fill("#reasons-review", "处理意见未落实，请求上级机关复查。")
    portal.click("#review button.primary")
    portal.wait_for_load_state()
    snap(portal, "journey-25-portal-confirm-review")
    assert "第三十五条" in portal.inner_text("main")
    portal.click("button.primary")
    portal.wait_for_url(re.compile(r".*/portal/case"))
    snap(portal, "journey-26-portal-review-requested")
    assert portal.locator(".flash-success").count() == 1
    assert "复查中" in portal.inner_text(".stage"), portal.inner_text("main")
    assert f"您已于 {today} 请求复查（第三十五条）" in portal.inner_text("#review")


def review(page, number: str, today: str) -> None:
    """The city labour bureau's reviewer gives the review opinion and serves it (Art. 35)."""
    as_user(page, "reviewer")
    open_from_inbox(page, "复查意见", number, "journey-27-reviewer")
    assert CITY_BUREAU in page.inner_text(".position")
    # The reviewer reads why the petitioner asks, and the reply asked about.
    assert shown(page, "请求复查的理由") == "处理意见未落实，请求上级机关复查。"
    assert shown(page, "原处理意见书正文") == "责令青山建材有限公司于十五日内支付拖欠工资三万元。"
    choose(page, "review_decision", "维持原意见")
    choose(page, "review_opinion_kind", "请求事实清楚，符合法律法规，予以支持")
    write(page, "事实", "原处理意见认定事实清楚。")
    write(page, "理由", "原处理意见适用法律正确，应督促落实。")
    write(page, "法律法规依据", "《中华人民共和国劳动合同法》第三十条。")
    write(page, "复查意见书正文", "维持柳溪县人社局的处理意见，并督促其于十日内落实。")
    complete(page, "复查意见", "journey-28-review-opinion")

    assert task_heading(page) == "送达复查意见"
    claim(page)
    write(page, "送达日期", today)
    choose(page, "review_service_method", "直接送达")
    complete(page, "送达复查意见", "journey-29-serve-review")
    page.goto(f"{page.base}/tasks/case/{number}")
    snap(page, "journey-30-case-reviewed")
    assert "复查意见书" in page.inner_text(".documents")


def test_a_petition_from_the_portal_to_the_served_review_opinion(page, live_app, browser):
    number, code = submit_online(page)
    today = today_of(live_app)
    register_and_forward(page, number)
    accept_and_investigate(page, number, today)
    approve_and_serve(page, number, today)

    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 800})
    portal = context.new_page()
    portal.errors = []
    portal.on("pageerror", lambda exc: portal.errors.append(str(exc)))
    portal.on("console", lambda msg: portal.errors.append(msg.text) if msg.type == "error" else None)
    portal.base = page.base
    read_evaluate_and_ask_review(portal, number, code, today)

    review(page, number, today)
    portal.goto(f"{portal.base}/portal/case")
    snap(portal, "journey-31-portal-reviewed")
    replies = portal.inner_text("main section:has(h2:text('书面告知和答复'))")
    assert re.search(rf"信访事项复查意见书\s+FC-JN-QS-RSJ-\d{{4}}-\d{{4}}\s*· {today} 送达", replies), replies
    assert "对复查意见不服的" in portal.inner_text("#re_review")  # the next right, Art. 36
    context.close()

    # The petitioner was dissatisfied: the petition bureau checks the handling (Art. 21).
    as_user(page, "registrar")
    page.goto(f"{page.base}/tasks/?tab=group")
    inbox_row(page, "核查办理情况", number)
    snap(page, "journey-32-registrar-check-inbox")
