// Two versions side by side: removed elements marked on the old one, added and changed on the new.
// The console's migration also passes where the case stands: a badge on each such element, on both
// versions, saying whether the new version has it.
const config = JSON.parse(document.getElementById('diff-config').textContent);
const V = window.XinfangViewer;

async function show(container, xml, side) {
  const viewer = new V.NavigatedViewer({ container, moddleExtensions: { camunda: V.camundaModdle } });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  canvas.zoom('fit-viewport', 'auto');
  const registry = viewer.get('elementRegistry');
  for (const change of config.changes) {
    if (change.side === side && registry.get(change.element)) canvas.addMarker(change.element, `xf-${change.kind}`);
  }
  const overlays = viewer.get('overlays');
  for (const entry of config.standing || []) {
    if (!registry.get(entry.element) || (side === 'new' && !entry.mapped)) continue;
    const badge = document.createElement('span');
    badge.className = entry.mapped ? 'xf-here' : 'xf-here xf-here-missing';
    badge.textContent = entry.mapped ? config.labels.here : config.labels.missing;
    overlays.add(entry.element, { position: { top: -14, left: 0 }, html: badge });
  }
  // The table's rows lead to their element on the diagram where it is drawn.
  for (const row of document.querySelectorAll(`#changes tr[data-element]`)) {
    const id = row.dataset.element;
    if ((row.dataset.kind === 'removed') === (side === 'old') && registry.get(id)) {
      row.style.cursor = 'pointer';
      row.addEventListener('click', () => canvas.scrollToElement(registry.get(id)));
    }
  }
}

await Promise.all([
  show('#old-canvas', config.old, 'old'),
  show('#new-canvas', config.new, 'new'),
]);
document.body.dataset.diffReady = 'true';
