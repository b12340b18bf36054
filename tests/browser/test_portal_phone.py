"""The portal on a phone (390 px wide), in English, whose words run longer than the Chinese."""
from __future__ import annotations

import pytest

from tests.browser.conftest import shoot

pytestmark = pytest.mark.browser


def test_the_portals_header_keeps_each_link_on_one_line_and_nothing_overflows(page):
    page.set_viewport_size({"width": 390, "height": 844})
    for address in ("/portal/?lang=en", "/portal/submit"):
        page.goto(page.base + address)
        link = page.locator(".topbar nav a").first
        assert link.inner_text() == "Petition online"
        assert link.bounding_box()["height"] < 40, "the link's words broke over two lines"
        assert page.evaluate("document.documentElement.scrollWidth") <= 391
    shoot(page, "portal-phone-header-en")


def test_the_keyboard_focus_is_seen_on_the_portals_white_cards(page):
    page.goto(page.base + "/portal/")
    page.focus("#code")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert ring == "rgb(31, 41, 51)", ring  # the ink colour, 14:1 on white; the desk's yellow is 1.6:1
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "查询"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"


def test_a_cards_heading_starts_at_the_top_of_the_card(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/portal/")
    gap = page.evaluate("""() => {
        const card = document.getElementById('follow'), heading = card.querySelector('h2');
        return heading.getBoundingClientRect().top - card.getBoundingClientRect().top; }""")
    assert gap < 24, f"{gap}px of blank above the heading"  # the card's padding is 1.1rem


def test_on_a_phone_the_language_and_sign_in_links_the_notices_and_the_file_button_are_big_enough_to_tap(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/portal/")
    page.fill("#number", "XF-JN-QS-LX-XFJ-2025-000003")
    page.fill("#code", "JKMN3679")
    page.click("#follow button[type=submit]")
    targets = {"English": page.locator(".topbar .session a[hreflang=en]"),
               "staff sign-in": page.locator(".topbar .session a").last}
    for n, link in enumerate(page.locator("ul.documents li > a").all()):
        targets[f"notice {n}"] = link
    assert len(targets) >= 4
    for name, target in targets.items():
        assert target.bounding_box()["height"] >= 44, name
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    shoot(page, "portal-phone-case-targets")
    page.goto(page.base + "/portal/submit")
    assert page.locator("#attachments").bounding_box()["height"] >= 44


def test_on_a_phone_each_evaluation_choice_is_a_row_as_tall_as_a_finger(page, live_app):
    from engine import db
    from processes.case_walk import ACCEPT_FORWARDED, INVESTIGATE, REPLY, walk
    from processes.petitions import submit_petition

    with live_app.app_context():
        submitted = submit_petition({
            "channel": "online", "receiving_organ": "JN-QS-LX-XFJ", "category": "environment",
            "petitioners": [{"name": "孙大爷", "address": "柳溪县城关镇东街8号"}],
            "request": "请求处理小区锅炉房冒黑烟的问题。", "facts": "锅炉房每天早晨冒黑烟。",
            "reasons": "影响居民健康。"},
            "online-petitioner")
        walk(int(submitted.petition.instance_id), (*ACCEPT_FORWARDED, *INVESTIGATE, *REPLY))
        db.session.commit()
        number, code = submitted.petition.registration_number, submitted.query_code
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/portal/")
    page.fill("#number", number)
    page.fill("#code", code)
    page.click("#follow button[type=submit]")
    choices = page.locator("#evaluate .choices label").all()
    assert len(choices) == 3
    tops = [choice.bounding_box()["y"] for choice in choices]
    assert tops == sorted(tops) and len(set(tops)) == 3, "each choice on a row of its own"
    for choice in choices:
        assert choice.bounding_box()["height"] >= 44
        assert choice.locator("input").bounding_box()["width"] >= 18
    assert "评价期至" in page.locator("#evaluate").inner_text()
    shoot(page, "portal-phone-evaluation")


def test_a_fields_hint_sits_under_its_own_field_not_by_the_next_label(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/portal/submit")
    for field, following in (("request", "facts"), ("facts", "reasons")):
        gaps = page.evaluate("""([field, following]) => {
            const box = (el) => el.getBoundingClientRect();
            const input = box(document.getElementById('f-' + field));
            const hint = box(document.getElementById('f-' + field + '-help'));
            const label = box(document.querySelector('label[for=f-' + following + ']'));
            return [hint.top - input.bottom, label.top - hint.bottom]; }""", [field, following])
        assert gaps[0] < 8 and gaps[0] < gaps[1], (field, gaps)
