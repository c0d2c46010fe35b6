import { ChangeSetJson, LANGUAGES, Language, QuestionRef } from '../api/types';
import { questionRef } from '../matching/frames';
import {
  Decoded, Decoders, JsonObject, Person, decodeFrame, isObject, knownOr, list, num, obj, objectAt, oneOf, person,
  str, strOrNull,
} from '../realtime/decode';
import { Run, decodeRun } from '../run/runs';

export type Presence = 'online' | 'reconnecting' | 'left' | 'offline';

export interface SessionParticipant extends Person {
  presence: Presence;
}

export interface Limits {
  maxDocChars: number;
  maxChangeChars: number;
  maxMsgsPerSec: number;
  maxFrameBytes: number;
}

/** A caret or selection, as the app's editors send it to each other (the server passes it on untouched). */
export interface RemoteSelection {
  anchor: number;
  head: number;
}

/** One accepted update of the session's log. */
export interface LoggedUpdate {
  v: number;
  t: number;
  user: string | null;
  clientID: string;
  changes: ChangeSetJson;
}

/** An update the app pushes: its editor's id and `ChangeSet.toJSON()`. */
export interface WireUpdate {
  clientID: string;
  changes: unknown[];
}

export interface Welcome {
  type: 'welcome';
  sessionId: string;
  status: 'active' | 'ended';
  language: Language;
  question: QuestionRef;
  you: Person;
  participants: SessionParticipant[];
  mode: 'current' | 'catch-up' | 'snapshot';
  version: number;
  limits: Limits | null;
}

export interface SessionEnd {
  reason: string;
  endedAt: string;
  by: Person | null;
}

/** The frames the collaboration service sends on a session's socket (docs/collab.md). */
export type CollabServerFrame =
  | Welcome
  | { type: 'snapshot'; version: number; doc: string }
  | { type: 'updates'; version: number; updates: LoggedUpdate[] }
  | { type: 'accepted'; version: number }
  | { type: 'conflict'; version: number }
  | { type: 'cursor'; user: Person; selection: RemoteSelection }
  | { type: 'language'; language: Language; by: Person | null }
  | { type: 'presence'; status: 'joined' | 'reconnecting' | 'left'; user: Person }
  | ({ type: 'ended' } & SessionEnd)
  | { type: 'error'; code: CollabErrorCode; message: string }
  | { type: 'pong' }
  | { type: 'run-started'; run: Run }
  | { type: 'run-finished'; run: Run }
  | { type: 'run-failed'; run: Run };

/** The frames the app sends on a session's socket. */
export type CollabClientFrame =
  | { type: 'hello'; version?: number }
  | { type: 'push'; version: number; updates: WireUpdate[] }
  | { type: 'pull'; version: number }
  | { type: 'cursor'; selection: RemoteSelection }
  | { type: 'language'; language: Language }
  | { type: 'end' }
  | { type: 'ping' };

export const COLLAB_ERROR_CODES = [
  'hello-first', 'bad-message', 'invalid-change', 'change-too-large', 'doc-too-large', 'session-full', 'rate-limited',
  'unavailable', 'unstorable-text', 'other',
] as const;
export type CollabErrorCode = (typeof COLLAB_ERROR_CODES)[number];

const LANGUAGE_IDS = LANGUAGES.map((l) => l.id);

function participant(value: unknown, index: number): SessionParticipant {
  const o = objectAt(value, index, 'participants');
  return { ...person(o, `participants[${index}]`), presence: oneOf(o, 'presence', ['online', 'reconnecting', 'left', 'offline'] as const) };
}

function limits(o: JsonObject): Limits | null {
  if (!isObject(o.limits)) {
    return null;
  }
  const l = o.limits;
  return { maxDocChars: num(l, 'maxDocChars'), maxChangeChars: num(l, 'maxChangeChars'), maxMsgsPerSec: num(l, 'maxMsgsPerSec'), maxFrameBytes: num(l, 'maxFrameBytes') };
}

function update(value: unknown, index: number): LoggedUpdate {
  const o = objectAt(value, index, 'updates');
  return {
    v: num(o, 'v'), t: num(o, 't'), user: strOrNull(o, 'user'), clientID: str(o, 'clientID'),
    changes: list(o, 'changes', (c) => c as ChangeSetJson[number]),
  };
}

function selection(o: JsonObject): RemoteSelection {
  const s = obj(o, 'selection');
  return { anchor: num(s, 'anchor'), head: num(s, 'head') };
}

function optionalPerson(o: JsonObject, key: string): Person | null {
  return o[key] === undefined || o[key] === null ? null : person(o[key], key);
}

const decoders: Decoders<CollabServerFrame> = {
  welcome: (o) => ({
    type: 'welcome', sessionId: str(o, 'sessionId'), status: oneOf(o, 'status', ['active', 'ended'] as const),
    language: oneOf(o, 'language', LANGUAGE_IDS), question: questionRef(obj(o, 'question')), you: person(o.you, 'you'),
    participants: list(o, 'participants', participant), mode: oneOf(o, 'mode', ['current', 'catch-up', 'snapshot'] as const),
    version: num(o, 'version'), limits: limits(o),
  }),
  snapshot: (o) => ({ type: 'snapshot', version: num(o, 'version'), doc: str(o, 'doc') }),
  updates: (o) => ({ type: 'updates', version: num(o, 'version'), updates: list(o, 'updates', update) }),
  accepted: (o) => ({ type: 'accepted', version: num(o, 'version') }),
  conflict: (o) => ({ type: 'conflict', version: num(o, 'version') }),
  cursor: (o) => ({ type: 'cursor', user: person(o.user, 'user'), selection: selection(o) }),
  language: (o) => ({ type: 'language', language: oneOf(o, 'language', LANGUAGE_IDS), by: optionalPerson(o, 'by') }),
  presence: (o) => ({
    type: 'presence', status: oneOf(o, 'status', ['joined', 'reconnecting', 'left'] as const), user: person(o.user, 'user'),
  }),
  ended: (o) => ({ type: 'ended', reason: str(o, 'reason'), endedAt: str(o, 'endedAt'), by: optionalPerson(o, 'by') }),
  error: (o) => ({ type: 'error', code: knownOr(o, 'code', COLLAB_ERROR_CODES, 'other'), message: strOrNull(o, 'message') ?? '' }),
  pong: () => ({ type: 'pong' }),
  'run-started': (o) => ({ type: 'run-started', run: decodeRun(obj(o, 'run')) }),
  'run-finished': (o) => ({ type: 'run-finished', run: decodeRun(obj(o, 'run')) }),
  'run-failed': (o) => ({ type: 'run-failed', run: decodeRun(obj(o, 'run')) }),
};

export function decodeCollabFrame(raw: unknown): Decoded<CollabServerFrame> {
  return decodeFrame(raw, decoders);
}

