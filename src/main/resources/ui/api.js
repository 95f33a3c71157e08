// The JSON API, read with the key the user entered for this browser session. The key lives
// in sessionStorage only: never in a URL, a cookie or localStorage, so it goes with the tab.

const STORAGE = 'reproserve.key';

export function key() {
  return sessionStorage.getItem(STORAGE);
}

export function rememberKey(secret) {
  sessionStorage.setItem(STORAGE, secret);
}

export function forgetKey() {
  sessionStorage.removeItem(STORAGE);
}

/** An answer that was not a 2xx, with the problem+json body the service sent. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** GET /api/v1 + path; the parsed JSON, or an ApiError. */
export async function get(path) {
  const response = await fetch(`/api/v1${path}`, {
    headers: { Authorization: `Bearer ${key()}`, Accept: 'application/json' },
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  });
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      problem = { title: response.statusText };
    }
    throw new ApiError(response.status, problem);
  }
  return response.json();
}

/** Every item of a paged list (pages of 100), in the order the service lists them. */
export async function getAll(path) {
  const items = [];
  const separator = path.includes('?') ? '&' : '?';
  for (let page = 0; ; page++) {
    const result = await get(`${path}${separator}page=${page}&size=100`);
    items.push(...result.items);
    if (page + 1 >= result.totalPages) {
      return items;
    }
  }
}

export function modelPath(model) {
  return `/models/${encodeURIComponent(model)}`;
}
