import { describe, expect, it } from 'vitest';
import { relationships } from '../../../shared/contacts/contact.ts';
import { ContactDateInFutureError, StageNotAllowedError } from '../../../shared/contacts/contact-errors.ts';
import {
  buildContact,
  markTalked,
  snoozeUntil,
  updateContact,
} from '../../../shared/contacts/contact-input.ts';
import { isValidationError } from '../../../shared/validation/zod.ts';
import { contact } from './contact-fixture.ts';

const today = '2027-03-15';
const now = new Date('2027-03-15T09:00:00Z');
const later = new Date('2027-03-16T09:00:00Z');

function fieldErrors(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    // The first message per field: a malformed date also fails the "real date" check after the format one.
    if (isValidationError(error))
      return Object.fromEntries(error.issues.map((issue) => [issue.path.join('.'), issue.message]).reverse());
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('building a contact', () => {
  it('gives each relationship its default cadence', () => {
    const cadences = Object.fromEntries(
      relationships.map((relationship) => [
        relationship,
        buildContact('usr_1', { name: 'Kim', relationship }, today, now).cadence,
      ]),
    );
    expect(cadences).toEqual({
      mentor: { every: 6, unit: 'weeks' },
      mentee: { every: 4, unit: 'weeks' },
      peer: { every: 8, unit: 'weeks' },
      sponsor: { every: 8, unit: 'weeks' },
      'potential-mentor': { every: 4, unit: 'weeks' },
      other: { every: 8, unit: 'weeks' },
    });
  });

  it('fills the other defaults and starts the cadence on the day it was added', () => {
    const built = buildContact('usr_1', { name: '  Jonas Weber ', relationship: 'mentor' }, today, now);
    expect(built).toEqual({
      id: expect.stringMatching(/^con_[0-9a-f]{16}$/),
      userId: 'usr_1',
      name: 'Jonas Weber',
      relationship: 'mentor',
      email: null,
      organization: null,
      topics: [],
      cadence: { every: 6, unit: 'weeks' },
      addedOn: today,
      lastContactedOn: null,
      notes: '',
      paused: false,
      snoozedUntil: null,
      lastRemindedOn: null,
      createdAt: '2027-03-15T09:00:00.000Z',
      updatedAt: '2027-03-15T09:00:00.000Z',
    });
  });

  it('keeps a given cadence, lower-cases the address and drops repeated topics', () => {
    const built = buildContact(
      'usr_1',
      {
        name: 'Kim',
        relationship: 'peer',
        email: ' Kim@Example.ORG ',
        cadence: { every: 10, unit: 'days' },
        topics: ['kubernetes', 'devops', 'kubernetes'],
        lastContactedOn: today,
      },
      today,
      now,
    );
    expect(built).toMatchObject({
      email: 'kim@example.org',
      cadence: { every: 10, unit: 'days' },
      topics: ['kubernetes', 'devops'],
      lastContactedOn: today,
    });
  });

  it('names every invalid field', () => {
    expect(
      fieldErrors(() =>
        buildContact(
          'usr_1',
          {
            name: ' ',
            relationship: 'mentor',
            email: 'not-an-address',
            topics: ['knitting'],
            cadence: { every: 0, unit: 'days' },
            lastContactedOn: '2027-02-30',
          },
          today,
          now,
        ),
      ),
    ).toEqual({
      name: 'Too small: expected string to have >=1 characters',
      email: 'Invalid email address',
      'topics.0': expect.stringMatching(/^must be one of: ai-ml, data, cloud, kubernetes, /),
      'cadence.every': 'must be at least 1',
      lastContactedOn: 'must be a real date like 2026-11-25',
    });
    expect(
      fieldErrors(() =>
        buildContact(
          'usr_1',
          {
            name: 'Kim',
            relationship: 'peer',
            cadence: { every: 366, unit: 'weeks' },
            lastContactedOn: '15.3.2027',
          },
          today,
          now,
        ),
      ),
    ).toEqual({
      'cadence.every': 'must be at most 365',
      lastContactedOn: 'must be a real date like 2026-11-25',
    });
  });

  it('refuses a last conversation after today, and takes one today', () => {
    const input = { name: 'Kim', relationship: 'peer' as const };
    expect(() => buildContact('usr_1', { ...input, lastContactedOn: '2027-03-16' }, today, now)).toThrow(
      new ContactDateInFutureError('last contacted 2027-03-16 is after today (2027-03-15)'),
    );
    expect(buildContact('usr_1', { ...input, lastContactedOn: today }, today, now).lastContactedOn).toBe(
      today,
    );
  });
});

describe('changing a contact', () => {
  const snoozed = contact({ lastContactedOn: '2027-02-01', snoozedUntil: '2027-03-22', notes: 'hi' });

  it('changes only the given fields and keeps the snooze', () => {
    const updated = updateContact(snoozed, { cadence: { every: 2, unit: 'weeks' } }, today, later);
    expect(updated).toEqual({
      ...snoozed,
      cadence: { every: 2, unit: 'weeks' },
      updatedAt: '2027-03-16T09:00:00.000Z',
    });
  });

  it('starts a new round when the last conversation date changes: the snooze goes', () => {
    const updated = updateContact(snoozed, { lastContactedOn: '2027-03-10' }, today, later);
    expect(updated).toMatchObject({ lastContactedOn: '2027-03-10', snoozedUntil: null, notes: 'hi' });
  });

  it('refuses to move the last conversation after today', () => {
    expect(() => updateContact(snoozed, { lastContactedOn: '2027-03-20' }, today, later)).toThrow(
      ContactDateInFutureError,
    );
  });

  it('records "we talked" and ends a snooze', () => {
    expect(markTalked(snoozed, today, later)).toEqual({
      ...snoozed,
      lastContactedOn: today,
      snoozedUntil: null,
      updatedAt: '2027-03-16T09:00:00.000Z',
    });
  });

  it('snoozes to a date', () => {
    expect(snoozeUntil(snoozed, '2027-04-01', later)).toMatchObject({
      snoozedUntil: '2027-04-01',
      lastContactedOn: '2027-02-01',
      updatedAt: '2027-03-16T09:00:00.000Z',
    });
  });
});

describe('potential mentors and their stage', () => {
  const found = () =>
    buildContact('usr_1', { name: 'Dr. Ana Costa', relationship: 'potential-mentor' }, today, now);

  it('start at "to reach out", with their own cadence', () => {
    expect(found()).toMatchObject({
      stage: 'to-reach-out',
      paused: false,
      cadence: { every: 4, unit: 'weeks' },
    });
  });

  it('"not a fit" pauses their reminders; moving on from it resumes them', () => {
    const notAFit = updateContact(found(), { stage: 'not-a-fit' }, today, now);
    expect(notAFit).toMatchObject({ stage: 'not-a-fit', paused: true });
    expect(updateContact(notAFit, { stage: 'reached-out' }, today, now)).toMatchObject({
      stage: 'reached-out',
      paused: false,
    });
    expect(updateContact(found(), { stage: 'reached-out' }, today, now).paused).toBe(false);
  });

  it('only a potential mentor has a stage: refused on others, dropped when one becomes a mentor', () => {
    expect(() =>
      buildContact('usr_1', { name: 'Kim', relationship: 'peer', stage: 'reached-out' }, today, now),
    ).toThrow(StageNotAllowedError);
    const mentor = updateContact(found(), { relationship: 'mentor' }, today, now);
    expect(mentor.relationship).toBe('mentor');
    expect('stage' in mentor).toBe(false);
    expect(() => updateContact(mentor, { stage: 'mentor' }, today, now)).toThrow(StageNotAllowedError);
  });

  it('refuses a stage that is not one', () => {
    expect(() => updateContact(found(), { stage: 'maybe' as never }, today, now)).toThrow();
  });
});
