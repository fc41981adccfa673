// #/executions/{id}: one execution with its output or error, timings, attempts, chain and instance; cancel.
import { call } from '../api.js';
import {
  button, codeBlock, details, durationText, el, heading, link, notice, poll, statusBadge, table, timeEl,
} from '../ui.js';
import { cancelExecution, unfinished } from './common.js';

const LIVE_MS = 2500;

export async function render(main, params) {
  const id = params.id;
  let execution = (await call('getExecution', { path: { execution_id: id }, signal: params.signal })).data;
  const body = el('div');
  const head = el('div');

  const draw = () => {
    const x = execution;
    head.replaceChildren(heading(`Execution of ${x.job_name || x.job_id || 'a job'}`,
      statusBadge(x.status),
      unfinished(x) ? button('Cancel', 'cancel', async () => {
        const answer = await cancelExecution(x);
        if (answer) { execution = answer.data || answer; draw(); }
      }, { kind: 'danger' }) : null,
      x.job_id ? link(`/jobs/${encodeURIComponent(x.job_id)}`, 'Open the job', { class: 'btn', 'data-action': 'open-job' }) : null));
    body.replaceChildren(...sections(x));
  };
  draw();
  main.replaceChildren(head, body);

  // a run that can still change is followed until it ends
  poll(async () => {
    if (!unfinished(execution)) return;
    const fresh = (await call('getExecution', { path: { execution_id: id }, signal: params.signal })).data;
    if (JSON.stringify(fresh) !== JSON.stringify(execution)) {
      execution = fresh;
      draw();
    }
  }, LIVE_MS, params.signal);
}

function sections(x) {
  const lag = x.started_at && x.scheduled_time ? new Date(x.started_at) - new Date(x.scheduled_time) : null;
  const out = [];
  out.push(el('div', { class: 'grid' },
    el('section', { class: 'card' }, el('h2', {}, 'Run'), details([
      ['Execution id', el('span', { class: 'mono' }, x.id)],
      ['Job', x.job_id ? link(`/jobs/${encodeURIComponent(x.job_id)}`, x.job_name || x.job_id) : (x.job_name || '—')],
      ['Class', el('span', { class: 'mono' }, x.job_class_string || '—')],
      ['Status', statusBadge(x.status)],
      ['Trigger', x.trigger || '—'],
      x.reason ? ['Reason', x.reason] : null,
      x.fire_count ? ['Fires', String(x.fire_count)] : null,
      x.last_scheduled_time ? ['Last fire', timeEl(x.last_scheduled_time)] : null,
    ])),
    el('section', { class: 'card' }, el('h2', {}, 'Timings'), details([
      ['Scheduled', timeEl(x.scheduled_time)],
      ['Fired by the timer', timeEl(x.fired_at)],
      ['Recorded', timeEl(x.created_at)],
      ['Started', timeEl(x.started_at)],
      ['Completed', timeEl(x.completed_at)],
      ['Duration', x.status === 'running' && x.started_at
        ? `${durationText(Date.now() - new Date(x.started_at).getTime())} so far` : durationText(x.duration_ms)],
      ['Fire lag', lag === null ? '—' : `${durationText(Math.max(0, lag))} (started − scheduled)`],
    ])),
    el('section', { class: 'card' }, el('h2', {}, 'Where and which attempt'), details([
      ['Instance', x.instance_id ? el('span', { class: 'mono' }, x.instance_id) : '—'],
      ['Host', x.hostname || '—'],
      ['Attempt', x.attempt ? String(x.attempt) : '1'],
      ['Retry of', x.retry_of ? link(`/executions/${encodeURIComponent(x.retry_of)}`, x.retry_of, { class: 'mono' }) : '—'],
      ['Next attempt', x.next_attempt_id ? link(`/executions/${encodeURIComponent(x.next_attempt_id)}`, x.next_attempt_id, { class: 'mono' }) : '—'],
      ['Started by (parent)', x.parent_execution_id
        ? link(`/executions/${encodeURIComponent(x.parent_execution_id)}`, x.parent_execution_id, { class: 'mono' }) : '—'],
    ]))));

  if (x.output !== null && x.output !== undefined && x.output !== '') {
    out.push(el('section', { class: 'card block' }, el('h2', {}, 'Output'), codeBlock(pretty(x.output), { label: 'output', action: 'copy-output' })));
  }
  if (x.error) {
    out.push(el('section', { class: 'card block' }, el('h2', {}, 'Error'), codeBlock(x.error, { label: 'error', action: 'copy-error' })));
  }
  if (!x.output && !x.error) {
    out.push(notice(unfinished(x) ? 'No output yet: this page updates when the run ends.' : 'This run left no output.'));
  }
  if (x.children?.length) {
    out.push(el('section', { class: 'block' }, el('h2', {}, 'Runs its chain started'), table([
      { title: 'Execution', render: (c) => link(`/executions/${encodeURIComponent(c.execution_id)}`, c.execution_id, { class: 'mono' }) },
      { title: 'Job', render: (c) => link(`/jobs/${encodeURIComponent(c.job_id)}`, c.job_name || c.job_id) },
      { title: 'Status', render: (c) => statusBadge(c.status?.toLowerCase()) },
    ], x.children, { rowId: (c) => c.execution_id })));
  }
  if (x.notifications?.length) {
    out.push(el('section', { class: 'block' }, el('h2', {}, 'Notifications'), table([
      { title: 'Channel', render: (n) => n.channel },
      { title: 'To', render: (n) => el('span', { class: 'mono' }, n.target) },
      { title: 'Sent', render: (n) => statusBadge(n.ok ? 'succeeded' : 'failed') },
      { title: 'Error', render: (n) => n.error || '' },
      { title: 'At', render: (n) => timeEl(n.at) },
    ], x.notifications, { rowId: (n) => `${n.channel}:${n.target}` })));
  }
  return out;
}

/** JSON output indented; anything else as it is. */
function pretty(output) {
  if (typeof output !== 'string') return JSON.stringify(output, null, 2);
  const text = output.trim();
  if ((text.startsWith('{') && text.endsWith('}')) || (text.startsWith('[') && text.endsWith(']'))) {
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch { /* not JSON after all */ }
  }
  return output;
}
