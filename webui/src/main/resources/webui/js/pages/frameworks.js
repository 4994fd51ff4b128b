// Frameworks: their roles, the share of each role (dominant resource share), and their live tasks.
import { h, fmt, stateBadge, table, emptyState, link } from '../dom.js';

export function roleShare(store, role) {
  const r = store.roles.find(x => x.name === role);
  return r ? r.share || 0 : 0;
}

export function mount(root) {
  const body = h('div');
  root.append(h('h1', 'Frameworks'), body);
  return {
    update(store) {
      const s = store.state;
      if (!s) return;
      body.replaceChildren(table(['Framework', 'Status', 'Roles', 'Role share', { num: 'Live tasks' }],
        s.frameworks.map(f => h('tr', { dataset: { framework: f.id } },
          h('td', link('#/frameworks/' + encodeURIComponent(f.id), f.name), h('div.muted', f.id)),
          h('td', stateBadge(f.active ? 'ACTIVE' : 'DISCONNECTED')),
          h('td', (f.roles || []).join(', ') || '*'),
          h('td', (f.roles || []).map(r => h('div', `${r}: ${fmt(roleShare(store, r) * 100)} %`))),
          h('td.num', link('#/tasks?framework=' + encodeURIComponent(f.id), String(f.tasks))))),
        emptyState('No framework is subscribed. Start one against this cluster: drover apps --zk <zk> '
          + '(long-running apps) or drover jobs --zk <zk> (scheduled jobs).')));
    },
  };
}
