// The 告警 (alerts) section of the manager dashboard: the open alerts from GET /api/v1/alerts, each
// with a 确认 (acknowledge) button, and below them, muted, those cleared in the last hours. The
// shell reloads it on ALERT_RAISED / ALERT_CLEARED / ALERT_ACKED events.
import { byId, showText, errorText } from '../common/hallq.js';
import { syncRows, whenText, serviceName } from './rows.js';
import { createLoader } from './loader.js';

const TEXTS = {
  zh: {
    title: '告警',
    count: '{n} 条未解除',
    none: '当前没有告警。',
    loading: '正在加载告警…',
    failed: '暂时无法获取告警，稍后自动重试。',
    ackFailed: '确认失败：{message}',
    col: { kind: '类型', subject: '对象', since: '发生时间', state: '处理' },
    kind: {
      WAIT_OVER_TARGET: '等候超时',
      HANDLING_TOO_LONG: '办理超时',
      QUEUE_TOO_LONG: '排队过长，建议增开窗口',
      COUNTER_PAUSED_TOO_LONG: '窗口暂停过久',
      PRINTER_PROBLEM: '打印机故障',
      DEVICE_OFFLINE: '设备离线',
      FOLLOW_UP_OVERDUE: '差评整改逾期'
    },
    subject: {
      ticket: '{number} · {service}',
      waitTarget: '{number} · {service}（目标 {minutes} 分钟）',
      handling: '{number} · {counter}（标准 {minutes} 分钟）',
      queue: '{service}：{waiting} 人等候（预警 {limit} 人），建议跨窗通办或增开窗口',
      counter: '{n} 号窗口',
      kiosk: '取号机 {id}',
      device: '{device}（{kind}）',
      followUp: '{number} · {counter}，期限 {deadline}'
    },
    joiner: ' · ',
    ack: '确认',
    acking: '正在确认…',
    acked: '已确认（{by} {at}）',
    cleared: '已解除 {at}'
  },
  en: {
    title: 'Alerts',
    count: '{n} open',
    none: 'No alerts right now.',
    loading: 'Loading the alerts…',
    failed: 'Cannot load the alerts right now, retrying.',
    ackFailed: 'Could not acknowledge: {message}',
    col: { kind: 'Kind', subject: 'About', since: 'Since', state: 'Handling' },
    kind: {
      WAIT_OVER_TARGET: 'Wait over target',
      HANDLING_TOO_LONG: 'Handling too long',
      QUEUE_TOO_LONG: 'Queue too long: open another counter',
      COUNTER_PAUSED_TOO_LONG: 'Counter paused too long',
      PRINTER_PROBLEM: 'Printer problem',
      DEVICE_OFFLINE: 'Device offline',
      FOLLOW_UP_OVERDUE: 'Follow-up overdue'
    },
    subject: {
      ticket: '{number} · {service}',
      waitTarget: '{number} · {service} (target {minutes} min)',
      handling: '{number} · {counter} (standard {minutes} min)',
      queue: '{service}: {waiting} waiting (alert at {limit}); serve it at another counter too',
      counter: 'Counter {n}',
      kiosk: 'Kiosk {id}',
      device: '{device} ({kind})',
      followUp: '{number} · {counter}, due {deadline}'
    },
    joiner: ' · ',
    ack: 'Acknowledge',
    acking: 'Acknowledging…',
    acked: 'Acknowledged ({by} {at})',
    cleared: 'Cleared {at}'
  }
};

let alerts = null;
/** The server's word on the last acknowledgement that failed, or null. */
let ackError = null;
const acking = new Set();
const loader = createLoader({
  fetch: (app) => app.authed('GET', '/api/v1/alerts'),
  accept: (reply) => {
    if (reply.status !== 200 || !reply.body) return false;
    alerts = reply.body.alerts || [];
    return true;
  },
  render
});

function counterText(counterNo, app) {
  return counterNo == null ? '—' : app.t('alerts.subject.counter', { n: counterNo });
}

/** What the alert is about, in words: the ticket, service, counter, kiosk or device its detail names. */
function subjectText(alert, app) {
  const d = alert.detail || {};
  const service = serviceName(d.serviceCode, app);
  switch (alert.kind) {
    case 'WAIT_OVER_TARGET':
      return d.targetWaitMinutes == null
        ? app.t('alerts.subject.ticket', { number: d.number, service })
        : app.t('alerts.subject.waitTarget', { number: d.number, service, minutes: d.targetWaitMinutes });
    case 'HANDLING_TOO_LONG':
      return app.t('alerts.subject.handling', { number: d.number, counter: counterText(d.counterNo, app), minutes: d.standardServiceMinutes });
    case 'QUEUE_TOO_LONG':
      return app.t('alerts.subject.queue', { service, waiting: d.waiting, limit: d.queueAlertLength });
    case 'COUNTER_PAUSED_TOO_LONG':
      return counterText(d.counterNo, app);
    case 'PRINTER_PROBLEM': {
      const printer = app.t('devices.printer.' + d.printer);
      return [app.t('alerts.subject.kiosk', { id: d.kioskId }), printer.startsWith('devices.') ? d.printer : printer]
        .filter(Boolean).join(app.t('alerts.joiner'));
    }
    case 'DEVICE_OFFLINE': {
      const kind = app.t('devices.kind.' + d.kind);
      const parts = [app.t('alerts.subject.device', { device: d.deviceId || alert.subject, kind: kind.startsWith('devices.') ? d.kind : kind })];
      if (d.kioskId) parts.push(app.t('alerts.subject.kiosk', { id: d.kioskId }));
      if (d.counterNo != null) parts.push(counterText(d.counterNo, app));
      return parts.join(app.t('alerts.joiner'));
    }
    case 'FOLLOW_UP_OVERDUE':
      return app.t('alerts.subject.followUp', { number: d.number, counter: counterText(d.counterNo, app), deadline: whenText(d.deadline, app) });
    default:
      return alert.subject || '';
  }
}

function kindText(kind, app) {
  const text = app.t('alerts.kind.' + kind);
  return text.startsWith('alerts.') ? kind : text;
}

function alertRow(alert, app) {
  const open = !alert.clearedAt;
  const cells = [
    { className: 'kind', text: kindText(alert.kind, app), level: open ? 'problem' : undefined },
    { className: 'subject', text: subjectText(alert, app) },
    { className: 'when', text: whenText(alert.raisedAt, app) }
  ];
  const notes = [];
  if (alert.ackedBy) notes.push(app.t('alerts.acked', { by: alert.ackedBy, at: whenText(alert.ackedAt, app) }));
  if (!open) notes.push(app.t('alerts.cleared', { at: whenText(alert.clearedAt, app) }));
  const handling = { className: 'handling', text: notes.join(app.t('alerts.joiner')) };
  if (open && !alert.ackedBy) {
    const busy = acking.has(alert.id);
    handling.button = { id: 'alert-ack-' + alert.id, label: app.t(busy ? 'alerts.acking' : 'alerts.ack'), disabled: busy, onClick: () => acknowledge(alert.id, app) };
  }
  cells.push(handling);
  return {
    id: 'alert-' + alert.id,
    className: open ? '' : 'cleared',
    data: { kind: alert.kind, state: open ? 'open' : 'cleared', acked: String(!!alert.ackedBy) },
    cells
  };
}

function render(app) {
  const list = alerts || [];
  const open = list.filter((alert) => !alert.clearedAt);
  const cleared = list.filter((alert) => alert.clearedAt);
  const count = byId('alerts-count');
  count.textContent = alerts ? app.t('alerts.count', { n: open.length }) : '';
  count.dataset.open = String(open.length);
  count.dataset.unacked = String(open.filter((alert) => !alert.ackedBy).length);
  count.hidden = !alerts;
  const failed = loader.failed();
  showText('alerts-error', failed ? app.t('alerts.failed') : ackError == null ? '' : app.t('alerts.ackFailed', { message: ackError }));
  const status = byId('alerts-status');
  status.textContent = !alerts ? (failed ? '' : app.t('alerts.loading')) : list.length === 0 ? app.t('alerts.none') : '';
  status.hidden = !status.textContent;
  byId('alerts-table').hidden = list.length === 0;
  syncRows(byId('alerts-body'), [...open, ...cleared].map((alert) => alertRow(alert, app)));
}

async function acknowledge(id, app) {
  if (acking.has(id)) return;
  acking.add(id);
  ackError = null;
  render(app);
  let reply = null;
  try {
    reply = await app.authed('POST', '/api/v1/alerts/' + encodeURIComponent(id) + '/ack');
  } catch (e) {
    // unreachable server: said below
  }
  acking.delete(id);
  if (!app.signedIn()) return;
  if (reply && reply.status === 200 && reply.body && alerts) {
    alerts = alerts.map((alert) => (alert.id === reply.body.id ? reply.body : alert));
  } else if (!reply || reply.status !== 401) {
    ackError = errorText(reply, app.t('login.network'));
  }
  render(app);
}

function clear() {
  loader.clear();
  alerts = null;
  ackError = null;
  acking.clear();
  syncRows(byId('alerts-body'), []);
}

/** The section as the dashboard shell sees it: its texts, the events that change it, load/render/clear. */
export const alertsSection = {
  name: 'alerts',
  texts: TEXTS,
  events: ['ALERT_RAISED', 'ALERT_CLEARED', 'ALERT_ACKED'],
  load: loader.load,
  render,
  clear
};
