import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider } from '../auth/AuthContext';
import { RequireAuth } from '../auth/RequireAuth';
import { client } from '../api';
import { LoginPage } from './LoginPage';

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search}</p>;
}

function app(start: string) {
  return render(
    <MemoryRouter initialEntries={[start]}>
      <AuthProvider>
        <Routes>
          <Route path="/login" element={<><LoginPage /><Where /></>} />
          <Route path="/stats" element={<RequireAuth><p>my stats</p><Where /></RequireAuth>} />
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
}

const session = {
  user: { id: 'u1', username: 'ada', email: 'ada@example.com', displayName: null, preferredLanguage: null, role: 'user', roles: ['user'], disabled: false, createdAt: '2026-01-01T00:00:00Z' },
  accessToken: 'access', tokenType: 'Bearer', expiresIn: 900, refreshToken: 'refresh',
};

function respond(status: number, body: unknown, type = 'application/json') {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }));
}

describe('signing in', () => {
  beforeEach(() => {
    window.localStorage.clear();
    client.forget();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('sends a signed-out visitor to the login page with the way back', async () => {
    app('/stats?range=week');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByTestId('where').textContent).toBe('/login?next=%2Fstats%3Frange%3Dweek');
  });

  it('shows the service\'s explanation when the credentials are wrong', async () => {
    vi.stubGlobal('fetch', vi.fn(() => respond(401, { title: 'Unauthorized', status: 401, detail: 'Invalid credentials.' }, 'application/problem+json')));
    app('/login');
    fireEvent.change(screen.getByLabelText('Username or email'), { target: { value: 'ada' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid credentials.');
  });

  it('says how long to wait after too many attempts', async () => {
    vi.stubGlobal('fetch', vi.fn(() => respond(429, { title: 'Too Many Requests', status: 429, detail: 'Too many failed sign-ins.', retryAfter: 300 }, 'application/problem+json')));
    app('/login');
    fireEvent.change(screen.getByLabelText('Username or email'), { target: { value: 'ada' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many failed sign-ins. You can try again in 5 min.');
  });

  it('returns to the page the user came from once signed in, keeping only the refresh token in storage', async () => {
    const fetchMock = vi.fn((input: RequestInfo | URL) => {
      expect(String(input)).toBe('/user-service-api/auth/login');
      return respond(200, session);
    });
    vi.stubGlobal('fetch', fetchMock);
    app('/login?next=%2Fstats%3Frange%3Dweek');
    fireEvent.change(screen.getByLabelText('Username or email'), { target: { value: 'ada' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'Correct-Horse-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('my stats')).toBeTruthy();
    expect(screen.getByTestId('where').textContent).toBe('/stats?range=week');
    expect(Object.keys(window.localStorage)).toEqual(['peerprep.refreshToken']);
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
  });
});
