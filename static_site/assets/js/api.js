// Calls to the API on the same origin, with the session kept in localStorage and refreshed once
// when the access token has expired (one refresh in flight, whatever the number of calls).
const KEY = "pix.session";

export class ApiError extends Error {
  constructor(status, code, message, details, meta) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || [];
    this.meta = meta || {};
  }
}

export class NetworkError extends Error {}

export const session = {
  get() {
    try { return JSON.parse(localStorage.getItem(KEY)); } catch { return null; }
  },
  // The roles (not personal) let the header offer Pix Admin to operators; the API checks them at each call.
  save(s) {
    localStorage.setItem(KEY, JSON.stringify({
      access_token: s.access_token, refresh_token: s.refresh_token, roles: (s.user && s.user.roles) || [],
    }));
  },
  clear() { localStorage.removeItem(KEY); },
};

async function send(path, { method = "GET", body, token } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new NetworkError("network");
  }
  if (response.status === 204) return null;
  let data = null;
  try { data = await response.json(); } catch { /* an empty or non-JSON body */ }
  if (!response.ok) {
    const error = (data && data.error) || {};
    throw new ApiError(response.status, error.code || "UNKNOWN", error.message || "", error.details, error.meta);
  }
  return data;
}

// One refresh at a time. A refresh token serves once, and the server ends the whole session when a
// spent one comes back: calls failing together after expiry must share one refresh, not each spend
// the same token. Across tabs, a Web Lock serialises refreshes, and a tab that waited finds the
// session another tab already renewed.
let refreshing = null;

function refreshOnce(staleAccessToken) {
  if (!refreshing) {
    refreshing = withRefreshLock(() => refresh(staleAccessToken)).finally(() => { refreshing = null; });
  }
  return refreshing;
}

function withRefreshLock(task) {
  return navigator.locks ? navigator.locks.request("pix.session.refresh", task) : task();
}

async function refresh(staleAccessToken) {
  const current = session.get();
  if (!current) throw new ApiError(401, "UNAUTHENTICATED", "");
  if (current.access_token !== staleAccessToken) return current; // renewed meanwhile (another tab)
  try {
    const fresh = await send("/api/token/refresh", { method: "POST", body: { refresh_token: current.refresh_token } });
    session.save(fresh);
    return fresh;
  } catch (error) {
    // Forget the session only if it is still the one that failed.
    if (error instanceof ApiError && session.get()?.refresh_token === current.refresh_token) session.clear();
    throw error;
  }
}

export async function api(path, options = {}) {
  if (!options.auth) return send(path, options);
  const current = session.get();
  if (!current) throw new ApiError(401, "UNAUTHENTICATED", "");
  try {
    return await send(path, { ...options, token: current.access_token });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    const fresh = await refreshOnce(current.access_token);
    return send(path, { ...options, token: fresh.access_token });
  }
}

export async function logOut() {
  const current = session.get();
  session.clear();
  if (current) {
    try { await send("/api/token/revoke", { method: "POST", body: { refresh_token: current.refresh_token } }); } catch { /* already gone */ }
  }
}
