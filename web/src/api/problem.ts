/** An RFC 9457 problem as the services send it (only the fields the app reads). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  field?: string;
  retryAfter?: number;
  currentVersion?: number;
}

/** A failed API call, carrying the service's own explanation so the page can show it as is. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem, fallback?: string) {
    super(problem.detail || problem.title || fallback || `The request failed (HTTP ${status}).`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** No answer at all: the network or the gateway is down. */
  static unreachable(): ApiError {
    return new ApiError(0, {}, 'PeerPrep cannot be reached. Check your connection and try again.');
  }

  get retryAfterSeconds(): number | undefined {
    return this.problem.retryAfter;
  }
}

/** The refresh token is gone or refused: the user must sign in again. */
export class SessionExpiredError extends ApiError {
  constructor() {
    super(401, { title: 'Unauthorized' }, 'Your session has expired. Please sign in again.');
    this.name = 'SessionExpiredError';
  }
}

/** Reads a failed response into an ApiError, whether or not the body is problem+json. */
export async function errorFrom(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object') {
        problem = parsed as Problem;
      }
    } catch {
      problem = {};
    }
  }
  const retry = response.headers.get('Retry-After');
  if (problem.retryAfter === undefined && retry && /^\d+$/.test(retry)) {
    problem = { ...problem, retryAfter: Number(retry) };
  }
  return new ApiError(response.status, problem, fallbackMessage(response.status));
}

function fallbackMessage(status: number): string {
  if (status === 502 || status === 503 || status === 504) {
    return 'The service is not available right now. Try again in a moment.';
  }
  if (status === 404) {
    return 'Not found.';
  }
  if (status === 429) {
    return 'Too many attempts. Wait a little and try again.';
  }
  return `The request failed (HTTP ${status}).`;
}

/** A message for any thrown value, for pages that only need to show what went wrong. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) {
    return error.message;
  }
  return 'Something went wrong. Try again.';
}
