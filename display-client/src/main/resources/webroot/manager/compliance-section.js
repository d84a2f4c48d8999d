// The 实时达标 (live compliance) section of the manager dashboard, from GET /api/v1/compliance: each
// service's waits against its standard, the citizens whose wait has reached the warning level, and
// each counter's handling time against the standard. The shell reloads it on queue events; waits
// also grow while nothing happens, so it reloads itself every 30 seconds too.
import { byId, showText } from '../common/hallq.js';
import { syncRows, minutesSeconds, percent, serviceName, whenText } from './rows.js';
import { createLoader } from './loader.js';

const TEXTS = {
  zh: {
    title: '实时达标',
    at: '数据时间 {at}，每 30 秒更新',
    loading: '正在加载达标情况…',
    failed: '暂时无法获取达标情况，稍后自动重试。',
    services: {
      title: '各业务等候情况',
      service: '业务',
      waiting: '等候人数',
      longest: '最长等候',
      average: '平均等候',
      called: '今日已叫号',
      within: '目标内占比',
      level: '服务水平 / 目标',
      goal: '{value} / 目标 {percent}%（{minutes} 分钟内）',
      none: '本大厅没有业务类型。'
    },
    waiting: {
      title: '需关注的等候群众（达到预警时长）',
      number: '号码',
      service: '业务',
      wait: '已等候',
      level: '状态',
      none: '没有达到预警时长的等候群众。'
    },
    level: { OK: '正常', WARNING: '预警', OVER_TARGET: '超目标', BREACH: '严重超时' },
    counters: {
      title: '窗口办理情况',
      counter: '窗口',
      state: '状态',
      ticket: '号票',
      time: '办理时长 / 标准',
      name: '{n} 号 {name}',
      handling: '{time} / 标准 {minutes} 分钟',
      called: '叫号后 {time}',
      none: '本大厅没有窗口。'
    },
    counterState: { PAUSED: '暂停', IDLE: '空闲', CALLED: '已叫号', SERVING: '办理中' }
  },
  en: {
    title: 'Live compliance',
    at: 'As of {at}, updated every 30 s',
    loading: 'Loading the compliance figures…',
    failed: 'Cannot load the compliance figures right now, retrying.',
    services: {
      title: 'Waiting by service',
      service: 'Service',
      waiting: 'Waiting',
      longest: 'Longest wait',
      average: 'Average wait',
      called: 'Called today',
      within: 'Within target',
      level: 'Service level / goal',
      goal: '{value} / goal {percent}% (within {minutes} min)',
      none: 'This hall has no services.'
    },
    waiting: {
      title: 'Citizens waiting past the warning level',
      number: 'Number',
      service: 'Service',
      wait: 'Waiting for',
      level: 'Level',
      none: 'Nobody has waited up to the warning level.'
    },
    level: { OK: 'OK', WARNING: 'Warning', OVER_TARGET: 'Over target', BREACH: 'Breach' },
    counters: {
      title: 'Counters',
      counter: 'Counter',
      state: 'State',
      ticket: 'Ticket',
      time: 'Handling / standard',
      name: 'Counter {n} · {name}',
      handling: '{time} / standard {minutes} min',
      called: 'called {time} ago',
      none: 'This hall has no counters.'
    },
    counterState: { PAUSED: 'Paused', IDLE: 'Idle', CALLED: 'Called', SERVING: 'Serving' }
  }
};

const LEVELS = ['OK', 'WARNING', 'OVER_TARGET', 'BREACH'];
/** How a wait level colours a cell: the dashboard's ok / warning / problem. */
const LEVEL_COLOUR = { OK: 'ok', WARNING: 'warning', OVER_TARGET: 'problem', BREACH: 'breach' };

let compliance = null;
// Waits grow while no event comes, so a success schedules the next reload too.
const loader = createLoader({
  fetch: (app) => app.authed('GET', '/api/v1/compliance'),
  accept: (reply) => {
    if (reply.status !== 200 || !reply.body) return false;
    const body = reply.body;
    compliance = { at: body.at, services: body.services || [], waiting: body.waiting || [], counters: body.counters || [] };
    return true;
  },
  render,
  refreshMs: 30000
});

/** The worst level anyone waiting for the service has reached, or null when nobody waits. */
function worstLevel(service) {
  const counts = service.waitingByLevel || {};
  for (const level of [...LEVELS].reverse()) if (counts[level] > 0) return level;
  return null;
}

function serviceRow(service, app) {
  const worst = worstLevel(service);
  const standard = service.standard || {};
  const met = service.serviceLevelMet;
  const level = service.serviceLevelPercent == null
    ? '—'
    : app.t('compliance.services.goal', { value: percent(service.serviceLevelPercent), percent: standard.serviceLevelPercent, minutes: standard.serviceLevelMinutes });
  return {
    id: 'compliance-' + service.serviceCode,
    data: { waiting: String(service.waiting), level: worst ? LEVEL_COLOUR[worst] : 'none' },
    cells: [
      { className: 'name', text: serviceName(service.serviceCode, app, service.name) },
      { className: 'waiting num', text: String(service.waiting) },
      { className: 'longest num', text: service.waiting > 0 ? minutesSeconds(service.longestWaitSeconds) : '—', level: worst ? LEVEL_COLOUR[worst] : undefined },
      { className: 'average num', text: service.waiting > 0 ? minutesSeconds(service.averageWaitSeconds) : '—' },
      { className: 'called num', text: String(service.calledToday) },
      { className: 'within num', text: percent(service.withinTargetPercent) },
      { className: 'service-level', text: level, level: met == null ? undefined : met ? 'ok' : 'problem' }
    ]
  };
}

function waitingRow(wait, app) {
  return {
    id: 'waiting-' + wait.ticketId,
    data: { level: LEVEL_COLOUR[wait.level] || 'none' },
    cells: [
      { className: 'ticket-no', text: wait.number },
      { className: 'service', text: serviceName(wait.serviceCode, app) },
      { className: 'wait num', text: minutesSeconds(wait.waitSeconds) },
      { className: 'state', text: app.t('compliance.level.' + wait.level), level: LEVEL_COLOUR[wait.level] }
    ]
  };
}

function counterState(counter) {
  if (counter.paused) return 'PAUSED';
  if (!counter.ticket) return 'IDLE';
  return counter.ticket.status === 'SERVING' ? 'SERVING' : 'CALLED';
}

function counterRow(counter, app) {
  const state = counterState(counter);
  const ticket = counter.ticket;
  let time = '';
  let level;
  if (ticket && ticket.status === 'SERVING') {
    time = app.t('compliance.counters.handling', { time: minutesSeconds(ticket.handlingSeconds), minutes: ticket.standardServiceMinutes });
    level = ticket.overStandard ? 'problem' : 'ok';
  } else if (ticket && ticket.calledSeconds != null) {
    time = app.t('compliance.counters.called', { time: minutesSeconds(ticket.calledSeconds) });
  }
  return {
    id: 'counter-' + counter.counterNo,
    data: { state: state.toLowerCase(), over: String(!!(ticket && ticket.overStandard)) },
    cells: [
      { className: 'counter', text: app.t('compliance.counters.name', { n: counter.counterNo, name: counter.name || '' }).trim() },
      { className: 'state', text: app.t('compliance.counterState.' + state), level: state === 'PAUSED' ? 'warning' : undefined },
      { className: 'ticket', text: ticket ? ticket.number + ' · ' + serviceName(ticket.serviceCode, app) : '—' },
      { className: 'handling num', text: time || '—', level }
    ]
  };
}

function placeholder(id, text, span) {
  return { id, cells: [{ className: 'muted', text, span }] };
}

function render(app) {
  const failed = loader.failed();
  showText('compliance-error', failed ? app.t('compliance.failed') : '');
  const at = byId('compliance-at');
  at.textContent = compliance ? app.t('compliance.at', { at: whenText(compliance.at, app) }) : failed ? '' : app.t('compliance.loading');
  at.hidden = !at.textContent;
  if (!compliance) {
    for (const id of ['compliance-body', 'overdue-body', 'counters-body']) syncRows(byId(id), []);
    return;
  }
  const services = compliance.services.map((service) => serviceRow(service, app));
  syncRows(byId('compliance-body'), services.length ? services : [placeholder('compliance-none', app.t('compliance.services.none'), 7)]);
  const attention = compliance.waiting
    .filter((wait) => wait.level !== 'OK')
    .sort((a, b) => b.waitSeconds - a.waitSeconds)
    .map((wait) => waitingRow(wait, app));
  syncRows(byId('overdue-body'), attention.length ? attention : [placeholder('overdue-none', app.t('compliance.waiting.none'), 4)]);
  const counters = compliance.counters.map((counter) => counterRow(counter, app));
  syncRows(byId('counters-body'), counters.length ? counters : [placeholder('counters-none', app.t('compliance.counters.none'), 4)]);
}

function clear() {
  loader.clear();
  compliance = null;
}

/** The section as the dashboard shell sees it: its texts, the events that change it, load/render/clear. */
export const complianceSection = {
  name: 'compliance',
  texts: TEXTS,
  // Besides the queue's events: the alert checker raises and clears alerts as waits cross the standard's levels.
  events: ['TICKET_ISSUED', 'TICKET_CALLED', 'TICKET_RECALLED', 'TICKET_NO_SHOW', 'TICKET_REQUEUED', 'TICKET_PARKED', 'TICKET_TRANSFERRED',
    'TICKET_CANCELLED', 'SERVICE_STARTED', 'SERVICE_FINISHED', 'COUNTER_PAUSED', 'COUNTER_RESUMED', 'STANDARDS_CHANGED',
    'ALERT_RAISED', 'ALERT_CLEARED'],
  load: loader.load,
  render,
  clear
};
