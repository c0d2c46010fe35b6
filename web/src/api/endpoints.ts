import { ApiClient } from './client';
import type {
  ActiveSession, AdminChanges, Attempt, AttemptPage, AuthSession, MatchRequestView, ProfileChanges, Question,
  QuestionContent, QuestionPage, QueueStats, Registration, Replay, SessionView, Stats, Topic, UploadedImage, User, UserPage,
} from './types';

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, String(v));
    }
  });
  const s = q.toString();
  return s ? `?${s}` : '';
}

export type { Registration };

export interface AttemptFilter {
  topic?: string;
  difficulty?: string;
  from?: string;
  to?: string;
  page?: number;
  size?: number;
}

export interface QuestionFilter {
  q?: string;
  topic?: string;
  difficulty?: string;
  sort?: string;
  after?: string;
  size?: number;
}

/** One typed function per route the app uses, grouped by service. */
export function endpoints(client: ApiClient) {
  const r = client.request.bind(client);
  return {
    auth: {
      register: (body: Registration) => r<AuthSession>('user', '/auth/register', { method: 'POST', json: body, auth: false }),
      login: (identifier: string, password: string) =>
        r<AuthSession>('user', '/auth/login', { method: 'POST', json: { identifier, password }, auth: false }),
      logout: (refreshToken: string) =>
        r<void>('user', '/auth/logout', { method: 'POST', json: { refreshToken }, auth: false }),
    },
    users: {
      me: () => r<User>('user', '/users/me'),
      update: (changes: ProfileChanges) =>
        r<User>('user', '/users/me', { method: 'PATCH', json: changes }),
      changePassword: (currentPassword: string, newPassword: string) =>
        r<AuthSession>('user', '/users/me/password', { method: 'PUT', json: { currentPassword, newPassword } }),
      deleteMe: (password: string) => r<void>('user', '/users/me', { method: 'DELETE', json: { password } }),
      list: (q: string, page: number, size: number) => r<UserPage>('user', `/admin/users${query({ q, page, size })}`),
      adminUpdate: (id: string, changes: AdminChanges) =>
        r<User>('user', `/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: changes }),
    },
    questions: {
      topics: () => r<{ items: Topic[] }>('question', '/topics').then((t) => t.items),
      list: (f: QuestionFilter) => r<QuestionPage>('question', `/questions${query({ ...f })}`),
      get: (id: string) => r<Question>('question', `/questions/${encodeURIComponent(id)}`),
      create: (content: QuestionContent) => r<Question>('question', '/questions', { method: 'POST', json: content }),
      update: (id: string, version: number, content: QuestionContent) =>
        r<Question>('question', `/questions/${encodeURIComponent(id)}`, { method: 'PUT', json: { ...content, version } }),
      remove: (id: string) => r<void>('question', `/questions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
      uploadImage: (file: Blob) => r<UploadedImage>('question', '/images', {
        method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' },
      }),
    },
    matching: {
      stats: () => r<QueueStats>('matching', '/match/stats'),
      current: () => r<MatchRequestView>('matching', '/match/requests/me'),
    },
    sessions: {
      get: (id: string) => r<SessionView>('collaboration', `/sessions/${encodeURIComponent(id)}`),
      rename: (id: string, displayName: string | null) =>
        r<void>('collaboration', `/sessions/${encodeURIComponent(id)}/me`, { method: 'PUT', json: { displayName } }),
      active: () => r<{ sessions: ActiveSession[] }>('collaboration', '/sessions/active').then((a) => a.sessions),
    },
    history: {
      attempts: (f: AttemptFilter) => r<AttemptPage>('history', `/attempts${query({ ...f })}`),
      attempt: (id: string) => r<Attempt>('history', `/attempts/${encodeURIComponent(id)}`),
      replay: (id: string) => r<Replay>('history', `/attempts/${encodeURIComponent(id)}/replay`),
      stats: () => r<Stats>('history', '/stats/me'),
    },
  };
}

export type Endpoints = ReturnType<typeof endpoints>;
