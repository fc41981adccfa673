// The sign-in screen and the session's life: create (Basic once), check, renew, sign out.
import { call, clearSession, session, storeSession } from '../api.js';
import { button, el, field, showFieldErrors } from '../ui.js';

/** Signs in with a username and password (HTTP Basic, this one request); keeps only the session token. */
export async function signIn(username, password) {
  const answer = await call('createSession', { username, password });
  storeSession(answer);
  return answer.user;
}

/** Asks the server who the stored session token belongs to; false when it is no longer valid. */
export async function checkSession() {
  if (!session()?.token) return false;
  try {
    const answer = await call('getSession');
    const current = session();
    if (!current) return false;
    storeSession({ token: current.token, expires_at: answer.data?.expires_at ?? current.expires_at, user: answer.data?.user ?? current.user });
    return true;
  } catch (e) {
    if (e.status === 401) return false;
    throw e;
  }
}

/** Trades the session token for a fresh one (the old one is revoked); throws ApiError (403: sign in again). */
export async function renew() {
  const answer = await call('renewSession');
  storeSession(answer);
  return answer;
}

/** Revokes the session token and forgets it. */
export async function signOut() {
  try {
    if (session()?.token) await call('deleteSession');
  } finally {
    clearSession();
  }
}

/**
 * Renders the sign-in form into `main`; `onSignedIn(user)` runs after a successful sign-in.
 * `params.message` is shown above the form (e.g. "Your session ended").
 */
export function render(main, params = {}) {
  document.title = 'Sign in · Texium Scheduler';
  const username = el('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = button('Sign in', 'sign-in', null, { kind: 'primary', type: 'submit' });
  const form = el('form', { class: 'card sign-in', novalidate: false },
    el('h1', {}, 'Sign in'),
    el('p', { class: 'muted' }, 'Texium Scheduler console. Use your scheduler account.'),
    params.message ? el('p', { class: 'notice' }, params.message) : null,
    field('Username', username),
    field('Password', password),
    el('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const user = await signIn(username.value.trim(), password.value);
      password.value = '';
      params.onSignedIn?.(user);
    } catch (e) {
      password.value = '';
      const message = e.status === 401 ? 'Wrong username or password.'
        : e.status === 429 ? (e.message || 'Too many attempts; wait a moment.') : e.message;
      showFieldErrors(form, { errors: [{ field: 'password', message }] });
    } finally {
      submit.disabled = false;
    }
  });
  main.replaceChildren(el('div', { class: 'sign-in-wrap' }, form));
  (username.value ? password : username).focus();
}
