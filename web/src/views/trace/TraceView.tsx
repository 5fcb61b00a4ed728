import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJson, type ApiTrace } from '../../api';
import { serviceColor } from '../../colors';
import { Copyable, ErrorBox, Loading, Tabs, useApi } from '../../components/common';
import { datadogDecimal, formatDuration, formatTime } from '../../format';
import { navigate, setParams, useLocation } from '../../router';
import { FlameGraph } from './FlameGraph';
import { buildModel, searchSpans, visibleRows } from './model';
import { SpanDetails } from './SpanDetails';
import { TraceLogs } from './TraceLogs';
import { Waterfall } from './Waterfall';

/** `/trace/{id}`: URL state `span` (selected span id), `tab` (waterfall|flame|logs), `find` (search in the trace). */
export function TraceView({ id }: { id: string }) {
  const trace = useApi(
    (signal) =>
      getJson<ApiTrace>(`/api/v1/traces/${encodeURIComponent(id)}`, undefined, signal).then((t) => {
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

function LoadedTrace({ trace }: { trace: ApiTrace }) {
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
  const matchList = useMemo(() => searchSpans(model, find), [model, find]);
  const matches = useMemo(() => new Set(matchList), [matchList]);

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
    setParams({ span: model.spans[i].spanId }, true);
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
  const rootSpan = root !== undefined ? model.spans[root] : undefined;
  const rootService = root !== undefined ? model.services[model.serviceIndex[root]] : '';

  return (
    <div class="page trace-page">
      <div class="trace-header">
        <h2>
          {rootSpan && <span class="swatch big" style={{ background: serviceColor(rootService) }} />}
          {rootService} <span class="mono">{rootSpan ? rootSpan.datadog?.resource || rootSpan.name : ''}</span>
        </h2>
        <div class="trace-meta">
          <Copyable label="trace id" text={model.traceId} />
          <Copyable label="Datadog" text={datadogDecimal(model.traceId)} />
          <span>
            <span class="muted">start</span> {rootSpan ? formatTime(rootSpan.start / 1e6) : ''}
          </span>
          <span>
            <span class="muted">duration</span> {formatDuration(model.duration)}
          </span>
          <span data-testid="span-count">
            <span class="muted">spans</span> {model.spans.length}
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
            {find && (
              <span class="small muted" data-testid="find-count">
                {matchList.length} match{matchList.length === 1 ? '' : 'es'}
              </span>
            )}
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
                setParams({ span: model.spans[i].spanId, tab: null }, true);
              }}
            />
          )}
        </div>
        {selected >= 0 && detailsOpen && (
          <SpanDetails
            span={model.spans[selected]}
            service={model.services[model.serviceIndex[selected]]}
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
