// The jobs' dependency graph as SVG: {nodes:[{id}], edges:[{from, to}]}, laid out in layers (a job sits one layer
// right of its deepest parent), each node linking to its job page.
const NS = 'http://www.w3.org/2000/svg';

function el(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export function layers(nodes, edges) {
  const parents = new Map(nodes.map(n => [n, []]));
  for (const e of edges) if (parents.has(e.to) && parents.has(e.from)) parents.get(e.to).push(e.from);
  const depth = new Map();
  const visit = (n, seen) => {
    if (depth.has(n)) return depth.get(n);
    if (seen.has(n)) return 0;
    seen.add(n);
    const d = Math.max(-1, ...parents.get(n).map(p => visit(p, seen))) + 1;
    depth.set(n, d);
    return d;
  };
  nodes.forEach(n => visit(n, new Set()));
  return depth;
}

export function graphView(dag) {
  const nodes = (dag.nodes || []).map(n => (typeof n === 'string' ? n : n.id));
  const edges = (dag.edges || []).map(e => (Array.isArray(e) ? { from: e[0], to: e[1] }
    : { from: e.from ?? e.source, to: e.to ?? e.target }));
  const depth = layers(nodes, edges);
  const byLayer = [];
  for (const n of nodes) (byLayer[depth.get(n)] ||= []).push(n);
  const W = 170, H = 46, GX = 60, GY = 18;
  const pos = new Map();
  byLayer.forEach((col, i) => col.sort().forEach((n, j) => pos.set(n, { x: 10 + i * (W + GX), y: 10 + j * (H + GY) })));
  const width = 20 + byLayer.length * (W + GX);
  const height = 20 + Math.max(1, ...byLayer.map(c => c.length)) * (H + GY);
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'job dependencies' });
  const defs = el('defs', {});
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7,
    orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#6b7380' }));
  defs.append(marker);
  svg.append(defs);
  for (const e of edges) {
    const a = pos.get(e.from), b = pos.get(e.to);
    if (!a || !b) continue;
    svg.append(el('line', { x1: a.x + W, y1: a.y + H / 2, x2: b.x, y2: b.y + H / 2, stroke: '#6b7380',
      'stroke-width': 1.5, 'marker-end': 'url(#arrow)', 'data-edge': `${e.from}->${e.to}` }));
  }
  for (const n of nodes) {
    const p = pos.get(n);
    const a = el('a', { href: '#/jobs/' + encodeURIComponent(n) });
    a.append(el('rect', { x: p.x, y: p.y, width: W, height: H, rx: 6, fill: '#fff', stroke: '#2d6cdf', 'data-node': n }));
    a.append(el('text', { x: p.x + W / 2, y: p.y + H / 2 + 5, 'text-anchor': 'middle', 'font-size': 13, fill: '#1d2430' },
      n.length > 22 ? n.slice(0, 21) + '…' : n));
    svg.append(a);
  }
  return svg;
}
