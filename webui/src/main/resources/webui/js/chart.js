// A small SVG line chart of used/total over time, from the samples the page keeps.
const NS = 'http://www.w3.org/2000/svg';

function el(tag, attrs) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** samples: [{at, used:{k}, total:{k}}]; draws used/total of key k as a percentage over the kept window. */
export function usageChart(samples, key) {
  const w = 300, hgt = 70;
  const svg = el('svg', { viewBox: `0 0 ${w} ${hgt}`, preserveAspectRatio: 'none', role: 'img',
    'aria-label': `${key} used over the last minutes`, class: 'usage-chart', 'data-key': key });
  svg.append(el('rect', { x: 0, y: 0, width: w, height: hgt, fill: '#f3f5f8' }));
  for (const y of [0.25, 0.5, 0.75]) {
    svg.append(el('line', { x1: 0, x2: w, y1: hgt * y, y2: hgt * y, stroke: '#dde1e7', 'stroke-width': 1 }));
  }
  if (samples.length) {
    const t0 = samples[0].at;
    const span = Math.max(1, samples[samples.length - 1].at - t0);
    const pts = samples.map(s => {
      const pct = s.total[key] > 0 ? s.used[key] / s.total[key] : 0;
      const x = samples.length === 1 ? w : ((s.at - t0) / span) * w;
      return [x, hgt - pct * (hgt - 4) - 2];
    });
    if (pts.length === 1) pts.unshift([0, pts[0][1]]);
    const line = pts.map(p => p.map(v => v.toFixed(1)).join(',')).join(' ');
    svg.append(el('polygon', { points: `0,${hgt} ${line} ${w},${hgt}`, fill: 'rgba(45,108,223,.15)' }));
    svg.append(el('polyline', { points: line, fill: 'none', stroke: '#2d6cdf', 'stroke-width': 2,
      'vector-effect': 'non-scaling-stroke' }));
  }
  return svg;
}
