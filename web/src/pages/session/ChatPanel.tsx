import { FormEvent, KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { ChatSession, ChatView } from '../../chat/ChatSession';
import type { ChatMessage } from '../../api/types';
import { formatTime } from '../../lib/format';
import type { RoomEvent } from './partnerEvents';

type Line = { kind: 'message'; message: ChatMessage } | { kind: 'event'; event: RoomEvent };

/** The chat's messages with the room's own lines about the partner, in time order. */
function lines(messages: ChatMessage[], events: RoomEvent[]): Line[] {
  const all: Line[] = [
    ...messages.map((message): Line => ({ kind: 'message', message })),
    ...events.map((event): Line => ({ kind: 'event', event })),
  ];
  const at = (l: Line) => Date.parse(l.kind === 'message' ? l.message.at : l.event.at);
  return all.sort((a, b) => at(a) - at(b));
}

export function ChatPanel({ chat, view, partnerName, events = [] }: { chat: ChatSession; view: ChatView; partnerName: string; events?: RoomEvent[] }) {
  const [text, setText] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const meId = view.me?.id;

  useEffect(() => {
    const el = list.current;
    if (el) {
      el.scrollTop = el.scrollHeight;
    }
  }, [view.messages.length, view.pending.length, events.length]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (text.trim()) {
      chat.send(text);
      setText('');
    }
  };

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <section className="panel chat-panel" aria-labelledby="chat-title">
      <header className="panel-header">
        <h2 id="chat-title">Chat</h2>
        {view.status !== 'open' && !view.ended && <span className="status-dot status-warn">{view.status === 'connecting' ? 'connecting' : 'reconnecting'}</span>}
      </header>
      <ol className="chat-list" ref={list} aria-live="polite" aria-label="Messages" tabIndex={0}>
        {view.loaded && view.messages.length === 0 && view.pending.length === 0 && (
          <li className="chat-empty muted">Say hi to {partnerName} and agree on an approach.</li>
        )}
        {lines(view.messages, events).map((line) => (line.kind === 'event' ? (
          <li key={line.event.id} className="chat-event" data-testid="chat-event">
            <time dateTime={line.event.at}>{formatTime(line.event.at)}</time> {line.event.text}
          </li>
        ) : (
          <li key={line.message.id} className={`chat-message ${line.message.user === meId ? 'mine' : ''}`}>
            <div className="chat-meta"><span className="chat-author">{line.message.user === meId ? 'You' : partnerName}</span> <time dateTime={line.message.at}>{formatTime(line.message.at)}</time></div>
            <div className="chat-text">{line.message.text}</div>
          </li>
        )))}
        {view.pending.map((p) => (
          <li key={p.clientMsgId} className={`chat-message mine pending ${p.status}`}>
            <div className="chat-meta"><span className="chat-author">You</span> <span>{p.status === 'failed' ? 'not sent' : 'sending…'}</span></div>
            <div className="chat-text">{p.text}</div>
            {p.status === 'failed' && (
              <div className="chat-failed">
                <span>{p.error}</span>{' '}
                <button type="button" className="link-button" onClick={() => chat.retry(p.clientMsgId)}>Retry</button>{' '}
                <button type="button" className="link-button" onClick={() => chat.discard(p.clientMsgId)}>Discard</button>
              </div>
            )}
          </li>
        ))}
      </ol>
      <div className="typing" aria-live="polite">{view.typing ? `${partnerName} is typing…` : ''}</div>
      {view.notice && <div className="form-error" role="alert">{view.notice}</div>}
      {view.ended ? (
        <p className="muted chat-closed">The session has ended; the chat is read-only.</p>
      ) : (
        <form className="chat-form" onSubmit={submit}>
          <label htmlFor="chat-input" className="visually-hidden">Message</label>
          <textarea id="chat-input" rows={2} maxLength={2000} placeholder={`Message ${partnerName}…`} value={text}
            onChange={(e) => { setText(e.target.value); chat.typing(); }} onKeyDown={onKey} />
          <button type="submit" className="button button-primary" disabled={!text.trim()}>Send</button>
        </form>
      )}
    </section>
  );
}
