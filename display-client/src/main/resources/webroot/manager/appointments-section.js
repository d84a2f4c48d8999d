// The 预约 (appointments) section of the manager dashboard: a day's bookings (GET /api/v1/appointments?date=),
// by service and slot, with the citizen's name, ID number and phone masked as the server sends them, and
// their status (booked, checked in, late, missed, cancelled); 导出 CSV saves that same masked list. The day
// starts as the hall's service day; the shell reloads the section when someone checks in.
import { byId, showText, localName } from '../common/hallq.js';
import { syncRows } from './rows.js';
import { createLoader } from './loader.js';

const TEXTS = {
  zh: {
    title: '预约',
    date: '日期',
    export: '导出 CSV',
    loading: '正在加载预约…',
    failed: '暂时无法获取预约，稍后自动重试。',
    summary: '{date}：共 {n} 个预约，已签到 {in} 个，爽约 {missed} 个，取消 {cancelled} 个。',
    status: { BOOKED: '待签到', CHECKED_IN: '已签到', LATE: '迟到（普通号）', NO_SHOW: '爽约', CANCELLED: '已取消' },
    col: { slot: '时段', service: '业务', code: '预约码', name: '姓名', idNumber: '身份证号', phone: '手机号', matter: '事项', status: '状态' }
  },
  en: {
    title: 'Appointments',
    date: 'Day',
    export: 'Export CSV',
    loading: 'Loading the appointments…',
    failed: 'Cannot load the appointments right now, retrying.',
    summary: '{date}: {n} appointments, {in} checked in, {missed} missed, {cancelled} cancelled.',
    status: { BOOKED: 'Booked', CHECKED_IN: 'Checked in', LATE: 'Late (walk-in)', NO_SHOW: 'Missed', CANCELLED: 'Cancelled' },
    col: { slot: 'Time', service: 'Service', code: 'Code', name: 'Name', idNumber: 'ID number', phone: 'Phone', matter: 'Matter', status: 'Status' }
  }
};

let day = null; // the date shown
let list = null; // its appointments, masked

const loader = createLoader({
  fetch: async (app) => {
    if (!day) {
      const queue = await app.authed('GET', '/api/v1/queue');
      if (queue.status !== 200 || !queue.body || !queue.body.serviceDay) return [queue];
      day = queue.body.serviceDay;
    }
    return app.authed('GET', '/api/v1/appointments?date=' + encodeURIComponent(day));
  },
  accept: (reply) => {
    if (Array.isArray(reply) || reply.status !== 200 || !reply.body || !Array.isArray(reply.body.appointments)) return false;
    list = reply.body.appointments;
    return true;
  },
  render,
  refreshMs: 60000
});

function serviceName(code, app) {
  const service = app.hall && app.hall.serviceTypes ? app.hall.serviceTypes.find((s) => s.code === code) : null;
  return service ? localName(service, app.lang) : code;
}

/** The columns, the same on screen and in the export. */
function cells(a, app) {
  return [a.slot + '–' + a.slotEnd, serviceName(a.serviceCode, app), a.code, a.name, a.idNumber, a.phone, a.matter || '',
    app.t('appointments.status.' + a.status)];
}

function render(app) {
  const input = byId('appointments-date');
  if (day && input.value !== day && document.activeElement !== input) input.value = day;
  showText('appointments-error', loader.failed() ? app.t('appointments.failed') : '');
  const count = (status) => (list || []).filter((a) => a.status === status).length;
  byId('appointments-summary').textContent = list
    ? app.t('appointments.summary', { date: day, n: list.length, in: count('CHECKED_IN') + count('LATE'), missed: count('NO_SHOW') + count('LATE'),
      cancelled: count('CANCELLED') })
    : (loader.failed() ? '' : app.t('appointments.loading'));
  syncRows(byId('appointments-body'), (list || []).map((a) => ({
    id: 'appointment-' + a.code,
    data: { status: a.status },
    cells: cells(a, app).map((text, i) => ({ className: i === 2 || i === 4 || i === 5 ? 'num' : '', text }))
  })));
}

function csvField(text) {
  return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** The list as shown (masked), as a CSV file with a BOM so spreadsheet programs read the Chinese right. */
function exportCsv(app) {
  if (!list) return;
  const header = ['slot', 'service', 'code', 'name', 'idNumber', 'phone', 'matter', 'status'].map((k) => app.t('appointments.col.' + k));
  const lines = [header, ...list.map((a) => cells(a, app))].map((row) => row.map(csvField).join(','));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }));
  link.download = 'appointments-' + day + '.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

let wired = false;

function load(app) {
  if (!wired) {
    wired = true;
    byId('appointments-date').addEventListener('change', (changed) => {
      if (!changed.target.value) return;
      day = changed.target.value;
      list = null;
      loader.load(app);
    });
    byId('appointments-export').addEventListener('click', () => exportCsv(app));
  }
  return loader.load(app);
}

function clear() {
  loader.clear();
  day = null;
  list = null;
}

export const appointmentsSection = {
  name: 'appointments',
  texts: TEXTS,
  events: ['APPOINTMENT_CHECKED_IN'],
  load,
  render,
  clear
};
