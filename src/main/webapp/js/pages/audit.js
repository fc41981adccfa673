// The audit log: who changed what and when, newest first, filtered by event, target, job, actor and time. A user
// sees the entries of their own objects, an admin all.
import { call } from '../api.js';
import { button, debounce, el, field, fromLocalInput, heading, link, pagedTable, replace, timeEl, toLocalInput } from '../ui.js';

const EVENTS = ['added', 'modified', 'deleted', 'paused', 'resumed', 'custom_run', 'user_added', 'user_modified',
  'user_deleted', 'server_added', 'server_modified', 'server_deleted', 'server_checked', 'token_created',
  'token_revoked', 'backup_created', 'backup_downloaded', 'backup_restored', 'execution_cancelled', 'signed_in',
  'session_renewed', 'signed_out', 'timer_rearmed', 'timers_reconciled'];
const TARGET_TYPES = ['job', 'user', 'server', 'token', 'backup', 'execution', 'instance'];

export async function render(main, { query = {}, signal } = {}) {
  const filters = { event: query.event || '', target_type: query.target_type || '', job_id: query.job_id || '',
    actor: query.actor || '', target_id: query.target_id || '', since: query.since || '', until: query.until || '' };

  const eventInput = el('input', { name: 'event', list: 'audit-events', value: filters.event, placeholder: 'any', size: 16 });
  const typeSelect = el('select', { name: 'target_type' }, el('option', { value: '' }, 'any'),
    TARGET_TYPES.map((t) => el('option', { value: t, selected: t === filters.target_type }, t)));
  const jobInput = el('input', { name: 'job_id', value: filters.job_id, placeholder: 'job id', size: 26, class: 'mono' });
  const actorInput = el('input', { name: 'actor', value: filters.actor, placeholder: 'user id', size: 26, class: 'mono' });
  const targetInput = el('input', { name: 'target_id', value: filters.target_id, placeholder: 'id', size: 26, class: 'mono' });
  const sinceInput = el('input', { name: 'since', type: 'datetime-local', value: toLocalInput(filters.since) });
  const untilInput = el('input', { name: 'until', type: 'datetime-local', value: toLocalInput(filters.until) });

  const table = pagedTable({
    caption: 'Audit log',
    pageSize: 50,
    empty: 'No audit entries match.',
    columns: [
      { title: 'Time', class: 'nowrap', render: (e) => timeEl(e.time) },
      { title: 'Event', render: (e) => el('span', { class: 'chip', dataset: { event: e.event } }, e.event) },
      { title: 'Target', render: targetCell },
      { title: 'By', render: (e) => [e.actor_name || '—', e.actor ? el('div', { class: 'mono muted' }, e.actor) : null] },
      { title: 'Changes', render: (e) => changesCell(e.changes) },
    ],
    load: async ({ page, pageSize }) => {
      const answer = await call('listAuditEvents', {
        query: { page, page_size: pageSize, event: filters.event, target_type: filters.target_type, job_id: filters.job_id,
          actor: filters.actor, target_id: filters.target_id, since: filters.since, until: filters.until },
        signal,
      });
      return { rows: answer.data || [], total: answer.total };
    },
  });

  const apply = () => {
    Object.assign(filters, {
      event: eventInput.value.trim(), target_type: typeSelect.value, job_id: jobInput.value.trim(),
      actor: actorInput.value.trim(), target_id: targetInput.value.trim(),
      since: fromLocalInput(sinceInput.value), until: fromLocalInput(untilInput.value),
    });
    table.reload(false);
  };
  const later = debounce(apply, 400);
  [eventInput, jobInput, actorInput, targetInput].forEach((i) => i.addEventListener('input', later));
  [typeSelect, sinceInput, untilInput].forEach((i) => i.addEventListener('change', apply));

  replace(main,
    heading('Audit log'),
    el('datalist', { id: 'audit-events' }, EVENTS.map((e) => el('option', { value: e }))),
    el('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); apply(); } },
      field('Event', eventInput), field('Target type', typeSelect), field('Target id', targetInput), field('Job', jobInput),
      field('Actor', actorInput), field('Since', sinceInput), field('Until', untilInput),
      button('Clear', 'clear-filters', () => {
        [eventInput, jobInput, actorInput, targetInput, sinceInput, untilInput].forEach((i) => { i.value = ''; });
        typeSelect.value = '';
        apply();
      }, { kind: 'small' })),
    table.node);
}

function targetCell(e) {
  const name = e.target_name || e.target_id || '—';
  let target = name;
  if (e.target_type === 'job' && e.target_id && e.event !== 'deleted') target = link(`/jobs/${e.target_id}`, name);
  else if (e.target_type === 'execution' && e.target_id) target = link(`/executions/${e.target_id}`, name);
  return [el('span', { class: 'muted' }, `${e.target_type || ''} `), target,
    e.job_id && e.target_type !== 'job' ? el('div', {}, 'job ', link(`/jobs/${e.job_id}`, e.job_id, { class: 'mono' })) : null];
}

function changesCell(changes) {
  const entries = Object.entries(changes || {});
  if (!entries.length) return el('span', { class: 'muted' }, '—');
  return el('ul', { class: 'changes' }, entries.map(([k, v]) => {
    const change = v && typeof v === 'object' && ('old' in v || 'new' in v)
      ? [el('span', { class: 'mono' }, show(v.old)), ' → ', el('span', { class: 'mono' }, show(v.new))]
      : el('span', { class: 'mono' }, show(v));
    return el('li', {}, el('strong', {}, k), ': ', change);
  }));
}

function show(value) {
  if (value === undefined || value === null) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
