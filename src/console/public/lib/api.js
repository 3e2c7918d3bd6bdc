import { t } from './i18n.js';
import { pushNotice } from './notices.js';

/**
 * The one way the console talks to the API: adds the bearer token when one is stored (API tokens
 * with roles, issue 8), sends and reads JSON, and turns a problem+json answer into an ApiError
 * that is also shown to the user with its title, detail and offending fields.
 */
const TOKEN_KEY = 'console.token';

export function storedToken() {
  return localStorage.getItem(TOKEN_KEY) ?? '';
}

export function storeToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * @param {string} path under /api/v1, e.g. `/tickets?open=true`
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string>, quiet?: boolean }} [options]
 *   quiet: do not show the error (the caller shows it its own way)
 */
export async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...options.headers };
  const token = storedToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    const problem = { title: t('error.network'), detail: String(error?.message ?? error) };
    if (!options.quiet) showProblem(problem);
    throw new ApiError(0, problem);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { title: `HTTP ${response.status}`, detail: text.slice(0, 300) };
    }
  }
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : { title: `HTTP ${response.status}` };
    if (!options.quiet) showProblem(problem, response.status);
    throw new ApiError(response.status, problem);
  }
  return data;
}

/** Shows a problem+json body: title, detail, and one line per offending field. */
export function showProblem(problem, status) {
  const lines = (problem.errors ?? []).map((error) => `${error.field}: ${error.message}`);
  if (status === 401) lines.push(t('token.needed'));
  pushNotice({ kind: 'error', title: problem.title ?? t('error.unknown'), detail: problem.detail, lines });
}

/** Every page of a list endpoint (`{ items, nextCursor }`), up to `max` items. */
export async function listAll(path, max = 5000) {
  const items = [];
  let cursor = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await api(
      `${path}${separator}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}
