// The 叫号规则 section of the manager dashboard: the hall's queue rules (过号重排, 顺延位数, 重呼上限,
// 挂起期限; PUT /api/v1/queue-rules/hall), the near-call threshold (到号提醒; PUT /api/v1/queue-rules/near-call), each service's priority rule for 绿色通道 tickets, 严格优先
// or 比例 N:1 (PUT /api/v1/queue-rules/services/{code}/priority), and the audit of both
// (GET /api/v1/queue-rules/changes). The server stays the judge of every value: its refusal is shown
// beside the field it names. No event announces a change of rules, so a timer reloads the section.
import { byId, showText, element, errorText } from '../common/hallq.js';
import { syncRows, whenText, serviceName } from './rows.js';
import { createLoader } from './loader.js';

const TEXTS = {
  zh: {
    title: '叫号规则',
    loading: '正在加载叫号规则…',
    failed: '暂时无法获取叫号规则，稍后自动重试。',
    save: '保存',
    saving: '正在保存…',
    hall: {
      title: '大厅规则',
      hint: '顺延位数留空：过号的群众回来后排到队尾；重呼上限留空：重呼不限次数，超过上限的重呼自动过号。',
      edited: '最后修改：{by}，{at}',
      asConfigured: '按配置文件，尚未修改',
      saved: '大厅规则已保存。',
      failed: '保存失败：{message}'
    },
    near: {
      title: '到号提醒',
      hint: '前面还剩这么多人时，群众手机页响铃提示，留了手机号的发短信；叫到时再提醒一次。',
      saved: '到号提醒已保存。',
      failed: '保存失败：{message}'
    },
    field: {
      noShowRequeueLimit: '过号重排次数',
      requeueAfterPlaces: '顺延位数',
      recallLimit: '重呼上限',
      parkMinutes: '挂起期限（分钟）',
      aheadThreshold: '提前提醒人数'
    },
    atTheBack: '队尾',
    unlimited: '不限',
    priority: {
      title: '各业务优先规则（绿色通道）',
      hint: '严格优先：优先号总是先叫；比例 N:1：每个窗口每叫 N 个普通号，叫 1 个优先号。',
      col: { service: '业务', rule: '当前规则', mode: '优先方式', ratio: '每 N 个普通号', edited: '最后修改', action: '操作' },
      saved: '已保存：{service} {rule}',
      failed: '{service} 保存失败：{message}',
      asConfigured: '按配置文件'
    },
    mode: { STRICT: '严格优先', RATIO: '比例' },
    rule: { STRICT: '严格优先', RATIO: '比例 {n}:1' },
    changes: {
      title: '最近修改',
      none: '还没有人修改过叫号规则。',
      col: { at: '时间', by: '修改人', kind: '类型', subject: '对象', what: '修改内容' },
      kind: { HALL_QUEUE_RULES: '大厅规则', PRIORITY_RULE: '优先规则', NEAR_CALL_RULES: '到号提醒', CLOSING_RULE: '闭厅规则' },
      hall: '本大厅',
      field: '{field}：{before} → {after}',
      joiner: '；'
    }
  },
  en: {
    title: 'Queue rules',
    loading: 'Loading the queue rules…',
    failed: 'Cannot load the queue rules right now, retrying.',
    save: 'Save',
    saving: 'Saving…',
    hall: {
      title: 'Hall rules',
      hint: 'Places left blank: a late citizen goes to the back of the queue. Recall limit left blank: no limit; a recall past the limit marks the ticket as no-show.',
      edited: 'Last changed by {by}, {at}',
      asConfigured: 'As configured, not changed yet',
      saved: 'Hall rules saved.',
      failed: 'Could not save: {message}'
    },
    near: {
      title: 'Near-call alerts',
      hint: 'When this many are left ahead, the citizen\'s phone page alerts and a text goes to a number left for the ticket; again when called.',
      saved: 'Near-call alerts saved.',
      failed: 'Could not save: {message}'
    },
    field: {
      noShowRequeueLimit: 'Requeues after a no-show',
      requeueAfterPlaces: 'Requeue after places',
      recallLimit: 'Recall limit',
      parkMinutes: 'Hold limit (minutes)',
      aheadThreshold: 'Alert when ahead'
    },
    atTheBack: 'at the back',
    unlimited: 'no limit',
    priority: {
      title: 'Priority rule per service (priority lane)',
      hint: 'Strict: priority tickets always go first. Ratio N:1: each counter calls one priority ticket after every N walk-ins.',
      col: { service: 'Service', rule: 'Current rule', mode: 'Priority', ratio: 'Walk-ins per priority', edited: 'Last changed', action: 'Action' },
      saved: 'Saved: {service} {rule}',
      failed: '{service} not saved: {message}',
      asConfigured: 'as configured'
    },
    mode: { STRICT: 'Strict priority', RATIO: 'Ratio' },
    rule: { STRICT: 'Strict priority', RATIO: 'Ratio {n}:1' },
    changes: {
      title: 'Latest changes',
      none: 'No one has changed the queue rules yet.',
      col: { at: 'When', by: 'By', kind: 'Kind', subject: 'Subject', what: 'Change' },
      kind: { HALL_QUEUE_RULES: 'Hall rules', PRIORITY_RULE: 'Priority rule', NEAR_CALL_RULES: 'Near-call alerts', CLOSING_RULE: 'Closing rule' },
      hall: 'this hall',
      field: '{field}: {before} → {after}',
      joiner: '; '
    }
  }
};

const HALL_FIELDS = ['noShowRequeueLimit', 'requeueAfterPlaces', 'recallLimit', 'parkMinutes'];
/** The hall-wide rule sets, each a form of number boxes saved whole: where it is read from the rules and put to. */
const RULE_FORMS = [
  { name: 'hall', fields: HALL_FIELDS, path: '/api/v1/queue-rules/hall', of: (all) => all.hall },
  { name: 'near', fields: ['aheadThreshold'], path: '/api/v1/queue-rules/near-call', of: (all) => all.nearCall }
];
const AUDITED_FIELDS = [...HALL_FIELDS, 'aheadThreshold'];
/** What a blank means for the fields that may be left blank. */
const BLANK_MEANS = { requeueAfterPlaces: 'atTheBack', recallLimit: 'unlimited' };
const MODES = ['STRICT', 'RATIO'];
const CHANGES_SHOWN = 10;
const REFRESH_MS = 30000;

let rules = null;
let changes = null;
const FRESH_FORM = { dirty: false, saving: false, errors: {}, message: null, saved: false };
for (const form of RULE_FORMS) form.state = { ...FRESH_FORM };
/** Per service code: the row's own controls (kept across renders) and what its last save said. */
const serviceForms = new Map();
let serviceSaved = null;

const loader = createLoader({
  fetch: (app) => Promise.all([app.authed('GET', '/api/v1/queue-rules'), app.authed('GET', '/api/v1/queue-rules/changes')]),
  accept: ([current, audit]) => {
    if (current.status !== 200 || !current.body || audit.status !== 200 || !audit.body) return false;
    rules = current.body;
    changes = audit.body.changes || [];
    return true;
  },
  render,
  refreshMs: REFRESH_MS
});

// ---- texts ----

function ruleText(rule, app) {
  if (!rule) return '—';
  return app.t('rules.rule.' + rule.mode, { n: rule.normalPerPriority });
}

function hallValueText(field, value, app) {
  return value == null && BLANK_MEANS[field] ? app.t('rules.' + BLANK_MEANS[field]) : String(value ?? '—');
}

function editedText(by, at, app, asConfigured) {
  return by ? app.t('rules.hall.edited', { by, at: whenText(at, app) }) : app.t(asConfigured);
}

/** An audit row's before → after: the priority rule, or each hall rule that changed. */
function changeText(change, app) {
  if (change.kind === 'PRIORITY_RULE') return ruleText(change.before, app) + ' → ' + ruleText(change.after, app);
  const before = change.before || {};
  const after = change.after || {};
  return AUDITED_FIELDS
    .filter((field) => before[field] !== after[field])
    .map((field) => app.t('rules.changes.field', {
      field: app.t('rules.field.' + field),
      before: hallValueText(field, before[field], app),
      after: hallValueText(field, after[field], app)
    }))
    .join(app.t('rules.changes.joiner'));
}

function subjectText(change, app) {
  return change.kind === 'PRIORITY_RULE' || change.kind === 'CLOSING_RULE' ? serviceName(change.subject, app) : app.t('rules.changes.hall');
}

// ---- the hall's rules and its near-call threshold ----

function fillRuleForm(form) {
  if (form.state.dirty || !rules || !form.of(rules)) return;
  for (const field of form.fields) {
    const value = form.of(rules).rules[field];
    byId('rules-' + field).value = value == null ? '' : String(value);
  }
}

function renderRuleForm(form, app) {
  fillRuleForm(form);
  const state = form.state;
  const current = rules ? form.of(rules) : null;
  for (const field of form.fields) {
    const input = byId('rules-' + field);
    input.disabled = state.saving || !current;
    input.placeholder = BLANK_MEANS[field] ? app.t('rules.' + BLANK_MEANS[field]) : '';
    markField(input, byId('rules-' + field + '-error'), state.errors[field]);
  }
  showText('rules-' + form.name + '-edited', current ? editedText(current.editedBy, current.editedAt, app, 'rules.hall.asConfigured') : '');
  showText('rules-' + form.name + '-form-error', state.message == null ? '' : app.t('rules.' + form.name + '.failed', { message: state.message }));
  showText('rules-' + form.name + '-saved', state.saved ? app.t('rules.' + form.name + '.saved') : '');
  const save = byId('rules-' + form.name + '-save');
  save.disabled = state.saving || !current;
  save.textContent = app.t(state.saving ? 'rules.saving' : 'rules.save');
}

/** The refusal beside its field (a row's fields are not in the page before its first render: hence the element). */
function markField(input, errorElement, error) {
  errorElement.textContent = error || '';
  errorElement.hidden = !error;
  if (error) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/** A box as the API takes it: blank is null (the server says whether the field may be), else the number typed. */
function numberOf(input) {
  const text = input.value.trim();
  return text === '' ? null : Number(text);
}

async function saveRuleForm(form, app) {
  const state = form.state;
  if (state.saving || !rules) return;
  const body = {};
  for (const field of form.fields) body[field] = numberOf(byId('rules-' + field));
  Object.assign(state, { saving: true, errors: {}, message: null, saved: false });
  render(app);
  const reply = await put(app, form.path, body);
  state.saving = false;
  if (!app.signedIn() || (reply && reply.status === 401)) return;
  if (reply && reply.status === 200) {
    Object.assign(state, { dirty: false, saved: true });
    loader.load(app);
  } else {
    refusal(reply, form.fields, state, app);
  }
  render(app);
  focusInvalid(state.errors, (field) => 'rules-' + field);
}

// ---- each service's priority rule ----

function serviceForm(code, app) {
  let form = serviceForms.get(code);
  if (form) return form;
  const mode = element('select', '');
  mode.id = 'rules-mode-' + code;
  for (const value of MODES) mode.append(new Option(value, value));
  const ratio = element('input', 'ratio');
  Object.assign(ratio, { id: 'rules-ratio-' + code, type: 'number', inputMode: 'numeric', step: '1' });
  const modeError = element('p', 'field-error');
  modeError.id = mode.id + '-error';
  const ratioError = element('p', 'field-error');
  ratioError.id = ratio.id + '-error';
  mode.setAttribute('aria-describedby', modeError.id);
  ratio.setAttribute('aria-describedby', ratioError.id);
  form = { mode, ratio, modeError, ratioError, dirty: false, saving: false, errors: {}, message: null };
  const edited = () => {
    form.dirty = true;
    render(app);
  };
  mode.addEventListener('change', edited);
  ratio.addEventListener('input', () => { form.dirty = true; });
  serviceForms.set(code, form);
  return form;
}

function serviceRow(service, app) {
  const code = service.serviceCode;
  const form = serviceForm(code, app);
  if (!form.dirty) {
    form.mode.value = service.rule.mode;
    form.ratio.value = service.rule.normalPerPriority == null ? '' : String(service.rule.normalPerPriority);
  }
  for (const option of form.mode.options) option.textContent = app.t('rules.mode.' + option.value);
  form.mode.disabled = form.saving;
  form.ratio.disabled = form.saving || form.mode.value !== 'RATIO';
  form.mode.setAttribute('aria-label', app.t('rules.priority.col.mode'));
  form.ratio.setAttribute('aria-label', app.t('rules.priority.col.ratio'));
  markField(form.mode, form.modeError, form.errors.mode);
  markField(form.ratio, form.ratioError, form.errors.normalPerPriority);
  return {
    id: 'rules-service-' + code,
    data: { mode: service.rule.mode },
    cells: [
      { className: 'name', text: serviceName(code, app) },
      { className: 'rule', text: ruleText(service.rule, app) },
      { nodes: [form.mode, form.modeError] },
      { nodes: [form.ratio, form.ratioError] },
      { className: 'when', text: service.editedBy ? service.editedBy + ' · ' + whenText(service.editedAt, app) : app.t('rules.priority.asConfigured') },
      { button: { id: 'rules-save-' + code, label: app.t(form.saving ? 'rules.saving' : 'rules.save'), disabled: form.saving, onClick: () => saveService(code, app) } }
    ]
  };
}

async function saveService(code, app) {
  const form = serviceForms.get(code);
  if (!form || form.saving) return;
  const mode = form.mode.value;
  const body = { mode, normalPerPriority: mode === 'RATIO' ? numberOf(form.ratio) : null };
  Object.assign(form, { saving: true, errors: {}, message: null });
  serviceSaved = null;
  render(app);
  const reply = await put(app, '/api/v1/queue-rules/services/' + encodeURIComponent(code) + '/priority', body);
  form.saving = false;
  if (!app.signedIn() || (reply && reply.status === 401)) return;
  if (reply && reply.status === 200 && reply.body) {
    form.dirty = false;
    serviceSaved = { code, rule: reply.body.rule };
    const service = rules.services.find((s) => s.serviceCode === code);
    if (service) service.rule = reply.body.rule;
    loader.load(app);
  } else {
    refusal(reply, ['mode', 'normalPerPriority'], form, app);
  }
  render(app);
  focusInvalid(form.errors, (field) => (field === 'mode' ? form.mode.id : form.ratio.id));
}

function renderServiceMessages(app) {
  const saved = serviceSaved && rules && rules.services.some((s) => s.serviceCode === serviceSaved.code) ? serviceSaved : null;
  showText('rules-priority-saved', saved ? app.t('rules.priority.saved', { service: serviceName(saved.code, app), rule: ruleText(saved.rule, app) }) : '');
  const failed = [...serviceForms.entries()].find(([, form]) => form.message != null);
  showText('rules-priority-error', failed ? app.t('rules.priority.failed', { service: serviceName(failed[0], app), message: failed[1].message }) : '');
}

// ---- shared by both forms ----

async function put(app, path, body) {
  try {
    return await app.authed('PUT', path, body);
  } catch (e) {
    return null;
  }
}

/** The server's refusal: beside the field it names when the form has it, else as the form's message. */
function refusal(reply, fields, form, app) {
  const error = reply && reply.body && reply.body.error;
  if (error && fields.includes(error.field)) form.errors = { [error.field]: error.message };
  else form.message = errorText(reply, app.t('login.network'));
}

function focusInvalid(errors, idOf) {
  const invalid = Object.keys(errors)[0];
  if (invalid) byId(idOf(invalid)).focus();
}

// ---- the section ----

function changeRow(change, i, app) {
  return {
    id: 'rules-change-' + i,
    data: { kind: change.kind, subject: change.subject },
    cells: [
      { className: 'when', text: whenText(change.changedAt, app) },
      { className: 'by', text: change.changedBy || '—' },
      { className: 'kind', text: app.t('rules.changes.kind.' + change.kind) },
      { className: 'subject', text: subjectText(change, app) },
      { className: 'what', text: changeText(change, app) }
    ]
  };
}

function render(app) {
  wire(app);
  const failed = loader.failed();
  showText('rules-error', failed ? app.t('rules.failed') : '');
  showText('rules-status', rules || failed ? '' : app.t('rules.loading'));
  for (const form of RULE_FORMS) renderRuleForm(form, app);
  syncRows(byId('rules-priority-body'), rules ? rules.services.map((service) => serviceRow(service, app)) : []);
  renderServiceMessages(app);
  const shown = (changes || []).slice(0, CHANGES_SHOWN);
  syncRows(byId('rules-changes-body'), !changes ? []
    : shown.length ? shown.map((change, i) => changeRow(change, i, app))
      : [{ id: 'rules-change-none', cells: [{ className: 'muted', text: app.t('rules.changes.none'), span: 5 }] }]);
}

let wired = false;

/** The rule forms' elements are static: their handlers are set once, with the app they will need. */
function wire(app) {
  if (wired) return;
  wired = true;
  for (const form of RULE_FORMS) {
    byId('rules-' + form.name + '-form').addEventListener('submit', (event) => {
      event.preventDefault();
      saveRuleForm(form, app);
    });
    byId('rules-' + form.name + '-form').addEventListener('input', () => {
      form.state.dirty = true;
    });
  }
}

function clear() {
  loader.clear();
  rules = null;
  changes = null;
  serviceSaved = null;
  for (const form of RULE_FORMS) form.state = { ...FRESH_FORM };
  for (const form of serviceForms.values()) Object.assign(form, { dirty: false, saving: false, errors: {}, message: null });
}

export const queueRulesSection = {
  name: 'rules',
  texts: TEXTS,
  events: [],
  load: loader.load,
  render,
  clear
};
