// Badges beside diagram elements, laid out so that none covers another badge, a name or a shape.
// Overlays scale with the diagram, so a badge's size in CSS pixels is its size in diagram units and
// the layout holds at every zoom. Each badge tries spots around its element (above, beside, below,
// then further out) and takes the first that touches nothing; failing that, the one touching least.

const GAP = 3;

function overlap(a, b) {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function obstacles(registry) {
  // Shapes and the names drawn outside them; of a lane or pool only the strip that carries its name,
  // of an expanded subprocess that strip too and, for what is not inside it, the whole of it.
  const found = [];
  for (const element of registry.getAll()) {
    if (element.waypoints || !element.parent || element.hidden) continue;
    const type = element.type;
    if (type === 'bpmn:Lane' || type === 'bpmn:Participant') {
      found.push({ owner: element.id, x: element.x, y: element.y, width: 30, height: element.height });
    } else if (type === 'bpmn:SubProcess' && element.collapsed === false) {
      found.push({ owner: element.id, x: element.x, y: element.y, width: element.width, height: 24 },
        { owner: element.id, container: element, x: element.x, y: element.y, width: element.width,
          height: element.height });
    } else {
      found.push({ owner: element.labelTarget ? element.labelTarget.id : element.id, label: !!element.labelTarget,
        x: element.x, y: element.y, width: element.width, height: element.height });
    }
  }
  return found;
}

function spots(shape, width, height) {
  const { x, y } = shape;
  const right = x + shape.width + GAP;
  const left = x - width - GAP;
  const middle = y + shape.height / 2 - height / 2;
  const found = [];
  for (let ring = 0; ring < 5; ring += 1) {
    const above = y - (height + GAP) * (ring + 1);
    found.push([x + shape.width - width, above], [x, above], [x + shape.width / 2 - width / 2, above],
      [right + ring * (width + GAP), middle], [left - ring * (width + GAP), middle],
      [right + ring * (width + GAP), above], [left - ring * (width + GAP), above]);
  }
  found.push([x + shape.width / 2 - width / 2, y + shape.height + GAP]);
  return found;
}

function within(shape, container) {
  for (let parent = shape.parent; parent; parent = parent.parent) if (parent === container) return true;
  return false;
}

export function placeBadges(viewer, badges) {
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  const blocking = obstacles(registry);
  const placed = [];
  for (const { element, html } of badges) {
    const shape = registry.get(element);
    if (!shape || shape.waypoints) continue;
    // Its own shape is no obstacle (a badge may touch it), its own name is, and so is a container
    // it is not inside (the subprocess a boundary event sits on).
    const around = blocking.filter((other) => (other.owner !== element || other.label)
      && !(other.container && (other.container === shape || within(shape, other.container))));
    // Measured where it will be drawn: the overlay layer carries the page's fonts.
    const probe = overlays.add(element, { position: { top: 0, left: 0 }, html });
    const width = html.offsetWidth;
    const height = html.offsetHeight;
    overlays.remove(probe);
    let best = null;
    for (const [x, y] of spots(shape, width, height)) {
      const box = { x, y, width, height };
      if (placed.some((other) => overlap(box, other))) continue;
      const covered = around.reduce((sum, other) => sum + overlap(box, other), 0);
      if (best === null || covered < best.covered) best = { box, covered };
      if (covered === 0) break;
    }
    if (!best) continue;
    placed.push(best.box);
    overlays.add(element, 'xf-badge', {
      position: { top: best.box.y - shape.y, left: best.box.x - shape.x }, html });
  }
}
