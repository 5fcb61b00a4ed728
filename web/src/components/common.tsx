import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';

export function ErrorBox({ error }: { error: unknown }) {
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <div class="error-box" role="alert">
      <strong>Error.</strong> {message}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return <div class="loading">Loading {what}…</div>;
}

/** What a new user needs to send a first trace: the exact environment variables. */
export function FirstTraceHelp({ title }: { title: string }) {
  const api = window.location.hostname || '127.0.0.1';
  const host = api === 'localhost' ? '127.0.0.1' : api;
  return (
    <div class="empty-state" data-testid="empty-state">
      <h3>{title}</h3>
      <p>Point an instrumented application at Tracehound and send a first trace.</p>
      <p>OpenTelemetry SDK (OTLP over HTTP; gRPC on port 4317):</p>
      <pre>
        OTEL_EXPORTER_OTLP_ENDPOINT=http://{host}:4318{'\n'}OTEL_SERVICE_NAME=my-service
      </pre>
      <p>Datadog tracer (dd-trace):</p>
      <pre>DD_AGENT_HOST={host} DD_TRACE_AGENT_PORT=8126</pre>
      <p>Zipkin: http://{host}:9411/api/v2/spans · Jaeger: http://{host}:14268/api/traces</p>
    </div>
  );
}

export function Copyable({ text, label }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1200);
    return () => clearTimeout(t);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API unavailable (plain http on another host): select-and-copy fallback.
      const ta = document.createElement('textarea');
      ta.value = text;
      document.body.appendChild(ta);
      ta.select();
      document.execCommand('copy');
      ta.remove();
    }
    setCopied(true);
  };
  return (
    <span class="copyable">
      {label && <span class="muted">{label} </span>}
      <code>{text}</code>
      <button type="button" class="icon-button" title={`Copy ${label ?? ''}`} onClick={copy}>
        {copied ? 'copied' : 'copy'}
      </button>
    </span>
  );
}

export function Tabs({ tabs, active, onSelect }: { tabs: { key: string; label: ComponentChildren }[]; active: string; onSelect: (key: string) => void }) {
  return (
    <div class="tabs" role="tablist">
      {tabs.map((t) => (
        <button type="button" role="tab" aria-selected={t.key === active} class={t.key === active ? 'tab active' : 'tab'} onClick={() => onSelect(t.key)} data-tab={t.key}>
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** Loads with `load` whenever `deps` change; aborts the previous request. */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): { data?: T; error?: unknown; loading: boolean } {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; deps?: unknown[] }>({ loading: true });
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.data, loading: true, deps }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false, deps }),
      (error) => !controller.signal.aborted && setState({ error, loading: false, deps }),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  // Loading also in the first render after the inputs changed (before the effect ran), so nothing
  // shows the previous inputs' data as if it were current.
  const current = state.deps !== undefined && state.deps.length === deps.length && state.deps.every((d, i) => Object.is(d, deps[i]));
  return { data: state.data, error: state.error, loading: state.loading || !current };
}
