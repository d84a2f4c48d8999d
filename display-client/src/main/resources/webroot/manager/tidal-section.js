// The 潮汐窗口 section of the manager dashboard: add a service to a counter for a while when its line
// grows (POST /api/v1/counters/{n}/assignments), see the assignments in force and of the last day with
// the tickets each called (GET /api/v1/assignments), and end one early. Assignments (by hand or by a
// service's automatic rule) and queue alerts reload it; so does a timer, as assignments run out.
import { byId, showText, localName } from '../common/hallq.js';
import { syncRows, whenText } from './rows.js';
import { createLoader } from './loader.js';

const TEXTS = {
  zh: {
    title: '潮汐窗口',
    intro: '排队过长时，为窗口临时增开一项业务；到期自动恢复。增开期间该窗口先叫这项业务。',
    counter: '窗口',
    service: '增开业务',
    minutes: '时长（分钟）',
    reason: '原因',
    add: '增开',
    failed: '暂时无法获取潮汐窗口，稍后自动重试。',
    saveFailed: '未能增开：{message}',
    none: '目前没有增开的窗口。',
    counterName: '{n}号窗口',
    col: { counter: '窗口', service: '业务', from: '开始', until: '结束', by: '安排人', called: '已叫号', state: '状态' },
    state: { active: '进行中', ended: '已结束' },
    end: '提前结束',
    auto: '自动'
  },
  en: {
    title: 'Extra windows',
    intro: 'When a line grows, add its service to a counter for a while; it ends by itself. Meanwhile that counter calls the service first.',
    counter: 'Counter',
    service: 'Service to add',
    minutes: 'Minutes',
    reason: 'Reason',
    add: 'Add',
    failed: 'Cannot load the extra windows right now, retrying.',
    saveFailed: 'Could not add: {message}',
    none: 'No extra windows now.',
    counterName: 'Window {n}',
    col: { counter: 'Counter', service: 'Service', from: 'From', until: 'Until', by: 'By', called: 'Called', state: 'State' },
    state: { active: 'Active', ended: 'Ended' },
    end: 'End now',
    auto: 'automatic'
  }
};

const REFRESH_MS = 30000;

let assignments = null;
let saveError = null;
let saving = false;

const loader = createLoader({
  fetch: (app) => app.authed('GET', '/api/v1/assignments'),
  accept: (reply) => {
    if (reply.status !== 200 || !reply.body) return false;
    assignments = reply.body.assignments;
    return true;
  },
  render,
  refreshMs: REFRESH_MS
});

function serviceName(code, app) {
  const service = app.hall && app.hall.serviceTypes ? app.hall.serviceTypes.find((s) => s.code === code) : null;
  return service ? localName(service, app.lang) : code;
}

function row(assignment, app) {
  const active = assignment.active;
  return {
    id: 'tidal-' + assignment.id,
    data: { state: active ? 'active' : 'ended' },
    cells: [
      { text: app.t('tidal.counterName', { n: assignment.counterNo }) },
      { text: serviceName(assignment.serviceCode, app) },
      { className: 'when', text: whenText(assignment.startsAt, app) },
      { className: 'when', text: whenText(assignment.endsAt, app) },
      { text: assignment.assignedBy === 'auto' ? app.t('tidal.auto') : assignment.assignedBy },
      { className: 'num', text: String(assignment.called) },
      active
        ? { button: { id: 'tidal-end-' + assignment.id, label: app.t('tidal.end'), disabled: saving, onClick: () => end(assignment, app) } }
        : { text: app.t('tidal.state.ended') }
    ]
  };
}

/** The form's counter and service choices, made once the hall is known (and again in another language). */
function renderChoices(app) {
  if (!app.hall) return;
  const counters = byId('tidal-counter');
  const services = byId('tidal-service');
  const key = app.lang + '|' + app.hall.counters.length + '|' + app.hall.serviceTypes.length;
  if (counters.dataset.key === key) return;
  counters.dataset.key = key;
  const chosenCounter = counters.value;
  const chosenService = services.value;
  counters.replaceChildren(...app.hall.counters.map((c) => new Option(app.t('tidal.counterName', { n: c.counterNo }) + ' · ' + c.name, String(c.counterNo))));
  services.replaceChildren(...app.hall.serviceTypes.map((s) => new Option(s.prefix + ' · ' + localName(s, app.lang), s.code)));
  if (chosenCounter) counters.value = chosenCounter;
  if (chosenService) services.value = chosenService;
}

function render(app) {
  renderChoices(app);
  showText('tidal-error', loader.failed() ? app.t('tidal.failed') : saveError ? app.t('tidal.saveFailed', { message: saveError }) : '');
  byId('tidal-add').disabled = saving;
  const list = assignments || [];
  syncRows(byId('tidal-body'), list.map((assignment) => row(assignment, app)));
  byId('tidal-none').hidden = !assignments || list.length > 0;
}

async function send(app, method, path, body) {
  saving = true;
  render(app);
  try {
    const reply = await app.authed(method, path, body);
    const ok = reply.status === 200 || reply.status === 201;
    saveError = ok ? null : (reply.body && reply.body.error ? reply.body.error.message : 'HTTP ' + reply.status);
  } catch (e) {
    saveError = String(e);
  } finally {
    saving = false;
  }
  await loader.load(app);
}

function add(app) {
  const counterNo = byId('tidal-counter').value;
  const body = {
    serviceCode: byId('tidal-service').value,
    minutes: Number(byId('tidal-minutes').value),
    reason: byId('tidal-reason').value.trim() || null
  };
  return send(app, 'POST', '/api/v1/counters/' + encodeURIComponent(counterNo) + '/assignments', body);
}

function end(assignment, app) {
  return send(app, 'POST', '/api/v1/counters/' + assignment.counterNo + '/assignments/' + assignment.id + '/end');
}

let wired = false;

function load(app) {
  if (!wired) {
    wired = true;
    byId('tidal-form').addEventListener('submit', (event) => {
      event.preventDefault();
      add(app);
    });
  }
  return loader.load(app);
}

function clear() {
  loader.clear();
  assignments = null;
  saveError = null;
}

export const tidalSection = {
  name: 'tidal',
  texts: TEXTS,
  events: ['COUNTER_SERVICES_CHANGED', 'ALERT_RAISED', 'TICKET_CALLED'],
  load,
  render,
  clear
};
