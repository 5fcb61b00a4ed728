import { serviceColor } from '../colors';

export interface MapEdge {
  from: string;
  to: string;
  /** What the far node is: another service, a database or a queue. */
  kind: 'service' | 'database' | 'queue';
  count: number;
}

/** Callers on the left, the service in the middle, what it calls (services, databases, queues) on the right. */
export function ServiceMap({ service, edges }: { service: string; edges: MapEdge[] }) {
  const callers = edges.filter((e) => e.to === service);
  const callees = edges.filter((e) => e.from === service);
  if (callers.length === 0 && callees.length === 0) return <div class="muted">No calls to or from other services, databases or queues in this time range.</div>;
  const rows = Math.max(callers.length, callees.length, 1);
  const height = Math.max(120, rows * 44 + 20);
  const width = 560;
  const cy = height / 2;
  const y = (i: number, n: number) => (height / (n + 1)) * (i + 1);
  const node = (x: number, yy: number, name: string, kind: MapEdge['kind'], main = false) => (
    <g class={`map-node map-${kind}`} data-node={name} data-kind={kind}>
      {kind === 'database' ? (
        <rect x={x - 70} y={yy - 14} width={140} height={28} rx={12} class="node-shape" style={{ stroke: 'var(--accent)' }} />
      ) : kind === 'queue' ? (
        <rect x={x - 70} y={yy - 14} width={140} height={28} rx={2} class="node-shape" style={{ strokeDasharray: '4 2', stroke: 'var(--warn)' }} />
      ) : (
        <rect x={x - 70} y={yy - 14} width={140} height={28} rx={6} class={main ? 'node-shape main' : 'node-shape'} style={{ stroke: serviceColor(name) }} />
      )}
      <text x={x} y={yy + 4} text-anchor="middle" class="node-label">
        {kind === 'database' ? '⛁ ' : kind === 'queue' ? '⇶ ' : ''}
        {name.length > 20 ? name.slice(0, 19) + '…' : name}
        <title>{name}</title>
      </text>
    </g>
  );
  const link = (x1: number, y1: number, x2: number, y2: number, count: number) => (
    <g>
      <path d={`M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`} class="map-edge" marker-end="url(#arrow)" />
      <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 4} text-anchor="middle" class="axis">
        {count}
      </text>
    </g>
  );
  return (
    <svg class="service-map" viewBox={`0 0 ${width} ${height}`} role="img" data-testid="service-map">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
        </marker>
      </defs>
      {callers.map((e, i) => link(150, y(i, callers.length), 210, cy, e.count))}
      {callees.map((e, i) => link(350, cy, 410, y(i, callees.length), e.count))}
      {callers.map((e, i) => (
        <a href={'/services/' + encodeURIComponent(e.from)}>{node(80, y(i, callers.length), e.from, 'service')}</a>
      ))}
      {node(280, cy, service, 'service', true)}
      {callees.map((e, i) => (e.kind === 'service' ? <a href={'/services/' + encodeURIComponent(e.to)}>{node(480, y(i, callees.length), e.to, e.kind)}</a> : node(480, y(i, callees.length), e.to, e.kind)))}
    </svg>
  );
}
