// A framework reached through the master's proxy (/frameworks/<name>/...): loads its data, follows its event
// stream, reloads (debounced) on every event, and says when the framework cannot be reached.
import { follow } from './live.js';
import { h, emptyState } from './dom.js';

/**
 * name: 'apps' | 'jobs'; events: the SSE path under the framework; types: named events to listen to;
 * load(): Promise that fetches and renders; status: element that shows the stream's state.
 */
export function frameworkLive({ name, events, types, load, status }) {
  let timer = null;
  let poll = null;
  const reload = () => {
    clearTimeout(timer);
    timer = setTimeout(load, 200);
  };
  const stream = follow(`/frameworks/${name}${events}`, {
    types,
    onEvent: reload,
    onStatus(up) {
      status.textContent = up ? `live from the ${name} framework` : `the ${name} framework's events are interrupted — reconnecting…`;
      status.className = up ? 'muted' : 'error';
      if (up) reload();
    },
  });
  load();
  poll = setInterval(load, 15000);
  return { reload, close() { stream.close(); clearInterval(poll); clearTimeout(timer); } };
}

/** What to show when the framework's leader does not answer through the proxy. */
export function unreachable(name, error, command) {
  if (error && error.status === 503) {
    return emptyState(`The ${name} framework is not running (no leader in ZooKeeper).`,
      h('span', 'Start it against this cluster: ', h('code', command), ' — this page connects by itself.'));
  }
  return emptyState(`The ${name} framework did not answer: ${error ? error.message : 'unknown error'}.`,
    'This page retries by itself.');
}
