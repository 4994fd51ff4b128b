// Small DOM helpers: elements are built, never parsed from strings, so data cannot inject markup.

/** h('tag.class#id', {attrs, onclick}, ...children) */
export function h(spec, attrs, ...children) {
  const [tagAndClasses, id] = spec.split('#');
  const [tag, ...classes] = tagAndClasses.split('.');
  const el = document.createElement(tag || 'div');
  if (id) el.id = id;
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && k !== 'list' && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function table(headers, rows, empty) {
  if (!rows.length) return empty;
  return h('table', h('thead', h('tr', headers.map(x => typeof x === 'string'
      ? h('th', x) : h('th.num', x.num)))), h('tbody', rows));
}

export function emptyState(...lines) {
  return h('div.empty', lines.map(l => h('p', l)));
}

const OK = new Set(['leader', 'TASK_RUNNING', 'TASK_FINISHED', 'ACTIVE', 'UP', 'SUCCESS', 'healthy']);
const WARN = new Set(['TASK_STAGING', 'TASK_STARTING', 'TASK_KILLING', 'DISCONNECTED', 'RECOVERING', 'DRAINING',
  'DRAINED', 'STARTING', 'ACTIVE_RUN', 'waiting']);

export function stateBadge(state) {
  const cls = OK.has(state) ? 'ok' : WARN.has(state) ? 'warn' : /FAIL|LOST|ERROR|UNREACHABLE|KILLED|GONE|DROPPED|unhealthy/i.test(state || '') ? 'bad' : '';
  return h('span.state' + (cls ? '.' + cls : ''), state || '?');
}

export function bar(used, total) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  return h('div.bar', { title: `${fmt(used)} / ${fmt(total)}` }, h('span', { style: `width:${pct.toFixed(1)}%` }));
}

export function fmt(n, digits = 1) {
  if (n === undefined || n === null || Number.isNaN(n)) return '–';
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

export function mb(n) {
  if (n === undefined || n === null) return '–';
  return n >= 1024 ? fmt(n / 1024) + ' GB' : fmt(n, 0) + ' MB';
}

export function time(iso, tz) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  try {
    return new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit',
      minute: '2-digit', second: '2-digit', timeZone: tz || undefined, timeZoneName: tz ? 'short' : undefined })
      .format(d);
  } catch (e) {
    return d.toLocaleString();
  }
}

export function link(href, text) {
  return h('a', { href }, text);
}

/** Replaces el's children, skipping null/false ones (replaceChildren would print them). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
  return el;
}
