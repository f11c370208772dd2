import { describe, expect, it } from 'vitest';
import { buildUserProfile, updateUserProfile } from '../../../shared/users/profile-input.ts';
import { isValidationError } from '../../../shared/validation/zod.ts';

const now = new Date('2030-01-01T00:00:00Z');

function fieldErrors(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (isValidationError(error))
      return Object.fromEntries(error.issues.map((issue) => [issue.path.join('.'), issue.message]));
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('user profiles', () => {
  it('builds a profile with the documented defaults, unconfirmed, with a lower-cased address', () => {
    const profile = buildUserProfile({ email: ' Ana@Example.ORG ' }, now);
    expect(profile).toMatchObject({
      email: 'ana@example.org',
      emailConfirmed: false,
      timeZone: 'UTC',
      digestDay: 'monday',
      digestHour: 8,
      onlineOk: true,
      kinds: ['industry-event', 'professional-org', 'mentorship-program', 'peer-group'],
      paused: false,
      unsubscribed: false,
      quietWeekNotes: false,
      notInterested: [],
    });
    expect(profile.id).toMatch(/^usr_[0-9a-f]{16}$/);
  });

  it('names every invalid field', () => {
    expect(
      fieldErrors(() =>
        buildUserProfile(
          {
            email: 'not-an-address',
            timeZone: 'Mars/Olympus',
            digestDay: 'someday' as never,
            digestHour: 24,
            topics: ['knitting'],
            places: [{ kind: 'point', label: 'Sea', latitude: 91, longitude: 0, radiusKm: 5 }],
            kinds: [],
          },
          now,
        ),
      ),
    ).toEqual({
      email: expect.stringMatching(/email/i),
      timeZone: 'must be an IANA time zone such as Europe/Berlin',
      digestDay: expect.stringContaining('monday'),
      digestHour: expect.stringContaining('23'),
      'topics.0': expect.stringContaining('kubernetes'),
      'places.0.latitude': expect.stringContaining('90'),
      kinds: 'choose at least one kind of event',
    });
  });

  it('changes only the given fields, deduplicates lists, and normalizes legacy zone names', () => {
    const profile = buildUserProfile({ email: 'ana@example.org', topics: ['kubernetes'] }, now);
    const later = new Date('2030-01-02T00:00:00Z');
    const updated = updateUserProfile(
      profile,
      { timeZone: 'US/Eastern', keywords: ['Rust', 'rust', ' WASM '] },
      later,
    );
    expect(updated).toMatchObject({
      timeZone: 'America/New_York',
      keywords: ['rust', 'wasm'],
      topics: ['kubernetes'],
      updatedAt: later.toISOString(),
    });
  });
});
