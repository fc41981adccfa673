// Instances (admin): the scheduler instances sharing the store, with their heartbeats and stuck threads, each linking
// to its timers; the answering instance's health; the system metrics the SystemMetrics job sampled.
import { call } from '../api.js';
import { button, details, el, field, heading, link, num, poll, replace, route, statusBadge, table, timeEl } from '../ui.js';

export async function render(main, { signal } = {}) {
  const list = el('div');
  const health = el('section', { class: 'card', 'aria-label': 'Health' });
  const samples = el('div');
  const sampleInstance = el('select', { name: 'instance', 'aria-label': 'Instance of the samples' }, el('option', { value: '' }, 'all instances'));
  sampleInstance.addEventListener('change', () => loadSamples().catch(() => {}));
  const refreshed = el('p', { class: 'muted', 'aria-live': 'polite' });

  async function load() {
    const answer = await call('listInstances', { signal });
    replace(list, table([
      { title: 'Instance', render: (i) => [el('strong', {}, i.hostname || '—'), i.self ? el('span', { class: 'chip' }, 'this one') : null,
        el('div', { class: 'mono muted' }, i.id)] },
      { title: 'State', render: (i) => statusBadge(i.state) },
      { title: 'Started', class: 'nowrap', render: (i) => timeEl(i.started_at) },
      { title: 'Heartbeat', class: 'nowrap', render: (i) => timeEl(i.heartbeat_at, { relative: true }) },
      { title: 'Time to live', class: 'num', render: (i) => `${i.ttl_seconds} s` },
      { title: 'Stuck threads', class: 'num', render: (i) => el('span', { class: i.stuck_threads ? 'error-text' : '' }, String(i.stuck_threads ?? 0)) },
      { title: 'Timers', render: (i) => link(route('/timers', { instance: i.id }), 'Timers') },
    ], answer.data || [], { empty: 'No instance registered.' }));
    const chosen = sampleInstance.value;
    replace(sampleInstance, el('option', { value: '' }, 'all instances'),
      (answer.data || []).map((i) => el('option', { value: i.id, selected: i.id === chosen }, i.hostname || i.id)));
    refreshed.textContent = `${answer.total} instance${answer.total === 1 ? "" : "s"}; refreshed at ${new Date().toLocaleTimeString()}.`;
  }

  async function loadHealth() {
    let report;
    try {
      report = (await call('getSchedulerHealth', { signal })).data;
    } catch (e) {
      // unhealthy is 503 with the same report
      if (e.status !== 503) throw e;
      report = e.problem?.data || { status: 'DOWN' };
    }
    replace(health, el('h2', {}, 'Health of this instance'), details([
      ['Status', statusBadge(String(report.status || 'unknown').toLowerCase() === 'up' ? 'up' : 'down')],
      ['Store reachable', report.store_reachable ? 'yes' : 'no'],
      ['Timers', num(report.timer_count)],
      ['Active jobs without a timer', idList(report.jobs_without_timer)],
      ['Timers without a job', idList(report.timers_without_job)],
    ]));
  }

  async function loadSamples() {
    const answer = await call('getMetricsHistory', {
      query: { instance: sampleInstance.value, since: new Date(Date.now() - 3600 * 1000).toISOString(), page_size: 60 }, signal,
    });
    const rows = (answer.data || []).slice().reverse();
    replace(samples, table([
      { title: 'Time', class: 'nowrap', render: (m) => timeEl(m.time) },
      { title: 'Host', render: (m) => m.hostname || m.instance },
      { title: 'Heap used', class: 'num', render: (m) => mib(m.heap_used_bytes) },
      { title: 'Heap max', class: 'num', render: (m) => mib(m.heap_max_bytes) },
      { title: 'Threads', class: 'num', render: (m) => num(m.threads) },
      { title: 'CPU (process)', class: 'num', render: (m) => pct(m.process_cpu_load) },
      { title: 'Load', class: 'num', render: (m) => (m.system_load_average == null ? '—' : Number(m.system_load_average).toFixed(2)) },
      { title: 'Disk free', class: 'num', render: (m) => (m.disk_free_bytes > 0 ? mib(m.disk_free_bytes) : '—') },
      { title: 'Timers', class: 'num', render: (m) => num(m.timer_count) },
      { title: 'Runs / min', class: 'num', render: (m) => num(m.executions_last_minute) },
    ], rows, { rowId: (m) => `${m.instance}-${m.time}`, empty: 'No samples in the last hour: a SystemMetrics job stores them.' }));
  }

  const refreshAll = () => Promise.all([load(), loadHealth(), loadSamples()]);
  replace(main, heading('Instances', button('Refresh', 'refresh', refreshAll, { kind: 'small' })),
    el('p', { class: 'muted' }, 'Each instance beats in the store; one that misses its time to live is counted as gone, and its jobs move to the other owners.'),
    refreshed, list, health,
    el('h2', {}, 'System metrics, last hour'), el('div', { class: 'filters' }, field('Instance', sampleInstance)), samples);
  await refreshAll();
  poll(refreshAll, 10000, signal);
}

function idList(ids) {
  if (!ids?.length) return 'none';
  return el('span', { class: 'chips' }, ids.slice(0, 20).map((id) => link(`/jobs/${id}`, id, { class: 'mono chip' })),
    ids.length > 20 ? ` … ${ids.length - 20} more` : null);
}

function mib(bytes) {
  return bytes == null || bytes < 0 ? '—' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

function pct(load) {
  return load == null || load < 0 ? '—' : `${(load * 100).toFixed(1)} %`;
}
