// Two versions side by side or one above the other: removed elements marked on the old one, added
// and changed on the new. Several files (the process's own and the called processes that changed, or
// the case stands in) are shown one at a time through their tabs, each with its own list of changes
// where the page has one per file (`data-tab-file`). The console's migration also passes where the
// case stands: each such element ringed, with one badge saying whether the new version has it. Badges
// are laid out around their element so that they cover neither another badge nor a name nor another
// shape. Each diagram is drawn at a readable scale in a pane that scrolls (diagram-pane.js); both
// panes share their scale and move together, so the same place of both versions stays in view.
import { placeBadges } from './diagram-badges.js';
import { DiagramPane, READABLE } from './diagram-pane.js';

const config = JSON.parse(document.getElementById('diff-config').textContent);
const V = window.XinfangViewer;
const diagrams = config.diagrams;
const panel = document.querySelector('.xf-diff-diagrams');
const controls = document.querySelector('.xf-diagram-controls');
const SIDES = ['old', 'new'];
const panes = {};
const LAYOUT_KEY = 'xf-diff-layout';

function pane(side) {
  if (!panes[side]) {
    panes[side] = new DiagramPane(document.getElementById(`${side}-canvas`), V);
    panes[side].holder.addEventListener('scroll', () => {
      // A pane scrolled by follow() leads nothing: its scroll event may come a frame later, and a pane
      // that could not go as far (a narrower diagram) would pull the reader's pane back.
      const { holder, followed } = panes[side];
      panes[side].followed = null;
      if (followed && followed.left === holder.scrollLeft && followed.top === holder.scrollTop) return;
      follow(panes[side]);
    });
    panes[side].holder.addEventListener('wheel', (event) => {
      // Ctrl and the wheel (a pinch on a touchpad) zoom both about the point under the pointer.
      if (!event.ctrlKey || !panes[side].inner) return;
      event.preventDefault();
      const at = panes[side].atClient(event.clientX, event.clientY);
      zoomBoth(panes[side].scale * (event.deltaY < 0 ? 1.1 : 1 / 1.1), at);
      follow(panes[side]);
    }, { passive: false });
  }
  return panes[side];
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
    badge.title = `${entries[0].title || entries[0].name || element}: ${kinds.join(', ')}`;
    return { element, html: badge, marker: missing ? 'xf-stands xf-stands-missing' : 'xf-stands' };
  });
}

async function draw(diagram, side) {
  const holder = document.getElementById(`${side}-canvas`);
  const xml = diagram[side];
  holder.querySelector('.xf-absent')?.remove();
  if (!xml) {
    pane(side).clear();
    holder.append(Object.assign(document.createElement('p'), {
      className: 'xf-absent muted', textContent: config.labels.absent }));
    return;
  }
  const shown = pane(side).viewer;
  await pane(side).draw(xml);
  const canvas = shown.get('canvas');
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

// Side by side when both versions can be read at half the width, one above the other when not;
// what the reader chose last is kept (on a narrow screen they are always one above the other).
function chosenLayout() {
  try { return localStorage.getItem(LAYOUT_KEY); } catch { return null; }
}

function setLayout(layout, remember = false) {
  panel.dataset.layout = layout;
  for (const button of controls?.querySelectorAll('[data-layout]') || []) {
    button.setAttribute('aria-pressed', String(button.dataset.layout === layout));
  }
  if (remember) try { localStorage.setItem(LAYOUT_KEY, layout); } catch { /* private browsing: not kept */ }
}

function drawn() {
  return SIDES.map((side) => panes[side]).filter((shown) => shown?.inner);
}

// The scale both panes share: the whole width of the wider diagram, but never below a readable one.
function readableScale() {
  const fits = drawn().map((shown) => shown.fitWidth());
  return fits.length ? Math.min(1, Math.max(READABLE, Math.min(...fits))) : 1;
}

function zoomBoth(scale, at = null) {
  for (const shown of drawn()) shown.zoom(scale, at);
  const level = controls?.querySelector('.xf-zoom-level');
  if (level) level.textContent = `${Math.round((drawn()[0]?.scale || scale) * 100)}%`;
}

// Where to look first: the first place the case stands on, else the first change, else the start.
function focusOf(diagram) {
  const here = (diagram.standing || [])[0];
  if (here) return here.element;
  return (diagram.changes || []).find((change) => change.kind !== 'removed')?.element
    || (diagram.changes || [])[0]?.element || null;
}

function arrange(diagram) {
  const chosen = chosenLayout();
  setLayout(chosen || 'side');
  if (!chosen && !drawn().every((shown) => shown.fitWidth() >= READABLE)) setLayout('stacked');
  zoomBoth(readableScale());
  for (const shown of drawn()) { shown.holder.scrollLeft = 0; shown.holder.scrollTop = 0; }
  const focus = focusOf(diagram);
  const first = focus && drawn().find((shown) => shown.showElement(focus, true));
  if (first) follow(first);
}

// The two panes move together: the diagram point at one's top left corner is put at the other's.
let following = false;
function follow(leader) {
  if (following) return;
  following = true;
  const corner = leader.corner();
  for (const shown of drawn()) {
    if (shown === leader || !corner) continue;
    shown.scrollToPoint(corner);
    shown.followed = { left: shown.holder.scrollLeft, top: shown.holder.scrollTop };  // as the browser kept it
  }
  requestAnimationFrame(() => { following = false; });
}

controls?.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  const leader = drawn()[0];
  if (!button || !leader) return;
  const centre = leader.centre();
  if (button.dataset.layout) {
    setLayout(button.dataset.layout, true);
    zoomBoth(readableScale());
  } else {
    const scale = leader.scale;
    zoomBoth({ in: scale * 1.25, out: scale / 1.25, readable: readableScale(),
      whole: Math.min(1, ...drawn().map((shown) => shown.fitWidth())) }[button.dataset.zoom] || scale);
  }
  leader.showPoint(centre);
  follow(leader);
});

// A page made wider or narrower (a phone turned) keeps the scale and the place in the middle.
let resizing = null;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => {
    const leader = drawn()[0];
    if (!leader) return;
    const centre = leader.centre();
    zoomBoth(leader.scale);
    leader.showPoint(centre);
    follow(leader);
  }, 150);
});

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
  arrange(diagrams[index]);
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
    if (panes[side]?.showElement(row.dataset.element)) {
      follow(panes[side]);
      panes[side].holder.scrollIntoView({ block: 'nearest' });
    }
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
