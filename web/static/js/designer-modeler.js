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
    ...lintIssues.map((i) => ({ id: i.id, text: `${i.message} (${i.rule})`, source: L.bpmnlint,
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
    li.append(badge, ' ', label, item.id && !onCanvas ? ` ${L.notOnCanvas}` : '', ': ', item.text);
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

modeler.on('commandStack.changed', () => {
  dirty = true;
  if (checkedXml !== null) { checkedXml = null; $('deploy').disabled = true; say(L.changed); }
});
window.addEventListener('beforeunload', (event) => { if (dirty) { event.preventDefault(); event.returnValue = L.unsaved; } });

$('check').addEventListener('click', check);
$('deploy').addEventListener('click', deploy);
$('save-draft').addEventListener('click', saveDraft);
$('download').addEventListener('click', download);
$('fit').addEventListener('click', () => canvas.zoom('fit-viewport', 'auto'));

try {
  const { warnings } = await modeler.importXML(config.xml);
  canvas.zoom('fit-viewport', 'auto');
  if (warnings.length) say(fill(L.importWarnings, { n: warnings.length }));
  document.body.dataset.modellerReady = 'true';
} catch (error) {
  say(/no diagram to display/i.test(error.message) ? L.noDiagram : `${L.importFailed} ${error.message}`, 'bad');
}
