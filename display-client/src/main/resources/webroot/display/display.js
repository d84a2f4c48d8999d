// HallQ hall display (综合屏): /display/?token=<display device token>[&lang=en]
// Shows and announces each call, the recent calls and how many wait per service type.
import {
  api,
  errorText,
  openStream,
  pickLang,
  translator,
  hallTime,
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
    title: '叫号屏',
    toggle: 'English',
    callTitle: '正在叫号',
    call: { numberBefore: '请', numberAfter: '号', counterBefore: '到', counterAfter: '号窗口办理' },
    idle: '欢迎光临，请留意叫号',
    historyTitle: '最近叫号',
    historyEmpty: '暂无叫号',
    historyCounter: '{n} 号窗口',
    recalled: '重呼',
    waitingTitle: '各业务等候人数',
    waitingUnit: '人等候',
    connection: { live: '实时', connecting: '正在连接…', reconnecting: '重新连接中…', unauthorized: '设备令牌无效' },
    enableSound: '点击开启语音播报',
    soundOn: '语音播报已开启',
    // Used until GET /api/v1/hall has answered with the hall's own template.
    announcement: '请{number}号到{counter}号窗口办理',
    voiceLang: 'zh-CN',
    noToken: '链接缺少设备令牌（token），无法显示排队信息，请联系工作人员。',
    badToken: '设备令牌无效，请联系工作人员。（{detail}）',
    hallFailed: '暂时无法获取大厅信息，正在自动重试…'
  },
  en: {
    htmlLang: 'en',
    title: 'Hall display',
    toggle: '中文',
    callTitle: 'Now calling',
    call: { numberBefore: 'Number', numberAfter: '', counterBefore: 'please go to counter', counterAfter: '' },
    idle: 'Welcome. Please watch for your number.',
    historyTitle: 'Recent calls',
    historyEmpty: 'No calls yet',
    historyCounter: 'Counter {n}',
    recalled: 'Again',
    waitingTitle: 'Waiting per service',
    waitingUnit: 'waiting',
    connection: { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', unauthorized: 'Device token refused' },
    enableSound: 'Tap to turn on voice announcements',
    soundOn: 'Voice announcements are on',
    announcement: 'Number {number}, please go to counter {counter}',
    voiceLang: 'en-US',
    noToken: 'The link has no device token, so the queue cannot be shown. Please ask the hall staff.',
    badToken: 'The device token is not valid. Please ask the hall staff. ({detail})',
    hallFailed: 'Cannot load the hall information, retrying…'
  }
};

const HISTORY_SIZE = 8;
const HALL_RETRY_MS = 5000;
const MAX_REPEAT = 5;
const REPEAT_GAP_MS = 700;
const CHIME_MS = 1100;
// A two-tone "ding-dong": [frequency in Hz, start in s, length in s].
const CHIME_NOTES = [[988, 0, 0.7], [784, 0.4, 0.9]];
// Some speech engines never fire 'end'; one lost event must not silence every later call.
const SPEECH_GUARD_MS = 4000;
// A citizen who reached the counter (even to step away again: 挂起), left, was marked no-show or was closed unserved no longer needs to hear the call.
const SETTLING_EVENTS = new Set(['SERVICE_STARTED', 'TICKET_NO_SHOW', 'TICKET_CANCELLED', 'TICKET_CLOSED_UNSERVED', 'TICKET_PARKED']);

const state = {
  lang: pickLang(),
  token: param('token'),
  hall: null,
  hallFailed: false,
  problem: null, // {key, values}
  waiting: new WaitingCounts(), // per service code, from the stream's snapshot on
  current: null, // {ticketId, number, counterNo, at, recall}
  history: [],
  connection: 'connecting'
};

const sound = { enabled: false, context: null, queue: [], playing: false, utterance: null };

let t = translator(TEXT, state.lang);

function timeZone() {
  return state.hall ? state.hall.hall.timeZone : undefined;
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- rendering

function renderFrame() {
  document.documentElement.lang = t('htmlLang');
  document.title = t('title');
  byId('lang-toggle').textContent = t('toggle');
  byId('hall-name').textContent = state.hall ? localName(state.hall.hall, state.lang) : 'HallQ';
  byId('call-title').textContent = t('callTitle');
  byId('number-before').textContent = t('call.numberBefore');
  byId('number-after').textContent = t('call.numberAfter');
  byId('counter-before').textContent = t('call.counterBefore');
  byId('counter-after').textContent = t('call.counterAfter');
  byId('call-idle').textContent = t('idle');
  byId('history-title').textContent = t('historyTitle');
  byId('history-empty').textContent = t('historyEmpty');
  byId('waiting-title').textContent = t('waitingTitle');
  byId('enable-sound').textContent = t('enableSound');
}

function renderClock() {
  const now = new Date();
  const zone = timeZone();
  byId('clock').textContent = hallTime(now, zone, state.lang);
  const options = { month: 'long', day: 'numeric', weekday: 'long' };
  if (zone) options.timeZone = zone;
  byId('date').textContent = now.toLocaleDateString(state.lang === 'en' ? 'en-GB' : 'zh-CN', options);
}

function renderConnection() {
  const el = byId('connection');
  el.dataset.state = state.connection === 'live' ? 'live' : 'reconnecting';
  el.textContent = t('connection.' + state.connection);
}

function renderCall() {
  const call = state.current;
  byId('call-lines').hidden = !call;
  byId('call-idle').hidden = Boolean(call);
  byId('current-number').textContent = call ? call.number : '';
  byId('current-counter').textContent = call ? String(call.counterNo) : '';
}

function flashCall() {
  const section = byId('call');
  section.classList.remove('flash');
  void section.offsetWidth; // restarts the CSS animation
  section.classList.add('flash');
}

function historyItem(call) {
  const item = element('li', '');
  item.dataset.number = call.number;
  item.dataset.counter = String(call.counterNo);
  const time = element('time', 'history-time', hallTime(call.at, timeZone(), state.lang));
  time.dateTime = call.at;
  item.append(
    element('span', 'history-number', call.number),
    element('span', 'history-counter', t('historyCounter', { n: call.counterNo })),
    element('span', 'history-tag', call.recall ? t('recalled') : ''),
    time);
  return item;
}

function renderHistory() {
  byId('history').replaceChildren(...state.history.map(historyItem));
  byId('history-empty').hidden = state.history.length > 0;
}

function waitingItem(service) {
  const item = element('li', 'waiting-item');
  const count = element('strong', 'waiting-count');
  count.id = 'waiting-' + service.code;
  count.dataset.code = service.code;
  const figure = element('span', 'waiting-figure');
  figure.append(count, element('span', 'waiting-unit', t('waitingUnit')));
  item.append(
    element('span', 'prefix', service.prefix),
    element('span', 'waiting-name', localName(service, state.lang)),
    figure);
  return item;
}

function renderWaitingList() {
  const services = (state.hall && state.hall.serviceTypes) || [];
  byId('waiting').replaceChildren(...services.map(waitingItem));
  renderWaitingCounts();
}

function renderWaitingCounts() {
  for (const count of byId('waiting').querySelectorAll('.waiting-count')) {
    const waiting = state.waiting.get(count.dataset.code);
    count.textContent = waiting === undefined ? '–' : String(waiting);
  }
}

function currentProblem() {
  if (!state.token) return t('noToken');
  if (state.problem) return t(state.problem.key, state.problem.values);
  if (!state.hall && state.hallFailed) return t('hallFailed');
  return '';
}

function renderMessage() {
  showText('message', currentProblem());
}

function renderAll() {
  renderFrame();
  renderClock();
  renderConnection();
  renderCall();
  renderHistory();
  renderWaitingList();
  renderMessage();
}

// ---- calls

function callFromEvent(event) {
  const payload = event.payload || {};
  return {
    ticketId: event.ticketId,
    number: payload.number,
    counterNo: event.counterNo,
    at: event.at,
    recall: event.type === 'TICKET_RECALLED'
  };
}

function showCall(call) {
  state.current = call;
  state.history = [call, ...state.history.filter((earlier) => earlier.ticketId !== call.ticketId)].slice(0, HISTORY_SIZE);
  renderCall();
  renderHistory();
  flashCall();
  announce(call);
}

/** After a reload the screen starts from the calls the counters still hold, without announcing them. */
function seedCalls(overview) {
  if (state.history.length) return;
  const calls = (overview.counters || [])
    .filter((counter) => counter.ticket && counter.ticket.calledAt
      && (counter.ticket.status === 'CALLED' || counter.ticket.status === 'SERVING'))
    .map((counter) => ({
      ticketId: counter.ticket.id,
      number: counter.ticket.number,
      counterNo: counter.counterNo,
      at: counter.ticket.calledAt,
      recall: false
    }))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  state.history = calls.slice(0, HISTORY_SIZE);
  state.current = calls[0] || null;
  renderCall();
  renderHistory();
}

// ---- waiting counts

function countWaiting(event) {
  if (!state.waiting.apply(event)) return;
  renderWaitingCounts();
}

// ---- stream

function applySnapshot(overview) {
  state.waiting.fromSnapshot(overview);
  renderWaitingCounts();
  seedCalls(overview);
}

function applyEvent(event) {
  countWaiting(event);
  if (event.type === 'TICKET_CALLED' || event.type === 'TICKET_RECALLED') {
    const call = callFromEvent(event);
    if (call.number && call.counterNo != null) showCall(call);
  } else if (SETTLING_EVENTS.has(event.type)) {
    dropAnnouncement(event.ticketId);
  }
}

function applyConnection(connection) {
  // Until the stream has been live once, a failure is still "connecting".
  state.connection = connection === 'reconnecting' && state.connection === 'connecting' ? 'connecting' : connection;
  renderConnection();
}

// ---- sound: a chime, then the spoken call; one announcement at a time

function announcementText(call) {
  const display = (state.hall && state.hall.display) || {};
  const template = (state.lang === 'en' ? display.announcementEn : display.announcement) || t('announcement');
  return template.replaceAll('{number}', call.number).replaceAll('{counter}', String(call.counterNo));
}

function repeatCount() {
  const repeat = state.hall && state.hall.display ? Number(state.hall.display.repeat) : 1;
  return Number.isInteger(repeat) && repeat > 0 ? Math.min(repeat, MAX_REPEAT) : 1;
}

function announce(call) {
  if (!sound.enabled) return;
  // A newer call at a counter replaces that counter's call not yet spoken.
  dropWhere((item) => item.counterNo === call.counterNo);
  sound.queue.push({
    ticketId: call.ticketId,
    counterNo: call.counterNo,
    text: announcementText(call),
    lang: t('voiceLang'),
    repeat: repeatCount()
  });
  playQueue();
}

function dropWhere(test) {
  sound.queue = sound.queue.filter((item) => !test(item));
}

function dropAnnouncement(ticketId) {
  dropWhere((item) => item.ticketId === ticketId);
}

async function playQueue() {
  if (sound.playing) return;
  sound.playing = true;
  while (sound.queue.length) {
    const item = sound.queue.shift();
    await playChime();
    for (let i = 0; i < item.repeat; i += 1) {
      if (i > 0) await pause(REPEAT_GAP_MS);
      await speak(item.text, item.lang);
    }
  }
  sound.playing = false;
}

function tone(context, [frequency, start, length]) {
  const at = context.currentTime + start;
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.35, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(at);
  oscillator.stop(at + length);
}

function playChime() {
  const context = sound.context;
  if (!context || context.state !== 'running') return Promise.resolve();
  for (const note of CHIME_NOTES) tone(context, note);
  return pause(CHIME_MS);
}

function pickVoice(lang) {
  const voices = speechSynthesis.getVoices();
  const normal = (voice) => voice.lang.replace('_', '-');
  return voices.find((voice) => normal(voice) === lang)
    || voices.find((voice) => normal(voice).startsWith(lang.slice(0, 2)))
    || null;
}

function speak(text, lang) {
  if (!('speechSynthesis' in window) || typeof SpeechSynthesisUtterance !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    let guard = null;
    const finish = () => {
      clearTimeout(guard);
      resolve();
    };
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    const voice = pickVoice(lang);
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9;
    utterance.onend = finish;
    utterance.onerror = finish;
    guard = setTimeout(() => {
      speechSynthesis.cancel(); // clears an engine that got stuck, so the next call is heard
      finish();
    }, SPEECH_GUARD_MS + text.length * 300);
    sound.utterance = utterance; // Chrome may never fire 'end' on an utterance nothing refers to
    speechSynthesis.speak(utterance);
  });
}

/** The tap browsers require before a page may play sound. */
async function enableSound() {
  byId('enable-sound').hidden = true;
  const AudioContextClass = window.AudioContext || window.webkitAudioContext;
  if (AudioContextClass && !sound.context) sound.context = new AudioContextClass();
  if (sound.context) await sound.context.resume().catch(() => {});
  sound.enabled = true;
  sound.queue.push({ ticketId: null, counterNo: null, text: t('soundOn'), lang: t('voiceLang'), repeat: 1 });
  playQueue();
}

// ---- start-up

function toggleLang() {
  state.lang = switchLang(state.lang);
  t = translator(TEXT, state.lang);
  renderAll();
}

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

/** Says so on the screen when the token is wrong, instead of "reconnecting" for ever. */
async function checkToken() {
  try {
    const reply = await api('GET', '/api/v1/queue', { token: state.token });
    if (reply.status === 401 || reply.status === 403) {
      state.problem = { key: 'badToken', values: { detail: errorText(reply, 'HTTP ' + reply.status) } };
      renderMessage();
    }
  } catch (failure) {
    // the connection indicator shows an unreachable server
  }
}

function start() {
  byId('lang-toggle').addEventListener('click', toggleLang);
  byId('enable-sound').addEventListener('click', enableSound);
  renderAll();
  setInterval(renderClock, 1000);
  loadHall();
  if (state.token) {
    checkToken();
    openStream({ token: state.token, onSnapshot: applySnapshot, onEvent: applyEvent, onState: applyConnection });
  }
}

start();
