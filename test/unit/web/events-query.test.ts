import { describe, expect, it } from 'vitest';
import { cityKeyOf } from '../../../shared/matching/place-keys.ts';
import { isValidationError } from '../../../shared/validation/zod.ts';
import {
  encodeEventsCursor,
  nextEventsPageQuery,
  parseEventsQuery,
} from '../../../shared/web/events-query.ts';

const now = new Date('2030-03-04T12:00:00Z');
const parse = (query: Record<string, string>, timeZone = 'Europe/Berlin', defaultDays = 14) =>
  parseEventsQuery(query, { timeZone, now, defaultDays });

function fields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (isValidationError(error)) return error.issues.map((issue) => issue.path.join('.'));
    throw error;
  }
  return [];
}

describe('the events query', () => {
  it('reads dates as the viewer’s days (to included) and instants as given, defaulting from now', () => {
    const dates = parse({ from: '2030-03-10', to: '2030-03-12' });
    expect(dates.from.toISOString()).toBe('2030-03-09T23:00:00.000Z');
    expect(dates.to.toISOString()).toBe('2030-03-12T23:00:00.000Z');
    const instants = parse({ from: '2030-03-10T10:00:00Z' });
    expect(instants.to.toISOString()).toBe('2030-03-24T10:00:00.000Z');
    expect(parse({}, 'UTC', 60).to.getTime() - now.getTime()).toBe(60 * 86_400_000);
  });

  it('turns the filters into one browse filter, empty ones (a form’s “any”) left out', () => {
    const query = parse({
      topic: 'leadership',
      kind: '',
      org: 'CNCF Berlin',
      city: 'München',
      online: 'false',
      q: 'Kube  Day',
    });
    expect(query.filter).toMatchObject({
      topic: 'leadership',
      organizationKey: 'cncf berlin',
      cityKey: cityKeyOf('Munich'),
      online: false,
      words: ['kube', 'day'],
    });
    expect(query.filter.kind).toBeUndefined();
    expect(query.given).not.toHaveProperty('kind');
    expect(parse({ near: '52.52,13.40', km: '30' }).filter.near?.size).toBeGreaterThan(0);
  });

  it('names each wrong parameter', () => {
    expect(
      fields(() => parse({ topic: 'astrology', kind: 'party', online: 'yes', near: 'here' })).sort(),
    ).toEqual(['kind', 'near', 'online', 'topic']);
    expect(fields(() => parse({ from: '2030-03-10', to: '2030-03-09' }))).toEqual(['to']);
    expect(fields(() => parse({ from: '2030-03-10', to: '2030-08-01' }))).toEqual(['to']);
    expect(fields(() => parse({ cursor: 'nope' }))).toEqual(['cursor']);
  });

  it('keeps the filters and fixes the window in the next page’s query', () => {
    const query = parse({ topic: 'leadership', q: 'lead', from: '2030-03-10' });
    const next = new URLSearchParams(nextEventsPageQuery(query, { day: '2030-03-11', sortKey: 'x' }));
    expect(Object.fromEntries(next)).toEqual({
      from: '2030-03-09T23:00:00.000Z',
      to: '2030-03-23T23:00:00.000Z',
      topic: 'leadership',
      q: 'lead',
      limit: '100',
      cursor: encodeEventsCursor({ day: '2030-03-11', sortKey: 'x' }),
    });
  });
});
