// Apps (Marathon v2 through /frameworks/apps): instances running/healthy/staged, create from JSON with the
// validation errors shown inline, scale, restart, delete, deployments with progress and rollback, and for an app
// that waits, the reasons its instances are not placed (from /v2/queue).
import { h, table, emptyState, link, stateBadge, fmt, mb } from '../dom.js';
import { api, ApiError } from '../api.js';
import { frameworkLive, unreachable } from '../framework-live.js';

export const APPS = '/frameworks/apps';
export const APP_EVENTS = ['event_stream_attached', 'api_post_event', 'status_update_event', 'instance_changed_event',
  'health_status_changed_event', 'failed_health_check_event', 'unhealthy_instance_kill_event', 'deployment_info',
  'deployment_step_success', 'deployment_step_failure', 'deployment_success', 'deployment_failed',
  'app_terminated_event'];
const EMBED = ['apps.tasks', 'apps.counts', 'apps.deployments', 'apps.lastTaskFailure']
  .map(e => 'embed=' + encodeURIComponent(e)).join('&');
const SAMPLE = { id: '/hello', cmd: 'while true; do echo hello; sleep 5; done', instances: 1, cpus: 0.1, mem: 32 };

export function appPath(id) {
  return APPS + '/v2/apps' + id.split('/').map(encodeURIComponent).join('/');
}

/** The reasons an app waits, from its /v2/queue entry: per-host words first, then the offer reject summary. */
export function waitingReasons(entry) {
  if (!entry) return [];
  const out = [];
  for (const [host, why] of Object.entries(entry.lastUnusedOfferReasons || {})) out.push(`${host}: ${why}`);
  const summary = (entry.processedOffersSummary || {}).rejectSummaryLastOffers || [];
  for (const r of summary) if (r.declined > 0) out.push(`${r.reason} (declined ${r.declined} of ${r.processed} offers)`);
  if (!out.length && entry.delay && entry.delay.timeLeftSeconds > 0) {
    out.push(`backing off after failures: next launch in ${entry.delay.timeLeftSeconds} s`);
  }
  if (!out.length) out.push('waiting for offers');
  return out;
}

/** Renders a Marathon error answer: 422 details as a list of path: errors. */
export function errorView(e) {
  const body = e instanceof ApiError ? e.body : null;
  if (body && Array.isArray(body.details)) {
    return h('div.errors', h('p.error', body.message || 'Object is not valid'), h('ul', body.details.map(d =>
      h('li', { dataset: { path: d.path } }, h('code', d.path || '/'), ' ', (d.errors || []).join('; ')))));
  }
  return h('p.error', e.message);
}

function statusOf(app, queued) {
  if (queued) return 'waiting';
  if ((app.deployments || []).length) return 'deploying';
  if (app.instances === 0) return 'suspended';
  return (app.tasksRunning || 0) >= app.instances ? 'running' : 'starting';
}

export function mount(root) {
  const status = h('span.muted', 'connecting…');
  const listError = h('div');
  const list = h('div');
  const deployments = h('div');
  const createErrors = h('div');
  const editor = h('textarea', { rows: 8, name: 'app-json', spellcheck: false });
  editor.value = JSON.stringify(SAMPLE, null, 2);
  const createBtn = h('button.primary', { name: 'create', onclick: create }, 'Create app');
  root.append(h('h1', 'Apps ', status), listError, list, h('h2', 'Deployments'), deployments,
    h('h2', 'Create an app'), h('p.muted', 'Marathon app JSON (POST /v2/apps). Errors are shown below, by field.'),
    editor, h('div.row', createBtn), createErrors);

  async function create() {
    createErrors.replaceChildren();
    let body;
    try { body = JSON.parse(editor.value); } catch (e) {
      createErrors.replaceChildren(h('p.error', 'Not valid JSON: ' + e.message));
      return;
    }
    createBtn.disabled = true;
    try {
      const app = await api(APPS + '/v2/apps', { method: 'POST', body });
      createErrors.replaceChildren(h('p', 'Created ', link('#/apps/' + encodeURIComponent(app.id), app.id), '.'));
      live.reload();
    } catch (e) {
      createErrors.replaceChildren(errorView(e));
    } finally {
      createBtn.disabled = false;
    }
  }

  const act = async (fn, errorEl) => {
    try { await fn(); errorEl.replaceChildren(); live.reload(); } catch (e) { errorEl.replaceChildren(errorView(e)); }
  };

  function row(app, queueEntry) {
    const err = h('div');
    const scale = h('input', { type: 'number', min: 0, value: app.instances, name: 'instances', style: 'width:5em' });
    const st = statusOf(app, queueEntry);
    const reasons = queueEntry ? waitingReasons(queueEntry) : [];
    return h('tr', { dataset: { app: app.id, status: st } },
      h('td', link('#/apps/' + encodeURIComponent(app.id), app.id), h('div.muted', app.cmd || (app.container
        && app.container.docker && app.container.docker.image) || '')),
      h('td', stateBadge(st), reasons.length ? h('ul.reasons', reasons.map(r => h('li', r))) : null),
      h('td.num', { dataset: { count: 'instances' } }, String(app.instances)),
      h('td.num', { dataset: { count: 'running' } }, String(app.tasksRunning || 0)),
      h('td.num', { dataset: { count: 'healthy' } }, String(app.tasksHealthy || 0)),
      h('td.num', { dataset: { count: 'staged' } }, String(app.tasksStaged || 0)),
      h('td.num', fmt(app.cpus), ' / ', mb(app.mem)),
      h('td', h('div.actions', scale,
        h('button', { name: 'scale', onclick: () => act(() => api(appPath(app.id), { method: 'PUT',
          body: { instances: Number(scale.value) } }), err) }, 'Scale'),
        h('button', { name: 'restart', onclick: () => act(() => api(appPath(app.id) + '/restart',
          { method: 'POST' }), err) }, 'Restart'),
        h('button.danger', { name: 'delete', onclick: () => confirm(`Delete ${app.id} and kill its instances?`)
          && act(() => api(appPath(app.id), { method: 'DELETE' }), err) }, 'Delete')), err));
  }

  function deploymentRow(d) {
    const err = h('div');
    const pct = d.totalSteps ? Math.round(((d.currentStep || 0) / d.totalSteps) * 100) : 0;
    return h('tr', { dataset: { deployment: d.id } },
      h('td', d.id, h('div.muted', d.version || '')),
      h('td', (d.affectedApps || []).join(', ')),
      h('td', `step ${d.currentStep || 0} of ${d.totalSteps || 0}`,
        h('div.bar', h('span', { style: `width:${pct}%` }))),
      h('td', (d.currentActions || []).map(a => h('div', `${a.action} ${a.app || ''}`))),
      h('td', h('div.actions',
        h('button', { name: 'rollback', onclick: () => act(() => api(`${APPS}/v2/deployments/${encodeURIComponent(d.id)}`,
          { method: 'DELETE' }), err) }, 'Roll back'),
        h('button.danger', { name: 'stop', onclick: () => act(() => api(
          `${APPS}/v2/deployments/${encodeURIComponent(d.id)}?force=true`, { method: 'DELETE' }), err) }, 'Stop')),
      err));
  }

  let lastText = null;
  async function load() {
    try {
      const [apps, queue, deps] = await Promise.all([api(`${APPS}/v2/apps?${EMBED}`),
        api(`${APPS}/v2/queue`).catch(() => ({ queue: [] })), api(`${APPS}/v2/deployments`).catch(() => [])]);
      listError.replaceChildren();
      const text = JSON.stringify([apps, queue, deps]);
      if (text === lastText) return;
      const editing = document.activeElement && document.activeElement.tagName === 'INPUT'
        && list.contains(document.activeElement);
      if (editing) { setTimeout(load, 2000); return; }
      lastText = text;
      const byApp = Object.fromEntries((queue.queue || []).map(q => [(q.app || {}).id, q]));
      list.replaceChildren(table(['App', 'Status', { num: 'Instances' }, { num: 'Running' }, { num: 'Healthy' },
        { num: 'Staged' }, { num: 'CPUs / mem' }, ''],
      (apps.apps || []).map(a => row(a, byApp[a.id])),
      emptyState('No app yet. Create one below from Marathon app JSON; its instances appear here live.')));
      deployments.replaceChildren(table(['Deployment', 'Apps', 'Progress', 'Current actions', ''],
        (deps || []).map(deploymentRow), h('p.muted', 'No deployment in progress.')));
    } catch (e) {
      lastText = null;
      list.replaceChildren();
      deployments.replaceChildren();
      listError.replaceChildren(unreachable('apps', e, 'drover apps --zk <zk>'));
    }
  }

  const live = frameworkLive({ name: 'apps', events: '/v2/events', types: APP_EVENTS, load, status });
  return { dispose: () => live.close() };
}
