// #/dashboard: counts by status, success rate, executions per hour, fire lag, slowest, upcoming and failing jobs.
// The charts are small hand-made SVG (no chart library): two fixed shapes, themed by console.css.
import { call } from '../api.js';
import { durationText, el, field, heading, link, notice, num, poll, relativeText, route, table, timeEl } from '../ui.js';

const OUTCOMES = ['succeeded', 'failed', 'timeout', 'cancelled', 'missed', 'skipped'];
const COUNTED = ['scheduled', 'running', ...OUTCOMES];
const WINDOWS = { 6: 'Last 6 hours', 24: 'Last 24 hours', 72: 'Last 3 days', 168: 'Last 7 days' };
const REFRESH_MS = 30000;

export async function render(main, params) {
  const hoursSelect = el('select', { name: 'hours' }, Object.entries(WINDOWS).map(([h, label]) => el('option', { value: h }, label)));
  hoursSelect.value = WINDOWS[params.query?.hours] ? params.query.hours : '24';
  const updated = el('span', { class: 'muted' });
  const body = el('div');

  const load = async () => {
    const hours = Number(hoursSelect.value);
    const signal = params.signal;
    const parts = await Promise.allSettled([
      call('getDashboardSummary', { query: { hours }, signal }),
      call('getExecutionsPerHour', { query: { hours }, signal }),
      call('getFireLag', { query: { hours }, signal }),
      call('listSlowestJobs', { query: { hours, limit: 10 }, signal }),
      call('listUpcomingRuns', { query: { limit: 10 }, signal }),
      call('listFailingJobs', { query: { hours, limit: 10 }, signal }),
    ]);
    if (signal.aborted) return;
    const [summary, hourly, lag, slowest, upcoming, failing] = parts.map((p) => (p.status === 'fulfilled' ? p.value.data : p.reason));
    body.replaceChildren(
      summaryTiles(summary, hours),
      el('div', { class: 'grid wide' },
        card(`Executions per hour`, hourly, (rows) => hourlyChart(rows)),
        card('Fire lag (started − due) per hour', lag, (rows) => lagChart(rows))),
      el('div', { class: 'grid' },
        card('Upcoming runs', upcoming, (rows) => table([
          { title: 'Job', render: (r) => link(`/jobs/${encodeURIComponent(r.job_id)}`, r.job_name || r.job_id) },
          { title: 'Next run', class: 'nowrap', render: (r) => el('span', {}, timeEl(r.next_run_time), el('span', { class: 'muted rel' }, ` ${relativeText(r.next_run_time)}`)) },
        ], rows, { rowId: (r) => r.job_id, empty: 'No enabled job is due.' })),
        card('Failing jobs', failing, (rows) => table([
          { title: 'Job', render: (r) => link(`/jobs/${encodeURIComponent(r.job_id)}`, r.job_name || r.job_id) },
          { title: 'Failures', class: 'num', render: (r) => link(route('/executions', { job_id: r.job_id, status: 'failed', range: hours <= 24 ? '24h' : '7d' }), num(r.failures)) },
          { title: 'Last', class: 'nowrap', render: (r) => timeEl(r.last_failure_at, { short: true }) },
          { title: 'Error', render: (r) => el('span', { class: 'mono clip', title: r.last_error || '' }, firstLine(r.last_error)) },
        ], rows, { rowId: (r) => r.job_id, empty: 'No failures. 🎉' })),
        card('Slowest jobs', slowest, (rows) => table([
          { title: 'Job', render: (r) => link(`/jobs/${encodeURIComponent(r.job_id)}`, r.job_name || r.job_id) },
          { title: 'Runs', class: 'num', render: (r) => num(r.runs) },
          { title: 'Average', class: 'num', render: (r) => durationText(r.avg_ms) },
          { title: 'Longest', class: 'num', render: (r) => durationText(r.max_ms) },
        ], rows, { rowId: (r) => r.job_id, empty: 'No runs in this window.' }))),
    );
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  };

  hoursSelect.addEventListener('change', () => {
    history.replaceState(null, '', `#${route('/dashboard', { hours: hoursSelect.value })}`);
    load();
  });
  main.replaceChildren(heading('Dashboard', updated), el('div', { class: 'filters' }, field('Window', hoursSelect)), body);
  await load();
  poll(load, REFRESH_MS, params.signal);
}

function card(title, data, draw) {
  let content;
  if (data instanceof Error) {
    content = notice(data.status === 404 ? 'Not available on this server.' : `Could not load: ${data.message}`, 'error');
  } else {
    content = draw(data || []);
  }
  return el('section', { class: 'card' }, el('h2', {}, title), content);
}

function summaryTiles(summary, hours) {
  if (summary instanceof Error || !summary) {
    return notice(`The summary could not be loaded${summary?.message ? `: ${summary.message}` : ''}.`, 'error');
  }
  const range = hours <= 24 ? '24h' : '7d';
  const counts = summary.counts || {};
  const rate = summary.success_rate;
  const jobs = summary.jobs || {};
  const tile = (label, value, href, extra = {}) => el('div', { class: 'stat', ...extra },
    href ? link(href, [el('span', { class: 'value' }, value), el('span', { class: 'label' }, label)])
      : [el('span', { class: 'value' }, value), el('span', { class: 'label' }, label)]);
  return el('div', {},
    el('div', { class: 'stats', 'aria-label': 'Runs in the window' },
      tile('success rate', rate === null || rate === undefined ? '—' : `${formatRate(rate)}`, null, { dataset: { stat: 'success_rate' } }),
      tile('executions', num(summary.total), route('/executions', { range }), { dataset: { stat: 'total' } }),
      COUNTED.map((s) => tile(s, num(counts[s] ?? 0), route('/executions', { status: s, range }), { dataset: { stat: s } }))),
    el('div', { class: 'stats', 'aria-label': 'Jobs' },
      tile('jobs', num(jobs.total), '/jobs', { dataset: { stat: 'jobs' } }),
      tile('enabled', num(jobs.enabled), route('/jobs', { is_enabled: 'true' }), { dataset: { stat: 'enabled' } }),
      tile('paused', num(jobs.paused), null, { dataset: { stat: 'paused' } })),
    summary.from ? el('p', { class: 'muted' }, 'From ', timeEl(summary.from), ' to ', timeEl(summary.to)) : null);
}

/** success_rate is a fraction (0.97) in the dashboard; a number above 1 is taken as percent already. */
function formatRate(rate) {
  const percent = rate <= 1 ? rate * 100 : rate;
  return `${percent.toFixed(percent >= 99.95 || percent === 0 ? 0 : 1)} %`;
}

function firstLine(text) {
  if (!text) return '—';
  const line = String(text).split('\n')[0];
  return line.length > 90 ? `${line.slice(0, 90)}…` : line;
}

// ---- SVG -----------------------------------------------------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';
const W = 720;
const H = 220;
const PAD = { left: 60, right: 10, top: 10, bottom: 26 };

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => { if (v !== null && v !== undefined) node.setAttribute(k, String(v)); });
  children.flat().forEach((c) => { if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c))); });
  return node;
}

const hourLabel = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayHourLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit' });

/** A nice upper bound for an axis: 1, 2 or 5 times a power of ten. */
function niceMax(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value);
}

/** Gridlines at 0, half and the maximum, labelled by format (null: no label), and the hour labels. */
function frame(max, rows, format) {
  const plotH = H - PAD.top - PAD.bottom;
  const plotW = W - PAD.left - PAD.right;
  const nodes = [];
  [0, 0.5, 1].forEach((f) => {
    const y = PAD.top + plotH * (1 - f);
    nodes.push(svg('line', { class: 'grid-line', x1: PAD.left, x2: W - PAD.right, y1: y, y2: y }));
    const label = format(max * f);
    if (label !== null) nodes.push(svg('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end' }, label));
  });
  const step = Math.max(1, Math.ceil(rows.length / 8));
  const long = rows.length > 30;
  rows.forEach((r, i) => {
    if (i % step !== 0) return;
    const x = PAD.left + plotW * ((i + 0.5) / rows.length);
    nodes.push(svg('text', { x, y: H - 8, 'text-anchor': 'middle' }, (long ? dayHourLabel : hourLabel).format(new Date(r.hour))));
  });
  return { nodes, plotH, plotW };
}

/** Stacked bars of the outcomes per hour, oldest first. */
function hourlyChart(rows) {
  if (!rows.length) return notice('No data.');
  const totals = rows.map((r) => OUTCOMES.reduce((s, k) => s + (r[k] || 0), 0));
  const max = niceMax(Math.max(...totals));
  // counts: a gridline at half of an odd maximum gets no label rather than a rounded one
  const { nodes, plotH, plotW } = frame(max, rows, (v) => (Number.isInteger(v) ? num(v) : null));
  const bw = plotW / rows.length;
  rows.forEach((r, i) => {
    let y = PAD.top + plotH;
    const x = PAD.left + i * bw + bw * 0.12;
    const tip = `${new Date(r.hour).toLocaleString()}: ${OUTCOMES.map((k) => `${k} ${r[k] || 0}`).join(', ')}`;
    const group = svg('g', { class: 'bar', 'data-hour': r.hour }, svg('title', {}, tip));
    OUTCOMES.forEach((k) => {
      const h = ((r[k] || 0) / max) * plotH;
      if (h <= 0) return;
      y -= h;
      group.append(svg('rect', { class: `s-${k}`, x, y, width: Math.max(1, bw * 0.76), height: h }));
    });
    group.append(svg('rect', { x: PAD.left + i * bw, y: PAD.top, width: bw, height: plotH, fill: 'transparent' }));
    nodes.push(group);
  });
  const total = totals.reduce((a, b) => a + b, 0);
  return el('div', {},
    svg('svg', { class: 'chart hourly', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Executions per hour: ${total} in ${rows.length} hours` }, nodes),
    legend(OUTCOMES.map((k) => [`s-${k}`, k])));
}

/** Lines of p50, p95 and max fire lag per hour; hours without fired runs leave a gap. */
function lagChart(rows) {
  if (!rows.length) return notice('No data.');
  const series = [['p50_ms', 'l-p50', 'p50'], ['p95_ms', 'l-p95', 'p95'], ['max_ms', 'l-max', 'max']];
  const values = rows.flatMap((r) => (r.count ? series.map(([k]) => r[k] || 0) : []));
  if (!values.length) return notice('No fired runs in this window.');
  const max = niceMax(Math.max(...values));
  const { nodes, plotH, plotW } = frame(max, rows, (v) => durationText(v));
  const x = (i) => PAD.left + plotW * ((i + 0.5) / rows.length);
  const y = (v) => PAD.top + plotH * (1 - v / max);
  series.forEach(([key, cls, label]) => {
    let d = '';
    let pen = false;
    rows.forEach((r, i) => {
      if (!r.count) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(r[key] || 0).toFixed(1)} `;
      pen = true;
    });
    nodes.push(svg('path', { class: `line ${cls}`, d: d.trim() }));
    rows.forEach((r, i) => {
      if (!r.count) return;
      nodes.push(svg('circle', { class: `dot-${label}`, cx: x(i), cy: y(r[key] || 0), r: 2.5 },
        svg('title', {}, `${new Date(r.hour).toLocaleString()}: ${label} ${durationText(r[key])} over ${r.count} fired runs`)));
    });
  });
  return el('div', {},
    svg('svg', { class: 'chart lag', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Fire lag per hour, highest ${durationText(Math.max(...values))}` }, nodes),
    legend(series.map(([, cls, label]) => [cls, label])));
}

function legend(items) {
  return el('div', { class: 'legend' }, items.map(([cls, label]) => el('span', {}, el('span', { class: `swatch ${cls}` }), label)));
}
