// HallQ 网上预约 (citizen, phone): /booking/[?lang=en]
// Choose a service, a day and a slot, give name, ID number and phone, and get the booking: its code and
// QR code (scanned at the kiosk's 预约签到), the check-in time, and a cancel button. The page's address
// then holds the booking code and, after #, its key: saving the page keeps the booking.
import { api, byId, element, errorText, fetchHall, hallTime, localName, pickLang, showText, switchLang, translator } from '../common/hallq.js';

const TEXT = {
  zh: {
    htmlLang: 'zh-CN',
    title: '网上预约',
    toggle: 'English',
    loading: '正在加载…',
    none: '本大厅暂无可预约的业务。',
    loadFailed: '暂时无法获取可预约时段，请稍后刷新。',
    serviceTitle: '1. 选择业务',
    dateTitle: '2. 选择日期',
    slotTitle: '3. 选择时段',
    personTitle: '4. 填写信息',
    name: '姓名',
    idNumber: '身份证号',
    phone: '手机号',
    matter: '办理事项（选填）',
    book: '提交预约',
    booking: '正在提交…',
    left: '余 {n}',
    full: '已约满',
    weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    rules: '可预约之后 {days} 个工作日；每人每天限约 1 次；时段开始前 {hours} 小时之前可取消；请在时段前后 {grace} 分钟内签到，迟到按普通号排队；'
      + '{days2} 天内爽约 {limit} 次将 {block} 天内不能预约。',
    pick: '请先选择业务、日期和时段。',
    status: { BOOKED: '预约成功', CANCELLED: '已取消', CHECKED_IN: '已签到', LATE: '迟到签到（按普通号）', NO_SHOW: '已过签到时间（爽约）' },
    when: '{date} {weekday} {start}–{end}',
    window: '签到时间：{from}–{until}',
    codeLabel: '预约码',
    hint: '请保存本页面。到大厅后在取号机选择“预约签到”扫描二维码，或刷身份证签到。',
    cancel: '取消预约',
    cancelConfirm: '确认取消？再点一次',
    again: '再预约一个',
    notFound: '未找到该预约，或链接不完整。',
    errors: {
      SLOT_FULL: '该时段已约满，请选择其他时段。',
      ALREADY_BOOKED_THAT_DAY: '您当天已有预约（每人每天限约 1 次）。',
      BOOKING_BLOCKED: '因多次爽约，暂时不能预约。（{detail}）',
      BOOKING_TOO_SOON: '请至少提前一天预约。',
      BOOKING_TOO_FAR: '只能预约之后几个工作日内的时段。',
      NOT_A_WORKING_DAY: '该日期不办公。',
      CANCEL_TOO_LATE: '已过可取消时间。（{detail}）',
      PRIVACY_KEY_MISSING: '本大厅暂不提供网上预约。',
      field: { name: '请填写姓名。', idNumber: '身份证号不正确，请检查。', phone: '手机号不正确，请填写 11 位手机号。', slot: '请选择时段。', date: '请选择日期。' },
      other: '未能完成：{detail}',
      network: '网络异常，请稍后重试。'
    }
  },
  en: {
    htmlLang: 'en',
    title: 'Book an appointment',
    toggle: '中文',
    loading: 'Loading…',
    none: 'This hall takes no appointments at the moment.',
    loadFailed: 'Cannot load the free times now. Please reload later.',
    serviceTitle: '1. Service',
    dateTitle: '2. Day',
    slotTitle: '3. Time',
    personTitle: '4. Your details',
    name: 'Name',
    idNumber: 'Resident ID number',
    phone: 'Mobile number',
    matter: 'Matter (optional)',
    book: 'Book',
    booking: 'Booking…',
    left: '{n} left',
    full: 'Full',
    weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    rules: 'Bookable for the next {days} working days; one booking per person per day; cancel until {hours} h before the time; '
      + 'check in within {grace} minutes of your time, later you queue as a walk-in; {limit} missed appointments in {days2} days '
      + 'block booking for {block} days.',
    pick: 'Please choose a service, a day and a time first.',
    status: { BOOKED: 'Booked', CANCELLED: 'Cancelled', CHECKED_IN: 'Checked in', LATE: 'Checked in late (walk-in)', NO_SHOW: 'Missed' },
    when: '{weekday} {date}, {start}–{end}',
    window: 'Check in from {from} to {until}',
    codeLabel: 'Booking code',
    hint: 'Keep this page. At the hall, choose “Appointment check-in” on the kiosk and scan the QR code, or use your ID card.',
    cancel: 'Cancel the booking',
    cancelConfirm: 'Really cancel? Tap again',
    again: 'Book another',
    notFound: 'No such booking, or the link is incomplete.',
    errors: {
      SLOT_FULL: 'This time is fully booked. Please choose another.',
      ALREADY_BOOKED_THAT_DAY: 'You already have an appointment that day (one per person per day).',
      BOOKING_BLOCKED: 'Too many missed appointments: you cannot book for now. ({detail})',
      BOOKING_TOO_SOON: 'Please book at least one day ahead.',
      BOOKING_TOO_FAR: 'Only the next few working days can be booked.',
      NOT_A_WORKING_DAY: 'The hall is closed that day.',
      CANCEL_TOO_LATE: 'It is too late to cancel. ({detail})',
      PRIVACY_KEY_MISSING: 'This hall does not take bookings online.',
      field: { name: 'Please give your name.', idNumber: 'The ID number is not valid.', phone: 'Please give an 11-digit mobile number.', slot: 'Please choose a time.', date: 'Please choose a day.' },
      other: 'Not done: {detail}',
      network: 'Network problem. Please try again.'
    }
  }
};

const state = {
  lang: pickLang(),
  hall: null,
  offer: null, // GET /api/v1/appointments/slots
  loadFailed: false,
  service: null,
  date: null,
  slot: null,
  pending: false,
  problem: null, // text
  booking: null, // the appointment, masked
  code: new URLSearchParams(location.search).get('code'),
  key: new URLSearchParams(location.hash.slice(1)).get('key'),
  confirmingCancel: false
};

let t = translator(TEXT, state.lang);

function serviceName(code) {
  const service = state.hall && state.hall.serviceTypes.find((s) => s.code === code);
  return service ? localName(service, state.lang) : code;
}

function offered() {
  return (state.offer && state.offer.services) || [];
}

function chosenService() {
  return offered().find((s) => s.serviceCode === state.service) || null;
}

function chosenDay() {
  const service = chosenService();
  return service ? service.days.find((d) => d.date === state.date) || null : null;
}

function weekdayName(date) {
  return TEXT[state.lang].weekdays[new Date(date + 'T12:00:00Z').getUTCDay()];
}

// ---- rendering

function renderFrame() {
  document.documentElement.lang = t('htmlLang');
  document.title = t('title');
  byId('title').textContent = t('title');
  byId('lang-toggle').textContent = t('toggle');
  byId('hall-name').textContent = state.hall ? localName(state.hall.hall, state.lang) : 'HallQ';
  for (const [id, key] of [['service-title', 'serviceTitle'], ['date-title', 'dateTitle'], ['slot-title', 'slotTitle'],
    ['person-title', 'personTitle'], ['name-label', 'name'], ['id-number-label', 'idNumber'], ['phone-label', 'phone'],
    ['matter-label', 'matter'], ['booking-hint', 'hint'], ['booking-name-label', 'name'],
    ['booking-id-label', 'idNumber'], ['booking-phone-label', 'phone'], ['again', 'again']]) {
    byId(id).textContent = t(key);
  }
  byId('booking-code-label').firstChild.textContent = t('codeLabel') + ' ';
  byId('book').textContent = t(state.pending ? 'booking' : 'book');
  byId('cancel').textContent = t(state.confirmingCancel ? 'cancelConfirm' : 'cancel');
}

function choice(id, label, note, pressed, disabled, onChoose) {
  const button = element('button', 'choice', label);
  button.type = 'button';
  button.id = id;
  button.setAttribute('aria-pressed', String(pressed));
  button.disabled = disabled;
  if (note) button.append(element('small', 'note', note));
  button.addEventListener('click', onChoose);
  return button;
}

function renderChoices() {
  byId('services').replaceChildren(...offered().map((s) => choice('service-' + s.serviceCode, serviceName(s.serviceCode), null,
    s.serviceCode === state.service, false, () => choose({ service: s.serviceCode, date: null, slot: null }))));
  const service = chosenService();
  byId('dates').replaceChildren(...(service ? service.days : []).map((d) => {
    const free = d.slots.reduce((sum, s) => sum + s.available, 0);
    return choice('date-' + d.date, d.date.slice(5) + ' ' + weekdayName(d.date), free > 0 ? t('left', { n: free }) : t('full'),
      d.date === state.date, free === 0, () => choose({ date: d.date, slot: null }));
  }));
  const day = chosenDay();
  byId('slots').replaceChildren(...(day ? day.slots : []).map((s) => choice('slot-' + s.start, s.start + '–' + s.end,
    s.available > 0 ? t('left', { n: s.available }) : t('full'), s.start === state.slot, s.available === 0,
    () => choose({ slot: s.start }))));
  const rule = service ? service.rule : null;
  showText('rules', rule ? t('rules', { days: rule.maxWorkingDaysAhead, hours: rule.cancelHoursBefore, grace: rule.graceMinutes,
    limit: rule.noShowLimit, days2: rule.noShowWindowDays, block: rule.blockDays }) : '');
}

function currentMessage() {
  if (state.problem) return { text: state.problem, error: true };
  if (state.booking) return null;
  if (state.loadFailed) return { text: t('loadFailed'), error: true };
  if (!state.offer) return { text: t('loading'), error: false };
  if (offered().length === 0) return { text: t('none'), error: false };
  return null;
}

function renderMessage() {
  const message = currentMessage();
  showText('message', message && message.text);
  byId('message').classList.toggle('error', Boolean(message && message.error));
}

function renderBooking() {
  const booking = state.booking;
  byId('form').hidden = Boolean(booking) || !state.offer || offered().length === 0;
  byId('booking').hidden = !booking;
  if (!booking) return;
  const zone = state.hall ? state.hall.hall.timeZone : undefined;
  byId('booking').dataset.status = booking.status;
  byId('booking-status').textContent = t('status.' + booking.status);
  byId('booking-service').textContent = serviceName(booking.serviceCode) + (booking.matter ? ' · ' + booking.matter : '');
  byId('booking-when').textContent = t('when', { date: booking.date, weekday: weekdayName(booking.date), start: booking.slot, end: booking.slotEnd });
  byId('booking-window').textContent = t('window', { from: hallTime(booking.checkInFrom, zone, state.lang),
    until: hallTime(booking.checkInUntil, zone, state.lang) });
  byId('booking-code').textContent = booking.code;
  byId('booking-name').textContent = booking.name;
  byId('booking-id-number').textContent = booking.idNumber;
  byId('booking-phone').textContent = booking.phone;
  const qr = '/api/v1/appointments/' + encodeURIComponent(booking.code) + '/qr.png?key=' + encodeURIComponent(state.key);
  if (byId('booking-qr').getAttribute('src') !== qr) byId('booking-qr').src = qr;
  byId('booking-qr').alt = t('codeLabel') + ' ' + booking.code;
  byId('cancel').hidden = booking.status !== 'BOOKED';
}

function renderAll() {
  renderFrame();
  renderChoices();
  renderMessage();
  renderBooking();
}

// ---- actions

function choose(change) {
  Object.assign(state, change);
  state.problem = null;
  renderChoices();
  renderMessage();
}

function refusal(reply) {
  const error = reply.body && reply.body.error ? reply.body.error : null;
  const detail = errorText(reply, 'HTTP ' + reply.status);
  if (!error) return t('errors.other', { detail });
  if (error.field && TEXT[state.lang].errors.field[error.field] && reply.status === 400) return t('errors.field.' + error.field);
  if (TEXT[state.lang].errors[error.code]) return t('errors.' + error.code, { detail });
  return t('errors.other', { detail });
}

async function loadSlots() {
  try {
    const reply = await api('GET', '/api/v1/appointments/slots');
    if (reply.status !== 200) throw new Error('HTTP ' + reply.status);
    state.offer = reply.body;
    state.loadFailed = false;
    if (!state.service && offered().length === 1) state.service = offered()[0].serviceCode;
  } catch (failure) {
    state.loadFailed = true;
  }
  renderAll();
}

async function book(submitted) {
  submitted.preventDefault();
  if (state.pending) return;
  if (!state.service || !state.date || !state.slot) {
    state.problem = t('pick');
    renderMessage();
    return;
  }
  const body = {
    name: byId('name').value.trim(),
    idNumber: byId('id-number').value.trim().toUpperCase(),
    phone: byId('phone').value.trim(),
    serviceCode: state.service,
    date: state.date,
    slot: state.slot
  };
  const matter = byId('matter').value.trim();
  if (matter) body.matter = matter;
  state.pending = true;
  state.problem = null;
  renderAll();
  try {
    const reply = await api('POST', '/api/v1/appointments', { body });
    if (reply.status === 201) {
      state.key = reply.body.key;
      showBooking(reply.body.appointment);
      byId('form').reset();
    } else {
      state.problem = refusal(reply);
      if (reply.status === 409) loadSlots();
    }
  } catch (failure) {
    state.problem = t('errors.network');
  } finally {
    state.pending = false;
    renderAll();
  }
}

/** The booking, and its code and key in the address (the key after #: never sent to the server with the page). */
function showBooking(appointment) {
  state.booking = appointment;
  state.code = appointment.code;
  state.confirmingCancel = false;
  const params = new URLSearchParams(location.search);
  params.set('code', appointment.code);
  history.replaceState(null, '', location.pathname + '?' + params.toString() + '#key=' + encodeURIComponent(state.key));
}

async function loadBooking() {
  try {
    const reply = await api('GET', '/api/v1/appointments/' + encodeURIComponent(state.code), { headers: { 'Appointment-Key': state.key || '' } });
    if (reply.status === 200) {
      showBooking(reply.body.appointment);
    } else {
      state.problem = t('notFound');
    }
  } catch (failure) {
    state.problem = t('errors.network');
  }
  renderAll();
}

async function cancelBooking() {
  if (!state.confirmingCancel) {
    state.confirmingCancel = true;
    renderFrame();
    return;
  }
  state.confirmingCancel = false;
  try {
    const reply = await api('POST', '/api/v1/appointments/' + encodeURIComponent(state.code) + '/cancel',
      { headers: { 'Appointment-Key': state.key || '' } });
    if (reply.status === 200) {
      state.booking = reply.body.appointment;
      state.problem = null;
      loadSlots();
    } else {
      state.problem = refusal(reply);
    }
  } catch (failure) {
    state.problem = t('errors.network');
  }
  renderAll();
}

function bookAnother() {
  state.booking = null;
  state.code = null;
  state.key = null;
  state.problem = null;
  state.slot = null;
  const params = new URLSearchParams(location.search);
  params.delete('code');
  const query = params.toString();
  history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
  renderAll();
}

function toggleLang() {
  state.lang = switchLang(state.lang);
  if (state.key) history.replaceState(null, '', location.pathname + location.search + '#key=' + encodeURIComponent(state.key));
  t = translator(TEXT, state.lang);
  renderAll();
}

function start() {
  byId('lang-toggle').addEventListener('click', toggleLang);
  byId('form').addEventListener('submit', book);
  byId('cancel').addEventListener('click', cancelBooking);
  byId('again').addEventListener('click', bookAnother);
  renderAll();
  fetchHall((hall) => {
    state.hall = hall;
    renderAll();
  }, () => {}, 5000);
  loadSlots();
  if (state.code && /^[2-9A-HJ-NP-Z]{8}$/.test(state.code) && state.key) loadBooking();
}

start();
