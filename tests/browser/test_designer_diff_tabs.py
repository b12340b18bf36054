"""The studio's version diff on the shipped procedure: a changed review.bpmn has its own tab in petition's diff.

A changed review.bpmn gives petition a new version whose own file did not change; switching to the
review's tab draws both copies of it with the changed steps marked, and shows its list of changes.
Screenshots go to test-artifacts/screenshots/designer-diff-called-*.png.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.changed_review import deploy_changed_review
from tests.browser.conftest import shoot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def review_changed(live_app) -> tuple[int, int]:
    """Petition's version before and after a changed review.bpmn."""
    version = deploy_changed_review(live_app)
    return version - 1, version


def _open(page, versions: tuple[int, int], lang: str = "zh") -> None:
    page.goto(f"{page.base}/designer/processes/petition/diff?from={versions[0]}&to={versions[1]}&lang={lang}")
    page.wait_for_selector("body[data-diff-ready=true]")


def _clean(page) -> None:
    assert not [error for error in page.errors if "status of 404" not in error], page.errors
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1


def _marked(page, canvas: str, kind: str) -> set[str]:
    return set(page.eval_on_selector_all(f"{canvas} .djs-element.xf-{kind}",
                                         "nodes => nodes.map((node) => node.dataset.elementId)"))


def test_switching_to_the_changed_called_process_draws_it_with_its_changes(page, review_changed):
    sign_in(page, "designer")
    _open(page, review_changed)

    tabs = page.locator(".xf-diagram-tabs [role=tab]")
    # Each process is named in the page's language only (its diagram names it "复查 Review").
    assert tabs.all_inner_texts()[0].split() == ["信访事项", "（本流程）"]
    assert tabs.all_inner_texts()[1].split() == ["复查", "差异", "2", "处"]
    assert page.get_attribute("#diagram-pair", "data-file") == "petition.bpmn"
    assert _marked(page, "#new-canvas", "changed") == set()
    assert page.is_visible('[data-tab-file="petition.bpmn"]') and not page.is_visible('[data-tab-file="review.bpmn"]')
    assert page.is_visible("#quiet-files")

    tabs.nth(1).click()
    page.wait_for_selector('#diagram-pair[data-state=ready][data-file="review.bpmn"]')
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    assert page.locator('#old-canvas g[data-element-id="review_matter"]').count() == 1
    changed = _marked(page, "#new-canvas", "changed")
    assert "review_matter" in changed and len(changed) == 2
    assert page.is_visible('[data-tab-file="review.bpmn"]') and not page.is_visible('[data-tab-file="petition.bpmn"]')
    rows = page.locator('[data-tab-file="review.bpmn"] table.changes tr[data-element]')
    assert rows.count() == 2 and "审查事项并提出复查意见" in rows.all_inner_texts()[0] + rows.all_inner_texts()[1]
    shoot(page, "designer-diff-called")
    _clean(page)

    # The keyboard moves between the tabs as well.
    tabs.nth(1).press("ArrowLeft")
    page.wait_for_selector('#diagram-pair[data-state=ready][data-file="petition.bpmn"]')

    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, review_changed)
    tabs.nth(1).click()
    page.wait_for_selector('#diagram-pair[data-state=ready][data-file="review.bpmn"]')
    assert "review_matter" in _marked(page, "#new-canvas", "changed")
    shoot(page, "designer-diff-called-phone")
    _clean(page)


def test_the_called_process_tabs_speak_english(page, review_changed):
    sign_in(page, "designer")
    _open(page, review_changed, "en")
    tabs = page.locator(".xf-diagram-tabs [role=tab]")
    assert tabs.all_inner_texts()[1].split() == ["Review", "differences:", "2"]
    quiet = page.inner_text("#quiet-files")
    assert "Called processes that both versions hold alike" in quiet and not re.search("[\u4e00-\u9fff]", quiet)
    tabs.nth(1).click()
    page.wait_for_selector('#diagram-pair[data-state=ready][data-file="review.bpmn"]')
    shoot(page, "designer-diff-called-english")
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, review_changed, "en")
    tabs.nth(1).click()
    page.wait_for_selector('#diagram-pair[data-state=ready][data-file="review.bpmn"]')
    shoot(page, "designer-diff-called-english-phone")
    _clean(page)
