import { useEffect, useRef, useState } from 'preact/hooks';
import { serviceColor } from '../../colors';
import { formatDuration } from '../../format';
import { label, type TraceModel } from './model';

const ROW = 18;

/**
 * Flame graph on a canvas: x is time, y is depth. Only the rows in the viewport are drawn and
 * spans narrower than half a pixel are skipped, so a 50,000-span trace draws in a few ms.
 * Click selects a span; double-click zooms to it; Reset zoom returns to the whole trace.
 */
export function FlameGraph({ model, selected, onSelect }: { model: TraceModel; selected: number; onSelect: (i: number) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<[number, number]>([0, model.duration || 1]);
  const [hover, setHover] = useState<{ i: number; x: number; y: number } | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [size, setSize] = useState({ w: 800, h: 500 });

  // Spans by depth, each list sorted by start, for drawing and hit-testing.
  const levels = useRef<number[][]>([]);
  useEffect(() => {
    const lv: number[][] = Array.from({ length: model.maxDepth + 1 }, () => []);
    for (let p = 0; p < model.order.length; p++) lv[model.depth[model.order[p]]].push(model.order[p]);
    for (const l of lv) l.sort((a, b) => model.start[a] - model.start[b]);
    levels.current = lv;
    setView([0, model.duration || 1]);
  }, [model]);

  useEffect(() => {
    const el = scroller.current!;
    const ro = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const c = canvas.current!;
    const dpr = window.devicePixelRatio || 1;
    c.width = size.w * dpr;
    c.height = size.h * dpr;
    const ctx = c.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const styles = getComputedStyle(document.documentElement);
    ctx.fillStyle = styles.getPropertyValue('--bg').trim() || '#fff';
    ctx.fillRect(0, 0, size.w, size.h);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const [v0, v1] = view;
    const scale = size.w / (v1 - v0);
    const firstLevel = Math.floor(scrollTop / ROW);
    const lastLevel = Math.min(levels.current.length - 1, Math.ceil((scrollTop + size.h) / ROW));
    for (let d = firstLevel; d <= lastLevel; d++) {
      const y = d * ROW - scrollTop;
      for (const i of levels.current[d] ?? []) {
        if (model.end[i] < v0 || model.start[i] > v1) continue;
        const x = (model.start[i] - v0) * scale;
        const w = (model.end[i] - model.start[i]) * scale;
        if (w < 0.5) continue;
        ctx.fillStyle = serviceColor(model.services[model.serviceIndex[i]]);
        ctx.globalAlpha = selected >= 0 && i !== selected ? 0.8 : 1;
        ctx.fillRect(Math.max(0, x), y + 1, Math.min(w, size.w) - 1, ROW - 2);
        ctx.globalAlpha = 1;
        if (model.error[i]) {
          ctx.fillStyle = '#d63b3b';
          ctx.fillRect(Math.max(0, x), y + ROW - 4, Math.min(w, size.w) - 1, 3);
        }
        if (i === selected) {
          ctx.strokeStyle = styles.getPropertyValue('--fg').trim() || '#000';
          ctx.lineWidth = 2;
          ctx.strokeRect(Math.max(0, x) + 1, y + 2, Math.min(w, size.w) - 3, ROW - 4);
        }
        if (w > 40) {
          ctx.fillStyle = '#fff';
          ctx.save();
          ctx.beginPath();
          ctx.rect(Math.max(0, x), y, Math.min(w, size.w) - 2, ROW);
          ctx.clip();
          ctx.fillText(label(model, i), Math.max(0, x) + 4, y + ROW / 2);
          ctx.restore();
        }
      }
    }
  }, [model, view, size, scrollTop, selected]);

  const hit = (e: MouseEvent): number => {
    const rect = canvas.current!.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const d = Math.floor((e.clientY - rect.top + scrollTop) / ROW);
    const [v0, v1] = view;
    const t = v0 + (px / size.w) * (v1 - v0);
    const level = levels.current[d];
    if (!level) return -1;
    // Last span starting at or before t (binary search), then check it covers t.
    let lo = 0;
    let hi = level.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (model.start[level[mid]] <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let k = found; k >= 0 && k > found - 50; k--) if (model.end[level[k]] >= t) return level[k];
    return -1;
  };

  return (
    <div class="flame">
      <div class="flame-toolbar">
        <span class="muted small">Click a span to select it, double-click to zoom.</span>
        <button type="button" onClick={() => setView([0, model.duration || 1])}>
          Reset zoom
        </button>
      </div>
      <div
        class="flame-scroller"
        ref={scroller}
        onScroll={() => setScrollTop(scroller.current!.scrollTop)}
        data-testid="flamegraph"
      >
        <div style={{ height: `${(model.maxDepth + 1) * ROW}px`, position: 'relative' }}>
          <canvas
            ref={canvas}
            style={{ position: 'sticky', top: 0, width: `${size.w}px`, height: `${size.h}px`, display: 'block' }}
            onClick={(e) => {
              const i = hit(e);
              if (i >= 0) onSelect(i);
            }}
            onDblClick={(e) => {
              const i = hit(e);
              if (i >= 0) setView([model.start[i], Math.max(model.end[i], model.start[i] + 1)]);
            }}
            onMouseMove={(e) => {
              const i = hit(e);
              setHover(i >= 0 ? { i, x: e.offsetX, y: e.offsetY } : null);
            }}
            onMouseLeave={() => setHover(null)}
          />
        </div>
        {hover && (
          <div class="flame-tooltip" style={{ left: `${hover.x + 12}px`, top: `${hover.y + 12 + scrollTop}px` }}>
            <strong>{model.services[model.serviceIndex[hover.i]]}</strong> {label(model, hover.i)}
            <br />
            {formatDuration(model.end[hover.i] - model.start[hover.i])}
          </div>
        )}
      </div>
    </div>
  );
}
