// The next time a 5-field cron expression (minute hour day-of-month month day-of-week, or @hourly/@daily/...)
// fires in an IANA time zone, when the jobs framework does not say (nextRunAt). Vixie semantics: when both day
// fields are restricted, either may match.

const MACROS = { '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *' };
const NAMES = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12,
  SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
const DAYS = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function field(text, min, max) {
  const set = new Set();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    let lo = min, hi = max;
    if (range !== '*' && range !== '?') {
      const [a, b] = range.split('-').map(x => (x.toUpperCase() in NAMES ? NAMES[x.toUpperCase()] : Number(x)));
      lo = a; hi = b === undefined ? (stepText ? max : a) : b;
    }
    if (![lo, hi, step].every(Number.isFinite) || step < 1) throw new Error('bad cron field ' + text);
    for (let v = lo; v <= hi; v += step) set.add(v === 7 && max === 7 ? 0 : v);
  }
  return { set, any: text === '*' || text === '?' };
}

export function parseCron(expr) {
  const parts = (MACROS[expr.trim()] || expr).trim().split(/\s+/);
  if (parts.length !== 5) throw new Error('expected 5 cron fields');
  return { minute: field(parts[0], 0, 59), hour: field(parts[1], 0, 23), dom: field(parts[2], 1, 31),
    month: field(parts[3], 1, 12), dow: field(parts[4], 0, 7) };
}

function partsIn(date, fmt) {
  const p = {};
  for (const x of fmt.formatToParts(date)) p[x.type] = x.value;
  return { month: Number(p.month), day: Number(p.day), hour: Number(p.hour) % 24, minute: Number(p.minute),
    dow: DAYS[p.weekday] };
}

/** The next firing strictly after `from` (a Date), or null when none within about a year or the input is bad. */
export function nextRun(expr, timeZone, from = new Date()) {
  let c;
  let fmt;
  try {
    c = parseCron(expr);
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: timeZone || 'UTC', hourCycle: 'h23', month: 'numeric',
      day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
  } catch (e) {
    return null;
  }
  let t = Math.floor(from.getTime() / 60000) * 60000 + 60000;
  for (let i = 0; i < 20000; i++) {
    const p = partsIn(new Date(t), fmt);
    const domOk = c.dom.set.has(p.day), dowOk = c.dow.set.has(p.dow);
    const dayOk = c.dom.any || c.dow.any ? domOk && dowOk : domOk || dowOk;
    if (!c.month.set.has(p.month) || !dayOk || !c.hour.set.has(p.hour)) {
      t += (60 - p.minute) * 60000;
      continue;
    }
    if (!c.minute.set.has(p.minute)) { t += 60000; continue; }
    return new Date(t);
  }
  return null;
}
