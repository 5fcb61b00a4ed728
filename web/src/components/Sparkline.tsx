/** A small SVG line of values (nulls skipped), scaled to its own max. */
export function Sparkline({ values, width = 120, height = 28, color = 'var(--accent)', label }: { values: number[]; width?: number; height?: number; color?: string; label?: string }) {
  if (values.length === 0) return <svg class="sparkline" width={width} height={height} aria-label={label} />;
  const max = Math.max(...values, 1e-9);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const pts = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return (
    <svg class="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-label={label} role="img">
      <polyline points={pts} fill="none" stroke={color} stroke-width="1.5" />
    </svg>
  );
}

/** A multi-series line chart with a time axis (SVG). */
export function LineChart({ series, times, height = 160, unit }: { series: { name: string; color: string; values: number[] }[]; times: number[]; height?: number; unit: (v: number) => string }) {
  const width = 640;
  const left = 64;
  const bottom = 20;
  const max = Math.max(1e-9, ...series.flatMap((s) => s.values));
  const n = times.length;
  const x = (i: number) => left + (n > 1 ? (i / (n - 1)) * (width - left - 8) : 0);
  const y = (v: number) => 6 + (1 - v / max) * (height - bottom - 10);
  const fmtTime = (t: number) => new Date(t).toTimeString().slice(0, 5);
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img">
      {[0, 0.5, 1].map((f) => (
        <g>
          <line x1={left} x2={width - 8} y1={y(max * f)} y2={y(max * f)} class="grid" />
          <text x={left - 6} y={y(max * f) + 4} text-anchor="end" class="axis">
            {unit(max * f)}
          </text>
        </g>
      ))}
      {n > 0 && (
        <>
          <text x={left} y={height - 4} class="axis">
            {fmtTime(times[0])}
          </text>
          <text x={width - 8} y={height - 4} text-anchor="end" class="axis">
            {fmtTime(times[n - 1])}
          </text>
        </>
      )}
      {series.map((s) => (
        <polyline points={s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')} fill="none" stroke={s.color} stroke-width="1.5">
          <title>{s.name}</title>
        </polyline>
      ))}
      <g>
        {series.map((s, i) => (
          <text x={left + 8 + i * 70} y={16} fill={s.color} class="legend">
            {s.name}
          </text>
        ))}
      </g>
    </svg>
  );
}
