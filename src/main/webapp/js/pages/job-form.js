// #/jobs/new and #/jobs/{id}/edit: a job's class and typed arguments, its schedule with a live preview, its run
// policies, chains and notifications; the API's field errors shown next to their inputs; edits sent with If-Match.
import { call, currentUser } from '../api.js';
import {
  button, clearFieldErrors, replace, debounce, el, field, go, heading, link, notice, relativeText, showError, showFieldErrors, timeEl, toast,
} from '../ui.js';
import { SCHEDULE_FIELDS, userNames } from './common.js';

const SECRET_MASK = '********';
const NOTIFY_ON = ['failed', 'timeout', 'missed', 'skipped', 'succeeded'];
const FIELD_HINTS = {
  second: '0-59', minute: '0-59, */5', hour: '0-23, 9-17', day_of_month: '1-31, last, 1st mon',
  month: '1-12, jan-dec', day_of_week: '0-6 = mon-sun', week: 'ISO 1-53', year: '2027',
};
/** The policy fields: [name, label, kind, hint]. */
const POLICIES = [
  ['max_retries', 'Retries', 'integer', '0 .. 100; a failed or timed-out run is retried as a new execution'],
  ['retry_delay_seconds', 'First retry after (s)', 'integer', '1 .. 86,400'],
  ['retry_backoff', 'Backoff factor', 'number', '1 .. 10; each further delay grows by it'],
  ['retry_max_delay_seconds', 'Longest delay (s)', 'integer', '1 .. 604,800'],
  ['timeout_seconds', 'Timeout (s)', 'integer', 'empty: no timeout; 1 .. 604,800'],
  ['max_instances', 'Max instances', 'integer', 'runs at the same time, 1 .. 1,000'],
  ['misfire_grace_seconds', 'Misfire grace (s)', 'integer', 'how late a fire may still run, 0 .. 2,592,000'],
];

export async function render(main, params) {
  const editing = Boolean(params.id);
  const me = currentUser();
  const [available, names, jobList, loaded] = await Promise.all([
    call('listAvailableJobs', { signal: params.signal }),
    userNames().catch(() => new Map()),
    call('listJobs', { query: { page_size: 500 }, signal: params.signal }).catch(() => ({ data: [] })),
    editing ? call('getJob', { path: { job_id: params.id }, full: true, signal: params.signal }) : null,
  ]);
  const classes = available.data || [];
  const job = loaded ? (loaded.body.data || loaded.body) : null;
  let etag = loaded?.etag;

  // ---- the job -------------------------------------------------------------------------------------------------
  const name = el('input', { name: 'name', required: true, value: job?.name || '', autocomplete: 'off' });
  const description = el('input', { name: 'description', value: job?.description || '', autocomplete: 'off' });
  const jobClass = el('select', { name: 'job_class_string', required: true },
    el('option', { value: '' }, 'Choose a job class…'),
    classes.map((c) => el('option', { value: c.job_class_string, disabled: c.admin_only && !me.is_admin },
      `${c.name} — ${c.job_class_string}${c.admin_only ? ' (administrators)' : ''}`)));
  jobClass.value = job?.job_class_string || '';
  const owner = me.is_admin ? el('select', { name: 'user_id' },
    [...names].sort((a, b) => a[1].localeCompare(b[1])).map(([id, n]) => el('option', { value: id }, n))) : null;
  if (owner) owner.value = job?.user_id || me.id;
  const enabledBox = el('input', { type: 'checkbox', name: 'is_enabled', checked: job ? job.is_enabled : true });

  // ---- arguments ------------------------------------------------------------------------------------------------
  const classInfo = el('div', { class: 'muted' });
  const argsBox = el('div');
  let argInputs = []; // [{arg, input}] or null for raw JSON
  let rawArgs = null;

  const drawArguments = () => {
    const type = classes.find((c) => c.job_class_string === jobClass.value);
    classInfo.replaceChildren(...(type ? [
      el('p', {}, type.description || ''),
      type.notes?.length ? el('ul', {}, type.notes.map((n) => el('li', {}, n))) : null,
    ] : []));
    const described = (type?.arguments || []).filter((a) => !a.name.startsWith('*'));
    const free = Boolean(type) && (type.arguments || []).some((a) => a.name.startsWith('*'));
    const current = currentArguments(type);
    argInputs = described.map((arg) => ({ arg, input: argumentInput(arg, current.kwargs[arg.name]) }));
    rawArgs = free ? {
      args: el('textarea', { name: 'pub_args', rows: 3, spellcheck: 'false' }),
      kwargs: el('textarea', { name: 'pub_kwargs', rows: 4, spellcheck: 'false' }),
    } : null;
    if (rawArgs) {
      const extra = { ...current.kwargs };
      described.forEach((a) => delete extra[a.name]);
      rawArgs.args.value = JSON.stringify(current.args, null, 0);
      rawArgs.kwargs.value = JSON.stringify(extra, null, 2);
      if (!job && type && !current.args.length && !Object.keys(extra).length) {
        rawArgs.args.value = JSON.stringify(type.example_pub_args || []);
        rawArgs.kwargs.value = JSON.stringify(type.example_pub_kwargs || {}, null, 2);
      }
    }
    argsBox.replaceChildren(
      ...argInputs.map(({ arg, input }) => field(`${arg.name}${arg.required ? ' *' : ''}`, input,
        [arg.type, arg.description, arg.default !== null && arg.default !== undefined ? `default ${JSON.stringify(arg.default)}` : '',
          arg.secret ? 'secret: shown as ******** once saved; leave it to keep the stored value' : ''].filter(Boolean).join(' · '))),
      rawArgs ? field('Positional arguments (pub_args, a JSON array)', rawArgs.args) : null,
      rawArgs ? field('Keyword arguments (pub_kwargs, a JSON object)', rawArgs.kwargs) : null,
      !argInputs.length && !rawArgs ? el('p', { class: 'muted' }, type ? 'This class takes no arguments.' : 'Choose a class first.') : null,
    );
  };

  /** The job's stored arguments by name: positional ones mapped to the described names in order. */
  const currentArguments = (type) => {
    const kwargs = { ...(job?.pub_kwargs || {}) };
    let args = [...(job?.pub_args || [])];
    if (job && type && job.job_class_string === type.job_class_string) {
      const named = (type.arguments || []).filter((a) => !a.name.startsWith('*'));
      if (named.length) {
        args.forEach((value, i) => { if (named[i] && !(named[i].name in kwargs)) kwargs[named[i].name] = value; });
        args = args.slice(named.length);
      }
    } else if (job) {
      return { args: [], kwargs: {} };
    }
    return { args, kwargs };
  };

  // ---- schedule -------------------------------------------------------------------------------------------------
  const mode = job?.cron ? 'cron' : 'fields';
  const modeFields = el('input', { type: 'radio', name: 'schedule_mode', value: 'fields', checked: mode === 'fields' });
  const modeCron = el('input', { type: 'radio', name: 'schedule_mode', value: 'cron', checked: mode === 'cron' });
  const fieldInputs = Object.fromEntries(SCHEDULE_FIELDS.map((f) => [f, el('input', {
    name: f, value: job?.cron ? '' : (job?.[f] ?? ''), placeholder: '', autocomplete: 'off', spellcheck: 'false', class: 'mono',
  })]));
  if (!job) fieldInputs.minute.value = '*/5';
  const cron = el('input', { name: 'cron', value: job?.cron || '', placeholder: '*/15 9-17 * * 1-5', class: 'mono', autocomplete: 'off', spellcheck: 'false' });
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const timezone = el('input', { name: 'timezone', value: job?.timezone || 'UTC', list: 'tz-list', autocomplete: 'off' });
  const tzList = el('datalist', { id: 'tz-list' }, ['UTC', ...zones].map((z) => el('option', { value: z })));
  const startDate = el('input', { name: 'start_date', value: job?.start_date || '', placeholder: '2027-01-01 or 2027-01-01T09:00', autocomplete: 'off' });
  const endDate = el('input', { name: 'end_date', value: job?.end_date || '', placeholder: 'empty: no end', autocomplete: 'off' });
  const fieldsBox = el('div', { class: 'fields' }, ['second', 'minute', 'hour', 'day_of_month', 'month', 'day_of_week', 'week', 'year']
    .map((f) => field(f, fieldInputs[f], FIELD_HINTS[f])));
  const cronBox = el('div', {}, field('Crontab line', cron, '5 fields (minute hour day month weekday; 0 or 7 = Sunday), 6 with leading seconds, or @daily, @hourly…'));
  const preview = el('div', { class: 'preview', 'aria-live': 'polite', id: 'schedule-preview' }, el('p', { class: 'muted' }, 'The next fire times show here while you type.'));

  const scheduleMode = () => (modeCron.checked ? 'cron' : 'fields');
  const drawMode = () => {
    fieldsBox.hidden = scheduleMode() !== 'fields';
    cronBox.hidden = scheduleMode() !== 'cron';
  };

  /** The schedule as the API takes it; `forUpdate` adds nulls for the fields cleared, so a PUT clears them too. */
  const schedule = (forUpdate = false) => {
    const s = {};
    if (scheduleMode() === 'cron') {
      s.cron = cron.value.trim();
    } else {
      SCHEDULE_FIELDS.forEach((f) => {
        const v = fieldInputs[f].value.trim();
        if (v) s[f] = v; else if (forUpdate) s[f] = null;
      });
    }
    s.timezone = timezone.value.trim() || 'UTC';
    const start = startDate.value.trim();
    const end = endDate.value.trim();
    if (start) s.start_date = start; else if (forUpdate) s.start_date = null;
    if (end) s.end_date = end; else if (forUpdate) s.end_date = null;
    return s;
  };

  let previewTicket = 0;
  const updatePreview = debounce(async () => {
    const ticket = ++previewTicket;
    const body = schedule(false);
    if (scheduleMode() === 'cron' && !body.cron) {
      preview.replaceChildren(el('p', { class: 'muted' }, 'Type a crontab line.'));
      return;
    }
    preview.classList.add('loading');
    try {
      const answer = await call('previewSchedule', { body: { ...body, count: 5 }, signal: params.signal });
      if (ticket !== previewTicket) return;
      const p = answer.data || {};
      preview.classList.remove('error');
      preview.replaceChildren(
        el('p', { class: 'description', dataset: { preview: 'description' } }, p.description || ''),
        p.next_run_times?.length
          ? el('ol', { class: 'next-times' }, p.next_run_times.map((t) => el('li', { dataset: { time: t } }, timeEl(t),
            el('span', { class: 'muted rel' }, ` ${relativeText(t)} · ${t}`))))
          : el('p', { class: 'muted' }, 'It does not fire again.'));
    } catch (e) {
      if (ticket !== previewTicket || e.name === 'AbortError') return;
      preview.classList.add('error');
      preview.replaceChildren(el('p', { class: 'description' }, 'This schedule is not valid:'),
        el('ul', {}, (e.errors?.length ? e.errors : [{ field: '', message: e.message }])
          .map((x) => el('li', { class: 'preview-error', dataset: { field: x.field } }, x.field ? `${x.field}: ${x.message}` : x.message))));
    } finally {
      if (ticket === previewTicket) preview.classList.remove('loading');
    }
  }, 350);

  // ---- policies, chains, notifications --------------------------------------------------------------------------
  const policyInputs = Object.fromEntries(POLICIES.map(([f, , kind]) => [f, el('input', {
    name: f, type: 'number', step: kind === 'number' ? 'any' : '1', inputmode: kind === 'number' ? 'decimal' : 'numeric',
    value: job?.[f] ?? '',
  })]));
  const coalesce = el('select', { name: 'coalesce' }, el('option', { value: 'true' }, 'yes: late fires within the grace run once'),
    el('option', { value: 'false' }, 'no: each late fire runs'));
  coalesce.value = job ? String(job.coalesce) : 'true';
  const others = (jobList.data || []).filter((j) => j.id !== params.id).sort((a, b) => (a.name || '').localeCompare(b.name || ''));
  const chainSelect = (fieldName) => {
    const chosen = new Set(job?.[fieldName] || []);
    const select = el('select', { name: fieldName, multiple: true, size: Math.min(6, Math.max(3, others.length)) },
      others.map((j) => el('option', { value: j.id, selected: chosen.has(j.id) }, `${j.name} (${j.id.slice(-6)})`)));
    [...chosen].filter((id) => !others.some((j) => j.id === id))
      .forEach((id) => select.append(el('option', { value: id, selected: true }, id)));
    return select;
  };
  const onSuccess = chainSelect('on_success');
  const onFailure = chainSelect('on_failure');

  const notifyMode = el('select', { name: 'notify_mode' }, el('option', { value: 'default' }, 'The server\'s default'),
    el('option', { value: 'custom' }, 'Tell these…'));
  notifyMode.value = job?.notify ? 'custom' : 'default';
  const notifyOn = NOTIFY_ON.map((s) => el('label', { class: 'field inline' },
    el('input', { type: 'checkbox', name: 'notify.on', value: s, checked: (job?.notify?.on || ['failed', 'timeout', 'missed']).includes(s) }), s));
  const notifyEmails = el('textarea', { name: 'notify.emails', rows: 2, placeholder: 'ops@example.com (one a line)' });
  notifyEmails.value = (job?.notify?.emails || []).join('\n');
  const notifyWebhooks = el('textarea', { name: 'notify.webhooks', rows: 2, placeholder: 'https://hooks.slack.com/services/… (one a line)' });
  notifyWebhooks.value = (job?.notify?.webhooks || []).join('\n');
  const notifyBox = el('div', {},
    el('div', { class: 'field' }, el('span', { class: 'label' }, 'On'), el('div', { class: 'chips notify-on', 'data-field-anchor': 'notify.on' }, notifyOn)),
    field('E-mail addresses', notifyEmails, 'at most 20'),
    field('Webhook URLs', notifyWebhooks, 'at most 5; a saved URL shows masked (***): leave it to keep it'));
  const drawNotify = () => { notifyBox.hidden = notifyMode.value !== 'custom'; };

  // ---- the request ----------------------------------------------------------------------------------------------
  const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);
  const problems = [];
  const parseJson = (input, fieldName, kind) => {
    const text = input.value.trim();
    if (!text) return kind === 'array' ? [] : {};
    try {
      const value = JSON.parse(text);
      if (kind === 'array' ? !Array.isArray(value) : (typeof value !== 'object' || value === null || Array.isArray(value))) {
        throw new Error(`must be a JSON ${kind}`);
      }
      return value;
    } catch (e) {
      problems.push({ field: fieldName, message: e.message.startsWith('must') ? e.message : `is not valid JSON: ${e.message}` });
      return undefined;
    }
  };

  const request = () => {
    problems.length = 0;
    const body = {
      name: name.value.trim(),
      description: description.value.trim() || (editing ? null : undefined),
      job_class_string: jobClass.value,
      is_enabled: enabledBox.checked,
      ...schedule(editing),
    };
    if (owner && (!editing || owner.value !== job.user_id)) body.user_id = owner.value;
    const kwargs = {};
    for (const { arg, input } of argInputs) {
      const value = argumentValue(arg, input, problems);
      if (value !== undefined) kwargs[arg.name] = value;
    }
    let args = [];
    if (rawArgs) {
      args = parseJson(rawArgs.args, 'pub_args', 'array');
      Object.assign(kwargs, parseJson(rawArgs.kwargs, 'pub_kwargs', 'object') || {});
    }
    body.pub_args = args;
    body.pub_kwargs = kwargs;
    for (const [f, , kind] of POLICIES) {
      const text = policyInputs[f].value.trim();
      if (text === '') { if (editing) body[f] = null; continue; }
      const n = Number(text);
      if (!Number.isFinite(n) || (kind === 'integer' && !Number.isInteger(n))) {
        problems.push({ field: f, message: kind === 'integer' ? 'must be a whole number' : 'must be a number' });
      } else {
        body[f] = n;
      }
    }
    body.coalesce = coalesce.value === 'true';
    body.on_success = [...onSuccess.selectedOptions].map((o) => o.value);
    body.on_failure = [...onFailure.selectedOptions].map((o) => o.value);
    if (notifyMode.value === 'custom') {
      body.notify = {
        on: notifyOn.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value),
        emails: lines(notifyEmails.value),
        webhooks: lines(notifyWebhooks.value),
      };
    } else if (editing || job?.notify) {
      body.notify = null;
    }
    Object.keys(body).forEach((k) => body[k] === undefined && delete body[k]);
    return body;
  };

  // ---- the form -------------------------------------------------------------------------------------------------
  const save = button(editing ? 'Save changes' : 'Create job', 'save', null, { kind: 'primary', type: 'submit' });
  const conflict = el('div');
  const form = el('form', { class: 'job-form', novalidate: true },
    el('div', { class: 'form-errors', role: 'alert' }),
    conflict,
    el('fieldset', {}, el('legend', {}, 'Job'),
      el('div', { class: 'fields' }, field('Name', name), field('Description', description)),
      field('Job class', jobClass), classInfo,
      owner ? field('Owner', owner, 'an administrator may create a job for any user') : null,
      el('div', { class: 'field inline' }, enabledBox, el('label', { for: 'is-enabled' }, 'Enabled'))),
    el('fieldset', {}, el('legend', {}, 'Arguments'), argsBox),
    el('fieldset', {}, el('legend', {}, 'Schedule'),
      el('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Schedule as' },
        el('label', {}, modeFields, el('span', {}, 'Fields')), el('label', {}, modeCron, el('span', {}, 'Crontab line'))),
      fieldsBox, cronBox,
      el('div', { class: 'fields' }, field('Time zone', timezone, 'IANA id, e.g. Europe/Berlin'), field('Start', startDate), field('End', endDate)),
      tzList,
      el('h3', {}, 'Preview'), preview),
    el('fieldset', {}, el('legend', {}, 'Run policy'),
      el('div', { class: 'fields' }, POLICIES.map(([f, label, , hint]) => field(label, policyInputs[f], hint)), field('Coalesce', coalesce)),
      el('div', { class: 'fields' },
        field('On success, run', onSuccess, 'Ctrl/⌘-click to pick several'),
        field('On failure, run', onFailure, 'after the last retry; a timeout counts as a failure'))),
    el('fieldset', {}, el('legend', {}, 'Notifications'), field('Notify', notifyMode), notifyBox),
    el('div', { class: 'form-actions' }, save,
      link(editing ? `/jobs/${encodeURIComponent(params.id)}` : '/jobs', 'Cancel', { class: 'btn', 'data-action': 'dismiss' })));
  enabledBox.id = 'is-enabled';

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    conflict.replaceChildren();
    const body = editing ? changedOnly(request(), initial) : request();
    if (!name.value.trim()) problems.push({ field: 'name', message: 'is required' });
    if (!jobClass.value) problems.push({ field: 'job_class_string', message: 'choose a job class' });
    if (problems.length) {
      showFieldErrors(form, { errors: [...problems] });
      return;
    }
    save.disabled = true;
    try {
      if (editing) {
        const answer = await call('updateJob', { path: { job_id: params.id }, body, ifMatch: etag, full: true });
        etag = answer.etag;
        toast(`Saved ${name.value.trim()}`);
        go(`/jobs/${encodeURIComponent(params.id)}`);
      } else {
        const answer = await call('createJob', { body });
        toast(`Created ${name.value.trim()}`);
        go(`/jobs/${encodeURIComponent(answer.job_id)}`);
      }
    } catch (e) {
      if (e.status === 412) {
        conflict.replaceChildren(notice(el('span', {}, 'Someone changed this job since you opened it. ',
          button('Load their version', 'reload', () => go(`/jobs/${encodeURIComponent(params.id)}/edit?t=${Date.now()}`), { kind: 'small' }),
          ' (your changes here are lost) or save again to overwrite it.'), 'error'));
        etag = undefined;
        conflict.scrollIntoView({ block: 'center' });
      } else if (e.status === 400 || e.errors?.length) {
        showFieldErrors(form, e);
      } else {
        showFieldErrors(form, e);
        showError(e);
      }
    } finally {
      save.disabled = false;
    }
  });

  jobClass.addEventListener('change', drawArguments);
  [modeFields, modeCron].forEach((r) => r.addEventListener('change', () => { drawMode(); updatePreview(); }));
  [...Object.values(fieldInputs), cron, timezone, startDate, endDate].forEach((i) => i.addEventListener('input', updatePreview));
  notifyMode.addEventListener('change', drawNotify);

  drawArguments();
  drawMode();
  drawNotify();
  // an edit sends only what changed (a partial update), so defaults stay defaults and unchanged arguments are not
  // checked again; the schedule goes whole when any part of it changed
  const initial = editing ? request() : null;
  updatePreview();
  replace(main,
    heading(editing ? `Edit ${job.name}` : 'New job'),
    editing && job.warnings?.length ? notice(`A save would now refuse: ${job.warnings.map((w) => `${w.field}: ${w.message}`).join('; ')}`, 'warn') : null,
    form,
  );
  name.focus();
}

const SCHEDULE_KEYS = [...SCHEDULE_FIELDS, 'cron', 'timezone', 'start_date', 'end_date'];

/** The keys of `body` whose value differs from `initial`; the schedule keys all or none. */
function changedOnly(body, initial) {
  const same = (k) => JSON.stringify(body[k] ?? null) === JSON.stringify(initial[k] ?? null);
  const out = {};
  Object.keys(body).filter((k) => !SCHEDULE_KEYS.includes(k) && !same(k)).forEach((k) => { out[k] = body[k]; });
  if (SCHEDULE_KEYS.some((k) => k in body || k in initial ? !same(k) : false)) {
    SCHEDULE_KEYS.filter((k) => k in body).forEach((k) => { out[k] = body[k]; });
  }
  if (('pub_args' in out) || ('pub_kwargs' in out)) {
    out.pub_args = body.pub_args;
    out.pub_kwargs = body.pub_kwargs;
  }
  return out;
}

/** An input for one described argument, typed by the description; its name is `pub_kwargs.<argument>`. */
function argumentInput(arg, value) {
  const name = `pub_kwargs.${arg.name}`;
  const shown = value === undefined || value === null ? '' : value;
  if (arg.allowed?.length) {
    const select = el('select', { name }, el('option', { value: '' }, arg.required ? 'Choose…' : 'default'),
      arg.allowed.map((a) => el('option', { value: a }, a)));
    select.value = String(shown);
    return select;
  }
  switch (arg.type) {
    case 'boolean': {
      const select = el('select', { name }, el('option', { value: '' }, 'default'), el('option', { value: 'true' }, 'true'), el('option', { value: 'false' }, 'false'));
      select.value = shown === '' ? '' : String(shown);
      return select;
    }
    case 'integer':
    case 'number':
      return el('input', { name, type: 'number', step: arg.type === 'integer' ? '1' : 'any', min: arg.minimum ?? null, max: arg.maximum ?? null, value: String(shown) });
    case 'string[]': {
      const area = el('textarea', { name, rows: 3, placeholder: 'one a line' });
      area.value = Array.isArray(shown) ? shown.join('\n') : String(shown);
      return area;
    }
    case 'string':
      return el('input', { name, type: arg.secret ? 'password' : 'text', value: String(shown), autocomplete: arg.secret ? 'new-password' : 'off', spellcheck: 'false' });
    default: { // map<string,string>, object, any: JSON
      const area = el('textarea', { name, rows: 3, spellcheck: 'false', placeholder: 'JSON' });
      area.value = shown === '' ? '' : JSON.stringify(shown, null, 2);
      return area;
    }
  }
}

/** The value of an argument input as the API takes it; undefined when left empty (the default applies). */
function argumentValue(arg, input, problems) {
  const text = input.value.trim();
  if (text === '') return undefined;
  const fieldName = input.name;
  if (arg.allowed?.length && arg.type === 'string') return text;
  switch (arg.type) {
    case 'boolean': return text === 'true';
    case 'integer':
    case 'number': {
      const n = Number(text);
      if (!Number.isFinite(n) || (arg.type === 'integer' && !Number.isInteger(n))) {
        problems.push({ field: fieldName, message: arg.type === 'integer' ? 'must be a whole number' : 'must be a number' });
        return undefined;
      }
      return n;
    }
    case 'string[]': return text.split('\n').map((s) => s.trim()).filter(Boolean);
    case 'string': return arg.secret && text === SECRET_MASK ? SECRET_MASK : input.value;
    default:
      if (arg.allowed?.length) return text;
      try {
        return JSON.parse(text);
      } catch (e) {
        if (arg.type === 'any') return text;
        problems.push({ field: fieldName, message: `is not valid JSON: ${e.message}` });
        return undefined;
      }
  }
}

