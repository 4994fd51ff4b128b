// One app: its definition, instances (with links to the tasks' pages and logs), why it waits, its last failure.
import { h, table, emptyState, link, stateBadge, time, fill } from '../dom.js';
import { api } from '../api.js';
import { frameworkLive, unreachable } from '../framework-live.js';
import { APPS, APP_EVENTS, appPath, waitingReasons } from './apps.js';

export function mount(root, { id }) {
  const status = h('span.muted');
  const body = h('div');
  root.append(h('p', link('#/apps', '← Apps')), h('h1', id, ' ', status), body);

  async function load() {
    try {
      const [{ app }, queue] = await Promise.all([api(appPath(id)), api(`${APPS}/v2/queue`).catch(() => ({ queue: [] }))]);
      const entry = (queue.queue || []).find(q => (q.app || {}).id === app.id);
      const failure = app.lastTaskFailure;
      fill(body,
        h('dl.kv', h('dt', 'Instances'), h('dd', `${app.tasksRunning || 0} running, ${app.tasksHealthy || 0} healthy, `
          + `${app.tasksStaged || 0} staged of ${app.instances}`), h('dt', 'Version'), h('dd', app.version || '–')),
        entry ? h('div', h('h2', 'Waiting'), h('ul.reasons', waitingReasons(entry).map(r => h('li', r)))) : null,
        failure ? h('div', h('h2', 'Last task failure'), h('p', stateBadge(failure.state), ' ', failure.message || '',
          ' ', h('span.muted', time(failure.timestamp)))) : null,
        h('h2', 'Instances'),
        table(['Task', 'State', 'Host', 'Started', 'Health'], (app.tasks || []).map(t => h('tr', { dataset: { task: t.id } },
          h('td', link('#/task/' + encodeURIComponent(t.id), t.id)), h('td', stateBadge(t.state)),
          h('td', t.host || ''), h('td', time(t.startedAt)),
          h('td', (t.healthCheckResults || []).map(r => stateBadge(r.alive ? 'healthy' : 'unhealthy'))))),
        emptyState('No instance runs. Scale the app up on the Apps page.')),
        h('h2', 'Definition'), h('pre.log', { style: 'height:auto;max-height:400px' }, JSON.stringify(app, (k, v) =>
          ['tasks', 'deployments', 'lastTaskFailure'].includes(k) ? undefined : v, 2)));
    } catch (e) {
      body.replaceChildren(e.status === 404 ? emptyState(`No app ${id}.`, 'It may have been deleted.')
        : unreachable('apps', e, 'drover apps --zk <zk>'));
    }
  }
  const live = frameworkLive({ name: 'apps', events: '/v2/events', types: APP_EVENTS, load, status });
  return { dispose: () => live.close() };
}
