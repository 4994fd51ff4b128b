// Live streams: Server-Sent Events that reconnect by themselves with a growing delay, and report their status.

/**
 * Follows url; onEvent(type, data) for each event (type 'message' for unnamed ones); onStatus(up, why) on every
 * change of connection. Returns {close()}. Named event types to listen to are given in `types`.
 */
export function follow(url, { onEvent, onStatus = () => {}, types = [], beforeReconnect } = {}) {
  let es = null;
  let closed = false;
  let delay = 500;
  let timer = null;
  let up = false;

  const setUp = (value, why) => {
    if (value !== up) { up = value; onStatus(value, why); }
  };

  // beforeReconnect answers 'go' (open again now), 'wait' (try again after the next delay) or 'stop' (give up:
  // e.g. the page is moving to another master).
  const retry = () => {
    timer = setTimeout(async () => {
      const next = beforeReconnect ? await beforeReconnect() : 'go';
      if (closed || next === 'stop') return;
      if (next === 'wait') retry(); else open();
    }, delay);
    delay = Math.min(delay * 2, 8000);
  };

  const open = () => {
    if (closed) return;
    const target = typeof url === 'function' ? url() : url;
    es = new EventSource(target);
    es.onopen = () => { delay = 500; setUp(true); };
    const handle = (type) => (ev) => {
      let data = ev.data;
      try { data = JSON.parse(ev.data); } catch (e) { /* plain text */ }
      onEvent(type, data, ev);
    };
    es.onmessage = handle('message');
    for (const t of types) es.addEventListener(t, handle(t));
    es.onerror = () => {
      es.close();
      setUp(false, 'the stream was interrupted');
      if (closed) return;
      retry();
    };
  };
  open();
  return {
    close() { closed = true; clearTimeout(timer); if (es) es.close(); },
    get up() { return up; },
  };
}
