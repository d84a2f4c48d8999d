// The 差评台账 section's action form: for the chosen case it offers only the actions the server
// would take at the case's step (POST /api/v1/follow-ups/{id}/actions), with the fields each one
// needs, and shows the server's refusal beside the field it names. The server stays the judge:
// nothing is checked here that it would not check itself.
import { byId, showText, errorText } from '../common/hallq.js';

/** The inputs an action may carry, as the API names them; each has ledger-<name> and ledger-<name>-error. */
const FIELDS = ['action', 'finding', 'plan', 'owner', 'dueDate', 'reached', 'satisfied', 'note'];
const NOTE_REQUIRED = ['COMMENTED', 'CLOSED_BY_MANAGER', 'REOPENED'];
const MANAGER_ACTIONS = ['COMMENTED', 'CLOSED_BY_MANAGER'];

/**
 * What may be done to a case now, as FollowUpService decides it: a closed case can only be reopened
 * (unless an upheld appeal took its rating out); a pending appeal holds the steps until an admin
 * reviews it; otherwise the step's own action (at 整改: a plan, 整改完成 or 立行立改), one appeal, and
 * the manager's comment or closing.
 */
export function allowedActions(c, role) {
  if (c.step === 'CLOSED') return c.appeal === 'UPHELD' ? [] : ['REOPENED'];
  if (c.appeal === 'PENDING') return [...(role === 'ADMIN' ? ['APPEAL_UPHELD', 'APPEAL_REJECTED'] : []), ...MANAGER_ACTIONS];
  const planned = c.ledger && c.ledger.plan;
  const steps = c.step !== 'RECTIFY' ? [c.nextAction]
    : planned ? ['RECTIFIED', 'PLANNED', 'RECTIFIED_AT_ONCE'] : ['PLANNED', 'RECTIFIED', 'RECTIFIED_AT_ONCE'];
  return [...steps, ...(c.appeal === 'NONE' ? ['APPEALED'] : []), ...MANAGER_ACTIONS];
}

const form = { caseId: null, saving: false, errors: {}, message: null, saved: null };

/** Which case the form acts on; a different case starts with an empty form. */
export function selectCase(id) {
  if (form.caseId === id) return;
  clearInputs();
  Object.assign(form, { caseId: id, errors: {}, message: null, saved: null });
}

export function clearForm() {
  clearInputs();
  Object.assign(form, { caseId: null, saving: false, errors: {}, message: null, saved: null });
}

function clearInputs() {
  for (const field of FIELDS.slice(1)) byId('ledger-' + field).value = '';
}

function chosenAction() {
  return byId('ledger-action').value;
}

function noteLabel(action, app) {
  if (action === 'FED_BACK') return app.t('ledger.form.reply');
  return app.t(NOTE_REQUIRED.includes(action) ? 'ledger.form.noteRequired' : 'ledger.form.note');
}

/** Rebuilds the action list only when it changed, keeping the manager's choice while it is still offered. */
function renderActions(actions, app) {
  const select = byId('ledger-action');
  const kept = actions.includes(select.value) ? select.value : actions[0];
  const same = select.options.length === actions.length && actions.every((action, i) => select.options[i].value === action);
  if (!same) {
    select.replaceChildren(...actions.map((action) => new Option('', action)));
  }
  for (const option of select.options) option.textContent = app.t('ledger.action.' + option.value);
  select.value = kept;
}

/** The form for case c (null: none chosen): its actions, the fields the chosen one needs, and the last answer. */
export function renderForm(app, c) {
  const actions = c ? allowedActions(c, app.role) : [];
  byId('ledger-form').hidden = actions.length === 0;
  byId('ledger-no-action').hidden = !c || actions.length > 0;
  showText('ledger-saved', form.saved ? app.t('ledger.form.saved', { action: app.t('ledger.action.' + form.saved) }) : '');
  if (actions.length === 0) return;
  renderActions(actions, app);
  const action = chosenAction();
  for (const field of byId('ledger-form').querySelectorAll('[data-for]')) {
    field.hidden = field.dataset.for !== action || ('whenReached' in field.dataset && byId('ledger-reached').value !== 'true');
  }
  byId('ledger-note-label').textContent = noteLabel(action, app);
  for (const field of FIELDS) {
    const input = byId('ledger-' + field);
    input.disabled = form.saving;
    showText('ledger-' + field + '-error', form.errors[field] || '');
    if (form.errors[field]) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  showText('ledger-form-error', form.message == null ? '' : app.t('ledger.form.failed', { message: form.message }));
  const submit = byId('ledger-submit');
  submit.disabled = form.saving;
  submit.textContent = app.t(form.saving ? 'ledger.form.saving' : 'ledger.form.submit');
}

function text(field) {
  const value = byId('ledger-' + field).value.trim();
  return value === '' ? null : value;
}

function yesNo(field) {
  const value = byId('ledger-' + field).value;
  return value === '' ? null : value === 'true';
}

/** The request body: the action and the fields its form shows, blanks left out for the server to name. */
function readForm() {
  const action = chosenAction();
  const body = { action };
  if (action === 'VERIFIED') body.finding = text('finding');
  if (action === 'PLANNED') Object.assign(body, { plan: text('plan'), owner: text('owner'), dueDate: text('dueDate') });
  if (action === 'REVISITED') {
    body.reached = yesNo('reached');
    if (body.reached) body.satisfied = yesNo('satisfied');
  }
  const note = text('note');
  if (note != null) body.note = note;
  return body;
}

/**
 * Sends the chosen action; on success onSaved(the case as it now stands) lets the section update its
 * table. A refusal naming a field the form shows is put beside it, any other beside the button.
 */
async function submit(app, { onChange, onSaved }) {
  if (form.saving || form.caseId == null) return;
  const caseId = form.caseId;
  const body = readForm();
  Object.assign(form, { saving: true, errors: {}, message: null, saved: null });
  onChange();
  let reply = null;
  try {
    reply = await app.authed('POST', '/api/v1/follow-ups/' + caseId + '/actions', body);
  } catch (e) {
    // unreachable server: said below
  }
  form.saving = false;
  if (!app.signedIn() || form.caseId !== caseId) return;
  if (reply && reply.status === 200 && reply.body) {
    clearInputs();
    form.saved = body.action;
    onSaved(reply.body);
    return;
  }
  if (reply && reply.status === 401) return;
  const error = reply && reply.body && reply.body.error;
  const input = error && error.field ? byId('ledger-' + error.field) : null;
  if (input && FIELDS.includes(error.field) && !input.closest('[hidden]')) form.errors = { [error.field]: error.message };
  else form.message = errorText(reply, app.t('login.network'));
  onChange();
  const invalid = Object.keys(form.errors)[0];
  if (invalid) byId('ledger-' + invalid).focus();
}

/** The form's elements are static: their handlers are set once; onChange re-renders, onSaved as in submit. */
export function wireForm(app, { onChange, onSaved }) {
  byId('ledger-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submit(app, { onChange, onSaved });
  });
  for (const id of ['ledger-action', 'ledger-reached']) {
    byId(id).addEventListener('change', () => {
      Object.assign(form, { errors: {}, message: null, saved: null });
      onChange();
    });
  }
}
