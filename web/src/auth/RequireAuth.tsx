import { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './AuthContext';
import { Loading } from '../components/Feedback';
import { loginPath } from '../lib/navigation';

/** Pages for signed-in users; anyone else goes to the login page and comes back here afterwards. */
export function RequireAuth({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  const { status, isAdmin, reason } = useAuth();
  const location = useLocation();
  if (status === 'loading') {
    return <div className="page"><Loading label="Signing you in…" /></div>;
  }
  if (status === 'signed-out') {
    // a deleted account has nowhere to come back to
    return <Navigate to={reason === 'deleted' ? '/login' : loginPath(location.pathname + location.search)} replace />;
  }
  if (admin && !isAdmin) {
    return (
      <div className="page">
        <h1>Admins only</h1>
        <p>This page is for PeerPrep's administrators. Ask one of them if you need access.</p>
      </div>
    );
  }
  return <>{children}</>;
}
