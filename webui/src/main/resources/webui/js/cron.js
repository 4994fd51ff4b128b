// The next time a cron expression fires in an IANA time zone, when the jobs framework does not say (nextRunAt): the
// 5-field form (minute hour day-of-month month day-of-week), Drover's 6-field form (seconds first), or @hourly,
// @daily... Vixie semantics: when both day fields are restricted, either may match.

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
  if (parts.length === 6) parts.push(parts.shift()); // Drover's 6-field form starts with seconds
  else if (parts.length === 5) parts.push('0');
  else throw new Error('expected 5 or 6 cron fields');
  return { minute: field(parts[0], 0, 59), hour: field(parts[1], 0, 23), dom: field(parts[2], 1, 31),
    month: field(parts[3], 1, 12), dow: field(parts[4], 0, 7), second: field(parts[5], 0, 59) };
}

function partsIn(date, fmt) {
  const p = {};
  for (const x of fmt.formatToParts(date)) p[x.type] = x.value;
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour) % 24,
    minute: Number(p.minute), dow: DAYS[p.weekday] };
}

/** Minutes since the epoch of a wall-clock time read as if it were UTC (to compare wall times). */
function wall(p) {
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) / 60000;
}

function wallParts(w) {
  const d = new Date(w * 60000);
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(),
    dow: d.getUTCDay() };
}

function dayOk(c, p) {
  const domOk = c.dom.set.has(p.day), dowOk = c.dow.set.has(p.dow);
  return c.dom.any || c.dow.any ? domOk && dowOk : domOk || dowOk;
}

function matches(c, p) {
  return c.month.set.has(p.month) && dayOk(c, p) && c.hour.set.has(p.hour) && c.minute.set.has(p.minute);
}

/**
 * The next firing strictly after `from` (a Date), or null when none within about a year or the input is bad.
 * Daylight saving follows the jobs framework's rule: a wall time skipped by a spring-forward gap fires at the
 * transition instant; a wall time that occurs twice fires at its first occurrence.
 */
export function nextRun(expr, timeZone, from = new Date()) {
  let c;
  let fmt;
  try {
    c = parseCron(expr);
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: timeZone || 'UTC', hourCycle: 'h23', year: 'numeric',
      month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
  } catch (e) {
    return null;
  }
  const second = Math.min(...c.second.set);
  let t = Math.floor(from.getTime() / 60000) * 60000 + 60000;
  let prev = null;
  for (let i = 0; i < 20000; i++) {
    const p = partsIn(new Date(t), fmt);
    const w = wall(p);
    if (prev && w - prev.w > (t - prev.t) / 60000) {
      let x = prev.t, xw = prev.w;
      while (x < t) {
        const nx = x + 60000;
        const nw = wall(partsIn(new Date(nx), fmt));
        if (nw - xw > 1) {
          for (let s = xw + 1; s < nw; s++) if (matches(c, wallParts(s))) return new Date(nx);
          break;
        }
        x = nx; xw = nw;
      }
    }
    prev = { t, w };
    if (!c.month.set.has(p.month) || !dayOk(c, p) || !c.hour.set.has(p.hour)) {
      t += (60 - p.minute) * 60000;
      continue;
    }
    if (!c.minute.set.has(p.minute)) { t += 60000; continue; }
    return new Date(t + second * 1000);
  }
  return null;
}
