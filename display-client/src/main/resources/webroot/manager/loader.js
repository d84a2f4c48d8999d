// The load bookkeeping every dashboard section shares: a reply overtaken by a newer load is dropped,
// and a failed load is retried, except on a 401, which has already signed the manager out.
const RETRY_MS = 5000;

/**
 * fetch(app) makes the section's requests and resolves to a reply, or to an array of replies of which
 * the first must succeed; accept(reply) stores what it brings and says whether it was a success;
 * render(app) follows every answer that is still current. With refreshMs, a success reloads too.
 */
export function createLoader({ fetch, accept, render, refreshMs }) {
  let seq = 0;
  let timer = null;
  let failed = false;

  async function load(app) {
    const mine = ++seq;
    clearTimeout(timer);
    let reply = null;
    try {
      reply = await fetch(app);
    } catch (e) {
      // unreachable server: shown and retried below
    }
    if (mine !== seq || !app.signedIn()) return;
    const first = Array.isArray(reply) ? reply[0] : reply;
    if (reply && accept(reply)) {
      failed = false;
      if (refreshMs) timer = setTimeout(() => load(app), refreshMs);
    } else if (!first || first.status !== 401) {
      failed = true;
      timer = setTimeout(() => load(app), RETRY_MS);
    }
    render(app);
  }

  function clear() {
    seq++;
    clearTimeout(timer);
    failed = false;
  }

  return { load, clear, failed: () => failed };
}
