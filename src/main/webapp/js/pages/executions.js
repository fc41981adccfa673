// #/executions: the execution history by time range, status and job, paged; unfinished runs update live.
import { call, currentUser } from '../api.js';
import {
  button, durationText, el, field, fromLocalInput, heading, link, pagedTable, poll, route, statusBadge, timeEl, toLocalInput,
} from '../ui.js';
import { STATUSES, cancelExecution, ownerText, shortId, unfinished, userNames } from './common.js';

/** The time ranges offered: value -> [label, milliseconds]. */
const RANGES = {
  '10m': ['Last 10 minutes', 10 * 60 * 1000],
  '1h': ['Last hour', 60 * 60 * 1000],
  '24h': ['Last 24 hours', 24 * 60 * 60 * 1000],
  '7d': ['Last 7 days', 7 * 24 * 60 * 60 * 1000],
  all: ['Any time', null],
  custom: ['Custom…', null],
};

/** How often the page asks for changes while it is visible (the contract: no faster than every 2 s). */
const LIVE_MS = 3000;

export async function render(main, params) {
  const query = params.query || {};
  const admin = currentUser()?.is_admin;
  const names = await userNames().catch(() => new Map());

  const range = el('select', { name: 'range' }, Object.entries(RANGES).map(([v, [label]]) => el('option', { value: v }, label)));
  range.value = RANGES[query.range] ? query.range : (query.since || query.until ? 'custom' : '24h');
  const since = el('input', { name: 'since', type: 'datetime-local', value: toLocalInput(query.since) });
  const until = el('input', { name: 'until', type: 'datetime-local', value: toLocalInput(query.until) });
  const custom = el('div', { class: 'filters custom-range' }, field('From', since), field('Until', until));
  const status = el('select', { name: 'status' }, el('option', { value: '' }, 'Any status'), STATUSES.map((s) => el('option', { value: s }, s)));
  status.value = query.status || '';
  const job = el('select', { name: 'job_id' }, el('option', { value: '' }, 'Any job'));
  const owner = admin ? el('select', { name: 'user_id' }, el('option', { value: '' }, 'Everyone'),
    [...names].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => el('option', { value: id }, name))) : null;
  if (owner) owner.value = query.user_id || '';
  const live = el('span', { class: 'muted', 'aria-live': 'off' });

  // the job filter lists up to 500 jobs by name; a job named in the address is kept even when it is not among them
  const named = query.job_id ? el('option', { value: query.job_id }, query.job_id) : null;
  if (named) { job.append(named); job.value = query.job_id; }
  call('listJobs', { query: { page_size: 500 }, signal: params.signal }).then((answer) => {
    const jobs = (answer.data || []).slice().sort((a, b) => (a.name || '').localeCompare(b.name || ''));
    const chosen = job.value;
    if (named && jobs.some((j) => j.id === query.job_id)) named.remove();
    job.append(...jobs.map((j) => el('option', { value: j.id }, j.name || j.id)));
    job.value = chosen;
  }).catch(() => {});

  const filters = () => {
    const f = { status: status.value, job_id: job.value, user_id: owner?.value || '' };
    const span = RANGES[range.value]?.[1];
    if (span) f.since = new Date(Date.now() - span).toISOString().replace(/\.\d+Z$/, 'Z');
    if (range.value === 'custom') {
      f.since = fromLocalInput(since.value);
      f.until = fromLocalInput(until.value);
    }
    return f;
  };
  const address = () => {
    const f = filters();
    const shown = { range: range.value, status: f.status, job_id: f.job_id, user_id: f.user_id };
    if (range.value === 'custom') Object.assign(shown, { since: f.since, until: f.until });
    return route('/executions', shown);
  };

  let rowsShown = [];
  const table = pagedTable({
    columns: [
      { title: 'Execution', render: (x) => link(`/executions/${encodeURIComponent(x.id)}`, shortId(x.id)) },
      { title: 'Job', render: (x) => (x.job_id ? link(`/jobs/${encodeURIComponent(x.job_id)}`, x.job_name || x.job_id) : x.job_name || '—') },
      admin ? { title: 'Owner', render: (x) => ownerText(names, x.user_id) } : null,
      { title: 'Status', render: (x) => el('div', {}, statusBadge(x.status), x.fire_count > 1 ? el('div', { class: 'muted' }, `${x.fire_count} fires`) : null) },
      { title: 'Trigger', render: (x) => el('span', {}, x.trigger || '—', x.attempt > 1 ? el('span', { class: 'muted' }, ` · attempt ${x.attempt}`) : null) },
      { title: 'Scheduled', class: 'nowrap', render: (x) => timeEl(x.scheduled_time) },
      { title: 'Started', class: 'nowrap', render: (x) => timeEl(x.started_at) },
      { title: 'Duration', class: 'num', render: (x) => (x.status === 'running' ? runningFor(x) : durationText(x.duration_ms)) },
      { title: 'Instance', render: (x) => el('span', { title: x.instance_id || '' }, x.hostname || (x.instance_id ? shortId(x.instance_id) : '—')) },
      { title: 'Actions', render: (x) => (unfinished(x)
        ? button('Cancel', 'cancel', async () => { if (await cancelExecution(x)) table.reload(true, { quiet: true }); }, { kind: 'small danger' })
        : '') },
    ].filter(Boolean),
    caption: 'Executions',
    empty: 'No executions in this range.',
    load: async ({ page, pageSize }) => {
      const answer = await call('listExecutions', { query: { ...filters(), page, page_size: pageSize }, signal: params.signal });
      live.textContent = `Updated ${new Date().toLocaleTimeString()}`;
      return { rows: answer.data || [], total: answer.total, estimated: answer.total_estimated, more: Boolean(answer.next_before) };
    },
    onRows: (rows) => { rowsShown = rows; },
  });

  const apply = () => {
    custom.hidden = range.value !== 'custom';
    history.replaceState(null, '', `#${address()}`);
    table.reload(false);
  };
  custom.hidden = range.value !== 'custom';
  [range, status, job, owner, since, until].forEach((input) => input?.addEventListener('change', apply));

  // Live: on the newest page new executions appear and unfinished ones change; on older pages only unfinished ones
  // can change, so the page is asked again only while it shows one.
  poll(async () => {
    if (table.page() === 1 || rowsShown.some(unfinished)) await table.reload(true, { quiet: true });
  }, LIVE_MS, params.signal);

  main.replaceChildren(
    heading('Executions', live),
    el('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); apply(); } },
      field('Time range', range), field('Status', status), field('Job', job), owner ? field('Owner', owner) : null),
    custom,
    table.node,
  );
}

function runningFor(execution) {
  if (!execution.started_at) return '—';
  return el('span', { title: 'running so far' }, `${durationText(Date.now() - new Date(execution.started_at).getTime())}…`);
}
