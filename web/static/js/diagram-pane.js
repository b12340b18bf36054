// A diagram drawn at a scale its names can be read at, in a pane that scrolls (as Camunda's and
// Flowable's viewers do, a wide procedure is not shrunk to fit a narrow pane). The pane scrolls
// with the wheel, the scroll bars, the arrow keys, a finger, or the mouse dragged across it; its
// scale changes with the buttons or the wheel with Ctrl held (designer-diff.js). The viewer's sheet is as large as the diagram at that scale, so overlays (badges)
// stay where they were placed at every scale.

export const READABLE = 0.8;  // below this scale a step's name can no longer be read
export const LARGEST = 2.5;
const SMALLEST = 0.2;
const MARGIN = 16;  // screen pixels of white around the diagram

export class DiagramPane {
  constructor(frame, V) {
    this.holder = Object.assign(document.createElement('div'), { className: 'xf-diff-scroll' });
    this.sheet = Object.assign(document.createElement('div'), { className: 'xf-diff-sheet' });
    this.holder.append(this.sheet);
    this.holder.tabIndex = 0;  // the arrow keys scroll it too
    frame.append(this.holder);
    this.viewer = new V.Viewer({ container: this.sheet, moddleExtensions: { camunda: V.camundaModdle } });
    // The bpmn.io mark stays in the pane's corner, in view however far the diagram is scrolled.
    const mark = this.sheet.querySelector('.bjs-powered-by');
    if (mark) frame.append(mark);
    this.inner = null;  // the drawn diagram's bounds, in diagram units
    this.scale = 1;
    dragToScroll(this.holder);
  }

  async draw(xml) {
    await this.viewer.importXML(xml);
    const canvas = this.viewer.get('canvas');
    canvas.resized();
    const { inner } = canvas.viewbox();
    this.inner = inner.width && inner.height ? inner : { x: 0, y: 0, width: 1, height: 1 };
  }

  clear() {
    this.viewer.clear();
    this.inner = null;
    this.sheet.style.width = '';
    this.sheet.style.height = '';
  }

  // The largest scale at which the whole width fits the pane (scroll bar and margins aside).
  fitWidth() {
    return this.inner ? (this.holder.clientWidth - 2 * MARGIN) / this.inner.width : LARGEST;
  }

  // Draw at `scale`, the sheet sized to the diagram, keeping the diagram point `at` (or the one in
  // the middle of the pane) where it was on the screen.
  zoom(scale, at = null) {
    if (!this.inner) return;
    const keep = at || this.centre();
    const before = this.toScreen(keep);
    this.scale = Math.min(LARGEST, Math.max(SMALLEST, scale));
    const width = Math.max(this.inner.width * this.scale + 2 * MARGIN, this.holder.clientWidth);
    const height = this.inner.height * this.scale + 2 * MARGIN;
    this.sheet.style.width = `${Math.round(width)}px`;
    this.sheet.style.height = `${Math.round(height)}px`;
    const canvas = this.viewer.get('canvas');
    canvas.resized();
    canvas.viewbox({ x: this.inner.x - MARGIN / this.scale, y: this.inner.y - MARGIN / this.scale,
      width: width / this.scale, height: height / this.scale });
    const after = this.toScreen(keep);
    this.holder.scrollLeft += after.x - before.x;
    this.holder.scrollTop += after.y - before.y;
    this.holder.dataset.zoom = this.scale.toFixed(3);
  }

  // Where a diagram point is drawn on the sheet, and which one is in the middle of the pane.
  toSheet(point) {
    return { x: (point.x - this.inner.x) * this.scale + MARGIN, y: (point.y - this.inner.y) * this.scale + MARGIN };
  }

  toScreen(point) {
    const sheet = this.toSheet(point);
    return { x: sheet.x - this.holder.scrollLeft, y: sheet.y - this.holder.scrollTop };
  }

  centre() {
    return this.atSheet(this.holder.scrollLeft + this.holder.clientWidth / 2,
      this.holder.scrollTop + this.holder.clientHeight / 2);
  }

  atSheet(x, y) {
    return { x: this.inner.x + (x - MARGIN) / this.scale, y: this.inner.y + (y - MARGIN) / this.scale };
  }

  // The diagram point under a place on the screen (a mouse pointer's).
  atClient(clientX, clientY) {
    const box = this.holder.getBoundingClientRect();
    return this.atSheet(clientX - box.left + this.holder.scrollLeft, clientY - box.top + this.holder.scrollTop);
  }

  // The diagram point at the pane's top left corner, and scrolling another pane to show it there.
  corner() {
    return this.inner ? this.atSheet(this.holder.scrollLeft, this.holder.scrollTop) : null;
  }

  scrollToPoint(point) {
    if (!this.inner) return;
    const sheet = this.toSheet(point);
    this.holder.scrollLeft = sheet.x;
    this.holder.scrollTop = sheet.y;
  }

  // Bring a diagram point, or an element, to the middle of the pane.
  showPoint(point) {
    if (!this.inner) return;
    const sheet = this.toSheet(point);
    this.holder.scrollLeft = sheet.x - this.holder.clientWidth / 2;
    this.holder.scrollTop = sheet.y - this.holder.clientHeight / 2;
  }

  // Bring an element into view: to the middle of the pane, or only as far as needed when `least`.
  showElement(id, least = false) {
    const element = this.inner && this.viewer.get('elementRegistry').get(id);
    if (!element || element.waypoints) return false;
    const from = this.toScreen({ x: element.x - 30, y: element.y - 30 });
    const to = this.toScreen({ x: element.x + element.width + 30, y: element.y + element.height + 30 });
    const seen = from.x >= 0 && from.y >= 0 && to.x <= this.holder.clientWidth && to.y <= this.holder.clientHeight;
    if (!(least && seen)) this.showPoint({ x: element.x + element.width / 2, y: element.y + element.height / 2 });
    return true;
  }
}

function dragToScroll(holder) {
  // A finger scrolls the pane by itself; the mouse drags it, as it pans Camunda's canvas.
  let from = null;
  holder.addEventListener('pointerdown', (event) => {
    if (event.pointerType !== 'mouse' || event.button !== 0) return;
    const box = holder.getBoundingClientRect();
    const x = event.clientX - box.left - holder.clientLeft;
    const y = event.clientY - box.top - holder.clientTop;
    if (x >= holder.clientWidth || y >= holder.clientHeight) return;  // on a scroll bar
    from = { x: event.clientX, y: event.clientY, left: holder.scrollLeft, top: holder.scrollTop };
    holder.classList.add('xf-dragging');
  });
  window.addEventListener('pointermove', (event) => {
    if (!from) return;
    holder.scrollLeft = from.left - (event.clientX - from.x);
    holder.scrollTop = from.top - (event.clientY - from.y);
  });
  window.addEventListener('pointerup', () => {
    from = null;
    holder.classList.remove('xf-dragging');
  });
}
