// Helpers the dashboard's sections share: keeping a table body in step with a list of rows, and
// the ways times, durations and names read on the dashboard.
import { element } from '../common/hallq.js';

/**
 * Makes the table body hold exactly these rows, in order. A row is data: its id, data-* attributes,
 * an optional class and cells ({className, text, level, span, button}). A row that is already there
 * is updated in place rather than replaced, so whoever holds it (a screen reader, a test, a focused
 * button) keeps a live element. A button cell is {id, label, disabled, onClick}; a cell may also hold
 * nodes the section made and keeps itself (a select, an input), placed as they are, never rebuilt.
 */
export function syncRows(body, rows) {
  const ids = new Set(rows.map((row) => row.id));
  for (const old of [...body.rows]) if (!ids.has(old.id)) old.remove();
  for (const spec of rows) {
    let row = [...body.rows].find((existing) => existing.id === spec.id);
    if (!row) {
      row = element('tr', '');
      row.id = spec.id;
    }
    row.className = spec.className || '';
    for (const key of Object.keys(row.dataset)) if (!(key in (spec.data || {}))) delete row.dataset[key];
    Object.assign(row.dataset, spec.data || {});
    while (row.cells.length > spec.cells.length) row.deleteCell(-1);
    spec.cells.forEach((wanted, i) => fillCell(row.cells[i] || row.insertCell(-1), wanted));
    body.appendChild(row);
  }
}

function fillCell(cell, wanted) {
  cell.className = wanted.className || '';
  cell.colSpan = wanted.span || 1;
  if (wanted.level) cell.dataset.level = wanted.level;
  else delete cell.dataset.level;
  const parts = [];
  if (wanted.text != null && wanted.text !== '') parts.push(String(wanted.text));
  if (wanted.button) parts.push(button(cell, wanted.button));
  if (wanted.nodes) parts.push(...wanted.nodes);
  const kept = [...cell.childNodes];
  if (kept.length !== parts.length || kept.some((node, i) => node !== parts[i] && !sameText(node, parts[i]))) {
    cell.replaceChildren(...parts);
  }
}

function sameText(node, part) {
  return typeof part === 'string' && node.nodeType === Node.TEXT_NODE && node.textContent === part;
}

/** The cell's button with this id, reused when it is there already (it may have the focus). */
function button(cell, spec) {
  let found = [...cell.querySelectorAll('button')].find((b) => b.id === spec.id);
  if (!found) {
    found = element('button', 'small');
    found.type = 'button';
    found.id = spec.id;
  }
  found.textContent = spec.label;
  found.disabled = !!spec.disabled;
  found.onclick = spec.onClick;
  return found;
}

/** A time as the hall's clock; the date too when it was not today (in the hall). */
export function whenText(value, app) {
  if (!value) return '—';
  const date = new Date(value);
  if (isNaN(date.getTime())) return '—';
  const timeZone = app.hall && app.hall.hall ? app.hall.hall.timeZone : undefined;
  const locale = app.lang === 'en' ? 'en-GB' : 'zh-CN';
  const day = (d) => d.toLocaleDateString('en-CA', { timeZone });
  const options = { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone };
  if (day(date) !== day(new Date())) Object.assign(options, { month: '2-digit', day: '2-digit' });
  return date.toLocaleString(locale, options);
}

/** Seconds as mm:ss (minutes may pass 59: a wait of 75 minutes reads 75:00); '—' when unknown. */
export function minutesSeconds(seconds) {
  if (seconds == null || isNaN(seconds)) return '—';
  const whole = Math.max(0, Math.floor(seconds));
  return String(Math.floor(whole / 60)).padStart(2, '0') + ':' + String(whole % 60).padStart(2, '0');
}

/** A percentage with one decimal, or '—' when there is nothing to measure yet. */
export function percent(value) {
  return value == null ? '—' : Number(value).toFixed(1) + '%';
}

/** A service's name in the page's language (the hall lists English names), else what the reply said, else its code. */
export function serviceName(code, app, fallback) {
  const types = app.hall && app.hall.serviceTypes ? app.hall.serviceTypes : [];
  const type = types.find((candidate) => candidate.code === code);
  if (type) return app.lang === 'en' && type.nameEn ? type.nameEn : type.name;
  return fallback || code || '—';
}
