import type { ComponentChildren } from 'preact';
import type { ApiSpan, Attributes } from '../../api';
import { serviceColor } from '../../colors';
import { Copyable } from '../../components/common';
import { attrText, formatDuration, formatTime } from '../../format';
import { href } from '../../router';

function AttrTable({ attrs, testid }: { attrs: Attributes | Record<string, string | number>; testid?: string }) {
  const entries = Object.entries(attrs).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <div class="muted small">none</div>;
  return (
    <table class="attr-table" data-testid={testid}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr data-key={k}>
            <th>{k}</th>
            <td class="mono">{attrText(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Section({ title, children, open = true }: { title: string; children: ComponentChildren; open?: boolean }) {
  return (
    <details class="detail-section" open={open}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

/** Everything about one span: Datadog fields, OTel attributes, resource, events (exception stacks), links. */
export function SpanDetails({ span, service, onClose, onShowLogs }: { span: ApiSpan; service: string; onClose: () => void; onShowLogs: () => void }) {
  const dd = span.datadog;
  const error = span.status.code === 'error' || dd?.error === 1;
  return (
    <aside class="span-details" data-testid="span-details" aria-label="Span details">
      <header>
        <div>
          <span class="swatch" style={{ background: serviceColor(service) }} />
          <strong>{service}</strong> <span class="mono">{span.name}</span>
        </div>
        <button type="button" class="icon-button" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </header>
      <div class="detail-summary">
        <div>
          <span class="muted">Duration</span> {formatDuration(span.duration)}
        </div>
        <div>
          <span class="muted">Start</span> {formatTime(span.start / 1e6)}
        </div>
        <div>
          <span class="muted">Kind</span> {span.kind}
        </div>
        <div>
          <span class="muted">Status</span> {error ? <span class="badge error">error</span> : <span class="badge ok">{span.status.code}</span>}
          {span.status.message && <span class="mono small"> {span.status.message}</span>}
        </div>
        <div>
          <Copyable label="span id" text={span.spanId} />
        </div>
        {span.logCount !== undefined && span.logCount > 0 && (
          <div>
            <button type="button" class="link-button" onClick={onShowLogs}>
              {span.logCount} log{span.logCount === 1 ? '' : 's'}
            </button>
          </div>
        )}
      </div>
      {dd && (
        <Section title="Datadog">
          <table class="attr-table" data-testid="datadog-fields">
            <tbody>
              <tr>
                <th>service</th>
                <td class="mono">{dd.service}</td>
              </tr>
              <tr>
                <th>operation</th>
                <td class="mono">{dd.name}</td>
              </tr>
              <tr>
                <th>resource</th>
                <td class="mono">{dd.resource}</td>
              </tr>
              <tr>
                <th>type</th>
                <td class="mono">{dd.type}</td>
              </tr>
              <tr>
                <th>trace_id</th>
                <td class="mono">{dd.traceId}</td>
              </tr>
              <tr>
                <th>span_id</th>
                <td class="mono">{dd.spanId}</td>
              </tr>
              <tr>
                <th>parent_id</th>
                <td class="mono">{dd.parentId}</td>
              </tr>
              <tr>
                <th>error</th>
                <td class="mono">{dd.error}</td>
              </tr>
              <tr>
                <th>top level · measured</th>
                <td class="mono">
                  {String(dd.topLevel)} · {String(dd.measured)}
                </td>
              </tr>
            </tbody>
          </table>
          <h5>meta</h5>
          <AttrTable attrs={dd.meta} />
          <h5>metrics</h5>
          <AttrTable attrs={dd.metrics} />
        </Section>
      )}
      <Section title="Attributes">
        <AttrTable attrs={span.attributes} testid="span-attributes" />
      </Section>
      <Section title="Resource">
        <AttrTable attrs={span.resource} testid="span-resource" />
        {span.scope?.name && (
          <div class="small muted">
            scope {span.scope.name} {span.scope.version}
          </div>
        )}
      </Section>
      {span.events.length > 0 && (
        <Section title={`Events (${span.events.length})`}>
          {span.events.map((ev) => {
            const stack = ev.attributes['exception.stacktrace'];
            return (
              <div class={ev.name === 'exception' ? 'event exception' : 'event'}>
                <div>
                  <strong>{ev.name}</strong> <span class="muted small">{formatTime(ev.time / 1e6)}</span>
                </div>
                {ev.name === 'exception' && (
                  <div class="mono">
                    {attrText(ev.attributes['exception.type'])}: {attrText(ev.attributes['exception.message'])}
                  </div>
                )}
                {typeof stack === 'string' && <pre class="stack">{stack}</pre>}
                <AttrTable attrs={Object.fromEntries(Object.entries(ev.attributes).filter(([k]) => k !== 'exception.stacktrace'))} />
              </div>
            );
          })}
        </Section>
      )}
      {span.links.length > 0 && (
        <Section title={`Links (${span.links.length})`}>
          <ul class="links">
            {span.links.map((l) => (
              <li>
                <a href={href('/trace/' + l.traceId, { span: l.spanId })}>
                  {l.traceId} / {l.spanId}
                </a>
                {Object.keys(l.attributes).length > 0 && <AttrTable attrs={l.attributes} />}
              </li>
            ))}
          </ul>
        </Section>
      )}
    </aside>
  );
}
