// A dashboard section over an outbox (好差评上报, 短信提醒): whether its receiver is configured, the
// backlog, and each row that failed, with its last error. Its events reload it; so does a timer, as
// retries happen without events. The section's HTML has the ids <name>-summary, <name>-error,
// <name>-failures-body and <name>-failures-none; its texts have the keys loading, failed,
// notConfigured, delivering, oldest, allDelivered (the counts and the receiver's host interpolated).
import { byId, showText } from '../common/hallq.js';
import { syncRows, whenText } from './rows.js';
import { createLoader } from './loader.js';

const REFRESH_MS = 15000;

/** {@code failureRow(failure, app)} makes one table row of a failing row of the outbox. */
export function createOutboxSection({ name, path, texts, events, failureRow }) {
  let outbox = null;
  const t = (app, key, values) => app.t(name + '.' + key, values);
  const loader = createLoader({
    fetch: (app) => app.authed('GET', path),
    accept: (reply) => {
      if (reply.status !== 200 || !reply.body) return false;
      outbox = reply.body;
      return true;
    },
    render,
    refreshMs: REFRESH_MS
  });

  function summaryText(app) {
    const lines = [t(app, outbox.configured ? 'delivering' : 'notConfigured', outbox)];
    if (outbox.pending > 0 && outbox.oldestPendingAt) lines.push(t(app, 'oldest', { at: whenText(outbox.oldestPendingAt, app) }));
    else if (outbox.configured) lines.push(t(app, 'allDelivered'));
    return lines.join(' ');
  }

  function render(app) {
    showText(name + '-error', loader.failed() ? t(app, 'failed') : '');
    const summary = byId(name + '-summary');
    const body = byId(name + '-failures-body');
    if (!outbox) {
      summary.textContent = loader.failed() ? '' : t(app, 'loading');
      summary.dataset.state = 'unknown';
      syncRows(body, []);
      byId(name + '-failures-none').hidden = true;
      return;
    }
    summary.textContent = summaryText(app);
    summary.dataset.state = !outbox.configured || outbox.failing > 0 ? 'warning' : 'ok';
    summary.dataset.pending = String(outbox.pending);
    const failures = outbox.failures || [];
    syncRows(body, failures.map((failure) => failureRow(failure, app)));
    byId(name + '-failures-none').hidden = failures.length > 0;
  }

  function clear() {
    loader.clear();
    outbox = null;
  }

  return { name, texts, events, load: loader.load, render, clear };
}
