import { useEffect, useState } from 'react';
import type { CollabSession } from '../../collab/CollabSession';
import type { Presence } from '../../collab/protocol';
import { randomId } from '../../lib/ids';
import { Away, RoomEvent, presenceChange } from './partnerEvents';

/** Follows the partner's presence while our own connection is open: chat lines and whether they are away. */
export function usePartnerEvents(collab: CollabSession | null, name: string): { events: RoomEvent[]; away: Away } {
  const [events, setEvents] = useState<RoomEvent[]>([]);
  const [away, setAway] = useState<Away>(null);

  useEffect(() => {
    if (!collab) {
      return undefined;
    }
    let last: Presence | undefined;
    const check = () => {
      const view = collab.store.get();
      if (view.ended) {
        setAway(null);
        return;
      }
      if (view.status !== 'open' || !view.me) {
        return;
      }
      const now = view.participants.find((p) => p.id !== view.me?.id)?.presence;
      if (now === last) {
        return;
      }
      const change = presenceChange(last, now, name);
      last = now;
      setAway(change.away);
      if (change.line) {
        const line = change.line;
        setEvents((list) => [...list, { id: randomId(), at: new Date().toISOString(), text: line }]);
      }
    };
    check();
    return collab.store.subscribe(check);
  }, [collab, name]);

  return { events, away };
}
