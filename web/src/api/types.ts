/**
 * The app's names for the services' API types. Every shape comes from the services' OpenAPI documents
 * through `src/api/generated/` (written by `npm run api:types`, never by hand), so a change of a contract
 * shows up here as a type error instead of a surprise at run time.
 */
import type { components as UserApi } from './generated/user';
import type { components as QuestionApi } from './generated/question';
import type { components as MatchingApi } from './generated/matching';
import type { components as CollabApi } from './generated/collab';
import type { components as ChatApi } from './generated/chat';
import type { components as HistoryApi } from './generated/history';
import type { components as ExecutionApi } from './generated/execution';

type UserSchemas = UserApi['schemas'];
type QuestionSchemas = QuestionApi['schemas'];
type MatchingSchemas = MatchingApi['schemas'];
type CollabSchemas = CollabApi['schemas'];
type HistorySchemas = HistoryApi['schemas'];
type ExecutionSchemas = ExecutionApi['schemas'];

/**
 * A response whose document lists no `required` properties although the service always sends every one
 * of them (the service's own tests check the bodies): the app reads it as complete.
 */
type Sent<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

export type Language = UserSchemas['Language'];
export type Difficulty = QuestionSchemas['Difficulty'];
export type Role = UserSchemas['User']['role'];

export const LANGUAGES: { id: Language; label: string }[] = [
  { id: 'python', label: 'Python' },
  { id: 'java', label: 'Java' },
  { id: 'javascript', label: 'JavaScript' },
  { id: 'cpp', label: 'C++' },
];

export const DIFFICULTIES: Difficulty[] = ['Easy', 'Medium', 'Hard'];

export type User = UserSchemas['User'];
export type Registration = UserSchemas['Registration'];
export type ProfileChanges = UserSchemas['ProfileChanges'];
export type AdminChanges = UserSchemas['AdminChanges'];
export type AuthSession = UserSchemas['Session'];
export type UserPage = UserSchemas['UserPage'];

export type Topic = QuestionSchemas['Topic'];
export type QuestionSummary = QuestionSchemas['QuestionSummary'];
export type QuestionPage = QuestionSchemas['Page'];
export type Example = QuestionSchemas['Example'];
export type StarterCode = QuestionSchemas['StarterCode'];
export type Question = QuestionSchemas['Question'];
/** What an admin writes: the question without its id, slug, version and times. */
export type QuestionContent = Required<Omit<QuestionSchemas['QuestionInput'], 'slug'>>;
export type UploadedImage = QuestionSchemas['Image'];

/** A question as the other services carry it: enough to name it and link to it. */
export type QuestionRef = CollabSchemas['Question'];

type QueueCount = Sent<NonNullable<MatchingSchemas['Stats']['queues']>[number]>;
export type QueueStats = Sent<Omit<MatchingSchemas['Stats'], 'queues'>> & { queues: QueueCount[] };
export type MatchRequestView = MatchingSchemas['Request'];
export type RequestState = MatchRequestView['state'];

/** A participant of a live session, with the name they gave the session (or null). */
export type SessionParticipant = CollabSchemas['NamedParticipant'];
/**
 * Anyone the app names: a participant of a live session, or of an attempt in history (whose `id` is
 * null once the account is deleted).
 */
export type Participant = HistorySchemas['Participant'] & Pick<SessionParticipant, 'displayName'>;
export type SessionView = Sent<Omit<CollabSchemas['ParticipantSession'], 'endedAt' | 'endReason' | 'partner'>>
  & Pick<CollabSchemas['ParticipantSession'], 'endedAt' | 'endReason'>
  & { partner: SessionParticipant | null };
/** One of my sessions that is still running, as the collaboration service lists them. */
export type ActiveSession = CollabSchemas['SessionSummary'];

export type ChatMessage = ChatApi['schemas']['Message'];

/** A participant as history keeps them: `id` is null once the account is deleted. */
export type AttemptParticipant = HistorySchemas['Participant'];
/**
 * History stores the language the collaboration service sent, always one of the four, though its
 * document types it as any string.
 */
type InLanguage<T> = Omit<T, 'language'> & { language: Language };
export type AttemptSummary = InLanguage<Sent<HistorySchemas['AttemptSummary']>>;
export type AttemptPage = Sent<Omit<HistorySchemas['AttemptPage'], 'items'>> & { items: AttemptSummary[] };
export type Attempt = InLanguage<Sent<HistorySchemas['Attempt']>>;
/**
 * `ChangeSet.toJSON()`: a kept length, or `[deletedLength, ...insertedLines]`. The document says so
 * (`prefixItems` then `items`), but the generator keeps only the first item of such a tuple.
 */
export type ChangeSetJson = (number | [number, ...string[]])[];
export type Edit = Omit<HistorySchemas['Edit'], 'changes'> & { changes: ChangeSetJson };
/** How a run of the session ended, as the attempt keeps it (outputs cut at 4 000 characters). */
export type AttemptRunResult = HistorySchemas['RunResult'];
/** A run of the session's code: who started it, on which version of the code, and what came of it. */
export type AttemptRun = HistorySchemas['Run'];
/** A language switch: when (epoch ms), at which version of the code, by whom (null once deleted). */
export type LanguageSwitch = HistorySchemas['LanguageSwitch'];
export type Replay = Sent<HistorySchemas['Replay']>;
export type Stats = Sent<Omit<HistorySchemas['Stats'], 'byDifficulty'>> & { byDifficulty: Sent<NonNullable<HistorySchemas['Stats']['byDifficulty']>> };

export type RunDiagnostic = Sent<ExecutionSchemas['Diagnostic']>;
export type RunResult = Sent<Omit<ExecutionSchemas['RunResult'], 'language' | 'queuedMs' | 'diagnostics'>>
  & Pick<ExecutionSchemas['RunResult'], 'language' | 'queuedMs'> & { diagnostics: RunDiagnostic[] };
