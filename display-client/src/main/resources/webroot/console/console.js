// HallQ clerk console: /console/[?lang=en]. A clerk signs in at a counter, then calls, serves,
// finishes and transfers tickets, parks one (挂起) while the citizen fetches a document and calls it
// back, or calls one number out of order with a reason; the queue, the parked tickets and the counter
// state follow the live event stream.
import { api, openStream, pickLang, translator, localName, errorText, switchLang, hallTime } from '../common/hallq.js';

const TEXT = {
  zh: {
    htmlLang: 'zh-CN',
    title: '窗口工作台',
    toggle: 'English',
    appName: '窗口工作台',
    logout: '退出登录',
    actionsLabel: '窗口操作',
    login: {
      title: '窗口登录',
      username: '用户名',
      password: '密码',
      counter: '窗口',
      chooseCounter: '请选择窗口',
      submit: '登录',
      busy: '正在登录…',
      missing: '请填写用户名和密码，并选择窗口。',
      invalid: '用户名或密码错误。',
      expired: '登录已过期，请重新登录。',
      hallFailed: '暂时无法获取大厅信息，正在重试…',
      network: '无法连接服务器，请稍后重试。'
    },
    counterOption: '{no} 号窗口 · {name}',
    who: '{user} · {no} 号窗口 {counter}',
    live: { live: '实时连接', reconnecting: '正在重连…', off: '' },
    current: {
      title: '当前号票',
      idle: '空闲，可以叫号',
      paused: '窗口已暂停叫号',
      loading: '正在加载…'
    },
    status: {
      WAITING: '等候中',
      CALLED: '已叫号，等候市民到窗口',
      SERVING: '办理中',
      FINISHED: '已办结',
      NO_SHOW: '已过号',
      CANCELLED: '已取消',
      CLOSED_UNSERVED: '闭厅未办理',
      TRANSFERRED: '已转办',
      PARKED: '已挂起'
    },
    pausedNote: '（窗口已暂停，办结后不会叫新号）',
    priority: '优先办理：{name}',
    appointment: '预约',
    timer: { wait: '等候时长', called: '叫号后', service: '办理时长' },
    action: {
      callNext: '叫号',
      recall: '重呼',
      noShow: '过号',
      start: '开始办理',
      finish: '办结',
      transfer: '转办',
      pause: '暂停',
      resume: '恢复',
      park: '挂起'
    },
    transfer: { label: '转办至', choose: '选择业务类型…' },
    park: { label: '挂起原因（选填）', placeholder: '如：回去取材料' },
    callTicket: { title: '指定叫号', number: '号码，如 A012', reason: '指定叫号的原因', reasonPlaceholder: '原因（必填）', submit: '叫号' },
    parked: { title: '挂起的号', count: '{n} 个', empty: '暂无挂起的号', since: '{time} 挂起', callBack: '叫回', reason: '叫回' },
    outcome: { label: '办理结果' },
    queue: { title: '等候队列', count: '{n} 人', empty: '暂无等候的市民', waited: '已等 {m} 分钟' },
    today: { title: '今日本窗口', finished: '已办结', avgWait: '平均等候', avgService: '平均办理' },
    duration: { s: '{s} 秒', ms: '{m} 分 {s} 秒', hm: '{h} 小时 {m} 分' },
    msg: {
      called: '已叫号：{number}',
      nobody: '当前没有等候的市民。',
      recalled: '已重呼：{number}',
      noShow: '{number} 已过号。',
      started: '开始办理：{number}',
      finished: '{number} 已办结。',
      transferred: '{number} 已转至“{service}”。',
      paused: '窗口已暂停叫号。',
      resumed: '窗口已恢复叫号。',
      parked: '{number} 已挂起，市民备齐材料回来后请在“挂起的号”中叫回。',
      calledOut: '已指定叫号：{number}',
      calledBack: '已叫回：{number}',
      recallLimit: '重呼已达上限，{number} 已自动过号。',
      needNumber: '请填写要叫的号码。',
      needReason: '指定叫号须填写原因。',
      notNow: '“{action}”当前不可用。',
      chooseService: '请先选择要转办的业务类型，再按“转办”确认。',
      network: '无法连接服务器，请稍后重试。',
      failed: '操作失败。'
    },
    errors: {
      COUNTER_BUSY: '本窗口还有未办结的号票',
      COUNTER_PAUSED: '窗口已暂停，请先恢复',
      NO_CURRENT_TICKET: '本窗口当前没有号票',
      INVALID_TRANSITION: '当前状态不能进行此操作',
      FORBIDDEN: '无权操作该窗口',
      PARK_EXPIRED: '挂起已超过期限，不能再叫回',
      NOT_THIS_COUNTERS_SERVICE: '本窗口不办理该号的业务',
      TICKET_NOT_FOUND: '今天没有等候中或挂起的这个号'
    }
  },
  en: {
    htmlLang: 'en',
    title: 'Counter console',
    toggle: '中文',
    appName: 'Counter console',
    logout: 'Sign out',
    actionsLabel: 'Counter actions',
    login: {
      title: 'Counter sign-in',
      username: 'User name',
      password: 'Password',
      counter: 'Counter',
      chooseCounter: 'Choose a counter',
      submit: 'Sign in',
      busy: 'Signing in…',
      missing: 'Enter your user name and password and choose a counter.',
      invalid: 'Wrong user name or password.',
      expired: 'Your session has expired. Please sign in again.',
      hallFailed: 'Cannot load the hall information, retrying…',
      network: 'Cannot reach the server. Please try again.'
    },
    counterOption: 'Counter {no} · {name}',
    who: '{user} · counter {no} {counter}',
    live: { live: 'Live', reconnecting: 'Reconnecting…', off: '' },
    current: {
      title: 'Current ticket',
      idle: 'Free: call the next citizen',
      paused: 'Counter paused',
      loading: 'Loading…'
    },
    status: {
      WAITING: 'Waiting',
      CALLED: 'Called, waiting for the citizen',
      SERVING: 'Being served',
      FINISHED: 'Finished',
      NO_SHOW: 'No-show',
      CANCELLED: 'Cancelled',
      CLOSED_UNSERVED: 'Closed unserved',
      TRANSFERRED: 'Transferred',
      PARKED: 'On hold'
    },
    pausedNote: ' (counter paused: no new call after this one)',
    priority: 'Priority: {name}',
    appointment: 'Appointment',
    timer: { wait: 'Waited', called: 'Since call', service: 'Service time' },
    action: {
      callNext: 'Call next',
      recall: 'Recall',
      noShow: 'No-show',
      start: 'Start',
      finish: 'Finish',
      transfer: 'Transfer',
      pause: 'Pause',
      resume: 'Resume',
      park: 'Hold'
    },
    transfer: { label: 'Transfer to', choose: 'Choose a service…' },
    park: { label: 'Reason for the hold (optional)', placeholder: 'e.g. fetching a document' },
    callTicket: { title: 'Call a number', number: 'Number, e.g. A012', reason: 'Why this number is called out of order', reasonPlaceholder: 'Reason (required)', submit: 'Call' },
    parked: { title: 'On hold', count: '{n}', empty: 'No ticket on hold', since: 'held at {time}', callBack: 'Call back', reason: 'called back' },
    outcome: { label: 'Outcome' },
    queue: { title: 'Waiting', count: '{n}', empty: 'No one is waiting', waited: '{m} min' },
    today: { title: 'This counter today', finished: 'Finished', avgWait: 'Average wait', avgService: 'Average service' },
    duration: { s: '{s} s', ms: '{m} min {s} s', hm: '{h} h {m} min' },
    msg: {
      called: 'Called {number}',
      nobody: 'No one is waiting right now.',
      recalled: 'Recalled {number}',
      noShow: '{number} marked as no-show.',
      started: 'Serving {number}',
      finished: '{number} finished.',
      transferred: '{number} transferred to "{service}".',
      paused: 'Counter paused.',
      resumed: 'Counter resumed.',
      parked: '{number} is on hold: call it back from "On hold" once the citizen returns with the documents.',
      calledOut: 'Called {number} out of order',
      calledBack: 'Called back {number}',
      recallLimit: 'Recall limit reached: {number} was marked as no-show.',
      needNumber: 'Enter the number to call.',
      needReason: 'Say why this number is called out of order.',
      notNow: '"{action}" is not possible right now.',
      chooseService: 'Choose the service to transfer to, then press Transfer to confirm.',
      network: 'Cannot reach the server. Please try again.',
      failed: 'The action failed.'
    },
    errors: {
      COUNTER_BUSY: 'This counter still holds a ticket',
      COUNTER_PAUSED: 'The counter is paused; resume it first',
      NO_CURRENT_TICKET: 'This counter holds no ticket',
      INVALID_TRANSITION: 'Not possible in the ticket\'s current state',
      FORBIDDEN: 'Not allowed at this counter',
      PARK_EXPIRED: 'The hold has run out; the ticket can no longer be called back',
      NOT_THIS_COUNTERS_SERVICE: 'This counter does not handle that ticket\'s service',
      TICKET_NOT_FOUND: 'No ticket with that number is waiting or on hold today'
    }
  }
};

const SESSION_KEY = 'hallq.console.session';
const LAST_COUNTER_KEY = 'hallq.console.counterNo';
const HELD_STATUSES = ['CALLED', 'SERVING'];
const REFRESH_DELAY_MS = 150;
const HALL_RETRY_MS = 5000;

/** The clerk's buttons: endpoint, shortcut keys, and when each makes sense. */
const ACTIONS = [
  { name: 'callNext', id: 'action-call-next', path: 'call-next', keys: ['F1', 'n'], when: (c) => !c.paused && !c.ticket },
  { name: 'recall', id: 'action-recall', path: 'recall', keys: ['F2', 'r'], when: (c) => ticketStatus(c) === 'CALLED' },
  { name: 'noShow', id: 'action-no-show', path: 'no-show', keys: ['F3', 'x'], when: (c) => ticketStatus(c) === 'CALLED' },
  { name: 'start', id: 'action-start', path: 'start', keys: ['F4', 's'], when: (c) => ticketStatus(c) === 'CALLED' },
  { name: 'finish', id: 'action-finish', path: 'finish', keys: ['F5', 'f'], when: (c) => ticketStatus(c) === 'SERVING' },
  { name: 'transfer', id: 'action-transfer', path: 'transfer', keys: ['F6', 't'], when: (c) => ticketStatus(c) === 'SERVING' && !!chosenTransferService() },
  { name: 'pause', id: 'action-pause', path: 'pause', keys: ['F7', 'p'], when: (c) => !c.paused },
  { name: 'resume', id: 'action-resume', path: 'resume', keys: ['F7', 'p'], when: (c) => c.paused },
  { name: 'park', id: 'action-park', path: 'park', keys: ['F8', 'h'], when: (c) => HELD_STATUSES.includes(ticketStatus(c)) }
];

/** Calls of one number (POST …/call-ticket): out of order from the form, or a parked ticket called back. */
const CALL_TICKET = { name: 'callTicket', path: 'call-ticket' };
const CALL_BACK = { name: 'callBack', path: 'call-ticket' };

const state = {
  lang: 'zh',
  t: null,
  hall: null,
  session: null,
  counter: null,
  waiting: null,
  parked: null,
  today: null,
  busy: false,
  loggingIn: false,
  live: 'off',
  message: null,
  closeStream: null,
  pending: new Set(),
  refreshTimer: null,
  seq: { counter: 0, waiting: 0, parked: 0, today: 0 }
};

const $ = (id) => document.getElementById(id);

// ---- small helpers ----

function ticketStatus(counter) {
  return counter && counter.ticket ? counter.ticket.status : null;
}

function chosenTransferService() {
  return $('transfer-service').value;
}

function counterPath(suffix = '') {
  return '/api/v1/counters/' + encodeURIComponent(state.session.counterNo) + suffix;
}

function findService(code) {
  return ((state.hall && state.hall.serviceTypes) || []).find((s) => s.code === code) || null;
}

function serviceName(code) {
  const service = findService(code);
  return service ? localName(service, state.lang) : code || '';
}

function priorityName(code) {
  if (code === 'APPOINTMENT') return state.t('appointment');
  const found = ((state.hall && state.hall.priorities) || []).find((p) => p.code === code);
  return found ? localName(found, state.lang) : code;
}

function hallCounter(no) {
  return ((state.hall && state.hall.counters) || []).find((c) => c.counterNo === no) || null;
}

function secondsSince(value) {
  const time = new Date(value).getTime();
  return isNaN(time) ? null : Math.max(0, Math.floor((Date.now() - time) / 1000));
}

function secondsBetween(from, to) {
  const a = new Date(from).getTime();
  const b = new Date(to).getTime();
  return isNaN(a) || isNaN(b) ? null : Math.max(0, Math.floor((b - a) / 1000));
}

/** A ticking clock: 4:05 or 1:02:05. */
function clockText(seconds) {
  if (seconds == null) return '';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + s : m + ':' + s;
}

/** An average as words: 45 秒, 6 分 12 秒, 1 小时 5 分. */
function durationText(seconds) {
  if (seconds == null) return '—';
  const total = Math.round(seconds);
  if (total < 60) return state.t('duration.s', { s: total });
  if (total < 3600) return state.t('duration.ms', { m: Math.floor(total / 60), s: total % 60 });
  return state.t('duration.hm', { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60) });
}

function setText(id, text) {
  $(id).textContent = text == null ? '' : String(text);
}

function isEditable(target) {
  return !!(target && target.closest && target.closest('input, textarea, select, [contenteditable="true"]'));
}

// ---- texts and language ----

function applyTexts() {
  const t = state.t;
  document.documentElement.lang = t('htmlLang');
  document.title = state.session ? t('title') + ' · ' + state.session.counterNo : t('title');
  $('lang-toggle').textContent = t('toggle');
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll('[data-t-aria]')) el.setAttribute('aria-label', t(el.dataset.tAria));
  for (const el of document.querySelectorAll('[data-t-placeholder]')) el.placeholder = t(el.dataset.tPlaceholder);
  for (const action of ACTIONS) renderActionLabel(action);
}

function renderActionLabel(action) {
  const button = $(action.id);
  button.textContent = '';
  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = state.t('action.' + action.name);
  button.appendChild(label);
  const keys = document.createElement('span');
  keys.className = 'keys';
  for (const key of action.keys) {
    const kbd = document.createElement('kbd');
    kbd.textContent = key.toUpperCase();
    keys.appendChild(kbd);
  }
  button.appendChild(keys);
  button.title = state.t('action.' + action.name) + ' (' + action.keys.map((k) => k.toUpperCase()).join(' / ') + ')';
}

function toggleLang() {
  state.lang = switchLang(state.lang);
  state.t = translator(TEXT, state.lang);
  state.message = null;
  render();
}

// ---- rendering ----

function render() {
  applyTexts();
  renderHeader();
  renderCounterOptions();
  renderTransferOptions();
  renderOutcomeOptions();
  renderCurrent();
  renderTimers();
  renderActions();
  renderWaiting();
  renderParked();
  renderToday();
  renderMessage();
}

function renderHeader() {
  const hall = state.hall && state.hall.hall;
  setText('hall-name', hall ? localName(hall, state.lang) : 'HallQ');
  const session = state.session;
  $('who').hidden = !session;
  $('logout').hidden = !session;
  $('live').hidden = !session;
  if (session) {
    const counter = state.counter || hallCounter(session.counterNo) || {};
    setText('who', state.t('who', { user: session.displayName || session.username, no: session.counterNo, counter: counter.name || '' }));
  }
  $('live').dataset.state = state.live;
  setText('live', state.t('live.' + state.live));
}

function renderCounterOptions() {
  const select = $('login-counter');
  const chosen = select.value || localStorage.getItem(LAST_COUNTER_KEY) || '';
  select.textContent = '';
  select.appendChild(new Option(state.t('login.chooseCounter'), ''));
  for (const counter of (state.hall && state.hall.counters) || []) {
    select.appendChild(new Option(state.t('counterOption', { no: counter.counterNo, name: counter.name }), String(counter.counterNo)));
  }
  select.value = chosen;
  if (select.value !== chosen) select.value = '';
}

/** The hall's outcomes for 办结, the default (the first) chosen unless the clerk chose another. */
function renderOutcomeOptions() {
  const select = $('finish-outcome');
  const outcomes = (state.hall && state.hall.outcomes) || [];
  const chosen = select.value;
  // Rebuilt only when the outcomes or the language change: a clerk (or a test) holding an option keeps it.
  const key = state.lang + '|' + outcomes.map((outcome) => outcome.code).join(',');
  if (select.dataset.key !== key) {
    select.dataset.key = key;
    select.textContent = '';
    for (const outcome of outcomes) select.appendChild(new Option(localName(outcome, state.lang), outcome.code));
  }
  select.value = outcomes.some((outcome) => outcome.code === chosen) ? chosen : (outcomes[0] ? outcomes[0].code : '');
  select.disabled = ticketStatus(state.counter) !== 'SERVING' || state.busy;
}

function renderTransferOptions() {
  const select = $('transfer-service');
  const chosen = select.value;
  const current = state.counter && state.counter.ticket ? state.counter.ticket.serviceCode : null;
  const services = (state.hall && state.hall.serviceTypes) || [];
  const key = state.lang + '|' + services.map((service) => service.code).join(',');
  if (select.dataset.key !== key) {
    select.dataset.key = key;
    select.textContent = '';
    select.appendChild(new Option(state.t('transfer.choose'), ''));
    for (const service of services) select.appendChild(new Option(service.prefix + ' · ' + localName(service, state.lang), service.code));
  }
  for (const option of select.options) option.disabled = option.value !== '' && option.value === current;
  select.value = chosen && chosen !== current ? chosen : '';
  select.disabled = ticketStatus(state.counter) !== 'SERVING' || state.busy;
}

function currentStatusText(counter) {
  if (!counter) return state.t('current.loading');
  if (!counter.ticket) return counter.paused ? state.t('current.paused') : state.t('current.idle');
  const text = state.t('status.' + counter.ticket.status);
  return counter.paused ? text + state.t('pausedNote') : text;
}

function renderCurrent() {
  const counter = state.counter;
  const ticket = counter && counter.ticket;
  const status = ticket ? ticket.status : (counter && counter.paused ? 'PAUSED' : 'NONE');
  $('current').dataset.status = status;
  $('current-status').dataset.status = status;
  setText('current-number', ticket ? ticket.number : '—');
  $('current-number').classList.toggle('empty', !ticket);
  setText('current-service', ticket ? serviceName(ticket.serviceCode) : '');
  setText('current-status', currentStatusText(counter));
  const priority = ticket && ticket.priority ? state.t('priority', { name: priorityName(ticket.priority) }) : '';
  setText('current-priority', priority);
  $('current-priority').hidden = !priority;
}

/** Called every second: the wait, the time since the call and the service time of the held ticket. */
function renderTimers() {
  const ticket = state.counter && state.counter.ticket;
  const status = ticket ? ticket.status : null;
  const wait = !ticket ? null
    : ticket.waitSeconds != null ? ticket.waitSeconds
      : secondsBetween(ticket.queuedAt, ticket.calledAt || new Date());
  $('timer-wait').hidden = wait == null;
  setText('current-wait', clockText(wait));
  const sinceCall = status === 'CALLED' ? secondsSince(ticket.calledAt) : null;
  $('timer-called').hidden = sinceCall == null;
  setText('current-called', clockText(sinceCall));
  const serving = status === 'SERVING' ? secondsSince(ticket.startedAt) : null;
  $('timer-service').hidden = serving == null;
  setText('current-service-time', clockText(serving));
  const service = ticket ? findService(ticket.serviceCode) : null;
  const overStandard = serving != null && service && service.standardServiceMinutes && serving > service.standardServiceMinutes * 60;
  $('timer-service').classList.toggle('over', !!overStandard);
  renderWaitedMinutes();
}

function isEnabled(action) {
  return !!state.counter && !state.busy && action.when(state.counter);
}

/** 指定叫号 and 叫回 need an open, free counter, as 叫号 does. */
function canCallTicket() {
  return !!state.counter && !state.busy && !state.counter.paused && !state.counter.ticket;
}

function renderActions() {
  for (const action of ACTIONS) $(action.id).disabled = !isEnabled(action);
  $('park-reason').disabled = !isEnabled(ACTIONS.find((action) => action.name === 'park'));
  $('call-ticket-submit').disabled = !canCallTicket();
  for (const button of document.querySelectorAll('#parked-list button')) button.disabled = !canCallTicket();
  $('transfer-service').disabled = ticketStatus(state.counter) !== 'SERVING' || state.busy;
  $('finish-outcome').disabled = ticketStatus(state.counter) !== 'SERVING' || state.busy;
}

/** A list item that starts with the ticket's number and service: the queue's and the parked list's. */
function ticketItem(ticket) {
  const item = document.createElement('li');
  item.dataset.number = ticket.number;
  item.dataset.ticketId = ticket.id;
  const number = document.createElement('span');
  number.className = 'number';
  number.textContent = ticket.number;
  const service = document.createElement('span');
  service.className = 'service';
  service.textContent = serviceName(ticket.serviceCode);
  item.append(number, service);
  return item;
}

function waitingItem(ticket) {
  const item = ticketItem(ticket);
  if (ticket.priority) {
    item.classList.add('priority');
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = priorityName(ticket.priority);
    item.appendChild(badge);
  }
  const waited = document.createElement('span');
  waited.className = 'waited';
  waited.dataset.since = ticket.queuedAt || ticket.issuedAt || '';
  waited.dataset.service = ticket.serviceCode;
  item.appendChild(waited);
  return item;
}

function renderWaiting() {
  const list = $('waiting-list');
  const tickets = state.waiting || [];
  list.textContent = '';
  for (const ticket of tickets) list.appendChild(waitingItem(ticket));
  setText('waiting-count', state.waiting ? state.t('queue.count', { n: tickets.length }) : '');
  $('waiting-empty').hidden = !state.waiting || tickets.length > 0;
  renderWaitedMinutes();
}

function renderWaitedMinutes() {
  for (const el of document.querySelectorAll('#waiting-list .waited')) {
    const seconds = secondsSince(el.dataset.since);
    if (seconds == null) continue;
    el.textContent = state.t('queue.waited', { m: Math.floor(seconds / 60) });
    const service = findService(el.dataset.service);
    el.classList.toggle('over', !!(service && service.targetWaitMinutes && seconds > service.targetWaitMinutes * 60));
  }
}

function parkedItem(ticket) {
  const item = ticketItem(ticket);
  const since = document.createElement('span');
  since.className = 'waited';
  const zone = state.hall && state.hall.hall ? state.hall.hall.timeZone : undefined;
  since.textContent = state.t('parked.since', { time: hallTime(ticket.parkedAt, zone, state.lang) });
  const button = document.createElement('button');
  button.className = 'action small';
  button.type = 'button';
  button.id = 'call-back-' + ticket.number;
  button.textContent = state.t('parked.callBack');
  button.disabled = !canCallTicket();
  button.addEventListener('click', () => callBack(ticket.number));
  item.append(since, button);
  return item;
}

function renderParked() {
  const tickets = state.parked || [];
  const list = $('parked-list');
  // Rebuilt only when the tickets or the language change: a button the clerk (or a test) holds stays.
  const key = state.lang + '|' + tickets.map((ticket) => ticket.id + '@' + ticket.parkedAt).join(',');
  if (list.dataset.key !== key) {
    list.dataset.key = key;
    list.replaceChildren(...tickets.map(parkedItem));
  }
  setText('parked-count', state.parked ? state.t('parked.count', { n: tickets.length }) : '');
  $('parked-empty').hidden = !state.parked || tickets.length > 0;
}

function renderToday() {
  const today = state.today;
  setText('today-finished', today ? today.finished : '—');
  setText('today-wait', today ? durationText(today.averageWaitSeconds) : '—');
  setText('today-service', today ? durationText(today.averageServiceSeconds) : '—');
}

function renderMessage() {
  const message = state.message;
  setText('message', message ? message.text : '');
  $('message').dataset.kind = message ? message.kind : '';
  $('message').className = message && message.kind === 'error' ? 'message error' : 'message';
}

function showMessage(text, kind) {
  state.message = { text, kind };
  renderMessage();
}

function showLoginError(text) {
  setText('login-error', text);
  $('login-error').hidden = !text;
}

// ---- views ----

function showLogin() {
  $('login-view').hidden = false;
  $('panel-view').hidden = true;
  render();
  const username = $('login-username');
  (username.value ? $('login-password') : username).focus();
}

function showPanel() {
  $('login-view').hidden = true;
  $('panel-view').hidden = false;
  showLoginError('');
  render();
}

// ---- session ----

function readSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    if (!session || !session.token || !session.counterNo) return null;
    if (session.expiresAt && new Date(session.expiresAt).getTime() <= Date.now()) return null;
    return session;
  } catch (e) {
    return null;
  }
}

function saveSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  localStorage.setItem(LAST_COUNTER_KEY, String(session.counterNo));
}

function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
  if (state.closeStream) state.closeStream();
  clearTimeout(state.refreshTimer);
  Object.assign(state, {
    session: null, counter: null, waiting: null, parked: null, today: null, busy: false, live: 'off', message: null,
    closeStream: null, refreshTimer: null
  });
  state.pending.clear();
}

function sessionExpired() {
  if (!state.session) return;
  clearSession();
  showLogin();
  showLoginError(state.t('login.expired'));
}

/** An API call with the clerk's token; a 401 means the session is gone. */
async function authed(method, path, body) {
  const session = state.session;
  const reply = await api(method, path, { token: session.token, body });
  if (reply.status === 401 && state.session === session) sessionExpired();
  return reply;
}

async function onLoginSubmit(event) {
  event.preventDefault();
  if (state.loggingIn) return;
  const username = $('login-username').value.trim();
  const password = $('login-password').value;
  const counterNo = Number($('login-counter').value);
  if (!username || !password || !counterNo) {
    showLoginError(state.t('login.missing'));
    return;
  }
  setLoggingIn(true);
  try {
    const reply = await api('POST', '/api/v1/auth/login', { body: { username, password, counterNo } });
    if (reply.status === 200 && reply.body && reply.body.token) {
      startSession({ ...reply.body, counterNo: reply.body.counterNo || counterNo });
      $('login-password').value = '';
    } else if (reply.status === 401) {
      showLoginError(state.t('login.invalid'));
    } else {
      showLoginError(errorText(reply, state.t('login.network')));
    }
  } catch (e) {
    showLoginError(state.t('login.network'));
  } finally {
    setLoggingIn(false);
  }
}

function setLoggingIn(busy) {
  state.loggingIn = busy;
  $('login-submit').disabled = busy;
  $('login-submit').textContent = state.t(busy ? 'login.busy' : 'login.submit');
}

function startSession(session) {
  saveSession(session);
  state.session = session;
  showPanel();
  openLiveStream();
  scheduleRefresh(['counter', 'waiting', 'parked', 'today']);
}

async function logout() {
  const session = state.session;
  clearSession();
  showLogin();
  if (session) {
    try {
      await api('POST', '/api/v1/auth/logout', { token: session.token });
    } catch (e) {
      // The session runs out by itself; nothing else to do offline.
    }
  }
}

// ---- live data ----

function openLiveStream() {
  const myCounter = state.session.counterNo;
  state.closeStream = openStream({
    token: state.session.token,
    onSnapshot: () => scheduleRefresh(['counter', 'waiting', 'parked', 'today']),
    // Another counter may park a ticket of a service this one serves, or call one back.
    onEvent: (event) => scheduleRefresh(event.counterNo === myCounter ? ['counter', 'waiting', 'parked', 'today'] : ['waiting', 'parked']),
    onState: (live) => {
      state.live = live;
      renderHeader();
    }
  });
}

/** Coalesces refreshes: a burst of events costs one request per part. */
function scheduleRefresh(parts) {
  for (const part of parts) state.pending.add(part);
  if (!state.refreshTimer) state.refreshTimer = setTimeout(runRefresh, REFRESH_DELAY_MS);
}

const LOADERS = { counter: loadCounter, waiting: loadWaiting, parked: loadParked, today: loadToday };

async function runRefresh() {
  state.refreshTimer = null;
  const parts = [...state.pending];
  state.pending.clear();
  if (!state.session) return;
  try {
    await Promise.all(parts.map((part) => LOADERS[part]()));
  } catch (e) {
    showMessage(state.t('msg.network'), 'error');
  }
}

/** GETs one part; a reply that an action or a newer GET overtook is dropped. */
async function loadPart(part, path, apply) {
  const seq = ++state.seq[part];
  const session = state.session;
  const reply = await authed('GET', path);
  if (state.session !== session || seq !== state.seq[part] || reply.status !== 200 || !reply.body) return;
  apply(reply.body);
}

function loadCounter() {
  return loadPart('counter', counterPath(), (body) => {
    state.counter = body;
    renderHeader();
    renderTransferOptions();
    renderOutcomeOptions();
    renderCurrent();
    renderTimers();
    renderActions();
  });
}

function loadWaiting() {
  return loadPart('waiting', counterPath('/waiting'), (body) => {
    state.waiting = body.tickets || [];
    renderWaiting();
  });
}

function loadParked() {
  return loadPart('parked', counterPath('/parked'), (body) => {
    state.parked = body.tickets || [];
    renderParked();
  });
}

function loadToday() {
  return loadPart('today', counterPath('/today'), (body) => {
    state.today = body;
    renderToday();
  });
}

// ---- actions ----

function applyActionReply(action, body) {
  state.seq.counter++;
  if ('paused' in body) {
    state.counter = body;
  } else {
    const held = body.ticket && HELD_STATUSES.includes(body.ticket.status) ? body.ticket : null;
    state.counter = { ...state.counter, ticket: held };
  }
}

function successText(action, body) {
  const number = body.ticket ? body.ticket.number : '';
  switch (action.name) {
    case 'callNext': return body.ticket ? state.t('msg.called', { number }) : state.t('msg.nobody');
    case 'recall': return body.ticket && body.ticket.status === 'NO_SHOW' ? state.t('msg.recallLimit', { number }) : state.t('msg.recalled', { number });
    case 'park': return state.t('msg.parked', { number });
    case 'callTicket': return state.t('msg.calledOut', { number });
    case 'callBack': return state.t('msg.calledBack', { number });
    case 'noShow': return state.t('msg.noShow', { number });
    case 'start': return state.t('msg.started', { number });
    case 'finish': return state.t('msg.finished', { number });
    case 'transfer': return state.t('msg.transferred', { number, service: serviceName(body.transferredTo ? body.transferredTo.serviceCode : '') });
    case 'pause': return state.t('msg.paused');
    default: return state.t('msg.resumed');
  }
}

/** The server's message, led by a short explanation in the page's language when the code is known. */
function problemText(reply) {
  const error = reply.body && reply.body.error;
  if (!error) return state.t('msg.failed') + ' (HTTP ' + reply.status + ')';
  const known = TEXT[state.lang].errors[error.code];
  return known ? known + (state.lang === 'en' ? ': ' : '：') + error.message : error.message;
}

function actionBody(action) {
  if (action.name === 'transfer') return { serviceCode: chosenTransferService() };
  if (action.name === 'finish' && $('finish-outcome').value) return { outcome: $('finish-outcome').value };
  if (action.name === 'park' && $('park-reason').value.trim()) return { reason: $('park-reason').value.trim() };
  return undefined;
}

/** The inputs an action used, emptied once it succeeded. */
const USED_INPUTS = {
  transfer: ['transfer-service'],
  finish: ['finish-outcome'],
  park: ['park-reason'],
  callTicket: ['call-ticket-number', 'call-ticket-reason']
};

function runAction(action) {
  if (!isEnabled(action)) return;
  send(action, actionBody(action));
}

/** A recall past the hall's limit made a no-show: the clerk is told so, as a warning. */
function successKind(action, body) {
  return action.name === 'recall' && body.ticket && body.ticket.status === 'NO_SHOW' ? 'warn' : 'info';
}

async function send(action, body) {
  state.busy = true;
  renderActions();
  try {
    const reply = await authed('POST', counterPath('/' + action.path), body);
    if (reply.status === 200 && reply.body) {
      applyActionReply(action, reply.body);
      for (const id of USED_INPUTS[action.name] || []) $(id).value = '';
      showMessage(successText(action, reply.body), successKind(action, reply.body));
    } else if (reply.status !== 401) {
      showMessage(problemText(reply), 'error');
    }
  } catch (e) {
    showMessage(state.t('msg.network'), 'error');
  } finally {
    state.busy = false;
  }
  if (!state.session) return;
  renderTransferOptions();
  renderOutcomeOptions();
  renderCurrent();
  renderTimers();
  renderActions();
  scheduleRefresh(['counter', 'waiting', 'parked', 'today']);
}

/** 指定叫号: a number and a reason; both are needed before the server is asked. */
function onCallTicketSubmit(event) {
  event.preventDefault();
  if (!canCallTicket()) return;
  const numberInput = $('call-ticket-number');
  const reasonInput = $('call-ticket-reason');
  const number = numberInput.value.trim().toUpperCase();
  const reason = reasonInput.value.trim();
  const missing = !number ? numberInput : !reason ? reasonInput : null;
  markInvalid(numberInput, !number);
  markInvalid(reasonInput, !!number && !reason);
  if (missing) {
    showMessage(state.t(missing === numberInput ? 'msg.needNumber' : 'msg.needReason'), 'error');
    missing.focus();
    return;
  }
  numberInput.value = number;
  send(CALL_TICKET, { number, reason });
}

function markInvalid(input, invalid) {
  if (invalid) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/** 叫回: a parked ticket called back to this counter; the reason says so in the event log. */
function callBack(number) {
  if (!canCallTicket()) return;
  send(CALL_BACK, { number, reason: state.t('parked.reason') });
}

function actionForKey(key) {
  const matching = ACTIONS.filter((action) => action.keys.includes(key));
  return matching.find(isEnabled) || matching[0] || null;
}

function onKeyDown(event) {
  if ($('panel-view').hidden || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const functionKey = /^F[1-8]$/.test(key);
  if (!functionKey && isEditable(event.target)) return;
  const action = actionForKey(key);
  if (!action) return;
  event.preventDefault();
  if (event.repeat) return;
  if (action.name === 'transfer' && ticketStatus(state.counter) === 'SERVING' && !chosenTransferService()) {
    $('transfer-service').focus();
    showMessage(state.t('msg.chooseService'), 'info');
    return;
  }
  if (!isEnabled(action)) {
    if (!state.busy) showMessage(state.t('msg.notNow', { action: state.t('action.' + action.name) }), 'info');
    return;
  }
  runAction(action);
}

function onTransferKey(event) {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  runAction(ACTIONS.find((action) => action.name === 'transfer'));
}

// ---- start ----

async function loadHall() {
  try {
    const reply = await api('GET', '/api/v1/hall');
    if (reply.status === 200 && reply.body) {
      state.hall = reply.body;
      if ($('login-error').textContent === state.t('login.hallFailed')) showLoginError('');
      render();
      return;
    }
  } catch (e) {
    // retried below
  }
  if (!state.session) showLoginError(state.t('login.hallFailed'));
  setTimeout(loadHall, HALL_RETRY_MS);
}

function bindEvents() {
  $('lang-toggle').addEventListener('click', toggleLang);
  $('login-form').addEventListener('submit', onLoginSubmit);
  $('logout').addEventListener('click', logout);
  for (const action of ACTIONS) $(action.id).addEventListener('click', () => runAction(action));
  $('transfer-service').addEventListener('change', renderActions);
  $('transfer-service').addEventListener('keydown', onTransferKey);
  $('call-ticket-form').addEventListener('submit', onCallTicketSubmit);
  document.addEventListener('keydown', onKeyDown);
  setInterval(renderTimers, 1000);
}

function start() {
  state.lang = pickLang();
  state.t = translator(TEXT, state.lang);
  bindEvents();
  const session = readSession();
  if (session) startSession(session); else showLogin();
  loadHall();
}

start();
