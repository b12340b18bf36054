"""The migration's diagrams on the shipped procedure: the called process the case stands in, and badges apart.

A petition under review stands in the called `review` process, inside its 30-day subprocess, and in
`petition` on the evaluation and the call. A changed review.bpmn gives petition a new version.
Screenshots go to test-artifacts/screenshots/admin-migration-called-*.png.
"""
from __future__ import annotations


import pytest

from processes.petitions.models import Petition
from tests.browser.changed_review import deploy_changed_review
from tests.browser.conftest import shoot, sign_in
from tests.browser.diagram_badges import badges, crossings

pytestmark = pytest.mark.browser


@pytest.fixture
def under_review(live_app) -> tuple[int, int]:
    """The demo's case under review, and the version of petition with a changed review.bpmn."""
    version = deploy_changed_review(live_app)
    with live_app.app_context():
        (instance_id,) = [int(row.instance_id) for row in Petition.query.filter_by(stage="review")]
        return instance_id, version


def _open(page, instance_id: int, version: int, lang: str = "zh") -> None:
    page.goto(f"{page.base}/admin/instances/{instance_id}/migration?version={version}&lang={lang}")
    page.wait_for_selector("body[data-diff-ready=true]")


def _clean(page) -> None:
    assert not [error for error in page.errors if "status of 404" not in error], page.errors
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1


def test_the_called_process_the_case_stands_in_is_shown_first_and_its_caller_a_tab_away(page, under_review):
    instance_id, version = under_review
    sign_in(page, "admin")
    _open(page, instance_id, version)

    tabs = page.locator(".xf-diagram-tabs [role=tab]")
    assert tabs.all_inner_texts()[0].split() == ["复查", "Review", "案件在此", "差异", "2", "处"]
    assert tabs.nth(0).get_attribute("aria-selected") == "true"
    assert page.get_attribute("#diagram-pair", "data-file") == "review.bpmn"
    review = ("review_within_limit", "review_limit", "review_matter")  # the subprocess, its limit, the task in it
    assert badges(page, "#old-canvas") == dict.fromkeys(review, "在此")
    assert "xf-changed" in page.get_attribute('#new-canvas g[data-element-id="review_matter"]', "class")
    assert "xf-stands" in page.get_attribute('#old-canvas g[data-element-id="review_matter"]', "class")
    assert crossings(page, "#old-canvas") == [] and crossings(page, "#new-canvas") == []
    shoot(page, "admin-migration-called")
    _clean(page)

    tabs.nth(1).click()
    page.wait_for_selector('#diagram-pair[data-state=ready][data-file="petition.bpmn"]')
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    # The event waiting to catch the review's escalation is the engine's: no badge.
    assert set(badges(page, "#old-canvas")) == {"evaluate", "evaluation_window", "call_review"}
    assert crossings(page, "#old-canvas") == [] and crossings(page, "#new-canvas") == []
    # The table's changed step leads back to the review's tab, and a place the case stands on to its diagram.
    page.click('#changes tr[data-element="review_matter"]')
    page.wait_for_selector('#diagram-pair[data-state=ready][data-file="review.bpmn"]')
    page.click('table.standing tr[data-element="evaluate"] td >> nth=0')
    page.wait_for_selector('#diagram-pair[data-state=ready][data-file="petition.bpmn"]')

    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, instance_id, version)
    assert crossings(page, "#old-canvas") == []
    shoot(page, "admin-migration-called-phone")
    _clean(page)


def test_the_called_process_tabs_speak_english(page, under_review):
    instance_id, version = under_review
    sign_in(page, "admin")
    _open(page, instance_id, version, "en")
    assert page.locator(".xf-diagram-tabs [role=tab]").all_inner_texts()[1].split() == [
        "信访事项", "Petition", "(own", "process)", "the", "case", "is", "here"]
    assert set(badges(page, "#old-canvas").values()) == {"here"}
    shoot(page, "admin-migration-called-english")
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, instance_id, version, "en")
    shoot(page, "admin-migration-called-english-phone")
    _clean(page)
