// HallQ kiosk (取号机): /kiosk/?token=<kiosk device token>[&lang=en]
// A citizen picks a 绿色通道 category if one applies, then a service, and gets a numbered ticket.
// 预约签到: a booked citizen's QR code, read by the scanner (it types the code and Enter), or their ID card
// on the kiosk's reader (the bridge tells the server; the result comes back on the event stream).
import {
  api,
  errorText,
  openStream,
  pickLang,
  translator,
  localName,
  param,
  WaitingCounts,
  switchLang,
  fetchHall,
  byId,
  showText,
  element
} from '../common/hallq.js';

const TEXT = {
  zh: {
    htmlLang: 'zh-CN',
    title: '自助取号',
    toggle: 'English',
    prompt: '请选择办理业务',
    priorityTitle: '绿色通道',
    priorityHint: '老年人、残疾人、军人、孕妇请先选择类别，再点击业务',
    waiting: '{n} 人等候',
    loadingHall: '正在加载大厅信息…',
    hallFailed: '暂时无法获取大厅信息，正在自动重试…',
    issuing: '正在取号，请稍候…',
    noToken: '本机链接缺少设备令牌（token），无法取号，请联系工作人员。',
    badToken: '本机设备令牌无效或无取号权限，请联系工作人员。（{detail}）',
    rejected: '取号未成功，请联系工作人员。（{detail}）',
    HALL_CLOSED: '现在不是取号时间，请在大厅办公时间内取号。',
    LAST_ISSUE_PASSED: '该业务今日已停止取号，请下一个工作日再来。',
    DAILY_QUOTA_REACHED: '该业务今日号源已发完（限号），请下一个工作日再来或网上预约。',
    network: '网络异常，未能确认取号结果。请再点一次同一业务重试，不会重复出号。',
    serverError: '服务器暂时出错。请再点一次同一业务重试，不会重复出号。',
    result: {
      priority: '绿色通道：{n}',
      ahead: '前面还有 {n} 人',
      estimate: '预计等候 {min}–{max} 分钟',
      noEstimate: '暂无开放窗口，暂无法估计等候时间',
      qrAlt: '号票 {n} 的二维码',
      qrCaption: '扫码查看排队进度',
      print: '请取走号票；如未出票，请扫描二维码',
      printFailed: '打印机{reason}，未能出票。请用手机扫描二维码保存您的号码。',
      printer: { PAPER_OUT: '缺纸', COVER_OPEN: '纸仓盖未合上', CUTTER_ERROR: '切纸故障', OFFLINE: '无响应' },
      done: '完成（{n} 秒）',
      appointment: '预约号：请留意叫号，将优先办理',
      late: '已超过预约签到时间，按普通号排队',
      smsLabel: '短信提醒（选填）：快到您时和叫到您时发短信',
      smsPlaceholder: '手机号',
      smsSave: '保存',
      smsTo: '短信提醒将发送至 {n}',
      smsBad: '请输入 11 位手机号码。',
      smsFailed: '未能保存短信提醒：{detail}'
    },
    checkIn: {
      open: '预约签到',
      title: '预约签到',
      hint: '请将预约二维码对准扫码口，或在身份证读卡区刷身份证',
      label: '预约码',
      submit: '签到',
      back: '返回',
      pending: '正在签到，请稍候…',
      APPOINTMENT_NOT_FOUND: '未找到该预约（今日无此身份证的预约）。',
      NOT_TODAY: '该预约不是今天的，请在预约日期前来。',
      APPOINTMENT_CANCELLED: '该预约已取消。',
      ALREADY_CHECKED_IN: '该预约已签到，请勿重复签到。',
      TOO_EARLY: '还未到签到时间。{detail}',
      other: '签到未成功，请联系工作人员。（{detail}）'
    }
  },
  en: {
    htmlLang: 'en',
    title: 'Take a ticket',
    toggle: '中文',
    prompt: 'Please choose a service',
    priorityTitle: 'Priority lane',
    priorityHint: 'If one of these applies to you, choose it first, then the service',
    waiting: '{n} waiting',
    loadingHall: 'Loading the hall information…',
    hallFailed: 'Cannot load the hall information, retrying…',
    issuing: 'Issuing your ticket, please wait…',
    noToken: 'This kiosk link has no device token, so it cannot issue tickets. Please ask the hall staff.',
    badToken: 'This kiosk\'s device token is invalid or may not issue tickets. Please ask the hall staff. ({detail})',
    rejected: 'No ticket was issued. Please ask the hall staff. ({detail})',
    HALL_CLOSED: 'Tickets are not issued at this time. Please come during the hall\'s opening hours.',
    LAST_ISSUE_PASSED: 'This service issues no more tickets today. Please come back on the next working day.',
    DAILY_QUOTA_REACHED: 'Today\'s tickets for this service are all taken. Please come back on the next working day or book online.',
    network: 'Network problem: the ticket could not be confirmed. Tap the same service again to retry; you will not get two tickets.',
    serverError: 'The server had a problem. Tap the same service again to retry; you will not get two tickets.',
    result: {
      priority: 'Priority: {n}',
      ahead: '{n} ahead of you',
      estimate: 'About {min}–{max} min',
      noEstimate: 'No counter is open for this service now, so no estimate yet',
      qrAlt: 'QR code of ticket {n}',
      qrCaption: 'Scan to follow your place in the queue',
      print: 'Please take your ticket; if none was printed, scan the QR code',
      printFailed: 'The printer {reason}, so no ticket was printed. Please scan the QR code to keep your number.',
      printer: { PAPER_OUT: 'is out of paper', COVER_OPEN: 'cover is open', CUTTER_ERROR: 'cutter failed', OFFLINE: 'does not respond' },
      done: 'Done ({n} s)',
      appointment: 'Appointment: you will be called first',
      late: 'You came after your appointment\'s check-in time, so you queue as a walk-in',
      smsLabel: 'SMS reminder (optional): a text when you are almost up and when called',
      smsPlaceholder: 'Mobile number',
      smsSave: 'Save',
      smsTo: 'Text reminders go to {n}',
      smsBad: 'Please enter an 11-digit mobile number.',
      smsFailed: 'The SMS reminder was not saved: {detail}'
    },
    checkIn: {
      open: 'Appointment check-in',
      title: 'Appointment check-in',
      hint: 'Hold your booking\'s QR code to the scanner, or place your ID card on the reader',
      label: 'Booking code',
      submit: 'Check in',
      back: 'Back',
      pending: 'Checking in, please wait…',
      APPOINTMENT_NOT_FOUND: 'No appointment found (none today for this ID card).',
      NOT_TODAY: 'This appointment is not for today.',
      APPOINTMENT_CANCELLED: 'This appointment was cancelled.',
      ALREADY_CHECKED_IN: 'This appointment is already checked in.',
      TOO_EARLY: 'It is too early to check in. {detail}',
      other: 'Check-in failed. Please ask the hall staff. ({detail})'
    }
  }
};

const RESULT_SECONDS = 20;
const IDLE_RESET_MS = 30000;
const HALL_RETRY_MS = 5000;
const ISSUE_TIMEOUT_MS = 10000;
// How long a press without a definite answer may be retried under the same Idempotency-Key.
const RETRY_WINDOW_MS = 60000;

const state = {
  lang: pickLang(),
  token: param('token'),
  hall: null,
  hallFailed: false,
  waiting: new WaitingCounts(), // per service code, from the stream's snapshot on
  priority: null,
  pending: false,
  unsettled: null, // {serviceCode, priority, key, at} of a press that got no definite answer
  problem: null, // {key, values}
  result: null,
  sms: null, // what the SMS reminder form says: the masked number, or why not
  secondsLeft: 0,
  countdown: null,
  idleTimer: null,
  deviceId: null, // this kiosk's id, from /api/v1/auth/me
  printer: null, // {printer, canPrint, ...}: what the printer last reported
  checkingIn: false, // the 预约签到 panel is open
  checkInProblem: null, // text shown under the check-in field
  checkInTimer: null
};

let t = translator(TEXT, state.lang);

function findByCode(list, code) {
  return (list || []).find((item) => item.code === code) || null;
}

function serviceName(code) {
  const service = state.hall && findByCode(state.hall.serviceTypes, code);
  return service ? localName(service, state.lang) : code;
}

function priorityName(code) {
  if (code === 'APPOINTMENT') return t('checkIn.open');
  const priority = state.hall && findByCode(state.hall.priorities, code);
  return priority ? localName(priority, state.lang) : code;
}

// ---- rendering

function renderFrame() {
  document.documentElement.lang = t('htmlLang');
  document.title = t('title');
  byId('lang-toggle').textContent = t('toggle');
  byId('hall-name').textContent = state.hall ? localName(state.hall.hall, state.lang) : 'HallQ';
  byId('prompt').textContent = t('prompt');
  byId('priority-title').textContent = t('priorityTitle');
  byId('priority-hint').textContent = t('priorityHint');
  byId('qr-caption').textContent = t('result.qrCaption');
  byId('check-in-open').textContent = t('checkIn.open');
  byId('check-in-title').textContent = t('checkIn.title');
  byId('check-in-hint').textContent = t('checkIn.hint');
  byId('check-in-label').textContent = t('checkIn.label');
  byId('check-in-submit').textContent = t('checkIn.submit');
  byId('check-in-back').textContent = t('checkIn.back');
  renderPrinter();
}

/** The citizen learns here, with the QR code still shown, when the printer could not print. */
function renderPrinter() {
  const note = byId('print-note');
  const failed = Boolean(state.printer && state.printer.canPrint === false);
  note.dataset.state = failed ? 'failed' : 'ok';
  note.classList.toggle('result-print-failed', failed);
  note.textContent = failed
    ? t('result.printFailed', { reason: t('result.printer.' + state.printer.printer) })
    : t('result.print');
}

function priorityButton(priority) {
  const button = element('button', 'priority-button', localName(priority, state.lang));
  button.type = 'button';
  button.id = 'priority-' + priority.code;
  button.dataset.code = priority.code;
  button.addEventListener('click', () => selectPriority(priority.code));
  return button;
}

function renderPriorities() {
  const priorities = (state.hall && state.hall.priorities) || [];
  byId('priorities').replaceChildren(...priorities.map(priorityButton));
  byId('priorities').parentElement.hidden = priorities.length === 0;
  markPriority();
}

function markPriority() {
  for (const button of byId('priorities').children) {
    button.setAttribute('aria-pressed', String(button.dataset.code === state.priority));
  }
}

function serviceButton(service) {
  const button = element('button', 'service');
  button.type = 'button';
  button.id = 'service-' + service.code;
  button.dataset.code = service.code;
  button.append(
    element('span', 'prefix', service.prefix),
    element('span', 'name', localName(service, state.lang)),
    element('span', 'waiting'));
  button.addEventListener('click', () => issue(service.code));
  return button;
}

function renderServices() {
  const services = (state.hall && state.hall.serviceTypes) || [];
  byId('services').replaceChildren(...services.map(serviceButton));
  renderWaiting();
  renderBusy();
}

function renderWaiting() {
  for (const button of byId('services').children) {
    const count = state.waiting.get(button.dataset.code);
    button.querySelector('.waiting').textContent = count === undefined ? '' : t('waiting', { n: count });
  }
}

function renderBusy() {
  const locked = state.pending || !state.token;
  for (const button of byId('services').children) button.disabled = locked;
  byId('start').setAttribute('aria-busy', String(state.pending));
}

function currentMessage() {
  if (!state.token) return { text: t('noToken'), error: true };
  if (state.problem) return { text: t(state.problem.key, state.problem.values), error: true };
  if (state.pending) return { text: t('issuing'), error: false };
  if (!state.hall) return { text: t(state.hallFailed ? 'hallFailed' : 'loadingHall'), error: state.hallFailed };
  return null;
}

function renderMessage() {
  const message = currentMessage();
  showText('message', message && message.text);
  byId('message').classList.toggle('error', Boolean(message && message.error));
}

function estimateText(reply) {
  const wait = reply.estimatedWait;
  return wait == null ? t('result.noEstimate') : t('result.estimate', { min: wait.minMinutes, max: wait.maxMinutes });
}

function renderResult() {
  const reply = state.result;
  byId('start').hidden = Boolean(reply) || state.checkingIn;
  byId('check-in').hidden = Boolean(reply) || !state.checkingIn;
  showText('check-in-message', state.checkInProblem);
  byId('result').hidden = !reply;
  if (!reply) return;
  const ticket = reply.ticket;
  showText('ticket-service', serviceName(ticket.serviceCode));
  byId('ticket-number').textContent = ticket.number;
  showText('ticket-priority', priorityText(reply));
  showText('ticket-ahead', typeof reply.ahead === 'number' ? t('result.ahead', { n: reply.ahead }) : '');
  byId('ticket-estimate').textContent = estimateText(reply);
  byId('ticket-qr').alt = t('result.qrAlt', { n: ticket.number });
  byId('done').textContent = t('result.done', { n: state.secondsLeft });
  showText('sms-label', t('result.smsLabel'));
  byId('sms-mobile').placeholder = t('result.smsPlaceholder');
  byId('sms-save').textContent = t('result.smsSave');
  showText('sms-state', state.sms);
}

function priorityText(reply) {
  if (reply.late) return t('result.late');
  if (reply.ticket.priority === 'APPOINTMENT') return t('result.appointment');
  return reply.ticket.priority ? t('result.priority', { n: priorityName(reply.ticket.priority) }) : '';
}

function renderAll() {
  renderFrame();
  renderPriorities();
  renderServices();
  renderMessage();
  renderResult();
}

// ---- the citizen's choices

function selectPriority(code) {
  state.priority = state.priority === code ? null : code;
  markPriority();
  armIdleReset();
}

/** The next citizen must not inherit a category or an error someone left behind. */
function armIdleReset() {
  clearTimeout(state.idleTimer);
  state.idleTimer = setTimeout(resetIdle, IDLE_RESET_MS);
}

function resetIdle() {
  state.priority = null;
  if (state.problem && state.problem.key !== 'badToken') state.problem = null;
  markPriority();
  renderMessage();
}

function randomKey() {
  // crypto.randomUUID exists only in secure contexts; a kiosk on the hall LAN may use plain http.
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reuses the key of a recent unanswered press of the same choice, so a retry cannot issue a second ticket. */
function keyFor(serviceCode, priority) {
  const last = state.unsettled;
  const retry = last && last.serviceCode === serviceCode && last.priority === priority
    && Date.now() - last.at < RETRY_WINDOW_MS;
  return retry ? last.key : randomKey();
}

function timeoutSignal(ms) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

/** POST /api/v1/tickets; a retry of the same press sends the same Idempotency-Key. */
function postTicket({ serviceCode, priority, key }) {
  return api('POST', '/api/v1/tickets', {
    token: state.token,
    body: priority ? { serviceCode, priority } : { serviceCode },
    headers: { 'Idempotency-Key': key },
    signal: timeoutSignal(ISSUE_TIMEOUT_MS)
  });
}

async function issue(serviceCode) {
  if (state.pending || !state.token) return;
  const request = { serviceCode, priority: state.priority, key: keyFor(serviceCode, state.priority), at: Date.now() };
  state.pending = true;
  state.problem = null;
  state.unsettled = request;
  renderBusy();
  renderMessage();
  try {
    handleIssueReply(await postTicket(request));
  } catch (failure) {
    state.problem = { key: 'network' };
  } finally {
    state.pending = false;
    renderBusy();
    renderMessage();
    armIdleReset();
  }
}

function handleIssueReply(reply) {
  if (reply.status >= 500) {
    state.problem = { key: 'serverError' };
    return;
  }
  state.unsettled = null;
  if ((reply.status === 201 || reply.status === 200) && reply.body && reply.body.ticket) {
    showResult(reply.body);
  } else {
    state.problem = rejection(reply);
  }
}

/** Refusals a citizen can act on get their own words; anything else names the server's reason for the staff. */
const CITIZEN_REFUSALS = ['HALL_CLOSED', 'LAST_ISSUE_PASSED', 'DAILY_QUOTA_REACHED'];

function rejection(reply) {
  const code = reply.body && reply.body.error ? reply.body.error.code : null;
  if (CITIZEN_REFUSALS.includes(code)) return { key: code, values: {} };
  const detail = errorText(reply, 'HTTP ' + reply.status);
  return { key: reply.status === 401 || reply.status === 403 ? 'badToken' : 'rejected', values: { detail } };
}

function showResult(reply) {
  state.result = reply;
  state.secondsLeft = RESULT_SECONDS;
  byId('qr').hidden = false;
  // An img cannot send headers: the kiosk's token goes as access_token (the QR carries the ticket's key).
  byId('ticket-qr').src = '/api/v1/tickets/' + encodeURIComponent(reply.ticket.id) + '/qr.png?access_token='
    + encodeURIComponent(state.token);
  clearInterval(state.countdown);
  state.countdown = setInterval(countDown, 1000);
  renderResult();
}

function countDown() {
  state.secondsLeft -= 1;
  if (state.secondsLeft <= 0) showStart();
  else byId('done').textContent = t('result.done', { n: state.secondsLeft });
}

/** 短信提醒: the number goes with the ticket's key (from the issue reply); the kiosk keeps no copy. */
async function saveMobile(event) {
  event.preventDefault();
  const reply = state.result;
  const mobile = byId('sms-mobile').value.replace(/\s+/g, '');
  if (!reply) return;
  state.secondsLeft = RESULT_SECONDS;
  if (!/^1[3-9]\d{9}$/.test(mobile)) {
    state.sms = t('result.smsBad');
    renderResult();
    return;
  }
  try {
    const saved = await api('PUT', '/api/v1/tickets/' + encodeURIComponent(reply.ticket.id) + '/contact', {
      body: { mobile },
      headers: { 'Ticket-Key': reply.citizenKey }
    });
    state.sms = saved.status === 200 && saved.body && saved.body.contact
      ? t('result.smsTo', { n: saved.body.contact.mobile })
      : t('result.smsFailed', { detail: errorText(saved, 'HTTP ' + saved.status) });
    if (saved.status === 200) byId('sms-mobile').value = '';
  } catch (e) {
    state.sms = t('result.smsFailed', { detail: e.message });
  }
  renderResult();
}

function showStart() {
  clearInterval(state.countdown);
  state.result = null;
  state.checkingIn = false;
  state.checkInProblem = null;
  state.sms = null;
  byId('sms-mobile').value = '';
  byId('ticket-qr').removeAttribute('src');
  resetIdle();
  renderResult();
}

function toggleLang() {
  state.lang = switchLang(state.lang);
  t = translator(TEXT, state.lang);
  renderAll();
}

// ---- live waiting counts

function applySnapshot(overview) {
  state.waiting.fromSnapshot(overview);
  renderWaiting();
}

function applyEvent(event) {
  if (event.type === 'PRINTER_STATUS') {
    applyPrinter(event.payload);
  } else if (event.type.startsWith('APPOINTMENT_') && event.actor === state.deviceId && event.payload.via === 'ID_CARD') {
    applyIdCard(event);
  } else if (state.waiting.apply(event)) {
    renderWaiting();
  }
}

function applyPrinter(status) {
  if (!status || status.deviceId !== state.deviceId) return;
  state.printer = status;
  renderPrinter();
}

/** Who this kiosk is, and what its printer last reported (the bridge keeps it current). */
async function loadPrinter() {
  try {
    const me = await api('GET', '/api/v1/auth/me', { token: state.token });
    if (me.status !== 200 || !me.body) return;
    state.deviceId = me.body.name;
    const printer = await api('GET', '/api/v1/devices/' + encodeURIComponent(state.deviceId) + '/printer', { token: state.token });
    if (printer.status === 200) applyPrinter(printer.body);
  } catch (failure) {
    // unknown printer state: the default note already tells the citizen to scan if nothing printed
  }
}

// ---- 预约签到

function openCheckIn() {
  state.checkingIn = true;
  state.checkInProblem = null;
  renderResult();
  byId('check-in-code').value = '';
  byId('check-in-code').focus();
  armCheckInReset();
}

/** A panel left open goes back to the start screen, as a result does. */
function armCheckInReset() {
  clearTimeout(state.checkInTimer);
  state.checkInTimer = setTimeout(() => { if (state.checkingIn && !state.result) showStart(); }, IDLE_RESET_MS);
}

/** The scanner types what the QR code holds (the booking code) and Enter. */
async function submitCheckIn(submitted) {
  submitted.preventDefault();
  const field = byId('check-in-code');
  const code = field.value.trim().toUpperCase();
  field.value = '';
  if (!code || state.pending) return;
  state.pending = true;
  state.checkInProblem = t('checkIn.pending');
  renderResult();
  try {
    const reply = await api('POST', '/api/v1/appointments/check-in', {
      token: state.token, body: { code }, signal: timeoutSignal(ISSUE_TIMEOUT_MS)
    });
    if (reply.status === 201 && reply.body && reply.body.ticket) {
      state.checkInProblem = null;
      showResult(reply.body);
    } else {
      state.checkInProblem = checkInRefusal(reply);
    }
  } catch (failure) {
    state.checkInProblem = t('network');
  } finally {
    state.pending = false;
    renderResult();
    armCheckInReset();
  }
}

function checkInRefusal(reply) {
  const error = reply.body && reply.body.error ? reply.body.error : null;
  const detail = errorText(reply, 'HTTP ' + reply.status);
  if (reply.status === 400 && error && error.field === 'code') return t('checkIn.APPOINTMENT_NOT_FOUND');
  if (error && ['APPOINTMENT_NOT_FOUND', 'NOT_TODAY', 'APPOINTMENT_CANCELLED', 'ALREADY_CHECKED_IN', 'TOO_EARLY'].includes(error.code)) {
    return t('checkIn.' + error.code, { detail });
  }
  return t('checkIn.other', { detail });
}

/** The ID card reader of this kiosk checked someone in (or could not): shown as if the code was scanned. */
async function applyIdCard(event) {
  if (event.type === 'APPOINTMENT_CHECK_IN_REFUSED') {
    state.checkingIn = true;
    state.checkInProblem = checkInRefusal({ status: 409, body: { error: { code: event.payload.code, message: '' } } });
    renderResult();
    armCheckInReset();
    return;
  }
  const reply = await api('GET', '/api/v1/tickets/' + encodeURIComponent(event.ticketId));
  if (reply.status === 200 && reply.body) {
    state.checkInProblem = null;
    showResult({ ...reply.body, late: event.payload.late });
  }
}

// ---- start-up

function loadHall() {
  fetchHall((hall) => {
    state.hall = hall;
    state.hallFailed = false;
    renderAll();
  }, () => {
    state.hallFailed = true;
    renderMessage();
  }, HALL_RETRY_MS);
}

/** Tells staff at once when the kiosk's token is wrong, rather than at the first citizen's tap. */
async function checkToken() {
  try {
    const reply = await api('GET', '/api/v1/queue', { token: state.token });
    if (reply.status === 401 || reply.status === 403) {
      state.problem = rejection(reply);
      renderMessage();
    }
  } catch (failure) {
    // the stream and the first tap report an unreachable server
  }
}

function start() {
  byId('lang-toggle').addEventListener('click', toggleLang);
  byId('done').addEventListener('click', showStart);
  byId('check-in-open').addEventListener('click', openCheckIn);
  byId('check-in-back').addEventListener('click', showStart);
  byId('check-in-form').addEventListener('submit', submitCheckIn);
  byId('sms-form').addEventListener('submit', saveMobile);
  byId('sms-mobile').addEventListener('input', () => { state.secondsLeft = RESULT_SECONDS; });
  byId('ticket-qr').addEventListener('error', () => { byId('qr').hidden = true; });
  renderAll();
  loadHall();
  if (state.token) {
    checkToken();
    loadPrinter();
    openStream({ token: state.token, onSnapshot: applySnapshot, onEvent: applyEvent });
  }
}

start();
