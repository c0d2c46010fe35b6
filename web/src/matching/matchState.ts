import type { Difficulty, Language, QuestionRef } from '../api/types';
import { exhaustive, Person } from '../realtime/decode';
import type { MatchServerFrame } from './frames';

export type MatchPhase = 'idle' | 'connecting' | 'queued' | 'matching' | 'matched' | 'timeout' | 'cancelled' | 'superseded' | 'lost' | 'error';

export interface MatchResult {
  sessionId: string;
  partner: Person;
  question: QuestionRef;
  language: Language | null;
  relaxed: boolean;
}

export interface MatchState {
  phase: MatchPhase;
  /** 'new': a request was just sent and its id is not known yet; frames of older requests are stale. */
  expecting: 'new' | 'follow';
  requestId: string | null;
  topic: string | null;
  difficulty: Difficulty | 'any' | null;
  relaxed: boolean;
  waiting: number | null;
  enqueuedAt: number | null;
  timeoutAt: number | null;
  match: MatchResult | null;
  detail: string | null;
}

export const initialMatch: MatchState = {
  phase: 'idle', expecting: 'follow', requestId: null, topic: null, difficulty: null, relaxed: false, waiting: null,
  enqueuedAt: null, timeoutAt: null, match: null, detail: null,
};

export type MatchAction =
  | { type: 'request'; topic: string; difficulty: Difficulty }
  | { type: 'follow' }
  | { type: 'frame'; frame: MatchServerFrame }
  | { type: 'lost'; detail: string }
  | { type: 'reset' };

export function isWaiting(phase: MatchPhase): boolean {
  return phase === 'connecting' || phase === 'queued' || phase === 'matching';
}

/** The dashboard's matching panel from the matching service's frames (docs/matching.md). */
export function matchReducer(state: MatchState, action: MatchAction): MatchState {
  switch (action.type) {
    case 'request':
      return { ...initialMatch, phase: 'connecting', expecting: 'new', topic: action.topic, difficulty: action.difficulty };
    case 'follow':
      return { ...initialMatch, phase: 'connecting', expecting: 'follow' };
    case 'lost':
      return isWaiting(state.phase) ? { ...state, phase: 'error', detail: action.detail } : state;
    case 'reset':
      return initialMatch;
    case 'frame':
      return onFrame(state, action.frame);
    default:
      return state;
  }
}

function onFrame(state: MatchState, frame: MatchServerFrame): MatchState {
  if (frame.type === 'pong') {
    return state;
  }
  if (frame.type === 'error' && frame.requestId === null) {
    // about the frame we sent, not about a request: the request (if any) goes on
    const stopping = state.phase === 'connecting' || frame.code === 'no-questions';
    return { ...state, phase: stopping ? 'error' : state.phase, detail: frame.detail };
  }
  const requestId = frame.requestId;
  const starts = frame.type === 'queued' || frame.type === 'matching';
  if (state.expecting === 'new') {
    if (!starts) {
      return state; // the final frame of an older request, replayed on connect
    }
  } else if (state.requestId && requestId !== state.requestId && !starts) {
    return state;
  }
  const base: MatchState = { ...state, expecting: 'follow', requestId };
  switch (frame.type) {
    case 'queued':
      return {
        ...base,
        phase: 'queued',
        topic: frame.topic,
        difficulty: frame.relaxed ? 'any' : frame.difficulty,
        relaxed: frame.relaxed,
        waiting: frame.waiting,
        enqueuedAt: Date.parse(frame.enqueuedAt) || null,
        timeoutAt: Date.parse(frame.timeoutAt) || null,
        detail: null,
      };
    case 'relaxed': return { ...base, relaxed: true, difficulty: 'any' };
    case 'matching': return { ...base, phase: 'matching' };
    case 'requeued': return { ...base, phase: 'queued', detail: frame.detail };
    case 'matched':
      return {
        ...base,
        phase: 'matched',
        match: {
          sessionId: frame.sessionId,
          partner: frame.partner,
          question: frame.question,
          language: frame.language,
          relaxed: frame.relaxed,
        },
      };
    case 'timeout':
    case 'superseded':
    case 'lost':
      return { ...base, phase: frame.type, detail: frame.detail };
    case 'cancelled': return { ...base, phase: 'cancelled', detail: null };
    case 'error': return { ...base, phase: 'error', detail: frame.detail };
    default:
      exhaustive(frame);
      return state;
  }
}

/** Whole seconds left before the request times out, never negative. */
export function secondsLeft(state: MatchState, now: number): number | null {
  if (state.timeoutAt === null || !isWaiting(state.phase)) {
    return null;
  }
  const left = Math.max(0, Math.ceil((state.timeoutAt - now) / 1000));
  // the two clocks may differ a little; never show more than the whole wait
  return state.enqueuedAt === null ? left : Math.min(left, Math.round((state.timeoutAt - state.enqueuedAt) / 1000));
}
