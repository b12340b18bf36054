// The instance's diagram with the case marked on it: completed, active, waiting on a timer, failed,
// withdrawn. Call activities open the process they call, in place; a bar lists every called process.
(() => {
  'use strict';
  const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
  const MARKS = { completed: 'xf-completed', active: 'xf-active', waiting_timers: 'xf-timer',
    errors: 'xf-error', cancelled: 'xf-cancelled' };
  const holder = document.getElementById('canvas');
  const bar = document.getElementById('called');
  const source = document.getElementById('diagram-data');
  if (!holder || !source || !window.XinfangViewer) return;
  const data = JSON.parse(source.textContent);
  const text = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? '');
  const escape = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  // Which file holds which process, and what each process is called.
  const files = {};
  const names = {};
  const calls = {};
  for (const xml of Object.values(data.sources)) {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    for (const process of doc.getElementsByTagNameNS(BPMN, 'process')) {
      files[process.getAttribute('id')] = xml;
      names[process.getAttribute('id')] = (data.names || {})[process.getAttribute('id')]
        || process.getAttribute('name') || process.getAttribute('id');
      calls[process.getAttribute('id')] = [...process.getElementsByTagNameNS(BPMN, 'callActivity')]
        .map((call) => call.getAttribute('calledElement'));
    }
  }

  // A step that failed inside a called process fails the call activity that leads to it, at every
  // level, so the main diagram shows where to look (as Cockpit puts an incident on its call activity).
  function failing(process, seen = new Set()) {
    if (seen.has(process)) return false;
    seen.add(process);
    return ((data.trails[process] || {}).errors || []).length > 0
      || (calls[process] || []).some((target) => failing(target, seen));
  }

  const viewer = new XinfangViewer.NavigatedViewer({
    container: holder, moddleExtensions: { camunda: XinfangViewer.camundaModdle } });
  let shown = null;

  // The scale: a wide procedure fitted whole into the frame is too small to read, so it opens at a
  // readable scale on where the case stands (as the diff and migration panes do), and the buttons
  // zoom, fit it whole, or go back to the readable scale.
  const READABLE = 0.8;
  const controls = document.querySelector('.xf-diagram-controls[aria-controls=canvas]');
  const canvas = () => viewer.get('canvas');

  function sayScale() {
    const level = controls && controls.querySelector('.xf-zoom-level');
    if (level) level.textContent = `${Math.round(canvas().zoom() * 100)}%`;
    holder.dataset.zoom = canvas().zoom().toFixed(3);
  }

  // The middle of the first step the case stands at (in error, active, waiting on a timer), else of the diagram.
  function standing(process) {
    const trail = data.trails[process] || {};
    const registry = viewer.get('elementRegistry');
    const ids = [...(trail.errors || []), ...(trail.active || []), ...(trail.waiting_timers || [])];
    const element = ids.map((id) => registry.get(id)).find((found) => found && !found.waypoints);
    if (element) return { x: element.x + element.width / 2, y: element.y + element.height / 2 };
    const { inner } = canvas().viewbox();
    return { x: inner.x + inner.width / 2, y: inner.y + inner.height / 2 };
  }

  function readable(process) {
    canvas().zoom('fit-viewport', 'auto');
    if (canvas().zoom() < READABLE) {
      const at = standing(process);
      const { width, height } = canvas().viewbox();
      const scaled = { width: width * canvas().zoom() / READABLE, height: height * canvas().zoom() / READABLE };
      canvas().viewbox({ x: at.x - scaled.width / 2, y: at.y - scaled.height / 2, ...scaled });
    }
    sayScale();
  }

  if (controls) {
    controls.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-zoom]');
      if (!button || !shown) return;
      const zoom = button.dataset.zoom;
      if (zoom === 'readable') readable(shown);
      else if (zoom === 'whole') canvas().zoom('fit-viewport', 'auto');
      else canvas().zoom(canvas().zoom() * (zoom === 'in' ? 1.25 : 1 / 1.25));
      sayScale();
    });
  }
  viewer.on('canvas.viewbox.changed', sayScale);

  function button(label, process, current) {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.dataset.process = process;
    if (current) element.setAttribute('aria-current', 'true');
    if (failing(process)) {
      element.classList.add('xf-has-error');
      element.title = data.labels.failedInside;
      element.append(' ', Object.assign(document.createElement('span'), {
        className: 'badge bad', textContent: data.labels.error }));
    }
    element.addEventListener('click', () => show(process));
    return element;
  }

  function renderBar(called) {
    bar.replaceChildren();
    const others = [...new Set([...Object.keys(data.trails), ...called])].filter((p) => p !== data.process && files[p]);
    if (!others.length) return;
    const title = document.createElement('span');
    title.className = 'called-title';
    title.textContent = data.labels.calledTitle;
    bar.append(title, button(names[data.process], data.process, shown === data.process));
    for (const process of others) bar.append(button(names[process], process, shown === process));
  }

  function mark(process) {
    const canvas = viewer.get('canvas');
    const registry = viewer.get('elementRegistry');
    const overlays = viewer.get('overlays');
    const trail = data.trails[process] || {};
    for (const [bucket, marker] of Object.entries(MARKS)) {
      for (const id of trail[bucket] || []) if (registry.get(id)) canvas.addMarker(id, marker);
    }
    for (const timer of data.timers) {
      if (!registry.get(timer.element) || !(trail.waiting_timers || []).includes(timer.element)) continue;
      const note = timer.provisional ? ` (${data.labels.provisional})` : '';
      overlays.add(timer.element, { position: { bottom: 2, left: -34 },
        html: `<div class="xf-due">${escape(data.labels.due)} ${escape(timer.due)}${escape(note)}</div>` });
    }
    for (const [id, count] of Object.entries(trail.runs || {})) {
      if (count > 1 && registry.get(id)) {
        overlays.add(id, { position: { top: -10, right: 10 }, html:
          `<div class="xf-runs" title="${escape(text(data.labels.runs, { count }))}">×${count}</div>` });
      }
    }
    const called = [];
    for (const element of registry.filter((e) => e.type === 'bpmn:CallActivity')) {
      const target = element.businessObject.calledElement;
      if (files[target]) {
        canvas.addMarker(element.id, 'xf-callable');
        if (failing(target)) canvas.addMarker(element.id, 'xf-error');
        called.push(target);
      }
    }
    return called;
  }

  async function show(process) {
    holder.dataset.state = 'loading';
    try {
      await viewer.importXML(files[process]);
      shown = process;
      renderBar(mark(process));
      readable(process);
      holder.dataset.process = process;
      holder.dataset.state = 'ready';
    } catch (error) {
      holder.dataset.state = 'failed';
      bar.replaceChildren(Object.assign(document.createElement('p'), {
        className: 'field-error', textContent: data.labels.failed }));
    }
  }

  viewer.on('element.click', (event) => {
    const target = event.element.businessObject && event.element.businessObject.calledElement;
    if (event.element.type === 'bpmn:CallActivity' && files[target]) show(target);
  });
  show(data.process);
})();
