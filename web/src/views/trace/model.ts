import { isError, serviceOf, type ApiSpan, type ApiTrace } from '../../api';
import { attrText } from '../../format';

/**
 * A trace as flat arrays indexed by span (no per-node objects beyond the spans themselves), so a
 * 50,000-span trace builds in a few milliseconds: tree links, depth, relative times, critical path.
 * Spans whose parent is not in the trace become roots (orphans), shown after the real roots.
 */
export interface TraceModel {
  traceId: string;
  spans: ApiSpan[];
  /** Start relative to the trace's first span, ns. */
  start: Float64Array;
  end: Float64Array;
  depth: Int32Array;
  parent: Int32Array;
  children: number[][];
  roots: number[];
  services: string[];
  /** Index into `services` per span. */
  serviceIndex: Int32Array;
  error: Uint8Array;
  critical: Uint8Array;
  /** Spans in depth-first order (parents before children, siblings by start). */
  order: Int32Array;
  duration: number;
  maxDepth: number;
  byId: Map<string, number>;
  errorCount: number;
}

export function buildModel(trace: ApiTrace): TraceModel {
  const spans = trace.spans;
  const n = spans.length;
  const byId = new Map<string, number>();
  for (let i = 0; i < n; i++) byId.set(spans[i].spanId, i);

  let t0 = Infinity;
  for (const s of spans) if (s.start < t0) t0 = s.start;
  if (!Number.isFinite(t0)) t0 = 0;

  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const parent = new Int32Array(n).fill(-1);
  const children: number[][] = new Array(n);
  const serviceIndex = new Int32Array(n);
  const error = new Uint8Array(n);
  const serviceMap = new Map<string, number>();
  const services: string[] = [];
  let duration = 0;
  let errorCount = 0;
  for (let i = 0; i < n; i++) {
    const s = spans[i];
    start[i] = s.start - t0;
    end[i] = start[i] + s.duration;
    if (end[i] > duration) duration = end[i];
    children[i] = [];
    const svc = serviceOf(s);
    let si = serviceMap.get(svc);
    if (si === undefined) {
      si = services.length;
      services.push(svc);
      serviceMap.set(svc, si);
    }
    serviceIndex[i] = si;
    if (isError(s)) {
      error[i] = 1;
      errorCount++;
    }
  }

  const roots: number[] = [];
  const orphans: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = spans[i].parentSpanId ? byId.get(spans[i].parentSpanId!) : undefined;
    if (p === undefined || p === i) (spans[i].parentSpanId ? orphans : roots).push(i);
    else {
      parent[i] = p;
      children[p].push(i);
    }
  }
  const byStart = (a: number, b: number) => start[a] - start[b] || a - b;
  for (const c of children) if (c.length > 1) c.sort(byStart);
  roots.sort(byStart);
  orphans.sort(byStart);
  roots.push(...orphans);

  // Depth-first order and depth, iteratively: a deep chain must not overflow the call stack.
  // A parent cycle (malformed input) leaves spans unvisited; they are appended as roots.
  const order = new Int32Array(n);
  const depth = new Int32Array(n);
  const visited = new Uint8Array(n);
  let k = 0;
  let maxDepth = 0;
  const visit = (r: number) => {
    const stack = [r];
    depth[r] = 0;
    while (stack.length) {
      const i = stack.pop()!;
      if (visited[i]) continue;
      visited[i] = 1;
      order[k++] = i;
      if (depth[i] > maxDepth) maxDepth = depth[i];
      const c = children[i];
      for (let j = c.length - 1; j >= 0; j--) {
        depth[c[j]] = depth[i] + 1;
        stack.push(c[j]);
      }
    }
  };
  for (const r of roots) visit(r);
  for (let i = 0; i < n; i++)
    if (!visited[i]) {
      parent[i] = -1;
      roots.push(i);
      visit(i);
    }

  const critical = criticalPath(roots, start, end, children, n);
  return { traceId: trace.traceId, spans, start, end, depth, parent, children, roots, services, serviceIndex, error, critical, order, duration, maxDepth, byId, errorCount };
}

/**
 * The critical path: from each root's end, the child that finished last before the current time
 * is on it, its own critical path is followed, and the time moves back to that child's start.
 * Children overlapping the current time are clipped to it.
 */
function criticalPath(roots: number[], start: Float64Array, end: Float64Array, children: number[][], n: number): Uint8Array {
  const critical = new Uint8Array(n);
  const stack: [number, number][] = [];
  // Only the longest root's path: orphans are not part of the request's path.
  let root = -1;
  for (const r of roots) if (root < 0 || end[r] > end[root]) root = r;
  if (root >= 0) stack.push([root, end[root]]);
  while (stack.length) {
    const [i, bound] = stack.pop()!;
    critical[i] = 1;
    let t = Math.min(end[i], bound);
    const c = children[i].slice().sort((a, b) => end[b] - end[a]);
    for (const child of c) {
      if (start[child] >= t) continue;
      stack.push([child, t]);
      t = start[child];
      if (t <= start[i]) break;
    }
  }
  return critical;
}

/** The rows shown: depth-first order minus descendants of collapsed spans. */
export function visibleRows(model: TraceModel, collapsed: Set<number>): Int32Array {
  if (collapsed.size === 0) return model.order;
  const out = new Int32Array(model.order.length);
  let k = 0;
  const { order, depth } = model;
  for (let p = 0; p < order.length; p++) {
    const i = order[p];
    out[k++] = i;
    if (collapsed.has(i)) {
      const d = depth[i];
      while (p + 1 < order.length && depth[order[p + 1]] > d) p++;
    }
  }
  return out.subarray(0, k);
}

/** Spans whose name, service, resource, id or an attribute value contains the text (case-insensitive). */
export function searchSpans(model: TraceModel, text: string): number[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const out: number[] = [];
  for (let p = 0; p < model.order.length; p++) {
    const i = model.order[p];
    const s = model.spans[i];
    if (
      s.name.toLowerCase().includes(q) ||
      model.services[model.serviceIndex[i]].toLowerCase().includes(q) ||
      (s.datadog?.resource ?? '').toLowerCase().includes(q) ||
      s.spanId === q ||
      Object.entries(s.attributes).some(([k, v]) => k.toLowerCase().includes(q) || attrText(v).toLowerCase().includes(q))
    ) {
      out.push(i);
    }
  }
  return out;
}

export function label(model: TraceModel, i: number): string {
  const s = model.spans[i];
  const resource = s.datadog?.resource;
  return resource && resource !== s.name ? `${s.name} · ${resource}` : s.name;
}
