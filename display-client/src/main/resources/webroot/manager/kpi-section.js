// The KPI 看板 section of the manager dashboard: the targets set for a period (GET /api/v1/kpi/board),
// each beside the period's actual figure so far, whether it is met, and the last six months; a small
// form sets a target (PUT /api/v1/kpi/targets/{period}, the period's whole set) and each row can be
// removed. Ratings and finished tickets reload it.
import { byId, showText } from '../common/hallq.js';
import { syncRows } from './rows.js';
import { createLoader } from './loader.js';

const TEXTS = {
  zh: {
    title: 'KPI 看板',
    period: '期间',
    asOf: '{from} 至 {to}，统计到 {asOf}',
    none: '本期间还没有设定目标。',
    failed: '暂时无法获取 KPI 看板，稍后自动重试。',
    saveFailed: '保存失败：{message}',
    col: { indicator: '指标', target: '目标', actual: '实际', met: '达标', trend: '近 6 个月' },
    met: { yes: '达标', no: '未达标', unknown: '—' },
    add: '设定目标',
    save: '保存目标',
    remove: '移除',
    atLeast: '≥ {value}',
    atMost: '≤ {value}',
    names: {
      activeRate: '主动评价率', unratedRate: '未评率', goodRate: '好评率', lowCount: '差评数', replyRate: '差评回复率',
      revisitRate: '回访整改率', revisitSatisfiedRate: '回访整改满意率', onTimeRate: '按期整改率', overdueCases: '逾期整改数',
      reopenRate: '重开率', weightedScore: '加权满意度', csat: 'CSAT（平均分）', withinTargetWaitRate: '等候达标率',
      withinStandardTimeRate: '办理达标率', onceDoneRate: '一次办成率', nps: '净推荐值（NPS）'
    }
  },
  en: {
    title: 'KPI board',
    period: 'Period',
    asOf: '{from} to {to}, figures up to {asOf}',
    none: 'No targets set for this period yet.',
    failed: 'Cannot load the KPI board right now, retrying.',
    saveFailed: 'Could not save: {message}',
    col: { indicator: 'Indicator', target: 'Target', actual: 'Actual', met: 'Met', trend: 'Last 6 months' },
    met: { yes: 'Met', no: 'Not met', unknown: '—' },
    add: 'Set a target',
    save: 'Save target',
    remove: 'Remove',
    atLeast: '≥ {value}',
    atMost: '≤ {value}',
    names: {
      activeRate: 'Rated by citizens', unratedRate: 'Not rated', goodRate: 'Good ratings', lowCount: 'Poor ratings',
      replyRate: 'Poor ratings answered', revisitRate: 'Poor ratings revisited', revisitSatisfiedRate: 'Satisfied on revisit',
      onTimeRate: 'Follow-ups on time', overdueCases: 'Follow-ups overdue', reopenRate: 'Follow-ups reopened',
      weightedScore: 'Weighted satisfaction', csat: 'CSAT (mean score)', withinTargetWaitRate: 'Within target wait',
      withinStandardTimeRate: 'Within standard time', onceDoneRate: 'Done in one visit', nps: 'Net Promoter Score (NPS)'
    }
  }
};

/** Indicators shown and entered as percentages; the API takes them as fractions. */
const SHARES = ['activeRate', 'unratedRate', 'goodRate', 'replyRate', 'revisitRate', 'revisitSatisfiedRate', 'onTimeRate',
  'reopenRate', 'withinTargetWaitRate', 'withinStandardTimeRate', 'onceDoneRate'];

let board = null;
let saveError = null;
let saving = false;

function currentQuarter() {
  const now = new Date();
  return now.getFullYear() + '-Q' + (Math.floor(now.getMonth() / 3) + 1);
}

function period() {
  const input = byId('kpi-period');
  if (!input.value) input.value = currentQuarter();
  return input.value.trim();
}

const loader = createLoader({
  fetch: (app) => app.authed('GET', '/api/v1/kpi/board?period=' + encodeURIComponent(period())),
  accept: (reply) => {
    if (reply.status !== 200 || !reply.body) return false;
    board = reply.body;
    return true;
  },
  render
});

function shown(indicator, value) {
  if (value == null) return '—';
  if (SHARES.includes(indicator)) return (value * 100).toFixed(1) + '%';
  return Number.isInteger(value) ? String(value) : Number(value).toFixed(2);
}

function nameOf(indicator, app) {
  const name = app.t('kpi.names.' + indicator);
  return name === 'kpi.names.' + indicator ? indicator : name;
}

function row(item, app) {
  const met = item.met == null ? 'unknown' : item.met ? 'yes' : 'no';
  const target = app.t(item.higherIsBetter ? 'kpi.atLeast' : 'kpi.atMost', { value: shown(item.indicator, item.target) });
  return {
    id: 'kpi-' + item.indicator,
    data: { met },
    cells: [
      { className: 'name', text: nameOf(item.indicator, app) },
      { className: 'num', text: target },
      { className: 'num', text: shown(item.indicator, item.actual) },
      { className: 'state', text: app.t('kpi.met.' + met), level: met === 'yes' ? 'ok' : met === 'no' ? 'problem' : 'unknown' },
      { className: 'note', text: item.trend.map((point) => point.month.slice(5) + ' ' + shown(item.indicator, point.value)).join(' · ') },
      { button: { id: 'kpi-remove-' + item.indicator, label: app.t('kpi.remove'), disabled: saving, onClick: () => remove(item.indicator, app) } }
    ]
  };
}

function render(app) {
  showText('kpi-error', loader.failed() ? app.t('kpi.failed') : saveError ? app.t('kpi.saveFailed', { message: saveError }) : '');
  const select = byId('kpi-indicator');
  if (board && select.options.length !== board.indicators.length) {
    select.replaceChildren(...board.indicators.map((indicator) => new Option(nameOf(indicator, app), indicator)));
  }
  for (const option of select.options) option.textContent = nameOf(option.value, app);
  byId('kpi-save').disabled = saving || !board;
  if (!board) {
    syncRows(byId('kpi-body'), []);
    return;
  }
  byId('kpi-as-of').textContent = app.t('kpi.asOf', board);
  syncRows(byId('kpi-body'), board.rows.map((item) => row(item, app)));
  byId('kpi-none').hidden = board.rows.length > 0;
}

/** The period's targets as the API takes them, with one changed or left out. */
function targetsWith(change) {
  const targets = {};
  for (const item of board ? board.rows : []) targets[item.indicator] = item.target;
  change(targets);
  return targets;
}

async function put(targets, app) {
  saving = true;
  render(app);
  try {
    const reply = await app.authed('PUT', '/api/v1/kpi/targets/' + encodeURIComponent(period()), { targets });
    saveError = reply.status === 200 ? null : (reply.body && reply.body.error ? reply.body.error.message : 'HTTP ' + reply.status);
    if (reply.status === 200) board = reply.body;
  } catch (e) {
    saveError = String(e);
  } finally {
    saving = false;
  }
  render(app);
}

function save(app) {
  const indicator = byId('kpi-indicator').value;
  const entered = Number(byId('kpi-target').value);
  const value = SHARES.includes(indicator) ? entered / 100 : entered;
  return put(targetsWith((targets) => { targets[indicator] = value; }), app);
}

function remove(indicator, app) {
  return put(targetsWith((targets) => { delete targets[indicator]; }), app);
}

let wired = false;

function load(app) {
  if (!wired) {
    wired = true;
    byId('kpi-form').addEventListener('submit', (event) => {
      event.preventDefault();
      save(app);
    });
    byId('kpi-period').addEventListener('change', () => loader.load(app));
  }
  return loader.load(app);
}

function clear() {
  loader.clear();
  board = null;
  saveError = null;
}

export const kpiSection = {
  name: 'kpi',
  texts: TEXTS,
  events: ['TICKET_RATED', 'SERVICE_FINISHED'],
  load,
  render,
  clear
};
