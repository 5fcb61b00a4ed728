import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { serviceColor } from '../../colors';
import { formatDuration } from '../../format';
import { label, type TraceModel } from './model';

export const ROW_HEIGHT = 24;
const OVERSCAN = 10;

interface Props {
  model: TraceModel;
  rows: Int32Array;
  selected: number;
  collapsed: Set<number>;
  matches: Set<number>;
  showCritical: boolean;
  onSelect: (i: number) => void;
  onToggle: (i: number) => void;
  onOpen: (i: number) => void;
}

/**
 * The waterfall, virtualized: only the rows in view (plus a few) are in the DOM, absolutely placed
 * in a spacer as tall as all rows, so 50,000 spans cost what 60 do. Keyboard: ↑/↓ move, ← collapses
 * or goes to the parent, → expands or goes to the first child, Enter opens the details.
 */
export function Waterfall({ model, rows, selected, collapsed, matches, showCritical, onSelect, onToggle, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = scroller.current!;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in view (keyboard moves, deep links, "next match").
  const selectedRow = selected >= 0 ? rows.indexOf(selected) : -1;
  useEffect(() => {
    const el = scroller.current;
    if (!el || selectedRow < 0) return;
    const top = selectedRow * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selectedRow]);

  const onScroll = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setScrollTop(scroller.current!.scrollTop);
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const cur = selectedRow;
    const i = selected;
    switch (e.key) {
      case 'ArrowDown':
        if (cur < rows.length - 1) onSelect(rows[Math.max(0, cur + 1)]);
        break;
      case 'ArrowUp':
        if (cur > 0) onSelect(rows[cur - 1]);
        else if (cur < 0 && rows.length) onSelect(rows[0]);
        break;
      case 'ArrowLeft':
        if (i < 0) break;
        if (model.children[i].length && !collapsed.has(i)) onToggle(i);
        else if (model.parent[i] >= 0) onSelect(model.parent[i]);
        break;
      case 'ArrowRight':
        if (i < 0) break;
        if (collapsed.has(i)) onToggle(i);
        else if (model.children[i].length) onSelect(model.children[i][0]);
        break;
      case 'Enter':
        if (i >= 0) onOpen(i);
        break;
      case 'Home':
        if (rows.length) onSelect(rows[0]);
        break;
      case 'End':
        if (rows.length) onSelect(rows[rows.length - 1]);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const total = model.duration || 1;
  const items = [];
  for (let r = first; r < last; r++) {
    const i = rows[r];
    const service = model.services[model.serviceIndex[i]];
    const color = serviceColor(service);
    const left = (model.start[i] / total) * 100;
    const width = Math.max(0.15, ((model.end[i] - model.start[i]) / total) * 100);
    const hasChildren = model.children[i].length > 0;
    const isCollapsed = collapsed.has(i);
    const depth = model.depth[i];
    const cls = ['wf-row'];
    if (i === selected) cls.push('selected');
    if (model.error[i]) cls.push('error');
    if (matches.has(i)) cls.push('match');
    if (showCritical && model.critical[i]) cls.push('critical');
    items.push(
      <div
        // Keyed by slot, not span: scrolling re-uses the same DOM nodes (patching text and styles)
        // instead of creating and dropping a dozen rows every frame.
        key={r % (last - first + 1 + 2 * OVERSCAN)}
        class={cls.join(' ')}
        style={{ transform: `translateY(${r * ROW_HEIGHT}px)` }}
        role="treeitem"
        aria-level={depth + 1}
        aria-selected={i === selected}
        aria-expanded={hasChildren ? !isCollapsed : undefined}
        data-span-id={model.ids[i]}
        onClick={() => onSelect(i)}
        onDblClick={() => hasChildren && onToggle(i)}
      >
        <div class="wf-label" style={{ paddingLeft: `${Math.min(depth, 30) * 12 + 4}px` }}>
          {hasChildren ? (
            <button
              type="button"
              class="wf-toggle"
              tabIndex={-1}
              aria-label={isCollapsed ? 'Expand' : 'Collapse'}
              onClick={(e) => {
                e.stopPropagation();
                onToggle(i);
              }}
            >
              {isCollapsed ? '▸' : '▾'}
            </button>
          ) : (
            <span class="wf-toggle" />
          )}
          {depth > 30 && <span class="wf-depth">{depth}</span>}
          <span class="swatch" style={{ background: color }} />
          <span class="wf-service">{service}</span>
          <span class="wf-name" title={label(model, i)}>
            {label(model, i)}
          </span>
          {model.error[i] ? <span class="wf-error-mark" title="error">!</span> : null}
          {isCollapsed && <span class="wf-hidden">+{countDescendants(model, i)}</span>}
        </div>
        <div class="wf-timeline">
          <div class="wf-bar" style={{ left: `${left}%`, width: `${width}%`, background: color }} />
          <span
            class={left + width > 80 && left < 15 ? 'wf-duration inside' : 'wf-duration'}
            style={left + width <= 80 ? { left: `${left + width + 0.5}%` } : left >= 15 ? { right: `${100 - left + 0.5}%` } : { right: `${Math.max(0, 100 - left - width) + 0.5}%` }}
          >
            {formatDuration(model.end[i] - model.start[i])}
          </span>
        </div>
      </div>,
    );
  }

  return (
    <div class="waterfall">
      <div class="wf-axis">
        <div class="wf-label muted small">
          {rows.length} of {model.count} spans
        </div>
        <div class="wf-timeline">
          {[0, 0.25, 0.5, 0.75, 1].map((f) => (
            <span class="wf-tick" style={f === 1 ? { right: 0 } : { left: `${f * 100}%` }}>
              {formatDuration(total * f)}
            </span>
          ))}
        </div>
      </div>
      <div class="wf-scroller" ref={scroller} onScroll={onScroll} tabIndex={0} onKeyDown={onKeyDown} role="tree" aria-label="Waterfall" data-testid="waterfall">
        <div class="wf-spacer" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
          {items}
        </div>
      </div>
    </div>
  );
}

function countDescendants(model: TraceModel, i: number): number {
  let count = 0;
  const stack = [...model.children[i]];
  while (stack.length) {
    const c = stack.pop()!;
    count++;
    for (const g of model.children[c]) stack.push(g);
  }
  return count;
}
