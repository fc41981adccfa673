// The console's shell: sign-in, navigation, the hash router and the session's renewal.
import { currentUser, session } from './api.js';
import { button, el, heading, notice, replace, showError, toast } from './ui.js';
import * as signInPage from './pages/sign-in.js';

/** Route patterns: `[regexp, page module, names of the captured path parameters, admin only]`. */
const ROUTES = [
  [/^\/dashboard$/, 'dashboard'],
  [/^\/jobs$/, 'jobs'],
  [/^\/jobs\/new$/, 'job-form'],
  [/^\/jobs\/([^/]+)\/edit$/, 'job-form', ['id']],
  [/^\/jobs\/([^/]+)$/, 'job', ['id']],
  [/^\/executions$/, 'executions'],
  [/^\/executions\/([^/]+)$/, 'execution', ['id']],
  [/^\/timers$/, 'timers', [], true],
  [/^\/audit$/, 'audit'],
  [/^\/servers$/, 'servers'],
  [/^\/users$/, 'users', [], true],
  [/^\/tokens$/, 'tokens'],
  [/^\/reports$/, 'reports'],
  [/^\/backups$/, 'backups', [], true],
  [/^\/instances$/, 'instances', [], true],
];

/** The navigation: `[route, label, admin only]`. */
const NAV = [
  ['/dashboard', 'Dashboard'],
  ['/jobs', 'Jobs'],
  ['/executions', 'Executions'],
  ['/timers', 'Timers', true],
  ['/audit', 'Audit log'],
  ['/servers', 'Servers'],
  ['/users', 'Users', true],
  ['/tokens', 'Tokens'],
  ['/reports', 'Reports'],
  ['/backups', 'Backups', true],
  ['/instances', 'Instances', true],
];

const RENEW_BEFORE_MS = 15 * 60 * 1000;
const ACTIVE_WITHIN_MS = 15 * 60 * 1000;

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const account = document.getElementById('account');
const menuToggle = document.getElementById('menu-toggle');

let current = null; // {controller, cleanup}
let lastActivity = Date.now();
let renewing = false;
let renewalRefused = false;

/** Splits `#/jobs/abc/edit?x=1` into the route and its query. */
export function parseHash(hash = location.hash) {
  const text = hash.replace(/^#/, '') || '/dashboard';
  const [path, queryText = ''] = text.split('?');
  return { path: path || '/dashboard', query: Object.fromEntries(new URLSearchParams(queryText)) };
}

/** Finds the page module and parameters of a route, or null. */
export function resolve(path) {
  for (const [pattern, page, names = [], admin = false] of ROUTES) {
    const match = pattern.exec(path);
    if (match) {
      const params = {};
      names.forEach((name, i) => { params[name] = decodeURIComponent(match[i + 1]); });
      return { page, params, admin };
    }
  }
  return null;
}

function renderNav() {
  const user = currentUser();
  if (!user) {
    nav.hidden = true;
    menuToggle.hidden = true;
    replace(account);
    return;
  }
  nav.hidden = false;
  menuToggle.hidden = false;
  const items = NAV.filter(([, , admin]) => !admin || user.is_admin)
    .map(([route, label]) => el('li', {}, el('a', { href: `#${route}`, dataset: { route } }, label)));
  items.push(el('li', {}, el('a', { href: 'docs/', class: 'external', target: '_blank', rel: 'noopener' }, 'API docs')));
  replace(nav, el('ul', {}, items));
  replace(account,
    el('span', { class: 'who', title: user.is_admin ? 'administrator' : 'user' },
      user.username, user.is_admin ? el('span', { class: 'role' }, 'admin') : null),
    button('Sign out', 'sign-out', async () => {
      await signInPage.signOut().catch(() => {});
      showSignIn('You are signed out.');
    }, { kind: 'small' }));
  markActive();
}

function markActive() {
  const { path } = parseHash();
  nav.querySelectorAll('a[data-route]').forEach((a) => {
    const route = a.dataset.route;
    if (path === route || path.startsWith(`${route}/`)) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

function leavePage() {
  if (!current) return;
  current.controller.abort();
  try { current.cleanup?.(); } catch (e) { console.warn(e); }
  current = null;
}

function showSignIn(message) {
  leavePage();
  renderNav();
  document.body.classList.add('signed-out');
  signInPage.render(main, {
    message,
    onSignedIn: () => {
      document.body.classList.remove('signed-out');
      renewalRefused = false;
      lastActivity = Date.now();
      renderNav();
      route();
    },
  });
}

async function route() {
  if (!session()?.token) {
    showSignIn();
    return;
  }
  const { path, query } = parseHash();
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    history.replaceState(null, '', '#/dashboard');
  }
  leavePage();
  markActive();
  document.body.classList.remove('nav-open');
  menuToggle.setAttribute('aria-expanded', 'false');
  const controller = new AbortController();
  current = { controller, cleanup: null };
  const found = resolve(path);
  main.replaceChildren();
  if (!found) {
    main.append(heading('Page not found'), notice(`There is no page at #${path}.`));
    return;
  }
  if (found.admin && !currentUser()?.is_admin) {
    main.append(heading('Administrators only'), notice('This page is for administrators.'));
    return;
  }
  let module;
  try {
    module = await import(`./pages/${found.page}.js`);
  } catch (e) {
    console.warn(e);
    if (current?.controller !== controller) return;
    main.replaceChildren(heading('Page not available'), notice(`The ${found.page} page is not available in this console.`));
    return;
  }
  if (current?.controller !== controller) return;
  try {
    const cleanup = await module.render(main, { ...found.params, query, signal: controller.signal });
    if (current?.controller === controller && typeof cleanup === 'function') current.cleanup = cleanup;
    else if (typeof cleanup === 'function' && current?.controller !== controller) cleanup();
  } catch (e) {
    if (e?.name === 'AbortError' || controller.signal.aborted) return;
    if (e?.status === 401) return; // the unauthorized handler shows the sign-in
    console.error(e);
    main.append(notice(e?.status === 404 ? 'Not found, or not yours to see.' : `Could not show this page: ${e?.message || e}`, 'error'));
  }
  // focus moves to the page for keyboard and screen reader users, unless the page focused a control itself
  if (current?.controller === controller && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
}

/** Renews the session token shortly before it expires, only while someone uses the console. */
async function keepSessionAlive() {
  const s = session();
  if (!s?.token || !s.expires_at) return;
  const remaining = new Date(s.expires_at).getTime() - Date.now();
  if (remaining <= 0) {
    signInPage.signOut().catch(() => {});
    showSignIn('Your session ended. Sign in again.');
    return;
  }
  if (remaining > RENEW_BEFORE_MS || renewing || renewalRefused || Date.now() - lastActivity > ACTIVE_WITHIN_MS) return;
  renewing = true;
  try {
    await signInPage.renew();
  } catch (e) {
    if (e.status === 403) {
      renewalRefused = true;
      toast('Your session cannot be extended any more; sign in again when it ends.', 'error', 8000);
    } else if (e.status !== 401) {
      console.warn('session renewal failed', e);
    }
  } finally {
    renewing = false;
  }
}

function start() {
  ['pointerdown', 'keydown', 'wheel', 'touchstart'].forEach((type) =>
    window.addEventListener(type, () => { lastActivity = Date.now(); }, { passive: true, capture: true }));
  window.addEventListener('hashchange', () => route());
  window.addEventListener('texium:unauthorized', () => showSignIn('Your session ended. Sign in again.'));
  menuToggle.addEventListener('click', () => {
    const open = document.body.classList.toggle('nav-open');
    menuToggle.setAttribute('aria-expanded', String(open));
  });
  document.getElementById('skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  setInterval(() => { keepSessionAlive().catch(showError); }, 30 * 1000);
  renderNav();
  if (session()?.token) {
    signInPage.checkSession()
      .then((ok) => { if (ok) { renderNav(); route(); } else showSignIn('Your session ended. Sign in again.'); })
      .catch((e) => { showError(e); route(); });
  } else {
    showSignIn();
  }
}

start();
