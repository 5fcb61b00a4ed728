// Query API client. Every failure becomes an ApiError carrying the server's reason, which views show.

export class ApiError extends Error {
  constructor(public readonly status: number, message: string) {
    super(message);
  }
}

export async function getJson<T>(path: string, params?: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<T> {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== '') p.set(k, String(v));
  const qs = p.toString();
  const url = path + (qs ? '?' + qs : '');
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, `cannot reach the server (${(e as Error).message})`);
  }
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: reported below with the status
  }
  if (!response.ok) {
    throw new ApiError(response.status, `GET ${path} answered ${response.status}: ${reason(body) ?? (text.slice(0, 200) || response.statusText)}`);
  }
  if (body === undefined) throw new ApiError(response.status, `GET ${path} answered ${response.status} without JSON`);
  return body as T;
}

function reason(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.error === 'string') return b.error;
  if (b.error && typeof b.error === 'object' && typeof (b.error as Record<string, unknown>).message === 'string') return (b.error as { message: string }).message;
  if (Array.isArray(b.errors) && b.errors.length > 0) return b.errors.map((e: { msg?: string }) => e.msg).join('; ');
  return undefined;
}

export type AttrValue = string | number | boolean | null | AttrValue[] | { [k: string]: AttrValue };
export type Attributes = Record<string, AttrValue>;

export interface DatadogView {
  service: string;
  name: string;
  resource: string;
  type: string;
  traceId: string;
  spanId: string;
  parentId: string;
  error: number;
  topLevel: boolean;
  measured: boolean;
  meta: Record<string, string>;
  metrics: Record<string, number | string>;
}

export interface ApiSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: string;
  start: number;
  duration: number;
  status: { code: string; message?: string };
  attributes: Attributes;
  resource: Attributes;
  scope?: { name?: string; version?: string };
  events: { time: number; name: string; attributes: Attributes }[];
  links: { traceId: string; spanId: string; traceState?: string; attributes: Attributes }[];
  datadog?: DatadogView | null;
  logCount?: number;
}

/**
 * `GET /api/v1/traces/{id}/timeline`: one array per field, index = span (trace order); texts are
 * indexes into `strings`. `parent` is the parent's index, -1 for a root, -2 when the parent is not
 * in the trace. `startOffset` is ns after `start` (unix ns of the trace's first span).
 */
export interface ApiTimeline {
  traceId: string;
  start: number;
  spanCount: number;
  strings: string[];
  id: string[];
  parent: number[];
  startOffset: number[];
  duration: number[];
  service: number[];
  name: number[];
  operation: number[];
  resource: number[];
  type: number[];
  kind: number[];
  error: number[];
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface TraceSummary {
  traceId: string;
  rootService: string;
  rootName: string;
  rootResource: string;
  start: number;
  duration: number;
  spanCount: number;
  errorCount: number;
  matchedSpans: number;
  services: { service: string; spanCount: number }[];
}

export interface LogRecord {
  timestamp: number;
  service: string;
  severity: string;
  body: AttrValue;
  attributes: Attributes;
  resource: Attributes;
  traceId: string | null;
  spanId: string | null;
}

export interface Percentiles {
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ServiceStats extends Percentiles {
  service: string;
  hits: number;
  errors: number;
  errorRate: number;
}

export interface ResourceStats extends Percentiles {
  resource: string;
  operation: string;
  hits: number;
  errors: number;
  errorRate: number;
}

export interface StatsPoint extends Percentiles {
  time: number;
  hits: number;
  errors: number;
  errorRate: number;
}

/** The span's Datadog service, else its resource's service.name. */
export function serviceOf(span: ApiSpan): string {
  return span.datadog?.service || (span.resource['service.name'] as string) || 'unknown';
}

export function isError(span: ApiSpan): boolean {
  return span.status.code === 'error' || span.datadog?.error === 1;
}
