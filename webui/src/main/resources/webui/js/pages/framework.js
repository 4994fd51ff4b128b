// One framework: roles with their weights and shares, and its tasks.
import { h, fmt, mb, stateBadge, table, emptyState, link } from '../dom.js';
import { taskRows, TASK_HEADERS } from './tasks.js';

export function mount(root, { id }) {
  const body = h('div');
  root.append(h('p', link('#/frameworks', '← Frameworks')), body);
  return {
    update(store) {
      const s = store.state;
      const f = s && s.frameworks.find(x => x.id === id);
      if (!f) {
        body.replaceChildren(emptyState(`No framework ${id} is subscribed to the leading master.`));
        return;
      }
      const roles = store.roles.filter(r => (f.roles || []).includes(r.name));
      body.replaceChildren(h('h1', f.name, ' ', stateBadge(f.active ? 'ACTIVE' : 'DISCONNECTED')),
        h('dl.kv', h('dt', 'Id'), h('dd', f.id), h('dt', 'Live tasks'), h('dd', String(f.tasks))),
        h('h2', 'Roles'),
        table(['Role', 'Weight', { num: 'CPUs' }, { num: 'Memory' }, 'Share'], roles.map(r => h('tr',
          h('td', r.name), h('td', fmt(r.weight)), h('td.num', fmt((r.allocated || {}).cpus || 0)),
          h('td.num', mb((r.allocated || {}).mem || 0)), h('td', fmt((r.share || 0) * 100) + ' %'))),
        h('p.muted', 'Its roles hold no resources yet.')),
        h('h2', 'Tasks'),
        table(TASK_HEADERS, taskRows(s.tasks.filter(t => t.frameworkId === f.id), s),
          emptyState('This framework runs no task.')));
    },
  };
}
