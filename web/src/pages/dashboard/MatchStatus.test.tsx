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

  it('offers to notify the user of a match while waiting, only when the browser could still be allowed to', () => {
    const onNotify = vi.fn();
    status({ onNotify });
    fireEvent.click(screen.getByRole('button', { name: 'Notify me when a partner is found' }));
    expect(onNotify).toHaveBeenCalledOnce();
    cleanup();
    status({});
    expect(screen.queryByRole('button', { name: 'Notify me when a partner is found' })).toBeNull();
  });

  it('explains a timeout once, naming the topic as the dashboard shows it, with a way to try again', () => {
    const handlers = status({ phase: 'timeout', topic: 'Bit Manipulation',
      detail: 'No partner was found for bit-manipulation (Medium) within 60 seconds. Try again, or pick another topic.' });
    const text = screen.getByRole('alert').textContent ?? '';
    expect(text).toContain('No partner was found for Bit Manipulation within 60 seconds.');
    expect(text).not.toContain('bit-manipulation');
    expect(text.match(/Try again,/g)).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(handlers.onAgain).toHaveBeenCalledOnce();
  });

  it('says a lost request was lost and offers to ask again', () => {
    const handlers = status({ phase: 'lost', detail: 'Your match request was lost by the server; ask for a match again.' });
    expect(screen.getByRole('alert').textContent).toContain('Your request was lost.');
    fireEvent.click(screen.getByRole('button', { name: 'Ask again' }));
    expect(handlers.onAgain).toHaveBeenCalledOnce();
  });

  it('still reads well when the wait and the topic are unknown', () => {
    const handlers = status({ phase: 'timeout', topic: '', total: null });
    expect(screen.getByRole('alert').textContent).toContain('No partner was found for your topic in time.');
    fireEvent.click(screen.getByRole('button', { name: 'Change my choice' }));
    expect(handlers.onDismiss).toHaveBeenCalledOnce();
  });
});
