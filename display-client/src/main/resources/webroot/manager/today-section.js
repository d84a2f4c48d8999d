// The 今日统计 (today) section of the manager dashboard: each counter's figures for the hall's service
// day and two charts by hour of issue (arrivals as bars, average wait as a line), all from
// GET /api/v1/reports. The service day is the server's own (serviceDay of GET /api/v1/queue), so the
// page never guesses "today" from the browser's clock or zone. The shell reloads the section on
// ticket and service events; it also reloads itself every minute. ECharts comes from the WebJar the
// page loads as a classic script (window.echarts); without it the table still shows.
import { byId, showText } from '../common/hallq.js';
import { syncRows, minutesSeconds, percent } from './rows.js';
import { createLoader } from './loader.js';

const TEXTS = {
  zh: {
    title: '今日统计',
    day: '服务日 {day}，每分钟更新',
    loading: '正在加载今日统计…',
    failed: '暂时无法获取今日统计，稍后自动重试。',
    counters: {
      title: '各窗口今日办理',
      counter: '窗口',
      served: '办结',
      noShow: '过号',
      wait: '平均等候',
      service: '平均办理',
      satisfaction: '满意率',
      name: '{n} 号窗口',
      uncalled: '尚未叫号',
      none: '今日还没有叫号。'
    },
    chart: {
      title: '各时段取号与等候',
      issued: '取号人数',
      wait: '平均等候（分钟）',
      hour: '{h} 时',
      people: '人',
      minutes: '分钟',
      none: '今日还没有取号。',
      unavailable: '图表组件未能加载。'
    }
  },
  en: {
    title: 'Today',
    day: 'Service day {day}, updated every minute',
    loading: 'Loading today’s figures…',
    failed: 'Cannot load today’s figures right now, retrying.',
    counters: {
      title: 'Counters today',
      counter: 'Counter',
      served: 'Served',
      noShow: 'No-shows',
      wait: 'Average wait',
      service: 'Average handling',
      satisfaction: 'Satisfaction',
      name: 'Counter {n}',
      uncalled: 'Not called yet',
      none: 'Nobody has been called today.'
    },
    chart: {
      title: 'Arrivals and waits by hour',
      issued: 'Tickets issued',
      wait: 'Average wait (min)',
      hour: '{h}:00',
      people: 'people',
      minutes: 'min',
      none: 'No ticket has been issued today.',
      unavailable: 'The chart library did not load.'
    }
  }
};

/** Counter rows carry the counter number as their key; tickets never called are grouped under '-'. */
const UNCALLED = '-';

let today = null;
let chart = null;

const loader = createLoader({
  fetch: async (app) => {
    const queue = await app.authed('GET', '/api/v1/queue');
    if (queue.status !== 200 || !queue.body || !queue.body.serviceDay) return [queue];
    const day = encodeURIComponent(queue.body.serviceDay);
    const report = (by) => app.authed('GET', '/api/v1/reports?from=' + day + '&to=' + day + '&by=' + by);
    return [queue, ...await Promise.all([report('counter'), report('hour')])];
  },
  accept: (replies) => {
    const [queue, byCounter, byHour] = replies;
    const ok = (reply) => reply && reply.status === 200 && reply.body && Array.isArray(reply.body.rows);
    if (!ok(byCounter) || !ok(byHour)) return false;
    today = { day: queue.body.serviceDay, counters: byCounter.body.rows, hours: byHour.body.rows };
    return true;
  },
  render,
  refreshMs: 60000
});

function counterOrder(a, b) {
  if (a.key === UNCALLED || b.key === UNCALLED) return (a.key === UNCALLED) - (b.key === UNCALLED);
  return Number(a.key) - Number(b.key);
}

function counterRow(row, app) {
  const uncalled = row.key === UNCALLED;
  return {
    id: 'today-counter-' + (uncalled ? 'uncalled' : row.key),
    data: { counter: row.key, served: String(row.served) },
    className: uncalled ? 'uncalled' : '',
    cells: [
      { className: 'counter', text: uncalled ? app.t('today.counters.uncalled') : app.t('today.counters.name', { n: row.key }) },
      { className: 'served num', text: String(row.served) },
      { className: 'no-show num', text: String(row.noShow) },
      { className: 'wait num', text: minutesSeconds(row.avgWaitSeconds) },
      { className: 'service num', text: minutesSeconds(row.avgServiceSeconds) },
      { className: 'satisfaction num', text: percent(row.satisfactionPercent) }
    ]
  };
}

/** Every hour from the first to the last with tickets, so a quiet hour shows as a gap rather than vanishing. */
function hourSeries(rows) {
  const byHour = new Map(rows.map((row) => [Number(row.key), row]));
  const hours = [...byHour.keys()].filter((h) => !isNaN(h));
  if (hours.length === 0) return [];
  const series = [];
  for (let h = Math.min(...hours); h <= Math.max(...hours); h++) {
    const row = byHour.get(h);
    series.push({
      hour: h,
      issued: row ? row.issued : 0,
      waitMinutes: row && row.avgWaitSeconds != null ? Math.round(row.avgWaitSeconds / 6) / 10 : null
    });
  }
  return series;
}

function chartOption(series, app) {
  const issued = app.t('today.chart.issued');
  const wait = app.t('today.chart.wait');
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [issued, wait] },
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: series.map((s) => app.t('today.chart.hour', { h: String(s.hour).padStart(2, '0') })) },
    yAxis: [
      { type: 'value', name: app.t('today.chart.people'), minInterval: 1 },
      { type: 'value', name: app.t('today.chart.minutes'), min: 0 }
    ],
    series: [
      { id: 'issued', name: issued, type: 'bar', barMaxWidth: 48, data: series.map((s) => s.issued), itemStyle: { color: '#3b6fb6' } },
      { id: 'wait', name: wait, type: 'line', yAxisIndex: 1, connectNulls: true, data: series.map((s) => s.waitMinutes), itemStyle: { color: '#c0392b' } }
    ]
  };
}

function renderChart(app) {
  const box = byId('today-chart');
  const series = today ? hourSeries(today.hours) : [];
  const status = byId('today-chart-status');
  if (typeof window.echarts === 'undefined') {
    box.hidden = true;
    status.textContent = today ? app.t('today.chart.unavailable') : '';
  } else {
    box.hidden = series.length === 0;
    status.textContent = today && series.length === 0 ? app.t('today.chart.none') : '';
  }
  status.hidden = !status.textContent;
  if (box.hidden) return;
  if (!chart) {
    chart = window.echarts.init(box);
    window.addEventListener('resize', () => chart && chart.resize());
  }
  chart.resize();
  chart.setOption(chartOption(series, app), { notMerge: true });
}

function render(app) {
  const failed = loader.failed();
  showText('today-error', failed ? app.t('today.failed') : '');
  const day = byId('today-day');
  day.textContent = today ? app.t('today.day', { day: today.day }) : failed ? '' : app.t('today.loading');
  day.hidden = !day.textContent;
  const body = byId('today-counters-body');
  if (!today) {
    syncRows(body, []);
  } else {
    const rows = [...today.counters].sort(counterOrder).map((row) => counterRow(row, app));
    syncRows(body, rows.length ? rows : [{ id: 'today-counters-none', cells: [{ className: 'muted', text: app.t('today.counters.none'), span: 6 }] }]);
  }
  renderChart(app);
}

function clear() {
  loader.clear();
  today = null;
  if (chart) chart.clear();
}

/** The section as the dashboard shell sees it: its texts, the events that change it, load/render/clear. */
export const todaySection = {
  name: 'today',
  texts: TEXTS,
  events: ['TICKET_ISSUED', 'TICKET_CALLED', 'TICKET_RECALLED', 'TICKET_NO_SHOW', 'TICKET_REQUEUED', 'TICKET_PARKED', 'TICKET_TRANSFERRED',
    'TICKET_CANCELLED', 'TICKET_RATED', 'SERVICE_STARTED', 'SERVICE_FINISHED'],
  load: loader.load,
  render,
  clear
};
