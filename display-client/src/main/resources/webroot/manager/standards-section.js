// The 服务标准 (service standards) section of the manager dashboard: each service's standard from
// GET /api/v1/standards with an inline form that PUTs a changed one, and the last changes from
// GET /api/v1/standards/changes. The shell reloads it on STANDARDS_CHANGED events.
import { byId, showText, errorText } from '../common/hallq.js';
import { syncRows, whenText, serviceName } from './rows.js';
import { createLoader } from './loader.js';

/** The nine numbers of a standard, in the order the form and the table show them. */
const FIELDS = ['warnWaitMinutes', 'targetWaitMinutes', 'breachWaitMinutes', 'serviceLevelPercent', 'serviceLevelMinutes',
  'standardServiceMinutes', 'queueAlertLength', 'lastIssueMinutesBeforeClose', 'dailyQuota'];
/** 所需材料: a list of names, edited one a line; not a number like the nine above. */
const MATERIALS = 'requiredMaterials';
const EDITABLE = [...FIELDS, MATERIALS];
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const CHANGES_SHOWN = 10;

const TEXTS = {
  zh: {
    title: '服务标准',
    loading: '正在加载服务标准…',
    failed: '暂时无法获取服务标准，稍后自动重试。',
    hours: '取号时间：{periods}',
    anyTime: '取号时间：不限',
    days: { MON: '周一', TUE: '周二', WED: '周三', THU: '周四', FRI: '周五', SAT: '周六', SUN: '周日' },
    dayJoiner: '、',
    col: { service: '业务', edited: '最后修改', action: '操作' },
    field: {
      warnWaitMinutes: '等候预警（分钟）',
      targetWaitMinutes: '等候目标（分钟）',
      breachWaitMinutes: '严重超时（分钟）',
      serviceLevelPercent: '服务水平目标（%）',
      serviceLevelMinutes: '服务水平时限（分钟）',
      standardServiceMinutes: '标准办理时长（分钟）',
      queueAlertLength: '排队预警人数',
      lastIssueMinutesBeforeClose: '闭厅前停止取号（分钟）',
      dailyQuota: '每日限号',
      requiredMaterials: '所需材料'
    },
    noMaterials: '无',
    materialsHint: '所需材料每行填写一项，如“身份证原件”。',
    materialJoiner: '、',
    unlimited: '不限',
    quotaHint: '留空表示不限',
    edited: '{by} {at}',
    never: '—',
    edit: '编辑',
    save: '保存',
    saving: '正在保存…',
    cancel: '取消',
    formTitle: '修改服务标准：{service}',
    saved: '{service}的服务标准已保存。',
    notInteger: '请填写整数。',
    required: '请填写此项。',
    saveFailed: '保存失败：{message}',
    changes: {
      title: '最近修改',
      at: '时间',
      by: '修改人',
      subject: '对象',
      what: '修改内容',
      none: '还没有修改记录。',
      openingHours: '取号时间',
      change: '{field} {old} → {new}',
      joiner: '；',
      same: '无变化'
    }
  },
  en: {
    title: 'Service standards',
    loading: 'Loading the service standards…',
    failed: 'Cannot load the service standards right now, retrying.',
    hours: 'Tickets are issued: {periods}',
    anyTime: 'Tickets are issued at any time',
    days: { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' },
    dayJoiner: ', ',
    col: { service: 'Service', edited: 'Last changed', action: '' },
    field: {
      warnWaitMinutes: 'Wait warning (min)',
      targetWaitMinutes: 'Wait target (min)',
      breachWaitMinutes: 'Wait breach (min)',
      serviceLevelPercent: 'Service level goal (%)',
      serviceLevelMinutes: 'Service level within (min)',
      standardServiceMinutes: 'Standard handling (min)',
      queueAlertLength: 'Queue alert length',
      lastIssueMinutesBeforeClose: 'Last issue before closing (min)',
      dailyQuota: 'Daily quota',
      requiredMaterials: 'Required materials'
    },
    noMaterials: 'None',
    materialsHint: 'Required materials: one a line, such as "ID card (original)".',
    materialJoiner: '; ',
    unlimited: 'No limit',
    quotaHint: 'Leave empty for no limit',
    edited: '{by} {at}',
    never: '—',
    edit: 'Edit',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    formTitle: 'Change the standard: {service}',
    saved: 'The standard of {service} was saved.',
    notInteger: 'Enter a whole number.',
    required: 'Fill this in.',
    saveFailed: 'Could not save: {message}',
    changes: {
      title: 'Recent changes',
      at: 'When',
      by: 'By',
      subject: 'What',
      what: 'Change',
      none: 'Nothing has been changed yet.',
      openingHours: 'Issuing hours',
      change: '{field} {old} → {new}',
      joiner: '; ',
      same: 'no change'
    }
  }
};

let standards = null;
let changes = null;
/** The form: which service it edits, whether a PUT is under way, and the server's word on the last one. */
const form = { code: null, saving: false, errors: {}, message: null, savedCode: null };
let wired = false;
// The change log is an extra: when only it fails, the last one read stays.
const loader = createLoader({
  fetch: (app) => Promise.all([app.authed('GET', '/api/v1/standards'), app.authed('GET', '/api/v1/standards/changes')]),
  accept: ([current, audit]) => {
    if (current.status !== 200 || !current.body) return false;
    standards = { openingHours: current.body.openingHours || [], services: current.body.services || [] };
    changes = audit.status === 200 && audit.body ? audit.body.changes || [] : changes;
    return true;
  },
  render
});

function valueText(field, value, app) {
  if (field === 'dailyQuota' && value == null) return app.t('standards.unlimited');
  if (field === MATERIALS) return value && value.length ? value.join(app.t('standards.materialJoiner')) : app.t('standards.noMaterials');
  return value == null ? '—' : String(value);
}

function standardRow(service, app) {
  const cells = [{ className: 'name', text: serviceName(service.serviceCode, app, service.name) }];
  for (const field of FIELDS) cells.push({ className: 'std num ' + field, text: valueText(field, service[field], app) });
  cells.push({ className: 'std ' + MATERIALS, text: valueText(MATERIALS, service[MATERIALS], app) });
  cells.push({ className: 'when', text: service.editedBy ? app.t('standards.edited', { by: service.editedBy, at: whenText(service.editedAt, app) }) : app.t('standards.never') });
  cells.push({
    className: 'action',
    button: { id: 'standard-edit-' + service.serviceCode, label: app.t('standards.edit'), disabled: form.saving, onClick: () => openForm(service.serviceCode, app) }
  });
  return { id: 'standard-' + service.serviceCode, data: { editing: String(form.code === service.serviceCode) }, cells };
}

function periodsText(periods, app) {
  if (!periods || periods.length === 0) return app.t('standards.anyTime');
  const text = periods.map((period) => {
    const days = [...period.days].sort((a, b) => DAYS.indexOf(a) - DAYS.indexOf(b)).map((day) => app.t('standards.days.' + day));
    return days.join(app.t('standards.dayJoiner')) + ' ' + period.opens + '–' + period.closes;
  });
  return app.t('standards.hours', { periods: text.join(app.t('standards.changes.joiner')) });
}

function subjectText(subject, app) {
  if (subject === 'openingHours') return app.t('standards.changes.openingHours');
  if (subject && subject.startsWith('service:')) return serviceName(subject.slice('service:'.length), app);
  return subject || '—';
}

/** The fields whose values differ between old and new, as "label old → new". */
function changeText(change, app) {
  const old = change.old;
  const now = change.new;
  if (change.subject === 'openingHours') {
    const before = periodsText(old && old.periods ? old.periods : old, app);
    const after = periodsText(now && now.periods ? now.periods : now, app);
    return before + ' → ' + after;
  }
  if (!old || !now || typeof old !== 'object' || typeof now !== 'object') {
    return app.t('standards.changes.change', { field: '', old: JSON.stringify(old), new: JSON.stringify(now) }).trim();
  }
  const keys = [...new Set([...EDITABLE, ...Object.keys(old), ...Object.keys(now)])];
  const parts = keys
    .filter((key) => JSON.stringify(old[key] ?? null) !== JSON.stringify(now[key] ?? null))
    .map((key) => {
      const label = EDITABLE.includes(key) ? app.t('standards.field.' + key) : key;
      return app.t('standards.changes.change', { field: label, old: valueText(key, old[key], app), new: valueText(key, now[key], app) });
    });
  return parts.length ? parts.join(app.t('standards.changes.joiner')) : app.t('standards.changes.same');
}

function changeRow(change, i, app) {
  return {
    id: 'standard-change-' + i,
    data: { subject: change.subject || '' },
    cells: [
      { className: 'when', text: whenText(change.changedAt, app) },
      { className: 'by', text: change.changedBy || '—' },
      { className: 'subject', text: subjectText(change.subject, app) },
      { className: 'what', text: changeText(change, app) }
    ]
  };
}

function renderForm(app) {
  const el = byId('standard-form');
  const service = form.code && standards ? standards.services.find((s) => s.serviceCode === form.code) : null;
  el.hidden = !service;
  if (service) {
    byId('standard-form-title').textContent = app.t('standards.formTitle', { service: serviceName(service.serviceCode, app, service.name) });
  }
  for (const field of EDITABLE) {
    const input = byId('std-' + field);
    input.disabled = form.saving;
    const error = form.errors[field] || '';
    showText('std-' + field + '-error', error);
    if (error) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  byId('std-dailyQuota').placeholder = app.t('standards.unlimited');
  showText('standard-form-error', form.message == null ? '' : app.t('standards.saveFailed', { message: form.message }));
  const save = byId('standard-save');
  save.disabled = form.saving;
  save.textContent = app.t(form.saving ? 'standards.saving' : 'standards.save');
  byId('standard-cancel').disabled = form.saving;
  const saved = form.savedCode && standards ? standards.services.find((s) => s.serviceCode === form.savedCode) : null;
  showText('standard-saved', saved ? app.t('standards.saved', { service: serviceName(saved.serviceCode, app, saved.name) }) : '');
}

function render(app) {
  wire(app);
  const failed = loader.failed();
  showText('standards-error', failed ? app.t('standards.failed') : '');
  const status = byId('standards-status');
  status.textContent = standards ? '' : failed ? '' : app.t('standards.loading');
  status.hidden = !status.textContent;
  showText('standards-hours', standards ? periodsText(standards.openingHours, app) : '');
  syncRows(byId('standards-body'), standards ? standards.services.map((service) => standardRow(service, app)) : []);
  const shown = (changes || []).slice(0, CHANGES_SHOWN);
  syncRows(byId('changes-body'), changes
    ? (shown.length ? shown.map((change, i) => changeRow(change, i, app)) : [{ id: 'standard-change-none', cells: [{ className: 'muted', text: app.t('standards.changes.none'), span: 4 }] }])
    : []);
  renderForm(app);
}

/** The form's own elements are static: their handlers are set once, with the app they will need. */
function wire(app) {
  if (wired) return;
  wired = true;
  byId('standard-form').addEventListener('submit', (event) => {
    event.preventDefault();
    save(app);
  });
  byId('standard-cancel').addEventListener('click', () => {
    Object.assign(form, { code: null, errors: {}, message: null });
    render(app);
  });
}

function openForm(code, app) {
  const service = standards && standards.services.find((s) => s.serviceCode === code);
  if (!service || form.saving) return;
  Object.assign(form, { code, errors: {}, message: null, savedCode: null });
  for (const field of FIELDS) byId('std-' + field).value = service[field] == null ? '' : String(service[field]);
  byId('std-' + MATERIALS).value = (service[MATERIALS] || []).join('\n');
  render(app);
  byId('std-' + FIELDS[0]).focus();
}

/** The form's values as the PUT's body, or the fields that are not whole numbers; blank material lines are dropped. */
function readForm(app) {
  const body = {};
  const errors = {};
  for (const field of FIELDS) {
    const text = byId('std-' + field).value.trim();
    if (text === '') {
      if (field === 'dailyQuota') body[field] = null;
      else errors[field] = app.t('standards.required');
      continue;
    }
    const value = Number(text);
    if (!Number.isInteger(value)) errors[field] = app.t('standards.notInteger');
    else body[field] = value;
  }
  body[MATERIALS] = byId('std-' + MATERIALS).value.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return { body, errors };
}

async function save(app) {
  if (form.saving || !form.code) return;
  const code = form.code;
  const { body, errors } = readForm(app);
  Object.assign(form, { errors, message: null, savedCode: null });
  if (Object.keys(errors).length > 0) {
    render(app);
    return;
  }
  form.saving = true;
  render(app);
  let reply = null;
  try {
    reply = await app.authed('PUT', '/api/v1/standards/services/' + encodeURIComponent(code), body);
  } catch (e) {
    // unreachable server: said below
  }
  form.saving = false;
  if (!app.signedIn()) return;
  if (reply && reply.status === 200 && reply.body) {
    if (standards) {
      standards.services = standards.services.map((s) => (s.serviceCode === code ? { ...s, ...reply.body } : s));
    }
    Object.assign(form, { code: null, errors: {}, message: null, savedCode: code });
  } else if (reply && reply.status === 401) {
    return;
  } else {
    const error = reply && reply.body && reply.body.error;
    // "requiredMaterials.2" is the third line of the materials' box.
    const field = error && error.field ? error.field.split('.')[0] : null;
    if (field && EDITABLE.includes(field)) form.errors = { [field]: error.message };
    else form.message = errorText(reply, app.t('login.network'));
  }
  render(app);
  const invalid = Object.keys(form.errors)[0];
  if (invalid) byId('std-' + invalid).focus();
}

function clear() {
  loader.clear();
  standards = null;
  changes = null;
  Object.assign(form, { code: null, saving: false, errors: {}, message: null, savedCode: null });
}

/** The section as the dashboard shell sees it: its texts, the events that change it, load/render/clear. */
export const standardsSection = {
  name: 'standards',
  texts: TEXTS,
  events: ['STANDARDS_CHANGED'],
  load: loader.load,
  render,
  clear
};
