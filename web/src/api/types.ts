export type Language = 'python' | 'java' | 'javascript' | 'cpp';
export type Difficulty = 'Easy' | 'Medium' | 'Hard';
export type Role = 'user' | 'admin';

export const LANGUAGES: { id: Language; label: string }[] = [
  { id: 'python', label: 'Python' },
  { id: 'java', label: 'Java' },
  { id: 'javascript', label: 'JavaScript' },
  { id: 'cpp', label: 'C++' },
];

export const DIFFICULTIES: Difficulty[] = ['Easy', 'Medium', 'Hard'];

export interface User {
  id: string;
  username: string;
  email: string;
  displayName: string | null;
  preferredLanguage: Language | null;
  role: Role;
  roles: Role[];
  disabled: boolean;
  createdAt: string;
}

export interface AuthSession {
  user: User;
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  refreshToken: string;
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

/** A page of a cursor-paged listing: `next` goes as `after` for the page that follows; `total` only when it is kept. */
export interface CursorPage<T> {
  items: T[];
  size: number;
  hasMore: boolean;
  next?: string;
  total?: number;
}

export interface Topic {
  slug: string;
  name: string;
  counts: Record<Difficulty, number>;
  total: number;
}

export interface QuestionRef {
  id: string;
  title: string;
  difficulty: Difficulty;
  topics: string[];
}

export interface QuestionSummary extends QuestionRef {
  slug: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Example {
  input: string;
  output: string;
  explanation?: string;
}

export type StarterCode = Partial<Record<Language, string>>;

export interface QuestionContent {
  title: string;
  description: string;
  topics: string[];
  difficulty: Difficulty;
  examples: Example[];
  constraints: string[];
  hints: string[];
  starterCode: StarterCode;
}

export interface Question extends QuestionContent {
  id: string;
  slug: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UploadedImage {
  id: string;
  url: string;
  contentType: string;
  size: number;
}

export interface QueueStats {
  total: number;
  queues: { topic: string; difficulty: Difficulty; waiting: number }[];
}

export interface Participant {
  id: string | null;
  username: string;
  /** The name they go by in a session (set by them), when there is one. */
  displayName?: string | null;
}

export interface MatchRequestView {
  requestId: string;
  state: string;
  topic: string;
  difficulty: Difficulty;
  language: Language | null;
  timeoutAt: string;
  match?: { sessionId: string; partner: Participant; question: QuestionRef };
  detail?: string;
}

export interface SessionView {
  sessionId: string;
  participants: Participant[];
  partner: Participant | null;
  status: 'active' | 'ended';
  question: QuestionRef;
  language: Language;
  text: string;
  version: number;
  createdAt: string;
  endedAt?: string;
  endReason?: string;
  /** The question's starter code by language, as the session started with it. */
  starterCode?: StarterCode;
}

/** One of my sessions that is still running, as the collaboration service lists them. */
export interface ActiveSession {
  sessionId: string;
  status: 'active';
  question: QuestionRef;
  language: Language;
  partner: Participant | null;
  createdAt: string;
}

export interface ChatMessage {
  id: string;
  user: string | null;
  username: string;
  text: string;
  at: string;
}

export interface AttemptSummary {
  sessionId: string;
  question: QuestionRef;
  partner: Participant;
  language: Language;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  endReason: string;
}

export interface Attempt {
  sessionId: string;
  participants: Participant[];
  question: QuestionRef;
  language: Language;
  code: string;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  endReason: string;
  editCount: number;
  transcript: ChatMessage[] | null;
}

export interface Edit {
  v: number;
  t: number;
  user: string | null;
  changes: unknown[];
}

export interface Replay {
  sessionId: string;
  initialText: string;
  edits: Edit[];
}

export interface Stats {
  total: number;
  byDifficulty: Record<Difficulty, number>;
  byTopic: Record<string, number>;
  solved: number;
  currentStreak: number;
  longestStreak: number;
  lastAttemptAt: string | null;
}
