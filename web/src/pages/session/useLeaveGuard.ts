import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';

/**
 * While `enabled`, a click on a link to another page of the app is held, so the room can ask first;
 * `leave` then goes there, `stay` forgets it. Links to other sites, new tabs and modified clicks pass.
 */
export function useLeaveGuard(enabled: boolean) {
  const navigate = useNavigate();
  const [target, setTarget] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) {
      return undefined;
    }
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
        return;
      }
      const link = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!link || (link.target && link.target !== '_self') || link.hasAttribute('download')) {
        return;
      }
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname === window.location.pathname) {
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      setTarget(url.pathname + url.search + url.hash);
    };
    // capture: before the router's own link handler
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [enabled]);

  return {
    target,
    stay: () => setTarget(null),
    leave: () => {
      const to = target;
      setTarget(null);
      if (to) {
        navigate(to);
      }
    },
  };
}
