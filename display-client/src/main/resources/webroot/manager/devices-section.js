// The 设备状态 (devices) section of the manager dashboard: kiosk printers and the bridges' serial
// devices from GET /api/v1/devices, reloaded by the shell on PRINTER_STATUS / DEVICE_STATUS events.
import { byId, showText } from '../common/hallq.js';
import { syncRows, whenText } from './rows.js';
import { createLoader } from './loader.js';

const TEXTS = {
  zh: {
    title: '设备状态',
    col: { status: '状态', updated: '更新时间' },
    summary: {
      loading: '正在加载设备状态…',
      allOk: '全部设备正常',
      problems: '{n} 个设备异常',
      warnings: '{n} 台打印机纸将尽',
      joiner: '，'
    },
    failed: '暂时无法获取设备状态，稍后自动重试。',
    printers: { title: '取号机打印机', kiosk: '取号机', none: '本大厅没有取号机。' },
    printer: {
      OK: '正常',
      PAPER_NEAR_END: '纸将尽',
      PAPER_OUT: '缺纸',
      COVER_OPEN: '机盖打开',
      CUTTER_ERROR: '切刀故障',
      OFFLINE: '离线',
      UNKNOWN: '未上报'
    },
    bridge: {
      title: '串口设备',
      device: '设备',
      kind: '类型',
      place: '位置',
      detail: '说明',
      empty: '暂无设备上报状态。',
      online: '在线',
      offline: '离线',
      kiosk: '取号机 {id}',
      counter: '{n} 号窗口'
    },
    kind: { PRINTER: '打印机', SIGN: '窗口屏', PAD: '评价器', KEYPAD: '呼叫器', IDREADER: '身份证读卡器' }
  },
  en: {
    title: 'Devices',
    col: { status: 'Status', updated: 'Updated' },
    summary: {
      loading: 'Loading the device status…',
      allOk: 'All devices are working',
      problems: 'Devices needing attention: {n}',
      warnings: 'Printers nearly out of paper: {n}',
      joiner: '; '
    },
    failed: 'Cannot load the device status right now, retrying.',
    printers: { title: 'Kiosk printers', kiosk: 'Kiosk', none: 'This hall has no kiosks.' },
    printer: {
      OK: 'OK',
      PAPER_NEAR_END: 'Paper nearly out',
      PAPER_OUT: 'Out of paper',
      COVER_OPEN: 'Cover open',
      CUTTER_ERROR: 'Cutter error',
      OFFLINE: 'Offline',
      UNKNOWN: 'Not reported'
    },
    bridge: {
      title: 'Serial devices',
      device: 'Device',
      kind: 'Kind',
      place: 'Where',
      detail: 'Detail',
      empty: 'No device has reported its status yet.',
      online: 'Online',
      offline: 'Offline',
      kiosk: 'Kiosk {id}',
      counter: 'Counter {n}'
    },
    kind: { PRINTER: 'Printer', SIGN: 'Counter sign', PAD: 'Evaluation pad', KEYPAD: 'Clerk keypad', IDREADER: 'ID card reader' }
  }
};

/** Printer states that stop a kiosk from printing, should an older server omit canPrint. */
const CANNOT_PRINT = ['PAPER_OUT', 'COVER_OPEN', 'CUTTER_ERROR', 'OFFLINE'];

let devices = null;
const loader = createLoader({
  fetch: (app) => app.authed('GET', '/api/v1/devices'),
  accept: (reply) => {
    if (reply.status !== 200 || !reply.body) return false;
    devices = { printers: reply.body.printers || [], bridgeDevices: reply.body.bridgeDevices || [] };
    return true;
  },
  render
});

/** 'problem' (red: cannot print), 'warning' (amber), 'ok' or 'unknown' (never reported). */
function printerLevel(printer) {
  const status = printer.printer || 'UNKNOWN';
  if (printer.canPrint === false || CANNOT_PRINT.includes(status)) return 'problem';
  if (status === 'PAPER_NEAR_END') return 'warning';
  return status === 'OK' ? 'ok' : 'unknown';
}

function bridgeLevel(device) {
  return device.online ? 'ok' : 'problem';
}

/** One table row as data: its id, data-* attributes and cells ({className, text, level, span}). */
function printerRow(printer, app) {
  const status = printer.printer || 'UNKNOWN';
  const level = printerLevel(printer);
  return {
    id: 'printer-' + printer.deviceId,
    data: { level, status },
    cells: [
      { className: 'device', text: printer.deviceId },
      { className: 'state', text: app.t('devices.printer.' + status), level },
      { className: 'when', text: whenText(printer.updatedAt, app) }
    ]
  };
}

function placeText(device, app) {
  if (device.kioskId) return app.t('devices.bridge.kiosk', { id: device.kioskId });
  if (device.counterNo != null) return app.t('devices.bridge.counter', { n: device.counterNo });
  return '—';
}

function bridgeRow(device, app) {
  const level = bridgeLevel(device);
  const kind = app.t('devices.kind.' + device.kind);
  return {
    id: 'bridge-' + device.deviceId,
    data: { level, online: String(!!device.online) },
    cells: [
      { className: 'device', text: device.deviceId },
      { className: 'kind', text: kind === 'devices.kind.' + device.kind ? device.kind : kind },
      { className: 'place', text: placeText(device, app) },
      { className: 'state', text: app.t(device.online ? 'devices.bridge.online' : 'devices.bridge.offline'), level },
      { className: 'note', text: device.detail || '' },
      { className: 'when', text: whenText(device.updatedAt, app) }
    ]
  };
}

function renderSummary(app) {
  const summary = byId('devices-summary');
  if (!devices) {
    const failed = loader.failed();
    summary.textContent = failed ? '' : app.t('devices.summary.loading');
    summary.dataset.state = 'unknown';
    summary.hidden = failed;
    return;
  }
  const levels = [...devices.printers.map(printerLevel), ...devices.bridgeDevices.map(bridgeLevel)];
  const problems = levels.filter((level) => level === 'problem').length;
  const warnings = levels.filter((level) => level === 'warning').length;
  const parts = [];
  if (problems > 0) parts.push(app.t('devices.summary.problems', { n: problems }));
  if (warnings > 0) parts.push(app.t('devices.summary.warnings', { n: warnings }));
  summary.textContent = parts.length ? parts.join(app.t('devices.summary.joiner')) : app.t('devices.summary.allOk');
  summary.dataset.state = problems > 0 ? 'problem' : warnings > 0 ? 'warning' : 'ok';
  summary.dataset.problems = String(problems);
  summary.hidden = false;
}

function render(app) {
  renderSummary(app);
  showText('devices-error', loader.failed() ? app.t('devices.failed') : '');
  if (!devices) {
    syncRows(byId('printers-body'), []);
    syncRows(byId('bridge-body'), []);
    byId('bridge-empty').hidden = true;
    return;
  }
  const printers = devices.printers.map((printer) => printerRow(printer, app));
  if (printers.length === 0) {
    printers.push({ id: 'printers-none', data: {}, cells: [{ className: 'muted', text: app.t('devices.printers.none'), span: 3 }] });
  }
  syncRows(byId('printers-body'), printers);
  const bridged = [...devices.bridgeDevices].sort((a, b) => a.deviceId.localeCompare(b.deviceId));
  syncRows(byId('bridge-body'), bridged.map((device) => bridgeRow(device, app)));
  byId('bridge-empty').hidden = bridged.length > 0;
}

function clear() {
  loader.clear();
  devices = null;
}

/** The section as the dashboard shell sees it: its texts, the events that change it, load/render/clear. */
export const devicesSection = {
  name: 'devices',
  texts: TEXTS,
  events: ['PRINTER_STATUS', 'DEVICE_STATUS'],
  load: loader.load,
  render,
  clear
};
