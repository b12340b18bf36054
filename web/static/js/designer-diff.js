// Two versions side by side: removed elements marked on the old one, added and changed on the new.
// Several files (the process's own and the called processes that changed, or the case stands in) are
// shown one at a time through their tabs, each with its own list of changes where the page has one
// per file (`data-tab-file`). The console's migration also passes where the case stands: each such
// element ringed, with one badge saying whether the new version has it. Badges are laid out
// around their element so that they cover neither another badge nor a name nor another shape.
import { placeBadges } from './diagram-badges.js';

const config = JSON.parse(document.getElementById('diff-config').textContent);
const V = window.XinfangViewer;
const diagrams = config.diagrams;
const panel = document.querySelector('.xf-diff-diagrams');
const viewers = {};

function viewer(side) {
  viewers[side] ||= new V.NavigatedViewer({
    container: `#${side}-canvas`, moddleExtensions: { camunda: V.camundaModdle } });
  return viewers[side];
}

function badges(diagram, side) {
  // One badge per element the case stands on; on the new version, only those it has.
  const byElement = new Map();
  for (const entry of diagram.standing || []) {
    if (side === 'new' && !entry.mapped) continue;
    if (!byElement.has(entry.element)) byElement.set(entry.element, []);
    byElement.get(entry.element).push(entry);
  }
  return [...byElement].map(([element, entries]) => {
    const missing = entries.some((entry) => !entry.mapped);
    const badge = document.createElement('span');
    badge.className = missing ? 'xf-here xf-here-missing' : 'xf-here';
    badge.dataset.element = element;
    badge.textContent = missing ? config.labels.missing : config.labels.here;
    const kinds = [...new Set(entries.map((entry) => config.kinds[entry.kind] || entry.kind))];
    badge.title = `${entries[0].name || element}: ${kinds.join(', ')}`;
    return { element, html: badge, marker: missing ? 'xf-stands xf-stands-missing' : 'xf-stands' };
  });
}

async function draw(diagram, side) {
  const holder = document.getElementById(`${side}-canvas`);
  const xml = diagram[side];
  holder.querySelector('.xf-absent')?.remove();
  if (!xml) {
    viewer(side).clear();
    holder.append(Object.assign(document.createElement('p'), {
      className: 'xf-absent muted', textContent: config.labels.absent }));
    return;
  }
  const shown = viewer(side);
  await shown.importXML(xml);
  const canvas = shown.get('canvas');
  canvas.zoom('fit-viewport', 'auto');
  const registry = shown.get('elementRegistry');
  for (const change of diagram.changes) {
    if (change.side === side && registry.get(change.element)) canvas.addMarker(change.element, `xf-${change.kind}`);
  }
  const here = badges(diagram, side);
  for (const { element, marker } of here) {
    if (registry.get(element)) marker.split(' ').forEach((name) => canvas.addMarker(element, name));
  }
  placeBadges(shown, here);
}

let current = 0;

async function show(index) {
  current = index;
  panel.dataset.state = 'loading';
  for (const tab of document.querySelectorAll('.xf-diagram-tabs [role=tab]')) {
    const chosen = Number(tab.dataset.index) === index;
    tab.setAttribute('aria-selected', String(chosen));
    tab.tabIndex = chosen ? 0 : -1;
    if (chosen) panel.setAttribute('aria-labelledby', tab.id);
  }
  for (const part of document.querySelectorAll('[data-tab-file]')) part.hidden = part.dataset.tabFile !== diagrams[index].file;
  await Promise.all([draw(diagrams[index], 'old'), draw(diagrams[index], 'new')]);
  panel.dataset.file = diagrams[index].file || '';
  panel.dataset.state = 'ready';
}

const tabs = [...document.querySelectorAll('.xf-diagram-tabs [role=tab]')];
tabs.forEach((tab, position) => {
  tab.addEventListener('click', () => show(Number(tab.dataset.index)));
  tab.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    const next = tabs[(position + step + tabs.length) % tabs.length];
    next.focus();
    next.click();
  });
});

// The tables' rows lead to their element on the diagram where it is drawn (its file's tab first):
// a change where it is marked, a place the case stands on the version it runs on.
function lead(row, side) {
  const index = diagrams.findIndex((diagram) => !row.dataset.file || !diagram.file || diagram.file === row.dataset.file);
  if (index < 0) return;
  row.style.cursor = 'pointer';
  row.addEventListener('click', async () => {
    if (index !== current) await show(index);
    const element = viewers[side]?.get('elementRegistry').get(row.dataset.element);
    if (element) viewers[side].get('canvas').scrollToElement(element);
  });
}
for (const row of document.querySelectorAll('table.changes tr[data-element]')) lead(row, row.dataset.kind === 'removed' ? 'old' : 'new');
for (const row of document.querySelectorAll('table.standing tr[data-element][data-file]')) {
  const drawn = diagrams.some((diagram) => diagram.file === row.dataset.file
    && diagram.standing.some((entry) => entry.element === row.dataset.element));
  if (drawn) lead(row, 'old');
}

await show(0);
document.body.dataset.diffReady = 'true';
