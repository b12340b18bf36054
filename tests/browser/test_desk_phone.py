"""The desk's case page and the console's case page fit a phone's screen: wide tables scroll in their frame.

Screenshots: test-artifacts/screenshots/desk-case-phone.png, console-case-phone.png.
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
