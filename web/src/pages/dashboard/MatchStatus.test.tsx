import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MatchStatus } from './MatchStatus';

function status(overrides: Partial<Parameters<typeof MatchStatus>[0]>) {
  const handlers = { onCancel: vi.fn(), onAgain: vi.fn(), onDismiss: vi.fn() };
  render(<MatchStatus phase="queued" seconds={42} total={60} detail={null} relaxed={false} reconnecting={false}
    topic="Strings" {...handlers} {...overrides} />);
  return handlers;
}

describe('the match status on the dashboard', () => {
  afterEach(cleanup);

  it('counts down while queued and says when the difficulty was relaxed', () => {
    status({ relaxed: true });
    expect(screen.getByText('Looking for a partner on Strings…')).toBeTruthy();
    expect(screen.getByText('42 s left')).toBeTruthy();
    expect(screen.getByText(/any difficulty of this topic is fine now/)).toBeTruthy();
  });

  it('shows the service\'s reason for a timeout once, with a way to try again', () => {
    const handlers = status({ phase: 'timeout', detail: 'No partner was found for strings (Medium) within 60 seconds. Try again, or pick another topic.' });
    const text = screen.getByRole('alert').textContent ?? '';
    expect(text).toContain('within 60 seconds');
    expect(text.match(/Try again,/g)).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(handlers.onAgain).toHaveBeenCalledOnce();
  });

  it('explains a timeout in its own words when the service gave none', () => {
    const handlers = status({ phase: 'timeout' });
    expect(screen.getByRole('alert').textContent).toContain('Nobody picked the same topic and difficulty in time.');
    fireEvent.click(screen.getByRole('button', { name: 'Change my choice' }));
    expect(handlers.onDismiss).toHaveBeenCalledOnce();
  });
});
