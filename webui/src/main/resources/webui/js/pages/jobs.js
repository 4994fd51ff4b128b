// Jobs (Metronome v1 through /frameworks/jobs): schedule, next run in the job's time zone, last runs with their
// status, run now, suspend/resume (a schedule's `enabled`), and the dependency graph.
import { h, table, emptyState, link, stateBadge, time, fill } from '../dom.js';
import { api } from '../api.js';
import { frameworkLive, unreachable } from '../framework-live.js';
import { nextRun } from '../cron.js';
import { errorView } from './apps.js';
import { graphView } from '../graph.js';

export const JOBS = '/frameworks/jobs';
const STATUSES = ['initial', 'starting', 'active', 'success', 'failed', 'missed'];
export const JOB_EVENTS = ['job_created', 'job_updated', 'job_deleted',
  ...STATUSES.map(s => 'job_run_' + s), ...STATUSES.map(s => 'job_run_' + s.toUpperCase())];
const EMBED = 'embed=activeRuns&embed=schedules&embed=history&embed=historySummary';

export function jobPath(id) {
  return `${JOBS}/v1/jobs/${encodeURIComponent(id)}`;
}

/** Finished runs of a job, newest first, from its embedded history. */
export function finishedRuns(job) {
  const hist = job.history || {};
  return [...(hist.successfulFinishedRuns || []), ...(hist.failedFinishedRuns || [])]
    .sort((a, b) => String(b.finishedAt || b.completedAt || b.createdAt)
      .localeCompare(String(a.finishedAt || a.completedAt || a.createdAt)));
}

export function nextRunText(s) {
  if (!s.enabled) return h('span.muted', 'suspended');
  const next = s.nextRunAt ? new Date(s.nextRunAt) : nextRun(s.cron || '', s.timezone);
  return next ? time(next.toISOString(), s.timezone || 'UTC') : h('span.muted', 'unknown');
}

export function scheduleToggle(job, s, err, done) {
  return h('button', { name: s.enabled ? 'suspend' : 'resume', onclick: async () => {
    try {
      await api(`${jobPath(job.id)}/schedules/${encodeURIComponent(s.id)}`, { method: 'PUT',
        body: { ...s, enabled: !s.enabled, nextRunAt: undefined } });
      err.replaceChildren();
      done();
    } catch (e) { err.replaceChildren(errorView(e)); }
  } }, s.enabled ? 'Suspend' : 'Resume');
}

export function runNow(job, err, done) {
  return h('button.primary', { name: 'run', onclick: async () => {
    try { await api(`${jobPath(job.id)}/runs`, { method: 'POST', body: {} }); err.replaceChildren(); done(); }
    catch (e) { err.replaceChildren(errorView(e)); }
  } }, 'Run now');
}

export function mount(root) {
  const status = h('span.muted', 'connecting…');
  const list = h('div');
  const graph = h('div.graph');
  root.append(h('h1', 'Jobs ', status), list, h('h2', 'Dependency graph'), graph);

  function row(job) {
    const err = h('div');
    const schedules = job.schedules || [];
    const runs = finishedRuns(job).slice(0, 5);
    const active = job.activeRuns || [];
    return h('tr', { dataset: { job: job.id } },
      h('td', link('#/jobs/' + encodeURIComponent(job.id), job.id), h('div.muted', job.description || '')),
      h('td', schedules.length ? schedules.map(s => h('div', h('code', s.cron), ' ', h('span.muted', s.timezone || 'UTC')))
        : h('span.muted', 'on demand')),
      h('td', schedules.map(s => h('div', { dataset: { next: s.id } }, nextRunText(s)))),
      h('td', active.map(r => h('div', stateBadge(r.status))), runs.map(r => h('span', { title: `${r.id} `
        + time(r.finishedAt || r.completedAt) }, stateBadge(r.status), ' ')),
        !active.length && !runs.length ? h('span.muted', 'never ran') : null),
      h('td', h('div.actions', runNow(job, err, () => live.reload()),
        schedules.map(s => scheduleToggle(job, s, err, () => live.reload()))), err));
  }

  let lastText = null;
  async function load() {
    try {
      const [jobs, dag] = await Promise.all([api(`${JOBS}/v1/jobs?${EMBED}`),
        api(`${JOBS}/v1/dependency-graph`).catch(() => null)]);
      const text = JSON.stringify([jobs, dag, Math.floor(Date.now() / 60000)]); // the next runs move each minute
      if (text === lastText) return;
      lastText = text;
      list.replaceChildren(table(['Job', 'Schedule', 'Next run (job\'s zone)', 'Last runs', ''],
        (jobs || []).map(row),
        emptyState('No job yet. Create one with POST /frameworks/jobs/v1/jobs (Metronome job JSON), '
          + 'e.g. {"id":"nightly","run":{"cmd":"echo hi","cpus":0.1,"mem":32}}; it appears here live.')));
      fill(graph, dag && (dag.nodes || []).length ? graphView(dag) : h('p.muted', 'No job depends on another.'));
    } catch (e) {
      lastText = null;
      list.replaceChildren(unreachable('jobs', e, 'drover jobs --zk <zk>'));
      graph.replaceChildren();
    }
  }
  const live = frameworkLive({ name: 'jobs', events: '/v1/events', types: JOB_EVENTS, load, status });
  return { dispose: () => live.close() };
}
