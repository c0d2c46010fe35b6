import type { Presence } from '../../collab/protocol';

/** A line the room adds to the chat about the partner (never sent: each browser sees its own). */
export interface RoomEvent {
  id: string;
  at: string;
  text: string;
}

export type Away = 'reconnecting' | 'left' | null;

/**
 * What a change of the partner's presence means to the user: a chat line to add (or none) and whether
 * the partner now counts as away. `before` is the last presence seen while our own connection was open.
 */
export function presenceChange(before: Presence | undefined, now: Presence | undefined, name: string): { line: string | null; away: Away } {
  if (now === 'reconnecting') {
    return {
      line: before === 'online' ? `${name} left the room: they closed the tab or lost their connection.` : before === undefined ? `${name} is not in the room right now.` : null,
      away: 'reconnecting',
    };
  }
  if (now === 'left') {
    return { line: before === 'left' ? null : `${name} has not come back.`, away: 'left' };
  }
  if (now === 'online') {
    return { line: before === 'reconnecting' || before === 'left' ? `${name} is back.` : null, away: null };
  }
  return { line: null, away: null };
}
