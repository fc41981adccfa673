// #/jobs/{id}: one job (schedule in words, next fire times, policies, chains, notifications) and its executions.
import { call } from '../api.js';
import {
  button, codeBlock, details, durationText, el, go, heading, link, pagedTable, poll, relativeText, route, statusBadge, timeEl,
} from '../ui.js';
import {
  cancelExecution, classText, jobActions, jobStateBadge, ownerText, scheduleFieldsText, scheduleOf, shortId, unfinished, userNames,
} from './common.js';

const LIVE_MS = 3000;

export async function render(main, params) {
  const id = params.id;
  const names = await userNames().catch(() => new Map());
  let answer = await call('getJob', { path: { job_id: id }, full: true, signal: params.signal });
  const head = el('div');
  const body = el('div');

  const reloadJob = async () => {
    answer = await call('getJob', { path: { job_id: id }, full: true, signal: params.signal });
    draw();
  };

  const draw = () => {
    const job = answer.body.data || answer.body;
    head.replaceChildren(heading(job.name || 'Job', jobStateBadge(job),
      jobActions(job, { etag: () => answer.etag, changed: (j) => (j ? (reloadJob(), executions.reload(true)) : go('/jobs')) })));
    body.replaceChildren(...sections(job, names));
  };

  const executions = pagedTable({
    columns: [
      { title: 'Execution', render: (x) => link(`/executions/${encodeURIComponent(x.id)}`, shortId(x.id)) },
      { title: 'Status', render: (x) => statusBadge(x.status) },
      { title: 'Trigger', render: (x) => el('span', {}, x.trigger || '—', x.attempt > 1 ? el('span', { class: 'muted' }, ` · attempt ${x.attempt}`) : null) },
      { title: 'Scheduled', class: 'nowrap', render: (x) => timeEl(x.scheduled_time) },
      { title: 'Started', class: 'nowrap', render: (x) => timeEl(x.started_at) },
      { title: 'Duration', class: 'num', render: (x) => durationText(x.duration_ms) },
      { title: 'Instance', render: (x) => x.hostname || shortId(x.instance_id) },
      { title: 'Actions', render: (x) => (unfinished(x)
        ? button('Cancel', 'cancel', async () => { if (await cancelExecution(x)) executions.reload(true, { quiet: true }); }, { kind: 'small danger' })
        : '') },
    ],
    caption: 'Recent executions',
    pageSize: 10,
    empty: 'No executions yet.',
    load: async ({ page, pageSize }) => {
      const list = await call('listExecutions', { query: { job_id: id, page, page_size: pageSize }, signal: params.signal });
      return { rows: list.data || [], total: list.total, estimated: list.total_estimated, more: Boolean(list.next_before) };
    },
  });

  draw();
  main.replaceChildren(head, body,
    el('section', { class: 'block' },
      el('div', { class: 'page-head' }, el('h2', {}, 'Recent executions'),
        link(route('/executions', { job_id: id, range: 'all' }), 'All of its executions', { class: 'btn small', 'data-action': 'all-executions' })),
      executions.node));

  poll(async () => { if (executions.page() === 1) await executions.reload(true, { quiet: true }); }, LIVE_MS, params.signal);
}

function sections(job, names) {
  const nextTimes = el('div', { class: 'preview' }, el('p', { class: 'muted' }, 'Working out the next fire times…'));
  call('previewSchedule', { body: { ...scheduleOf(job), count: 5 } }).then((preview) => {
    const p = preview.data || {};
    nextTimes.replaceChildren(el('p', { class: 'description' }, p.description || ''),
      el('ol', {}, (p.next_run_times || []).map((t) => el('li', {}, timeEl(t), el('span', { class: 'muted rel' }, ` ${relativeText(t)}`)))));
  }).catch((e) => { nextTimes.replaceChildren(el('p', { class: 'field-error', dataset: { field: 'schedule' } }, e.message)); });

  const chain = (ids) => (ids?.length
    ? el('ul', { class: 'plain' }, ids.map((cid) => el('li', {}, link(`/jobs/${encodeURIComponent(cid)}`, cid, { class: 'mono' }))))
    : 'none');
  const notify = job.notify;
  const out = [];
  if (job.warnings?.length) {
    out.push(el('div', { class: 'notice warn' }, el('strong', {}, 'A save would now refuse: '),
      el('ul', {}, job.warnings.map((w) => el('li', {}, `${w.field}: ${w.message}`)))));
  }
  out.push(el('div', { class: 'grid' },
    el('section', { class: 'card' }, el('h2', {}, 'Job'), details([
      ['Id', el('span', { class: 'mono' }, job.id)],
      ['Owner', ownerText(names, job.user_id)],
      ['Class', classText(job.job_class_string)],
      job.description ? ['Description', job.description] : null,
      ['State', jobStateBadge(job)],
      ['Next run', job.next_run_time ? el('span', {}, timeEl(job.next_run_time), ` (${relativeText(job.next_run_time)})`) : '—'],
      ['Last run', timeEl(job.last_run_time)],
      ['Runs', String(job.total_executions ?? 0)],
      ['Created', timeEl(job.created_at)],
      ['Updated', timeEl(job.updated_at)],
    ])),
    el('section', { class: 'card' }, el('h2', {}, 'Schedule'), details([
      ['Fields', el('span', { class: 'mono' }, scheduleFieldsText(job))],
      ['Time zone', job.timezone || 'UTC'],
      job.start_date ? ['From', job.start_date] : null,
      job.end_date ? ['Until', job.end_date] : null,
    ]), nextTimes),
    el('section', { class: 'card' }, el('h2', {}, 'Policies'), details([
      ['Retries', `${job.max_retries ?? 0}${job.max_retries ? ` · first after ${job.retry_delay_seconds} s, ×${job.retry_backoff}, at most ${job.retry_max_delay_seconds} s apart` : ''}`],
      ['Timeout', job.timeout_seconds ? `${job.timeout_seconds} s` : 'none'],
      ['Max instances', String(job.max_instances ?? 1)],
      ['Misfire grace', `${job.misfire_grace_seconds ?? 3600} s`],
      ['Coalesce', job.coalesce ? 'yes: late fires run once' : 'no: each late fire runs'],
      ['On success', chain(job.on_success)],
      ['On failure', chain(job.on_failure)],
      ['Notify', notify ? el('div', {},
        el('div', {}, `on: ${(notify.on || []).join(', ') || 'nothing'}`),
        notify.emails?.length ? el('div', {}, `e-mail: ${notify.emails.join(', ')}`) : null,
        notify.webhooks?.length ? el('div', { class: 'mono' }, `webhooks: ${notify.webhooks.join(', ')}`) : null)
        : 'the server\'s default'],
    ]))));
  const args = { pub_args: job.pub_args || [], pub_kwargs: job.pub_kwargs || {} };
  out.push(el('section', { class: 'card block' }, el('h2', {}, 'Arguments'), codeBlock(JSON.stringify(args, null, 2), { label: 'arguments', action: 'copy-arguments' })));
  return out;
}
