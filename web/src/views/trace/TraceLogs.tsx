import { getJson, type LogRecord } from '../../api';
import { serviceColor } from '../../colors';
import { ErrorBox, Loading, useApi } from '../../components/common';
import { attrText, formatTime } from '../../format';
import { label, type TraceModel } from './model';

/** The trace's logs, grouped by the span they belong to (in waterfall order), then logs without a span. */
export function TraceLogs({ model, onSelectSpan }: { model: TraceModel; onSelectSpan: (i: number) => void }) {
  const logs = useApi((signal) => getJson<{ logs: LogRecord[] }>(`/api/v1/traces/${model.traceId}/logs`, undefined, signal), [model.traceId]);
  if (logs.error) return <ErrorBox error={logs.error} />;
  if (!logs.data) return <Loading what="logs" />;
  if (logs.data.logs.length === 0) return <div class="empty-state">No logs for this trace. Logs carrying its trace id (OTLP logs on port 4317/4318) show up here.</div>;
  const groups = new Map<number, LogRecord[]>();
  for (const log of logs.data.logs) {
    const i = log.spanId ? model.byId.get(log.spanId) ?? -1 : -1;
    let g = groups.get(i);
    if (!g) groups.set(i, (g = []));
    g.push(log);
  }
  const position = new Map<number, number>();
  model.order.forEach((i, p) => position.set(i, p));
  const keys = [...groups.keys()].sort((a, b) => (a < 0 ? 1 : b < 0 ? -1 : position.get(a)! - position.get(b)!));
  return (
    <div class="trace-logs" data-testid="trace-logs">
      {keys.map((i) => (
        <section class="log-group" data-span-id={i >= 0 ? model.ids[i] : ''}>
          <h4>
            {i >= 0 ? (
              <button type="button" class="link-button" onClick={() => onSelectSpan(i)}>
                <span class="swatch" style={{ background: serviceColor(model.services[model.serviceIndex[i]]) }} />
                {model.services[model.serviceIndex[i]]} · {label(model, i)}
              </button>
            ) : (
              'Not linked to a span of this trace'
            )}
            <span class="muted small"> {groups.get(i)!.length}</span>
          </h4>
          <LogList logs={groups.get(i)!} />
        </section>
      ))}
    </div>
  );
}

export function LogList({ logs, renderLink }: { logs: LogRecord[]; renderLink?: (log: LogRecord) => preact.ComponentChildren }) {
  return (
    <table class="log-table">
      <tbody>
        {logs.map((log) => (
          <tr class={`log-row severity-${severityClass(log.severity)}`}>
            <td class="nowrap mono small">{formatTime(log.timestamp / 1e6)}</td>
            <td class="nowrap">
              <span class={`badge sev-${severityClass(log.severity)}`}>{log.severity || 'unset'}</span>
            </td>
            <td class="nowrap small">{log.service}</td>
            <td class="mono log-body">
              {attrText(log.body)}
              {Object.keys(log.attributes ?? {}).length > 0 && (
                <div class="muted small log-attrs">
                  {Object.entries(log.attributes)
                    .map(([k, v]) => `${k}=${attrText(v)}`)
                    .join('  ')}
                </div>
              )}
            </td>
            {renderLink && <td class="nowrap">{renderLink(log)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function severityClass(severity: string): string {
  const s = (severity || '').toLowerCase();
  if (s.startsWith('fatal') || s.startsWith('crit') || s.startsWith('emerg') || s.startsWith('alert')) return 'fatal';
  if (s.startsWith('err')) return 'error';
  if (s.startsWith('warn')) return 'warn';
  if (s.startsWith('debug') || s.startsWith('trace')) return 'debug';
  return 'info';
}
