import { describe, expect, it } from 'vitest';
import { formatDuration, topicName } from './format';

describe('formatting', () => {
  it('says durations the way people do', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(3900)).toBe('1 h 05 min');
  });

  it('names a topic from its slug when the question service has not said', () => {
    expect(topicName('dynamic-programming')).toBe('Dynamic Programming');
    expect(topicName('arrays', new Map([['arrays', 'Arrays & Lists']]))).toBe('Arrays & Lists');
  });
});
