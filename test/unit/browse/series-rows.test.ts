import { describe, expect, it } from 'vitest';
import { groupByDay, localDateOf } from '../../../shared/browse/day-groups.ts';
import { eventTimes, timeOfDayText } from '../../../shared/browse/event-time-text.ts';
import { browseRowsOf, seriesLine, seriesRhythm } from '../../../shared/browse/series-rows.ts';
import { storedEvent } from './browse-fixtures.ts';

const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Occurrences of one series at the given UTC instants. */
const series = (starts: readonly string[], title = 'Meetup') =>
  starts.map((start, index) =>
    storedEvent({ id: `evt_${String(index).padStart(20, '0')}`, title, start, end: null }),
  );

describe('series rows', () => {
  it('folds a series into one row at its first occurrence, apart from other sources and titles', () => {
    const rows = browseRowsOf([
      ...series(['2030-03-06T18:00:00Z', '2030-03-13T18:00:00Z']),
      storedEvent({ id: 'evt_other', title: 'Meetup', primarySourceId: 'src_2' }),
      storedEvent({ id: 'evt_talk', title: 'Talk' }),
    ]);
    expect(rows.map((row) => [row.event.title, row.event.primarySourceId, row.occurrences.length])).toEqual([
      ['Meetup', 'src_1', 2],
      ['Meetup', 'src_2', 1],
      ['Talk', 'src_1', 1],
    ]);
  });

  it('tells a weekly rhythm in the reader’s zone, across a change of daylight saving time', () => {
    // 19:00 in Berlin: 17:00 UTC in summer, 18:00 UTC after 27 Oct 2030.
    const weekly = series(['2030-10-16T17:00:00Z', '2030-10-23T17:00:00Z', '2030-10-30T18:00:00Z']);
    expect(seriesRhythm(weekly, 'Europe/Berlin')).toBe('every Wednesday, 19:00');
    expect(seriesLine({ event: weekly[0] ?? storedEvent(), occurrences: weekly }, 'Europe/Berlin')).toBe(
      'every Wednesday, 19:00 · next Wed 16 Oct',
    );
    // In a zone that changes on another date the local time moves: no single rhythm.
    expect(seriesRhythm(weekly, 'America/New_York')).toBeNull();
  });

  it('tells every day and every other week, allows a skipped week, and gives up on no rhythm', () => {
    const start = Date.parse('2030-03-04T08:00:00Z');
    expect(seriesRhythm(series([0, 1, 2].map((day) => iso(start + day * dayMs))), 'UTC')).toBe(
      'every day, 08:00',
    );
    expect(seriesRhythm(series([0, 14, 28].map((day) => iso(start + day * dayMs))), 'UTC')).toBe(
      'every other Monday, 08:00',
    );
    expect(seriesRhythm(series([0, 7, 21].map((day) => iso(start + day * dayMs))), 'UTC')).toBe(
      'every Monday, 08:00',
    );
    const irregular = series([0, 3, 11].map((day) => iso(start + day * dayMs)));
    expect(seriesRhythm(irregular, 'UTC')).toBeNull();
    expect(seriesLine({ event: irregular[0] ?? storedEvent(), occurrences: irregular }, 'UTC')).toBe(
      'next Mon 4 Mar, and 2 more dates',
    );
    expect(seriesLine({ event: storedEvent(), occurrences: [storedEvent()] }, 'UTC')).toBeNull();
  });
});

describe('days in the reader’s zone', () => {
  it('groups rows by the local day they start on, with Today and Tomorrow, an all-day event on its date', () => {
    const now = new Date('2030-03-04T12:00:00Z');
    const rows = browseRowsOf([
      storedEvent({ id: 'evt_a', title: 'Late', start: '2030-03-04T23:30:00Z', end: null }),
      storedEvent({ id: 'evt_b', title: 'Fair', start: '2030-03-05', end: '2030-03-06', allDay: true }),
      storedEvent({ id: 'evt_c', title: 'Later', start: '2030-03-07T09:00:00Z', end: null }),
    ]);
    const berlin = groupByDay(rows, 'Europe/Berlin', now);
    expect(berlin.map((group) => [group.heading, group.rows.map((row) => row.event.title)])).toEqual([
      ['Tomorrow · Tue 5 Mar', ['Late', 'Fair']],
      ['Thu 7 Mar', ['Later']],
    ]);
    const utc = groupByDay(rows, 'UTC', now);
    expect(utc.map((group) => group.heading)).toEqual([
      'Today · Mon 4 Mar',
      'Tomorrow · Tue 5 Mar',
      'Thu 7 Mar',
    ]);
    expect(localDateOf('2030-03-04T23:30:00Z', 'America/Los_Angeles')).toBe('2030-03-04');
  });

  it('words an event’s time under its day, and in its own zone only when that reads differently', () => {
    const event = storedEvent({
      start: '2030-03-12T18:00:00Z',
      end: '2030-03-12T20:00:00Z',
      timeZone: 'Europe/Berlin',
    });
    expect(timeOfDayText(event, 'Europe/Berlin')).toBe('19:00–21:00 CET');
    expect(timeOfDayText({ ...event, allDay: true, start: '2030-03-12', end: null }, 'UTC')).toBe('all day');
    expect(eventTimes(event, 'America/New_York')).toEqual({
      yours: 'Tue 12 Mar, 14:00–16:00 EDT',
      own: 'Tue 12 Mar, 19:00–21:00 CET',
      ownZone: 'Europe/Berlin',
    });
    expect(eventTimes(event, 'Europe/Berlin').own).toBeNull();
    expect(eventTimes({ ...event, timeZone: 'Not/AZone' }, 'UTC').own).toBeNull();
  });
});
