import type { ChatMessage } from '../api/types';
import { exhaustive } from '../realtime/decode';
import type { ChatServerFrame } from './frames';

/** Compares Redis stream ids ("<ms>-<seq>") in stream order. */
export function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am - bm || (as || 0) - (bs || 0);
}

export type PendingStatus = 'queued' | 'sending' | 'failed';

/** A message of mine the server has not shown back yet. */
export interface PendingMessage {
  clientMsgId: string;
  text: string;
  status: PendingStatus;
  ackedId?: string;
  error?: string;
}

export interface ChatState {
  me: { id: string; username: string } | null;
  messages: ChatMessage[];
  pending: PendingMessage[];
  lastId: string | null;
  loaded: boolean;
  online: string[];
  typing: { user: string; username: string; until: number } | null;
  ended: boolean;
  notice: string | null;
}

export const initialChat: ChatState = {
  me: null, messages: [], pending: [], lastId: null, loaded: false, online: [], typing: null, ended: false, notice: null,
};

export type ChatAction =
  | { type: 'frame'; frame: ChatServerFrame; now: number }
  | { type: 'queue'; clientMsgId: string; text: string }
  | { type: 'sent'; clientMsgId: string }
  | { type: 'disconnected' }
  | { type: 'retry'; clientMsgId: string }
  | { type: 'discard'; clientMsgId: string }
  | { type: 'tick'; now: number };

/** How long "is typing…" stays up after the partner's last keystroke frame. */
export const TYPING_SHOWN_MS = 4000;

/**
 * The chat panel's state from the socket's frames: stored messages in stream order (each once), my
 * messages on their way, the partner's typing and presence.
 */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'frame': return onFrame(state, action.frame, action.now);
    case 'queue':
      return { ...state, pending: [...state.pending, { clientMsgId: action.clientMsgId, text: action.text, status: 'queued' }] };
    case 'sent':
      return { ...state, pending: state.pending.map((p) => (p.clientMsgId === action.clientMsgId ? { ...p, status: 'sending' } : p)) };
    case 'disconnected':
      return {
        ...state,
        typing: null,
        pending: state.pending.map((p) => (p.status === 'sending' && !p.ackedId
          ? { ...p, status: 'failed', error: 'The connection dropped before this was confirmed.' }
          : p)),
      };
    case 'retry':
      return { ...state, pending: state.pending.map((p) => (p.clientMsgId === action.clientMsgId ? { ...p, status: 'queued', error: undefined } : p)) };
    case 'discard':
      return { ...state, pending: state.pending.filter((p) => p.clientMsgId !== action.clientMsgId) };
    case 'tick':
      return state.typing && state.typing.until <= action.now ? { ...state, typing: null } : state;
    default:
      return state;
  }
}

function onFrame(state: ChatState, frame: ChatServerFrame, now: number): ChatState {
  switch (frame.type) {
    case 'welcome':
      return { ...state, me: frame.you, online: frame.online, ended: frame.status === 'ended', notice: null };
    case 'message': return addMessage(state, frame);
    case 'synced': return { ...state, loaded: true };
    case 'ack': return onAck(state, frame.clientMsgId, frame.id, frame.at);
    case 'typing':
      return { ...state, typing: { user: frame.user, username: frame.username, until: now + TYPING_SHOWN_MS } };
    case 'presence': {
      const online = state.online.filter((u) => u !== frame.user);
      return { ...state, online: frame.state === 'joined' ? [...online, frame.user] : online, typing: frame.state === 'left' ? null : state.typing };
    }
    case 'ended': return { ...state, ended: true };
    case 'error': return onError(state, frame);
    case 'pong': return state;
    default:
      exhaustive(frame);
      return state;
  }
}

function addMessage(state: ChatState, m: ChatMessage): ChatState {
  if (state.messages.some((x) => x.id === m.id)) {
    return state;
  }
  const message: ChatMessage = { id: m.id, user: m.user, username: m.username, text: m.text, at: m.at };
  const messages = [...state.messages, message].sort((a, b) => compareIds(a.id, b.id));
  const lastId = state.lastId && compareIds(state.lastId, m.id) > 0 ? state.lastId : m.id;
  let pending = state.pending.filter((p) => p.ackedId !== m.id);
  if (pending.length === state.pending.length && state.me && m.user === state.me.id) {
    // my own message whose ack was lost with the connection: it did arrive, so stop offering a retry
    const lost = pending.findIndex((p) => !p.ackedId && p.status !== 'queued' && p.text === m.text);
    if (lost >= 0) {
      pending = pending.filter((_, i) => i !== lost);
    }
  }
  const typing = state.typing && state.typing.user === m.user ? null : state.typing;
  return { ...state, messages, lastId, pending, typing };
}

/**
 * The service acknowledges my message instead of echoing it back: the acknowledgement carries the stored
 * id and time, so the message joins the list from what I sent. Acks arrive in stream order.
 */
function onAck(state: ChatState, clientMsgId: string, id: string, at: string): ChatState {
  const mine = state.pending.find((p) => p.clientMsgId === clientMsgId);
  if (state.messages.some((m) => m.id === id) || !mine || !state.me) {
    return { ...state, pending: state.pending.filter((p) => p.clientMsgId !== clientMsgId) };
  }
  const withAck = { ...state, pending: state.pending.map((p) => (p.clientMsgId === clientMsgId ? { ...p, ackedId: id } : p)) };
  return addMessage(withAck, { id, user: state.me.id, username: state.me.username, text: mine.text.trim(), at });
}

function onError(state: ChatState, frame: Extract<ChatServerFrame, { type: 'error' }>): ChatState {
  const message = frame.message || 'The message was refused.';
  const clientMsgId = frame.clientMsgId;
  if (clientMsgId && state.pending.some((p) => p.clientMsgId === clientMsgId)) {
    return {
      ...state,
      pending: state.pending.map((p) => (p.clientMsgId === clientMsgId ? { ...p, status: 'failed', error: message } : p)),
    };
  }
  if (frame.code === 'session-ended') {
    return { ...state, ended: true, notice: message };
  }
  return { ...state, notice: message };
}
