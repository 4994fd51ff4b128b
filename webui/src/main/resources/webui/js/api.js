// Fetch helpers: JSON in and out; a non-2xx answer throws an ApiError carrying the status and the parsed body.

export class ApiError extends Error {
  constructor(status, body, url) {
    super(messageOf(status, body, url));
    this.status = status;
    this.body = body;
  }
}

function messageOf(status, body, url) {
  if (body && typeof body === 'object') {
    if (body.error) return body.field ? `${body.field}: ${body.error}` : body.error;
    if (body.message) return body.message;
  }
  return `${url} answered ${status}`;
}

export async function api(path, { method = 'GET', body, signal } = {}) {
  const r = await fetch(path, {
    method, signal, cache: 'no-store',
    headers: body === undefined ? { Accept: 'application/json' }
      : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = text; }
  if (!r.ok) throw new ApiError(r.status, parsed, path);
  return parsed;
}

/** Like api() but answers null instead of throwing (for optional panels). */
export async function maybe(path) {
  try { return await api(path); } catch (e) { return null; }
}
