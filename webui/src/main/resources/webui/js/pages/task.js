// One task: what the master holds, the states it was seen in, and its sandbox: the file list and stdout/stderr
// followed live through the master's proxy to the agent (/agents/<agentId>/sandbox/<framework>/<task>/...).
import { h, fmt, mb, stateBadge, table, emptyState, link, time } from '../dom.js';
import { api } from '../api.js';
import { follow } from '../live.js';

const TAIL_BYTES = 64 * 1024;

function logPanel(base, file) {
  const pre = h('pre.log', { dataset: { file } });
  const status = h('span.muted', 'connecting…');
  let offset = null;
  let stream = null;
  const start = async () => {
    try {
      const list = await api(base + '/browse');
      const f = list.find(x => x.name === file);
      offset = f ? Math.max(0, f.size - TAIL_BYTES) : 0;
    } catch (e) {
      offset = 0;
    }
    stream = follow(() => `${base}/follow?path=${encodeURIComponent(file)}&offset=${offset}`, {
      onEvent(type, data) {
        if (!data || typeof data.data !== 'string') return;
        let text = data.data;
        if (data.offset < offset) text = text.slice(offset - data.offset);
        if (!text) return;
        offset = Math.max(offset, data.offset + data.data.length);
        const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 8;
        pre.append(text);
        if (atBottom) pre.scrollTop = pre.scrollHeight;
      },
      onStatus(up) { status.textContent = up ? 'following live' : 'reconnecting…'; },
    });
  };
  start();
  return { el: h('div', h('h2', file, ' ', status), pre), close: () => stream && stream.close() };
}

export function mount(root, params) {
  const head = h('div');
  const history = h('div');
  const files = h('div');
  const logs = h('div.grid2');
  root.append(h('p', link('#/tasks', '← Tasks')), head, h('h2', 'Status history'), history, h('h2', 'Sandbox'),
    files, logs);
  let task = null;
  let panels = [];
  let base = null;

  async function loadHistory() {
    if (!task) return;
    try {
      const r = await api(`/api/v1/tasks/${encodeURIComponent(task.frameworkId)}/${encodeURIComponent(task.id)}/history`);
      history.replaceChildren(table(['State', 'Agent', 'Seen at'], r.history.map(e => h('tr',
        h('td', stateBadge(e.state)), h('td', e.agentId), h('td', time(e.time)))),
        h('p.muted', 'This master has seen no change of this task since it started watching; the current state is '
          + task.state + '.')));
    } catch (e) {
      history.replaceChildren(h('p.error', e.message));
    }
  }

  async function loadFiles() {
    try {
      const list = await api(base + '/browse');
      files.replaceChildren(table(['File', { num: 'Size' }, 'Modified'], list.map(f => h('tr',
        h('td', f.dir ? f.name + '/' : h('a', { href: `${base}/read?path=${encodeURIComponent(f.name)}`,
          target: '_blank' }, f.name)),
        h('td.num', f.dir ? '' : String(f.size)), h('td', time(new Date(f.mtime).toISOString())))),
      emptyState('The sandbox is empty.')));
    } catch (e) {
      files.replaceChildren(emptyState('The sandbox could not be read: ' + e.message,
        'The agent may be gone, or the task never started there.'));
    }
  }

  function open(t) {
    task = t;
    base = `/agents/${encodeURIComponent(t.agentId)}/sandbox/${encodeURIComponent(t.frameworkId)}/${encodeURIComponent(t.id)}`;
    loadFiles();
    panels = ['stdout', 'stderr'].map(f => logPanel(base, f));
    logs.replaceChildren(...panels.map(p => p.el));
  }

  return {
    update(store) {
      const s = store.state;
      if (!s) return;
      const t = s.tasks.find(x => x.id === params.taskId && (!params.frameworkId || x.frameworkId === params.frameworkId));
      if (!t) {
        if (!task && params.agentId && params.frameworkId) {
          head.replaceChildren(h('h1', params.taskId), h('p.muted', 'The leading master no longer holds this task; '
            + 'its sandbox is read from agent ' + params.agentId + '.'));
          open({ id: params.taskId, frameworkId: params.frameworkId, agentId: params.agentId, state: 'unknown' });
        } else if (!task) {
          head.replaceChildren(emptyState(`The leading master holds no task ${params.taskId}.`,
            'Finished tasks are forgotten after a while; a job run\'s tasks are listed in its history.'));
        }
        return;
      }
      const fw = s.frameworks.find(f => f.id === t.frameworkId);
      const ag = s.agents.find(a => a.id === t.agentId);
      head.replaceChildren(h('h1', t.name || t.id, ' ', stateBadge(t.state)),
        h('dl.kv', h('dt', 'Id'), h('dd', t.id),
          h('dt', 'Framework'), h('dd', link('#/frameworks/' + encodeURIComponent(t.frameworkId), fw ? fw.name : t.frameworkId)),
          h('dt', 'Agent'), h('dd', link('#/agents/' + encodeURIComponent(t.agentId), ag ? ag.hostname : t.agentId)),
          h('dt', 'Resources'), h('dd', `cpus ${fmt((t.resources || {}).cpus || 0)}, mem ${mb((t.resources || {}).mem || 0)}`)));
      if (!task) open(t); else task = t;
      loadHistory();
    },
    onEvent(type, data) {
      if (type === 'TASK_UPDATED' && task && data && data.data && data.data.taskId === task.id) loadFiles();
    },
    dispose() { panels.forEach(p => p.close()); },
  };
}
