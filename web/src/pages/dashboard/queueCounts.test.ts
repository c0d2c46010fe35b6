import { describe, expect, it } from 'vitest';
import { othersWaiting } from './queueCounts';

const stats = {
  total: 3,
  queues: [{ topic: 'arrays', difficulty: 'Easy' as const, waiting: 2 }, { topic: 'strings', difficulty: 'Hard' as const, waiting: 1 }],
};

describe('the people waiting besides me', () => {
  it('leaves my own request out of its queue and of the total', () => {
    expect(othersWaiting(stats, { topic: 'strings', difficulty: 'Hard' })).toEqual({
      total: 2, queues: [stats.queues[0], { topic: 'strings', difficulty: 'Hard', waiting: 0 }],
    });
  });

  it('changes nothing while I am not waiting', () => {
    expect(othersWaiting(stats, null)).toBe(stats);
  });

  it('changes nothing when the counts do not include my request yet', () => {
    expect(othersWaiting(stats, { topic: 'graphs', difficulty: 'Easy' }).total).toBe(3);
  });
});
