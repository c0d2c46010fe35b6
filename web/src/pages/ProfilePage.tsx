import { FormEvent, useState } from 'react';
import { api, client } from '../api';
import { LANGUAGES, Language } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Notice } from '../components/Feedback';
import { formatDateTime } from '../lib/format';

export function ProfilePage() {
  const { user } = useAuth();
  if (!user) {
    return null;
  }
  return (
    <div className="page narrow">
      <header className="page-header"><div><h1>Profile</h1><p className="muted">Signed in as <strong>{user.username}</strong> ({user.email}) since {formatDateTime(user.createdAt)}.</p></div></header>
      <ProfileForm />
      <PasswordForm />
      <DeleteAccount />
    </div>
  );
}

function ProfileForm() {
  const { user, setUser } = useAuth();
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [language, setLanguage] = useState<string>(user?.preferredLanguage ?? '');
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: boolean }>({ busy: false, error: null, saved: false });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ busy: true, error: null, saved: false });
    try {
      const updated = await api.users.update({ displayName: displayName.trim() || null, preferredLanguage: (language || null) as Language | null });
      setUser(updated);
      setState({ busy: false, error: null, saved: true });
    } catch (err) {
      setState({ busy: false, error: (err as Error).message, saved: false });
    }
  };

  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">About you</h2>
      <form onSubmit={submit}>
        <div className="field-row">
          <div className="field">
            <label htmlFor="p-display">Display name</label>
            <input id="p-display" maxLength={64} value={displayName} onChange={(e) => setDisplayName(e.target.value)} placeholder={user?.username} />
          </div>
          <div className="field">
            <label htmlFor="p-language">Preferred language</label>
            <select id="p-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="">No preference</option>
              {LANGUAGES.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
            </select>
          </div>
        </div>
        {state.error && <div className="form-error" role="alert">{state.error}</div>}
        {state.saved && <Notice kind="success">Saved.</Notice>}
        <button type="submit" className="button button-primary" disabled={state.busy}>{state.busy ? 'Saving…' : 'Save'}</button>
      </form>
    </section>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: boolean }>({ busy: false, error: null, saved: false });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) {
      setState({ busy: false, error: 'The two new passwords are not the same.', saved: false });
      return;
    }
    setState({ busy: true, error: null, saved: false });
    try {
      client.adopt(await api.users.changePassword(current, next));
      setCurrent('');
      setNext('');
      setRepeat('');
      setState({ busy: false, error: null, saved: true });
    } catch (err) {
      setState({ busy: false, error: (err as Error).message, saved: false });
    }
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <p className="muted">Other devices stay signed in only until their current access expires (minutes).</p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="pw-current">Current password</label>
          <input id="pw-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="pw-new">New password</label>
            <input id="pw-new" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} aria-describedby="pw-help" />
          </div>
          <div className="field">
            <label htmlFor="pw-repeat">New password again</label>
            <input id="pw-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          </div>
        </div>
        <small id="pw-help" className="help">At least 10 characters, with two kinds among lower-case, upper-case, digits and symbols.</small>
        {state.error && <div className="form-error" role="alert">{state.error}</div>}
        {state.saved && <Notice kind="success">Your password was changed.</Notice>}
        <button type="submit" className="button button-primary" disabled={state.busy || !current || !next}>{state.busy ? 'Changing…' : 'Change password'}</button>
      </form>
    </section>
  );
}

function DeleteAccount() {
  const { forgetDeleted } = useAuth();
  const [password, setPassword] = useState('');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.users.deleteMe(password);
      forgetDeleted();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <section className="card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete account</h2>
      <p className="muted">Your account and your history are removed. Partners keep their attempts, where you appear as “deleted user”. This cannot be undone.</p>
      <form onSubmit={(e) => { e.preventDefault(); setOpen(true); }}>
        <div className="field">
          <label htmlFor="del-password">Your password</label>
          <input id="del-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {error && <div className="form-error" role="alert">{error}</div>}
        <button type="submit" className="button button-danger" disabled={!password || busy}>Delete my account…</button>
      </form>
      <ConfirmDialog open={open} title="Delete your account for good?" confirmLabel={busy ? 'Deleting…' : 'Delete account'} danger busy={busy}
        onCancel={() => setOpen(false)} onConfirm={remove}>
        <p>You will be signed out everywhere and your username becomes free for others.</p>
      </ConfirmDialog>
    </section>
  );
}
