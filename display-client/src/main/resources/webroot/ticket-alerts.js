// 到号提醒 on the citizen's phone page: a sound (Web Audio), a vibration and a notification where the
// browser allows them, once per ticket and kind (NEAR: the hall's threshold or fewer ahead; CALLED),
// remembered across reloads in sessionStorage. Browsers play sound and ask for notifications only
// after a tap, so the page arms both on the citizen's tap on 提醒我.
// Every alert is also logged to window.hallqAlerts (what a test, or a curious citizen, can read back).

const VIBRATION = { NEAR: [300, 150, 300], CALLED: [400, 200, 400, 200, 400] };
const TONES = { NEAR: [660, 880], CALLED: [880, 660, 880] };
const TONE_SECONDS = 0.22;
/** Some browsers never settle the permission prompt (a dismissed or headless one): the page goes on without it. */
const PERMISSION_WAIT_MS = 5000;

const log = (window.hallqAlerts = window.hallqAlerts || []);
let audio = null;

function storageKey(ticketId, what) {
  return 'hallq.alerts.' + ticketId + '.' + what;
}

function remembered(ticketId, what) {
  try {
    return sessionStorage.getItem(storageKey(ticketId, what)) === '1';
  } catch (e) {
    return false; // storage refused (private mode): alerts may repeat after a reload, never fail
  }
}

function remember(ticketId, what) {
  try {
    sessionStorage.setItem(storageKey(ticketId, what), '1');
  } catch (e) {
    // see remembered()
  }
}

/** Whether the citizen tapped 提醒我 for this ticket (in this tab). */
export function armed(ticketId) {
  return remembered(ticketId, 'armed');
}

/**
 * On the citizen's tap: unlocks Web Audio and asks for notifications (both need a user gesture).
 * Resolves to what the browser granted: { sound, notification }.
 */
export async function arm(ticketId) {
  remember(ticketId, 'armed');
  unlockAudio();
  let notification = 'unsupported';
  if ('Notification' in window) {
    notification = Notification.permission;
    if (notification === 'default') {
      try {
        const asked = Notification.requestPermission();
        const unanswered = new Promise((resolve) => setTimeout(() => resolve('default'), PERMISSION_WAIT_MS));
        notification = await Promise.race([asked, unanswered]);
      } catch (e) {
        notification = 'denied';
      }
    }
  }
  return { sound: !!audio, notification };
}

/** A later tap (after a reload) unlocks the sound again; browsers forget it with the page. */
export function unlockAudio() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  try {
    if (!audio) audio = new Context();
    if (audio.state === 'suspended') audio.resume();
  } catch (e) {
    audio = null;
  }
}

/**
 * Alerts once per ticket and kind: returns true when this call alerted. {@code text} is the
 * notification's text; the page shows its own banner either way.
 */
export function alertOnce(ticketId, kind, title, text, detail = {}) {
  if (remembered(ticketId, 'fired.' + kind)) return false;
  remember(ticketId, 'fired.' + kind);
  const entry = { kind, ticketId, at: new Date().toISOString(), ...detail };
  entry.sound = beep(TONES[kind]);
  entry.vibrated = vibrate(VIBRATION[kind]);
  entry.notified = notify(title, text, ticketId + '/' + kind);
  log.push(entry);
  return true;
}

function beep(tones) {
  if (!audio || audio.state !== 'running') return false;
  try {
    const start = audio.currentTime;
    tones.forEach((frequency, i) => {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.25, start + i * TONE_SECONDS);
      gain.gain.exponentialRampToValueAtTime(0.001, start + (i + 1) * TONE_SECONDS);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + i * TONE_SECONDS);
      oscillator.stop(start + (i + 1) * TONE_SECONDS);
    });
    return true;
  } catch (e) {
    return false;
  }
}

function vibrate(pattern) {
  try {
    return !!(navigator.vibrate && navigator.vibrate(pattern));
  } catch (e) {
    return false; // some browsers refuse without a tap first; the banner is the alert that counts
  }
}

function notify(title, body, tag) {
  if (!('Notification' in window) || Notification.permission !== 'granted') return false;
  try {
    new Notification(title, { body, tag });
    return true;
  } catch (e) {
    return false; // Android Chrome allows notifications only from a service worker
  }
}
