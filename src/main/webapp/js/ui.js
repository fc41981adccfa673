// Shared widgets: DOM building, times, status badges, paged tables, dialogs, toasts and field errors.
// Everything builds nodes with textContent; nothing from the API is ever parsed as HTML.

/**
 * Builds an element. `attrs`: attributes, with `class`, `dataset` (object), `on<event>` (listener) and `hidden`,
 * `disabled`, `checked`, `value` set as properties; children: nodes, strings, numbers, arrays, null (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'dataset') Object.entries(value).forEach(([k, v]) => { if (v != null) node.dataset[k] = v; });
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (['value', 'checked', 'disabled', 'hidden', 'selected', 'open'].includes(key)) node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** The page heading (`h1`) and the document title. */
export function heading(text, ...extra) {
  document.title = `${text} · Texium Scheduler`;
  return el('div', { class: 'page-head' }, el('h1', {}, text), extra.length ? el('div', { class: 'page-actions' }, extra) : null);
}

/** A button with visible text and `data-action`; `onclick` may be async: the button is disabled while it runs. */
export function button(text, action, onclick, { kind = '', title, type = 'button', attrs = {} } = {}) {
  const b = el('button', { type, class: ['btn', kind], title, dataset: { action }, ...attrs }, text);
  if (onclick) {
    b.addEventListener('click', async (event) => {
      if (b.disabled) return;
      b.disabled = true;
      try {
        await onclick(event);
      } catch (e) {
        showError(e);
      } finally {
        if (b.isConnected) b.disabled = false;
      }
    });
  }
  return b;
}

/** A link to a console route. */
export function link(route, text, attrs = {}) {
  return el('a', { href: `#${route}`, ...attrs }, text);
}

// ---- times ---------------------------------------------------------------------------------------------------

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const localFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});
const shortFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The browser's time zone id. */
export function browserZone() {
  return zone;
}

/** `YYYY-MM-DD HH:MM:SS UTC` of an instant. */
export function utcText(date) {
  return `${date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '').replace('Z', '')} UTC`;
}

/** A `<time>` in the browser's zone, with the UTC time in `title`; '—' for no time. */
export function timeEl(value, { short = false, relative = false } = {}) {
  if (!value) return el('span', { class: 'muted' }, '—');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return el('span', {}, String(value));
  const text = (short ? shortFormat : localFormat).format(date);
  const node = el('time', { datetime: date.toISOString(), title: `${utcText(date)} (shown in ${zone})` }, text);
  if (relative) node.append(el('span', { class: 'muted rel' }, ` (${relativeText(date)})`));
  return node;
}

/** "in 5 min", "3 h ago". */
export function relativeText(date, now = Date.now()) {
  const seconds = Math.round((new Date(date).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  let text;
  if (abs < 60) text = `${abs} s`;
  else if (abs < 3600) text = `${Math.round(abs / 60)} min`;
  else if (abs < 86400 * 2) text = `${Math.round(abs / 3600)} h`;
  else text = `${Math.round(abs / 86400)} d`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

/** A duration in ms as "850 ms", "12.3 s", "4 min 5 s". */
export function durationText(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** An ISO instant as the value of a `datetime-local` input in the browser's zone. */
export function toLocalInput(value) {
  if (!value) return '';
  const d = new Date(value);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (browser zone) as an ISO UTC instant, or '' when empty. */
export function fromLocalInput(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().replace(/\.\d+Z$/, 'Z');
}

// ---- badges --------------------------------------------------------------------------------------------------

/** `span.status[data-status]`: the status of an execution, a job (enabled/paused/disabled) or a server. */
export function statusBadge(status) {
  const value = status ? String(status).toLowerCase() : 'unknown';
  return el('span', { class: 'status', dataset: { status: value } }, value);
}

// ---- toasts --------------------------------------------------------------------------------------------------

/** A short message at the corner of the screen; `kind` is 'ok', 'error' or ''. */
export function toast(message, kind = 'ok', ms = 4000) {
  let box = document.getElementById('toasts');
  if (!box) {
    box = el('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(box);
  }
  const item = el('div', { class: ['toast', kind] }, message);
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? ms * 2 : ms);
  return item;
}

/** Shows an error as a toast: an ApiError's detail and, when it lists fields, the fields. */
export function showError(e) {
  if (e?.name === 'AbortError') return;
  console.error(e);
  const fields = e?.errors?.length ? ` (${e.errors.map((x) => `${x.field}: ${x.message}`).join('; ')})` : '';
  toast(`${e?.message || e}${fields}`, 'error');
}

// ---- dialogs -------------------------------------------------------------------------------------------------

function dialog(title, body, actions, { onCancel } = {}) {
  const d = el('dialog', { class: 'dialog', 'aria-label': title },
    el('form', { method: 'dialog' }, el('h2', {}, title), body, el('div', { class: 'dialog-actions' }, actions)));
  document.body.append(d);
  d.addEventListener('close', () => { onCancel?.(); d.remove(); });
  d.showModal();
  return d;
}

/** Asks to confirm; resolves true (confirmed) or false. `confirmText` is the button's text, `action` its data-action. */
export function confirmDialog({ title = 'Are you sure?', message = '', confirmText = 'Confirm', action = 'confirm', danger = true } = {}) {
  return new Promise((resolve) => {
    let answer = false;
    const ok = el('button', { type: 'submit', class: ['btn', danger ? 'danger' : 'primary'], dataset: { action }, value: 'ok' }, confirmText);
    const cancel = el('button', { type: 'submit', class: 'btn', dataset: { action: 'dismiss' }, value: 'cancel', formnovalidate: true }, 'Cancel');
    ok.addEventListener('click', () => { answer = true; });
    const d = dialog(title, el('p', {}, message), [cancel, ok], { onCancel: () => resolve(answer) });
    cancel.focus();
    return d;
  });
}

/**
 * Asks for the signed-in user's password for one password-only request (GitHub's sudo mode); resolves the password,
 * or null when cancelled. The caller sends it once and keeps nothing.
 */
export function passwordPrompt(reason = 'This action needs your password.') {
  return new Promise((resolve) => {
    let answer = null;
    const input = el('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
    const ok = el('button', { type: 'submit', class: 'btn primary', dataset: { action: 'confirm-password' }, value: 'ok' }, 'Continue');
    const cancel = el('button', { type: 'submit', class: 'btn', dataset: { action: 'dismiss' }, value: 'cancel', formnovalidate: true }, 'Cancel');
    ok.addEventListener('click', (event) => {
      if (!input.value) { event.preventDefault(); input.focus(); return; }
      answer = input.value;
    });
    dialog('Confirm with your password', [el('p', {}, reason), el('label', {}, 'Password', input)], [cancel, ok],
      { onCancel: () => { const a = answer; answer = null; input.value = ''; resolve(a); } });
    input.focus();
  });
}

// ---- field errors --------------------------------------------------------------------------------------------

/** Removes the field errors shown in a form. */
export function clearFieldErrors(form) {
  form.querySelectorAll('.field-error').forEach((p) => p.remove());
  form.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
}

/**
 * Shows an ApiError's field list next to the inputs named like the fields (`<p class="field-error"
 * data-field="...">`): `pub_args[1]` goes next to `pub_args[1]` or else `pub_args`, `notify.emails[0]` next to
 * `notify.emails`; a field with no input goes to the form's `.form-errors` box. Answers whether any field was shown.
 */
export function showFieldErrors(form, error) {
  clearFieldErrors(form);
  const errors = error?.errors || [];
  let summary = form.querySelector('.form-errors');
  if (!summary) {
    summary = el('div', { class: 'form-errors', role: 'alert' });
    form.prepend(summary);
  }
  let first = null;
  for (const { field, message } of errors) {
    const input = inputFor(form, field);
    const p = el('p', { class: 'field-error', dataset: { field }, id: `err-${cssId(field)}` }, input ? message : `${field}: ${message}`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', p.id);
      (input.closest('.field') || input.parentElement).append(p);
      first ??= input;
    } else {
      summary.append(p);
    }
  }
  if (!errors.length && error) {
    summary.append(el('p', { class: 'field-error', dataset: { field: '' } }, error.message || String(error)));
  }
  (first || summary).scrollIntoView?.({ block: 'center' });
  first?.focus?.();
  return errors.length > 0;
}

function inputFor(form, field) {
  let name = field;
  while (name) {
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (input) return input;
    const cut = Math.max(name.lastIndexOf('['), name.lastIndexOf('.'));
    if (cut <= 0) break;
    name = name.slice(0, cut);
  }
  return null;
}

function cssId(text) {
  return String(text).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** A labelled form field: `<div class="field"><label>text input</label><small>hint</small></div>`. */
export function field(label, input, hint) {
  const id = input.id || `f-${cssId(input.name || label)}-${Math.random().toString(36).slice(2, 7)}`;
  input.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, label), input, hint ? el('small', { class: 'hint' }, hint) : null);
}

// ---- paged table ---------------------------------------------------------------------------------------------

/**
 * A table loaded a page at a time. `columns`: `[{title, render(row) -> node|text, class}]`; `load({page, pageSize})`
 * answers `{rows, total, estimated}`; `rowId(row)` gives `tr[data-id]`. Answers `{node, reload(keepPage), page()}`.
 */
export function pagedTable({ columns, load, rowId = (r) => r.id, pageSize = 20, empty = 'Nothing here yet.', caption, onRows }) {
  let page = 1;
  let size = pageSize;
  let total = 0;
  let busy = null;
  const tbody = el('tbody');
  const signatures = new WeakMap();
  const status = el('span', { class: 'muted pager-status', 'aria-live': 'polite' });
  const prev = button('Previous', 'previous-page', () => go(page - 1), { kind: 'small' });
  const next = button('Next', 'next-page', () => go(page + 1), { kind: 'small' });
  const sizeSelect = el('select', { name: 'page_size', 'aria-label': 'Rows per page', onchange: () => { size = Number(sizeSelect.value); go(1); } },
    [10, 20, 50, 100].map((n) => el('option', { value: String(n), selected: n === size }, `${n} / page`)));
  const table = el('table', { class: 'data' },
    caption ? el('caption', { class: 'sr-only' }, caption) : null,
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.class }, c.title)))), tbody);
  const node = el('div', { class: 'paged' }, el('div', { class: 'table-wrap' }, table),
    el('div', { class: 'pager' }, prev, status, next, sizeSelect));

  async function go(target, { quiet = false } = {}) {
    const ticket = {};
    busy = ticket;
    if (!quiet) node.classList.add('loading');
    try {
      const answer = await load({ page: Math.max(1, target), pageSize: size });
      if (busy !== ticket) return;
      page = Math.max(1, target);
      total = answer.total ?? answer.rows.length;
      const pages = Math.max(1, Math.ceil(total / size));
      if (answer.rows.length === 0 && page > 1 && !quiet) { go(Math.min(page - 1, pages)); return; }
      renderRows(answer.rows);
      status.textContent = total === 0 ? '' : `Page ${page} of ${answer.estimated ? '~' : ''}${pages} · ${answer.estimated ? '~' : ''}${total} in all`;
      prev.disabled = page <= 1;
      next.disabled = page >= pages && !answer.more;
      onRows?.(answer.rows);
    } catch (e) {
      if (busy === ticket) {
        replace(tbody, el('tr', {}, el('td', { colspan: columns.length, class: 'error-cell' }, `Could not load: ${e.message}`)));
        if (!quiet) showError(e);
      }
    } finally {
      if (busy === ticket) node.classList.remove('loading');
    }
  }

  // Rows are keyed by id: an unchanged row keeps its node (and the focus inside it), so a live refresh only
  // touches the rows that changed.
  function renderRows(rows) {
    if (!rows.length) {
      replace(tbody, el('tr', { class: 'empty' }, el('td', { colspan: columns.length }, empty)));
      return;
    }
    const existing = new Map([...tbody.children].filter((tr) => tr.dataset.id).map((tr) => [tr.dataset.id, tr]));
    const wanted = rows.map((row) => {
      const id = String(rowId(row));
      const signature = JSON.stringify(row);
      const old = existing.get(id);
      if (old && signatures.get(old) === signature) return old;
      const tr = el('tr', { dataset: { id } }, columns.map((c) => el('td', { class: c.class, 'data-label': c.title }, c.render(row))));
      signatures.set(tr, signature);
      if (old && old.contains(document.activeElement)) {
        const action = document.activeElement.dataset?.action;
        queueMicrotask(() => tr.querySelector(action ? `[data-action="${CSS.escape(action)}"]` : 'a, button')?.focus());
      }
      return tr;
    });
    const keep = new Set(wanted);
    [...tbody.children].forEach((tr) => { if (!keep.has(tr)) tr.remove(); });
    wanted.forEach((tr, i) => {
      if (tbody.children[i] !== tr) tbody.insertBefore(tr, tbody.children[i] || null);
    });
  }

  go(1);
  return { node, reload: (keep = true, opts) => go(keep ? page : 1, opts), page: () => page, size: () => size };
}

/** A plain (unpaged) table of a few rows. */
export function table(columns, rows, { rowId = (r) => r.id, empty = 'Nothing to show.' } = {}) {
  return el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.class }, c.title)))),
    el('tbody', {}, rows.length ? rows.map((row) => el('tr', { dataset: { id: rowId(row) } },
      columns.map((c) => el('td', { class: c.class, 'data-label': c.title }, c.render(row)))))
      : el('tr', { class: 'empty' }, el('td', { colspan: columns.length }, empty)))));
}

/** A definition list of `[label, value]` pairs. */
export function details(pairs) {
  return el('dl', { class: 'details' }, pairs.filter(Boolean).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v ?? '—')]));
}

/** A monospace block with a copy button. */
export function codeBlock(text, { label = 'output', action = 'copy' } = {}) {
  const pre = el('pre', { class: 'code', tabindex: '0', 'aria-label': label }, text ?? '');
  const copy = button('Copy', action, async () => {
    await copyText(text ?? '');
    toast(`Copied the ${label}`);
  }, { kind: 'small' });
  return el('div', { class: 'code-wrap' }, copy, pre);
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el('textarea', { class: 'sr-only' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/** A loading placeholder. */
export function loading(text = 'Loading…') {
  return el('p', { class: 'muted loading-text' }, text);
}

/** A message box for a page that cannot show (error, forbidden). */
export function notice(text, kind = '') {
  return el('div', { class: ['notice', kind], role: kind === 'error' ? 'alert' : null }, text);
}

/** Calls `fn` after `ms` of quiet; the returned function takes the same arguments. */
export function debounce(fn, ms = 300) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/**
 * Runs `tick` every `ms` while the page is visible and `signal` is not aborted; a tick never overlaps the previous
 * one. Stops when aborted.
 */
export function poll(tick, ms, signal) {
  let timer = null;
  let running = false;
  const schedule = () => {
    clearTimeout(timer);
    if (signal?.aborted || document.hidden) return;
    timer = setTimeout(run, ms);
  };
  const run = async () => {
    if (running || signal?.aborted || document.hidden) return;
    running = true;
    try { await tick(); } catch (e) { if (e?.name !== 'AbortError') console.warn(e); } finally { running = false; schedule(); }
  };
  const visibility = () => { if (!document.hidden) run(); else clearTimeout(timer); };
  document.addEventListener('visibilitychange', visibility);
  signal?.addEventListener('abort', () => { clearTimeout(timer); document.removeEventListener('visibilitychange', visibility); });
  schedule();
}

/** Formats a number with the browser's grouping. */
export function num(n) {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString();
}

/** Goes to a console route (`/jobs/abc`). */
export function go(route) {
  location.hash = `#${route}`;
}

/** Builds a route with query parameters, leaving out empty values: `route('/executions', {status: 'failed'})`. */
export function route(path, query = {}) {
  const q = new URLSearchParams();
  Object.entries(query).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') q.set(k, v); });
  const text = q.toString();
  return text ? `${path}?${text}` : path;
}
