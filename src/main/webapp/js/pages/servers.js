// Servers: the machines a team deploys to, with their check (http or tcp), status, latency and last check; check
// now, add, edit, delete. A user sees their own, an admin everyone's (or one user's).
import { call, currentUser } from '../api.js';
import {
  button, clearFieldErrors, confirmDialog, el, field, heading, pagedTable, replace, showError, showFieldErrors,
  statusBadge, timeEl, toast,
} from '../ui.js';

export async function render(main, { query = {}, signal } = {}) {
  const admin = currentUser()?.is_admin;
  let owner = query.user_id || '';
  const editor = el('div');
  const ownerInput = el('input', { name: 'user_id', value: owner, placeholder: 'everyone', size: 26, class: 'mono' });

  const table = pagedTable({
    caption: 'Servers',
    rowId: (s) => s.id,
    empty: 'No servers yet. Add one to check it from here or from a ServerHealthCheck job.',
    columns: [
      { title: 'Name', render: (s) => [el('strong', {}, s.name), s.description ? el('div', { class: 'muted' }, s.description) : null,
        (s.tags || []).length ? el('div', { class: 'chips' }, s.tags.map((t) => el('span', { class: 'chip' }, t))) : null] },
      { title: 'Check', render: (s) => el('span', { class: 'mono' }, checkText(s.check)) },
      { title: 'Status', render: (s) => [statusBadge(s.status || 'unknown'), s.last_error ? el('div', { class: 'muted error-text' }, s.last_error) : null] },
      { title: 'Latency', class: 'num', render: (s) => (s.last_latency_ms == null ? '—' : `${s.last_latency_ms} ms`) },
      { title: 'Last check', class: 'nowrap', render: (s) => timeEl(s.last_checked_at, { relative: true }) },
      admin ? { title: 'Owner', render: (s) => el('span', { class: 'mono' }, s.user_id) } : null,
      { title: 'Actions', render: (s) => el('div', { class: 'actions' },
        button('Check now', 'check', async () => {
          const answer = await call('checkServer', { path: { server_id: s.id } });
          const result = answer?.data ?? answer;
          toast(`${s.name}: ${result?.status ?? 'checked'}${result?.last_latency_ms != null ? ` in ${result.last_latency_ms} ms` : ''}`,
            result?.status === 'down' ? 'error' : 'ok');
          table.reload(true);
        }, { kind: 'small', title: s.check ? 'Run the check now' : 'This server has no check', attrs: { disabled: !s.check } }),
        button('Edit', 'edit', () => openEditor(s.id), { kind: 'small' }),
        button('Delete', 'delete', async () => {
          if (!await confirmDialog({ title: 'Delete this server?', message: `"${s.name}" is deleted. Jobs that check it will report it missing.`, confirmText: 'Delete server', action: 'delete' })) return;
          await call('deleteServer', { path: { server_id: s.id } });
          toast('Server deleted');
          table.reload(true);
        }, { kind: 'small danger' })) },
    ].filter(Boolean),
    load: async ({ page, pageSize }) => {
      const answer = owner
        ? await call('listUserServers', { path: { user_id: owner }, query: { page, page_size: pageSize }, signal })
        : await call('listServers', { query: { page, page_size: pageSize }, signal });
      return { rows: answer.data || [], total: answer.total };
    },
  });

  replace(main,
    heading('Servers', button('Add server', 'new', () => openEditor(null), { kind: 'primary' })),
    editor,
    admin ? el('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); owner = ownerInput.value.trim(); table.reload(false); } },
      field('Owner (user id)', ownerInput), button('Show', 'filter', null, { kind: 'small', type: 'submit' })) : null,
    table.node);

  async function openEditor(id) {
    let server = { name: '', description: '', tags: [], check: null };
    if (id) {
      try {
        server = (await call('getServer', { path: { server_id: id }, signal })).data;
      } catch (e) {
        showError(e);
        return;
      }
    }
    const check = server.check || {};
    const name = el('input', { name: 'name', value: server.name || '', required: true, maxlength: 200 });
    const description = el('input', { name: 'description', value: server.description || '' });
    const tags = el('input', { name: 'tags', value: (server.tags || []).join(', '), placeholder: 'web, eu' });
    const type = el('select', { name: 'check.type' }, ['', 'http', 'tcp'].map((t) => el('option', { value: t, selected: (check.type || '') === t }, t || 'no check')));
    const url = el('input', { name: 'check.url', type: 'url', value: check.url || '', placeholder: 'https://app1.example.com/health', size: 40 });
    const host = el('input', { name: 'check.host', value: check.host || '', placeholder: 'db1.example.com' });
    const port = el('input', { name: 'check.port', type: 'number', min: 1, max: 65535, value: check.port ?? '' });
    const userId = admin && !id ? el('input', { name: 'user_id', placeholder: 'me', class: 'mono', size: 26 }) : null;
    const httpFields = el('div', { class: 'fields' }, field('URL', url));
    const tcpFields = el('div', { class: 'fields' }, field('Host', host), field('Port', port));
    const showCheck = () => { httpFields.hidden = type.value !== 'http'; tcpFields.hidden = type.value !== 'tcp'; };
    type.addEventListener('change', showCheck);
    showCheck();
    const form = el('form', { class: 'card server-form', 'aria-label': id ? 'Edit server' : 'Add server' },
      el('h2', {}, id ? `Edit ${server.name}` : 'Add a server'),
      el('div', { class: 'fields' }, field('Name', name), field('Description', description), field('Tags', tags, 'comma-separated'),
        userId ? field('Owner (user id)', userId, 'empty: yourself') : null),
      el('fieldset', {}, el('legend', {}, 'Check'), field('Type', type), httpFields, tcpFields),
      el('div', { class: 'form-actions' }, button(id ? 'Save' : 'Add server', 'save', null, { kind: 'primary', type: 'submit' }),
        button('Cancel', 'cancel', () => replace(editor))));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearFieldErrors(form);
      const body = {
        name: name.value.trim(), description: description.value.trim(),
        tags: tags.value.split(',').map((t) => t.trim()).filter(Boolean),
        check: type.value === 'http' ? { type: 'http', url: url.value.trim() }
          : type.value === 'tcp' ? { type: 'tcp', host: host.value.trim(), port: port.value === '' ? null : Number(port.value) } : null,
      };
      if (userId?.value.trim()) body.user_id = userId.value.trim();
      try {
        if (id) await call('updateServer', { path: { server_id: id }, body });
        else await call('createServer', { body });
        toast(id ? 'Server saved' : 'Server added');
        replace(editor);
        table.reload(!id ? false : true);
      } catch (e) {
        if (e.status === 400) showFieldErrors(form, e);
        else showError(e);
      }
    });
    replace(editor, form);
    name.focus();
  }
}

function checkText(check) {
  if (!check) return '—';
  if (check.type === 'http') return check.url;
  if (check.type === 'tcp') return `tcp ${check.host}:${check.port}`;
  return JSON.stringify(check);
}
