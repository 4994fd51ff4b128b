// The master's picture as the page knows it: refreshed on every master event (debounced) and every few seconds,
// with resource samples kept in the page for the overview's charts.
import { api, maybe } from './api.js';

const SAMPLE_EVERY_MS = 5000;
const MAX_SAMPLES = 180; // 15 minutes

export const store = {
  state: null, roles: [], maintenance: [], samples: [], error: null, loadedAt: null,
  version: 0, // bumped when what the master said changed, so pages re-render only then
  last: '',
  listeners: new Set(),
  onChange(fn) { this.listeners.add(fn); return () => this.listeners.delete(fn); },
  emit() { for (const fn of this.listeners) { try { fn(this); } catch (e) { console.error(e); } } },
};

let pending = null;
let inFlight = false;

export function refreshSoon(ms = 250) {
  if (pending) return;
  pending = setTimeout(() => { pending = null; refresh(); }, ms);
}

export async function refresh() {
  if (inFlight) { refreshSoon(300); return; }
  inFlight = true;
  try {
    const [state, roles, maintenance] = await Promise.all([api('/api/v1/state'), maybe('/api/v1/roles'),
      maybe('/api/v1/maintenance')]);
    const text = JSON.stringify([state, roles, maintenance]);
    if (text !== store.last || store.error) store.version++;
    store.last = text;
    store.state = state;
    store.roles = roles ? roles.roles || [] : [];
    store.maintenance = maintenance ? maintenance.agents || [] : [];
    store.error = null;
    store.loadedAt = new Date();
  } catch (e) {
    if (!store.error) store.version++;
    store.error = e;
  } finally {
    inFlight = false;
  }
  store.emit();
}

export function totals(state) {
  const t = { total: { cpus: 0, mem: 0, disk: 0 }, used: { cpus: 0, mem: 0, disk: 0 } };
  for (const a of (state && state.agents) || []) {
    for (const k of ['cpus', 'mem', 'disk']) {
      t.total[k] += (a.resources && a.resources[k]) || 0;
      t.used[k] += (a.used && a.used[k]) || 0;
    }
  }
  return t;
}

export function sample() {
  if (store.state && !store.error) {
    const t = totals(store.state);
    store.samples.push({ at: Date.now(), ...t });
    if (store.samples.length > MAX_SAMPLES) store.samples.shift();
  }
}

export function startSampling() {
  setInterval(() => { sample(); refresh(); }, SAMPLE_EVERY_MS);
}

export function drainState(agentId) {
  const m = store.maintenance.find(x => x.agentId === agentId);
  return m ? m.state : 'UP';
}
