import { FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { ApiError } from '../api/problem';
import { Notice } from '../components/Feedback';
import { safeNext } from '../lib/navigation';

export function LoginPage() {
  const { status, login, reason } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (status === 'signed-in' && !busy) {
    return <Navigate to={next} replace />;
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(identifier.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const retry = error instanceof ApiError && error.status === 429 && error.retryAfterSeconds
    ? ` You can try again in ${Math.ceil(error.retryAfterSeconds / 60)} min.` : '';

  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="login-title">
        <h1 id="login-title">Sign in</h1>
        <p className="muted">Practise interviews with a peer: pick a topic, get matched, solve it together.</p>
        {reason === 'expired' && <Notice kind="warning">Your session has expired. Sign in again to continue where you were.</Notice>}
        {reason === 'deleted' && <Notice kind="success">Your account was deleted. Thanks for practising with us.</Notice>}
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="identifier">Username or email</label>
            <input id="identifier" name="identifier" autoComplete="username" required value={identifier}
              onChange={(e) => setIdentifier(e.target.value)} autoFocus />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required value={password}
              onChange={(e) => setPassword(e.target.value)} />
          </div>
          {error !== null && (
            <div className="form-error" role="alert">{(error as Error).message}{retry}</div>
          )}
          <button type="submit" className="button button-primary button-block" disabled={busy || !identifier || !password}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="auth-switch">
          New here? <Link to={`/signup${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`}>Create an account</Link>
        </p>
      </section>
    </div>
  );
}

