// Tasks: every task the leading master holds, filtered by state, framework and agent (kept in the address).
import { h, mb, fmt, stateBadge, table, emptyState, link } from '../dom.js';

const MAX_ROWS = 500;
const STATES = ['STAGING', 'STARTING', 'RUNNING', 'KILLING', 'FINISHED', 'FAILED', 'KILLED', 'ERROR', 'LOST',
  'DROPPED', 'GONE', 'GONE_BY_OPERATOR', 'UNREACHABLE', 'UNKNOWN'].map(x => 'TASK_' + x);
export const TASK_HEADERS = ['Task', 'State', 'Framework', 'Agent', { num: 'CPUs' }, { num: 'Memory' }];

export function taskHref(t) {
  return '#/tasks/' + encodeURIComponent(t.frameworkId) + '/' + encodeURIComponent(t.id);
}

export function taskRows(tasks, s) {
  const fw = Object.fromEntries(s.frameworks.map(f => [f.id, f.name]));
  const ag = Object.fromEntries(s.agents.map(a => [a.id, a.hostname]));
  return tasks.slice(0, MAX_ROWS).map(t => h('tr', { dataset: { task: t.id, state: t.state } },
    h('td', link(taskHref(t), t.name || t.id), h('div.muted', t.id)),
    h('td', stateBadge(t.state)),
    h('td', link('#/frameworks/' + encodeURIComponent(t.frameworkId), fw[t.frameworkId] || t.frameworkId)),
    h('td', link('#/agents/' + encodeURIComponent(t.agentId), ag[t.agentId] || t.agentId)),
    h('td.num', fmt((t.resources || {}).cpus || 0)), h('td.num', mb((t.resources || {}).mem || 0))));
}

export function mount(root, params) {
  const filter = { state: params.state || '', framework: params.framework || '', agent: params.agent || '' };
  const selects = {};
  const make = (key, label) => {
    selects[key] = h('select', { name: key, onchange: () => { filter[key] = selects[key].value; sync(); } },
      h('option', { value: '' }, 'any ' + label));
    return h('label', label + ' ', selects[key]);
  };
  const count = h('span.muted');
  const body = h('div');
  root.append(h('h1', 'Tasks'), h('div.filters', make('state', 'state'), make('framework', 'framework'),
    make('agent', 'agent'), count), body);
  let last = null;

  const options = (sel, values, current) => {
    const keep = sel.value || current;
    sel.replaceChildren(sel.firstChild, ...values.map(([v, text]) => h('option', { value: v }, text)));
    if (keep && !values.some(([v]) => v === keep)) sel.append(h('option', { value: keep }, keep));
    sel.value = keep;
  };

  function sync() {
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString();
    history.replaceState(null, '', '#/tasks' + (q ? '?' + q : ''));
    if (last) render(last);
  }

  function render(store) {
    const s = store.state;
    if (!s) return;
    options(selects.state, STATES.map(v => [v, `${v} (${s.tasks.filter(t => t.state === v).length})`]), filter.state);
    options(selects.framework, s.frameworks.map(f => [f.id, f.name]), filter.framework);
    options(selects.agent, s.agents.map(a => [a.id, a.hostname + ' ' + a.id.slice(0, 8)]), filter.agent);
    const shown = s.tasks.filter(t => (!filter.state || t.state === filter.state)
      && (!filter.framework || t.frameworkId === filter.framework) && (!filter.agent || t.agentId === filter.agent));
    count.textContent = `${shown.length} of ${s.tasks.length} tasks` + (shown.length > MAX_ROWS ? ` (first ${MAX_ROWS})` : '');
    body.replaceChildren(table(TASK_HEADERS, taskRows(shown, s), s.tasks.length
      ? emptyState('No task matches these filters; clear one to see more.')
      : emptyState('No task yet. Create an app on the Apps page or a job on the Jobs page, '
        + 'or run a framework (drover apps / drover jobs) against this master.')));
  }

  return { update(store) { last = store; render(store); } };
}
