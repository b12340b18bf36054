"""What the badges of a diagram on a page show and what they cover, read in the browser."""
from __future__ import annotations

# Every badge on a canvas against every other badge, every name and every shape but its own element and
# the containers around it (lanes, pools, expanded subprocesses): what each badge covers.
CROSSINGS = """(canvas) => {
  const root = document.querySelector(canvas);
  const box = (node) => node.getBoundingClientRect();
  const cross = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const inside = (inner, outer) => inner.left >= outer.left && inner.right <= outer.right
    && inner.top >= outer.top && inner.bottom <= outer.bottom;
  const badges = [...root.querySelectorAll('.djs-overlay .xf-here')].map((badge) => ({
    rect: box(badge), element: badge.closest('[data-container-id]').dataset.containerId }));
  const shapes = [...root.querySelectorAll('g.djs-shape')].map((g) => ({ id: g.dataset.elementId, rect: box(g) }));
  const found = [];
  badges.forEach((badge, index) => {
    const own = shapes.find((shape) => shape.id === badge.element).rect;
    badges.slice(index + 1).forEach((other) => {
      if (cross(badge.rect, other.rect)) found.push(`${badge.element} badge on ${other.element} badge`);
    });
    for (const shape of shapes) {
      if (shape.id === badge.element || inside(own, shape.rect)) continue;
      if (cross(badge.rect, shape.rect)) found.push(`${badge.element} badge on ${shape.id}`);
    }
  });
  return found;
}"""


def crossings(page, canvas: str) -> list[str]:
    """Return what the badges of a canvas cover: other badges, names, shapes."""
    return page.evaluate(CROSSINGS, canvas)


def badges(page, canvas: str) -> dict[str, str]:
    """Return the badges of a canvas: element → text."""
    return {badge.get_attribute("data-element"): badge.inner_text()
            for badge in page.locator(f"{canvas} .djs-overlay .xf-here").all()}
