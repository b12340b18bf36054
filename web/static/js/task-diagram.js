// The task page's diagram: drawn when the handler opens it, with this step and the case's way
// through the procedure marked. The viewer library is loaded only then.
(() => {
  'use strict';
  const box = document.querySelector('details.task-diagram');
  if (!box) return;
  const holder = box.querySelector('.task-canvas');
  const MARKS = { completed: 'xf-completed', active: 'xf-active', waiting_timers: 'xf-timer', errors: 'xf-error' };
  const READABLE = 0.8;  // below this scale the labels cannot be read: zoom in on the step instead
  let started = false;

  function centreOn(canvas, element) {
    canvas.zoom(READABLE);
    const box = canvas.viewbox();
    canvas.viewbox({ x: element.x + element.width / 2 - box.width / 2, y: element.y + element.height / 2 - box.height / 2,
      width: box.width, height: box.height });
  }

  function viewerLibrary() {
    if (window.XinfangViewer) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = box.dataset.viewer;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }

  async function caseData() {
    const response = await fetch(box.dataset.url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error(`diagram: ${response.status}`);
    return response.json();
  }

  async function draw() {
    started = true;
    holder.dataset.state = 'loading';
    try {
      const [data] = await Promise.all([caseData(), viewerLibrary()]);
      const viewer = new window.XinfangViewer.NavigatedViewer({
        container: holder, moddleExtensions: { camunda: window.XinfangViewer.camundaModdle } });
      await viewer.importXML(data.xml);
      const canvas = viewer.get('canvas');
      const registry = viewer.get('elementRegistry');
      for (const [bucket, marker] of Object.entries(MARKS)) {
        for (const id of data.trail[bucket] || []) {
          const element = registry.get(id);
          if (!element || id === data.element) continue;
          // A sub-process the step runs inside is outlined, not filled: the step stays what stands out.
          canvas.addMarker(element, element.children && element.children.length ? `${marker}-scope` : marker);
        }
      }
      const current = registry.get(data.element);
      if (current && canvas.findRoot && canvas.setRootElement) canvas.setRootElement(canvas.findRoot(current));
      canvas.zoom('fit-viewport', 'auto');
      if (current) {
        canvas.addMarker(current, 'xf-current');
        if (canvas.zoom() < READABLE) centreOn(canvas, current);
      }
      holder.dataset.state = 'ready';
    } catch (error) {
      holder.dataset.state = 'failed';
      holder.textContent = box.dataset.failed;
    }
  }

  box.addEventListener('toggle', () => { if (box.open && !started) draw(); });
  if (box.open) draw();
})();
