import { describe, expect, it } from 'vitest';
import { presenceChange } from './partnerEvents';

describe('the partner\'s presence as the room tells it', () => {
  it('says at once that a partner who was online left the room, and counts them away', () => {
    expect(presenceChange('online', 'reconnecting', 'Linus')).toEqual({
      line: 'Linus left the room: they closed the tab or lost their connection.', away: 'reconnecting',
    });
  });

  it('says when the partner comes back, and no longer counts them away', () => {
    expect(presenceChange('reconnecting', 'online', 'Linus')).toEqual({ line: 'Linus is back.', away: null });
  });

  it('says once that the partner has not come back after the grace period', () => {
    expect(presenceChange('reconnecting', 'left', 'Linus')).toEqual({ line: 'Linus has not come back.', away: 'left' });
    expect(presenceChange('left', 'left', 'Linus').line).toBeNull();
  });

  it('tells a user who opens the room that the partner is away', () => {
    expect(presenceChange(undefined, 'reconnecting', 'Linus')).toEqual({ line: 'Linus is not in the room right now.', away: 'reconnecting' });
  });

  it('says nothing about a partner who has not arrived yet or arrives for the first time', () => {
    expect(presenceChange(undefined, 'offline', 'Linus')).toEqual({ line: null, away: null });
    expect(presenceChange('offline', 'online', 'Linus')).toEqual({ line: null, away: null });
  });
});
