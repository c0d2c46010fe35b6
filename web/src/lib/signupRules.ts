/** The user service's sign-up rules, checked as the user types (the service checks them again). */
export interface SignupFields {
  username: string;
  email: string;
  password: string;
}

export type SignupProblems = Partial<Record<keyof SignupFields, string>>;

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function kinds(password: string): number {
  const checks = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];
  return checks.filter((re) => re.test(password)).length;
}

/** What is wrong with each filled-in field; an empty field is not a problem yet, only missing. */
export function signupProblems(f: SignupFields): SignupProblems {
  const problems: SignupProblems = {};
  const username = f.username.trim();
  if (username && !USERNAME.test(username)) {
    problems.username = 'The username must be 3 to 32 letters, digits, dots, dashes or underscores.';
  }
  const email = f.email.trim();
  if (email && !EMAIL.test(email)) {
    problems.email = 'This does not look like an email address (name@example.com).';
  }
  const length = [...f.password].length;
  if (f.password && length < 10) {
    problems.password = 'The password must be at least 10 characters long.';
  } else if (length > 128) {
    problems.password = 'The password must be at most 128 characters long.';
  } else if (f.password && kinds(f.password) < 2) {
    problems.password = 'The password must mix at least two kinds of characters: lower-case letters, upper-case letters, digits, or symbols.';
  } else if (f.password && (f.password.toLowerCase() === username.toLowerCase() || f.password.toLowerCase() === email.toLowerCase())) {
    problems.password = 'The password must not be your username or your email address.';
  }
  return problems;
}

/** Why the form cannot be sent yet, in one sentence, or null when it can. */
export function whyNotReady(f: SignupFields, problems: SignupProblems): string | null {
  const missing = (['username', 'email', 'password'] as const).filter((k) => !f[k].trim());
  if (missing.length > 0) {
    return `Fill in your ${missing.join(missing.length === 2 ? ' and ' : ', ').replace(/, ([a-z]+)$/, ' and $1')} to continue.`;
  }
  const wrong = (['username', 'email', 'password'] as const).filter((k) => problems[k]);
  if (wrong.length > 0) {
    return `Fix the ${wrong.join(' and ')} above to continue.`;
  }
  return null;
}
