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
