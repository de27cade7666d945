// The API client: the admin key lives in sessionStorage and goes out as X-Api-Key, never in a URL.
// The Orleans dashboard (/orleans/) is opened by the browser itself, so it also gets the key as a session
// cookie scoped to that path only (the server accepts the cookie nowhere else).
const STORAGE_KEY = 'adorleans.adminKey';
const ORLEANS_COOKIE = 'adorleans_key';

function orleansCookie(value, maxAge) {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${ORLEANS_COOKIE}=${encodeURIComponent(value)}; Path=/orleans; SameSite=Strict${maxAge}${secure}`;
}

export const session = {
  key: () => sessionStorage.getItem(STORAGE_KEY),
  signIn: (key) => {
    sessionStorage.setItem(STORAGE_KEY, key);
    orleansCookie(key, '');
  },
  signOut: () => {
    sessionStorage.removeItem(STORAGE_KEY);
    orleansCookie('', '; Max-Age=0');
  },
};

export class ApiError extends Error {
  constructor(status, problem, path) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status} from ${path}`);
    this.status = status;
    this.problem = problem;
    this.path = path;
  }
}

let unauthorized = () => {};
/** Called when a stored key stops working (rotated, removed): the app goes back to sign-in. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

export function headers(key = session.key()) {
  const result = { Accept: 'application/json' };
  if (key) result['X-Api-Key'] = key;
  return result;
}

export async function api(path, { method = 'GET', body, signal, key, quietAuth = false } = {}) {
  const init = { method, headers: headers(key ?? session.key()), signal, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    if (response.status === 401 && !quietAuth) unauthorized();
    throw new ApiError(response.status, problem, path);
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** "a=1&b=2", skipping null and undefined values. */
export function query(params) {
  const entries = Object.entries(params).filter(([, value]) => value != null && value !== '');
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

/** Which APIs this server maps (GET /dashboard/features), so absent ones get an explanatory empty state. */
export async function loadFeatures() {
  try {
    return await api('/dashboard/features', { key: '' });
  } catch {
    return { cluster: true, clusterHistory: false, kpi: false, kpiStream: false, kpiTop: false, campaigns: false, campaignActions: false, alerts: false, lake: false };
  }
}
