import { describe, expect, it } from 'vitest';
import { DEFAULT_WIDTHS, clampWidth, layoutKey, readWidths } from './roomLayout';

describe('the room\'s remembered pane widths', () => {
  it('reads back what was stored', () => {
    expect(readWidths(JSON.stringify({ question: 33.3, chat: 20 }))).toEqual({ question: 33.3, chat: 20 });
  });

  it('keeps every pane within its limits, so the editor always keeps room', () => {
    expect(readWidths(JSON.stringify({ question: 90, chat: 1 }))).toEqual({ question: 50, chat: 15 });
    expect(clampWidth('chat', 55)).toBe(40);
  });

  it('falls back to the defaults for nothing stored or a damaged entry', () => {
    expect(readWidths(null)).toEqual(DEFAULT_WIDTHS);
    expect(readWidths('{not json')).toEqual(DEFAULT_WIDTHS);
    expect(readWidths(JSON.stringify({ question: 'wide' }))).toEqual(DEFAULT_WIDTHS);
  });

  it('keeps each user\'s layout apart', () => {
    expect(layoutKey('a')).not.toBe(layoutKey('b'));
  });
});
