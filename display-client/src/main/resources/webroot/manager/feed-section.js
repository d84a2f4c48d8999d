// The 好差评上报 (provincial feed) section of the manager dashboard: every rating is handed to the
// provincial 好差评 platform from an outbox (GET /api/v1/provincial-feed). It shows whether a
// platform is configured, the backlog, and each record that failed, with its last error. Ratings
// reload it; so does a timer, as retries happen without events.
import { whenText } from './rows.js';
import { createOutboxSection } from './outbox-section.js';

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

export const feedSection = createOutboxSection({
  name: 'feed', path: '/api/v1/provincial-feed', texts: TEXTS, events: ['TICKET_RATED'], failureRow
});
