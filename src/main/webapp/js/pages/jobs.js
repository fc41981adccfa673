// #/jobs: the jobs the caller can see, paged, with search, filters and the actions on each job.
import { call, currentUser } from '../api.js';
import {
  button, debounce, el, field, go, heading, link, pagedTable, relativeText, route, statusBadge, timeEl,
} from '../ui.js';
import {
  classText, describeSchedule, jobActions, jobStateBadge, lastExecution, later, ownerText, scheduleFieldsText, userNames,
} from './common.js';

export async function render(main, params) {
  const query = params.query || {};
  const admin = currentUser()?.is_admin;
  const names = await userNames().catch(() => new Map());

  const search = el('input', { name: 'name', type: 'search', value: query.name || '', placeholder: 'Exact job name', autocomplete: 'off' });
  const enabled = el('select', { name: 'is_enabled' },
    el('option', { value: '' }, 'Any'), el('option', { value: 'true' }, 'Enabled'), el('option', { value: 'false' }, 'Disabled'));
  enabled.value = query.is_enabled || '';
  const owner = admin ? el('select', { name: 'user_id' }, el('option', { value: '' }, 'Everyone'),
    [...names].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => el('option', { value: id }, name))) : null;
  if (owner) owner.value = query.user_id || '';

  const filters = () => ({ name: search.value.trim(), is_enabled: enabled.value, user_id: owner?.value || '' });

  const columns = [
    { title: 'Name', render: (j) => el('div', {}, link(`/jobs/${encodeURIComponent(j.id)}`, j.name || j.id),
      j.description ? el('div', { class: 'muted' }, j.description) : null,
      j.warnings?.length ? el('div', { class: 'field-error' }, `${j.warnings.length} warning(s)`) : null) },
    { title: 'Owner', render: (j) => ownerText(names, j.user_id) },
    { title: 'Class', render: (j) => classText(j.job_class_string) },
    { title: 'Schedule', render: (j) => el('div', {}, later(describeSchedule(j)), el('div', { class: 'mono muted' }, scheduleFieldsText(j))) },
    { title: 'Time zone', render: (j) => j.timezone || 'UTC' },
    { title: 'Next run', class: 'nowrap', render: (j) => nextRun(j) },
    { title: 'Last run', class: 'nowrap', render: (j) => lastRun(j) },
    { title: 'State', render: (j) => jobStateBadge(j) },
    { title: 'Actions', render: (j) => jobActions(j, { changed: () => table.reload(true) }) },
  ];

  const table = pagedTable({
    columns,
    caption: 'Jobs',
    empty: 'No jobs match. Create one with "New job".',
    load: async ({ page, pageSize }) => {
      const answer = await call('listJobs', { query: { ...filters(), page, page_size: pageSize }, signal: params.signal });
      return { rows: answer.data || [], total: answer.total };
    },
  });

  const apply = () => {
    history.replaceState(null, '', `#${route('/jobs', filters())}`);
    table.reload(false);
  };
  search.addEventListener('input', debounce(apply, 400));
  enabled.addEventListener('change', apply);
  owner?.addEventListener('change', apply);

  main.replaceChildren(
    heading('Jobs', button('New job', 'new', () => go('/jobs/new'), { kind: 'primary' })),
    el('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); apply(); } },
      field('Search by name', search), field('Enabled', enabled), owner ? field('Owner', owner) : null),
    table.node,
  );
}

function nextRun(job) {
  if (!job.next_run_time) return el('span', { class: 'muted' }, job.is_paused ? 'paused' : '—');
  return el('div', {}, timeEl(job.next_run_time), el('div', { class: 'muted' }, relativeText(job.next_run_time)));
}

function lastRun(job) {
  if (!job.last_run_time) return el('span', { class: 'muted' }, 'never');
  return el('div', {}, timeEl(job.last_run_time),
    el('div', {}, later(lastExecution(job.id).then((e) => (e
      ? link(`/executions/${encodeURIComponent(e.id)}`, statusBadge(e.status), { title: 'the newest execution' })
      : null)), '')));
}
