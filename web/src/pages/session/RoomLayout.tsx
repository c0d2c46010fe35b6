import { KeyboardEvent, PointerEvent, ReactNode, RefObject, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { PaneWidths, LIMITS, clampWidth, layoutKey, readWidths } from './roomLayout';

/** Whether a media query matches now, following changes. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback((onChange: () => void) => {
    const list = window.matchMedia(query);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => false);
}

/** The user's pane widths, saved in this browser under their own key whenever they change. */
export function usePaneWidths(userId: string): [PaneWidths, (pane: keyof PaneWidths, value: number) => void] {
  const [widths, setWidths] = useState<PaneWidths>(() => readWidths(window.localStorage.getItem(layoutKey(userId))));
  useEffect(() => {
    window.localStorage.setItem(layoutKey(userId), JSON.stringify(widths));
  }, [userId, widths]);
  const set = useCallback((pane: keyof PaneWidths, value: number) => {
    setWidths((w) => ({ ...w, [pane]: clampWidth(pane, value) }));
  }, []);
  return [widths, set];
}

const LABELS: Record<keyof PaneWidths, string> = { question: 'Resize the question panel', chat: 'Resize the chat panel' };

/**
 * A handle between two panes: drag it, or focus it and use the arrow keys (Home and End for the limits).
 * `pane` is the panel it sizes; the question panel sits left of its handle, the chat panel right.
 */
export function Splitter({ pane, value, onChange, grid }: {
  pane: keyof PaneWidths; value: number; onChange: (v: number) => void; grid: RefObject<HTMLElement | null>;
}) {
  const fromPointer = (e: PointerEvent<HTMLDivElement>) => {
    const box = grid.current?.getBoundingClientRect();
    if (!box || box.width === 0) {
      return;
    }
    const percent = pane === 'question' ? ((e.clientX - box.left) / box.width) * 100 : ((box.right - e.clientX) / box.width) * 100;
    onChange(percent);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const grow = pane === 'question' ? 1 : -1;
    const step = e.shiftKey ? 5 : 2;
    const moves: Record<string, number | undefined> = {
      ArrowLeft: value - grow * step, ArrowRight: value + grow * step, Home: LIMITS[pane].min, End: LIMITS[pane].max,
    };
    const next = moves[e.key];
    if (next !== undefined) {
      e.preventDefault();
      onChange(next);
    }
  };
  return (
    <div className={`splitter splitter-${pane}`} role="separator" aria-orientation="vertical" aria-label={LABELS[pane]}
      aria-valuenow={Math.round(value)} aria-valuemin={LIMITS[pane].min} aria-valuemax={LIMITS[pane].max} tabIndex={0}
      onKeyDown={onKey}
      onPointerDown={(e) => { e.currentTarget.setPointerCapture(e.pointerId); e.preventDefault(); }}
      onPointerMove={(e) => { if (e.currentTarget.hasPointerCapture(e.pointerId)) { fromPointer(e); } }}
      onPointerUp={(e) => e.currentTarget.releasePointerCapture(e.pointerId)} />
  );
}

export type RoomTab = 'question' | 'code' | 'chat';

/** On a phone the room shows one panel at a time, chosen with these tabs. */
export function PhoneTabs({ tab, onTab, unread, children }: { tab: RoomTab; onTab: (t: RoomTab) => void; unread: number; children?: ReactNode }) {
  const tabs: { id: RoomTab; label: string }[] = [{ id: 'question', label: 'Question' }, { id: 'code', label: 'Code' }, { id: 'chat', label: 'Chat' }];
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null;
    if (next) {
      e.preventDefault();
      onTab(next.id);
      document.getElementById(`room-tab-${next.id}`)?.focus();
    }
  };
  return (
    <div className="room-tabs" role="tablist" aria-label="Room" onKeyDown={onKey}>
      {tabs.map((t) => (
        <button key={t.id} id={`room-tab-${t.id}`} type="button" role="tab" aria-selected={tab === t.id} aria-controls={`room-panel-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1} className={`room-tab${tab === t.id ? ' room-tab-on' : ''}`} onClick={() => onTab(t.id)}>
          {t.label}
          {t.id === 'chat' && unread > 0 && (
            <><span className="unread" aria-hidden="true">{unread}</span><span className="visually-hidden"> ({unread} new)</span></>
          )}
        </button>
      ))}
      {children}
    </div>
  );
}
