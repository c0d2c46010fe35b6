/** Someone as the app names them: their display name when they have one, else their username. */
export function personName(person: { username?: string | null; displayName?: string | null } | null | undefined, fallback = 'your partner'): string {
  const display = person?.displayName?.trim();
  if (display) {
    return display;
  }
  return person?.username || fallback;
}
