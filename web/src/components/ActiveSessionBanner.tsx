import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { api } from '../api';
import type { ActiveSession } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { personName } from '../lib/people';

const REFRESH_MS = 30_000;

/**
 * My sessions still running, from the collaboration service's own record: fetched on every page change,
 * when the tab comes back into view and every 30 s, so a session started on another device shows too.
 */
export function useActiveSessions(enabled: boolean): ActiveSession[] {
  const { pathname } = useLocation();
  const [sessions, setSessions] = useState<ActiveSession[]>([]);
  useEffect(() => {
    if (!enabled) {
      setSessions([]);
      return undefined;
    }
    let stopped = false;
    const load = () => {
      api.sessions.active().then((s) => !stopped && setSessions(s), () => undefined);
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        load();
      }
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [enabled, pathname]);
  return sessions;
}

/** "Your session is still running — Rejoin", on every page but that session's own room. */
export function ActiveSessionBanner() {
  const { user } = useAuth();
  const { pathname } = useLocation();
  const sessions = useActiveSessions(Boolean(user));
  const shown = sessions.find((s) => pathname !== `/session/${s.sessionId}`);
  if (!shown) {
    return null;
  }
  return (
    <aside className="active-session-banner" aria-label="Your session in progress" data-testid="active-session-banner">
      <span>
        Your session on <strong>{shown.question.title}</strong> with <strong>{personName(shown.partner)}</strong> is still running.
      </span>
      <Link className="button button-small button-primary" to={`/session/${shown.sessionId}`}>Rejoin the session</Link>
    </aside>
  );
}
