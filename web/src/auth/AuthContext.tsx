import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, client } from '../api';
import type { Registration } from '../api/endpoints';
import { SessionExpiredError } from '../api/problem';
import type { AuthSession, User } from '../api/types';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out';
export type SignedOutReason = 'expired' | 'deleted' | null;

interface AuthValue {
  status: AuthStatus;
  user: User | null;
  /** Why the user is signed out when it was not their own choice, so the login page can say so. */
  reason: SignedOutReason;
  isAdmin: boolean;
  login: (identifier: string, password: string) => Promise<void>;
  register: (registration: Registration) => Promise<void>;
  logout: () => Promise<void>;
  /** After a profile change or a password change, which answer the account anew. */
  setUser: (user: User) => void;
  /** The account was deleted: forget it locally. */
  forgetDeleted: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

/**
 * The signed-in user. On start it trades the stored refresh token for an access token; afterwards the
 * API client keeps tokens fresh, and tells us when the session cannot be renewed.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>(client.hasRefreshToken() ? 'loading' : 'signed-out');
  const [user, setUser] = useState<User | null>(null);
  const [reason, setReason] = useState<SignedOutReason>(null);

  useEffect(() => {
    const offSession = client.onSession((s: AuthSession) => {
      setUser(s.user);
      setStatus('signed-in');
      setReason(null);
    });
    const offExpired = client.onExpired(() => {
      setUser(null);
      setStatus('signed-out');
      setReason('expired');
    });
    if (client.hasRefreshToken() && !client.tokens.hasFreshAccess()) {
      client.refresh().catch((e: unknown) => {
        if (!(e instanceof SessionExpiredError)) {
          // the server is unreachable: stay signed out for now rather than spin forever
          setStatus('signed-out');
        }
      });
    }
    const onStorage = (e: StorageEvent) => {
      if (e.key === 'peerprep.refreshToken' && e.newValue === null) {
        // signed out in another tab
        client.tokens.dropAccess();
        setUser(null);
        setStatus('signed-out');
      }
    };
    window.addEventListener('storage', onStorage);
    return () => {
      offSession();
      offExpired();
      window.removeEventListener('storage', onStorage);
    };
  }, []);

  const login = useCallback(async (identifier: string, password: string) => {
    client.adopt(await api.auth.login(identifier, password));
  }, []);

  const register = useCallback(async (registration: Registration) => {
    client.adopt(await api.auth.register(registration));
  }, []);

  const logout = useCallback(async () => {
    const refreshToken = client.tokens.refreshToken;
    client.forget();
    setUser(null);
    setStatus('signed-out');
    setReason(null);
    if (refreshToken) {
      await api.auth.logout(refreshToken).catch(() => undefined);
    }
  }, []);

  const forgetDeleted = useCallback(() => {
    client.forget();
    setUser(null);
    setStatus('signed-out');
    setReason('deleted');
  }, []);

  const value = useMemo<AuthValue>(() => ({
    status, user, reason, isAdmin: Boolean(user?.roles.includes('admin')), login, register, logout, setUser, forgetDeleted,
  }), [status, user, reason, login, register, logout, forgetDeleted]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) {
    throw new Error('useAuth needs an AuthProvider');
  }
  return value;
}
