// Shared helpers for the HallQ browser apps (ES module): API calls, the live event stream,
// language and hall-time formatting. Pages import what they need:
//   import { api, openStream, pickLang, translator, hallTime } from '../common/hallq.js';

/**
 * Calls the HallQ API; resolves to {status, body} (body is parsed JSON or null), never rejects on
 * HTTP errors. Extra request headers and an AbortSignal (e.g. a timeout) are optional.
 */
export async function api(method, path, { token, body, headers: extra = {}, signal } = {}) {
  const headers = { ...extra };
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = response.headers.get('Content-Type') || '';
  const parsed = type.startsWith('application/json') ? await response.json() : null;
  return { status: response.status, body: parsed };
}

/** The error message of an API reply, or a fallback. */
export function errorText(reply, fallback) {
  return reply && reply.body && reply.body.error ? reply.body.error.message : fallback;
}

/**
 * Subscribes to GET /api/v1/events. The browser's EventSource reconnects by itself and sends
 * Last-Event-ID, so the server replays what was missed (or sends a fresh snapshot). If the stream is
 * closed for good (e.g. the server was down), it is reopened after a pause from the last id seen.
 * Handlers: onSnapshot(overview), onEvent(event), onState('live' | 'reconnecting' | 'unauthorized').
 * Returns a function that closes the stream.
 */
export function openStream({ token, counterNo, onSnapshot, onEvent, onState = () => {} }) {
  let source = null;
  let lastId = null;
  let closed = false;
  const EVENT_TYPES = ['TICKET_ISSUED', 'TICKET_CALLED', 'TICKET_RECALLED', 'TICKET_NO_SHOW', 'TICKET_REQUEUED',
    'TICKET_PARKED', 'SERVICE_STARTED', 'SERVICE_FINISHED', 'TICKET_TRANSFERRED', 'TICKET_CANCELLED', 'TICKET_RATED', 'RATING_REQUESTED', 'COUNTER_PAUSED',
    'COUNTER_RESUMED', 'COUNTER_SERVICES_CHANGED', 'PRINTER_STATUS', 'DEVICE_STATUS', 'STANDARDS_CHANGED', 'ALERT_RAISED', 'ALERT_CLEARED',
    'ALERT_ACKED', 'FOLLOW_UP_CHANGED', 'TICKET_CLOSED_UNSERVED', 'DAY_CLOSED', 'APPOINTMENT_CHECKED_IN',
    'APPOINTMENT_CHECK_IN_REFUSED'];

  function url() {
    const params = new URLSearchParams();
    if (token) params.set('access_token', token);
    if (counterNo) params.set('counterNo', String(counterNo));
    if (lastId !== null) params.set('lastEventId', String(lastId));
    return '/api/v1/events?' + params.toString();
  }

  function connect() {
    source = new EventSource(url());
    source.onopen = () => onState('live');
    source.onerror = () => {
      onState('reconnecting');
      if (source.readyState === EventSource.CLOSED && !closed) {
        setTimeout(reopenUnlessRefused, 2000);
      }
    };
    source.addEventListener('snapshot', (message) => {
      lastId = Number(message.lastEventId);
      onSnapshot(JSON.parse(message.data));
    });
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        lastId = Number(message.lastEventId);
        onEvent(JSON.parse(message.data));
      });
    }
  }

  /** A refused token will not get better by retrying: say so (state 'unauthorized') and stop. */
  async function reopenUnlessRefused() {
    if (closed) return;
    try {
      const me = await api('GET', '/api/v1/auth/me', { token });
      if (me.status === 401 || me.status === 403) {
        closed = true;
        onState('unauthorized');
        return;
      }
    } catch (failure) {
      // server unreachable: keep trying
    }
    connect();
  }

  connect();
  return () => {
    closed = true;
    if (source) source.close();
  };
}

/**
 * Waiting tickets per service type, kept current from the live stream: set from each snapshot,
 * then moved by the events. A transfer logs TICKET_TRANSFERRED for the ticket that was being served
 * (it was not waiting) and TICKET_ISSUED for the new waiting ticket, so only the latter counts. A parked
 * ticket (挂起) was not waiting either, so neither TICKET_PARKED nor its call back changes a count.
 */
export class WaitingCounts {
  #counts = null;
  #day = null;

  fromSnapshot(overview) {
    this.#day = overview.serviceDay;
    this.#counts = new Map((overview.services || []).map((service) => [service.serviceCode, service.waiting]));
  }

  /**
   * Applies an event; true if a count changed. Like the server's overview, only today's tickets
   * count: the first event of a new service day starts every count from zero, and events about an
   * earlier day's tickets change nothing.
   */
  apply(event) {
    const payload = event.payload || {};
    if (!this.#counts) return false;
    if (payload.serviceDay && this.#day && payload.serviceDay < this.#day) return false;
    let changed = false;
    if (payload.serviceDay && payload.serviceDay !== this.#day) {
      this.#day = payload.serviceDay;
      for (const code of this.#counts.keys()) this.#counts.set(code, 0);
      changed = true;
    }
    const change = WaitingCounts.#changeOf(event);
    if (change === 0 || !payload.serviceCode) return changed;
    this.#counts.set(payload.serviceCode, Math.max(0, (this.#counts.get(payload.serviceCode) || 0) + change));
    return true;
  }

  /** The count, or undefined before the first snapshot. */
  get(code) {
    return this.#counts ? this.#counts.get(code) : undefined;
  }

  static #changeOf(event) {
    switch (event.type) {
      case 'TICKET_ISSUED':
      case 'TICKET_REQUEUED':
        return 1;
      case 'TICKET_CALLED':
        return event.payload && event.payload.calledBack ? 0 : -1;
      case 'TICKET_CLOSED_UNSERVED':
        return -1;
      case 'TICKET_CANCELLED':
        // A called ticket keeps its counter when cancelled; a waiting one has none.
        return event.counterNo == null ? -1 : 0;
      default:
        return 0;
    }
  }
}

/** Switches zh ⇄ en, keeping the page's other URL parameters; returns the new language. */
export function switchLang(lang) {
  const next = lang === 'en' ? 'zh' : 'en';
  const params = new URLSearchParams(location.search);
  if (next === 'en') params.set('lang', 'en');
  else params.delete('lang');
  const query = params.toString();
  history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
  return next;
}

/**
 * GET /api/v1/hall until it answers: onHall(hall) once it does; onRetry() after each failure, then
 * another try after retryMs.
 */
export async function fetchHall(onHall, onRetry, retryMs) {
  try {
    const reply = await api('GET', '/api/v1/hall');
    if (reply.status === 200 && reply.body && reply.body.hall) {
      onHall(reply.body);
      return;
    }
  } catch (failure) {
    // unreachable server: retried below
  }
  onRetry();
  setTimeout(() => fetchHall(onHall, onRetry, retryMs), retryMs);
}

/** 'en' when the URL says ?lang=en, else 'zh' (Chinese is the default). */
export function pickLang() {
  return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
}

/** t('key.sub', {n: 3}) over a {zh: {...}, en: {...}} table, filling {n}-style placeholders. */
export function translator(table, lang) {
  return (key, values = {}) => {
    const text = key.split('.').reduce((node, part) => (node == null ? node : node[part]), table[lang]);
    if (typeof text !== 'string') return key;
    return text.replace(/\{(\w+)\}/g, (all, name) => (values[name] === undefined ? all : String(values[name])));
  };
}

/** A time as the hall's wall clock (HH:mm), whatever zone the browser is in. */
export function hallTime(value, timeZone, lang) {
  const date = value instanceof Date ? value : new Date(value);
  if (isNaN(date.getTime())) return '';
  const options = { hour: '2-digit', minute: '2-digit', hour12: false };
  if (timeZone) options.timeZone = timeZone;
  return date.toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', options);
}

/** A name in the page's language from an object with name / nameEn. */
export function localName(item, lang) {
  return lang === 'en' && item.nameEn ? item.nameEn : item.name;
}

export function byId(id) {
  return document.getElementById(id);
}

/** Sets an element's text and hides it while there is none. */
export function showText(id, text) {
  const el = byId(id);
  el.textContent = text || '';
  el.hidden = !text;
}

/** A new element with a class and, optionally, text (never HTML). */
/**
 * One button per reason the hall configures for a low rating (GET /api/v1/hall → lowRatingReasons),
 * made once inside {@code container} with ids {@code idPrefix + code}, labelled in the page's language.
 * Returns the buttons in the hall's order.
 */
export function reasonButtons(container, reasons, lang, idPrefix, className, onChoose) {
  return reasons.map((reason) => {
    let button = document.getElementById(idPrefix + reason.code);
    if (!button) {
      button = element('button', className);
      button.type = 'button';
      button.id = idPrefix + reason.code;
      button.addEventListener('click', () => onChoose(reason.code));
      container.append(button);
    }
    button.textContent = localName(reason, lang);
    return { code: reason.code, button };
  });
}

export function element(tag, className, text) {
  const el = document.createElement(tag);
  el.className = className;
  if (text != null) el.textContent = text;
  return el;
}

/** Reads a query parameter. */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}
