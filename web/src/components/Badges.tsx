import type { Difficulty } from '../api/types';
import { topicName } from '../lib/format';

export function DifficultyBadge({ difficulty }: { difficulty: Difficulty | string }) {
  return <span className={`badge badge-${String(difficulty).toLowerCase()}`}>{difficulty}</span>;
}

export function TopicTags({ topics, names }: { topics: string[]; names?: Map<string, string> }) {
  return (
    <span className="tags">
      {topics.map((t) => <span key={t} className="tag">{topicName(t, names)}</span>)}
    </span>
  );
}
