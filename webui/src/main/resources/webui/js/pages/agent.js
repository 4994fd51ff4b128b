// One agent: its resources, attributes, maintenance state and the tasks on it.
import { h, bar, fmt, mb, stateBadge, table, emptyState, link } from '../dom.js';
import { drainButtons } from './agents.js';
import { drainState } from '../store.js';
import { taskRows, TASK_HEADERS } from './tasks.js';

export function mount(root, { id }) {
  const error = h('p.error');
  const body = h('div');
  root.append(h('p', link('#/agents', '← Agents')), error, body);
  return {
    update(store) {
      const s = store.state;
      const a = s && s.agents.find(x => x.id === id);
      if (!a) {
        body.replaceChildren(emptyState(`No agent ${id} is known to the leading master.`, 'It may have been removed; '
          + 'see the agents list.'));
        return;
      }
      const names = [...new Set([...Object.keys(a.resources), ...Object.keys(a.used)])].sort();
      body.replaceChildren(
        h('h1', a.hostname, ' ', stateBadge(a.state), ' ', stateBadge(drainState(a.id))),
        h('dl.kv', h('dt', 'Id'), h('dd', a.id), h('dt', 'Sandbox API'), h('dd', `${a.hostname}:${a.port}`)),
        h('div.row', drainButtons(a, e => { error.textContent = e.message; })),
        h('h2', 'Resources'),
        table(['Resource', 'Used', 'Total', ''], names.map(n => {
          const used = a.used[n], total = a.resources[n];
          const numeric = typeof total === 'number';
          const u = n === 'mem' || n === 'disk' ? mb : fmt;
          return h('tr', h('td', n), h('td', numeric ? u(used || 0) : String(used ?? '–')),
            h('td', numeric ? u(total) : String(total)), h('td', numeric ? bar(used || 0, total) : ''));
        }), emptyState('This agent offers no resources.')),
        h('h2', 'Attributes'),
        table(['Name', 'Value'], Object.entries(a.attributes || {}).map(([k, v]) => h('tr', h('td', k), h('td', v))),
          h('p.muted', 'No attributes: start the agent with --attributes "rack:r1;zone:a" to constrain placement.')),
        h('h2', 'Tasks'),
        table(TASK_HEADERS, taskRows(s.tasks.filter(t => t.agentId === a.id), s),
          emptyState('No task runs on this agent. Frameworks place tasks here when it has free resources.')));
    },
  };
}
