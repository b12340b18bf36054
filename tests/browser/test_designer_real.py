"""The project's own procedures in the designer's modeller: they open, and the server finds nothing."""
from __future__ import annotations

import pytest

from tests.browser.conftest import shoot, sign_in
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def test_a_deployed_procedure_with_pool_and_lanes_opens_and_passes_the_servers_checks(page):
    sign_in(page, "designer")
    page.goto(f"{page.base}/designer/")
    page.click('a[href="/designer/diagrams/review.bpmn"]')
    page.wait_for_selector("body[data-modeller-ready=true]")
    assert page.locator('.djs-element[data-element-id="review_matter"]').count() == 1
    assert page.locator(".bjs-powered-by").is_visible()  # the bpmn.io watermark stays in sight (licence)
    page.click("#check")
    page.wait_for_function("['ok', 'bad'].includes(document.getElementById('status').dataset.tone)")
    sources = [badge.inner_text() for badge in page.query_selector_all("#problems li.error .badge")]
    assert all(source.startswith("bpmnlint") for source in sources), sources  # engine and design rules: none
    shoot(page, "designer-8-real-procedure")
    assert [e for e in page.errors if "404 (NOT FOUND)" not in e] == []


def test_every_shipped_diagram_passes_the_modellers_check_with_its_lint_rules(page):
    # A designer who changes one timer of a shipped diagram must be able to deploy it: the check
    # (bpmnlint's recommended rules included) finds nothing in the diagram as it is shipped.
    sign_in(page, "designer")
    found = {}
    for file in sorted(path.name for path in (ROOT / "bpmn").glob("*.bpmn")):
        page.goto(f"{page.base}/designer/diagrams/{file}")
        page.wait_for_selector("body[data-modeller-ready=true]")
        page.click("#check")
        page.wait_for_function("['ok', 'bad'].includes(document.getElementById('status').dataset.tone)")
        problems = [item.inner_text() for item in page.query_selector_all("#problems li")]
        if problems or page.get_attribute("#status", "data-tone") != "ok":
            found[file] = problems
    assert found == {}
