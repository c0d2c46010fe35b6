import type { ChatMessage } from '../api/types';
import {
  Decoded, Decoders, JsonObject, Person, decodeFrame, num, oneOf, optNum, person, str, strOrNull, strings,
} from '../realtime/decode';

/** The frames the chat service sends (docs/chat.md). */
export type ChatServerFrame =
  | { type: 'welcome'; sessionId: string; you: Person; status: 'active' | 'ended'; online: string[] }
  | ({ type: 'message' } & ChatMessage)
  | { type: 'synced'; lastId: string | null; count: number }
  | { type: 'ack'; clientMsgId: string; id: string; at: string }
  | { type: 'typing'; user: string; username: string }
  | { type: 'presence'; user: string; username: string; state: 'joined' | 'left' }
  | { type: 'ended'; sessionId: string }
  | { type: 'pong' }
  | { type: 'error'; code: ChatErrorCode; message: string; clientMsgId: string | null; retryAfterMs: number | undefined };

/** The frames the app sends on the chat socket. */
export type ChatClientFrame =
  | { type: 'message'; text: string; clientMsgId: string }
  | { type: 'typing' }
  | { type: 'ping' };

/**
 * The chat service's error codes, in the dashed spelling the other services use (it writes them with
 * underscores: `rate_limited`); both spellings read the same here.
 */
export const CHAT_ERROR_CODES = [
  'bad-json', 'bad-frame', 'unknown-type', 'frame-too-large', 'binary-not-supported', 'empty-message',
  'message-too-long', 'unstorable-text', 'rate-limited', 'not-saved', 'session-gone', 'session-ended', 'other',
] as const;
export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[number];

function errorCode(o: JsonObject): ChatErrorCode {
  const code = str(o, 'code').replaceAll('_', '-');
  return (CHAT_ERROR_CODES as readonly string[]).includes(code) ? (code as ChatErrorCode) : 'other';
}

const decoders: Decoders<ChatServerFrame> = {
  welcome: (o) => ({
    type: 'welcome', sessionId: str(o, 'sessionId'), you: person(o.you, 'you'), status: oneOf(o, 'status', ['active', 'ended'] as const),
    online: strings(o, 'online'),
  }),
  message: (o) => ({
    type: 'message', id: str(o, 'id'), user: str(o, 'user'), username: str(o, 'username'), text: str(o, 'text'), at: str(o, 'at'),
  }),
  synced: (o) => ({ type: 'synced', lastId: strOrNull(o, 'lastId'), count: num(o, 'count') }),
  ack: (o) => ({ type: 'ack', clientMsgId: str(o, 'clientMsgId'), id: str(o, 'id'), at: str(o, 'at') }),
  typing: (o) => ({ type: 'typing', user: str(o, 'user'), username: str(o, 'username') }),
  presence: (o) => ({
    type: 'presence', user: str(o, 'user'), username: str(o, 'username'), state: oneOf(o, 'state', ['joined', 'left'] as const),
  }),
  ended: (o) => ({ type: 'ended', sessionId: str(o, 'sessionId') }),
  pong: () => ({ type: 'pong' }),
  error: (o) => ({
    type: 'error', code: errorCode(o), message: str(o, 'message'), clientMsgId: strOrNull(o, 'clientMsgId'),
    retryAfterMs: optNum(o, 'retryAfterMs'),
  }),
};

export function decodeChatFrame(raw: unknown): Decoded<ChatServerFrame> {
  return decodeFrame(raw, decoders);
}
