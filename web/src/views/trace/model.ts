import type { ApiTimeline } from '../../api';

/**
 * A trace as flat arrays indexed by span, built from the compact timeline (no per-span objects), so
 * a 50,000-span trace builds in a few milliseconds: tree links, depth, relative times, critical
 * path. Texts stay indexes into `strings`. A span's attributes, events and links are fetched when
 * it is selected. Spans whose parent is not in the trace become roots (orphans), after the real roots.
 */
export interface TraceModel {
  traceId: string;
  /** Unix ns of the trace's first span. */
  traceStart: number;
  count: number;
  ids: string[];
  strings: string[];
  /** Indexes into `strings`: OTel span name, Datadog operation, resource, type, kind. */
  name: number[];
  operation: number[];
  resource: number[];
  type: number[];
  kind: number[];
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

export function buildModel(t: ApiTimeline): TraceModel {
  const n = t.id.length;
  const byId = new Map<string, number>();
  for (let i = 0; i < n; i++) if (!byId.has(t.id[i])) byId.set(t.id[i], i);

  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const parent = new Int32Array(n).fill(-1);
  const children: number[][] = new Array(n);
  const serviceIndex = new Int32Array(n);
  const error = new Uint8Array(n);
  const serviceByString = new Map<number, number>();
  const services: string[] = [];
  let duration = 0;
  let errorCount = 0;
  for (let i = 0; i < n; i++) {
    start[i] = t.startOffset[i];
    end[i] = start[i] + t.duration[i];
    if (end[i] > duration) duration = end[i];
    children[i] = [];
    let si = serviceByString.get(t.service[i]);
    if (si === undefined) {
      si = services.length;
      services.push(t.strings[t.service[i]] || 'unknown');
      serviceByString.set(t.service[i], si);
    }
    serviceIndex[i] = si;
    if (t.error[i]) {
      error[i] = 1;
      errorCount++;
    }
  }

  const roots: number[] = [];
  const orphans: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = t.parent[i];
    if (p < 0 || p >= n || p === i) (p === -2 ? orphans : roots).push(i);
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
  return {
    traceId: t.traceId,
    traceStart: t.start,
    count: n,
    ids: t.id,
    strings: t.strings,
    name: t.name,
    operation: t.operation,
    resource: t.resource,
    type: t.type,
    kind: t.kind,
    start,
    end,
    depth,
    parent,
    children,
    roots,
    services,
    serviceIndex,
    error,
    critical,
    order,
    duration,
    maxDepth,
    byId,
    errorCount,
  };
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

/**
 * Spans whose name, service, Datadog operation, resource, type or id contains the text (ignoring
 * case), in waterfall order. Each distinct string is tested once. Attribute matches need the
 * server (`/api/v1/traces/{id}/find`); the view adds them when they arrive.
 */
export function searchSpans(model: TraceModel, text: string): number[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const hit = model.strings.map((s) => s.toLowerCase().includes(q));
  const out: number[] = [];
  for (let p = 0; p < model.order.length; p++) {
    const i = model.order[p];
    if (
      hit[model.name[i]] ||
      hit[model.operation[i]] ||
      hit[model.resource[i]] ||
      hit[model.type[i]] ||
      model.services[model.serviceIndex[i]].toLowerCase().includes(q) ||
      model.ids[i].includes(q)
    ) {
      out.push(i);
    }
  }
  return out;
}

/** The OTel span name. */
export function spanName(model: TraceModel, i: number): string {
  return model.strings[model.name[i]];
}

/** The Datadog resource (the name when it has none). */
export function resourceName(model: TraceModel, i: number): string {
  return model.strings[model.resource[i]] || spanName(model, i);
}

export function label(model: TraceModel, i: number): string {
  const name = spanName(model, i);
  const resource = model.strings[model.resource[i]];
  return resource && resource !== name ? `${name} · ${resource}` : name;
}
