// Formatting of durations, times, ids; time ranges as URL parameters.

export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  const abs = Math.abs(ns);
  if (abs < 1_000) return `${Math.round(ns)} ns`;
  if (abs < 1_000_000) return `${trim(ns / 1_000)} µs`;
  if (abs < 1_000_000_000) return `${trim(ns / 1_000_000)} ms`;
  if (abs < 60_000_000_000) return `${trim(ns / 1_000_000_000)} s`;
  return `${trim(ns / 60_000_000_000)} min`;
}

function trim(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function formatTime(unixMs: number): string {
  const d = new Date(unixMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatCount(n: number): string {
  if (n >= 1e6) return (n / 1e6).toFixed(1) + 'M';
  if (n >= 1e4) return (n / 1e3).toFixed(1) + 'k';
  return String(n);
}

export function formatPercent(rate: number): string {
  return (rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1) + ' %';
}

/** Low 64 bits of a 32-hex trace id as Datadog's unsigned decimal (BigInt: it does not fit a double). */
export function datadogDecimal(hex: string): string {
  const low = hex.length > 16 ? hex.slice(-16) : hex;
  return BigInt('0x' + (low || '0')).toString(10);
}

export const presets: { key: string; label: string; ms: number }[] = [
  { key: '15m', label: 'Past 15 minutes', ms: 15 * 60_000 },
  { key: '1h', label: 'Past 1 hour', ms: 3_600_000 },
  { key: '4h', label: 'Past 4 hours', ms: 4 * 3_600_000 },
  { key: '1d', label: 'Past 1 day', ms: 86_400_000 },
  { key: '7d', label: 'Past 7 days', ms: 7 * 86_400_000 },
];

export interface TimeRange {
  from: number;
  to: number;
  /** The preset key, or 'custom'. */
  key: string;
}

/** Reads `range=1h` (a preset, relative to now) or `from=&to=` (unix ms) from the URL; default 1h. */
export function rangeFromParams(params: URLSearchParams, now = Date.now()): TimeRange {
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  if (params.get('from') && Number.isFinite(from) && from > 0) {
    return { from, to: params.get('to') && Number.isFinite(to) && to > 0 ? to : now, key: 'custom' };
  }
  const preset = presets.find((p) => p.key === params.get('range')) ?? presets[1];
  return { from: now - preset.ms, to: now, key: preset.key };
}

/** A step (ms) giving about `points` buckets over the range, rounded to a whole 10 s. */
export function stepFor(range: TimeRange, points = 60): number {
  return Math.max(10_000, Math.ceil((range.to - range.from) / points / 10_000) * 10_000);
}

export function attrText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
