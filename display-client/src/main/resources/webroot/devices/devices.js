// HallQ demo device page (模拟设备): /devices/[?lang=en]
// Shows what each simulated serial device is doing (GET /demo/api/devices, polled) and lends the
// demo a citizen's and a clerk's hands: pad and keypad keys, paper out / in, cable out / in.
// Cards are built once per device and then updated in place, so a poll never eats a click or
// resets a chosen reason.
import { api, errorText, pickLang, translator, switchLang, byId, showText, element } from '../common/hallq.js';

const TEXT = {
  zh: {
    htmlLang: 'zh-CN',
    title: '模拟设备',
    barTitle: 'HallQ · 演示',
    toggle: 'English',
    intro: '取号机打印机、窗口 LED 屏、评价器和呼叫器的模拟器，实时刷新；按钮代替群众和工作人员的手。',
    home: '返回首页',
    loading: '正在加载…',
    unreachable: '暂时无法连接服务器，正在自动重试…',
    noDevices: '本服务器未运行模拟设备（配置 demo.simulatedDevices 未开启），此页面不可用。',
    failed: '操作未成功：{detail}',
    padIgnored: '{id} 当前没有评价请求，按键未计入。',
    heading: { PRINTER: '取号机打印机', SIGN: '窗口 LED 屏', PAD: '评价器', KEYPAD: '呼叫器', IDREADER: '身份证读卡器' },
    name: {
      PRINTER: '打印机 · 取号机 {kiosk}',
      SIGN: 'LED 屏 · {counter} 号窗口',
      PAD: '评价器 · {counter} 号窗口',
      KEYPAD: '呼叫器 · {counter} 号窗口',
      IDREADER: '身份证读卡器 · 取号机 {kiosk}'
    },
    idNumberLabel: '身份证号',
    holderLabel: '姓名',
    placeCard: '放上身份证',
    removeCard: '取走身份证',
    cardOn: '卡上：{card}',
    noCard: '读卡器上没有卡',
    plugged: '已连接',
    unplugged: '已拔出',
    paperOut: '缺纸',
    paperIn: '装纸',
    unplug: '拔出',
    plug: '插回',
    noTickets: '尚未打印号票',
    qrAlt: '号票二维码',
    images: '[图像 ×{n}]',
    signBlank: '（无显示）',
    asking: '正在请求评价',
    idle: '等待评价请求',
    lastScore: '上次评分：{n}',
    levels: { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' },
    reasonLabel: '差评原因（不满意、非常不满意时发送）',
    reasons: {
      '': '未选择',
      LONG_WAIT: '等候时间长',
      LOW_EFFICIENCY: '办事效率低',
      POOR_ATTITUDE: '服务态度差',
      UNFAMILIAR_WITH_BUSINESS: '业务不熟练',
      OTHER: '其他'
    },
    displayLabel: '显示屏',
    nobody: '无人等候',
    blank: '—',
    keys: {
      CALL_NEXT: '叫号',
      RECALL: '重呼',
      NO_SHOW: '过号',
      START: '开始',
      FINISH: '办结',
      PAUSE_RESUME: '暂停/恢复',
      REQUEST_RATING: '请评价'
    }
  },
  en: {
    htmlLang: 'en',
    title: 'Simulated devices',
    barTitle: 'HallQ · demo',
    toggle: '中文',
    intro: 'Simulators of the kiosk printer, counter LED signs, evaluation pads and clerk keypads, updated live; the buttons stand in for citizens\' and clerks\' hands.',
    home: 'Back to the start page',
    loading: 'Loading…',
    unreachable: 'Cannot reach the server, retrying…',
    noDevices: 'This server runs no simulated devices (demo.simulatedDevices is off), so this page has nothing to show.',
    failed: 'Not done: {detail}',
    padIgnored: '{id} has no open rating request, so the key did not count.',
    heading: { PRINTER: 'Ticket printers', SIGN: 'Counter LED signs', PAD: 'Evaluation pads', KEYPAD: 'Clerk keypads', IDREADER: 'ID card readers' },
    name: {
      PRINTER: 'Printer · kiosk {kiosk}',
      SIGN: 'LED sign · counter {counter}',
      PAD: 'Evaluation pad · counter {counter}',
      KEYPAD: 'Keypad · counter {counter}',
      IDREADER: 'ID card reader · kiosk {kiosk}'
    },
    idNumberLabel: 'ID number',
    holderLabel: 'Name',
    placeCard: 'Lay the card on',
    removeCard: 'Take the card away',
    cardOn: 'On the reader: {card}',
    noCard: 'No card on the reader',
    plugged: 'Plugged in',
    unplugged: 'Unplugged',
    paperOut: 'Paper out',
    paperIn: 'Load paper',
    unplug: 'Unplug',
    plug: 'Plug in',
    noTickets: 'No ticket printed yet',
    qrAlt: 'QR code of the ticket',
    images: '[image ×{n}]',
    signBlank: '(blank)',
    asking: 'Asking for a rating',
    idle: 'Waiting for a rating request',
    lastScore: 'Last score: {n}',
    levels: { 5: 'Very satisfied', 4: 'Satisfied', 3: 'Fairly satisfied', 2: 'Dissatisfied', 1: 'Very dissatisfied' },
    reasonLabel: 'Reason (sent with Dissatisfied and Very dissatisfied)',
    reasons: {
      '': 'Not chosen',
      LONG_WAIT: 'Long wait',
      LOW_EFFICIENCY: 'Slow handling',
      POOR_ATTITUDE: 'Poor attitude',
      UNFAMILIAR_WITH_BUSINESS: 'Unfamiliar with the business',
      OTHER: 'Other'
    },
    displayLabel: 'Display',
    nobody: 'No one waiting',
    blank: '—',
    keys: {
      CALL_NEXT: 'Call next',
      RECALL: 'Recall',
      NO_SHOW: 'No-show',
      START: 'Start',
      FINISH: 'Finish',
      PAUSE_RESUME: 'Pause/resume',
      REQUEST_RATING: 'Ask rating'
    }
  }
};

const BASE = '/demo/api/devices';
const POLL_MS = 700;
const IDLE_POLL_MS = 5000;
const NOTICE_MS = 5000;
const KINDS = ['PRINTER', 'SIGN', 'PAD', 'KEYPAD', 'IDREADER'];
const SCORES = [5, 4, 3, 2, 1];
const LOW_SCORE = 2;
const REASONS = ['', 'LONG_WAIT', 'LOW_EFFICIENCY', 'POOR_ATTITUDE', 'UNFAMILIAR_WITH_BUSINESS', 'OTHER'];
const KEYS = ['CALL_NEXT', 'RECALL', 'NO_SHOW', 'START', 'FINISH', 'PAUSE_RESUME', 'REQUEST_RATING'];
/** The demo citizen's card (a valid GB 11643 number); the page only ever shows it masked once laid on. */
const DEMO_CARD = { idNumber: '330106199001191234', name: '张三' };
/** What the keypad firmware draws as 无人等候 in its own font. */
const KEYPAD_NOBODY = 'NONE';

const state = {
  lang: pickLang(),
  devices: null,
  /** 'loading' | 'live' | 'unreachable' | 'none' */
  status: 'loading',
  notice: null,
  noticeTimer: null,
  cards: new Map()
};
let t = translator(TEXT, state.lang);

// ---- cards: built once per device, updated on every poll

function cardFor(device) {
  let card = state.cards.get(device.id);
  if (!card) {
    card = buildCard(device);
    state.cards.set(device.id, card);
    byId('cards-' + device.kind).appendChild(card.root);
  }
  return card;
}

function buildCard(device) {
  const root = element('article', 'device device-' + device.kind.toLowerCase());
  root.id = 'device-' + device.id;
  const head = element('header', 'device-head');
  const name = element('h3', 'device-name');
  const plugged = element('span', 'plug-state');
  plugged.id = 'plugged-' + device.id;
  head.append(name, plugged);
  const path = element('p', 'device-path', device.id + ' · ' + device.path);
  root.append(head, path);
  const card = { root, name, plugged, device, parts: {} };
  switch (device.kind) {
    case 'PRINTER': buildPrinter(card); break;
    case 'SIGN': buildSign(card); break;
    case 'PAD': buildPad(card); break;
    case 'KEYPAD': buildKeypad(card); break;
    case 'IDREADER': buildIdReader(card); break;
    default: break;
  }
  return card;
}

function actionButton(id, className, onClick) {
  const button = element('button', 'action ' + className);
  button.type = 'button';
  button.id = id;
  button.addEventListener('click', onClick);
  return button;
}

function buildPrinter(card) {
  const id = card.device.id;
  const actions = element('div', 'actions');
  card.parts.paperOut = actionButton('paper-out-' + id, 'warn', () => act(id, 'paper', { out: true }));
  card.parts.paperIn = actionButton('paper-in-' + id, '', () => act(id, 'paper', { out: false }));
  card.parts.unplug = actionButton('unplug-' + id, 'warn', () => act(id, 'unplug'));
  card.parts.plug = actionButton('plug-' + id, '', () => act(id, 'plug'));
  actions.append(card.parts.paperOut, card.parts.paperIn, card.parts.unplug, card.parts.plug);
  card.parts.tickets = element('div', 'slips');
  card.parts.tickets.id = 'printed-' + id;
  card.parts.signature = null;
  card.root.append(actions, card.parts.tickets);
}

function buildSign(card) {
  const panel = element('div', 'led');
  const text = element('span', 'led-text');
  text.id = 'shows-' + card.device.id;
  panel.appendChild(text);
  card.parts.text = text;
  card.root.appendChild(panel);
}

function buildPad(card) {
  const id = card.device.id;
  const status = element('p', 'pad-state');
  status.id = 'asking-' + id;
  const scores = element('div', 'scores');
  card.parts.scores = SCORES.map((score) => {
    const button = actionButton('score-' + id + '-' + score, 'score score-' + score, () => pressPad(card, score));
    button.dataset.score = String(score);
    scores.appendChild(button);
    return button;
  });
  const label = element('label', 'reason-label');
  label.htmlFor = 'reason-' + id;
  const select = element('select', 'reason');
  select.id = 'reason-' + id;
  for (const reason of REASONS) {
    const option = element('option', '');
    option.value = reason;
    select.appendChild(option);
  }
  const last = element('p', 'muted pad-last');
  card.parts.status = status;
  card.parts.label = label;
  card.parts.select = select;
  card.parts.last = last;
  card.root.append(status, scores, label, select, last);
}

function buildKeypad(card) {
  const id = card.device.id;
  const screen = element('div', 'lcd');
  const label = element('span', 'lcd-label');
  const text = element('span', 'lcd-text');
  text.id = 'display-' + id;
  screen.append(label, text);
  const keys = element('div', 'keys');
  card.parts.keys = KEYS.map((key) => {
    const button = actionButton('key-' + id + '-' + key, 'key', () => pressKey(id, key));
    button.dataset.key = key;
    keys.appendChild(button);
    return button;
  });
  card.parts.label = label;
  card.parts.text = text;
  card.root.append(screen, keys);
}

function buildIdReader(card) {
  const id = card.device.id;
  const fields = element('div', 'card-fields');
  const inputs = {};
  for (const [field, label] of [['idNumber', 'idNumberLabel'], ['name', 'holderLabel']]) {
    const caption = element('label', '');
    caption.htmlFor = field + '-' + id;
    caption.dataset.text = label;
    const input = element('input', '');
    input.id = field + '-' + id;
    input.value = DEMO_CARD[field];
    input.autocomplete = 'off';
    fields.append(caption, input);
    inputs[field] = input;
  }
  const actions = element('div', 'actions');
  card.parts.place = actionButton('place-card-' + id, '', () => act(id, 'place-card',
    { idNumber: inputs.idNumber.value.trim(), name: inputs.name.value.trim() }));
  card.parts.remove = actionButton('remove-card-' + id, 'warn', () => act(id, 'remove-card'));
  actions.append(card.parts.place, card.parts.remove);
  card.parts.on = element('p', 'card-on');
  card.parts.on.id = 'card-' + id;
  card.parts.fields = fields;
  card.root.append(fields, actions, card.parts.on);
}

function updateCard(card, device) {
  card.device = device;
  card.root.dataset.plugged = String(device.plugged);
  card.name.textContent = t('name.' + device.kind, { kiosk: device.kioskId || '', counter: device.counterNo == null ? '' : device.counterNo });
  card.plugged.textContent = device.plugged ? t('plugged') : t('unplugged');
  card.plugged.classList.toggle('off', !device.plugged);
  switch (device.kind) {
    case 'PRINTER': updatePrinter(card, device); break;
    case 'SIGN': updateSign(card, device); break;
    case 'PAD': updatePad(card, device); break;
    case 'KEYPAD': updateKeypad(card, device); break;
    case 'IDREADER': updateIdReader(card, device); break;
    default: break;
  }
}

/** The card on the reader comes masked from the server (3301**********1234, 张*). */
function updateIdReader(card, device) {
  const parts = card.parts;
  for (const caption of parts.fields.querySelectorAll('label')) caption.textContent = t(caption.dataset.text);
  parts.place.textContent = t('placeCard');
  parts.remove.textContent = t('removeCard');
  parts.remove.disabled = !device.card;
  parts.on.textContent = device.card ? t('cardOn', { card: device.card }) : t('noCard');
}

function updatePrinter(card, device) {
  const parts = card.parts;
  parts.paperOut.textContent = t('paperOut');
  parts.paperIn.textContent = t('paperIn');
  parts.unplug.textContent = t('unplug');
  parts.plug.textContent = t('plug');
  parts.unplug.disabled = !device.plugged;
  parts.plug.disabled = device.plugged;
  const printed = device.printed || [];
  // Redrawn only when the prints change: a redraw reloads every QR image.
  const signature = state.lang + JSON.stringify(printed);
  if (signature === parts.signature) return;
  parts.signature = signature;
  if (printed.length === 0) {
    parts.tickets.replaceChildren(element('p', 'muted', t('noTickets')));
    return;
  }
  const slips = printed.map((ticket, index) => slip(device.id, ticket, index)).reverse();
  parts.tickets.replaceChildren(...slips);
}

/** One printed ticket as a paper slip; index is its place in the printer's list (oldest first). */
function slip(deviceId, ticket, index) {
  const paper = element('figure', 'slip');
  paper.dataset.index = String(index);
  for (const line of ticket.lines || []) {
    const row = element('div', 'slip-line', line.text);
    row.classList.toggle('bold', Boolean(line.bold));
    row.classList.toggle('large', Boolean(line.large));
    if (!line.text) row.classList.add('empty');
    paper.appendChild(row);
  }
  if (ticket.qr) {
    const image = element('img', 'slip-qr');
    image.alt = t('qrAlt');
    image.title = ticket.qr;
    image.src = BASE + '/' + encodeURIComponent(deviceId) + '/tickets/' + index + '/qr.png';
    paper.appendChild(image);
  }
  if (ticket.rasterImages > 0) {
    paper.appendChild(element('div', 'slip-line muted', t('images', { n: ticket.rasterImages })));
  }
  return paper;
}

function updateSign(card, device) {
  const shown = device.shows && device.shows !== '(blank)' ? device.shows : '';
  card.parts.text.textContent = shown || t('signBlank');
  card.parts.text.classList.toggle('blank', !shown);
}

function updatePad(card, device) {
  const parts = card.parts;
  card.root.dataset.asking = String(Boolean(device.asking));
  parts.status.textContent = device.asking ? t('asking') : t('idle');
  parts.status.classList.toggle('asking', Boolean(device.asking));
  for (const button of parts.scores) {
    const score = Number(button.dataset.score);
    button.textContent = t('levels.' + score) + ' (' + score + ')';
  }
  parts.label.textContent = t('reasonLabel');
  for (const option of parts.select.options) option.textContent = t('reasons.' + option.value);
  parts.last.textContent = device.lastScore == null ? '' : t('lastScore', { n: t('levels.' + device.lastScore) + ' (' + device.lastScore + ')' });
}

function updateKeypad(card, device) {
  const parts = card.parts;
  parts.label.textContent = t('displayLabel');
  const text = (device.display || '').trim();
  parts.text.textContent = text === KEYPAD_NOBODY ? t('nobody') : (text || t('blank'));
  parts.text.dataset.raw = text;
  for (const button of parts.keys) button.textContent = t('keys.' + button.dataset.key);
}

// ---- page

function renderFrame() {
  document.documentElement.lang = t('htmlLang');
  document.title = t('title');
  byId('lang-toggle').textContent = t('toggle');
  byId('bar-title').textContent = t('barTitle');
  byId('title').textContent = t('title');
  byId('intro').textContent = t('intro');
  byId('home-link').textContent = t('home');
  for (const kind of KINDS) byId('heading-' + kind).textContent = t('heading.' + kind);
}

function currentMessage() {
  if (state.notice) return { text: state.notice, error: true };
  switch (state.status) {
    case 'loading': return { text: t('loading'), error: false };
    case 'unreachable': return { text: t('unreachable'), error: true };
    case 'none': return { text: t('noDevices'), error: true };
    default: return null;
  }
}

function renderMessage() {
  const message = currentMessage();
  showText('message', message && message.text);
  byId('message').classList.toggle('error', Boolean(message && message.error));
  byId('message').dataset.state = state.status;
}

function renderDevices() {
  const devices = state.devices || [];
  const seen = new Set();
  for (const device of devices) {
    seen.add(device.id);
    updateCard(cardFor(device), device);
  }
  for (const [id, card] of state.cards) {
    if (!seen.has(id)) {
      card.root.remove();
      state.cards.delete(id);
    }
  }
  for (const kind of KINDS) byId('section-' + kind).hidden = !devices.some((device) => device.kind === kind);
}

function renderAll() {
  renderFrame();
  renderMessage();
  renderDevices();
}

function applyList(reply) {
  if (reply.status === 200 && reply.body && Array.isArray(reply.body.devices)) {
    state.devices = reply.body.devices;
    state.status = 'live';
  } else if (reply.status === 404 && reply.body && reply.body.error && reply.body.error.code === 'NO_SIMULATED_DEVICES') {
    state.devices = null;
    state.status = 'none';
  } else {
    // Keep showing the last known state under the warning.
    state.status = 'unreachable';
  }
  renderMessage();
  renderDevices();
}

async function poll() {
  try {
    applyList(await api('GET', BASE));
  } catch (failure) {
    state.status = 'unreachable';
    renderMessage();
    renderDevices();
  }
  setTimeout(poll, state.status === 'none' ? IDLE_POLL_MS : POLL_MS);
}

// ---- the hands

/** POST an action; a reply carrying the device list is shown at once rather than at the next poll. */
async function act(deviceId, action, body = {}) {
  try {
    const reply = await api('POST', BASE + '/' + encodeURIComponent(deviceId) + '/' + action, { body });
    if (reply.status >= 400) {
      notify(t('failed', { detail: errorText(reply, 'HTTP ' + reply.status) }));
      return reply;
    }
    notify(null);
    if (reply.body && Array.isArray(reply.body.devices)) applyList(reply);
    return reply;
  } catch (failure) {
    notify(t('unreachable'));
    return null;
  }
}

async function pressPad(card, score) {
  const body = { score };
  const reason = card.parts.select.value;
  if (score <= LOW_SCORE && reason) body.reason = reason;
  const reply = await act(card.device.id, 'press', body);
  if (reply && reply.status === 200 && reply.body && reply.body.pressed === false) {
    notify(t('padIgnored', { id: card.device.id }));
  }
}

function pressKey(deviceId, key) {
  return act(deviceId, 'press', { key });
}

/** An action's outcome, shown for a while; null clears it. */
function notify(text) {
  state.notice = text;
  clearTimeout(state.noticeTimer);
  if (text) {
    state.noticeTimer = setTimeout(() => notify(null), NOTICE_MS);
  }
  renderMessage();
}

function toggleLang() {
  state.lang = switchLang(state.lang);
  t = translator(TEXT, state.lang);
  state.notice = null;
  renderAll();
}

function start() {
  byId('lang-toggle').addEventListener('click', toggleLang);
  renderAll();
  poll();
}

start();
