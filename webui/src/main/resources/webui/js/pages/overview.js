// Overview: cluster resources total vs used (now, by role, and over the last minutes), counts, and the masters.
import { h, bar, fmt, mb, stateBadge, table, emptyState, link } from '../dom.js';
import { totals } from '../store.js';
import { usageChart } from '../chart.js';

export function mount(root) {
  root.append(h('h1', 'Cluster overview'));
  const body = h('div');
  root.append(body);
  return {
    everyTick: true,
    update(store) {
      const s = store.state;
      if (!s) {
        body.replaceChildren(emptyState(store.error ? 'The master did not answer: ' + store.error.message : 'Loading…'));
        return;
      }
      const t = totals(s);
      const resCard = (k, label, unit) => h('div.card', { dataset: { resource: k } },
        h('div.muted', label),
        h('div.big', unit(t.used[k]), h('span.muted', ' / ' + unit(t.total[k]))),
        bar(t.used[k], t.total[k]),
        h('div.chart', usageChart(store.samples, k)),
        h('div.muted', `last ${Math.max(1, Math.round((store.samples.length * 5) / 60))} min, sampled every 5 s`));
      const count = (list, key) => list.reduce((m, x) => { m[x[key]] = (m[x[key]] || 0) + 1; return m; }, {});
      const agentStates = count(s.agents, 'state');
      const taskStates = count(s.tasks, 'state');
      const active = s.frameworks.filter(f => f.active).length;
      const countsCard = (title, n, by, href) => h('div.card', h('div.muted', title),
        h('div.big', link(href, String(n))),
        h('div.row', Object.entries(by).sort().map(([k, v]) => h('span', stateBadge(k), ' ', v))));
      const masters = s.masters || [{ id: s.leader.id, leader: true, host: s.leader.host }];
      body.replaceChildren(...[
        h('div.cards', resCard('cpus', 'CPUs used', v => fmt(v)), resCard('mem', 'Memory used', mb),
          resCard('disk', 'Disk used', mb)),
        h('h2', 'Counts'),
        h('div.cards', countsCard('Agents', s.agents.length, agentStates, '#/agents'),
          countsCard('Frameworks', s.frameworks.length, { active, inactive: s.frameworks.length - active },
            '#/frameworks'),
          countsCard('Tasks', s.tasks.length, taskStates, '#/tasks')),
        s.agents.length === 0 ? emptyState('No agent has registered yet. Start one with '
          + '`drover agent --zk <zk> --resources "cpus:4;mem:4096;disk:10000"` and it appears here.') : null,
        h('h2', 'Resources by role'),
        table(['Role', 'Weight', { num: 'CPUs' }, { num: 'Memory' }, { num: 'Disk' }, 'Share', 'Frameworks'],
          store.roles.map(r => h('tr', h('td', r.name), h('td', fmt(r.weight)),
            h('td.num', fmt((r.allocated || {}).cpus || 0)), h('td.num', mb((r.allocated || {}).mem || 0)),
            h('td.num', mb((r.allocated || {}).disk || 0)), h('td', fmt((r.share || 0) * 100) + ' %'),
            h('td', (r.frameworks || []).map(id => (s.frameworks.find(f => f.id === id) || { name: id }).name).join(', ')))),
          emptyState('No role holds resources yet: frameworks subscribe with a role and it is listed here.')),
        h('h2', 'Masters'),
        table(['Master', 'Role', 'Address'], masters.map(m => h('tr', { dataset: { master: m.id } },
          h('td', m.id), h('td', m.leader ? stateBadge('leader') : h('span.state', 'standby')),
          h('td', m.host ? `${m.host}:${m.httpPort}` : h('span.muted', 'in the election'))))),
        masters.length < 2 ? h('p.muted', 'No standby master: start another `drover master` with the same --zk '
          + 'for failover.') : null].filter(Boolean));
    },
  };
}
