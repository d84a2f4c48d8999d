// HallQ ticket status page: /ticket.html?id=<ticket uuid>[&lang=en]
'use strict';

var TEXT = {
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
      TRANSFERRED: '已转办'
    },
    calledNoCounter: '已叫号，请留意叫号屏',
    ahead: '前面还有 {n} 人',
    estimate: '预计等候约 {n} 分钟',
    noCounterOpen: '目前没有开放的窗口，暂无法估计等候时间',
    hint: {
      CALLED: '请尽快前往窗口办理。',
      NO_SHOW: '您已过号，如需继续办理请联系大厅工作人员。',
      TRANSFERRED: '您的业务已转到其他业务类型，号码不变，请留意叫号屏。'
    },
    priority: '优先办理：{n}',
    issued: '取号时间 {n}',
    updated: '更新于 {n}，每 10 秒自动刷新',
    final: '更新于 {n}',
    stale: '暂时无法更新，稍后自动重试（上次更新 {n}）',
    noId: '链接中没有票号，请扫描号票上的二维码。',
    badId: '票号链接无效，请重新扫描号票上的二维码。',
    notFound: '没有找到这张号票，请核对号票或咨询大厅工作人员。',
    failed: '暂时无法连接服务器，稍后自动重试。'
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
      TRANSFERRED: 'Transferred'
    },
    calledNoCounter: 'Called, please watch the display',
    ahead: '{n} ahead of you',
    estimate: 'Estimated wait: about {n} min',
    noCounterOpen: 'No counter is open for this service now, so no estimate yet',
    hint: {
      CALLED: 'Please go to the counter now.',
      NO_SHOW: 'Your number has passed. Please ask the hall staff if you still need service.',
      TRANSFERRED: 'Your case was passed to another service; your number stays the same. Please watch the display.'
    },
    priority: 'Priority: {n}',
    issued: 'Issued at {n}',
    updated: 'Updated {n}, refreshes every 10 seconds',
    final: 'Updated {n}',
    stale: 'Cannot update right now, retrying (last update {n})',
    noId: 'The link has no ticket id. Please scan the QR code on your ticket.',
    badId: 'The ticket link is not valid. Please scan the QR code on your ticket again.',
    notFound: 'This ticket was not found. Please check your ticket or ask the hall staff.',
    failed: 'Cannot reach the server right now, retrying.'
  }
};

var REFRESH_MS = 10000;
var FINAL_STATUSES = ['FINISHED', 'CANCELLED', 'TRANSFERRED'];
var UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

var state = { lang: 'zh', id: null, hall: null, reply: null, problem: null, stale: false, updatedAt: null, timer: null, busy: false };

function langFromUrl() {
  return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
}

function fill(template, value) {
  return template.replace('{n}', String(value));
}

function show(elementId, text) {
  var el = document.getElementById(elementId);
  el.textContent = text || '';
  el.hidden = !text;
}

function getJson(url) {
  return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (res) {
    return res.json().catch(function () { return null; }).then(function (body) {
      return { ok: res.ok, status: res.status, body: body };
    });
  });
}

function findByCode(list, code) {
  return (list || []).filter(function (item) { return item.code === code; })[0] || null;
}

function localName(item, fallback) {
  if (!item) return fallback || '';
  return (state.lang === 'en' && item.nameEn) ? item.nameEn : (item.name || fallback || '');
}

function clockTime(value) {
  var date = value instanceof Date ? value : new Date(value);
  if (isNaN(date.getTime())) return '';
  var options = { hour: '2-digit', minute: '2-digit' };
  // Times are the hall's wall clock, whatever zone the phone is set to.
  if (state.hall && state.hall.hall && state.hall.hall.timeZone) options.timeZone = state.hall.hall.timeZone;
  return date.toLocaleTimeString(state.lang === 'en' ? 'en-GB' : 'zh-CN', options);
}

function statusText(t, ticket) {
  if (ticket.status === 'CALLED' && ticket.counterNo == null) return t.calledNoCounter;
  var template = t.status[ticket.status] || ticket.status;
  return fill(template, ticket.counterNo);
}

function renderTicket(t) {
  var reply = state.reply;
  var ticket = reply.ticket;
  var waiting = ticket.status === 'WAITING';
  var hall = state.hall || {};
  document.getElementById('ticket').setAttribute('data-status', ticket.status);
  show('service', localName(findByCode(hall.serviceTypes, ticket.serviceCode), ticket.serviceCode));
  show('number', ticket.number);
  show('status', statusText(t, ticket));
  show('ahead', waiting && typeof reply.ahead === 'number' ? fill(t.ahead, reply.ahead) : '');
  show('estimate', !waiting ? '' : (reply.estimatedWaitMinutes == null ? t.noCounterOpen : fill(t.estimate, reply.estimatedWaitMinutes)));
  show('priority', ticket.priority ? fill(t.priority, localName(findByCode(hall.priorities, ticket.priority), ticket.priority)) : '');
  show('hint', t.hint[ticket.status]);
  show('issued', ticket.issuedAt ? fill(t.issued, clockTime(ticket.issuedAt)) : '');
}

function render() {
  var t = TEXT[state.lang];
  document.documentElement.lang = t.htmlLang;
  document.title = state.reply ? state.reply.ticket.number + ' · ' + t.title : t.title;
  document.getElementById('lang-toggle').textContent = t.toggle;
  show('hall-name', state.hall && state.hall.hall ? localName(state.hall.hall, 'HallQ') : 'HallQ');
  var hasTicket = !state.problem && !!state.reply;
  document.getElementById('ticket').hidden = !hasTicket;
  show('message', state.problem ? t[state.problem] : (hasTicket ? '' : t.loading));
  document.getElementById('message').className = state.problem ? 'message error' : 'message';
  if (hasTicket) renderTicket(t);
  var when = clockTime(state.updatedAt || new Date());
  var updated = state.stale ? t.stale : (state.timer ? t.updated : t.final);
  show('updated', hasTicket ? fill(updated, when) : '');
}

function stopRefresh() {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}

function loadHall() {
  return getJson('api/v1/hall').then(function (res) {
    if (res.ok && res.body) state.hall = res.body;
  }, function () { /* names fall back to codes; retried on the next refresh */ });
}

function handleTicketReply(res) {
  if (res.ok && res.body && res.body.ticket) {
    state.reply = res.body;
    state.problem = null;
    state.stale = false;
    state.updatedAt = new Date();
    if (FINAL_STATUSES.indexOf(res.body.ticket.status) >= 0) stopRefresh();
  } else if (res.status === 404 || res.status === 400) {
    state.problem = res.status === 404 ? 'notFound' : 'badId';
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

function refresh() {
  if (document.hidden || state.busy) return;
  state.busy = true;
  var hallReady = state.hall ? Promise.resolve() : loadHall();
  hallReady.then(function () {
    return getJson('api/v1/tickets/' + encodeURIComponent(state.id));
  }).then(handleTicketReply, handleFailure).then(refreshDone, refreshDone);
}

function refreshDone() {
  state.busy = false;
}

function toggleLang() {
  state.lang = state.lang === 'en' ? 'zh' : 'en';
  var params = new URLSearchParams(location.search);
  if (state.lang === 'en') params.set('lang', 'en'); else params.delete('lang');
  var query = params.toString();
  history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
  render();
}

function start() {
  state.lang = langFromUrl();
  state.id = (new URLSearchParams(location.search).get('id') || '').trim();
  document.getElementById('lang-toggle').addEventListener('click', toggleLang);
  if (!state.id || !UUID_PATTERN.test(state.id)) {
    state.problem = state.id ? 'badId' : 'noId';
    render();
    return;
  }
  render();
  state.timer = setInterval(refresh, REFRESH_MS);
  document.addEventListener('visibilitychange', function () { if (!document.hidden && state.timer) refresh(); });
  refresh();
}

start();
