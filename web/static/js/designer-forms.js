// The form editor: fields as cards, the JSON beside them, and the handler's view rendered by the server.
const config = JSON.parse(document.getElementById('form-config').textContent);
const L = config.labels;
const $ = (id) => document.getElementById(id);

// The editor's model: the fields in their order; every keyword it does not show is kept as it was.
const original = JSON.parse(document.getElementById('form-definition').textContent) || {};
const model = fromDefinition(original);
let previewLocale = config.locale === 'en' ? 'en' : 'zh_CN';
let previewTimer = null;
let token = config.token;  // the form file's text this page opened (or last saved), by its token
let savedText = null;  // the definition as last saved (or opened); leaving with another one asks first
const unsaved = () => savedText !== null && JSON.stringify(toDefinition()) !== savedText;

function fromDefinition(definition) {
  const properties = definition.properties || {};
  const ui = definition.uiSchema || {};
  const order = (ui['ui:order'] || []).filter((name) => name in properties);
  for (const name of Object.keys(properties)) if (!order.includes(name)) order.push(name);
  const required = new Set(definition.required || []);
  const { properties: _p, uiSchema: _u, required: _r, title, ...rest } = definition;
  return {
    title: typeof title === 'object' && title ? { ...title } : { zh: title || '', en: title || '' },
    rest,
    fields: order.map((name) => ({ name, origin: name, spec: { ...properties[name] }, hints: { ...(ui[name] || {}) },
      required: required.has(name) })),
  };
}

function toDefinition() {
  const uiSchema = { 'ui:order': model.fields.map((f) => f.name) };
  const properties = {};
  for (const field of model.fields) {
    properties[field.name] = field.spec;
    if (Object.keys(field.hints).length) uiSchema[field.name] = field.hints;
  }
  const made = { ...model.rest, title: model.title, type: 'object',
    required: model.fields.filter((f) => f.required).map((f) => f.name), properties, uiSchema };
  // The keywords in the order the file had them, new ones after: a save changes only what was edited.
  if (!made.required.length && !('required' in original)) delete made.required;
  const ordered = Object.fromEntries(Object.keys(original).filter((key) => key in made).map((key) => [key, made[key]]));
  return { ...ordered, ...made };
}

const lines = (spec) => (spec.enum || []).map((value, i) => [value, (spec.enumNames?.zh || [])[i] ?? '',
  (spec.enumNames?.en || [])[i] ?? ''].join(' | ')).join('\n');

function parseLines(text, spec) {
  const rows = text.split('\n').map((line) => line.split('|').map((part) => part.trim())).filter((r) => r[0]);
  if (!rows.length) { delete spec.enum; delete spec.enumNames; return; }
  spec.enum = rows.map((r) => (spec.type === 'integer' ? Number(r[0]) : r[0]));
  spec.enumNames = { zh: rows.map((r) => r[1] || r[0]), en: rows.map((r) => r[2] || r[0]) };
}

function input(labelText, value, onInput, attrs = {}) {
  const wrap = document.createElement('div');
  const id = `in-${Math.random().toString(36).slice(2, 9)}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = labelText;
  const el = document.createElement(attrs.tag || 'input');
  el.id = id;
  if (attrs.type) el.type = attrs.type;
  if (attrs.options) {
    for (const [v, t] of attrs.options) el.append(new Option(t, v, false, String(v) === String(value ?? '')));
  } else if (attrs.type === 'checkbox') {
    el.checked = Boolean(value);
    wrap.className = 'inline-check';
    label.className = 'inline-check';
  } else {
    el.value = value ?? '';
  }
  if (attrs.name) el.dataset.role = attrs.name;
  el.addEventListener(attrs.options || attrs.type === 'checkbox' ? 'change' : 'input',
    () => onInput(attrs.type === 'checkbox' ? el.checked : el.value));
  if (attrs.type === 'checkbox') { label.prepend(el); wrap.append(label); } else wrap.append(label, el);
  return wrap;
}

function setOrDrop(object, key, value) {
  if (value === '' || value === null || value === undefined) delete object[key]; else object[key] = value;
}

function fieldCard(field, index) {
  const card = document.createElement('div');
  card.className = 'xf-field-card';
  card.dataset.field = field.name;
  const head = document.createElement('div');
  head.className = 'xf-field-head';
  head.append(input(L.name, field.name, (v) => { field.name = v.trim(); card.dataset.field = field.name; changed(); },
    { name: 'name' }));
  const buttons = document.createElement('div');
  for (const [text, step] of [[L.up, -1], [L.down, 1]]) {
    const b = document.createElement('button');
    b.type = 'button'; b.textContent = text; b.disabled = !model.fields[index + step];
    b.addEventListener('click', () => { const [f] = model.fields.splice(index, 1); model.fields.splice(index + step, 0, f); render(); });
    buttons.append(b, ' ');
  }
  const remove = document.createElement('button');
  remove.type = 'button'; remove.className = 'danger'; remove.textContent = L.remove;
  remove.addEventListener('click', () => {
    if ((config.readers[field.origin] || []).length && !window.confirm(L.removeRead)) return;
    model.fields.splice(index, 1); render();
  });
  buttons.append(remove);
  head.append(buttons);
  card.append(head);

  const spec = field.spec;
  const row = document.createElement('div');
  row.className = 'row';
  row.append(
    input(L.type, spec.type, (v) => { spec.type = v; delete field.hints['ui:widget']; render(); },
      { tag: 'select', options: config.types, name: 'type' }),
    input(L.titleZh, spec.title?.zh ?? spec.title, (v) => { spec.title = { ...asPair(spec.title), zh: v }; changed(); }, { name: 'title-zh' }),
    input(L.titleEn, spec.title?.en ?? spec.title, (v) => { spec.title = { ...asPair(spec.title), en: v }; changed(); }, { name: 'title-en' }),
    input(L.required, field.required, (v) => { field.required = v; changed(); }, { type: 'checkbox', name: 'required' }),
    input(L.readOnly, spec.readOnly, (v) => { setOrDrop(spec, 'readOnly', v || undefined); changed(); }, { type: 'checkbox' }),
  );
  const widgets = config.widgets[spec.type] || [];
  if (widgets.length > 1) {
    row.append(input(L.widget, field.hints['ui:widget'] || '', (v) => { setOrDrop(field.hints, 'ui:widget', v); changed(); },
      { tag: 'select', options: widgets, name: 'widget' }));
  }
  if (spec.type === 'string') {
    row.append(input(L.format, spec.format || '', (v) => { setOrDrop(spec, 'format', v); changed(); }, { tag: 'select', options: config.formats }),
      input(L.maxLength, spec.maxLength, (v) => { setOrDrop(spec, 'maxLength', v === '' ? '' : Number(v)); changed(); }, { type: 'number' }));
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    row.append(input(L.minimum, spec.minimum, (v) => { setOrDrop(spec, 'minimum', v === '' ? '' : Number(v)); changed(); }, { type: 'number' }),
      input(L.maximum, spec.maximum, (v) => { setOrDrop(spec, 'maximum', v === '' ? '' : Number(v)); changed(); }, { type: 'number' }));
  }
  card.append(row);
  if (spec.type === 'array' && spec.items?.type === 'object') {
    const note = document.createElement('p'); note.className = 'muted small'; note.textContent = L.group; card.append(note);
  } else if (spec.type === 'array' || spec.type === 'string' || spec.type === 'integer') {
    const target = spec.type === 'array' ? (spec.items = spec.items || { type: 'string' }) : spec;
    if (spec.type === 'array') field.hints['ui:widget'] = 'checkboxes';
    card.append(input(L.options, lines(target), (v) => { parseLines(v, target); changed(); }, { tag: 'textarea', name: 'options' }));
  }
  const help = asPair(field.hints['ui:help']);
  const helpRow = document.createElement('div');
  helpRow.className = 'row';
  helpRow.append(
    input(L.helpZh, help.zh, (v) => { field.hints['ui:help'] = { ...asPair(field.hints['ui:help']), zh: v }; tidyHelp(field); changed(); }),
    input(L.helpEn, help.en, (v) => { field.hints['ui:help'] = { ...asPair(field.hints['ui:help']), en: v }; tidyHelp(field); changed(); }));
  card.append(helpRow);
  const readers = config.readers[field.origin] || [];
  if (readers.length) {
    const note = document.createElement('div');
    note.className = 'xf-readers';
    const list = document.createElement('ul');
    for (const r of readerGroups(readers)) {
      const item = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = r.text.length > 90 ? `${r.text.slice(0, 90)}…` : r.text;
      code.title = r.text;
      item.append(`${r.element} (${r.kind}) · ${r.where.join(', ')}: `, code);
      list.append(item);
    }
    note.append(L.readBy, list);
    card.append(note);
  }
  return card;
}

const asPair = (value) => (value && typeof value === 'object' ? { zh: value.zh || '', en: value.en || '' }
  : { zh: value || '', en: value || '' });

function tidyHelp(field) {
  const help = field.hints['ui:help'];
  if (help && !help.zh && !help.en) delete field.hints['ui:help'];
}

// One line per element and expression that reads the field, naming every version that has it:
// the same script in five versions is one line, not five copies of it.
function readerGroups(readers) {
  const groups = new Map();
  for (const r of readers) {
    const key = JSON.stringify([r.element, r.kind, r.text]);
    if (!groups.has(key)) groups.set(key, { ...r, where: [] });
    groups.get(key).where.push(`${r.process} v${r.version}`);
  }
  return [...groups.values()];
}

function render() {
  $('fields').replaceChildren(...model.fields.map(fieldCard));
  changed();
}

function changed() {
  $('json').value = JSON.stringify(toDefinition(), null, 2);
  $('json-error').hidden = true;
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, 250);
}

async function post(url, body) {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': config.csrf } });
  let data = {};
  try { data = await response.json(); } catch (_e) { data = {}; }
  return { ok: response.ok, status: response.status, data };
}

function listProblems(target, problems) {
  target.replaceChildren(...problems.map((p) => {
    const li = document.createElement('li');
    const place = p.place || p.path;
    li.textContent = place ? L.problemAt.replace('{place}', place).replace('{text}', p.text) : p.text;
    return li;
  }));
  for (const card of document.querySelectorAll('.xf-field-card')) {
    const path = `properties.${card.dataset.field}`;  // this field's own findings, not those of a longer name
    card.classList.toggle('invalid', problems.some((p) => p.path === path || (p.path || '').startsWith(`${path}.`)));
  }
}

async function preview() {
  const { ok, data } = await post(config.urls.preview, { definition: toDefinition(), locale: previewLocale });
  if (!ok) return;
  if (data.html) $('preview').innerHTML = data.html;  // rendered and escaped by the server
  listProblems($('preview-problems'), data.problems || []);
}

async function save() {
  const key = config.key || ($('form-key')?.value || '').trim();
  if (!key) { $('form-status').textContent = L.needKey; return; }
  $('form-status').textContent = L.saving;
  const url = `${config.urls.forms}${encodeURIComponent(key)}`;
  const body = { definition: toDefinition(), new: !config.key, based_on: token };
  let { ok, status, data } = await post(url, body);
  if (status === 409 && data.error === 'form_changed') {  // someone saved the form since this page opened it
    if (!window.confirm(data.message)) { $('form-status').textContent = L.notReplaced; return; }
    ({ ok, data } = await post(url, { ...body, replace: true }));
  }
  if (!ok) {
    const problems = data.problems || (data.errors ? [{ path: '', text: JSON.stringify(data.errors) }] : []);
    $('form-status').textContent = problems.length ? L.refused : (data.message || L.failed);
    listProblems($('form-problems'), problems);
    return;
  }
  listProblems($('form-problems'), []);
  $('form-status').textContent = L.saved;
  savedText = JSON.stringify(toDefinition());
  token = data.token;
  if (!config.key) window.location.assign(data.url);
}

$('title-zh').value = model.title.zh;
$('title-en').value = model.title.en;
$('title-zh').addEventListener('input', (e) => { model.title.zh = e.target.value; changed(); });
$('title-en').addEventListener('input', (e) => { model.title.en = e.target.value; changed(); });
$('add-field').addEventListener('click', () => {
  const name = `field_${model.fields.length + 1}`;
  model.fields.push({ name, origin: null, spec: { type: 'string', title: { zh: '', en: '' } }, hints: {}, required: false });
  render();
});
$('json').addEventListener('change', (e) => {
  try {
    const parsed = JSON.parse(e.target.value);
    Object.assign(model, fromDefinition(parsed));
    $('title-zh').value = model.title.zh; $('title-en').value = model.title.en;
    render();
  } catch (error) {
    $('json-error').textContent = `${L.badJson} ${error.message}`;
    $('json-error').hidden = false;
  }
});
$('save').addEventListener('click', save);
// Ctrl+S (⌘S) saves the form, as in the modeller, instead of the browser saving the page.
window.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
    event.preventDefault();
    save();
  }
});
for (const button of document.querySelectorAll('[data-locale]')) {
  button.addEventListener('click', () => { previewLocale = button.dataset.locale; preview(); });
}
window.addEventListener('beforeunload', (event) => {
  if (unsaved()) { event.preventDefault(); event.returnValue = L.unsaved; }
});
render();
savedText = JSON.stringify(toDefinition());
document.body.dataset.formEditorReady = 'true';
