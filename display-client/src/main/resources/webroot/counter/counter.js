// HallQ counter screen (窗口屏) above one counter: /counter/?no=3&token=<device token>[&lang=en].
// Shows who is called or served here, the paused state, and after each finished service asks the
// citizen for a rating (the on-screen fallback when the counter has no evaluation pad; a counter
// with a pad opens the screen with &rating=off).
import { api, openStream, pickLang, translator, hallTime, localName, param, switchLang, reasonButtons } from '../common/hallq.js';

const TEXT = {
  zh: {
    htmlLang: 'zh-CN',
    title: '{no} 号窗口',
    toggle: 'EN',
    counterNo: '{no} 号窗口',
    idle: '欢迎光临',
    idleSub: '请留意叫号',
    called: '请 {number} 号',
    calledSub: '到本窗口办理',
    serving: '正在办理 {number}',
    paused: '暂停服务',
    pausedSub: '请到其他窗口办理，谢谢您的理解',
    rateAsk: '请对本次服务进行评价',
    rateSub: '{number} 号 · 请点击下方按钮',
    levels: { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' },
    reasonAsk: '请选择不满意的原因',
    reasonSub: '您选择了“{level}” · 请点击下方原因',
    back: '返回重新评价',
    thanks: '谢谢您的评价',
    rateRetry: '提交失败，请再点一次',
    rateClosed: '本次服务暂时无法评价，请联系工作人员',
    loading: '正在连接…',
    live: { live: '', reconnecting: '正在重新连接…', off: '' },
    problem: {
      noCounter: '地址中缺少窗口号，例如 /counter/?no=3&token=…',
      noToken: '地址中缺少设备令牌 token',
      badToken: '设备令牌无效，请联系管理员',
      unknownCounter: '大厅中没有 {no} 号窗口'
    }
  },
  en: {
    htmlLang: 'en',
    title: 'Counter {no}',
    toggle: '中文',
    counterNo: 'Counter {no}',
    idle: 'Welcome',
    idleSub: 'Please watch for your number',
    called: 'Number {number}, please',
    calledSub: 'come to this counter',
    serving: 'Now serving {number}',
    paused: 'Counter closed',
    pausedSub: 'Please go to another counter. Thank you.',
    rateAsk: 'Please rate our service',
    rateSub: 'Ticket {number} · tap one button below',
    levels: { 5: 'Very satisfied', 4: 'Satisfied', 3: 'Fairly satisfied', 2: 'Dissatisfied', 1: 'Very dissatisfied' },
    reasonAsk: 'What went wrong?',
    reasonSub: 'You chose "{level}" · tap a reason below',
    back: 'Back to the ratings',
    thanks: 'Thank you for your rating',
    rateRetry: 'Could not send, please tap again',
    rateClosed: 'This service cannot be rated right now; please ask the staff',
    loading: 'Connecting…',
    live: { live: '', reconnecting: 'Reconnecting…', off: '' },
    problem: {
      noCounter: 'The address has no counter number, e.g. /counter/?no=3&token=…',
      noToken: 'The address has no device token',
      badToken: 'The device token is not valid; please call the administrator',
      unknownCounter: 'This hall has no counter {no}'
    }
  }
};

const RATING_OPEN_MS = 60000;
const THANKS_MS = 10000;
const LOAD_DELAY_MS = 100;
const SCORES = [5, 4, 3, 2, 1];
const LOW_SCORE = 2;
const HELD_STATUSES = ['CALLED', 'SERVING'];

const state = {
  lang: 'zh',
  t: null,
  no: null,
  token: null,
  ratingOnScreen: true,
  hall: null,
  counter: null,
  rating: null,
  ratingTimer: null,
  problem: null,
  live: 'off',
  loadTimer: null,
  loadSeq: 0
};

const $ = (id) => document.getElementById(id);

function setText(id, text) {
  $(id).textContent = text == null ? '' : String(text);
}

function hallCounter() {
  return ((state.hall && state.hall.counters) || []).find((c) => c.counterNo === state.no) || null;
}

function serviceName(code) {
  const service = ((state.hall && state.hall.serviceTypes) || []).find((s) => s.code === code);
  return service ? localName(service, state.lang) : '';
}

/** Which of the screen's states applies: a held ticket first, then a pending rating, then paused. */
function screenState() {
  const ticket = state.counter && state.counter.ticket;
  if (ticket && ticket.status === 'CALLED') return 'called';
  if (ticket && ticket.status === 'SERVING') return 'serving';
  if (state.rating) return 'rating';
  if (state.counter && state.counter.paused) return 'paused';
  return 'idle';
}

// ---- rendering ----

function render() {
  const t = state.t;
  document.documentElement.lang = t('htmlLang');
  document.title = t('title', { no: state.no || '' });
  $('lang-toggle').textContent = t('toggle');
  const counter = state.counter || hallCounter();
  setText('counter-no', state.no ? t('counterNo', { no: state.no }) : '—');
  setText('counter-name', counter ? counter.name : '');
  const hall = state.hall && state.hall.hall;
  setText('hall-name', hall ? localName(hall, state.lang) : '');
  renderStage();
  renderClock();
  renderLive();
}

function renderStage() {
  const t = state.t;
  const current = screenState();
  const ticket = state.counter && state.counter.ticket;
  $('counter-state').dataset.state = current;
  $('rating').hidden = current !== 'rating';
  if (current !== 'rating') $('rating-thanks').hidden = $('rating-error').hidden = true;
  setText('problem', state.problem ? t('problem.' + state.problem, { no: state.no }) : '');
  $('problem').hidden = !state.problem;
  if (current === 'called') showLines(t('called', { number: ticket.number }), t('calledSub'));
  else if (current === 'serving') showLines(t('serving', { number: ticket.number }), serviceName(ticket.serviceCode));
  else if (current === 'rating') renderRating();
  else if (current === 'paused') showLines(t('paused'), t('pausedSub'));
  else if (state.counter) showLines(t('idle'), t('idleSub'));
  else showLines(state.problem ? '' : t('loading'), '');
}

function showLines(main, sub) {
  setText('counter-ticket', main);
  setText('counter-sub', sub);
  $('counter-ticket').hidden = !main;
  $('counter-sub').hidden = !sub;
}

/**
 * The rating steps: 'ask' (scores) → 'sending' → 'thanks' | 'closed'; a low score goes through
 * 'reason' (the reasons, with a way back to the scores) before 'sending'.
 */
function renderRating() {
  const t = state.t;
  const rating = state.rating;
  const sending = rating.phase === 'sending';
  const scores = rating.phase === 'ask' || (sending && !rating.reason);
  const reasons = rating.phase === 'reason' || (sending && !!rating.reason);
  if (scores) showLines(t('rateAsk'), t('rateSub', { number: rating.number }));
  else if (reasons) showLines(t('reasonAsk'), t('reasonSub', { level: t('levels.' + rating.score) }));
  else showLines('', '');
  $('rating-ask').hidden = !scores;
  $('rating-reasons').hidden = !reasons;
  for (const score of SCORES) {
    const button = $('rate-' + score);
    button.textContent = t('levels.' + score);
    button.disabled = rating.phase !== 'ask';
    button.classList.toggle('chosen', rating.score === score);
  }
  // A score of LOW_SCORE or less (差评) is sent only with one of the hall's reasons, which the server requires.
  const hallReasons = (state.hall && state.hall.lowRatingReasons) || [];
  for (const { code, button } of reasonButtons($('reason-list'), hallReasons, state.lang, 'reason-', 'level reason', chooseReason)) {
    button.disabled = rating.phase !== 'reason';
    button.classList.toggle('chosen', rating.reason === code);
  }
  setText('rating-back', t('back'));
  $('rating-back').disabled = rating.phase !== 'reason';
  setText('rating-thanks', t('thanks'));
  $('rating-thanks').hidden = rating.phase !== 'thanks';
  const error = rating.phase === 'closed' ? t('rateClosed') : rating.retry ? t('rateRetry') : '';
  setText('rating-error', error);
  $('rating-error').hidden = !error;
}

function renderClock() {
  const zone = state.hall && state.hall.hall ? state.hall.hall.timeZone : undefined;
  setText('clock', hallTime(new Date(), zone, state.lang));
}

function renderLive() {
  $('live').dataset.state = state.live;
  setText('live', state.t('live.' + state.live));
}

/** Restarts the attention animation (a new call or a recall). */
function flash() {
  const stage = $('counter-state');
  stage.classList.remove('flash');
  void stage.offsetWidth;
  stage.classList.add('flash');
}

function toggleLang() {
  state.lang = switchLang(state.lang);
  state.t = translator(TEXT, state.lang);
  render();
}

// ---- rating ----

function startRating(ticketId, number) {
  clearTimeout(state.ratingTimer);
  state.rating = { ticketId, number, phase: 'ask', score: null, reason: null, retry: false };
  state.ratingTimer = setTimeout(endRating, RATING_OPEN_MS);
  renderStage();
}

function endRating() {
  clearTimeout(state.ratingTimer);
  state.ratingTimer = null;
  state.rating = null;
  renderStage();
}

function closeRatingLater(phase) {
  state.rating.phase = phase;
  clearTimeout(state.ratingTimer);
  state.ratingTimer = setTimeout(endRating, THANKS_MS);
}

/** A tapped score: a low one asks for the reason first (within the same rating window), any other is sent. */
function chooseScore(score) {
  const rating = state.rating;
  if (!rating || rating.phase !== 'ask') return;
  if (score > LOW_SCORE) {
    submitRating(score, null);
    return;
  }
  Object.assign(rating, { phase: 'reason', score, reason: null, retry: false });
  renderStage();
}

function chooseReason(reason) {
  const rating = state.rating;
  if (!rating || rating.phase !== 'reason') return;
  submitRating(rating.score, reason);
}

function backToScores() {
  const rating = state.rating;
  if (!rating || rating.phase !== 'reason') return;
  Object.assign(rating, { phase: 'ask', score: null, reason: null, retry: false });
  renderStage();
}

async function submitRating(score, reason) {
  const rating = state.rating;
  const step = rating.phase; // where a failed send returns to, for another tap
  Object.assign(rating, { phase: 'sending', score, reason, retry: false });
  renderStage();
  let reply = null;
  try {
    // With the device token the server records the rating as given on the counter screen.
    const path = '/api/v1/tickets/' + encodeURIComponent(rating.ticketId) + '/rating';
    reply = await api('POST', path, { token: state.token, body: reason ? { score, reason } : { score } });
  } catch (e) {
    reply = null;
  }
  if (state.rating !== rating) return;
  const code = reply && reply.body && reply.body.error ? reply.body.error.code : null;
  if (reply && (reply.status === 201 || reply.status === 200 || code === 'ALREADY_RATED')) closeRatingLater('thanks');
  else if (!reply || reply.status >= 500) Object.assign(rating, { phase: step, retry: true });
  else closeRatingLater('closed');
  renderStage();
}

// ---- live data ----

/** A finish replayed after a long disconnect is not this citizen's any more: no prompt for it. */
function isRecent(at) {
  const age = Date.now() - new Date(at).getTime();
  return isNaN(age) || age < RATING_OPEN_MS;
}

/** Rated elsewhere (evaluation pad, phone) while the screen asks: thank the citizen here too. */
function onRatedElsewhere(event) {
  const rating = state.rating;
  if (rating && rating.ticketId === event.ticketId && rating.phase !== 'thanks') {
    closeRatingLater('thanks');
    renderStage();
  }
}

/**
 * Shows the event's effect at once (the GET that follows confirms it): a called, recalled or
 * started ticket is held here; any other status of the held ticket releases it.
 */
function applyEvent(event) {
  const counter = state.counter;
  const payload = event.payload || {};
  if (!counter) return;
  if (event.type === 'COUNTER_PAUSED' || event.type === 'COUNTER_RESUMED') {
    state.counter = { ...counter, paused: event.type === 'COUNTER_PAUSED' };
  } else if (HELD_STATUSES.includes(payload.status) && event.ticketId) {
    const same = counter.ticket && counter.ticket.id === event.ticketId;
    state.counter = { ...counter, ticket: { ...(same ? counter.ticket : {}), id: event.ticketId, number: payload.number,
      serviceCode: payload.serviceCode, status: payload.status, priority: payload.priority } };
  } else if (payload.status && counter.ticket && counter.ticket.id === event.ticketId) {
    state.counter = { ...counter, ticket: null };
  } else {
    return;
  }
  state.loadSeq++; // a GET already on its way is older than this event
  renderStage();
}

function onEvent(event) {
  if (event.counterNo !== state.no) return;
  const number = event.payload ? event.payload.number : '';
  applyEvent(event);
  if (event.type === 'SERVICE_FINISHED' && state.ratingOnScreen && event.ticketId && isRecent(event.at)) {
    startRating(event.ticketId, number);
  }
  if (event.type === 'TICKET_RATED') onRatedElsewhere(event);
  if (event.type === 'TICKET_CALLED') endRating();
  if (event.type === 'TICKET_CALLED' || event.type === 'TICKET_RECALLED') flash();
  scheduleLoad();
}

function scheduleLoad() {
  if (!state.loadTimer) state.loadTimer = setTimeout(loadCounter, LOAD_DELAY_MS);
}

async function loadCounter() {
  state.loadTimer = null;
  const seq = ++state.loadSeq;
  let reply;
  try {
    reply = await api('GET', '/api/v1/counters/' + state.no, { token: state.token });
  } catch (e) {
    return; // the stream's reconnect brings a snapshot, which loads again
  }
  if (seq !== state.loadSeq) return;
  if (reply.status === 200 && reply.body) {
    state.counter = reply.body;
    state.problem = null;
  } else if (reply.status === 401 || reply.status === 403) {
    state.problem = 'badToken';
  } else if (reply.status === 404) {
    state.problem = 'unknownCounter';
  }
  render();
}

async function loadHall() {
  try {
    const reply = await api('GET', '/api/v1/hall');
    if (reply.status === 200 && reply.body) state.hall = reply.body;
  } catch (e) {
    setTimeout(loadHall, 10000);
  }
  render();
}

function onLiveState(live) {
  state.live = live;
  renderLive();
}

// ---- start ----

function readParams() {
  const no = Number(param('no'));
  state.no = Number.isInteger(no) && no > 0 ? no : null;
  state.token = (param('token') || '').trim() || null;
  state.ratingOnScreen = param('rating') !== 'off';
  if (!state.no) state.problem = 'noCounter';
  else if (!state.token) state.problem = 'noToken';
}

function start() {
  state.lang = pickLang();
  state.t = translator(TEXT, state.lang);
  readParams();
  $('lang-toggle').addEventListener('click', toggleLang);
  for (const score of SCORES) $('rate-' + score).addEventListener('click', () => chooseScore(score));
  $('rating-back').addEventListener('click', backToScores);
  setInterval(renderClock, 1000);
  render();
  loadHall();
  if (state.problem) return;
  openStream({ token: state.token, counterNo: state.no, onSnapshot: scheduleLoad, onEvent, onState: onLiveState });
  loadCounter();
}

start();
