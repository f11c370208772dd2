import { describe, expect, it } from 'vitest';
import { updateUserProfile } from '../../../shared/users/profile-input.ts';
import { isValidationError } from '../../../shared/validation/zod.ts';
import { formValuesOf, profileChangesOf, profileFormProblems } from '../../../shared/web/profile-form.ts';
import { userProfile } from '../../support/matching-fixtures.ts';

/** The problems a posted profile form gets, as the page shows them. */
function problemsOf(fields: Record<string, string>): string[] {
  const base = {
    timeZone: 'Europe/Berlin',
    digestDay: 'monday',
    digestHour: '8',
    reminderHour: '9',
    kinds: 'industry-event',
  };
  const values = formValuesOf(new URLSearchParams({ ...base, ...fields }));
  try {
    updateUserProfile(userProfile(), profileChangesOf(values).changes, new Date('2030-01-01T00:00:00Z'));
    return [];
  } catch (error) {
    if (!isValidationError(error)) throw error;
    return profileFormProblems(error).map((problem) => problem.message);
  }
}

describe('profile form problems in people’s words', () => {
  it('names the line and the part of a place that is out of range', () => {
    expect(problemsOf({ places: 'Berlin, Germany\nOffice (91, 13.4, 25 km)' })).toEqual([
      'Places, line 2: the latitude must be at most 90',
    ]);
    expect(problemsOf({ places: 'Office (52.5, 13.4, 900 km)' })).toEqual([
      'Places, line 1: the radius must be at most 500',
    ]);
  });

  it('never shows zod’s own wording', () => {
    const messages = problemsOf({ places: 'Office (-91, 200, 25 km)', keywords: 'x'.repeat(61) });
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).not.toMatch(/expected|Too big|Too small|<=|>=/);
  });
});
