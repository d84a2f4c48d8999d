// The 好差评上报 (provincial feed) section of the manager dashboard: every rating is handed to the
// provincial 好差评 platform from an outbox (GET /api/v1/provincial-feed). It shows whether a
// platform is configured, the backlog, and each record that failed, with its last error. Ratings
// reload it; so does a timer, as retries happen without events.
import { byId, showText } from '../common/hallq.js';
import { syncRows, whenText } from './rows.js';
import { createLoader } from './loader.js';

const TEXTS = {
  zh: {
    title: '好差评上报',
    loading: '正在加载上报情况…',
    failed: '暂时无法获取上报情况，稍后自动重试。',
    notConfigured: '未配置省级好差评平台地址：{pending} 条评价记录暂存于待发箱，配置后自动上报。',
    delivering: '上报至 {platform}：待发 {pending} 条（其中失败重试 {failing} 条），已送达 {acknowledged} 条。',
    oldest: '最早一条待发记录生成于 {at}。',
    allDelivered: '全部评价已送达。',
    failures: '上报失败的记录',
    none: '没有失败的记录。',
    col: { number: '号码', day: '办理日', attempts: '尝试次数', error: '最近错误', next: '下次重试' }
  },
  en: {
    title: 'Provincial rating feed',
    loading: 'Loading the feed…',
    failed: 'Cannot load the feed right now, retrying.',
    notConfigured: 'No provincial platform is configured: {pending} rating records wait in the outbox and will be sent once one is.',
    delivering: 'Sending to {platform}: {pending} waiting ({failing} of them failed and are retried), {acknowledged} delivered.',
    oldest: 'The oldest waiting record was made at {at}.',
    allDelivered: 'Every rating has been delivered.',
    failures: 'Records that failed',
    none: 'No record has failed.',
    col: { number: 'Number', day: 'Day', attempts: 'Attempts', error: 'Last error', next: 'Next try' }
  }
};

const REFRESH_MS = 15000;

let feed = null;
const loader = createLoader({
  fetch: (app) => app.authed('GET', '/api/v1/provincial-feed'),
  accept: (reply) => {
    if (reply.status !== 200 || !reply.body) return false;
    feed = reply.body;
    return true;
  },
  render,
  refreshMs: REFRESH_MS
});

function summaryText(app) {
  const counts = { pending: feed.pending, failing: feed.failing, acknowledged: feed.acknowledged, platform: feed.platform };
  const lines = [app.t(feed.configured ? 'feed.delivering' : 'feed.notConfigured', counts)];
  if (feed.pending > 0 && feed.oldestPendingAt) lines.push(app.t('feed.oldest', { at: whenText(feed.oldestPendingAt, app) }));
  else if (feed.configured) lines.push(app.t('feed.allDelivered'));
  return lines.join(' ');
}

function failureRow(failure, app) {
  return {
    id: 'feed-' + failure.recordId.replace(/[^A-Za-z0-9_-]/g, '_'),
    data: { attempts: String(failure.attempts) },
    cells: [
      { className: 'ticket-no', text: failure.number },
      { className: 'when', text: failure.serviceDay },
      { className: 'num', text: String(failure.attempts) },
      { className: 'note', text: failure.lastError || '' },
      { className: 'when', text: whenText(failure.nextAttemptAt, app) }
    ]
  };
}

function render(app) {
  showText('feed-error', loader.failed() ? app.t('feed.failed') : '');
  const summary = byId('feed-summary');
  if (!feed) {
    summary.textContent = loader.failed() ? '' : app.t('feed.loading');
    summary.dataset.state = 'unknown';
    syncRows(byId('feed-failures-body'), []);
    byId('feed-failures-none').hidden = true;
    return;
  }
  summary.textContent = summaryText(app);
  summary.dataset.state = !feed.configured || feed.failing > 0 ? 'warning' : 'ok';
  summary.dataset.pending = String(feed.pending);
  const failures = feed.failures || [];
  syncRows(byId('feed-failures-body'), failures.map((failure) => failureRow(failure, app)));
  byId('feed-failures-none').hidden = failures.length > 0;
}

function clear() {
  loader.clear();
  feed = null;
}

export const feedSection = {
  name: 'feed',
  texts: TEXTS,
  events: ['TICKET_RATED'],
  load: loader.load,
  render,
  clear
};
