import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJson, type ApiSpan, type ApiTimeline } from '../../api';
import { serviceColor } from '../../colors';
import { Copyable, ErrorBox, Loading, Tabs, useApi } from '../../components/common';
import { datadogDecimal, formatDuration, formatTime } from '../../format';
import { navigate, setParams, useLocation } from '../../router';
import { FlameGraph } from './FlameGraph';
import { buildModel, label, resourceName, searchSpans, visibleRows, type TraceModel } from './model';
import { SpanDetails } from './SpanDetails';
import { TraceLogs } from './TraceLogs';
import { Waterfall } from './Waterfall';

/**
 * `/trace/{id}`: URL state `span` (selected span id), `tab` (waterfall|flame|logs), `find` (search in the trace).
 * Loads the compact timeline (ids, tree, times, names, services, errors) first; a span's attributes,
 * events and links are fetched when it is selected.
 */
export function TraceView({ id }: { id: string }) {
  const trace = useApi(
    (signal) =>
      getJson<ApiTimeline>(`/api/v1/traces/${encodeURIComponent(id)}/timeline`, undefined, signal).then((t) => {
        // Response received and parsed (the benchmark splits first paint at this mark).
        performance.mark('tracehound:trace-loaded');
        return t;
      }),
    [id],
  );
  if (trace.error) {
    return (
      <div class="page">
        <h2>Trace {id}</h2>
        <ErrorBox error={trace.error} />
      </div>
    );
  }
  if (!trace.data) return <Loading what={`trace ${id}`} />;
  return <LoadedTrace trace={trace.data} />;
}

function LoadedTrace({ trace }: { trace: ApiTimeline }) {
  const { params } = useLocation();
  const model = useMemo(() => buildModel(trace), [trace]);
  const [collapsed, setCollapsed] = useState<Set<number>>(() => new Set());
  const [showCritical, setShowCritical] = useState(true);
  const [detailsOpen, setDetailsOpen] = useState(true);
  const tab = params.get('tab') ?? 'waterfall';
  const find = params.get('find') ?? '';
  const [findDraft, setFindDraft] = useState(find);
  const selectedId = params.get('span');
  const selected = selectedId ? model.byId.get(selectedId) ?? -1 : -1;

  const rows = useMemo(() => visibleRows(model, collapsed), [model, collapsed]);
  // Names, services and resources match at once; attribute matches come from the server.
  const localMatches = useMemo(() => searchSpans(model, find), [model, find]);
  const found = useApi(
    (signal) =>
      find.trim() ? getJson<{ spanIds: string[] }>(`/api/v1/traces/${model.traceId}/find`, { text: find.trim() }, signal).then((r) => ({ find, spanIds: r.spanIds })) : Promise.resolve(undefined),
    [model, find],
  );
  const serverMatches = found.data && found.data.find === find ? found.data.spanIds : undefined;
  const matchList = useMemo(() => {
    if (!serverMatches) return localMatches;
    const set = new Set(localMatches);
    for (const spanId of serverMatches) {
      const i = model.byId.get(spanId);
      if (i !== undefined) set.add(i);
    }
    // Waterfall order, so ↑/↓ walk the matches top to bottom.
    return model.order.filter((i) => set.has(i));
  }, [model, localMatches, serverMatches]);
  const matches = useMemo(() => new Set(matchList), [matchList]);
  const findDone = !find.trim() || serverMatches !== undefined || found.error !== undefined;

  useEffect(() => {
    // Marks the first paint of the waterfall for the benchmark (bench/web).
    requestAnimationFrame(() => performance.mark('tracehound:trace-painted'));
  }, [model]);

  // A selected span hidden under a collapsed ancestor: expand the ancestors.
  const reveal = (i: number) => {
    let p = model.parent[i];
    let changed = false;
    const next = new Set(collapsed);
    while (p >= 0) {
      if (next.delete(p)) changed = true;
      p = model.parent[p];
    }
    if (changed) setCollapsed(next);
  };

  const select = (i: number) => {
    reveal(i);
    setDetailsOpen(true);
    setParams({ span: model.ids[i] }, true);
  };
  const toggle = (i: number) => {
    const next = new Set(collapsed);
    if (!next.delete(i)) next.add(i);
    setCollapsed(next);
  };
  const jumpMatch = (dir: 1 | -1) => {
    if (matchList.length === 0) return;
    const pos = matchList.indexOf(selected);
    const next = matchList[(pos + dir + matchList.length) % matchList.length];
    select(next);
  };

  const root = model.roots[0];
  const rootService = root !== undefined ? model.services[model.serviceIndex[root]] : '';

  return (
    <div class="page trace-page">
      <div class="trace-header">
        <h2>
          {root !== undefined && <span class="swatch big" style={{ background: serviceColor(rootService) }} />}
          {rootService} <span class="mono">{root !== undefined ? resourceName(model, root) : ''}</span>
        </h2>
        <div class="trace-meta">
          <Copyable label="trace id" text={model.traceId} />
          <Copyable label="Datadog" text={datadogDecimal(model.traceId)} />
          <span>
            <span class="muted">start</span> {root !== undefined ? formatTime((model.traceStart + model.start[root]) / 1e6) : ''}
          </span>
          <span>
            <span class="muted">duration</span> {formatDuration(model.duration)}
          </span>
          <span data-testid="span-count">
            <span class="muted">spans</span> {model.count}
          </span>
          {model.errorCount > 0 && <span class="badge error">{model.errorCount} errors</span>}
          <span class="service-legend">
            {model.services.map((s) => (
              <span class="service-chip">
                <span class="swatch" style={{ background: serviceColor(s) }} />
                {s}
              </span>
            ))}
          </span>
        </div>
      </div>
      <div class="trace-toolbar">
        <Tabs
          tabs={[
            { key: 'waterfall', label: 'Waterfall' },
            { key: 'flame', label: 'Flame graph' },
            { key: 'logs', label: 'Logs' },
          ]}
          active={tab}
          onSelect={(k) => setParams({ tab: k === 'waterfall' ? null : k }, true)}
        />
        {tab !== 'logs' && (
          <form
            class="find"
            onSubmit={(e) => {
              e.preventDefault();
              if (findDraft !== find) setParams({ find: findDraft || null }, true);
              else jumpMatch(1);
            }}
          >
            <input type="search" name="find" placeholder="Find in trace" value={findDraft} onInput={(e) => setFindDraft((e.target as HTMLInputElement).value)} aria-label="Find in trace" />
            {find &&
              (findDone ? (
                <span class="small muted" data-testid="find-count" title={found.error ? 'attributes not searched: ' + String((found.error as Error).message ?? found.error) : undefined}>
                  {matchList.length} match{matchList.length === 1 ? '' : 'es'}
                  {found.error ? ' (names only)' : ''}
                </span>
              ) : (
                <span class="small muted">searching…</span>
              ))}
            <button type="button" class="icon-button" onClick={() => jumpMatch(-1)} title="Previous match">
              ↑
            </button>
            <button type="button" class="icon-button" onClick={() => jumpMatch(1)} title="Next match">
              ↓
            </button>
          </form>
        )}
        {tab === 'waterfall' && (
          <>
            <label class="small">
              <input type="checkbox" checked={showCritical} onChange={() => setShowCritical(!showCritical)} /> critical path
            </label>
            <button type="button" onClick={() => setCollapsed(new Set())}>
              Expand all
            </button>
            <button type="button" onClick={() => setCollapsed(new Set(model.order.filter((i) => model.depth[i] === 1 && model.children[i].length > 0)))}>
              Collapse
            </button>
          </>
        )}
      </div>
      <div class={selected >= 0 && detailsOpen ? 'trace-body with-details' : 'trace-body'}>
        <div class="trace-main">
          {tab === 'waterfall' && (
            <Waterfall model={model} rows={rows} selected={selected} collapsed={collapsed} matches={matches} showCritical={showCritical} onSelect={select} onToggle={toggle} onOpen={() => setDetailsOpen(!detailsOpen)} />
          )}
          {tab === 'flame' && <FlameGraph model={model} selected={selected} onSelect={select} />}
          {tab === 'logs' && (
            <TraceLogs
              model={model}
              onSelectSpan={(i) => {
                reveal(i);
                setDetailsOpen(true);
                setParams({ span: model.ids[i], tab: null }, true);
              }}
            />
          )}
        </div>
        {selected >= 0 && detailsOpen && (
          <SelectedSpan
            key={model.ids[selected]}
            model={model}
            index={selected}
            onClose={() => {
              setDetailsOpen(false);
              setParams({ span: null }, true);
            }}
            onShowLogs={() => setParams({ tab: 'logs' }, true)}
          />
        )}
      </div>
      <p class="small muted">
        Keyboard: ↑ ↓ move, ← → collapse/expand, Enter toggles details. <a href="/" onClick={(e) => (e.preventDefault(), history.length > 1 ? history.back() : navigate('/'))}>Back</a>
      </p>
    </div>
  );
}

/** The selected span's details, fetched on selection; keyed by span id, so a new selection starts loading afresh. */
function SelectedSpan({ model, index, onClose, onShowLogs }: { model: TraceModel; index: number; onClose: () => void; onShowLogs: () => void }) {
  const spanId = model.ids[index];
  const service = model.services[model.serviceIndex[index]];
  const span = useApi((signal) => getJson<ApiSpan>(`/api/v1/traces/${model.traceId}/spans/${spanId}`, undefined, signal), [model.traceId, spanId]);
  if (span.data) return <SpanDetails span={span.data} service={service} onClose={onClose} onShowLogs={onShowLogs} />;
  return (
    <aside class="span-details" data-testid="span-details-loading" aria-label="Span details" aria-busy={!span.error}>
      <header>
        <div>
          <span class="swatch" style={{ background: serviceColor(service) }} />
          <strong>{service}</strong> <span class="mono">{label(model, index)}</span>
        </div>
        <button type="button" class="icon-button" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </header>
      <div class="detail-summary">
        <div>
          <span class="muted">Duration</span> {formatDuration(model.end[index] - model.start[index])}
        </div>
        <div>
          <Copyable label="span id" text={spanId} />
        </div>
      </div>
      {span.error ? <ErrorBox error={span.error} /> : <Loading what="span details" />}
    </aside>
  );
}
