"""The two-version diagrams at a scale their names can be read at, on a desk and on a phone.

The petition procedure is wide: fitted into half a page its steps would be a few pixels across. The
migration preview and the studio's version diff draw each diagram no smaller than a readable scale,
in a pane that scrolls, one above the other or side by side as the reader chooses, with buttons to
zoom; the badges stay clear of every name and shape at every scale.
Screenshots go to test-artifacts/screenshots/diagram-scale-*.png.
"""
from __future__ import annotations

import pytest

from processes.petitions.models import Petition
from tests.browser.changed_review import deploy_changed_review
from tests.browser.conftest import shoot, sign_in
from tests.browser.diagram_badges import badges, crossings

pytestmark = pytest.mark.browser

READABLE = 0.8  # a task 100 units wide is drawn at least 80 pixels wide
DESKS = ({"width": 1366, "height": 768}, {"width": 1920, "height": 1080})
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def under_review(live_app) -> tuple[int, int]:
    """The demo's case under review, and the version of petition with a changed review.bpmn."""
    version = deploy_changed_review(live_app)
    with live_app.app_context():
        (instance_id,) = [int(row.instance_id) for row in Petition.query.filter_by(stage="review")]
        return instance_id, version


def _width(page, canvas: str, element: str) -> float:
    """Return how many pixels wide an element's shape is drawn."""
    return page.eval_on_selector(f'{canvas} g.djs-element[data-element-id="{element}"] .djs-visual > :first-child',
                                 "node => node.getBoundingClientRect().width")


def _seen(page, canvas: str, element: str) -> bool:
    """Tell whether an element's shape lies wholly inside its scrolling pane."""
    return page.evaluate("""([canvas, element]) => {
      const pane = document.querySelector(canvas).getBoundingClientRect();
      const shape = document.querySelector(`${canvas} g.djs-element[data-element-id="${element}"]`)
        .getBoundingClientRect();
      return shape.left >= pane.left && shape.right <= pane.right && shape.top >= pane.top
        && shape.bottom <= pane.bottom;
    }""", [canvas, element])


def _clean(page) -> None:
    assert not [error for error in page.errors if "status of 404" not in error], page.errors
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1


def _petition_tab(page) -> None:
    page.click('.xf-diagram-tabs [role=tab][data-file="petition.bpmn"]')
    page.wait_for_selector('#diagram-pair[data-state=ready][data-file="petition.bpmn"]')


def _migration(page, under_review, lang: str = "zh_CN") -> None:
    instance_id, version = under_review
    page.goto(f"{page.base}/admin/instances/{instance_id}/migration?version={version}&lang={lang}")
    page.wait_for_selector("body[data-diff-ready=true]")
    _petition_tab(page)


def test_the_migration_draws_the_wide_petition_readable_and_zooms_with_its_badges_clear(page, under_review):
    sign_in(page, "admin")
    page.set_viewport_size(DESKS[0])
    _migration(page, under_review)
    for canvas in ("#old-canvas", "#new-canvas"):
        assert _width(page, canvas, "evaluate") >= 100 * READABLE
        assert crossings(page, canvas) == []
    # Too wide to be read at half the page: one above the other, the place the case stands in view.
    assert page.get_attribute("#diagram-pair", "data-layout") == "stacked"
    assert page.get_attribute(".xf-diagram-controls [data-layout=stacked]", "aria-pressed") == "true"
    assert page.inner_text(".xf-diagram-controls [data-layout=stacked]") == "上下排列"
    assert _seen(page, "#old-canvas", "evaluate") and _seen(page, "#new-canvas", "evaluate")
    assert set(badges(page, "#old-canvas")) == {"evaluate", "evaluation_window", "call_review"}
    shoot(page, "diagram-scale-migration-1366")
    _clean(page)

    # The mouse drags a pane along, and the other follows it.
    start = page.evaluate("[...document.querySelectorAll('.xf-diff-scroll')].map((pane) => pane.scrollLeft)")
    page.locator("#old-canvas").scroll_into_view_if_needed()
    box = page.locator("#old-canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 150, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    page.wait_for_timeout(100)
    moved = page.evaluate("[...document.querySelectorAll('.xf-diff-scroll')].map((pane) => pane.scrollLeft)")
    assert moved[0] == pytest.approx(start[0] + 150, abs=2) and moved[1] == pytest.approx(moved[0], abs=2)
    # However far it is scrolled, the bpmn.io mark stays in the pane's corner, in view.
    assert page.evaluate("""() => [...document.querySelectorAll('.xf-diff-canvas')].every((pane) => {
      const frame = pane.getBoundingClientRect(), mark = pane.querySelector('.bjs-powered-by').getBoundingClientRect();
      return mark.width > 0 && mark.left >= frame.left && mark.right <= frame.right && mark.bottom <= frame.bottom;
    })""")

    before = _width(page, "#old-canvas", "evaluate")
    page.click(".xf-diagram-controls [data-zoom=in]")
    assert _width(page, "#old-canvas", "evaluate") > before * 1.2
    assert _width(page, "#new-canvas", "evaluate") > before * 1.2  # both versions at the same scale
    assert crossings(page, "#old-canvas") == [] and crossings(page, "#new-canvas") == []
    page.click(".xf-diagram-controls [data-zoom=whole]")  # the whole width, for an overview
    assert _width(page, "#old-canvas", "evaluate") < before
    assert crossings(page, "#old-canvas") == []
    page.click(".xf-diagram-controls [data-zoom=readable]")
    assert _width(page, "#old-canvas", "evaluate") == pytest.approx(before, abs=1)
    # Ctrl and the wheel zoom about the point under the pointer: the step under it stays there.
    shape = '#old-canvas g.djs-element[data-element-id="evaluate"]'
    page.locator(shape).scroll_into_view_if_needed()
    under = page.locator(shape).bounding_box()
    page.mouse.move(under["x"] + under["width"] / 2, under["y"] + under["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -100)
    page.keyboard.up("Control")
    page.wait_for_timeout(100)
    zoomed = page.locator(shape).bounding_box()
    assert zoomed["width"] > under["width"] * 1.05
    assert zoomed["x"] + zoomed["width"] / 2 == pytest.approx(under["x"] + under["width"] / 2, abs=3)
    assert crossings(page, "#old-canvas") == []
    page.click(".xf-diagram-controls [data-zoom=readable]")

    # Side by side when asked, still readable, the panes scrolling; the choice is kept.
    page.click(".xf-diagram-controls [data-layout=side]")
    old, new = page.locator("#old-canvas").bounding_box(), page.locator("#new-canvas").bounding_box()
    assert new["x"] > old["x"] + old["width"] - 1 and abs(new["y"] - old["y"]) < 1
    assert _width(page, "#old-canvas", "evaluate") >= 100 * READABLE
    assert page.eval_on_selector("#old-canvas .xf-diff-scroll", "pane => pane.scrollWidth > pane.clientWidth")
    shoot(page, "diagram-scale-migration-1366-side")
    _clean(page)
    page.set_viewport_size(DESKS[1])
    _migration(page, under_review)
    assert page.get_attribute("#diagram-pair", "data-layout") == "side"
    assert _width(page, "#old-canvas", "evaluate") >= 100 * READABLE
    assert crossings(page, "#old-canvas") == [] and crossings(page, "#new-canvas") == []
    page.click(".xf-diagram-controls [data-layout=stacked]")
    shoot(page, "diagram-scale-migration-1920")
    _clean(page)


def test_the_migration_diagrams_stay_readable_on_a_phone_and_in_english(page, under_review):
    sign_in(page, "admin")
    page.set_viewport_size(PHONE)
    _migration(page, under_review)
    assert _width(page, "#old-canvas", "evaluate") >= 100 * READABLE
    assert _seen(page, "#old-canvas", "evaluate")
    assert crossings(page, "#old-canvas") == []
    shoot(page, "diagram-scale-migration-phone")
    _clean(page)
    for viewport, name in ((DESKS[0], "1366"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        _migration(page, under_review, "en")
        assert page.inner_text(".xf-diagram-controls [data-layout=stacked]") == "One above the other"
        assert _width(page, "#new-canvas", "evaluate") >= 100 * READABLE
        assert set(badges(page, "#old-canvas").values()) == {"here"}
        shoot(page, f"diagram-scale-migration-english-{name}")
        _clean(page)


def test_the_studio_diff_draws_the_petition_readable(page, under_review):
    _instance_id, version = under_review
    sign_in(page, "designer")
    for viewport, name in ((DESKS[0], "1366"), (DESKS[1], "1920"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        for lang in ("zh_CN", "en"):
            page.goto(f"{page.base}/designer/processes/petition/diff?from={version - 1}&to={version}&lang={lang}")
            page.wait_for_selector("body[data-diff-ready=true]")
            assert page.get_attribute("#diagram-pair", "data-file") == "petition.bpmn"
            assert page.inner_text(".xf-diagram-controls [data-zoom=readable]") == (
                "Readable size" if lang == "en" else "易读大小")
            for canvas in ("#old-canvas", "#new-canvas"):
                assert _width(page, canvas, "evaluate") >= 100 * READABLE
            shoot(page, f"diagram-scale-diff-{name}-{lang[:2]}")
            _clean(page)
