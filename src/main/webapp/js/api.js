// The console's only way to the REST API: every operation by its operationId, the session token as Bearer.

/** operationId -> [HTTP method, path template]; the same names as the OpenAPI document. */
export const OPERATIONS = Object.freeze({
  // jobs
  createJob: ['POST', '/api/scheduler/jobs'],
  listJobs: ['GET', '/api/scheduler/jobs'],
  getJob: ['GET', '/api/scheduler/jobs/{job_id}'],
  updateJob: ['PUT', '/api/scheduler/jobs/{job_id}'],
  deleteJob: ['DELETE', '/api/scheduler/jobs/{job_id}'],
  pauseJob: ['PATCH', '/api/scheduler/jobs/{job_id}/pause'],
  resumeJob: ['PATCH', '/api/scheduler/jobs/{job_id}/resume'],
  runJob: ['POST', '/api/scheduler/jobs/{job_id}/run'],
  listUserJobs: ['GET', '/api/scheduler/users/{user_id}/jobs'],
  listAvailableJobs: ['GET', '/api/scheduler/available-jobs'],
  previewSchedule: ['POST', '/api/scheduler/schedules/preview'],
  // executions
  listExecutions: ['GET', '/api/scheduler/executions'],
  getExecution: ['GET', '/api/scheduler/executions/{execution_id}'],
  cancelExecution: ['POST', '/api/scheduler/executions/{execution_id}/cancel'],
  // timers
  listTimers: ['GET', '/api/scheduler/timers'],
  rearmTimer: ['POST', '/api/scheduler/timers/{job_id}/rearm'],
  reconcileTimers: ['POST', '/api/scheduler/timers/reconcile'],
  // dashboard
  getDashboardSummary: ['GET', '/api/scheduler/dashboard/summary'],
  getExecutionsPerHour: ['GET', '/api/scheduler/dashboard/hourly'],
  getFireLag: ['GET', '/api/scheduler/dashboard/lag'],
  listSlowestJobs: ['GET', '/api/scheduler/dashboard/slowest'],
  listUpcomingRuns: ['GET', '/api/scheduler/dashboard/upcoming'],
  listFailingJobs: ['GET', '/api/scheduler/dashboard/failing'],
  // stats, audit, health, instances
  getStats: ['GET', '/api/scheduler/stats'],
  listAuditEvents: ['GET', '/api/scheduler/audit'],
  getSchedulerHealth: ['GET', '/api/scheduler/health'],
  getMetrics: ['GET', '/api/scheduler/metrics'],
  getMetricsHistory: ['GET', '/api/scheduler/metrics/history'],
  listInstances: ['GET', '/api/scheduler/instances'],
  // reports
  listReports: ['GET', '/api/scheduler/reports'],
  downloadReport: ['GET', '/api/scheduler/reports/{name}'],
  // backups
  listBackups: ['GET', '/api/admin/backups'],
  createBackup: ['POST', '/api/admin/backups'],
  downloadBackup: ['GET', '/api/admin/backups/{name}'],
  restoreBackup: ['POST', '/api/admin/backups/{name}/restore'],
  // users
  createUser: ['POST', '/api/users'],
  listUsers: ['GET', '/api/users'],
  getUser: ['GET', '/api/users/{user_id}'],
  updateUser: ['PUT', '/api/users/{user_id}'],
  deleteUser: ['DELETE', '/api/users/{user_id}'],
  // tokens
  createToken: ['POST', '/api/users/{user_id}/tokens'],
  listTokens: ['GET', '/api/users/{user_id}/tokens'],
  revokeToken: ['DELETE', '/api/users/{user_id}/tokens/{token_id}'],
  // session
  createSession: ['POST', '/api/session'],
  getSession: ['GET', '/api/session'],
  renewSession: ['POST', '/api/session/renew'],
  deleteSession: ['DELETE', '/api/session'],
  // servers
  createServer: ['POST', '/api/servers'],
  createServerAtLegacyPath: ['POST', '/api/servers/create'],
  listServers: ['GET', '/api/servers'],
  listUserServers: ['GET', '/api/servers/user/{user_id}'],
  getServer: ['GET', '/api/servers/{server_id}'],
  updateServer: ['PUT', '/api/servers/{server_id}'],
  checkServer: ['POST', '/api/servers/{server_id}/check'],
  deleteServer: ['DELETE', '/api/servers/{server_id}'],
});

const SESSION_KEY = 'texium.session';

/** The signed-in session `{token, expires_at, user}` from sessionStorage, or null. Never in localStorage. */
export function session() {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/** Keeps the session of a createSession or renewSession answer for this tab. */
export function storeSession(answer) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({
    token: answer.token, expires_at: answer.expires_at, user: answer.user,
  }));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** The signed-in user `{id, username, is_admin}`, or null. */
export function currentUser() {
  return session()?.user ?? null;
}

/** An API answer that is not 2xx: its problem+json with the field list (`errors: [{field, message}]`). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
    this.title = this.problem.title || '';
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }

  /** The message for one field, or undefined. */
  field(name) {
    return this.errors.find((e) => e.field === name)?.message;
  }
}

/** Fills `{name}` placeholders of a path template; every placeholder must be given. */
export function expand(template, path = {}) {
  return template.replace(/\{(\w+)\}/g, (_, key) => {
    const value = path[key];
    if (value === undefined || value === null || value === '') {
      throw new Error(`missing path parameter ${key} for ${template}`);
    }
    return encodeURIComponent(String(value));
  });
}

/** The URL of an operation, relative to the page so the console works under any context root. */
export function url(operationId, { path = {}, query = {} } = {}) {
  const op = OPERATIONS[operationId];
  if (!op) {
    throw new Error(`unknown operation ${operationId}`);
  }
  const target = new URL(expand(op[1], path).slice(1), document.baseURI);
  for (const [key, value] of Object.entries(query || {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      value.forEach((v) => target.searchParams.append(key, String(v)));
    } else {
      target.searchParams.set(key, String(value));
    }
  }
  return target;
}

function basic(username, password) {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return `Basic ${btoa(binary)}`;
}

/**
 * Calls an operation.
 * - `path`: the template's parameters; `query`: query parameters (empty values left out); `body`: sent as JSON.
 * - `password`: send this one request with HTTP Basic as the signed-in user (password-only actions); nothing is kept.
 * - `username` + `password`: Basic for someone not signed in yet (the sign-in itself).
 * - `ifMatch`: the `If-Match` header (a job's ETag); `signal`: an AbortSignal.
 * - `full: true` answers `{status, body, etag, headers}` instead of the body alone.
 * Answers the parsed JSON (a string for text, a Blob otherwise, null for 204); throws ApiError for a non-2xx answer.
 * A 401 to a session call clears the session and fires `texium:unauthorized` on window (the app shows the sign-in).
 */
export async function call(operationId, options = {}) {
  const { path, query, body, password, username, ifMatch, signal, full } = options;
  const [method] = OPERATIONS[operationId] || [];
  const target = url(operationId, { path, query });
  const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json, application/problem+json, */*' };
  let usesSession = false;
  if (password !== undefined) {
    const name = username ?? currentUser()?.username;
    if (!name) throw new Error('no user to send the password for');
    headers.Authorization = basic(name, password);
  } else {
    const token = session()?.token;
    if (token) {
      headers.Authorization = `Bearer ${token}`;
      usesSession = true;
    }
  }
  if (ifMatch) headers['If-Match'] = ifMatch;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(target, {
      method, headers, body: payload, signal, credentials: 'same-origin', cache: 'no-store', redirect: 'error',
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'Network error', detail: 'The scheduler did not answer. Check the connection.' });
  }
  const parsed = await parse(response);
  if (!response.ok) {
    const problem = parsed && typeof parsed === 'object' && !(parsed instanceof Blob)
      ? parsed : { status: response.status, title: response.statusText, detail: typeof parsed === 'string' ? parsed : '' };
    if (response.status === 429 && !problem.detail) {
      problem.detail = `Too many requests; try again in ${response.headers.get('Retry-After') || 'a few'} seconds.`;
    }
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && (usesSession || (!password && !headers.Authorization))) {
      clearSession();
      window.dispatchEvent(new CustomEvent('texium:unauthorized', { detail: { operationId } }));
    }
    throw error;
  }
  if (full) {
    return { status: response.status, body: parsed, etag: response.headers.get('ETag'), headers: response.headers };
  }
  return parsed;
}

async function parse(response) {
  if (response.status === 204 || response.status === 205) return null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    const text = await response.text();
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (type.startsWith('text/')) return response.text();
  const blob = await response.blob();
  return blob.size === 0 ? null : blob;
}

/** Saves a Blob or text as a file the browser downloads. */
export function saveFile(content, name, type = 'application/octet-stream') {
  const blob = content instanceof Blob ? content : new Blob([content ?? ''], { type });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10000);
}
