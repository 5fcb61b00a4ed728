import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, isError, serviceOf, type ApiSpan, type FacetValue, type TraceSummary } from '../api';
import { serviceColor } from '../colors';
import { ErrorBox, FirstTraceHelp, Loading, Tabs, useApi } from '../components/common';
import { TimeRangePicker } from '../components/TimeRangePicker';
import { formatDuration, formatTime, rangeFromParams } from '../format';
import { href, setParams, useLocation } from '../router';

const facetFields: { key: string; label: string; term: string }[] = [
  { key: 'service', label: 'Service', term: 'service' },
  { key: 'operation_name', label: 'Operation', term: 'operation_name' },
  { key: 'resource_name', label: 'Resource', term: 'resource_name' },
  { key: 'status', label: 'Status', term: 'status' },
  { key: 'http.status_code', label: 'HTTP status', term: '@http.status_code' },
  { key: 'env', label: 'Env', term: 'env' },
];

type Facets = Record<string, FacetValue[]>;

function quote(value: string): string {
  return /^[^\s"():]+$/.test(value) ? value : '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** Adds `term:value` to the query, or removes it when it is there already. */
function toggleTerm(query: string, term: string, value: string): string {
  const t = `${term}:${quote(value)}`;
  const parts = query.split(/\s+/).filter(Boolean);
  const i = parts.indexOf(t);
  if (i >= 0) {
    parts.splice(i, 1);
    return parts.join(' ');
  }
  return (query.trim() + ' ' + t).trim();
}

/** Counts from the spans on screen, when the facets endpoint is not there. */
function facetsFromSpans(spans: ApiSpan[]): Facets {
  const pick: Record<string, (s: ApiSpan) => string | undefined> = {
    service: serviceOf,
    operation_name: (s) => s.datadog?.name,
    resource_name: (s) => s.datadog?.resource,
    status: (s) => (isError(s) ? 'error' : 'ok'),
    'http.status_code': (s) => {
      const v = s.attributes['http.status_code'] ?? s.attributes['http.response.status_code'];
      return v === undefined || v === null ? undefined : String(v);
    },
    env: (s) => s.datadog?.meta?.env ?? ((s.resource['deployment.environment.name'] ?? s.resource['deployment.environment']) as string | undefined),
  };
  const out: Facets = {};
  for (const [k, f] of Object.entries(pick)) {
    const counts = new Map<string, number>();
    for (const s of spans) {
      const v = f(s);
      if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    out[k] = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
  }
  return out;
}

export function SearchView() {
  const { params } = useLocation();
  const query = params.get('query') ?? '';
  const mode = params.get('view') === 'traces' ? 'traces' : 'spans';
  const range = rangeFromParams(params);
  const [draft, setDraft] = useState(query);
  useEffect(() => setDraft(query), [query]);
  // Relative presets are evaluated when the URL changes (or on refresh), not on every render.
  const rangeKey = `${params.get('range')}|${params.get('from')}|${params.get('to')}`;
  const [refresh, setRefresh] = useState(0);

  const spans = useApi(
    (signal) => (mode === 'spans' ? getJson<{ spans: ApiSpan[] }>('/api/v1/spans', { query, from: range.from, to: range.to, limit: 200 }, signal) : Promise.resolve({ spans: [] })),
    [query, rangeKey, mode, refresh],
  );
  const traces = useApi(
    (signal) => (mode === 'traces' ? getJson<{ traces: TraceSummary[] }>('/api/v1/traces', { query, from: range.from, to: range.to, limit: 100 }, signal) : Promise.resolve({ traces: [] })),
    [query, rangeKey, mode, refresh],
  );
  const facets = useApi(
    (signal) => getJson<{ facets: Facets }>('/api/v1/spans/facets', { query, from: range.from, to: range.to }, signal),
    [query, rangeKey, refresh],
  );
  const fallbackFacets = facets.error instanceof ApiError && facets.error.status === 404 && spans.data ? facetsFromSpans(spans.data.spans) : undefined;
  const shownFacets = facets.data?.facets ?? fallbackFacets;

  const results = mode === 'spans' ? spans : traces;
  const empty = !results.loading && !results.error && (mode === 'spans' ? spans.data?.spans.length === 0 : traces.data?.traces.length === 0);

  return (
    <div class="page search-page">
      <form
        class="search-bar"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ query: draft.trim() || null });
        }}
      >
        <input
          type="search"
          name="query"
          value={draft}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          placeholder='service:web env:prod @http.status_code:500 @duration:>1s resource_name:"GET /users/?" -status:ok'
          aria-label="Span query"
          spellcheck={false}
          autocomplete="off"
        />
        <button type="submit">Search</button>
        <TimeRangePicker range={range} />
        <button type="button" class="icon-button" title="Refresh" onClick={() => setRefresh((r) => r + 1)}>
          ⟳
        </button>
      </form>
      <div class="search-body">
        <aside class="facets" aria-label="Facets" aria-busy={facets.loading ? 'true' : 'false'}>
          {facets.error && !fallbackFacets ? <ErrorBox error={facets.error} /> : null}
          {fallbackFacets && <p class="muted small">Counts from the spans shown (the facets endpoint is not available).</p>}
          {shownFacets &&
            facetFields.map((f) => {
              const values = shownFacets[f.key] ?? [];
              return (
                <section class="facet" data-facet={f.key}>
                  <h4>{f.label}</h4>
                  {values.length === 0 && <div class="muted small">none</div>}
                  <ul>
                    {values.slice(0, 12).map((v) => {
                      const active = query.split(/\s+/).includes(`${f.term}:${quote(v.value)}`);
                      return (
                        <li>
                          <button type="button" class={active ? 'facet-value active' : 'facet-value'} onClick={() => setParams({ query: toggleTerm(query, f.term, v.value) || null })} title={`${f.term}:${v.value}`}>
                            <span class="facet-name">
                              {f.key === 'service' && <span class="swatch" style={{ background: serviceColor(v.value) }} />}
                              {v.value}
                            </span>
                            <span class="facet-count">{v.count}</span>
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              );
            })}
        </aside>
        <section class="results">
          <Tabs
            tabs={[
              { key: 'spans', label: 'Spans' },
              { key: 'traces', label: 'Traces' },
            ]}
            active={mode}
            onSelect={(k) => setParams({ view: k === 'spans' ? null : k })}
          />
          {results.error ? <ErrorBox error={results.error} /> : null}
          {results.loading && !results.data && <Loading what={mode} />}
          {empty && (query ? <div class="empty-state">No {mode} match <code>{query}</code> in this time range.</div> : <FirstTraceHelp title="No traces yet" />)}
          {mode === 'spans' && spans.data && spans.data.spans.length > 0 && <SpanTable spans={spans.data.spans} busy={spans.loading} />}
          {mode === 'traces' && traces.data && traces.data.traces.length > 0 && <TraceTable traces={traces.data.traces} />}
        </section>
      </div>
    </div>
  );
}

function SpanTable({ spans, busy }: { spans: ApiSpan[]; busy: boolean }) {
  const max = Math.max(...spans.map((s) => s.duration), 1);
  return (
    <table class="result-table" data-testid="span-results" aria-busy={busy ? 'true' : 'false'}>
      <thead>
        <tr>
          <th>Time</th>
          <th>Service</th>
          <th>Operation</th>
          <th>Resource</th>
          <th>Status</th>
          <th class="duration-col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {spans.map((s) => {
          const service = serviceOf(s);
          return (
            <tr class={isError(s) ? 'error-row result-row' : 'result-row'} data-trace-id={s.traceId}>
              <td class="nowrap mono small">{formatTime(s.start / 1e6)}</td>
              <td class="nowrap">
                <span class="swatch" style={{ background: serviceColor(service) }} />
                {service}
              </td>
              <td class="mono small">{s.datadog?.name ?? s.name}</td>
              <td>
                <a href={href('/trace/' + s.traceId, { span: s.spanId })}>{s.datadog?.resource || s.name}</a>
              </td>
              <td>{isError(s) ? <span class="badge error">error</span> : <span class="badge ok">ok</span>}</td>
              <td class="duration-col">
                <DurationBar value={s.duration} max={max} color={serviceColor(service)} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function TraceTable({ traces }: { traces: TraceSummary[] }) {
  const max = Math.max(...traces.map((t) => t.duration), 1);
  return (
    <table class="result-table" data-testid="trace-results">
      <thead>
        <tr>
          <th>Time</th>
          <th>Root</th>
          <th>Services</th>
          <th>Spans</th>
          <th>Matched</th>
          <th class="duration-col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((t) => (
          <tr class={t.errorCount > 0 ? 'error-row result-row' : 'result-row'} data-trace-id={t.traceId}>
            <td class="nowrap mono small">{formatTime(t.start / 1e6)}</td>
            <td>
              <a href={'/trace/' + t.traceId}>
                <span class="swatch" style={{ background: serviceColor(t.rootService) }} />
                {t.rootService} · {t.rootResource || t.rootName}
              </a>
            </td>
            <td>
              {t.services.map((s) => (
                <span class="service-chip" title={`${s.spanCount} spans`}>
                  <span class="swatch" style={{ background: serviceColor(s.service) }} />
                  {s.service}
                </span>
              ))}
            </td>
            <td>
              {t.spanCount}
              {t.errorCount > 0 && <span class="badge error">{t.errorCount} err</span>}
            </td>
            <td>{t.matchedSpans}</td>
            <td class="duration-col">
              <DurationBar value={t.duration} max={max} color={serviceColor(t.rootService)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DurationBar({ value, max, color }: { value: number; max: number; color: string }) {
  return (
    <div class="duration-bar">
      <div class="bar" style={{ width: `${Math.max(1, (value / max) * 100)}%`, background: color }} />
      <span>{formatDuration(value)}</span>
    </div>
  );
}
