// What several pages show of jobs and executions: owners' names, schedules in words, job actions, last runs.
// Not a route of its own; it lives with the pages so that the operation scan sees its calls.
import { call, currentUser } from '../api.js';
import { button, confirmDialog, el, go, link, showError, statusBadge, toast } from '../ui.js';

/** The execution statuses, in the order the API documents them. */
export const STATUSES = ['scheduled', 'running', 'succeeded', 'failed', 'timeout', 'cancelled', 'missed', 'skipped'];

/** The schedule fields of a job, most significant first (APScheduler's names). */
export const SCHEDULE_FIELDS = ['year', 'month', 'week', 'day_of_month', 'day_of_week', 'hour', 'minute', 'second'];

let namesCache = null;

/** id -> username of the users the caller can see: every user for an admin (one listUsers call), else oneself. */
export async function userNames() {
  const me = currentUser();
  if (!me) return new Map();
  if (!me.is_admin) return new Map([[me.id, me.username]]);
  if (!namesCache) {
    namesCache = call('listUsers', { query: { page_size: 500 } })
      .then((answer) => new Map((answer.data || []).map((u) => [u.id, u.username])))
      .catch((e) => { namesCache = null; throw e; });
  }
  return namesCache;
}

/** Forgets the cached user names (after a user was created or deleted). */
export function forgetUserNames() {
  namesCache = null;
}

/** The owner's name as a text, the id when unknown. */
export function ownerText(names, userId) {
  if (userId && userId === currentUser()?.id) return `${currentUser().username} (you)`;
  return names.get(userId) || userId || '—';
}

/** The schedule of a job (or form values) as the API's schedule object: only the fields that are set. */
export function scheduleOf(job) {
  const schedule = {};
  for (const key of [...SCHEDULE_FIELDS, 'cron', 'timezone', 'start_date', 'end_date']) {
    const value = job[key];
    if (value !== undefined && value !== null && String(value).trim() !== '') schedule[key] = String(value).trim();
  }
  return schedule;
}

/** The schedule's fields as one short text: the crontab line, or `minute=*\/5 hour=9-17`. */
export function scheduleFieldsText(job) {
  if (job.cron) return job.cron;
  const parts = SCHEDULE_FIELDS.filter((f) => job[f] !== undefined && job[f] !== null && job[f] !== '')
    .map((f) => `${f}=${job[f]}`);
  return parts.join(' ') || '—';
}

const descriptions = new Map();

/** The schedule in words, asked from previewSchedule once per distinct schedule; null when it cannot be described. */
export function describeSchedule(job) {
  const schedule = scheduleOf(job);
  delete schedule.start_date;
  delete schedule.end_date;
  const key = JSON.stringify(schedule);
  if (!descriptions.has(key)) {
    descriptions.set(key, limited(() => call('previewSchedule', { body: { ...schedule, count: 1 } }))
      .then((answer) => answer.data?.description || null)
      .catch(() => null));
  }
  return descriptions.get(key);
}

let active = 0;
const waiting = [];

/** Runs `task` with at most four such tasks at once, so a page of rows does not burst the API's rate limit. */
export function limited(task) {
  return new Promise((resolve, reject) => {
    const start = () => {
      active += 1;
      Promise.resolve().then(task).then(resolve, reject).finally(() => {
        active -= 1;
        waiting.shift()?.();
      });
    };
    if (active < 4) start(); else waiting.push(start);
  });
}

/** A cell that shows `placeholder` and then what `promise` answers (a node or text). */
export function later(promise, placeholder = '…') {
  const span = el('span', { class: 'muted' }, placeholder);
  promise.then((value) => {
    span.classList.remove('muted');
    span.replaceChildren(value instanceof Node ? value : document.createTextNode(value ?? '—'));
  }, () => { span.textContent = '—'; });
  return span;
}

/** The newest execution of a job, or null. */
export async function lastExecution(jobId) {
  const answer = await limited(() => call('listExecutions', { query: { job_id: jobId, page_size: 1 } }));
  return answer.data?.[0] ?? null;
}

/** The state of a job as a badge: enabled, paused or disabled. */
export function jobStateBadge(job) {
  if (!job.is_enabled) return statusBadge('disabled');
  return statusBadge(job.is_paused ? 'paused' : 'enabled');
}

/** Short form of a job class: `jobs.echo.EchoJob` -> `EchoJob` with the full name on hover. */
export function classText(jobClass) {
  if (!jobClass) return '—';
  return el('span', { title: jobClass, class: 'mono' }, jobClass.split('.').pop());
}

/**
 * The actions on a job: run, pause or resume, edit, delete (confirmed). `etag()` may give the job's ETag for
 * If-Match; `changed(job|null)` runs after a change (null after a delete).
 */
export function jobActions(job, { changed = () => {}, etag = () => undefined, edit = true } = {}) {
  const path = { job_id: job.id };
  const run = button('Run now', 'run', async () => {
    const answer = await call('runJob', { path });
    toast(el('span', {}, `Started ${job.name}: `, link(`/executions/${answer.execution_id}`, 'see the execution')));
    changed(job);
  }, { kind: 'small' });
  const toggle = job.is_paused
    ? button('Resume', 'resume', async () => {
      await call('resumeJob', { path, ifMatch: etag() });
      toast(`Resumed ${job.name}`);
      changed({ ...job, is_paused: false });
    }, { kind: 'small' })
    : button('Pause', 'pause', async () => {
      await call('pauseJob', { path, ifMatch: etag() });
      toast(`Paused ${job.name}`);
      changed({ ...job, is_paused: true });
    }, { kind: 'small' });
  const editButton = edit ? button('Edit', 'edit', () => go(`/jobs/${encodeURIComponent(job.id)}/edit`), { kind: 'small' }) : null;
  const remove = button('Delete', 'delete', async () => {
    const ok = await confirmDialog({
      title: `Delete ${job.name}?`,
      message: 'The job and its timer are deleted; its executions stay in the history. Other jobs lose it from their chains.',
      confirmText: 'Delete', action: 'confirm-delete',
    });
    if (!ok) return;
    await call('deleteJob', { path, ifMatch: etag() });
    toast(`Deleted ${job.name}`);
    changed(null);
  }, { kind: 'small danger' });
  return el('div', { class: 'actions' }, run, toggle, editButton, remove);
}

/** Cancels an execution after confirming; answers the API's answer or null when not confirmed. */
export async function cancelExecution(execution) {
  const ok = await confirmDialog({
    title: 'Cancel this execution?',
    message: execution.status === 'running'
      ? 'The running job is interrupted on the instance that runs it.'
      : 'The execution will not start.',
    confirmText: 'Cancel execution', action: 'confirm-cancel',
  });
  if (!ok) return null;
  try {
    const answer = await call('cancelExecution', { path: { execution_id: execution.id }, full: true });
    toast(answer.status === 202 ? 'Cancelling: the run is still stopping.' : 'Cancelled.');
    return answer.body;
  } catch (e) {
    if (e.status === 409) toast('It had ended already.', 'error');
    else showError(e);
    return null;
  }
}

/** Whether an execution can still change. */
export function unfinished(execution) {
  return execution.status === 'running' || execution.status === 'scheduled';
}

/** An id shortened for a table, whole on hover. */
export function shortId(id) {
  if (!id) return '—';
  return el('span', { class: 'mono', title: id }, id.length > 10 ? `…${id.slice(-8)}` : id);
}
