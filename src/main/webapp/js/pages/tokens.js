// API tokens: a user's own tokens (list, create, revoke). Creating one asks for the password at that moment (the
// API mints tokens only for a password sign-in) and shows the secret once. An admin may list and revoke anyone's.
import { call, currentUser } from '../api.js';
import {
  button, clearFieldErrors, codeBlock, confirmDialog, el, field, fromLocalInput, heading, passwordPrompt, replace,
  showError, showFieldErrors, statusBadge, table, timeEl, toast,
} from '../ui.js';

export async function render(main, { query = {}, signal } = {}) {
  const me = currentUser();
  let userId = (me?.is_admin && query.user_id) || me?.id;
  const list = el('div');
  const secretBox = el('div', { 'aria-live': 'polite' });
  const userInput = el('input', { name: 'user_id', value: userId, class: 'mono', size: 26 });

  async function load() {
    const answer = await call('listTokens', { path: { user_id: userId }, signal });
    const rows = (answer.data || []).slice().sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
    replace(list, table([
      { title: 'Name', render: (t) => el('strong', {}, t.name) },
      { title: 'Status', render: (t) => statusBadge(t.active ? 'active' : t.revoked_at ? 'revoked' : 'expired') },
      { title: 'Created', class: 'nowrap', render: (t) => timeEl(t.created_at) },
      { title: 'Expires', class: 'nowrap', render: (t) => (t.expires_at ? timeEl(t.expires_at, { relative: true }) : el('span', { class: 'muted' }, 'never')) },
      { title: 'Revoked', class: 'nowrap', render: (t) => timeEl(t.revoked_at) },
      { title: 'Actions', render: (t) => (t.active ? button('Revoke', 'revoke', async () => {
        if (!await confirmDialog({ title: `Revoke "${t.name}"?`, message: 'Whatever uses this token is refused from now on.', confirmText: 'Revoke token', action: 'revoke' })) return;
        await call('revokeToken', { path: { user_id: userId, token_id: t.id } });
        toast('Token revoked');
        await load();
      }, { kind: 'small danger' }) : null) },
    ], rows, { empty: 'No API tokens.' }));
  }

  const name = el('input', { name: 'name', required: true, maxlength: 100, placeholder: 'ci' });
  const expires = el('input', { name: 'expires_at', type: 'datetime-local' });
  const form = el('form', { class: 'card token-form', 'aria-label': 'Create a token' },
    el('h2', {}, 'Create a token'),
    el('p', { class: 'muted' }, 'Send it as "Authorization: Bearer <token>". It acts in your name, is shown once, and is kept by the server only as a hash. Creating one asks for your password.'),
    el('div', { class: 'fields' }, field('Name', name), field('Expires', expires, 'empty: never')),
    el('div', { class: 'form-actions' }, button('Create token', 'create', null, { kind: 'primary', type: 'submit' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    replace(secretBox);
    let password = await passwordPrompt('Creating an API token needs your password.');
    if (password === null) return;
    try {
      const body = { name: name.value.trim() };
      if (expires.value) body.expires_at = fromLocalInput(expires.value);
      const answer = await call('createToken', { path: { user_id: me.id }, body, password });
      password = null;
      form.reset();
      replace(secretBox, el('div', { class: 'notice warn secret', role: 'alert' },
        el('p', {}, el('strong', {}, `Token "${answer.data?.name}" created. `), 'Copy it now: it is not shown again.'),
        codeBlock(answer.token, { label: 'token', action: 'copy-token' }),
        button('Done', 'dismiss', () => replace(secretBox), { kind: 'small' })));
      if (userId === me.id) await load();
    } catch (e) {
      if (e.status === 400) showFieldErrors(form, e);
      else showError(e);
    } finally {
      password = null;
    }
  });

  const admin = me?.is_admin
    ? el('form', { class: 'filters', role: 'search', onsubmit: async (e) => {
      e.preventDefault();
      userId = userInput.value.trim() || me.id;
      try { await load(); } catch (err) { showError(err); }
    } }, field('Tokens of user (id)', userInput), button('Show', 'filter', null, { kind: 'small', type: 'submit' }))
    : null;

  replace(main, heading('API tokens'), form, secretBox, admin, list);
  await load();
}
