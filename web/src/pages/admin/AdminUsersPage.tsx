import { FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import type { Role, User } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { EmptyState, ErrorNotice, Loading } from '../../components/Feedback';
import { Pager } from '../../components/Pager';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

const SIZE = 20;

export function AdminUsersPage() {
  const { user: me } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [search, setSearch] = useState(q);
  const users = useAsync(() => api.users.list(q, page, SIZE), [q, page]);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(search.trim() ? { q: search.trim() } : {});
  };

  const change = async (u: User, changes: { role?: Role; disabled?: boolean }) => {
    setBusyId(u.id);
    setRowError(null);
    try {
      const updated = await api.users.adminUpdate(u.id, changes);
      if (users.data) {
        users.setData({ ...users.data, items: users.data.items.map((x) => (x.id === updated.id ? updated : x)) });
      }
    } catch (err) {
      setRowError({ id: u.id, message: (err as Error).message });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div className="page">
      <header className="page-header"><div><h1>Users</h1><p className="muted">Promote admins, or disable an account: it is signed out and cannot sign in again until enabled.</p></div></header>
      <form className="filters card" role="search" onSubmit={submit}>
        <div className="field grow">
          <label htmlFor="u-search">Search</label>
          <input id="u-search" type="search" maxLength={100} placeholder="Username, email or display name" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <button type="submit" className="button">Search</button>
      </form>
      <ErrorNotice error={users.error} onRetry={users.reload} />
      {users.loading && !users.data && <Loading label="Loading accounts…" />}
      {users.data && users.data.items.length === 0 && <EmptyState title={q ? `No account matches “${q}”.` : 'No accounts yet.'} />}
      {users.data && users.data.items.length > 0 && (
        <>
          <p className="muted">{users.data.total} account{users.data.total === 1 ? '' : 's'}</p>
          <div className="table-wrap">
            <table className="table table-stack">
              <thead><tr><th scope="col">User</th><th scope="col">Email</th><th scope="col">Joined</th><th scope="col">Role</th><th scope="col">Status</th></tr></thead>
              <tbody>
                {users.data.items.map((u) => {
                  const self = u.id === me?.id;
                  return (
                    <tr key={u.id} className={u.disabled ? 'row-disabled' : ''}>
                      <td data-label="User"><strong>{u.username}</strong>{u.displayName && <div className="row-meta">{u.displayName}</div>}</td>
                      <td data-label="Email" className="cell-wrap">{u.email}</td>
                      <td data-label="Joined">{formatDateTime(u.createdAt)}</td>
                      <td data-label="Role">
                        <label className="visually-hidden" htmlFor={`role-${u.id}`}>Role of {u.username}</label>
                        <select id={`role-${u.id}`} value={u.role} disabled={self || busyId === u.id}
                          title={self ? 'You cannot change your own role' : undefined}
                          onChange={(e) => change(u, { role: e.target.value as Role })}>
                          <option value="user">User</option>
                          <option value="admin">Admin</option>
                        </select>
                      </td>
                      <td data-label="Status">
                        <button type="button" className={`button button-small ${u.disabled ? '' : 'button-danger-ghost'}`} disabled={self || busyId === u.id}
                          onClick={() => change(u, { disabled: !u.disabled })} aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.username}`}>
                          {u.disabled ? 'Enable' : 'Disable'}
                        </button>
                        {u.disabled && <span className="badge badge-muted">disabled</span>}
                        {rowError?.id === u.id && <div className="form-error" role="alert">{rowError.message}</div>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pager page={users.data.page} size={users.data.size} total={users.data.total}
            onPage={(p) => setParams({ ...(q ? { q } : {}), page: String(p) })} />
        </>
      )}
    </div>
  );
}
