import { FormEvent, ReactNode, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { LANGUAGES, Language } from '../api/types';
import { safeNext } from '../lib/navigation';
import { signupProblems, whyNotReady } from '../lib/signupRules';

export function SignupPage() {
  const { status, register } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [form, setForm] = useState({ username: '', email: '', password: '', displayName: '', preferredLanguage: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (status === 'signed-in' && !busy) {
    return <Navigate to={next} replace />;
  }

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const problems = signupProblems(form);
  const notReady = whyNotReady(form, problems);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await register({
        username: form.username.trim(),
        email: form.email.trim(),
        password: form.password,
        displayName: form.displayName.trim() || null,
        preferredLanguage: (form.preferredLanguage || null) as Language | null,
      });
      navigate(next, { replace: true });
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="signup-title">
        <h1 id="signup-title">Create your account</h1>
        <p className="muted">It takes a minute. Then pick a topic and get matched with a peer.</p>
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="username">Username</label>
            <input id="username" autoComplete="username" required value={form.username} onChange={set('username')}
              aria-describedby="username-help username-problem" aria-invalid={Boolean(problems.username) || undefined} autoFocus />
            <small id="username-help" className="help">3 to 32 letters, digits, dots, dashes or underscores.</small>
            <FieldProblem id="username-problem">{problems.username}</FieldProblem>
          </div>
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" type="email" autoComplete="email" required value={form.email} onChange={set('email')}
              aria-describedby="email-problem" aria-invalid={Boolean(problems.email) || undefined} />
            <FieldProblem id="email-problem">{problems.email}</FieldProblem>
          </div>
          <div className="field">
            <label htmlFor="new-password">Password</label>
            <input id="new-password" type="password" autoComplete="new-password" required value={form.password}
              onChange={set('password')} aria-describedby="password-help password-problem" aria-invalid={Boolean(problems.password) || undefined} />
            <small id="password-help" className="help">
              At least 10 characters, with two kinds among lower-case, upper-case, digits and symbols.
            </small>
            <FieldProblem id="password-problem">{problems.password}</FieldProblem>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="display-name">Display name <span className="optional">(optional)</span></label>
              <input id="display-name" autoComplete="nickname" maxLength={64} value={form.displayName} onChange={set('displayName')} />
            </div>
            <div className="field">
              <label htmlFor="language">Preferred language <span className="optional">(optional)</span></label>
              <select id="language" value={form.preferredLanguage} onChange={set('preferredLanguage')}>
                <option value="">No preference</option>
                {LANGUAGES.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
              </select>
            </div>
          </div>
          {error && <div className="form-error" role="alert">{error}</div>}
          <button type="submit" className="button button-primary button-block"
            disabled={busy || notReady !== null} aria-describedby={notReady ? 'signup-not-ready' : undefined}>
            {busy ? 'Creating your account…' : 'Create account'}
          </button>
          {notReady && <p id="signup-not-ready" className="help form-reason">{notReady}</p>}
        </form>
        <p className="auth-switch">
          Already have an account? <Link to={`/login${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`}>Sign in</Link>
        </p>
      </section>
    </div>
  );
}

/** A field's problem, said next to it as the user types (and read out when it appears). */
function FieldProblem({ id, children }: { id: string; children?: ReactNode }) {
  return <small id={id} className="field-problem" aria-live="polite">{children}</small>;
}
