import { getJson, type ApiSpan, type ResourceStats, type StatsPoint } from '../api';
import { serviceColor } from '../colors';
import { ErrorBox, Loading, useApi } from '../components/common';
import { LineChart } from '../components/Sparkline';
import { TimeRangePicker } from '../components/TimeRangePicker';
import { attrText, formatDuration, formatPercent, rangeFromParams, stepFor } from '../format';
import { href, useLocation } from '../router';
import { ServiceMap, type MapEdge } from './ServiceMap';

/** `/services/{service}`: latency distribution, time series, resources, service map. */
export function ServiceView({ service }: { service: string }) {
  const { params } = useLocation();
  const range = rangeFromParams(params);
  const rangeKey = `${params.get('range')}|${params.get('from')}|${params.get('to')}`;
  const stats = useApi(
    (signal) => getJson<{ step: number; points: StatsPoint[] }>('/api/v1/stats', { service, from: range.from, to: range.to, step: stepFor(range) }, signal),
    [service, rangeKey],
  );
  const resources = useApi((signal) => getJson<{ resources: ResourceStats[] }>(`/api/v1/services/${encodeURIComponent(service)}/resources`, { from: range.from, to: range.to }, signal), [service, rangeKey]);
  const spans = useApi(
    (signal) => getJson<{ spans: ApiSpan[] }>('/api/v1/spans', { query: `service:${quoteValue(service)}`, from: range.from, to: range.to, limit: 1000 }, signal),
    [service, rangeKey],
  );
  const deps = useApi(
    (signal) => getJson<{ data: { parent: string; child: string; callCount: number }[] }>('/api/dependencies', { endTs: range.to, lookback: range.to - range.from }, signal),
    [rangeKey],
  );

  const points = stats.data?.points ?? [];
  return (
    <div class="page service-page">
      <div class="page-header">
        <h2>
          <a href={'/services' + window.location.search} class="muted">
            Services
          </a>{' '}
          / <span class="swatch big" style={{ background: serviceColor(service) }} />
          <span data-testid="service-name">{service}</span>
        </h2>
        <TimeRangePicker range={range} />
        <a href={href('/', { query: `service:${quoteValue(service)}`, range: params.get('range') ?? undefined })}>Search its spans →</a>
      </div>
      <div class="panels">
        <section class="panel">
          <h3>Requests and errors</h3>
          {stats.error ? <ErrorBox error={stats.error} /> : null}
          {stats.loading && !stats.data && <Loading what="stats" />}
          {stats.data && (
            <LineChart
              times={points.map((p) => p.time)}
              unit={(v) => v.toFixed(v < 10 ? 1 : 0)}
              series={[
                { name: 'hits', color: serviceColor(service), values: points.map((p) => p.hits) },
                { name: 'errors', color: 'var(--error)', values: points.map((p) => p.errors) },
              ]}
            />
          )}
        </section>
        <section class="panel">
          <h3>Latency</h3>
          {stats.error ? <ErrorBox error={stats.error} /> : null}
          {stats.data && (
            <LineChart
              times={points.map((p) => p.time)}
              unit={formatDuration}
              series={[
                { name: 'p50', color: '#3a8ee8', values: points.map((p) => p.p50) },
                { name: 'p95', color: '#e8a23a', values: points.map((p) => p.p95) },
                { name: 'p99', color: '#d63b3b', values: points.map((p) => p.p99) },
              ]}
            />
          )}
        </section>
        <section class="panel">
          <h3>Latency distribution</h3>
          {spans.error ? <ErrorBox error={spans.error} /> : null}
          {spans.data && <LatencyHistogram spans={entrySpans(spans.data.spans)} color={serviceColor(service)} />}
        </section>
        <section class="panel">
          <h3>Service map</h3>
          {deps.error ? <ErrorBox error={deps.error} /> : null}
          {/* Drawn once both sources answered, so nodes do not appear one source at a time. */}
          {!deps.loading && !spans.loading && <ServiceMap service={service} edges={mapEdges(service, deps.data?.data ?? [], spans.data?.spans ?? [])} />}
        </section>
      </div>
      <section class="panel">
        <h3>Resources</h3>
        {resources.error ? <ErrorBox error={resources.error} /> : null}
        {resources.data && resources.data.resources.length === 0 && <div class="muted">No requests in this time range.</div>}
        {resources.data && resources.data.resources.length > 0 && (
          <table class="result-table" data-testid="resources-table">
            <thead>
              <tr>
                <th>Resource</th>
                <th>Operation</th>
                <th>Requests</th>
                <th>Error %</th>
                <th>p50</th>
                <th>p95</th>
                <th>p99</th>
                <th>max</th>
              </tr>
            </thead>
            <tbody>
              {resources.data.resources.map((r) => (
                <tr class="result-row">
                  <td>
                    <a href={href('/', { query: `service:${quoteValue(service)} resource_name:${quoteValue(r.resource)}`, range: params.get('range') ?? undefined })}>{r.resource}</a>
                  </td>
                  <td class="mono small">{r.operation}</td>
                  <td>{r.hits}</td>
                  <td class={r.errorRate > 0 ? 'error-text' : ''}>{formatPercent(r.errorRate)}</td>
                  <td>{formatDuration(r.p50)}</td>
                  <td>{formatDuration(r.p95)}</td>
                  <td>{formatDuration(r.p99)}</td>
                  <td>{formatDuration(r.max)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function quoteValue(v: string): string {
  return /^[^\s"():]+$/.test(v) ? v : '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** The service's entry spans (top-level in Datadog terms), else all its spans. */
function entrySpans(spans: ApiSpan[]): ApiSpan[] {
  const top = spans.filter((s) => s.datadog?.topLevel);
  return top.length ? top : spans;
}

function LatencyHistogram({ spans, color }: { spans: ApiSpan[]; color: string }) {
  if (spans.length === 0) return <div class="muted">No spans in this time range.</div>;
  // Log-scale buckets: latencies span orders of magnitude.
  const durations = spans.map((s) => Math.max(1, s.duration));
  const lo = Math.log10(Math.min(...durations));
  const hi = Math.log10(Math.max(...durations)) + 1e-9;
  const buckets = 24;
  const width = (hi - lo) / buckets || 1;
  const counts = new Array<number>(buckets).fill(0);
  for (const d of durations) counts[Math.min(buckets - 1, Math.floor((Math.log10(d) - lo) / width))]++;
  const max = Math.max(...counts);
  return (
    <div class="histogram" data-testid="latency-histogram">
      <svg viewBox="0 0 480 140" preserveAspectRatio="none" role="img">
        {counts.map((c, i) => (
          <rect x={i * 20 + 1} width={18} y={120 - (c / max) * 110} height={(c / max) * 110} fill={color}>
            <title>
              {formatDuration(10 ** (lo + i * width))} – {formatDuration(10 ** (lo + (i + 1) * width))}: {c}
            </title>
          </rect>
        ))}
        <text x={0} y={136} class="axis">
          {formatDuration(10 ** lo)}
        </text>
        <text x={480} y={136} text-anchor="end" class="axis">
          {formatDuration(10 ** hi)}
        </text>
      </svg>
      <div class="muted small">{spans.length} recent requests</div>
    </div>
  );
}

/**
 * Edges touching the service: callers and callees from the dependency API, plus databases, queues
 * and remote services named by its client/producer spans' peer tags.
 */
function mapEdges(service: string, deps: { parent: string; child: string; callCount: number }[], spans: ApiSpan[]): MapEdge[] {
  const edges = new Map<string, MapEdge>();
  const add = (from: string, to: string, kind: MapEdge['kind'], count: number) => {
    const key = `${from}→${to}`;
    const e = edges.get(key);
    if (e) e.count += count;
    else edges.set(key, { from, to, kind, count });
  };
  for (const d of deps) {
    if (d.parent === service && d.child !== service) add(service, d.child, 'service', d.callCount);
    else if (d.child === service && d.parent !== service) add(d.parent, service, 'service', d.callCount);
  }
  const peerCounts = new Map<string, { kind: MapEdge['kind']; count: number }>();
  for (const s of spans) {
    if (s.kind !== 'client' && s.kind !== 'producer' && s.datadog?.type !== 'sql' && s.datadog?.type !== 'db' && s.datadog?.type !== 'cache') continue;
    const a = (k: string) => attrText(s.attributes[k] ?? s.datadog?.meta?.[k]);
    let node = '';
    let kind: MapEdge['kind'] = 'service';
    if (a('db.system')) {
      kind = 'database';
      node = `${a('db.system')}${a('db.name') || a('db.namespace') ? ':' + (a('db.name') || a('db.namespace')) : ''}`;
    } else if (a('messaging.system')) {
      kind = 'queue';
      node = `${a('messaging.system')}${a('messaging.destination.name') || a('messaging.destination') ? ':' + (a('messaging.destination.name') || a('messaging.destination')) : ''}`;
    } else if (a('peer.service')) {
      node = a('peer.service');
    }
    if (!node || node === service) continue;
    const p = peerCounts.get(node);
    if (p) p.count++;
    else peerCounts.set(node, { kind, count: 1 });
  }
  for (const [node, p] of peerCounts) if (!edges.has(`${service}→${node}`)) add(service, node, p.kind, p.count);
  return [...edges.values()];
}
