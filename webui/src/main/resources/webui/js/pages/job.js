// One job: its schedules (next run in the job's zone), run now, suspend/resume, and its run history with links to
// each run's task page and raw stdout (through the master's sandbox proxy).
import { h, table, emptyState, link, stateBadge, time, fill } from '../dom.js';
import { api } from '../api.js';
import { frameworkLive, unreachable } from '../framework-live.js';
import { jobPath, finishedRuns, nextRunText, scheduleToggle, runNow, JOB_EVENTS } from './jobs.js';

/** The framework id in a run's `logs` path (/files/<framework>/<task>/read?path=stdout), if any. */
export function frameworkOf(run) {
  const m = /^\/files\/([^/]+)\//.exec(run.logs || '');
  return m ? decodeURIComponent(m[1]) : null;
}

function logLinks(run) {
  const task = run.taskId || ((run.tasks || [])[0] || {}).id;
  if (!task) return h('span.muted', 'no task yet');
  const fw = frameworkOf(run);
  const page = fw ? `#/tasks/${encodeURIComponent(fw)}/${encodeURIComponent(task)}?agent=${encodeURIComponent(run.agentId || '')}`
    : '#/task/' + encodeURIComponent(task);
  const raw = fw && run.agentId ? `/agents/${encodeURIComponent(run.agentId)}/sandbox${run.logs.slice('/files'.length)}` : null;
  return h('span', link(page, 'task & logs'), raw ? [' · ', h('a', { href: raw, target: '_blank' }, 'stdout')] : null);
}

export function mount(root, { id }) {
  const status = h('span.muted');
  const body = h('div');
  root.append(h('p', link('#/jobs', '← Jobs')), h('h1', id, ' ', status), body);

  async function load() {
    try {
      const job = await api(`${jobPath(id)}?embed=activeRuns&embed=schedules&embed=history&embed=historySummary`);
      const err = h('div');
      const runs = [...(job.activeRuns || []), ...finishedRuns(job)];
      fill(body,
        h('p', job.description || ''),
        h('dl.kv', h('dt', 'Command'), h('dd', h('code', (job.run || {}).cmd || JSON.stringify((job.run || {}).args || ''))),
          h('dt', 'Runs'), h('dd', `${(job.historySummary || job.history || {}).successCount || 0} succeeded, `
            + `${(job.historySummary || job.history || {}).failureCount || 0} failed`)),
        h('div.actions', runNow(job, err, () => live.reload())), err,
        h('h2', 'Schedules'),
        table(['Schedule', 'Cron', 'Time zone', 'Next run', ''], (job.schedules || []).map(s => h('tr',
          h('td', s.id), h('td', h('code', s.cron)), h('td', s.timezone || 'UTC'), h('td', nextRunText(s)),
          h('td', scheduleToggle(job, s, err, () => live.reload())))),
        h('p.muted', 'No schedule: this job runs when started (Run now) or when a job it depends on succeeds.')),
        h('h2', 'Run history'),
        table(['Run', 'Status', 'Created', 'Finished', 'Exit', 'Reason', 'Logs'], runs.map(r => h('tr',
          { dataset: { run: r.id, status: r.status } }, h('td', r.id), h('td', stateBadge(r.status)),
          h('td', time(r.createdAt)), h('td', time(r.finishedAt || r.completedAt)),
          h('td', r.exitCode === undefined || r.exitCode === null ? '' : String(r.exitCode)), h('td', r.reason || ''),
          h('td', logLinks(r)))),
        emptyState('This job has not run yet: press Run now.')));
    } catch (e) {
      body.replaceChildren(e.status === 404 ? emptyState(`No job ${id}.`) : unreachable('jobs', e, 'drover jobs --zk <zk>'));
    }
  }
  const live = frameworkLive({ name: 'jobs', events: '/v1/events', types: JOB_EVENTS, load, status });
  return { dispose: () => live.close() };
}
