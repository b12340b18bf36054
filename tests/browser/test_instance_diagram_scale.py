"""The console's instance page draws the wide petition procedure at a scale its steps can be read
at, on where the case stands, and zooms with its buttons; its text version names the steps.

Fitted whole into the page's frame, the petition's steps were a few dozen pixels wide with names
too small to read; the text version listed element ids (`route_merge`).
"""
from __future__ import annotations

import pytest

from processes.petitions.models import Petition
from tests.browser.conftest import shoot, sign_in

pytestmark = pytest.mark.browser

READABLE = 0.8


@pytest.fixture
def in_handling(live_app) -> int:
    """A demo case of the petition procedure being handled."""
    with live_app.app_context():
        return int(Petition.query.filter_by(stage="handling").first().instance_id)


def _zoom(page) -> float:
    return float(page.get_attribute("#canvas", "data-zoom"))


def _shape(page, element: str) -> dict:
    return page.eval_on_selector(f'#canvas g.djs-element[data-element-id="{element}"]',
                                 "node => { const r = node.getBoundingClientRect(); return"
                                 " {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; }")


def _inside_canvas(page, element: str) -> bool:
    box = page.eval_on_selector("#canvas", "node => { const r = node.getBoundingClientRect();"
                                " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }")
    shape = _shape(page, element)
    return (shape["left"] >= box["left"] and shape["right"] <= box["right"] and shape["top"] >= box["top"]
            and shape["bottom"] <= box["bottom"])


def test_the_petition_opens_readable_on_where_the_case_stands_and_zooms_with_the_buttons(page, in_handling):
    sign_in(page, "admin")
    page.goto(f"{page.base}/admin/instances/{in_handling}")
    page.wait_for_selector('#canvas[data-state="ready"][data-process="petition"]')
    assert _zoom(page) == pytest.approx(READABLE, abs=0.01)
    assert page.text_content(".xf-zoom-level") == "80%"
    assert _shape(page, "call_handling")["width"] >= 80  # a task 100 units wide
    assert _inside_canvas(page, "call_handling")  # the step the case stands at is in view
    shoot(page, "admin-instance-readable")

    page.click("button[data-zoom=whole]")
    whole = _zoom(page)
    assert whole < READABLE and _inside_canvas(page, "call_handling")
    page.click("button[data-zoom=in]")
    assert _zoom(page) == pytest.approx(whole * 1.25, rel=0.01)
    page.click("button[data-zoom=out]")
    assert _zoom(page) == pytest.approx(whole, rel=0.01)
    page.click("button[data-zoom=readable]")
    assert _zoom(page) == pytest.approx(READABLE, abs=0.01)
    assert not [error for error in page.errors if "status of 404" not in error], page.errors


def test_the_text_version_names_the_steps_and_leaves_out_joins_with_no_name(page, in_handling):
    sign_in(page, "admin")
    for lang, words in (("zh_CN", ("信访事项 — 已完成：", "登记与受理", "进行中：办理")),
                        ("en", ("Petition — completed: ", "Acceptance", "active: Handling"))):
        page.goto(f"{page.base}/admin/instances/{in_handling}?lang={lang}")
        page.wait_for_selector('#canvas[data-state="ready"]')
        page.click("details.trail-text summary")
        text = " ".join(page.inner_text("details.trail-text").split())
        for word in words:
            assert word in text, (word, text)
        assert "route_merge" not in text and "major_fork" not in text and "registration —" not in text
