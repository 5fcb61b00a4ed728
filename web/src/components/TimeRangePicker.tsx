import { useState } from 'preact/hooks';
import { presets, type TimeRange } from '../format';
import { setParams } from '../router';

function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Presets (kept relative: `range=1h`) or a custom absolute range (`from`/`to` in unix ms). */
export function TimeRangePicker({ range }: { range: TimeRange }) {
  const [custom, setCustom] = useState(range.key === 'custom');
  const [from, setFrom] = useState(toLocalInput(range.from));
  const [to, setTo] = useState(toLocalInput(range.to));
  return (
    <div class="time-range">
      <select
        name="range"
        aria-label="Time range"
        value={custom ? 'custom' : range.key}
        onChange={(e) => {
          const v = (e.target as HTMLSelectElement).value;
          if (v === 'custom') {
            setCustom(true);
          } else {
            setCustom(false);
            setParams({ range: v, from: null, to: null });
          }
        }}
      >
        {presets.map((p) => (
          <option value={p.key}>{p.label}</option>
        ))}
        <option value="custom">Custom…</option>
      </select>
      {custom && (
        <form
          class="custom-range"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new Date(from).getTime();
            const t = new Date(to).getTime();
            if (Number.isFinite(f) && Number.isFinite(t) && f < t) setParams({ range: null, from: String(f), to: String(t) });
          }}
        >
          <input type="datetime-local" name="from" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
          <span>→</span>
          <input type="datetime-local" name="to" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
          <button type="submit">Apply</button>
        </form>
      )}
    </div>
  );
}
