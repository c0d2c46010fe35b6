import { useMemo } from 'react';
import { api } from '../api';
import type { Topic } from '../api/types';
import { useAsync } from './useAsync';

let cached: Promise<Topic[]> | null = null;

/** Topic names change rarely: pages that only need names share one request per visit. */
function topicsOnce(): Promise<Topic[]> {
  if (!cached) {
    cached = api.questions.topics().catch((e: unknown) => {
      cached = null;
      throw e;
    });
  }
  return cached;
}

export function useTopicNames(): Map<string, string> {
  const topics = useAsync(topicsOnce, []);
  return useMemo(() => new Map((topics.data ?? []).map((t) => [t.slug, t.name])), [topics.data]);
}
