// The 日终汇总 (day summary) section of the manager dashboard: for the hall's service day (serviceDay of
// GET /api/v1/queue), each service's tickets issued, served, served late (延时服务), closed unserved
// (闭厅未办理), no-shows and cancelled, its waits, its last issue time and last ticket, and its closing
// rule (GET /api/v1/days/{date}/summary). The shell reloads it on ticket events and when the day closes.
import { byId, showText, localName } from '../common/hallq.js';
import { syncRows, whenText, minutesSeconds } from './rows.js';
import { createLoader } from './loader.js';

const TEXTS = {
  zh: {
    title: '日终汇总',
    loading: '正在加载日终汇总…',
    failed: '暂时无法获取日终汇总，稍后自动重试。',
    noHours: '{day}：未设置开放时间，不自动闭厅。',
    open: '{day}：{closing} 闭厅。',
    closed: '{day}：{closing} 闭厅，已于 {at} 完成日终处理。',
    rule: { SERVE_LATE: '延时服务', CLOSE_UNSERVED: '闭厅未办理' },
    col: {
      service: '业务', rule: '闭厅规则', issued: '取号', served: '办结', late: '延时服务', closed: '闭厅未办理',
      noShow: '过号', cancelled: '取消', wait: '平均/最长等候', lastIssue: '停止取号', last: '最后取号 / 办结'
    }
  },
  en: {
    title: 'Day summary',
    loading: 'Loading the day summary…',
    failed: 'Cannot load the day summary right now, retrying.',
    noHours: '{day}: no opening hours, the hall never closes by itself.',
    open: '{day}: closes at {closing}.',
    closed: '{day}: closed at {closing}; the day was closed at {at}.',
    rule: { SERVE_LATE: 'Serve late', CLOSE_UNSERVED: 'Close unserved' },
    col: {
      service: 'Service', rule: 'At closing', issued: 'Issued', served: 'Served', late: 'Served late', closed: 'Closed unserved',
      noShow: 'No-show', cancelled: 'Cancelled', wait: 'Avg / longest wait', lastIssue: 'Last issue', last: 'Last issued / finished'
    }
  }
};

let summary = null;

const loader = createLoader({
  fetch: async (app) => {
    const queue = await app.authed('GET', '/api/v1/queue');
    if (queue.status !== 200 || !queue.body || !queue.body.serviceDay) return [queue];
    return [queue, await app.authed('GET', '/api/v1/days/' + encodeURIComponent(queue.body.serviceDay) + '/summary')];
  },
  accept: ([, day]) => {
    if (!day || day.status !== 200 || !day.body || !Array.isArray(day.body.services)) return false;
    summary = day.body;
    return true;
  },
  render,
  refreshMs: 60000
});

function headline(app) {
  if (!summary.closingTime) return app.t('day.noHours', { day: summary.date });
  const values = { day: summary.date, closing: summary.closingTime, at: whenText(summary.closedAt, app) };
  return app.t(summary.closedAt ? 'day.closed' : 'day.open', values);
}

function serviceRow(service, app) {
  const rule = service.closingRule || {};
  return {
    id: 'day-service-' + service.serviceCode,
    data: { late: String(service.servedLate), closed: String(service.closedUnserved), rule: rule.mode || '' },
    cells: [
      { className: 'name', text: localName(service, app.lang) },
      { text: app.t('day.rule.' + rule.mode) + (rule.reason ? '（' + rule.reason + '）' : '') },
      { className: 'num', text: String(service.issued) },
      { className: 'num', text: String(service.served) },
      { className: 'num', text: String(service.servedLate) },
      { className: 'num', text: String(service.closedUnserved) },
      { className: 'num', text: String(service.noShows) },
      { className: 'num', text: String(service.cancelled) },
      { className: 'num', text: minutesSeconds(service.averageWaitSeconds) + ' / ' + minutesSeconds(service.longestWaitSeconds) },
      { className: 'when', text: service.lastIssueTime || '—' },
      { className: 'when', text: whenText(service.lastIssuedAt, app) + ' / ' + whenText(service.lastFinishedAt, app) }
    ]
  };
}

function render(app) {
  showText('day-error', loader.failed() ? app.t('day.failed') : '');
  const line = byId('day-headline');
  line.textContent = summary ? headline(app) : (loader.failed() ? '' : app.t('day.loading'));
  line.dataset.closed = summary && summary.closedAt ? 'true' : 'false';
  syncRows(byId('day-services-body'), summary ? summary.services.map((service) => serviceRow(service, app)) : []);
}

function clear() {
  loader.clear();
  summary = null;
}

export const daySection = {
  name: 'day',
  texts: TEXTS,
  events: ['TICKET_ISSUED', 'TICKET_CALLED', 'TICKET_NO_SHOW', 'TICKET_REQUEUED', 'TICKET_TRANSFERRED', 'TICKET_CANCELLED',
    'SERVICE_FINISHED', 'TICKET_CLOSED_UNSERVED', 'DAY_CLOSED'],
  load: loader.load,
  render,
  clear
};
