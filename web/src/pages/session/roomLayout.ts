/** The room's pane widths, as percentages of the room's width; each user's own, kept in this browser. */
export interface PaneWidths {
  question: number;
  chat: number;
}

export const DEFAULT_WIDTHS: PaneWidths = { question: 27, chat: 22 };
export const LIMITS = { question: { min: 15, max: 50 }, chat: { min: 15, max: 40 } } as const;

export function clampWidth(pane: keyof PaneWidths, value: number): number {
  const { min, max } = LIMITS[pane];
  return Math.round(Math.min(max, Math.max(min, value)) * 10) / 10;
}

export function layoutKey(userId: string): string {
  return `peerprep.roomLayout.${userId}`;
}

/** The stored widths, or the defaults when there are none or they are not usable. */
export function readWidths(stored: string | null): PaneWidths {
  try {
    const parsed = JSON.parse(stored ?? 'null') as Partial<PaneWidths> | null;
    if (parsed && typeof parsed.question === 'number' && typeof parsed.chat === 'number'
      && Number.isFinite(parsed.question) && Number.isFinite(parsed.chat)) {
      return { question: clampWidth('question', parsed.question), chat: clampWidth('chat', parsed.chat) };
    }
  } catch {
    // a damaged entry falls back to the defaults
  }
  return DEFAULT_WIDTHS;
}
