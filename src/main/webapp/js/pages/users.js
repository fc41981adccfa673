// Users (admin): list, add, edit, delete. Account administration (adding a user, changing a role, the active flag
// or a password) is password-only in the API: the page asks for the admin's password at that moment and sends it
// with that one request, keeping nothing.
import { call, currentUser } from '../api.js';
import {
  button, clearFieldErrors, confirmDialog, details, el, field, heading, link, pagedTable, passwordPrompt, replace, route,
  showError, showFieldErrors, statusBadge, timeEl, toast,
} from '../ui.js';

export async function render(main, { query = {}, signal } = {}) {
  const filters = { role: query.role || '', is_active: query.is_active || '' };
  const editor = el('div');
  const roleSelect = el('select', { name: 'role' }, ['', 'admin', 'user'].map((r) => el('option', { value: r, selected: r === filters.role }, r || 'any')));
  const activeSelect = el('select', { name: 'is_active' }, [['', 'any'], ['true', 'active'], ['false', 'inactive']]
    .map(([v, t]) => el('option', { value: v, selected: v === filters.is_active }, t)));

  const table = pagedTable({
    caption: 'Users',
    rowId: (u) => u.id,
    pageSize: 50,
    columns: [
      { title: 'Username', render: (u) => [el('strong', {}, u.username), u.id === currentUser()?.id ? el('span', { class: 'muted' }, ' (you)') : null,
        el('div', { class: 'mono muted' }, u.id)] },
      { title: 'Name', render: (u) => u.full_name || '—' },
      { title: 'E-mail', render: (u) => u.email || '—' },
      { title: 'Role', render: (u) => el('span', { class: 'chip' }, u.role) },
      { title: 'Status', render: (u) => statusBadge(u.is_active ? 'active' : 'disabled') },
      { title: 'Created', class: 'nowrap', render: (u) => timeEl(u.created_at, { short: true }) },
      { title: 'Actions', render: (u) => el('div', { class: 'actions' },
        link(route('/jobs', { user_id: u.id }), 'Jobs', { class: 'btn small' }),
        link(route('/tokens', { user_id: u.id }), 'Tokens', { class: 'btn small' }),
        button('Stats', 'stats', () => showStats(u), { kind: 'small' }),
        button('Edit', 'edit', () => openEditor(u.id), { kind: 'small' }),
        button('Delete', 'delete', () => remove(u), { kind: 'small danger', attrs: { disabled: u.id === currentUser()?.id } })) },
    ],
    load: async ({ page, pageSize }) => {
      const answer = await call('listUsers', { query: { page, page_size: pageSize, ...filters }, signal });
      return { rows: answer.data || [], total: answer.total };
    },
  });
  const apply = () => { filters.role = roleSelect.value; filters.is_active = activeSelect.value; table.reload(false); };
  roleSelect.addEventListener('change', apply);
  activeSelect.addEventListener('change', apply);

  replace(main,
    heading('Users', button('Add user', 'new', () => openEditor(null), { kind: 'primary' })),
    editor,
    el('div', { class: 'filters' }, field('Role', roleSelect), field('Status', activeSelect)),
    table.node);

  async function showStats(u) {
    const stats = (await call('getStats', { query: { user_id: u.id }, signal })).stats || {};
    const keys = ['total_jobs', 'enabled_jobs', 'paused_jobs', 'total_executions', 'succeeded', 'failed', 'running',
      'scheduled', 'timeout', 'cancelled', 'missed', 'skipped'];
    replace(editor, el('section', { class: 'card user-stats', 'aria-label': `Stats of ${u.username}` },
      el('h2', {}, `${u.username}: jobs and runs`),
      details([...keys.map((k) => [k.replace(/_/g, ' '), String(stats[k] ?? 0)]),
        ['success rate', stats.success_rate == null ? '—' : `${Number(stats.success_rate).toFixed(1)} %`]]),
      button('Close', 'dismiss', () => replace(editor), { kind: 'small' })));
  }

  async function remove(u) {
    const ok = await confirmDialog({ title: `Delete ${u.username}?`, message: 'The user can no longer sign in; their API tokens stop working.', confirmText: 'Delete user', action: 'delete' });
    if (!ok) return;
    try {
      await call('deleteUser', { path: { user_id: u.id } });
    } catch (e) {
      if (e.status !== 409) throw e;
      // the user still owns jobs or servers: deleting them too is a second, explicit decision
      if (!await confirmDialog({ title: `${u.username} still owns objects`, message: `${e.message}. Delete the user together with all of it?`, confirmText: 'Delete all', action: 'delete-cascade' })) return;
      await call('deleteUser', { path: { user_id: u.id }, query: { cascade: true } });
    }
    toast('User deleted');
    table.reload(true);
  }

  async function openEditor(id) {
    let user = { username: '', email: '', full_name: '', role: 'user', is_active: true };
    if (id) {
      try {
        user = (await call('getUser', { path: { user_id: id }, signal })).data;
      } catch (e) {
        showError(e);
        return;
      }
    }
    const username = el('input', { name: 'username', value: user.username, required: true, autocomplete: 'off', autocapitalize: 'none' });
    const email = el('input', { name: 'email', type: 'email', value: user.email || '', required: true });
    const fullName = el('input', { name: 'full_name', value: user.full_name || '' });
    const role = el('select', { name: 'role' }, ['user', 'admin'].map((r) => el('option', { value: r, selected: r === user.role }, r)));
    const active = el('input', { type: 'checkbox', name: 'is_active', checked: user.is_active !== false });
    const password = el('input', { name: 'password', type: 'password', autocomplete: 'new-password', minlength: 12, required: !id });
    const form = el('form', { class: 'card user-form', 'aria-label': id ? 'Edit user' : 'Add user' },
      el('h2', {}, id ? `Edit ${user.username}` : 'Add a user'),
      el('div', { class: 'fields' }, field('Username', username), field('E-mail', email), field('Full name', fullName),
        field('Role', role), field(id ? 'New password' : 'Password', password, id ? 'empty: unchanged; setting it revokes the user\'s tokens' : 'at least 12 characters')),
      el('div', { class: 'field inline' }, active, el('label', {}, 'Active')),
      el('p', { class: 'muted' }, 'Adding a user, or changing a role, the active flag or a password, asks for your password.'),
      el('div', { class: 'form-actions' }, button(id ? 'Save' : 'Add user', 'save', null, { kind: 'primary', type: 'submit' }),
        button('Cancel', 'cancel', () => replace(editor))));
    active.id = `user-active-${Math.random().toString(36).slice(2, 7)}`;
    active.nextSibling.setAttribute('for', active.id);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearFieldErrors(form);
      const body = { username: username.value.trim(), email: email.value.trim(), full_name: fullName.value.trim(),
        role: role.value, is_active: active.checked };
      if (password.value) body.password = password.value;
      const accountChange = !id || body.password || body.role !== user.role || body.is_active !== user.is_active;
      let mine = null;
      if (accountChange) {
        mine = await passwordPrompt(id ? `Changing ${user.username}'s role, status or password needs your password.` : 'Adding a user needs your password.');
        if (mine === null) return;
      }
      try {
        const options = mine === null ? { body } : { body, password: mine };
        if (id) await call('updateUser', { path: { user_id: id }, ...options });
        else await call('createUser', options);
        password.value = '';
        toast(id ? 'User saved' : 'User added');
        replace(editor);
        table.reload(Boolean(id));
      } catch (e) {
        if (e.status === 400 || e.status === 409) showFieldErrors(form, e);
        else showError(e);
      } finally {
        mine = null;
      }
    });
    replace(editor, form);
    (id ? email : username).focus();
  }
}
