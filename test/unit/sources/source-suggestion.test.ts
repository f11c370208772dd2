import { describe, expect, it } from 'vitest';
import { buildSource } from '../../../shared/sources/new-source.ts';
import {
  buildSourceSuggestion,
  isSuggestionId,
  suggestionIdForUrl,
} from '../../../shared/sources/source-suggestion.ts';
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

const urlProblem = (url: unknown) =>
  fieldErrors(() => buildSourceSuggestion({ url: url as string, kind: 'peer-group' }, 'usr_1', now)).url;

describe('buildSourceSuggestion', () => {
  it('builds a pending suggestion whose URL is normalized exactly as a source would be', () => {
    const suggestion = buildSourceSuggestion(
      {
        url: '  https://Events.Example.org/Cal.ics  ',
        kind: 'industry-event',
        organization: ' Example Org ',
        note: ' Monthly meetups ',
      },
      'usr_1',
      now,
    );
    expect(suggestion).toEqual({
      id: suggestionIdForUrl('https://events.example.org/Cal.ics'),
      url: 'https://events.example.org/Cal.ics',
      kind: 'industry-event',
      organization: 'Example Org',
      note: 'Monthly meetups',
      status: 'pending',
      suggestedBy: 'usr_1',
      suggestedAt: '2030-01-01T00:00:00.000Z',
      decidedBy: null,
      decidedAt: null,
    });
    expect(isSuggestionId(suggestion.id)).toBe(true);
    expect(buildSource({ url: suggestion.url, kind: suggestion.kind }, now).url).toBe(suggestion.url);
  });

  it('gives the same URL, however it is typed, the same id', () => {
    const a = buildSourceSuggestion(
      { url: 'HTTPS://example.org:443/feed', kind: 'peer-group' },
      'usr_1',
      now,
    );
    const b = buildSourceSuggestion({ url: 'https://example.org/feed', kind: 'peer-group' }, 'usr_2', now);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(
      buildSourceSuggestion({ url: 'https://example.org/other', kind: 'peer-group' }, 'usr_1', now).id,
    );
  });

  it('reads blank optional fields (as an HTML form sends them) as not given', () => {
    const suggestion = buildSourceSuggestion(
      { url: 'https://example.org/feed', kind: 'peer-group', organization: '  ', note: '' },
      'usr_1',
      now,
    );
    expect(suggestion).toMatchObject({ organization: null, note: null });
  });

  it('names every bad field with one clear message', () => {
    expect(
      fieldErrors(() =>
        buildSourceSuggestion(
          { url: '', kind: 'party' as never, organization: 'x'.repeat(201), note: 'y'.repeat(501) },
          'usr_1',
          now,
        ),
      ),
    ).toEqual({
      url: 'enter the feed URL',
      kind: 'choose one of: industry-event, professional-org, mentorship-program, peer-group',
      organization: 'must be at most 200 characters',
      note: 'must be at most 500 characters',
    });
  });

  it('refuses what is not an absolute http(s) URL of at most 2048 characters', () => {
    expect(urlProblem('events.example.org/feed')).toBe(
      'must be an absolute URL, such as https://example.org/events.ics',
    );
    expect(urlProblem('ftp://example.org/feed')).toBe('must be an http or https URL');
    expect(urlProblem(`https://example.org/${'a'.repeat(2048)}`)).toBe('must be at most 2048 characters');
    expect(urlProblem(undefined)).toBe('enter the feed URL');
  });

  it('refuses URLs the fetcher would never fetch, saying why, without looking the host up', () => {
    expect(urlProblem('http://127.0.0.1:8080/feed')).toBe(
      'Trellis would never fetch this: 127.0.0.1:8080 is a loopback address',
    );
    // The URL parser reads other spellings of an address as the address.
    expect(urlProblem('http://0x7f.1/feed')).toBe(
      'Trellis would never fetch this: 127.0.0.1 is a loopback address',
    );
    expect(urlProblem('http://169.254.169.254/latest/meta-data')).toBe(
      'Trellis would never fetch this: 169.254.169.254 is a link-local address (cloud metadata lives here)',
    );
    expect(urlProblem('http://10.0.0.5/feed')).toBe(
      'Trellis would never fetch this: 10.0.0.5 is a private address',
    );
    expect(urlProblem('http://[::1]/feed')).toBe(
      'Trellis would never fetch this: [::1] is a loopback address',
    );
    expect(urlProblem('http://localhost.:3000/feed')).toBe(
      'Trellis would never fetch this: localhost. is this machine, not a public feed',
    );
    expect(urlProblem('http://API.Localhost./feed')).toBe(
      'Trellis would never fetch this: api.localhost. is this machine, not a public feed',
    );
    expect(urlProblem('http://metadata.google.internal/computeMetadata/v1/')).toBe(
      'Trellis would never fetch this: metadata.google.internal is a private network name, not a public feed',
    );
    expect(urlProblem('https://nas.home.arpa/feed.ics')).toBe(
      'Trellis would never fetch this: nas.home.arpa is a private network name, not a public feed',
    );
    expect(urlProblem('http://localhost:3000/feed')).toBe(
      'Trellis would never fetch this: localhost is this machine, not a public feed',
    );
    expect(urlProblem('https://ana:secret@example.org/feed')).toBe(
      'Trellis would never fetch this: the URL for example.org carries a user name or password; feeds must be public',
    );
    expect(urlProblem('http://example.org:25/feed')).toBe(
      'Trellis would never fetch this: port 25 on example.org is not an HTTP port',
    );
  });

  it('accepts public addresses and names, on any HTTP port', () => {
    for (const url of [
      'http://93.184.215.14/feed',
      'https://example.org:8443/feed.ics',
      'http://[2606:4700::1]/x',
      // Private-sounding labels are fine where the name is public.
      'https://internal.example.org/feed.ics',
      'https://localhost.example.org/feed.ics',
    ])
      expect(buildSourceSuggestion({ url, kind: 'peer-group' }, 'usr_1', now).url).toBe(new URL(url).href);
  });
});
