// The 差评台账 (follow-up ledger) section of the manager dashboard: every 差评 case from
// GET /api/v1/follow-ups, open ones first, with what each step found and decided; choosing a case
// shows who did what when and the form for its next action (ledger-form.js). New ratings and every
// action reload it. Cases carry no personal data of the citizen, and none is shown.
import { byId, showText } from '../common/hallq.js';
import { syncRows, whenText, serviceName } from './rows.js';
import { createLoader } from './loader.js';
import { renderForm, wireForm, selectCase, clearForm } from './ledger-form.js';

const TEXTS = {
  zh: {
    title: '差评台账',
    intro: '每条差评（2 分、1 分）开启一件整改案件：核实 → 整改 → 反馈 → 回访。',
    loading: '正在加载差评台账…',
    failed: '暂时无法获取差评台账，稍后自动重试。',
    openCount: '未办结 {n}',
    empty: '近 31 天没有差评案件。',
    emptyOpen: '没有未办结的差评案件。',
    filter: { label: '显示', open: '未办结', all: '全部（含近 31 天已办结）' },
    col: {
      number: '号码', service: '业务', counter: '窗口', clerk: '工作人员', score: '评价', opened: '开启时间', deadline: '整改期限',
      step: '当前环节', finding: '核实结论', plan: '整改方案（责任人、期限）', reply: '回复群众', revisit: '回访结果', reopened: '重开次数',
      action: '操作'
    },
    step: { VERIFY: '待核实', RECTIFY: '待整改', FEEDBACK: '待反馈', REVISIT: '待回访', CLOSED: '已办结' },
    appeal: { PENDING: '申诉待复核', UPHELD: '申诉成立', REJECTED: '申诉驳回' },
    withAppeal: '{step}（{appeal}）',
    finding: { TRUE: '属实', REASONABLE: '合理', MALICIOUS: '恶意' },
    score: { 1: '1 非常不满意', 2: '2 不满意' },
    counter: '{n} 号窗口',
    overdue: '{date} 已逾期',
    plan: '{plan}（{owner}，{due} 前完成）',
    atOnce: '立行立改',
    revisit: { unreached: '未联系上', reached: '已联系上', satisfied: '满意', unsatisfied: '不满意' },
    open: '处理',
    view: '查看',
    detail: '案件 {number} · {service} · {counter} · {step}',
    comment: '管理员意见：{text}',
    reopenReason: '重开原因：{text}',
    history: { at: '时间', by: '操作人', action: '操作', note: '说明', none: '还没有处理记录。' },
    action: {
      VERIFIED: '核实', PLANNED: '制定整改方案', RECTIFIED: '整改完成', RECTIFIED_AT_ONCE: '立行立改（当即办结）', FED_BACK: '反馈群众',
      REVISITED: '回访', COMMENTED: '填写管理意见', CLOSED_BY_MANAGER: '管理员关闭', REOPENED: '重开', APPEALED: '申诉',
      APPEAL_UPHELD: '复核：申诉成立', APPEAL_REJECTED: '复核：驳回申诉'
    },
    form: {
      action: '操作', finding: '核实结论', plan: '整改方案', owner: '责任人', dueDate: '整改期限', reached: '是否联系上群众',
      satisfied: '群众对整改是否满意', choose: '请选择', yes: '是', no: '否', note: '说明（可不填）', noteRequired: '说明（必填）',
      reply: '回复群众的内容', submit: '提交', saving: '正在提交…', saved: '已记录：{action}。', failed: '未能记录：{message}',
      none: '本案没有可执行的操作。'
    }
  },
  en: {
    title: 'Follow-up ledger',
    intro: 'Every low rating (2 or 1) opens a case: verify → rectify → reply → revisit.',
    loading: 'Loading the ledger…',
    failed: 'Cannot load the ledger right now, retrying.',
    openCount: '{n} open',
    empty: 'No low-rating case in the last 31 days.',
    emptyOpen: 'No open case.',
    filter: { label: 'Show', open: 'Open', all: 'All (with those closed in the last 31 days)' },
    col: {
      number: 'Number', service: 'Service', counter: 'Window', clerk: 'Clerk', score: 'Rating', opened: 'Opened', deadline: 'Due',
      step: 'Step', finding: 'Finding', plan: 'Plan (owner, due)', reply: 'Reply', revisit: 'Revisit', reopened: 'Reopened',
      action: ''
    },
    step: { VERIFY: 'To verify', RECTIFY: 'To rectify', FEEDBACK: 'To reply', REVISIT: 'To revisit', CLOSED: 'Closed' },
    appeal: { PENDING: 'appeal pending', UPHELD: 'appeal upheld', REJECTED: 'appeal rejected' },
    withAppeal: '{step} ({appeal})',
    finding: { TRUE: 'True', REASONABLE: 'Reasonable', MALICIOUS: 'Malicious' },
    score: { 1: '1 Very dissatisfied', 2: '2 Dissatisfied' },
    counter: 'Window {n}',
    overdue: '{date} overdue',
    plan: '{plan} ({owner}, by {due})',
    atOnce: 'Rectified at once',
    revisit: { unreached: 'Not reached', reached: 'Reached', satisfied: 'Satisfied', unsatisfied: 'Not satisfied' },
    open: 'Handle',
    view: 'View',
    detail: 'Case {number} · {service} · {counter} · {step}',
    comment: 'Manager\'s comment: {text}',
    reopenReason: 'Reopened because: {text}',
    history: { at: 'When', by: 'By', action: 'Action', note: 'Note', none: 'Nothing done yet.' },
    action: {
      VERIFIED: 'Verify', PLANNED: 'Plan the rectification', RECTIFIED: 'Rectified', RECTIFIED_AT_ONCE: 'Rectified at once (closes)',
      FED_BACK: 'Reply to the citizen', REVISITED: 'Revisit', COMMENTED: 'Comment', CLOSED_BY_MANAGER: 'Close', REOPENED: 'Reopen',
      APPEALED: 'Appeal', APPEAL_UPHELD: 'Review: uphold the appeal', APPEAL_REJECTED: 'Review: reject the appeal'
    },
    form: {
      action: 'Action', finding: 'Finding', plan: 'Plan', owner: 'Owner', dueDate: 'Due date', reached: 'Citizen reached?',
      satisfied: 'Satisfied with the rectification?', choose: 'Choose', yes: 'Yes', no: 'No', note: 'Note (optional)',
      noteRequired: 'Note (required)', reply: 'Reply to the citizen', submit: 'Submit', saving: 'Submitting…', saved: 'Recorded: {action}.',
      failed: 'Not recorded: {message}', none: 'Nothing can be done to this case.'
    }
  }
};

/** Deadlines turn overdue at midnight without any event: a slow timer keeps the marks true. */
const REFRESH_MS = 60000;

let cases = null;
let selectedId = null;
let wired = false;
const loader = createLoader({
  fetch: (app) => app.authed('GET', '/api/v1/follow-ups'),
  accept: (reply) => {
    if (reply.status !== 200 || !reply.body) return false;
    cases = reply.body.cases || [];
    return true;
  },
  render,
  refreshMs: REFRESH_MS
});

const isOpen = (c) => c.step !== 'CLOSED';

/** Open cases first, soonest deadline first; then the closed ones, last closed first. */
function byUrgency(a, b) {
  if (isOpen(a) !== isOpen(b)) return isOpen(a) ? -1 : 1;
  if (!isOpen(a)) return String(b.closedAt).localeCompare(String(a.closedAt));
  return a.deadline.localeCompare(b.deadline) || a.id - b.id;
}

function shownCases() {
  const filter = byId('ledger-filter-open').checked ? 'open' : 'all';
  return (cases || []).filter((c) => filter === 'all' || isOpen(c)).sort(byUrgency);
}

function stepText(c, app) {
  const step = app.t('ledger.step.' + c.step);
  return c.appeal && c.appeal !== 'NONE' ? app.t('ledger.withAppeal', { step, appeal: app.t('ledger.appeal.' + c.appeal) }) : step;
}

function planText(ledger, app) {
  if (ledger.plan) return app.t('ledger.plan', { plan: ledger.plan, owner: ledger.owner, due: ledger.planDue });
  return ledger.rectifiedAtOnce ? app.t('ledger.atOnce') : '';
}

function revisitText(ledger, app) {
  if (ledger.reached == null) return '';
  if (!ledger.reached) return app.t('ledger.revisit.unreached');
  if (ledger.satisfied == null) return app.t('ledger.revisit.reached');
  return app.t(ledger.satisfied ? 'ledger.revisit.satisfied' : 'ledger.revisit.unsatisfied');
}

function counterText(c, app) {
  return c.counterNo == null ? '—' : app.t('ledger.counter', { n: c.counterNo });
}

function caseRow(c, app) {
  const ledger = c.ledger || {};
  return {
    id: 'ledger-case-' + c.id,
    className: isOpen(c) ? '' : 'closed',
    data: { step: c.step, overdue: String(!!c.overdue), selected: String(c.id === selectedId) },
    cells: [
      { className: 'ticket-no', text: c.number },
      { className: 'service', text: serviceName(c.serviceCode, app) },
      { className: 'counter', text: counterText(c, app) },
      { className: 'clerk', text: c.clerk || '—' },
      { className: 'score', text: app.t('ledger.score.' + c.score) },
      { className: 'when', text: whenText(c.openedAt, app) },
      { className: 'deadline', text: c.overdue ? app.t('ledger.overdue', { date: c.deadline }) : c.deadline },
      { className: 'state step', text: stepText(c, app) },
      { className: 'finding', text: ledger.finding ? app.t('ledger.finding.' + ledger.finding) : '' },
      { className: 'plan', text: planText(ledger, app) },
      { className: 'reply', text: ledger.reply || '' },
      { className: 'revisit', text: revisitText(ledger, app) },
      { className: 'num reopened', text: String(c.reopened || 0) },
      {
        className: 'action',
        button: { id: 'ledger-select-' + c.id, label: app.t(isOpen(c) ? 'ledger.open' : 'ledger.view'), onClick: () => choose(c.id, app) }
      }
    ]
  };
}

function historyNote(action, app) {
  const parts = [];
  if (action.note) parts.push(action.note);
  if (action.satisfied != null) parts.push(app.t(action.satisfied ? 'ledger.revisit.satisfied' : 'ledger.revisit.unsatisfied'));
  return parts.join(' · ');
}

function historyRows(c, app) {
  const actions = c.actions || [];
  if (actions.length === 0) return [{ id: 'ledger-history-none', cells: [{ className: 'muted', text: app.t('ledger.history.none'), span: 4 }] }];
  return actions.map((action, i) => ({
    id: 'ledger-history-' + i,
    data: { action: action.action },
    cells: [
      { className: 'when', text: whenText(action.at, app) },
      { className: 'by', text: action.by || '—' },
      { className: 'action-name', text: app.t('ledger.action.' + action.action) },
      { className: 'note', text: historyNote(action, app) }
    ]
  }));
}

function renderDetail(c, app) {
  byId('ledger-detail').hidden = !c;
  if (!c) {
    syncRows(byId('ledger-history-body'), []);
    return;
  }
  byId('ledger-detail-title').textContent = app.t('ledger.detail', {
    number: c.number, service: serviceName(c.serviceCode, app), counter: counterText(c, app), step: stepText(c, app)
  });
  const ledger = c.ledger || {};
  const notes = [];
  if (ledger.managerComment) notes.push(app.t('ledger.comment', { text: ledger.managerComment }));
  if (ledger.reopenReason) notes.push(app.t('ledger.reopenReason', { text: ledger.reopenReason }));
  showText('ledger-detail-notes', notes.join(' '));
  syncRows(byId('ledger-history-body'), historyRows(c, app));
}

function render(app) {
  wire(app);
  const failed = loader.failed();
  showText('ledger-error', failed ? app.t('ledger.failed') : '');
  const shown = shownCases();
  const open = (cases || []).filter(isOpen).length;
  showText('ledger-open-count', cases ? app.t('ledger.openCount', { n: open }) : '');
  let status = '';
  if (!cases) status = failed ? '' : app.t('ledger.loading');
  else if (shown.length === 0) status = app.t(byId('ledger-filter-open').checked ? 'ledger.emptyOpen' : 'ledger.empty');
  showText('ledger-status', status);
  syncRows(byId('ledger-body'), shown.map((c) => caseRow(c, app)));
  const selected = (cases || []).find((c) => c.id === selectedId) || null;
  renderDetail(selected, app);
  renderForm(app, selected);
}

function choose(id, app) {
  selectedId = id;
  selectCase(id);
  render(app);
  byId('ledger-detail').scrollIntoView({ block: 'nearest' });
}

/** The case as the server answered it, until the reload brings its actions too. */
function saved(updated, app) {
  cases = (cases || []).map((c) => (c.id === updated.id ? { ...c, ...updated } : c));
  render(app);
  loader.load(app);
}

function wire(app) {
  if (wired) return;
  wired = true;
  for (const id of ['ledger-filter-open', 'ledger-filter-all']) byId(id).addEventListener('change', () => render(app));
  wireForm(app, { onChange: () => render(app), onSaved: (updated) => saved(updated, app) });
}

function clear() {
  loader.clear();
  cases = null;
  selectedId = null;
  clearForm();
}

export const ledgerSection = {
  name: 'ledger',
  texts: TEXTS,
  events: ['TICKET_RATED', 'FOLLOW_UP_CHANGED'],
  load: loader.load,
  render,
  clear
};
