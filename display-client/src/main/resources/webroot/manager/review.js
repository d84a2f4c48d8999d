// The review report (窗口评价报告) of a month or quarter: /manager/review.html?period=2026-11[&lang=en].
// A page a hall files: printed (the print stylesheet lays it out on A4; the browser's "save as PDF"
// makes the file) or downloaded as XLSX with the same figures. On screen, each 未达标项 has a form to
// record its root cause and corrective action (纠正措施). It uses the manager's session of this tab.
import { api, pickLang, translator, switchLang, fetchHall, byId, showText, element, localName, param, errorText } from '../common/hallq.js';
import { INDICATOR_NAMES, figure, targetFigure } from './indicators.js';

const TEXT = {
  zh: {
    htmlLang: 'zh-CN',
    toggle: 'English',
    back: '← 返回大厅管理',
    period: '期间',
    load: '查看',
    print: '打印 / 存为 PDF',
    xlsx: '下载 XLSX',
    signIn: '请先登录大厅管理。',
    signInLink: '前往登录',
    loading: '正在生成报告…',
    failed: '无法生成报告：{message}',
    title: '{hall} 窗口评价报告（{period}）',
    meta: '报告期间 {from} 至 {to}，统计至 {asOf}；对比上期 {previous}；生成时间 {generated}',
    hall: { title: '一、全厅 KPI', none: '本期间还没有设定 KPI 目标。' },
    windows: { title: '二、窗口评价' },
    missed: { title: '三、未达标项、原因分解与纠正措施', none: '本期没有未达标项。' },
    followUp: { title: '四、上期纠正措施成效', none: '上期没有记录纠正措施。' },
    consistency: { title: '五、服务一致性' },
    col: {
      indicator: '指标', target: '目标', actual: '本期', previous: '上期', moved: '变化', met: '达标', window: '窗口', rank: '综合排名',
      missed: '未达标项', lastTwice: '连续两期末位', finished: '办结', indicatorRank: '排名', rootCause: '根本原因', action: '纠正措施',
      owner: '责任人', due: '完成期限', service: '事项', clerks: '人员', handlingMedian: '办理时长中位数（秒）', cv: '变异系数',
      scoreMedian: '满意度中位数', outliers: '异常人员'
    },
    window: '{n}号窗口',
    wholeHall: '全厅',
    hourGroup: '{hour}时',
    moved: { BETTER: '改善', WORSE: '变差', SAME: '持平' },
    met: { true: '达标', false: '未达标' },
    yes: '是',
    no: '否',
    atLeast: '≥ {value}',
    atMost: '≤ {value}',
    figures: '目标 {target}　本期 {actual}　上期 {previous}　变化 {moved}',
    by: { hour: '按时段', service: '按事项', clerk: '按人员', counter: '按窗口' },
    group: '{group} {value}（{finished}件）',
    noAction: '尚未记录纠正措施。',
    actionLine: { rootCause: '根本原因：{text}', action: '纠正措施：{text}', owner: '责任人：{text}', dueDate: '完成期限：{text}' },
    form: { rootCause: '根本原因', action: '纠正措施', owner: '责任人', dueDate: '完成期限', save: '保存纠正措施', saved: '已保存。' },
    outlier: { SLOW: '{clerk} 偏慢', LOW_SCORE: '{clerk} 评分偏低' },
    sign: { by: '填报人：', checked: '审核人：', date: '日期：' }
  },
  en: {
    htmlLang: 'en',
    toggle: '中文',
    back: '← Back to hall management',
    period: 'Period',
    load: 'Show',
    print: 'Print / save as PDF',
    xlsx: 'Download XLSX',
    signIn: 'Sign in to hall management first.',
    signInLink: 'Sign in',
    loading: 'Preparing the report…',
    failed: 'Cannot prepare the report: {message}',
    title: '{hall} window review ({period})',
    meta: 'Period {from} to {to}, figures up to {asOf}; compared with {previous}; generated {generated}',
    hall: { title: '1. Hall KPIs', none: 'No KPI targets set for this period yet.' },
    windows: { title: '2. Windows' },
    missed: { title: '3. Missed targets, their causes and corrective actions', none: 'No target missed in this period.' },
    followUp: { title: '4. Last period\'s corrective actions: did they work?', none: 'No corrective action recorded last period.' },
    consistency: { title: '5. Consistency across clerks' },
    col: {
      indicator: 'Indicator', target: 'Target', actual: 'This period', previous: 'Previous', moved: 'Change', met: 'Met', window: 'Window',
      rank: 'Rank', missed: 'Missed', lastTwice: 'Last twice', finished: 'Finished', indicatorRank: 'Rank', rootCause: 'Root cause',
      action: 'Corrective action', owner: 'Owner', due: 'Due', service: 'Service', clerks: 'Clerks', handlingMedian: 'Median handling (s)',
      cv: 'CV', scoreMedian: 'Median score', outliers: 'Outliers'
    },
    window: 'Window {n}',
    wholeHall: 'Whole hall',
    hourGroup: '{hour}:00',
    moved: { BETTER: 'Better', WORSE: 'Worse', SAME: 'Same' },
    met: { true: 'Met', false: 'Not met' },
    yes: 'Yes',
    no: 'No',
    atLeast: '≥ {value}',
    atMost: '≤ {value}',
    figures: 'Target {target}  this period {actual}  previous {previous}  change {moved}',
    by: { hour: 'By hour', service: 'By service', clerk: 'By clerk', counter: 'By window' },
    group: '{group} {value} ({finished} finished)',
    noAction: 'No corrective action recorded yet.',
    actionLine: { rootCause: 'Root cause: {text}', action: 'Corrective action: {text}', owner: 'Owner: {text}', dueDate: 'Due: {text}' },
    form: { rootCause: 'Root cause', action: 'Corrective action', owner: 'Owner', dueDate: 'Due', save: 'Save corrective action', saved: 'Saved.' },
    outlier: { SLOW: '{clerk} slow', LOW_SCORE: '{clerk} low score' },
    sign: { by: 'Prepared by: ', checked: 'Checked by: ', date: 'Date: ' }
  }
};

const SESSION_KEY = 'hallq.manager.session';
const ACTION_FIELDS = ['rootCause', 'action', 'owner', 'dueDate'];

const state = { lang: pickLang(), t: null, hall: null, report: null, session: null, error: null };

function t(key, values) {
  return state.t(key, values);
}

function readSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    return session && session.token ? session : null;
  } catch (e) {
    return null;
  }
}

function lastMonth() {
  const now = new Date();
  const month = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return month.getFullYear() + '-' + String(month.getMonth() + 1).padStart(2, '0');
}

// ---- formatting: the workbook's cells, word for word ----

function windowName(counterNo) {
  return counterNo == null ? t('wholeHall') : t('window', { n: counterNo });
}

function indicatorName(indicator) {
  return INDICATOR_NAMES[state.lang][indicator] || indicator;
}

function target(item) {
  if (item.target == null) return '—';
  return t(item.higherIsBetter ? 'atLeast' : 'atMost', { value: targetFigure(item.indicator, item.target) });
}

function moved(item) {
  return item.moved ? t('moved.' + item.moved) : '—';
}

function met(value) {
  return value == null ? '—' : t('met.' + value);
}

function groupName(by, group) {
  if (by === 'hour') return t('hourGroup', { hour: group.key });
  if (by === 'counter') return windowName(Number(group.key));
  if (by === 'service') return group.name ? localName(group, state.lang) : group.key;
  return group.key;
}

function decimal(value) {
  return value == null ? '—' : Number(value).toFixed(2);
}

// ---- rendering ----

function row(cells) {
  const tr = element('tr', '');
  for (const cell of cells) {
    const td = element('td', cell.className || '', cell.text);
    tr.append(td);
  }
  return tr;
}

function renderHall(report) {
  byId('review-hall-body').replaceChildren(...report.hall.map((item) => row([
    { text: indicatorName(item.indicator) },
    { className: 'num', text: target(item) },
    { className: 'num', text: figure(item.indicator, item.actual) },
    { className: 'num', text: figure(item.indicator, item.previousActual) },
    { text: moved(item) },
    { className: item.met === false ? 'missed' : '', text: met(item.met) }
  ])));
  byId('review-no-targets').hidden = report.hall.length > 0;
}

function renderWindows(report) {
  const indicators = report.hall.map((item) => item.indicator);
  const head = ['window', 'rank', 'missed', 'lastTwice', 'finished'].map((key) => element('th', '', t('col.' + key)));
  for (const indicator of indicators) head.push(element('th', 'num', indicatorName(indicator)), element('th', 'num', t('col.indicatorRank')));
  byId('review-windows-head').replaceChildren(...head);
  byId('review-windows-body').replaceChildren(...report.windows.map((window) => {
    const cells = [
      { text: windowName(window.counterNo) },
      { className: 'num', text: window.rank },
      { className: 'num', text: window.missedCount },
      { text: t(window.lastTwice ? 'yes' : 'no'), className: window.lastTwice ? 'missed' : '' },
      { className: 'num', text: window.finished }
    ];
    for (const indicator of indicators) {
      const each = window.figures[indicator];
      cells.push({ className: 'num', text: figure(indicator, each.value) }, { className: 'num', text: each.rank == null ? '—' : each.rank });
    }
    const tr = row(cells);
    tr.id = 'review-window-' + window.counterNo;
    return tr;
  }));
}

function itemKey(item) {
  return (item.counterNo == null ? 'HALL' : item.counterNo) + '-' + item.indicator;
}

function missedItem(item, report) {
  const block = element('div', 'missed-item');
  block.id = 'missed-' + itemKey(item);
  block.append(element('h3', '', windowName(item.counterNo) + ' · ' + indicatorName(item.indicator)));
  block.append(element('p', 'figures', t('figures', {
    target: target(item), actual: figure(item.indicator, item.actual),
    previous: figure(item.indicator, item.previousActual), moved: moved(item)
  })));
  for (const dimension of item.breakdown) {
    const groups = dimension.groups.map((group) => t('group', {
      group: groupName(dimension.by, group), value: figure(item.indicator, group.value), finished: group.finished
    }));
    block.append(element('p', 'breakdown', t('by.' + dimension.by) + (state.lang === 'en' ? ': ' : '：') + groups.join(state.lang === 'en' ? '; ' : '；')));
  }
  const action = element('div', 'action');
  action.id = 'action-' + itemKey(item);
  if (item.action) {
    for (const field of ACTION_FIELDS) action.append(element('p', '', t('actionLine.' + field, { text: item.action[field] })));
  } else {
    action.append(element('p', 'muted', t('noAction')));
  }
  block.append(action, actionForm(item, report));
  return block;
}

/** The screen-only form that records (or replaces) the item's corrective action. */
function actionForm(item, report) {
  const key = itemKey(item);
  const form = element('form', 'action-form');
  form.id = 'action-form-' + key;
  form.noValidate = true;
  for (const field of ACTION_FIELDS) {
    const label = element('label', '', t('form.' + field));
    const input = element(field === 'rootCause' || field === 'action' ? 'textarea' : 'input', '');
    input.id = 'action-' + key + '-' + field;
    input.name = field;
    input.maxLength = field === 'owner' ? 100 : 1000;
    if (field === 'dueDate') input.type = 'date';
    input.value = item.action ? item.action[field] : '';
    label.htmlFor = input.id;
    form.append(label, input);
  }
  const save = element('button', 'primary', t('form.save'));
  save.type = 'submit';
  save.id = 'action-' + key + '-save';
  const message = element('p', 'message');
  message.id = 'action-' + key + '-message';
  message.setAttribute('role', 'status');
  form.append(save, message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    for (const field of ACTION_FIELDS) body[field] = form.elements[field].value.trim();
    save.disabled = true;
    const window = item.counterNo == null ? 'HALL' : String(item.counterNo);
    const reply = await authed('PUT', '/api/v1/kpi/corrective-actions/' + encodeURIComponent(report.period) + '/' + window + '/' + item.indicator, body);
    save.disabled = false;
    if (reply.status === 200) {
      await load();
    } else {
      message.textContent = errorText(reply, 'HTTP ' + reply.status);
    }
  });
  return form;
}

function renderMissed(report) {
  byId('review-missed').replaceChildren(...report.missed.map((item) => missedItem(item, report)));
  byId('review-no-missed').hidden = report.missed.length > 0;
}

function renderFollowUp(report) {
  byId('review-followup-body').replaceChildren(...report.followUp.map((item) => row([
    { text: windowName(item.counterNo) }, { text: indicatorName(item.indicator) }, { text: item.rootCause }, { text: item.action },
    { text: item.owner }, { text: item.dueDate },
    { className: 'num', text: figure(item.indicator, item.previousActual) }, { className: 'num', text: figure(item.indicator, item.actual) },
    { className: 'num', text: target(item) }, { text: moved(item) }, { className: item.met === false ? 'missed' : '', text: met(item.met) }
  ])));
  byId('review-no-followup').hidden = report.followUp.length > 0;
}

function renderConsistency(report) {
  byId('review-consistency-body').replaceChildren(...report.consistency.map((service) => row([
    { text: service.name ? localName(service, state.lang) : service.serviceCode },
    { className: 'num', text: service.clerks.length },
    { className: 'num', text: decimal(service.handling.median) }, { className: 'num', text: decimal(service.handling.p90) },
    { className: 'num', text: decimal(service.handling.cv) },
    { className: 'num', text: decimal(service.satisfaction.median) }, { className: 'num', text: decimal(service.satisfaction.p90) },
    { className: 'num', text: decimal(service.satisfaction.cv) },
    { text: service.outliers.map((o) => t('outlier.' + o.why, { clerk: o.clerk })).join(state.lang === 'en' ? ', ' : '、') }
  ])));
}

function renderHeading() {
  const report = state.report;
  if (!report) return;
  const hallName = state.hall ? localName(state.hall.hall, state.lang) : '';
  document.title = t('title', { hall: hallName, period: report.period }).trim();
  byId('review-title').textContent = document.title;
  const timeZone = state.hall ? state.hall.hall.timeZone : undefined;
  const generated = new Date(report.generatedAt).toLocaleString(state.lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone, hour12: false });
  byId('review-meta').textContent = t('meta', { ...report, generated });
}

/** Everything again (a new report, another language); what a manager is typing in a form is kept. */
function render() {
  document.documentElement.lang = t('htmlLang');
  byId('lang-toggle').textContent = t('toggle');
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  showText('review-error', state.error);
  byId('review-signin').hidden = !!state.session;
  const report = state.report;
  byId('review-report').hidden = !report;
  if (!report) return;
  const typed = [...document.querySelectorAll('.action-form input, .action-form textarea')].map((input) => [input.id, input.value]);
  renderHeading();
  renderHall(report);
  renderWindows(report);
  renderMissed(report);
  renderFollowUp(report);
  renderConsistency(report);
  for (const [id, value] of typed) if (byId(id)) byId(id).value = value;
}

// ---- data ----

async function authed(method, path, body) {
  const reply = await api(method, path, { token: state.session.token, body });
  if (reply.status === 401) {
    sessionStorage.removeItem(SESSION_KEY);
    state.session = null;
    state.report = null;
    render();
  }
  return reply;
}

function period() {
  return byId('review-period').value.trim();
}

async function load() {
  if (!state.session) return;
  const wanted = period();
  const params = new URLSearchParams(location.search);
  params.set('period', wanted);
  history.replaceState(null, '', location.pathname + '?' + params);
  showText('review-status', t('loading'));
  try {
    const reply = await authed('GET', '/api/v1/kpi/review?period=' + encodeURIComponent(wanted));
    state.error = reply.status === 200 ? null : t('failed', { message: errorText(reply, 'HTTP ' + reply.status) });
    state.report = reply.status === 200 ? reply.body : null;
    byId('review-missed').replaceChildren(); // a new report: its forms start from what is recorded
  } catch (e) {
    state.error = t('failed', { message: String(e) });
  }
  showText('review-status', '');
  render();
}

/** The workbook, fetched with the manager's token and handed to the browser as a download. */
async function downloadXlsx() {
  const response = await fetch('/api/v1/kpi/review?format=xlsx&period=' + encodeURIComponent(period()), {
    headers: { Authorization: 'Bearer ' + state.session.token }
  });
  if (!response.ok) {
    showText('review-error', t('failed', { message: 'HTTP ' + response.status }));
    return;
  }
  const link = element('a', '');
  link.href = URL.createObjectURL(await response.blob());
  link.download = 'hallq-review-' + period() + '.xlsx';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function start() {
  state.t = translator(TEXT, state.lang);
  state.session = readSession();
  byId('review-period').value = param('period') || lastMonth();
  byId('review-load').addEventListener('click', load);
  byId('review-period').addEventListener('change', load);
  byId('review-print').addEventListener('click', () => window.print());
  byId('review-xlsx').addEventListener('click', downloadXlsx);
  byId('lang-toggle').addEventListener('click', () => {
    state.lang = switchLang(state.lang);
    state.t = translator(TEXT, state.lang);
    render();
  });
  render();
  fetchHall((hall) => {
    state.hall = hall;
    renderHeading();
  }, () => {}, 5000);
  load();
}

start();
