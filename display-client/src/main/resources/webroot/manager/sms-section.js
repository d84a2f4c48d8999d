// The 短信提醒 section of the manager dashboard: near-call and called reminders go to the SMS gateway
// from an outbox (GET /api/v1/sms). It shows whether a gateway is configured, the backlog, and each
// message that failed with its last error; numbers only ever appear masked (138****5678). Calls
// reload it; so does a timer, as retries happen without events.
import { whenText } from './rows.js';
import { createOutboxSection } from './outbox-section.js';

const TEXTS = {
  zh: {
    title: '短信提醒',
    loading: '正在加载短信发送情况…',
    failed: '暂时无法获取短信发送情况，稍后自动重试。',
    notConfigured: '未配置短信网关：{pending} 条短信暂存于待发箱，配置后自动发送。',
    delivering: '发送至 {gateway}：待发 {pending} 条（其中失败重试 {failing} 条），已送达 {acknowledged} 条。',
    oldest: '最早一条待发短信生成于 {at}。',
    allDelivered: '全部短信已送达网关。',
    failures: '发送失败的短信',
    none: '没有失败的短信。',
    kind: { NEAR: '临近提醒', CALLED: '叫号提醒' },
    col: { number: '号码', kind: '类型', mobile: '手机号', attempts: '尝试次数', error: '最近错误', next: '下次重试' }
  },
  en: {
    title: 'SMS reminders',
    loading: 'Loading the SMS outbox…',
    failed: 'Cannot load the SMS outbox right now, retrying.',
    notConfigured: 'No SMS gateway is configured: {pending} messages wait in the outbox and will be sent once one is.',
    delivering: 'Sending to {gateway}: {pending} waiting ({failing} of them failed and are retried), {acknowledged} delivered.',
    oldest: 'The oldest waiting message was made at {at}.',
    allDelivered: 'Every message has reached the gateway.',
    failures: 'Messages that failed',
    none: 'No message has failed.',
    kind: { NEAR: 'Almost up', CALLED: 'Called' },
    col: { number: 'Number', kind: 'Kind', mobile: 'Mobile', attempts: 'Attempts', error: 'Last error', next: 'Next try' }
  }
};

function failureRow(failure, app) {
  return {
    id: 'sms-' + failure.id,
    data: { attempts: String(failure.attempts) },
    cells: [
      { className: 'ticket-no', text: failure.number },
      { text: app.t('sms.kind.' + failure.kind) },
      { className: 'mobile', text: failure.mobile },
      { className: 'num', text: String(failure.attempts) },
      { className: 'note', text: failure.lastError || '' },
      { className: 'when', text: whenText(failure.nextAttemptAt, app) }
    ]
  };
}

export const smsSection = createOutboxSection({
  name: 'sms', path: '/api/v1/sms', texts: TEXTS, events: ['TICKET_CALLED'], failureRow
});
