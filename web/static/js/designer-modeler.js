// The modeller page: bpmn-js with the Camunda 7 properties panel; save a draft, check, deploy.
// Every word shown here comes from the page (#designer-config), in the page's language.
const config = JSON.parse(document.getElementById('designer-config').textContent);
const L = config.labels;
const M = window.XinfangModeler;

const $ = (id) => document.getElementById(id);
const say = (text, tone = 'info') => { const s = $('status'); s.textContent = text; s.dataset.tone = tone; };
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_m, key) => values[key] ?? '');

function translate(template, replacements = {}) {
  const text = config.translations[template] || template;
  return text.replace(/{([^}]+)}/g, (_m, key) => replacements[key] ?? `{${key}}`);
}

const modeler = M.createModeler({
  container: '#canvas',
  propertiesPanel: { parent: '#properties' },
  additionalModules: [{ translate: ['value', translate] }],
});
const canvas = modeler.get('canvas');
const registry = modeler.get('elementRegistry');
const overlays = modeler.get('overlays');

let checkedXml = null;   // the text that passed the last check, if it passed
let loaded = false;      // whether the canvas holds a diagram (a file with no process is never put on it)
let dirty = false;       // changed since loaded, saved or deployed
let draftToken = config.draftToken;  // which draft this page holds (a token of its text); null: no draft

// Send to a url that replaces the file's draft; if someone changed that draft since, ask first.
async function overDraft(url, body) {
  let answer = await post(url, { ...body, based_on: draftToken });
  if (answer.status === 409 && answer.data.error === 'draft_changed') {
    if (!window.confirm(answer.data.message)) return { ...answer, declined: true };
    answer = await post(url, { ...body, replace: true });
  }
  return answer;
}
let marked = [];

// Why a text cannot be a diagram, in the server's words (engine/drafts.py check_diagram); null when
// it may go on the canvas. bpmn-js would take a file without a process and fail inside, in English.
const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
function unreadable(text) {
  const words = L.unreadable;
  if (!text.trim()) return words.empty;
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const broken = doc.getElementsByTagName('parsererror')[0];
  if (broken) {
    const [, line = '1', column = '1'] = broken.textContent.match(/line (\d+) at column (\d+)/) || [];
    return words.malformed_xml.replace(/%\((\w+)\)s/g, (_m, key) => ({ line, column })[key] ?? '');
  }
  const root = doc.documentElement;
  if (root.namespaceURI !== BPMN_NS || root.localName !== 'definitions') {
    return /omg\.org\/spec\/DMN\//.test(root.namespaceURI || '') ? words.dmn : words.not_bpmn;
  }
  const parts = [...root.children].filter((child) => child.namespaceURI === BPMN_NS).map((child) => child.localName);
  if (parts.includes('process')) return null;
  return parts.includes('collaboration') ? words.only_collaboration : words.holds_no_process;
}

const storedRefusal = (problem) => `${L.storedUnreadable} ${problem} ${L.storedMend}`;

async function currentXml() {
  const { xml } = await modeler.saveXML({ format: true });
  return xml;
}

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': config.csrf },
    body: JSON.stringify(body),
  });
  let data = {};
  try { data = await response.json(); } catch (_e) { data = {}; }
  return { ok: response.ok, status: response.status, data };
}

function clearMarks() {
  for (const id of marked) {
    canvas.removeMarker(id, 'xf-problem');
    canvas.removeMarker(id, 'xf-warning');
  }
  overlays.remove({ type: 'xf-problem' });
  marked = [];
}

function select(id) {
  const element = registry.get(id);
  if (!element) return;
  modeler.get('selection').select(element);
  canvas.scrollToElement(element);
}

function showProblems(problems, lintIssues) {
  clearMarks();
  const list = $('problems');
  list.replaceChildren();
  const items = [
    ...problems.map((p) => ({ id: p.element, text: p.text, source: p.source, severity: 'error', file: p.file })),
    ...lintIssues.map((i) => ({ id: i.id, text: `${translate(i.message)} (${i.rule})`, source: L.bpmnlint,
      severity: i.category === 'error' ? 'error' : 'warning' })),
  ];
  for (const item of items) {
    const li = document.createElement('li');
    li.className = `xf-problem-item ${item.severity}`;
    const onCanvas = item.id && registry.get(item.id);
    const label = document.createElement(onCanvas ? 'button' : 'span');
    if (onCanvas) {
      label.type = 'button';
      label.className = 'link-button';
      label.addEventListener('click', () => select(item.id));
    }
    label.textContent = item.id || item.file || '—';
    const badge = document.createElement('span');
    badge.className = `badge ${item.severity === 'error' ? 'bad' : 'warn'}`;
    badge.textContent = `${item.source} · ${item.severity === 'error' ? L.error : L.warning}`;
    li.append(badge, ' ', label, item.id && !onCanvas ? ` ${L.notOnCanvas}` : '', L.colon, item.text);
    list.append(li);
    if (onCanvas) {
      const marker = item.severity === 'error' ? 'xf-problem' : 'xf-warning';
      canvas.addMarker(item.id, marker);
      marked.push(item.id);
      if (item.severity === 'error') {
        const bubble = document.createElement('div');
        bubble.className = 'xf-problem-bubble';
        bubble.title = item.text;
        bubble.textContent = '!';
        overlays.add(item.id, 'xf-problem', { position: { top: -10, right: 8 }, html: bubble });
      }
    }
  }
  return items;
}

async function check() {
  say(L.checking);
  const xml = await currentXml();
  let lintIssues = [];
  try { lintIssues = await M.lint(xml); } catch (_e) { lintIssues = []; }
  const { ok, data } = await post(config.urls.check, { file: config.file, xml });
  if (!ok) { say(data.message || L.failed, 'bad'); return; }
  const items = showProblems(data.problems, lintIssues);
  const errors = items.filter((i) => i.severity === 'error').length;
  const warnings = items.length - errors;
  checkedXml = errors === 0 ? xml : null;
  $('deploy').disabled = errors !== 0;
  const summary = errors ? fill(L.problems, { n: errors }) : L.clean;
  $('results-summary').textContent = warnings ? `${summary} ${fill(L.warnings, { n: warnings })}` : summary;
  say(summary, errors ? 'bad' : 'ok');
}

async function deploy() {
  const xml = await currentXml();
  if (xml !== checkedXml) { $('deploy').disabled = true; say(L.changed, 'bad'); return; }
  say(L.deploying);
  const { ok, data, declined } = await overDraft(config.urls.deploy, { file: config.file, xml });
  if (declined) { say(L.notReplaced, 'bad'); return; }
  if (!ok) {
    const problems = data.problems || [];
    showProblems(problems, []);
    say(problems.length ? fill(L.refused, { n: problems.length }) : (data.message || L.failed), 'bad');
    $('deploy').disabled = true;
    return;
  }
  dirty = false;
  draftToken = null;  // a deploy takes the draft's place
  const status = $('status');
  status.replaceChildren();
  status.dataset.tone = 'ok';
  for (const row of data.versions) {
    const what = `${row.process} v${row.version}`;
    const line = document.createElement('span');
    line.className = 'xf-status-line';
    line.append(fill(row.status === 'deployed' ? L.deployed : L.unchanged, { what }), ' ');
    const link = document.createElement('a');
    link.href = row.url;
    link.textContent = L.versionLink;
    line.append(link, ' ');
    status.append(line);
  }
}

async function saveDraft() {
  say(L.saving);
  const { ok, data, declined } = await overDraft(config.urls.draft, { xml: await currentXml() });
  if (declined) { say(L.notReplaced, 'bad'); return; }
  if (!ok) { say((data.problems && data.problems[0] && data.problems[0].text) || data.message || L.failed, 'bad'); return; }
  dirty = false;
  draftToken = data.token;
  say(L.saved, 'ok');
}

async function download() {
  const blob = new Blob([await currentXml()], { type: 'application/xml' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = config.file;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// The XML view: the diagram as text, edited in place of the canvas. Its text reaches the diagram
// when applied, when the designer goes back to the diagram, and before a save, check or download.
let xmlShown = null;  // the text last put in or taken from the XML view; null while it is closed
const xmlEdited = () => xmlShown !== null && $('xml-text').value !== xmlShown;

function setView(xml) {
  $('workbench').hidden = xml;
  $('xml-pane').hidden = !xml;
  $('xml-view').setAttribute('aria-pressed', String(xml));
}

async function showXml() {
  xmlShown = await currentXml();
  $('xml-text').value = xmlShown;
  setView(true);
  $('xml-text').focus();
}

// Put the XML view's text on the diagram; tell whether the diagram now shows it. Text that cannot be
// read leaves the diagram as it was (re-imported, as an import that fails part-way clears it).
async function applyXml({ quiet = false } = {}) {
  if (loaded && !xmlEdited()) { if (!quiet) say(L.xmlUnchanged); return true; }
  const text = $('xml-text').value;
  const problem = unreadable(text);
  if (problem) { say(loaded ? `${L.xmlRefused} ${problem}` : storedRefusal(problem), 'bad'); return false; }
  const before = loaded ? await currentXml() : null;
  let warnings;
  try {
    ({ warnings } = await modeler.importXML(text));
  } catch (error) {
    if (before !== null) await modeler.importXML(before);
    say(`${L.xmlRefused} ${error.message}`, 'bad');
    return false;
  }
  loaded = true;
  xmlShown = text;
  dirty = true;
  checkedXml = null;
  $('deploy').disabled = true;
  clearMarks();
  say(warnings.length ? `${L.xmlApplied} ${fill(L.importWarnings, { n: warnings.length })}` : L.xmlApplied);
  return true;
}

async function showDiagram() {
  if (!(await applyXml({ quiet: true }))) return;  // the designer stays with the text to mend it
  xmlShown = null;
  setView(false);
  canvas.resized();
  canvas.zoom('fit-viewport', 'auto');
}

// Statutory stage templates: the set-up of a stage of the deployed diagrams, copied onto a task,
// sub-process or call activity (see processes/stage_templates.py).
const templates = Object.fromEntries((config.templates || []).map((t) => [t.key, t]));
const modeling = modeler.get('modeling');
const moddle = modeler.get('moddle');
const elementFactory = modeler.get('elementFactory');
const STAGE_TYPES = ['bpmn:UserTask', 'bpmn:SubProcess', 'bpmn:CallActivity'];  // what a template applies to

// Set the stage's camunda properties to the template's, keeping its other properties and extensions.
function setProperties(task, values) {
  const bo = task.businessObject;
  const made = (name) => moddle.create('camunda:Property', { name, value: values[name] });
  if (!bo.extensionElements) {
    const extensions = moddle.create('bpmn:ExtensionElements', { values: [] });
    modeling.updateProperties(task, { extensionElements: extensions });
  }
  const extensions = bo.extensionElements;
  let properties = (extensions.values || []).find((v) => v.$type === 'camunda:Properties');
  if (!properties) {
    properties = moddle.create('camunda:Properties', { values: [] });
    properties.$parent = extensions;
    modeling.updateModdleProperties(task, extensions, { values: [...(extensions.values || []), properties] });
  }
  const kept = (properties.values || []).filter((p) => !(p.name in values));
  const added = Object.keys(values).map(made);
  added.forEach((p) => { p.$parent = properties; });
  modeling.updateModdleProperties(task, properties, { values: [...kept, ...added] });
}

const isTimer = (shape) => (shape.businessObject.eventDefinitions || [])
  .some((d) => d.$type === 'bpmn:TimerEventDefinition');

// Give the stage the template's timer: the one of the same name if it has it, else a new one on its edge.
function setTimer(task, timer) {
  let event = (task.attachers || []).find((a) => isTimer(a) && (a.businessObject.name || '') === timer.name);
  if (!event) {
    const shape = elementFactory.createShape({ type: 'bpmn:BoundaryEvent', eventDefinitionType: 'bpmn:TimerEventDefinition' });
    // On the bottom edge: the first at the right end, the next at the left end (their labels apart), then between.
    const slot = (task.attachers || []).length;
    const x = [task.width - 15, 15][slot] ?? task.width / 2 + (slot % 2 ? -15 : 15);
    event = modeling.createShape(shape, { x: task.x + x, y: task.y + task.height }, task, { attach: true });
  }
  modeling.updateProperties(event, { name: timer.name, cancelActivity: timer.interrupting });
  const definition = event.businessObject.eventDefinitions.find((d) => d.$type === 'bpmn:TimerEventDefinition');
  const expression = moddle.create('bpmn:FormalExpression', { body: timer.expression });
  modeling.updateModdleProperties(event, definition, { timeDate: expression, timeDuration: undefined, timeCycle: undefined });
}

function applyTemplate() {
  const template = templates[$('stage-template').value];
  if (!template) { say(L.chooseTemplate, 'bad'); return; }
  const [task] = modeler.get('selection').get();
  if (!task || !STAGE_TYPES.includes(task.type)) { say(L.selectStage, 'bad'); return; }
  const changes = { documentation: [moddle.create('bpmn:Documentation', { text: template.documentation })] };
  if (!task.businessObject.name) changes.name = template.name;
  if (task.type === 'bpmn:UserTask') {  // a form and groups mean something on a user task only
    if (template.form_key) changes['camunda:formKey'] = template.form_key;
    if (template.candidate_groups) changes['camunda:candidateGroups'] = template.candidate_groups;
  }
  modeling.updateProperties(task, changes);
  if (Object.keys(template.properties).length) setProperties(task, template.properties);
  template.timers.forEach((timer) => setTimer(task, timer));
  say(fill(L.templateApplied, { name: template.name || template.element, n: template.timers.length }), 'ok');
}

// Run an action on the diagram once the XML view's edits, if any, are on it.
const afterXml = (action) => async () => { if (await applyXml({ quiet: true })) await action(); };

modeler.on('commandStack.changed', () => {
  dirty = true;
  if (checkedXml !== null) { checkedXml = null; $('deploy').disabled = true; say(L.changed); }
});
window.addEventListener('beforeunload', (event) => { if (dirty || xmlEdited()) { event.preventDefault(); event.returnValue = L.unsaved; } });

$('check').addEventListener('click', afterXml(check));
$('deploy').addEventListener('click', afterXml(deploy));
$('save-draft').addEventListener('click', afterXml(saveDraft));
// Ctrl+S (⌘S) saves the draft, as in a desktop modeller, instead of the browser saving the page.
window.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
    event.preventDefault();
    $('save-draft').click();
  }
});
$('download').addEventListener('click', afterXml(download));
$('fit').addEventListener('click', () => { if (xmlShown === null) canvas.zoom('fit-viewport', 'auto'); });
$('xml-view').addEventListener('click', () => (xmlShown === null ? showXml() : showDiagram()));
$('xml-apply').addEventListener('click', () => applyXml());
$('xml-close').addEventListener('click', showDiagram);
if ($('apply-template')) $('apply-template').addEventListener('click', applyTemplate);

// A stored text that is no diagram (a draft kept before such files were refused) opens in the XML view,
// to be mended there; the draft itself stays as it is until the designer saves.
const stored = unreadable(config.xml);
if (stored) {
  xmlShown = config.xml;
  $('xml-text').value = config.xml;
  setView(true);
  say(storedRefusal(stored), 'bad');
  document.body.dataset.modellerReady = 'unreadable';
} else {
  try {
    const { warnings } = await modeler.importXML(config.xml);
    loaded = true;
    canvas.zoom('fit-viewport', 'auto');
    if (warnings.length) say(fill(L.importWarnings, { n: warnings.length }));
    document.body.dataset.modellerReady = 'true';
  } catch (error) {
    loaded = true;  // as before: what bpmn-js could read stays on the canvas, to be saved or mended
    say(/no diagram to display/i.test(error.message) ? L.noDiagram : `${L.importFailed} ${error.message}`, 'bad');
  }
}
