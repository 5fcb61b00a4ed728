import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, type LogRecord } from '../api';
import { ErrorBox, Loading } from '../components/common';
import { TimeRangePicker } from '../components/TimeRangePicker';
import { rangeFromParams } from '../format';
import { href, setParams, useLocation } from '../router';
import { LogList } from './trace/TraceLogs';

const TAIL_INTERVAL_MS = 2000;
const MAX_TAILED = 2000;

/** `/logs`: search (URL `query`, time range), live tail (`tail=1`, polling), jump to a log's trace and span. */
export function LogsView() {
  const { params } = useLocation();
  const query = params.get('query') ?? '';
  const tail = params.get('tail') === '1';
  const range = rangeFromParams(params);
  const rangeKey = `${params.get('range')}|${params.get('from')}|${params.get('to')}`;
  const [draft, setDraft] = useState(query);
  const [logs, setLogs] = useState<LogRecord[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const newest = useRef(0);

  useEffect(() => setDraft(query), [query]);

  useEffect(() => {
    const controller = new AbortController();
    setLogs(null);
    setError(null);
    getJson<{ logs: LogRecord[] }>('/api/v1/logs', { query, from: range.from, to: range.to, limit: 500 }, controller.signal).then(
      (r) => {
        setLogs(r.logs);
        newest.current = r.logs.reduce((m, l) => Math.max(m, l.timestamp), 0);
      },
      (e) => !controller.signal.aborted && setError(e),
    );
    return () => controller.abort();
  }, [query, rangeKey]);

  // Live tail: poll for logs newer than the newest shown, prepend them.
  useEffect(() => {
    if (!tail) return;
    let stopped = false;
    const poll = async () => {
      try {
        const from = newest.current ? Math.floor(newest.current / 1e6) : Date.now() - 60_000;
        const r = await getJson<{ logs: LogRecord[] }>('/api/v1/logs', { query, from, to: Date.now() + 1000, limit: 500 });
        const fresh = r.logs.filter((l) => l.timestamp > newest.current);
        if (!stopped && fresh.length) {
          newest.current = fresh.reduce((m, l) => Math.max(m, l.timestamp), newest.current);
          setLogs((old) => [...fresh.sort((a, b) => b.timestamp - a.timestamp), ...(old ?? [])].slice(0, MAX_TAILED));
        }
        if (!stopped) setError(null);
      } catch (e) {
        if (!stopped) setError(e);
      }
    };
    const timer = setInterval(poll, TAIL_INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [tail, query]);

  return (
    <div class="page">
      <form
        class="search-bar"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ query: draft.trim() || null });
        }}
      >
        <input type="search" name="query" value={draft} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} placeholder="service:web status:error payment failed" aria-label="Log query" />
        <button type="submit">Search</button>
        <TimeRangePicker range={range} />
        <label class="small tail-toggle">
          <input type="checkbox" name="tail" checked={tail} onChange={() => setParams({ tail: tail ? null : '1' }, true)} /> Live tail
        </label>
      </form>
      {error ? <ErrorBox error={error} /> : null}
      {!logs && !error && <Loading what="logs" />}
      {logs && logs.length === 0 && (
        <div class="empty-state">
          <h3>No logs {query ? <>match <code>{query}</code></> : 'in this time range'}</h3>
          <p>Send OpenTelemetry logs to the OTLP ports:</p>
          <pre>OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318{'\n'}OTEL_LOGS_EXPORTER=otlp</pre>
        </div>
      )}
      {logs && logs.length > 0 && (
        <div data-testid="log-results">
          <LogList
            logs={logs}
            renderLink={(log) =>
              log.traceId ? (
                <a href={href('/trace/' + log.traceId, { span: log.spanId ?? undefined, tab: 'logs' })} title="Open the trace at this log's span">
                  trace →
                </a>
              ) : null
            }
          />
        </div>
      )}
    </div>
  );
}
