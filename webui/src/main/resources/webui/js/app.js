// The UI's shell: a hash router over the pages, the master's live event stream, and the banner that says when the
// connection dropped or the leader changed. Pages are ES modules exporting mount(root, params) -> {update, dispose}.
import { follow } from './live.js';
import { store, refresh, refreshSoon, startSampling, sample } from './store.js';

const ROUTES = [
  [/^#?\/?$/, 'overview', () => ({})],
  [/^#\/agents\/?$/, 'agents', () => ({})],
  [/^#\/agents\/(.+)$/, 'agent', m => ({ id: decodeURIComponent(m[1]) })],
  [/^#\/frameworks\/?$/, 'frameworks', () => ({})],
  [/^#\/frameworks\/(.+)$/, 'framework', m => ({ id: decodeURIComponent(m[1]) })],
  [/^#\/tasks\/?(\?.*)?$/, 'tasks', m => Object.fromEntries(new URLSearchParams((m[1] || '').slice(1)))],
  [/^#\/tasks\/([^/?]+)\/([^/?]+)(\?.*)?$/, 'task', m => ({ frameworkId: decodeURIComponent(m[1]),
    taskId: decodeURIComponent(m[2]), agentId: new URLSearchParams((m[3] || '').slice(1)).get('agent') || null })],
  [/^#\/task\/([^/]+)$/, 'task', m => ({ taskId: decodeURIComponent(m[1]) })],
  [/^#\/apps\/?$/, 'apps', () => ({})],
  [/^#\/apps\/(.+)$/, 'app', m => ({ id: decodeURIComponent(m[1]) })],
  [/^#\/jobs\/?$/, 'jobs', () => ({})],
  [/^#\/jobs\/(.+)$/, 'job', m => ({ id: decodeURIComponent(m[1]) })],
];
const NAV = { agent: 'agents', framework: 'frameworks', task: 'tasks', app: 'apps', job: 'jobs' };

const main = document.getElementById('main');
const banner = document.getElementById('banner');
const live = document.getElementById('live');
let current = null;
let bannerTimer = null;

// The master's /health says whether it runs without TLS or authentication: show a small badge then.
fetch('health', { cache: 'no-store' }).then(r => r.json())
  .then(h => { document.getElementById('insecure').hidden = !h.insecure; }).catch(() => {});
let knownLeader = null;
let shownVersion = -1;

export function showBanner(text, { bad = false, fade = 0 } = {}) {
  clearTimeout(bannerTimer);
  banner.textContent = text;
  banner.className = 'banner' + (bad ? ' bad' : '');
  banner.hidden = false;
  if (fade) bannerTimer = setTimeout(() => { banner.hidden = true; }, fade);
}

async function route() {
  const hash = location.hash || '#/';
  let page = 'overview';
  let params = {};
  for (const [re, name, p] of ROUTES) {
    const m = hash.match(re);
    if (m) { page = name; params = p(m); break; }
  }
  const section = NAV[page] || page;
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === section);
  if (current && current.dispose) current.dispose();
  current = null;
  main.replaceChildren();
  const root = document.createElement('section');
  root.dataset.page = page;
  main.append(root);
  const module = await import(`./pages/${page}.js`);
  current = module.mount(root, params) || {};
  shownVersion = store.version;
  if (current.update && store.state) current.update(store);
}

async function health() {
  try {
    const r = await fetch('/health', { cache: 'no-store' });
    return r.ok ? await r.json() : null;
  } catch (e) {
    return null;
  }
}

/**
 * A master that does not lead sends the browser to the leader (the hash is kept across the redirect). Answers
 * 'stop' when the page is moving, 'wait' when this master does not answer, 'go' when it leads.
 */
async function toLeaderIfStandby() {
  const h = await health();
  if (h && h.leader === false) {
    showBanner('This master is a standby: moving to the leading master…');
    location.assign('/redirect' + location.hash);
    return 'stop';
  }
  return h ? 'go' : 'wait';
}

function connect() {
  follow('/api/v1/events', {
    types: ['TASK_UPDATED', 'AGENT_ADDED', 'AGENT_REMOVED', 'AGENT_UNREACHABLE', 'FRAMEWORK_ADDED',
      'FRAMEWORK_REMOVED', 'LEADER_CHANGED'],
    onEvent(type, data) {
      if (type === 'LEADER_CHANGED' && data && data.data && data.data.leading === false) {
        showBanner('The leading master changed: reconnecting to the new leader…', { bad: true });
        toLeaderIfStandby();
        return;
      }
      refreshSoon();
      if (current && current.onEvent) current.onEvent(type, data);
    },
    onStatus(up) {
      live.textContent = up ? 'live' : 'offline';
      live.className = 'live ' + (up ? 'on' : 'off');
      if (up) {
        if (!banner.hidden) showBanner('Reconnected to the master; the page is up to date.', { fade: 4000 });
        refresh();
      } else {
        showBanner('Lost the connection to the master — reconnecting by itself…', { bad: true });
      }
    },
    beforeReconnect: () => toLeaderIfStandby(),
  });
}

store.onChange(s => {
  if (s.state && s.state.leader) {
    if (knownLeader && knownLeader !== s.state.leader.id) {
      showBanner(`The leading master changed: now ${s.state.leader.id} (${s.state.leader.host}).`, { fade: 10000 });
    }
    knownLeader = s.state.leader.id;
  }
  // Pages re-render only when the data changed (a click is not lost to a redraw); the overview also on every tick,
  // for its charts.
  if (current && current.update && (s.version !== shownVersion || current.everyTick)) {
    shownVersion = s.version;
    current.update(s);
  }
});

window.addEventListener('hashchange', route);

(async () => {
  if ((await toLeaderIfStandby()) === 'stop') return;
  await refresh();
  sample();
  startSampling();
  connect();
  route();
})();
