"""The desk's case page, the console's case page, a written notice and the annual report's print view fit
a phone's screen: wide tables scroll in their frame, A4 margins are for the printout; the inbox shows each
task as a card.

Screenshots: test-artifacts/screenshots/desk-case-phone.png, console-case-phone.png,
desk-document-phone.png, report-print-phone.png, desk-inbox-phone-zh_CN.png, desk-inbox-phone-en.png.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from engine import db
from engine.models import Instance
from processes.petitions import Petition
from tests.browser.conftest import shoot, sign_in

pytestmark = pytest.mark.browser


def test_case_pages_are_no_wider_than_a_phone(page, live_app):
    with live_app.app_context():
        number = db.session.scalar(select(Petition.registration_number).where(Petition.title == "工伤待遇核定不服"))
        instance_id = db.session.scalar(select(Instance.id).where(Instance.business_key == number))
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "admin")
    for url, shot in ((f"/tasks/case/{number}?lang=en", "desk-case-phone"),
                      (f"/admin/instances/{instance_id}?lang=en", "console-case-phone")):
        page.goto(f"{page.base}{url}")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
        shoot(page, shot)


def test_a_written_notice_on_the_desk_keeps_a_readable_column_on_a_phone(page, live_app):
    # The A4 margins are for the printout; on a phone the facts and reasons of the notice read as lines
    # of text, not a column a few characters wide.
    with live_app.app_context():
        number = db.session.scalar(select(Petition.registration_number).where(Petition.title == "工伤赔偿争议"))
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "handler")
    page.goto(f"{page.base}/tasks/case/{number}?lang=en")
    page.click(".card a[href*='/documents/']")
    page.wait_for_selector(".sheet .notice__matter dd")
    width = page.evaluate("document.querySelector('.notice__matter dd').getBoundingClientRect().width")
    assert width >= 160 and page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "desk-document-phone")


def _width_on_a_phone(page, path: str, selector: str) -> float:
    """Open a console page as the administrator on a phone; return the width of `selector` once the page
    is checked to keep to the screen (anything wider scrolls inside its own frame)."""
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "admin")
    page.goto(f"{page.base}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    return page.evaluate(f"document.querySelector('{selector}').getBoundingClientRect().width")


def test_the_annual_report_s_print_view_keeps_its_tables_wide_on_a_phone(page, live_app):
    assert _width_on_a_phone(page, "/admin/report/print?lang=en", ".a4-sheet table") >= 300
    shoot(page, "report-print-phone")


def test_the_holiday_calendar_s_sources_stay_readable_on_a_phone(page, live_app):
    assert _width_on_a_phone(page, "/admin/calendar?lang=en", "td.source") >= 180  # a phrase, not single words
    shoot(page, "calendar-phone")


@pytest.mark.parametrize("lang, held_by", [("zh_CN", "办理人"), ("en", "Held by")])
def test_the_inbox_on_a_phone_shows_each_task_as_a_card_with_who_holds_it(page, live_app, lang, held_by):
    # Six columns scrolled sideways on a phone: who held a task was off-screen. Each row is a card now.
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "handler")
    page.goto(f"{page.base}/tasks/?tab=all&lang={lang}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    cells = page.locator("table.inbox td.held-by")
    assert cells.count() >= 1
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    label = page.evaluate("getComputedStyle(document.querySelector('table.inbox td.held-by'), '::before').content")
    assert label == f'"{held_by}"'
    first = page.locator("table.inbox tr").nth(1)  # the cards come after the heading row
    assert first.locator("td.task").bounding_box()["y"] < first.locator("td.due").bounding_box()["y"]
    shoot(page, f"desk-inbox-phone-{lang}")
