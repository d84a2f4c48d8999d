// HallQ landing page: the hall and its service types, from GET /api/v1/hall.
'use strict';

var TEXT = {
  zh: {
    htmlLang: 'zh-CN',
    title: 'HallQ 政务服务大厅排队叫号',
    toggle: 'English',
    intro: '政务服务大厅排队叫号系统',
    loading: '正在加载…',
    servicesTitle: '业务类型',
    noServices: '暂无业务类型。',
    waiting: '{n} 人等候',
    standards: '目标等候 {w} 分钟 · 标准办理 {s} 分钟',
    counters: '共 {n} 个服务窗口',
    updated: '更新于 {n}',
    stale: '暂时无法更新，稍后自动重试（上次更新 {n}）',
    failed: '暂时无法获取大厅信息，请稍后刷新页面或联系工作人员。',
    apiTitle: '接口说明',
    apiLink: 'API 说明（OpenAPI）',
    managerTitle: '管理',
    managerLink: '大厅管理（设备状态）',
    bookingLink: '网上预约（选择业务、日期和时段）',
    devicesTitle: '演示',
    devicesLink: '模拟设备（打印机、LED 屏、评价器、呼叫器）'
  },
  en: {
    htmlLang: 'en',
    title: 'HallQ government service hall queue',
    toggle: '中文',
    intro: 'Queue and ticket system for the government service hall',
    loading: 'Loading…',
    servicesTitle: 'Services',
    noServices: 'No service types yet.',
    waiting: '{n} waiting',
    standards: 'Target wait {w} min · standard service {s} min',
    counters: '{n} counters',
    updated: 'Updated {n}',
    stale: 'Cannot update right now, retrying (last update {n})',
    failed: 'Cannot load the hall information. Please reload later or ask the hall staff.',
    apiTitle: 'API',
    apiLink: 'API description (OpenAPI)',
    managerTitle: 'Management',
    managerLink: 'Hall management (device status)',
    bookingLink: 'Book an appointment (service, day and time)',
    devicesTitle: 'Demo',
    devicesLink: 'Simulated devices (printer, LED signs, evaluation pads, keypads)'
  }
};

var REFRESH_MS = 30000;

var state = { lang: 'zh', hall: null, failed: false, updatedAt: null };

function langFromUrl() {
  return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
}

function fill(template, values) {
  return template.replace(/\{(\w)\}/g, function (match, key) {
    return values[key] == null ? '' : String(values[key]);
  });
}

function setText(elementId, text) {
  var el = document.getElementById(elementId);
  el.textContent = text || '';
  el.hidden = !text;
}

function localName(item, fallback) {
  if (!item) return fallback || '';
  return (state.lang === 'en' && item.nameEn) ? item.nameEn : (item.name || fallback || '');
}

function clockTime(date) {
  return date.toLocaleTimeString(state.lang === 'en' ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit' });
}

function element(tag, className, text) {
  var el = document.createElement(tag);
  if (className) el.className = className;
  if (text != null) el.textContent = text;
  return el;
}

function serviceItem(t, service) {
  var item = element('li');
  item.appendChild(element('span', 'prefix', service.prefix || ''));
  var info = element('div', 'info');
  info.appendChild(element('div', 'name', localName(service, service.code)));
  info.appendChild(element('div', 'muted', fill(t.standards, { w: service.targetWaitMinutes, s: service.standardServiceMinutes })));
  item.appendChild(info);
  // /api/v1/hall carries a waiting count only if the server adds one; shown when present.
  if (typeof service.waiting === 'number') item.appendChild(element('span', 'waiting', fill(t.waiting, { n: service.waiting })));
  return item;
}

function renderServices(t) {
  var list = document.getElementById('services');
  var services = (state.hall && state.hall.serviceTypes) || [];
  list.textContent = '';
  services.forEach(function (service) { list.appendChild(serviceItem(t, service)); });
  document.getElementById('services-title').hidden = !state.hall;
  if (state.hall && services.length === 0) list.appendChild(element('li', 'muted', t.noServices));
}

function render() {
  var t = TEXT[state.lang];
  document.documentElement.lang = t.htmlLang;
  document.title = t.title;
  document.getElementById('lang-toggle').textContent = t.toggle;
  setText('intro', t.intro);
  setText('services-title', t.servicesTitle);
  setText('api-title', t.apiTitle);
  setText('api-link', t.apiLink);
  setText('manager-title', t.managerTitle);
  setText('manager-link', t.managerLink);
  setText('booking-link', t.bookingLink);
  setText('devices-title', t.devicesTitle);
  setText('devices-link', t.devicesLink);
  setText('hall-name', state.hall && state.hall.hall ? localName(state.hall.hall, 'HallQ') : 'HallQ');
  var message = state.hall ? '' : (state.failed ? t.failed : t.loading);
  setText('message', message);
  document.getElementById('message').className = state.failed && !state.hall ? 'message error' : 'message';
  renderServices(t);
  var counters = state.hall && state.hall.counters;
  setText('counters', counters && counters.length ? fill(t.counters, { n: counters.length }) : '');
  var when = state.updatedAt ? clockTime(state.updatedAt) : '';
  setText('updated', !state.hall ? '' : fill(state.failed ? t.stale : t.updated, { n: when }));
}

function handleHallReply(res) {
  if (res.ok && res.body && res.body.hall) {
    state.hall = res.body;
    state.failed = false;
    state.updatedAt = new Date();
  } else {
    state.failed = true;
  }
  render();
}

function handleFailure() {
  state.failed = true;
  render();
}

function loadHall() {
  if (document.hidden) return;
  fetch('api/v1/hall', { headers: { Accept: 'application/json' }, cache: 'no-store' })
    .then(function (res) {
      return res.json().catch(function () { return null; }).then(function (body) {
        return { ok: res.ok, body: body };
      });
    })
    .then(handleHallReply, handleFailure);
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
  document.getElementById('lang-toggle').addEventListener('click', toggleLang);
  render();
  loadHall();
  setInterval(loadHall, REFRESH_MS);
}

start();
