import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDate, nextDueDate } from '../../../shared/contacts/next-due-date.ts';
import { contact } from './contact-fixture.ts';

const weeks = (every: number) => ({ every, unit: 'weeks' as const });
const days = (every: number) => ({ every, unit: 'days' as const });

describe('next due date', () => {
  it('counts from the day the contact was added until the first conversation', () => {
    expect(nextDueDate(contact({ addedOn: '2027-01-01', lastContactedOn: null }))).toBe('2027-02-12');
  });

  it('counts from the last conversation once there is one', () => {
    expect(nextDueDate(contact({ addedOn: '2026-06-01', lastContactedOn: '2027-03-10' }))).toBe('2027-04-21');
  });

  it('crosses a month end as the calendar does: 31 January + 4 weeks is 28 February', () => {
    expect(nextDueDate(contact({ lastContactedOn: '2027-01-31', cadence: weeks(4) }))).toBe('2027-02-28');
    expect(nextDueDate(contact({ lastContactedOn: '2027-01-31', cadence: days(30) }))).toBe('2027-03-02');
    expect(nextDueDate(contact({ lastContactedOn: '2027-12-20', cadence: weeks(2) }))).toBe('2028-01-03');
  });

  it('handles leap days: 29 February 2028 + 52 weeks is 27 February 2029', () => {
    expect(nextDueDate(contact({ lastContactedOn: '2028-02-29', cadence: weeks(52) }))).toBe('2029-02-27');
    expect(nextDueDate(contact({ lastContactedOn: '2028-02-01', cadence: weeks(4) }))).toBe('2028-02-29');
  });

  it('gives 1 March for 1 February 2027 + 4 weeks, a year without a leap day', () => {
    expect(nextDueDate(contact({ lastContactedOn: '2027-02-01', cadence: weeks(4) }))).toBe('2027-03-01');
  });

  it('moves to the snooze date when that is past the due date', () => {
    const talked = { lastContactedOn: '2027-01-31', cadence: weeks(4) };
    expect(nextDueDate(contact({ ...talked, snoozedUntil: '2027-03-07' }))).toBe('2027-03-07');
  });

  it('ignores a snooze that ends before the due date', () => {
    const talked = { lastContactedOn: '2027-01-31', cadence: weeks(4) };
    expect(nextDueDate(contact({ ...talked, snoozedUntil: '2027-02-10' }))).toBe('2027-02-28');
  });
});

describe('calendar dates', () => {
  it('adds and counts whole days across a year end and a leap day', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
  });

  it("counts whole days across a DST change, whatever the machine's zone", () => {
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetween('2027-10-30', '2027-11-01')).toBe(2);
  });

  it("takes the reader's local date at an instant", () => {
    const lateEvening = new Date('2026-11-25T23:30:00Z');
    expect(localDate(lateEvening, 'Europe/Berlin')).toBe('2026-11-26');
    expect(localDate(lateEvening, 'America/Los_Angeles')).toBe('2026-11-25');
    expect(localDate(new Date('2026-11-25T10:30:00Z'), 'Pacific/Kiritimati')).toBe('2026-11-26');
  });

  it('leaves what is not a calendar date as it is, and takes the UTC date in a zone the runtime does not know', () => {
    expect(addDays('2027-02-30', 1)).toBe('2027-02-30');
    expect(addDays('soon', 1)).toBe('soon');
    expect(daysBetween('soon', '2027-01-01')).toBeNaN();
    expect(localDate(new Date('2026-11-25T23:30:00Z'), 'Mars/Olympus_Mons')).toBe('2026-11-25');
  });
});
