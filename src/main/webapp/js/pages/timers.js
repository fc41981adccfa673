// Timers (admin): every job's EJB timer on this instance, another one or all, with the job behind it, its last fire
// and lag, the drift from the jobs, and WildFly's timer actions: pause = suspend, resume = activate, delete,
// run now = trigger; plus re-arm and reconcile now. Every action is audited by the API.
import { call } from '../api.js';
import {
  button, confirmDialog, durationText, el, field, heading, link, pagedTable, poll, replace, statusBadge,
  timeEl, toast,
} from '../ui.js';

const EXPRESSION_FIELDS = ['second', 'minute', 'hour', 'day_of_month', 'month', 'day_of_week', 'year'];
/** A fire that started this much after it was due is shown as late. */
const LATE_MS = 1000;

export async function render(main, { query = {}, signal } = {}) {
  let instance = query.instance || '';
  let drifts = [];
  const instanceSelect = el('select', { name: 'instance', 'aria-label': 'Instance' },
    el('option', { value: '' }, 'This instance'), el('option', { value: 'all' }, 'All instances'));
  const driftBox = el('div', { class: 'drift-box', 'aria-live': 'polite' });
  const summary = el('p', { class: 'muted' });

  const columns = [
    { title: 'Job', render: (t) => [link(`/jobs/${t.job_id}`, t.job_name || '(job gone)'), el('br'), el('span', { class: 'mono muted' }, t.job_id),
      t.paused ? [' ', statusBadge('paused')] : null] },
    { title: 'Owner', render: (t) => t.owner_name || t.owner || '—' },
    { title: 'Schedule', render: scheduleCell },
    { title: 'Next timeout', class: 'nowrap', render: (t) => timeEl(t.next_timeout, { relative: true }) },
    { title: 'Timer', render: timerCell },
    { title: 'Instance', render: (t) => instanceCell(t) },
    { title: 'Last fire', render: lastFireCell },
    { title: 'Lag (recent)', render: lagCell },
    { title: 'Actions', render: (t) => actions(t) },
  ];

  const table = pagedTable({
    caption: 'Job timers',
    columns,
    rowId: (t) => t.job_id,
    pageSize: 50,
    empty: 'No timers here: no enabled, unpaused job is armed on this instance.',
    load: async ({ page, pageSize }) => {
      const answer = await call('listTimers', {
        query: { page, page_size: pageSize, instance: instance || undefined, drift: true },
        signal,
      });
      drifts = answer.drifts || (answer.drift ? [answer.drift] : []);
      showDrift();
      summary.textContent = `${answer.total} timer${answer.total === 1 ? '' : 's'}${instance === 'all' ? ' on all instances' : ''}.`;
      return { rows: answer.data || [], total: answer.total };
    },
    onRows: (rows) => markRows(rows),
  });

  instanceSelect.addEventListener('change', () => {
    instance = instanceSelect.value;
    table.reload(false);
  });

  const reconcile = button('Reconcile now', 'reconcile', async () => {
    const target = instance || undefined;
    const answer = await call('reconcileTimers', { query: { instance: target } });
    toast(reconcileText(answer?.data ?? answer));
    table.reload(true);
  }, { kind: 'primary', title: 'Compare the timers with the jobs and repair the difference now' });

  replace(main,
    heading('Timers', reconcile),
    el('p', { class: 'muted' }, 'The EJB calendar timers behind the jobs, per instance. Pause suspends a job\'s timer, resume activates it, run now triggers it once, re-arm replaces it, reconcile now repairs missing, orphaned and stale timers.'),
    el('div', { class: 'filters' }, field('Instance', instanceSelect)),
    summary, driftBox, table.node);

  loadInstances();
  poll(() => table.reload(true, { quiet: true }), 10000, signal);

  async function loadInstances() {
    try {
      const answer = await call('listInstances', { signal });
      for (const i of answer.data || []) {
        instanceSelect.append(el('option', { value: i.id }, `${i.hostname || i.id}${i.self ? ' (this one)' : ''} · ${i.state}`));
      }
      instanceSelect.value = instance;
    } catch (e) {
      if (e.name !== 'AbortError') console.warn('instances', e);
    }
  }

  function showDrift() {
    const kinds = [['missing', 'Missing (an active job without a timer)'], ['orphans', 'Orphaned (a timer without an active job)'],
      ['stale', 'Stale (armed from an older version of the job)']];
    const drifted = drifts.filter((d) => kinds.some(([k]) => (d[k] || []).length));
    if (!drifted.length) {
      replace(driftBox, drifts.length
        ? el('p', { class: 'muted', dataset: { drift: 'none' } }, 'No drift: every active job has its timer, and no timer is left over.')
        : null);
      return;
    }
    replace(driftBox, drifted.map((d) => el('div', { class: 'notice warn', dataset: { drift: 'found', instance: d.instance } },
      el('strong', {}, `Drift on instance ${short(d.instance)}${d.source && d.source !== 'live' ? ` (from its ${d.source})` : ''}. `),
      'Reconcile now repairs it, or re-arm one job.',
      kinds.filter(([k]) => (d[k] || []).length).map(([kind, label]) => el('div', { class: 'drift-kind', dataset: { kind } },
        el('h2', {}, label),
        el('ul', {}, d[kind].map((id) => el('li', { dataset: { id } }, link(`/jobs/${id}`, id, { class: 'mono' }), ' ',
          kind === 'orphans' ? null : rearmButton(id, d.instance)))))))));
  }

  function markRows(rows) {
    const flagged = new Map();
    drifts.forEach((d) => {
      (d.stale || []).forEach((id) => flagged.set(`${d.instance}/${id}`, 'Stale: armed from an older version of the job'));
      (d.orphans || []).forEach((id) => flagged.set(`${d.instance}/${id}`, 'Orphaned: the job is not active'));
    });
    const trs = [...table.node.querySelectorAll('tbody tr[data-id]')];
    rows.forEach((t, i) => {
      const tr = trs[i];
      if (!tr) return;
      tr.dataset.instance = t.instance || '';
      const why = flagged.get(`${t.instance}/${t.job_id}`);
      const late = (t.recent_lag_ms || []).some((ms) => ms > LATE_MS);
      tr.classList.toggle('drift', Boolean(why));
      tr.classList.toggle('highlight', !why && late);
      if (why) tr.title = why;
      else if (late) tr.title = `A recent fire started more than ${LATE_MS} ms after it was due`;
    });
  }

  function rearmButton(jobId, instanceOfTimer) {
    return button('Re-arm', 'rearm', async () => {
      await call('rearmTimer', { path: { job_id: jobId }, query: { instance: instanceOfTimer || instance || undefined } });
      toast('Timer re-armed');
      table.reload(true);
    }, { kind: 'small', title: 'Cancel this job\'s timer and arm it again from the stored job' });
  }

  function actions(t) {
    const path = { job_id: t.job_id };
    return el('div', { class: 'actions' },
      button('Run now', 'run', async () => {
        const answer = await call('runJob', { path });
        toast('Started', 'ok');
        if (answer?.execution_id) toast(el('span', {}, 'Execution ', link(`/executions/${answer.execution_id}`, answer.execution_id)));
      }, { kind: 'small', title: 'Trigger: run the job once now' }),
      t.paused
        ? button('Resume', 'resume', async () => { await call('resumeJob', { path }); toast('Resumed: timer activated'); table.reload(true); },
          { kind: 'small', title: 'Activate the timer' })
        : button('Pause', 'pause', async () => { await call('pauseJob', { path }); toast('Paused: timer suspended'); table.reload(true); },
          { kind: 'small', title: 'Suspend the timer: the job stays, its timer is removed until resumed' }),
      rearmButton(t.job_id, t.instance),
      button('Delete', 'delete', async () => {
        const ok = await confirmDialog({ title: 'Delete this job?', message: `"${t.job_name || t.job_id}" and its timer are deleted on every instance. Its executions stay.`, confirmText: 'Delete job', action: 'delete' });
        if (!ok) return;
        await call('deleteJob', { path });
        toast('Job and timer deleted');
        table.reload(true);
      }, { kind: 'small danger' }));
  }
}

function scheduleCell(t) {
  const expression = t.expression || {};
  const text = EXPRESSION_FIELDS.map((k) => expression[k] ?? '*').join(' ');
  return [
    el('span', {}, t.schedule_description || '—'), el('br'),
    el('span', { class: 'mono muted', title: EXPRESSION_FIELDS.map((k) => `${k}: ${expression[k] ?? '*'}`).join('\n') }, text),
    ' ', el('span', { class: 'chip' }, t.timezone || expression.timezone || 'UTC'),
    expression.start ? [' ', el('span', { class: 'chip' }, 'from ', timeEl(expression.start, { short: true }))] : null,
    expression.end ? [' ', el('span', { class: 'chip' }, 'until ', timeEl(expression.end, { short: true }))] : null,
  ];
}

function timerCell(t) {
  return el('div', { class: 'chips' },
    el('span', { class: 'chip', title: t.exact === false ? 'The expression is wider than the schedule (a guard checks each timeout against the schedule engine)' : 'The expression is the schedule exactly' },
      t.exact === false ? 'widened' : 'exact'),
    el('span', { class: 'chip' }, t.persistent ? 'persistent' : 'not persistent'),
    el('span', { class: 'chip' }, 'calendar'),
    t.armed_at ? el('span', { class: 'chip' }, 'armed ', timeEl(t.armed_at, { short: true })) : null);
}

function instanceCell(t) {
  const owners = t.owners || [];
  return [el('span', { class: 'mono' }, short(t.instance)),
    owners.length ? el('div', { class: 'muted', title: owners.join('\n') }, `owners: ${owners.map(short).join(', ')}`) : null];
}

function lastFireCell(t) {
  const f = t.last_fire;
  if (!f) return el('span', { class: 'muted' }, 'none yet');
  return [statusBadge(f.status), ' ', f.execution_id ? link(`/executions/${f.execution_id}`, 'open') : null, el('br'),
    el('span', { class: 'muted' }, 'due '), timeEl(f.scheduled_time, { short: true }),
    f.started_at ? [el('br'), el('span', { class: 'muted' }, 'started '), timeEl(f.started_at, { short: true })] : null];
}

function lagCell(t) {
  const lags = t.recent_lag_ms || [];
  if (!lags.length) return el('span', { class: 'muted' }, '—');
  const max = Math.max(...lags);
  return el('span', { class: max > LATE_MS ? 'lag late' : 'lag', title: `newest first: ${lags.map((ms) => `${ms} ms`).join(', ')}` },
    `${durationText(lags[0])} last · ${durationText(max)} max of ${lags.length}`);
}

function short(id) {
  return id ? (id.length > 10 ? `…${id.slice(-8)}` : id) : '—';
}

function reconcileText(answer) {
  const one = (r) => {
    if (!r) return '';
    if (r.answered === false) return `instance ${short(r.instance)} asked; it reconciles when it gets the request`;
    const f = r.found || {};
    const rep = r.repaired || {};
    return `${short(r.instance)}: found ${f.missing ?? 0} missing, ${f.orphans ?? 0} orphaned, ${f.stale ?? 0} stale; `
      + `armed ${rep.armed ?? 0}, re-armed ${rep.rearmed ?? 0}, cancelled ${rep.cancelled ?? 0}`;
  };
  return Array.isArray(answer) ? `Reconciled: ${answer.map(one).join(' · ')}` : `Reconciled ${one(answer)}`;
}

