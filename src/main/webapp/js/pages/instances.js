// Instances (admin): the scheduler instances sharing the store, with their heartbeats and stuck threads; each links
// to its timers.
import { call } from '../api.js';
import { button, el, heading, link, poll, replace, route, statusBadge, table, timeEl } from '../ui.js';

export async function render(main, { signal } = {}) {
  const list = el('div');
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
    refreshed.textContent = `${answer.total} instance${answer.total === 1 ? "" : "s"}; refreshed at ${new Date().toLocaleTimeString()}.`;
  }

  replace(main, heading('Instances', button('Refresh', 'refresh', load, { kind: 'small' })),
    el('p', { class: 'muted' }, 'Each instance beats in the store; one that misses its time to live is counted as gone, and its jobs move to the other owners.'),
    refreshed, list);
  await load();
  poll(load, 10000, signal);
}
