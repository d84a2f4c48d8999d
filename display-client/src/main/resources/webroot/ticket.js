// HallQ ticket status page: /ticket.html?id=<ticket uuid>[&lang=en]
// Polls the ticket every 5 s, alerts the citizen when near (the hall's threshold of people ahead) and when
// called (ticket-alerts.js), takes a number for SMS reminders, and asks for a rating once finished.
import { api, pickLang, translator, hallTime, localName, param, errorText, switchLang, reasonButtons } from './common/hallq.js';
import { alertOnce, arm, armed, unlockAudio } from './ticket-alerts.js';

const TEXT = {
  zh: {
    htmlLang: 'zh-CN',
    title: '我的排队号',
    toggle: 'English',
    loading: '正在加载…',
    status: {
      WAITING: '等候中',
      CALLED: '请到 {n} 号窗口',
      SERVING: '办理中',
      FINISHED: '已办结',
      NO_SHOW: '已过号',
      CANCELLED: '已取消',
      TRANSFERRED: '已转办',
      CLOSED_UNSERVED: '闭厅未办理',
      PARKED: '已挂起'
    },
    calledNoCounter: '已叫号，请留意叫号屏',
    calledAlert: '请到 {n} 号窗口办理',
    calledAlertSub: '{number} 号，轮到您了',
    aheadEstimate: '前面还有 {n} 人，预计等候 {min}–{max} 分钟',
    aheadNoEstimate: '前面还有 {n} 人，目前没有开放的窗口，暂无法估计等候时间',
    parked: '已挂起：请备齐材料后尽快回到窗口，工作人员将为您叫回',
    hint: {
      CALLED: '请尽快前往窗口办理。',
      NO_SHOW: '您已过号，如需继续办理请联系大厅工作人员。',
      TRANSFERRED: '您的业务已转到其他业务类型，号码不变，请留意叫号屏。',
      CLOSED_UNSERVED: '大厅已闭厅，本号未能办理。'
    },
    closedReason: '原因：{reason}',
    priority: '优先办理：{n}',
    appointment: '预约号，优先办理',
    materials: '请准备以下材料',
    issued: '取号时间 {n}',
    updated: '更新于 {n}，每 5 秒自动刷新',
    final: '更新于 {n}',
    stale: '暂时无法更新，稍后自动重试（上次更新 {n}）',
    noId: '链接中没有票号，请扫描号票上的二维码。',
    badId: '票号链接无效，请重新扫描号票上的二维码。',
    notFound: '没有找到这张号票，请核对号票或咨询大厅工作人员。',
    failed: '暂时无法连接服务器，稍后自动重试。',
    levels: { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' },
    aspects: { efficiency: '服务效率', competence: '服务水平', attitude: '服务态度' },
    rate: {
      title: '请对本次服务进行评价',
      comment: '意见和建议（选填）',
      reasonTitle: '请选择不满意的原因',
      commentLow: '具体情况（选了原因可不填）',
      need: '请选择一个原因，或写下您的意见，再提交。',
      needReason: '不满意的评价需要说明原因：请选择一个原因或写下您的意见。',
      count: '{n}/500',
      submit: '提交评价',
      sending: '正在提交…',
      subsTitle: '分项评价（选填）',
      subScore: '{aspect} {n} 分',
      npsTitle: '您是否愿意向亲友推荐本大厅的服务？（选填）',
      npsLow: '0 完全不愿意',
      npsHigh: '10 非常愿意',
      npsScore: '推荐意愿 {n} 分',
      notOpen: '办结后才能评价。',
      network: '暂时无法提交，请稍后再试。',
      failed: '提交失败，请稍后再试。'
    },
    rated: '您已评价：{level}',
    ratedByDefault: '您未在评价期限内评价，按规定默认评价为：{level}',
    ratedReason: '您已评价：{level}（{reason}）',
    ratedUnknown: '您已评价，谢谢！',
    nearAlert: '快到您了：前面还有 {n} 人，请回到等候区',
    notifyNear: '{number} 号快到了',
    notifyCalled: '{number} 号请到 {n} 号窗口',
    arm: '提醒我',
    armed: '已开启提醒：前面还有 {n} 人时和叫到您时，本页会响铃、振动并提示',
    armedNoNotice: '已开启提醒：本页会响铃、振动并提示（浏览器未允许通知，请保持本页打开）',
    smsLabel: '短信提醒（选填）：留下手机号，快到您时和叫到您时发短信',
    smsPlaceholder: '手机号',
    smsSave: '保存',
    smsSaving: '正在保存…',
    smsTo: '短信提醒将发送至 {n}',
    smsBad: '请输入 11 位手机号码。',
    smsUnavailable: '本大厅暂不提供短信提醒。',
    smsFailed: '暂时无法保存，请稍后再试。'
  },
  en: {
    htmlLang: 'en',
    title: 'My ticket',
    toggle: '中文',
    loading: 'Loading…',
    status: {
      WAITING: 'Waiting',
      CALLED: 'Please go to counter {n}',
      SERVING: 'Being served',
      FINISHED: 'Completed',
      NO_SHOW: 'Missed (number passed)',
      CANCELLED: 'Cancelled',
      TRANSFERRED: 'Transferred',
      CLOSED_UNSERVED: 'Closed, not served',
      PARKED: 'On hold'
    },
    calledNoCounter: 'Called, please watch the display',
    calledAlert: 'Please go to counter {n}',
    calledAlertSub: 'Number {number}, it is your turn',
    aheadEstimate: '{n} ahead of you, about {min}–{max} min',
    aheadNoEstimate: '{n} ahead of you; no counter is open for this service now, so no estimate yet',
    parked: 'On hold: please bring the missing documents back to the counter soon; the staff will call you back',
    hint: {
      CALLED: 'Please go to the counter now.',
      NO_SHOW: 'Your number has passed. Please ask the hall staff if you still need service.',
      TRANSFERRED: 'Your case was passed to another service; your number stays the same. Please watch the display.',
      CLOSED_UNSERVED: 'The hall has closed and this ticket could not be served.'
    },
    closedReason: 'Reason: {reason}',
    priority: 'Priority: {n}',
    appointment: 'Appointment: called first',
    materials: 'Please have these ready',
    issued: 'Issued at {n}',
    updated: 'Updated {n}, refreshes every 5 seconds',
    final: 'Updated {n}',
    stale: 'Cannot update right now, retrying (last update {n})',
    noId: 'The link has no ticket id. Please scan the QR code on your ticket.',
    badId: 'The ticket link is not valid. Please scan the QR code on your ticket again.',
    notFound: 'This ticket was not found. Please check your ticket or ask the hall staff.',
    failed: 'Cannot reach the server right now, retrying.',
    levels: { 5: 'Very satisfied', 4: 'Satisfied', 3: 'Fairly satisfied', 2: 'Dissatisfied', 1: 'Very dissatisfied' },
    aspects: { efficiency: 'Efficiency', competence: 'Competence', attitude: 'Attitude' },
    rate: {
      title: 'Please rate our service',
      comment: 'Comments (optional)',
      reasonTitle: 'What went wrong?',
      commentLow: 'Details (optional once a reason is chosen)',
      need: 'Please choose a reason or write a comment, then send.',
      needReason: 'A low rating needs a reason: please choose one or write a comment.',
      count: '{n}/500',
      submit: 'Send rating',
      sending: 'Sending…',
      subsTitle: 'In detail (optional)',
      subScore: '{aspect}: {n} of 5',
      npsTitle: 'How likely are you to recommend this hall\'s service to friends and family? (optional)',
      npsLow: '0 Not at all likely',
      npsHigh: '10 Extremely likely',
      npsScore: 'Likely to recommend: {n} of 10',
      notOpen: 'You can rate once the service is completed.',
      network: 'Cannot send right now, please try again.',
      failed: 'Sending failed, please try again.'
    },
    rated: 'You rated: {level}',
    ratedByDefault: 'You did not rate in time; by the rules this service was rated by default: {level}',
    ratedReason: 'You rated: {level} ({reason})',
    ratedUnknown: 'You have already rated this service. Thank you!',
    nearAlert: 'Almost your turn: {n} ahead of you, please come back to the waiting area',
    notifyNear: 'Number {number} is almost up',
    notifyCalled: 'Number {number}, please go to counter {n}',
    arm: 'Alert me',
    armed: 'Alerts on: this page rings, vibrates and shows a notice when {n} are ahead and when you are called',
    armedNoNotice: 'Alerts on: this page rings and vibrates (notifications are not allowed; keep this page open)',
    smsLabel: 'SMS reminder (optional): leave a mobile number for a text when you are almost up and when called',
    smsPlaceholder: 'Mobile number',
    smsSave: 'Save',
    smsSaving: 'Saving…',
    smsTo: 'Text reminders go to {n}',
    smsBad: 'Please enter an 11-digit mobile number.',
    smsUnavailable: 'This hall does not send text reminders.',
    smsFailed: 'Cannot save right now, please try again.'
  }
};

const REFRESH_MS = 5000;
const FINAL_STATUSES = ['FINISHED', 'CANCELLED', 'TRANSFERRED', 'CLOSED_UNSERVED'];
/** The service's required materials are worth reading until the citizen is at the counter, or while fetching one (挂起). */
const BEFORE_SERVICE = ['WAITING', 'CALLED', 'PARKED'];
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCORES = [5, 4, 3, 2, 1];
/** 好差评 reasons, asked for a score of LOW_SCORE or less (the server refuses one for a higher score). */
const LOW_SCORE = 2;
/** The optional 好差评 sub-scores (服务效率, 服务水平, 服务态度), each 1..5, sent only when chosen. */
const ASPECTS = ['efficiency', 'competence', 'attitude'];
const SUB_SCORES = [1, 2, 3, 4, 5];
/** The optional NPS question's answers, 0..10, asked only where the hall turns it on (GET /hall: nps.enabled). */
const RECOMMEND = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const VIBRATION = [400, 200, 400, 200, 400];
/** Where the citizen may still be alerted, or leave a number for SMS reminders. */
const ALERTABLE = ['WAITING', 'PARKED', 'CALLED'];
const SMS_OPEN = ['WAITING', 'PARKED'];

const state = {
  lang: 'zh',
  t: null,
  id: null,
  key: null,
  hall: null,
  reply: null,
  problem: null,
  stale: false,
  updatedAt: null,
  timer: null,
  busy: false,
  alertKey: null,
  notification: null,
  sms: { sending: false, message: null },
  rate: { score: null, reason: null, subScores: {}, recommend: null, sending: false, error: null }
};

const $ = (id) => document.getElementById(id);

function show(elementId, text) {
  const el = $(elementId);
  el.textContent = text || '';
  el.hidden = !text;
}

function findByCode(list, code) {
  return (list || []).find((item) => item.code === code) || null;
}

/** Whether the hall asks the NPS question with the rating. */
function asksRecommend() {
  return !!(state.hall && state.hall.nps && state.hall.nps.enabled);
}

/** The reasons the hall configures for a low rating. */
function hallReasons() {
  return (state.hall && state.hall.lowRatingReasons) || [];
}

function nameOf(item, fallback) {
  return item ? localName(item, state.lang) || fallback : fallback;
}

function clockTime(value) {
  const zone = state.hall && state.hall.hall ? state.hall.hall.timeZone : undefined;
  return hallTime(value, zone, state.lang);
}

function ticketApiPath(suffix = '') {
  return 'api/v1/tickets/' + encodeURIComponent(state.id) + suffix;
}

// ---- rendering ----

function statusText(ticket) {
  if (ticket.status === 'CALLED' && ticket.counterNo == null) return state.t('calledNoCounter');
  return state.t('status.' + ticket.status, { n: ticket.counterNo });
}

/** 前面还有 N 人，预计等候 X–Y 分钟: the optimistic and the pessimistic bound, or why there is none. */
function aheadText(reply) {
  const wait = reply.estimatedWait;
  return wait == null
    ? state.t('aheadNoEstimate', { n: reply.ahead })
    : state.t('aheadEstimate', { n: reply.ahead, min: wait.minMinutes, max: wait.maxMinutes });
}

function renderTicket() {
  const t = state.t;
  const reply = state.reply;
  const ticket = reply.ticket;
  const waiting = ticket.status === 'WAITING';
  const hall = state.hall || {};
  $('ticket').dataset.status = ticket.status;
  show('service', nameOf(findByCode(hall.serviceTypes, ticket.serviceCode), ticket.serviceCode));
  show('ticket-number', ticket.number);
  show('ticket-status', statusText(ticket));
  // A parked ticket keeps its place but has no queue position: it is called back by the staff.
  show('ahead', ticket.status === 'PARKED' ? t('parked') : waiting && typeof reply.ahead === 'number' ? aheadText(reply) : '');
  show('priority', ticket.priority === 'APPOINTMENT' ? t('appointment') : ticket.priority ? t('priority', { n: nameOf(findByCode(hall.priorities, ticket.priority), ticket.priority) }) : '');
  const hint = TEXT[state.lang].hint[ticket.status];
  const reason = ticket.closedReason ? state.t('closedReason', { reason: ticket.closedReason }) : '';
  show('hint', [hint, reason].filter(Boolean).join(' '));
  show('issued', ticket.issuedAt ? t('issued', { n: clockTime(ticket.issuedAt) }) : '');
  renderMaterials(BEFORE_SERVICE.includes(ticket.status) ? reply.requiredMaterials || [] : []);
}

/** 所需材料 of the ticket's service, as its standard lists them now. */
function renderMaterials(materials) {
  $('materials').hidden = materials.length === 0;
  setText('materials-title', state.t('materials'));
  const list = $('materials-list');
  if (list.dataset.shown === JSON.stringify(materials)) return;
  list.dataset.shown = JSON.stringify(materials);
  list.replaceChildren(...materials.map((name) => {
    const item = document.createElement('li');
    item.textContent = name;
    return item;
  }));
}

function calledAlertText(ticket) {
  return ticket.counterNo == null ? state.t('calledNoCounter') : state.t('calledAlert', { n: ticket.counterNo });
}

/** The big banner while the ticket is called; vibrates once per call and per recall. */
function renderCalledAlert(ticket) {
  const alert = $('called-alert');
  const called = !!ticket && ticket.status === 'CALLED';
  alert.hidden = !called;
  alert.textContent = '';
  if (!called) return;
  const title = document.createElement('p');
  title.className = 'called-title';
  title.textContent = calledAlertText(ticket);
  const sub = document.createElement('p');
  sub.className = 'called-sub';
  sub.textContent = state.t('calledAlertSub', { number: ticket.number });
  alert.append(title, sub);
  const key = ticket.id + '/' + ticket.calledAt + '/' + ticket.recallCount;
  if (key !== state.alertKey) {
    state.alertKey = key;
    const first = alertOnce(ticket.id, 'CALLED', state.t('notifyCalled', { number: ticket.number, n: ticket.counterNo }),
      calledAlertText(ticket), { counterNo: ticket.counterNo });
    if (!first) vibrate(); // a recall
  }
}

function nearCallThreshold() {
  const nearCall = state.reply && state.reply.nearCall;
  return nearCall && typeof nearCall.aheadThreshold === 'number' ? nearCall.aheadThreshold : null;
}

/** 快到您了: shown while the ticket waits with the hall's threshold or fewer ahead; the sound and the rest once. */
function renderNearAlert(ticket) {
  const threshold = nearCallThreshold();
  const ahead = state.reply ? state.reply.ahead : null;
  const near = !!ticket && ticket.status === 'WAITING' && threshold != null && typeof ahead === 'number' && ahead <= threshold;
  show('near-alert', near ? state.t('nearAlert', { n: ahead }) : '');
  if (near) {
    alertOnce(ticket.id, 'NEAR', state.t('notifyNear', { number: ticket.number }), state.t('nearAlert', { n: ahead }), { ahead });
  }
}

/** 提醒我 and 短信提醒, for the phone that holds the ticket (its link carries the key). */
function renderAlertControls(ticket) {
  const open = !!ticket && ALERTABLE.includes(ticket.status);
  $('alerts').hidden = !open;
  if (!open) return;
  const on = armed(ticket.id);
  const arming = $('alert-arm');
  arming.hidden = on;
  arming.textContent = state.t('arm');
  const noNotice = state.notification === 'denied' || state.notification === 'unsupported';
  show('alert-state', on ? state.t(noNotice ? 'armedNoNotice' : 'armed', { n: nearCallThreshold() }) : '');
  const smsOpen = !!state.key && SMS_OPEN.includes(ticket.status);
  $('sms-form').hidden = !smsOpen;
  setText('sms-label', state.t('smsLabel'));
  $('sms-mobile').placeholder = state.t('smsPlaceholder');
  $('sms-mobile').disabled = state.sms.sending;
  $('sms-save').disabled = state.sms.sending;
  setText('sms-save', state.t(state.sms.sending ? 'smsSaving' : 'smsSave'));
  const smsTo = state.reply.nearCall ? state.reply.nearCall.smsTo : null;
  show('sms-state', state.sms.message || (smsTo ? state.t('smsTo', { n: smsTo }) : ''));
}

function vibrate() {
  try {
    if (navigator.vibrate) navigator.vibrate(VIBRATION);
  } catch (e) {
    // Some browsers refuse without a tap first; the banner is the alert that counts.
  }
}

/** Only the phone that scanned the ticket (its link carries the key) can rate it. */
function ratingOpen() {
  return !!state.key && !!state.reply && state.reply.ticket.status === 'FINISHED' && !state.reply.rating;
}

function isLow(score) {
  return !!score && score <= LOW_SCORE;
}

function hasComment() {
  return $('rate-comment').value.trim() !== '';
}

/** A low score says why (a reason or a comment) before it can be sent. */
function readyToSend() {
  const rate = state.rate;
  return !!rate.score && (!isLow(rate.score) || !!rate.reason || hasComment());
}

function renderRating() {
  const t = state.t;
  const open = !state.problem && ratingOpen();
  $('rating').hidden = !open;
  renderRated(!state.problem && state.reply ? state.reply.rating : null);
  if (!open) return;
  const rate = state.rate;
  const low = isLow(rate.score);
  setText('rating-title', t('rate.title'));
  setText('rate-comment-label', t(low ? 'rate.commentLow' : 'rate.comment'));
  for (const score of SCORES) {
    const button = $('rate-' + score);
    button.textContent = t('levels.' + score);
    button.setAttribute('aria-pressed', String(rate.score === score));
    button.disabled = rate.sending;
  }
  $('rate-reasons').hidden = !low;
  setText('rate-reason-title', t('rate.reasonTitle'));
  for (const { code, button } of reasonButtons($('rate-reason-list'), hallReasons(), state.lang, 'rate-reason-', 'level', chooseReason)) {
    button.setAttribute('aria-pressed', String(rate.reason === code));
    button.disabled = rate.sending;
  }
  renderSubScores();
  renderRecommend();
  $('rate-comment').disabled = rate.sending;
  renderCommentCount();
  renderSubmit();
  show('rate-error', rate.error);
}

/** Offered once a main score is chosen; a second tap on the chosen number clears that sub-score. */
function renderSubScores() {
  const rate = state.rate;
  $('rate-subs').hidden = !rate.score;
  setText('rate-subs-title', state.t('rate.subsTitle'));
  for (const aspect of ASPECTS) {
    const name = state.t('aspects.' + aspect);
    setText('rate-sub-' + aspect + '-name', name);
    for (const n of SUB_SCORES) {
      const button = $('rate-sub-' + aspect + '-' + n);
      button.setAttribute('aria-pressed', String(rate.subScores[aspect] === n));
      button.setAttribute('aria-label', state.t('rate.subScore', { aspect: name, n }));
      button.disabled = rate.sending;
    }
  }
}

/** Offered with the sub-scores once a main score is chosen; a second tap on the chosen number skips it again. */
function renderRecommend() {
  const rate = state.rate;
  $('rate-nps').hidden = !rate.score || !asksRecommend();
  setText('rate-nps-title', state.t('rate.npsTitle'));
  setText('rate-nps-low', state.t('rate.npsLow'));
  setText('rate-nps-high', state.t('rate.npsHigh'));
  for (const n of RECOMMEND) {
    const button = $('rate-nps-' + n);
    button.setAttribute('aria-pressed', String(rate.recommend === n));
    button.setAttribute('aria-label', state.t('rate.npsScore', { n }));
    button.disabled = rate.sending;
  }
}

function renderCommentCount() {
  setText('rate-count', state.t('rate.count', { n: $('rate-comment').value.length }));
}

/** Typing a comment may make a low score ready to send: the submit button and its hint follow. */
function renderSubmit() {
  const rate = state.rate;
  const ready = readyToSend();
  $('rate-submit').disabled = rate.sending || !ready;
  setText('rate-submit', state.t(rate.sending ? 'rate.sending' : 'rate.submit'));
  show('rate-need', !rate.sending && isLow(rate.score) && !ready ? state.t('rate.need') : '');
}

/** "您已评价：满意". The element exists only once the ticket is rated, so its presence means exactly that. */
function renderRated(rating) {
  let rated = $('rated');
  if (!rating) {
    if (rated) rated.remove();
    return;
  }
  if (!rated) {
    rated = document.createElement('p');
    rated.id = 'rated';
    rated.className = 'rated';
    $('rating').after(rated);
  }
  const level = rating.score ? state.t('levels.' + rating.score) : null;
  rated.textContent = !level ? state.t('ratedUnknown')
    : rating.channel === 'DEFAULT' ? state.t('ratedByDefault', { level })
    : rating.reason ? state.t('ratedReason', { level, reason: nameOf(findByCode(hallReasons(), rating.reason), rating.reason) })
      : state.t('rated', { level });
}

function setText(elementId, text) {
  $(elementId).textContent = text;
}

function render() {
  const t = state.t;
  document.documentElement.lang = t('htmlLang');
  const ticket = state.reply && !state.problem ? state.reply.ticket : null;
  document.title = !ticket ? t('title')
    : ticket.status === 'CALLED' ? calledAlertText(ticket) + ' · ' + ticket.number
      : ticket.number + ' · ' + t('title');
  $('lang-toggle').textContent = t('toggle');
  show('hall-name', state.hall && state.hall.hall ? nameOf(state.hall.hall, 'HallQ') : 'HallQ');
  $('ticket').hidden = !ticket;
  show('message', state.problem ? t(state.problem) : (ticket ? '' : t('loading')));
  $('message').className = state.problem ? 'message error' : 'message';
  if (ticket) renderTicket();
  renderCalledAlert(ticket);
  renderNearAlert(ticket);
  renderAlertControls(ticket);
  renderRating();
  const when = clockTime(state.updatedAt || new Date());
  const updated = state.stale ? 'stale' : (state.timer ? 'updated' : 'final');
  show('updated', ticket ? t(updated, { n: when }) : '');
}

// ---- loading ----

function stopRefresh() {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}

async function loadHall() {
  try {
    const reply = await api('GET', 'api/v1/hall');
    if (reply.status === 200 && reply.body) state.hall = reply.body;
  } catch (e) {
    // Names fall back to codes; retried on the next refresh.
  }
}

/** A transfer made a new ticket with the same number and key: the page follows it. */
function followTransfer(nextId) {
  state.id = nextId;
  const params = new URLSearchParams(location.search);
  params.set('id', nextId);
  history.replaceState(null, '', location.pathname + '?' + params.toString());
}

function handleTicketReply(reply) {
  if (reply.status === 200 && reply.body && reply.body.ticket) {
    state.reply = reply.body;
    state.problem = null;
    state.stale = false;
    state.updatedAt = new Date();
    if (reply.body.transferredTo) {
      followTransfer(reply.body.transferredTo);
    } else if (FINAL_STATUSES.includes(reply.body.ticket.status)) {
      stopRefresh();
    }
  } else if (reply.status === 404 || reply.status === 400) {
    state.problem = reply.status === 404 ? 'notFound' : 'badId';
    state.reply = null;
    stopRefresh();
  } else {
    handleFailure();
    return;
  }
  render();
}

function handleFailure() {
  if (state.reply) state.stale = true; else state.problem = 'failed';
  render();
}

async function refresh() {
  if (document.hidden || state.busy) return;
  state.busy = true;
  try {
    if (!state.hall) await loadHall();
    handleTicketReply(await api('GET', ticketApiPath()));
  } catch (e) {
    handleFailure();
  } finally {
    state.busy = false;
  }
}

// ---- rating ----

function chooseScore(score) {
  if (state.rate.sending) return;
  state.rate.score = score;
  if (!isLow(score)) state.rate.reason = null;
  state.rate.error = null;
  renderRating();
}

function chooseReason(reason) {
  if (state.rate.sending || !isLow(state.rate.score)) return;
  state.rate.reason = reason;
  state.rate.error = null;
  renderRating();
}

function chooseSubScore(aspect, n) {
  if (state.rate.sending) return;
  const subScores = state.rate.subScores;
  if (subScores[aspect] === n) delete subScores[aspect];
  else subScores[aspect] = n;
  renderRating();
}

function chooseRecommend(n) {
  if (state.rate.sending) return;
  state.rate.recommend = state.rate.recommend === n ? null : n;
  renderRating();
}

function onCommentInput() {
  renderCommentCount();
  if (state.rate.sending) return;
  renderSubmit();
}

/** After ALREADY_RATED: the ticket's stored rating, or a marker when it cannot be read. */
async function storedRating() {
  try {
    const reply = await api('GET', ticketApiPath());
    if (reply.status === 200 && reply.body && reply.body.rating) return reply.body.rating;
  } catch (e) {
    // fall through to the marker
  }
  return { score: null };
}

async function submitRating() {
  const rate = state.rate;
  if (rate.sending || !readyToSend() || !ratingOpen()) return;
  const body = { score: rate.score };
  if (isLow(rate.score) && rate.reason) body.reason = rate.reason;
  const comment = $('rate-comment').value.trim();
  if (comment) body.comment = comment;
  if (Object.keys(rate.subScores).length) body.subScores = { ...rate.subScores };
  if (asksRecommend() && rate.recommend != null) body.recommend = rate.recommend;
  rate.sending = true;
  rate.error = null;
  renderRating();
  try {
    const reply = await api('POST', ticketApiPath('/rating'), { body, headers: { 'Ticket-Key': state.key } });
    const error = reply.body && reply.body.error ? reply.body.error : null;
    const code = error ? error.code : null;
    if ((reply.status === 201 || reply.status === 200) && reply.body && reply.body.rating) {
      state.reply.rating = reply.body.rating;
    } else if (code === 'ALREADY_RATED') {
      state.reply.rating = await storedRating();
    } else if (code === 'RATING_NOT_OPEN') {
      rate.error = state.t('rate.notOpen');
    } else if (reply.status === 400 && error && error.field === 'reason') {
      rate.error = state.t('rate.needReason');
    } else {
      rate.error = errorText(reply, state.t('rate.failed'));
    }
  } catch (e) {
    rate.error = state.t('rate.network');
  } finally {
    rate.sending = false;
  }
  render();
}

// ---- alerts ----

/** The citizen's tap on 提醒我: the sound is unlocked and notifications asked for on this same tap. */
async function armAlerts() {
  if (!state.reply) return;
  const granted = await arm(state.reply.ticket.id);
  state.notification = granted.notification;
  render();
}

async function saveMobile(event) {
  event.preventDefault();
  if (state.sms.sending || !state.reply) return;
  const mobile = $('sms-mobile').value.replace(/\s+/g, '');
  if (!/^1[3-9]\d{9}$/.test(mobile)) {
    state.sms.message = state.t('smsBad');
    render();
    return;
  }
  state.sms.sending = true;
  state.sms.message = null;
  render();
  try {
    const reply = await api('PUT', ticketApiPath('/contact'), { body: { mobile }, headers: { 'Ticket-Key': state.key } });
    if (reply.status === 200 && reply.body && reply.body.contact) {
      state.reply.nearCall = { ...(state.reply.nearCall || {}), smsTo: reply.body.contact.mobile };
      $('sms-mobile').value = '';
    } else if (reply.status === 400) {
      state.sms.message = state.t('smsBad');
    } else if (reply.status === 503) {
      state.sms.message = state.t('smsUnavailable');
    } else {
      state.sms.message = errorText(reply, state.t('smsFailed'));
    }
  } catch (e) {
    state.sms.message = state.t('smsFailed');
  } finally {
    state.sms.sending = false;
  }
  render();
}

// ---- start ----

function toggleLang() {
  state.lang = switchLang(state.lang);
  state.t = translator(TEXT, state.lang);
  render();
}

/** One small numbered button of a scale (a sub-score, the NPS question). */
function scaleButton(id, n, onClick) {
  const button = document.createElement('button');
  button.id = id;
  button.className = 'level';
  button.type = 'button';
  button.textContent = String(n);
  button.setAttribute('aria-pressed', 'false');
  button.addEventListener('click', onClick);
  return button;
}

/** The five buttons of each sub-score row, built once: 1 … 5. */
function buildSubScorePickers() {
  for (const aspect of ASPECTS) {
    const row = document.querySelector('.sub-score[data-aspect="' + aspect + '"]');
    for (const n of SUB_SCORES) row.append(scaleButton('rate-sub-' + aspect + '-' + n, n, () => chooseSubScore(aspect, n)));
  }
}

/** The eleven buttons of the NPS question, built once: 0 … 10. */
function buildRecommendPicker() {
  const scale = $('rate-nps-scale');
  for (const n of RECOMMEND) scale.append(scaleButton('rate-nps-' + n, n, () => chooseRecommend(n)));
}

function bindEvents() {
  $('lang-toggle').addEventListener('click', toggleLang);
  for (const score of SCORES) $('rate-' + score).addEventListener('click', () => chooseScore(score));
  $('rate-submit').addEventListener('click', submitRating);
  $('rate-comment').addEventListener('input', onCommentInput);
  $('alert-arm').addEventListener('click', armAlerts);
  $('sms-form').addEventListener('submit', saveMobile);
  // Browsers forget the unlocked sound with the page: any tap after a reload unlocks it again.
  document.addEventListener('click', () => {
    if (state.reply && armed(state.reply.ticket.id)) unlockAudio();
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && state.timer) refresh();
  });
}

function start() {
  state.lang = pickLang();
  state.t = translator(TEXT, state.lang);
  state.id = (param('id') || '').trim();
  state.key = (param('key') || '').trim(); // from the QR link: proves this phone holds the ticket
  state.notification = 'Notification' in window ? Notification.permission : 'unsupported';
  buildSubScorePickers();
  buildRecommendPicker();
  bindEvents();
  if (!state.id || !UUID_PATTERN.test(state.id)) {
    state.problem = state.id ? 'badId' : 'noId';
    render();
    return;
  }
  render();
  state.timer = setInterval(refresh, REFRESH_MS);
  refresh();
}

start();
