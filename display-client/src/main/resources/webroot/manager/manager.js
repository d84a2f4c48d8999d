// HallQ manager dashboard: /manager/[?lang=en]. A hall manager (or admin) signs in and sees the
// dashboard's sections, each kept current from the live event stream. The shell below owns the
// session, language and stream; every section is a module listed in SECTIONS (see devices-section.js).
import { api, openStream, pickLang, translator, errorText, switchLang, fetchHall, byId, showText, localName } from '../common/hallq.js';
import { alertsSection } from './alerts-section.js';
import { complianceSection } from './compliance-section.js';
import { todaySection } from './today-section.js';
import { daySection } from './day-section.js';
import { standardsSection } from './standards-section.js';
import { devicesSection } from './devices-section.js';
import { feedSection } from './feed-section.js';
import { smsSection } from './sms-section.js';
import { kpiSection } from './kpi-section.js';
import { ledgerSection } from './ledger-section.js';
import { queueRulesSection } from './queue-rules-section.js';
import { tidalSection } from './tidal-section.js';
import { appointmentsSection } from './appointments-section.js';

/** The dashboard's sections, top to bottom; each brings its texts and the event types that change it. */
const SECTIONS = [alertsSection, complianceSection, todaySection, daySection, appointmentsSection, standardsSection, queueRulesSection, tidalSection,
  devicesSection, kpiSection, feedSection, smsSection, ledgerSection];

const TEXT = {
  zh: {
    htmlLang: 'zh-CN',
    title: '大厅管理',
    toggle: 'English',
    appName: '大厅管理',
    logout: '退出登录',
    login: {
      title: '管理人员登录',
      note: '本页面供大厅管理人员使用。',
      username: '用户名',
      password: '密码',
      submit: '登录',
      busy: '正在登录…',
      missing: '请填写用户名和密码。',
      invalid: '用户名或密码错误。',
      expired: '登录已过期，请重新登录。',
      network: '无法连接服务器，请稍后重试。'
    },
    notManager: {
      title: '仅限管理人员',
      message: '本页面供大厅管理人员使用。窗口工作人员请使用窗口工作台。',
      console: '前往窗口工作台',
      back: '换一个账号登录'
    },
    role: { MANAGER: '大厅管理员', ADMIN: '系统管理员', CLERK: '窗口工作人员' },
    who: '{name} · {role}',
    live: { live: '实时连接', reconnecting: '正在重连…', off: '' }
  },
  en: {
    htmlLang: 'en',
    title: 'Hall management',
    toggle: '中文',
    appName: 'Hall management',
    logout: 'Sign out',
    login: {
      title: 'Manager sign-in',
      note: 'This page is for hall managers.',
      username: 'User name',
      password: 'Password',
      submit: 'Sign in',
      busy: 'Signing in…',
      missing: 'Enter your user name and password.',
      invalid: 'Wrong user name or password.',
      expired: 'Your session has expired. Please sign in again.',
      network: 'Cannot reach the server. Please try again.'
    },
    notManager: {
      title: 'Managers only',
      message: 'This page is for hall managers. Counter clerks use the counter console.',
      console: 'Go to the counter console',
      back: 'Sign in with another account'
    },
    role: { MANAGER: 'Hall manager', ADMIN: 'Administrator', CLERK: 'Clerk' },
    who: '{name} · {role}',
    live: { live: 'Live', reconnecting: 'Reconnecting…', off: '' }
  }
};
for (const section of SECTIONS) {
  for (const lang of Object.keys(TEXT)) TEXT[lang][section.name] = section.texts[lang];
}

const SESSION_KEY = 'hallq.manager.session';
const MANAGER_ROLES = ['MANAGER', 'ADMIN'];
const REFRESH_DELAY_MS = 150;
const HALL_RETRY_MS = 5000;

const state = {
  lang: 'zh',
  t: null,
  hall: null,
  session: null,
  view: 'login',
  live: 'off',
  loggingIn: false,
  closeStream: null,
  pending: new Set(),
  refreshTimer: null
};

/** What a section gets from the shell: texts, language, the hall, the signed-in role, and calls with the manager's token. */
const app = {
  get t() { return state.t; },
  get lang() { return state.lang; },
  get hall() { return state.hall; },
  get role() { return state.session ? state.session.role : null; },
  signedIn: () => state.view === 'dashboard',
  authed
};

// ---- texts and views ----

function applyTexts() {
  const t = state.t;
  document.documentElement.lang = t('htmlLang');
  document.title = t('title');
  byId('lang-toggle').textContent = t('toggle');
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  byId('hall-name').textContent = state.hall && state.hall.hall ? localName(state.hall.hall, state.lang) : 'HallQ';
}

function renderHeader() {
  const session = state.view === 'dashboard' ? state.session : null;
  const role = session && session.role ? state.t('role.' + session.role) : '';
  showText('who', session ? state.t('who', { name: session.displayName || session.username, role }) : '');
  const live = byId('live');
  live.dataset.state = session ? state.live : 'off';
  live.textContent = session ? state.t('live.' + state.live) : '';
  byId('logout').hidden = !session;
}

function render() {
  applyTexts();
  renderHeader();
  if (state.view === 'dashboard') for (const section of SECTIONS) section.render(app);
}

function show(view) {
  state.view = view;
  byId('login-view').hidden = view !== 'login';
  byId('not-manager-view').hidden = view !== 'not-manager';
  byId('dashboard-view').hidden = view !== 'dashboard';
  render();
  if (view === 'login') {
    const username = byId('login-username');
    (username.value ? byId('login-password') : username).focus();
  }
}

function showLoginError(text) {
  showText('login-error', text);
}

function toggleLang() {
  state.lang = switchLang(state.lang);
  state.t = translator(TEXT, state.lang);
  render();
}

// ---- session ----

function readSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    if (!session || !session.token) return null;
    if (session.expiresAt && new Date(session.expiresAt).getTime() <= Date.now()) return null;
    return session;
  } catch (e) {
    return null;
  }
}

function endSession() {
  sessionStorage.removeItem(SESSION_KEY);
  if (state.closeStream) state.closeStream();
  clearTimeout(state.refreshTimer);
  Object.assign(state, { session: null, live: 'off', closeStream: null, refreshTimer: null });
  state.pending.clear();
  for (const section of SECTIONS) section.clear();
}

function sessionExpired() {
  if (!state.session) return;
  endSession();
  show('login');
  showLoginError(state.t('login.expired'));
}

/** An API call with the manager's token; a 401 means the session is gone. */
async function authed(method, path, body) {
  const session = state.session;
  const reply = await api(method, path, { token: session.token, body });
  if (reply.status === 401 && state.session === session) sessionExpired();
  return reply;
}

/** A clerk signs in to a counter, so the server refuses a clerk who names none: that is the page's answer too. */
function isClerkRefusal(reply) {
  const error = reply.body && reply.body.error;
  return reply.status === 400 && !!error && error.field === 'counterNo';
}

async function onLoginSubmit(event) {
  event.preventDefault();
  if (state.loggingIn) return;
  const username = byId('login-username').value.trim();
  const password = byId('login-password').value;
  if (!username || !password) {
    showLoginError(state.t('login.missing'));
    return;
  }
  setLoggingIn(true);
  try {
    const reply = await api('POST', '/api/v1/auth/login', { body: { username, password } });
    byId('login-password').value = '';
    if (reply.status === 200 && reply.body && reply.body.token) {
      showLoginError('');
      await startSession(reply.body);
    } else if (reply.status === 401) {
      showLoginError(state.t('login.invalid'));
    } else if (isClerkRefusal(reply)) {
      showLoginError('');
      show('not-manager');
    } else {
      showLoginError(errorText(reply, state.t('login.network')));
    }
  } catch (e) {
    showLoginError(state.t('login.network'));
  } finally {
    setLoggingIn(false);
  }
}

function setLoggingIn(busy) {
  state.loggingIn = busy;
  byId('login-submit').disabled = busy;
  byId('login-submit').textContent = state.t(busy ? 'login.busy' : 'login.submit');
}

/** Asks the server who the token belongs to; only a manager or an admin gets the dashboard. */
async function startSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  state.session = session;
  let role = session.role;
  try {
    const me = await api('GET', '/api/v1/auth/me', { token: session.token });
    if (me.status === 401) {
      sessionExpired();
      return;
    }
    if (me.status === 200 && me.body) role = me.body.role;
  } catch (e) {
    // Offline: trust the role the sign-in reply gave; the stream reconnects when the server is back.
  }
  if (state.session !== session) return;
  if (!MANAGER_ROLES.includes(role)) {
    await logout('not-manager');
    return;
  }
  state.session = { ...session, role };
  show('dashboard');
  openLiveStream();
  scheduleRefresh(SECTIONS);
}

async function logout(nextView = 'login') {
  const session = state.session;
  endSession();
  show(nextView);
  if (session) {
    try {
      await api('POST', '/api/v1/auth/logout', { token: session.token });
    } catch (e) {
      // The session runs out by itself; nothing else to do offline.
    }
  }
}

// ---- live data ----

function openLiveStream() {
  state.closeStream = openStream({
    token: state.session.token,
    // Every (re)connection starts with a snapshot or a replay: reload everything once it is live.
    onSnapshot: () => scheduleRefresh(SECTIONS),
    onEvent: (event) => scheduleRefresh(SECTIONS.filter((section) => section.events.includes(event.type))),
    onState: (live) => {
      if (live === 'unauthorized') {
        sessionExpired();
        return;
      }
      const reconnected = live === 'live' && state.live !== 'live';
      state.live = live;
      renderHeader();
      if (reconnected) scheduleRefresh(SECTIONS);
    }
  });
}

/** Coalesces reloads: a burst of events costs one request per section. */
function scheduleRefresh(sections) {
  for (const section of sections) state.pending.add(section);
  if (state.pending.size > 0 && !state.refreshTimer) state.refreshTimer = setTimeout(runRefresh, REFRESH_DELAY_MS);
}

function runRefresh() {
  state.refreshTimer = null;
  const sections = [...state.pending];
  state.pending.clear();
  if (state.view !== 'dashboard') return;
  for (const section of sections) section.load(app);
}

// ---- start ----

function start() {
  state.lang = pickLang();
  state.t = translator(TEXT, state.lang);
  byId('lang-toggle').addEventListener('click', toggleLang);
  byId('login-form').addEventListener('submit', onLoginSubmit);
  byId('logout').addEventListener('click', () => logout());
  byId('back-to-login').addEventListener('click', () => show('login'));
  const session = readSession();
  if (session) {
    byId('login-view').hidden = true;
    startSession(session);
  } else {
    show('login');
  }
  fetchHall((hall) => {
    state.hall = hall;
    render();
  }, () => {}, HALL_RETRY_MS);
}

start();
