import { DIFFICULTIES, Difficulty, LANGUAGES, Language, QuestionRef } from '../api/types';
import {
  Decoded, Decoders, JsonObject, Person, bool, decodeFrame, knownOr, num, obj, oneOf, optNum, person, str, strOrNull, strings,
} from '../realtime/decode';

/** The frames the matching service sends (docs/matching.md, "What the server sends"). */
export type MatchServerFrame =
  | {
    type: 'queued'; requestId: string; topic: string; difficulty: Difficulty; language: Language | null;
    relaxed: boolean; waiting: number; position: number | undefined;
    enqueuedAt: string; relaxAt: string; timeoutAt: string;
  }
  | { type: 'relaxed'; requestId: string }
  | { type: 'matching'; requestId: string }
  | {
    type: 'matched'; requestId: string; matchId: string; sessionId: string; partner: Person; question: QuestionRef;
    language: Language; topic: string; relaxed: boolean;
  }
  | { type: 'requeued'; requestId: string; detail: string }
  | { type: 'timeout'; requestId: string; detail: string }
  | { type: 'cancelled'; requestId: string }
  | { type: 'superseded'; requestId: string; detail: string }
  | { type: 'lost'; requestId: string; detail: string }
  | { type: 'pong' }
  /** A refused frame (no `requestId`), or the end of a request in an error (with it). */
  | { type: 'error'; requestId: string | null; code: MatchErrorCode; detail: string };

/** The frames the app sends on the matching socket. */
export type MatchClientFrame =
  | { type: 'request'; topic: string; difficulty: Difficulty; language?: Language; rematchOf?: string }
  | { type: 'cancel' }
  | { type: 'ping' };

export const MATCH_ERROR_CODES = [
  'malformed', 'bad-request', 'unknown-type', 'no-request', 'match-in-progress', 'no-questions', 'rate-limited',
  'unavailable', 'other',
] as const;
export type MatchErrorCode = (typeof MATCH_ERROR_CODES)[number];

const LANGUAGE_IDS = LANGUAGES.map((l) => l.id);

export function questionRef(o: JsonObject): QuestionRef {
  return {
    id: str(o, 'id'),
    title: str(o, 'title'),
    difficulty: oneOf(o, 'difficulty', DIFFICULTIES),
    topics: strings(o, 'topics'),
  };
}

function language(o: JsonObject): Language | null {
  return o.language === null || o.language === undefined ? null : oneOf(o, 'language', LANGUAGE_IDS);
}

const decoders: Decoders<MatchServerFrame> = {
  queued: (o) => ({
    type: 'queued', requestId: str(o, 'requestId'), topic: str(o, 'topic'), difficulty: oneOf(o, 'difficulty', DIFFICULTIES),
    language: language(o), relaxed: bool(o, 'relaxed'), waiting: num(o, 'waiting'), position: optNum(o, 'position'),
    enqueuedAt: str(o, 'enqueuedAt'), relaxAt: str(o, 'relaxAt'), timeoutAt: str(o, 'timeoutAt'),
  }),
  relaxed: (o) => ({ type: 'relaxed', requestId: str(o, 'requestId') }),
  matching: (o) => ({ type: 'matching', requestId: str(o, 'requestId') }),
  matched: (o) => ({
    type: 'matched', requestId: str(o, 'requestId'), matchId: str(o, 'matchId'), sessionId: str(o, 'sessionId'),
    partner: person(o.partner, 'partner'), question: questionRef(obj(o, 'question')),
    language: oneOf(o, 'language', LANGUAGE_IDS), topic: str(o, 'topic'), relaxed: bool(o, 'relaxed'),
  }),
  requeued: (o) => ({ type: 'requeued', requestId: str(o, 'requestId'), detail: str(o, 'detail') }),
  timeout: (o) => ({ type: 'timeout', requestId: str(o, 'requestId'), detail: str(o, 'detail') }),
  cancelled: (o) => ({ type: 'cancelled', requestId: str(o, 'requestId') }),
  superseded: (o) => ({ type: 'superseded', requestId: str(o, 'requestId'), detail: str(o, 'detail') }),
  lost: (o) => ({ type: 'lost', requestId: str(o, 'requestId'), detail: str(o, 'detail') }),
  pong: () => ({ type: 'pong' }),
  error: (o) => ({
    type: 'error', requestId: strOrNull(o, 'requestId'), code: knownOr(o, 'code', MATCH_ERROR_CODES, 'other'),
    detail: str(o, 'detail'),
  }),
};

export function decodeMatchFrame(raw: unknown): Decoded<MatchServerFrame> {
  return decodeFrame(raw, decoders);
}
