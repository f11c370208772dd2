import { describe, expect, it } from 'vitest';
import { buildSource, sourceIdForUrl } from '../../../shared/sources/new-source.ts';
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

describe('buildSource', () => {
  it('builds a source with defaults and a stable id derived from the URL', () => {
    const source = buildSource({ url: 'https://Example.org/events.ics', kind: 'industry-event' }, now);
    expect(source).toMatchObject({
      id: sourceIdForUrl('https://example.org/events.ics'),
      url: 'https://example.org/events.ics',
      kind: 'industry-event',
      organization: null,
      defaultTags: [],
      refreshMinutes: 60,
      timeZone: null,
      health: { consecutiveFailures: 0, nextFetchAt: '2030-01-01T00:00:00.000Z', lastFetchAt: null },
    });
    expect(source.id).toMatch(/^src_[0-9a-f]{12}$/);
  });

  it('reports every invalid field by name', () => {
    expect(
      fieldErrors(() =>
        buildSource(
          {
            url: 'ftp://example.org/feed',
            kind: 'party' as never,
            defaultTags: ['Not A Tag'],
            refreshMinutes: 1,
            timeZone: 'Mars/Olympus',
          },
          now,
        ),
      ),
    ).toEqual({
      url: 'must be an http or https URL',
      kind: expect.stringContaining('industry-event'),
      'defaultTags.0': 'tags are lower-case words with dashes, at most 40 characters',
      refreshMinutes: expect.stringContaining('15'),
      timeZone: 'must be an IANA time zone such as Europe/Berlin',
    });
  });

  it('answers a URL that does not parse with a field error, not a crash', () => {
    expect(fieldErrors(() => buildSource({ url: 'not-a-url', kind: 'industry-event' }, now))).toEqual({
      url: 'must be an absolute URL',
    });
  });
});
