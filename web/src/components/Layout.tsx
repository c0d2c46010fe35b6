import { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useTheme } from '../theme/theme';
import { ActiveSessionBanner } from './ActiveSessionBanner';

function ThemeToggle() {
  const { dark, choice, cycle } = useTheme();
  const label = dark ? 'Switch to the light theme' : 'Switch to the dark theme';
  return (
    <button type="button" className="icon-button theme-toggle" onClick={cycle} aria-label={label} title={`${label} (now: ${choice === 'system' ? 'as the system' : choice})`}>
      <span aria-hidden="true">{dark ? '☀' : '☾'}</span>
    </button>
  );
}

/** `wide` drops the page's maximum width; `fill` also fits the page to the window (the session room). */
export function Layout({ children, wide = false, fill = false }: { children: ReactNode; wide?: boolean; fill?: boolean }) {
  const { user, isAdmin, logout } = useAuth();
  const navigate = useNavigate();
  const signOut = async () => {
    await logout();
    navigate('/login');
  };
  return (
    <div className={fill ? 'app app-fill' : 'app'}>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="PeerPrep home">
          <span className="brand-mark" aria-hidden="true">{'</>'}</span>
          <span>PeerPrep</span>
        </Link>
        {user && (
          <nav className="nav" aria-label="Main">
            <NavLink to="/" end>Practice</NavLink>
            <NavLink to="/questions">Questions</NavLink>
            <NavLink to="/history">History</NavLink>
            <NavLink to="/stats">Stats</NavLink>
            {isAdmin && <NavLink to="/admin/questions">Question bank</NavLink>}
            {isAdmin && <NavLink to="/admin/users">Users</NavLink>}
          </nav>
        )}
        <div className="topbar-end">
          <ThemeToggle />
          {user ? (
            <>
              <NavLink to="/profile" className="user-chip" title="Your profile">
                <span className="avatar" aria-hidden="true">{(user.displayName || user.username).charAt(0).toUpperCase()}</span>
                <span className="user-name">{user.displayName || user.username}</span>
              </NavLink>
              <button type="button" className="button button-ghost button-small" onClick={signOut}>Sign out</button>
            </>
          ) : (
            <NavLink to="/login" className="button button-ghost button-small">Sign in</NavLink>
          )}
        </div>
      </header>
      {user && <ActiveSessionBanner />}
      <main id="main" className={`main${wide || fill ? ' main-wide' : ''}${fill ? ' main-fill' : ''}`} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
