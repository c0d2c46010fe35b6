import type { Difficulty, QueueStats } from '../../api/types';

/** The queue counts as the user should read them: the people waiting besides their own request. */
export function othersWaiting(stats: QueueStats, mine: { topic: string; difficulty: Difficulty } | null): QueueStats {
  if (!mine) {
    return stats;
  }
  let removed = 0;
  const queues = stats.queues.map((q) => {
    if (q.topic === mine.topic && q.difficulty === mine.difficulty && q.waiting > 0) {
      removed = 1;
      return { ...q, waiting: q.waiting - 1 };
    }
    return q;
  });
  return { total: Math.max(0, stats.total - removed), queues };
}
