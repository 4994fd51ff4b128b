// Agents: resources used/total, attributes, task counts, and drain/undrain through /api/v1/maintenance.
import { h, bar, fmt, mb, stateBadge, table, emptyState, link } from '../dom.js';
import { api } from '../api.js';
import { drainState, refresh } from '../store.js';

export function drainButtons(agent, onError) {
  const drain = drainState(agent.id);
  const act = async (path, body, btn) => {
    btn.disabled = true;
    try { await api(path, { method: 'POST', body }); await refresh(); } catch (e) { onError(e); btn.disabled = false; }
  };
  if (drain === 'UP') {
    const b = h('button.drain', { onclick: () => act('/api/v1/maintenance/drain', { agentId: agent.id }, b),
      title: 'Stop offering this agent and let its tasks move away' }, 'Drain');
    return b;
  }
  const b = h('button.undrain', { onclick: () => act('/api/v1/maintenance/undrain', { agentId: agent.id }, b) },
    'Undrain');
  return b;
}

export function mount(root) {
  const error = h('p.error');
  const body = h('div');
  root.append(h('h1', 'Agents'), error, body);
  return {
    update(store) {
      const s = store.state;
      if (!s) return;
      const tasksOn = id => s.tasks.filter(t => t.agentId === id && !/FINISHED|FAILED|KILLED|LOST|ERROR|GONE|DROPPED/.test(t.state)).length;
      body.replaceChildren(table(['Agent', 'State', 'Maintenance', 'CPUs', 'Memory', 'Disk', 'Attributes',
        { num: 'Tasks' }, ''],
      s.agents.map(a => h('tr', { dataset: { agent: a.id } },
        h('td', link('#/agents/' + encodeURIComponent(a.id), a.hostname), h('div.muted', a.id)),
        h('td', stateBadge(a.state)), h('td', stateBadge(drainState(a.id))),
        h('td', `${fmt(a.used.cpus || 0)} / ${fmt(a.resources.cpus || 0)}`, bar(a.used.cpus || 0, a.resources.cpus || 0)),
        h('td', `${mb(a.used.mem || 0)} / ${mb(a.resources.mem || 0)}`, bar(a.used.mem || 0, a.resources.mem || 0)),
        h('td', `${mb(a.used.disk || 0)} / ${mb(a.resources.disk || 0)}`, bar(a.used.disk || 0, a.resources.disk || 0)),
        h('td', Object.entries(a.attributes || {}).map(([k, v]) => h('div', h('code', `${k}=${v}`)))),
        h('td.num', link('#/tasks?agent=' + encodeURIComponent(a.id), String(tasksOn(a.id)))),
        h('td', drainButtons(a, e => { error.textContent = e.message; })))),
      emptyState('No agent has registered with the leading master.',
        'Start one: drover agent --zk <zk> --resources "cpus:4;mem:4096;disk:10000" — it appears here live.')));
    },
  };
}
