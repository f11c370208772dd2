import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSource, sourceIdForUrl } from '../../shared/sources/new-source.ts';
import { suggestionIdForUrl } from '../../shared/sources/source-suggestion.ts';
import { createSourceRepository, type SourceRepository } from '../../shared/store/source-repository.ts';
import {
  createSourceSuggestionStore,
  type SourceSuggestionStore,
} from '../../shared/store/source-suggestion-store.ts';
import { createUserRepository, type UserRepository } from '../../shared/store/user-repository.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';
import { type ApiUnderTest, startApiUnderTest, testAdminEmail } from '../support/api-under-test.ts';
import { csrfIn, signInVisitor, type TestVisitor, testVisitor } from '../support/test-visitor.ts';

/*
 * Suggesting feeds and approving them, as a browser without JavaScript and as a script meet it: the
 * real api handler over loopback HTTP, DynamoDB Local and SES local. What the pages and the JSON claim is
 * checked against what the table holds.
 */

let under: ApiUnderTest;
let users: UserRepository;
let sources: SourceRepository;
let suggestions: SourceSuggestionStore;

interface Person {
  readonly visitor: TestVisitor;
  readonly profile: UserProfile;
  readonly csrf: string;
  /** A JSON call with the session's X-CSRF-Token. */
  api(method: string, path: string, body?: unknown): Promise<{ response: Response; text: string }>;
}

let admin: Person;
let ana: Person;
let ben: Person;

async function signedIn(email: string): Promise<Person> {
  const { visitor } = await signInVisitor(under.api.url, under.inbox, email);
  const profile = await users.getByEmail(email);
  if (!profile) throw new Error(`no profile for ${email}`);
  const csrf = csrfIn((await visitor.request('/sources')).text);
  return {
    visitor,
    profile,
    csrf,
    api: (method, path, body) =>
      visitor.request(path, {
        method,
        headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}

beforeAll(async () => {
  under = await startApiUnderTest();
  const { documentClient, tableName } = under.table;
  users = createUserRepository(documentClient, tableName);
  sources = createSourceRepository(documentClient, tableName);
  suggestions = createSourceSuggestionStore(documentClient, tableName);
  admin = await signedIn(testAdminEmail);
  ana = await signedIn(`ana-${tableName}@example.org`);
  ben = await signedIn(`ben-${tableName}@example.org`);
});

afterAll(async () => {
  await under?.stop();
});

const suggestForm = (person: Person, url: string, overrides: Record<string, string> = {}) => ({
  csrf: person.csrf,
  url,
  kind: 'peer-group',
  organization: 'Berlin Peers',
  note: 'Monthly evenings for people new to platform work',
  ...overrides,
});

const problemOf = (text: string) =>
  JSON.parse(text) as { status: number; title: string; errors?: { field: string; message: string }[] };

describe('without a session', () => {
  it('sends the page to sign-in and answers the JSON API with 401', async () => {
    const stranger = testVisitor(under.api.url);
    const page = await stranger.request('/sources');
    expect(page.response.status).toBe(303);
    expect(page.response.headers.get('location')).toBe('/sign-in');
    for (const [method, path] of [
      ['GET', '/api/sources'],
      ['GET', '/api/sources/suggestions'],
      ['POST', '/api/sources/suggestions'],
      ['POST', `/api/sources/suggestions/${suggestionIdForUrl('https://example.org/x')}/approve`],
    ] as const) {
      const answer = await stranger.request(path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'POST'
          ? { body: JSON.stringify({ url: 'https://example.org/x', kind: 'peer-group' }) }
          : {}),
      });
      expect(answer.response.status, `${method} ${path}`).toBe(401);
      expect(answer.response.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(await suggestions.listPending()).toEqual([]);
  });
});

describe('suggesting a feed', () => {
  it('lets any signed-in user suggest on the page and follow the suggestion; it waits for an admin', async () => {
    const url = 'https://peers.example.org/berlin.ics';
    const page = await ana.visitor.request('/sources');
    expect(page.response.status).toBe(200);
    expect(page.text).toContain('<label for="suggest-url">Feed URL</label>');
    expect(page.text).toContain('aria-current="page">Sources</a>');
    expect(page.text).not.toContain('Waiting for approval');

    const sent = await ana.visitor.request('/sources/suggestions', { form: suggestForm(ana, url) });
    expect(sent.response.status).toBe(303);
    expect(sent.response.headers.get('location')).toBe('/sources?done=suggested');
    expect(await suggestions.get(suggestionIdForUrl(url))).toMatchObject({
      url,
      kind: 'peer-group',
      organization: 'Berlin Peers',
      note: 'Monthly evenings for people new to platform work',
      status: 'pending',
      suggestedBy: ana.profile.id,
      decidedBy: null,
    });

    const after = await ana.visitor.request('/sources?done=suggested');
    expect(after.text).toContain(
      '<p role="status" class="ok">Thank you: your suggestion is waiting for an admin.</p>',
    );
    expect(after.text).toContain('Your suggestions');
    expect(after.text).toContain(`<code>${url}</code>`);
    expect(after.text).toContain('waiting for an admin');
    // Another user's page does not list it.
    expect((await ben.visitor.request('/sources')).text).not.toContain(url);
  });

  it('answers a URL Trellis would never fetch with a 400 naming the field, keeps the input and stores nothing', async () => {
    const before = await suggestions.listBySuggester(ana.profile.id, 50);
    const page = await ana.visitor.request('/sources/suggestions', {
      form: suggestForm(ana, 'http://169.254.169.254/latest/meta-data', { organization: 'Cloud & Co' }),
    });
    expect(page.response.status).toBe(400);
    expect(page.text).toMatch(/<div role="alert" class="problem"[^>]*><p>Please check the form/);
    expect(page.text).toContain(
      'Feed URL: Trellis would never fetch this: 169.254.169.254 is a link-local address (cloud metadata lives here)',
    );
    expect(page.text).toMatch(
      /<input id="suggest-url" name="url" aria-invalid="true" aria-describedby="[^"]*suggest-url-problem/,
    );
    expect(page.text).toContain('value="http://169.254.169.254/latest/meta-data"');
    expect(page.text).toContain('value="Cloud &amp; Co"');

    const missing = await ana.visitor.request('/sources/suggestions', {
      form: suggestForm(ana, 'example.org/feed', { kind: 'party' }),
    });
    expect(missing.response.status).toBe(400);
    expect(missing.text).toContain(
      'Feed URL: must be an absolute URL, such as https://example.org/events.ics',
    );
    expect(missing.text).toContain('Kind: choose one of:');

    const api = await ana.api('POST', '/api/sources/suggestions', {
      url: 'http://[::1]:8080/feed',
      kind: 'x',
    });
    expect(api.response.status).toBe(400);
    expect(problemOf(api.text).errors).toEqual([
      { field: 'url', message: 'Trellis would never fetch this: [::1]:8080 is a loopback address' },
      {
        field: 'kind',
        message: 'choose one of: industry-event, professional-org, mentorship-program, peer-group',
      },
    ]);
    expect(await suggestions.listBySuggester(ana.profile.id, 50)).toEqual(before);
  });

  it('suggests over the JSON API (201); the same feed again, or one that is a source, is a 409 that says so', async () => {
    const url = 'https://mentors.example.org/programs.json';
    const created = await ben.api('POST', '/api/sources/suggestions', {
      url,
      kind: 'mentorship-program',
      note: 'Spring cohort',
    });
    expect(created.response.status).toBe(201);
    expect(JSON.parse(created.text)).toMatchObject({
      suggestion: { id: suggestionIdForUrl(url), url, kind: 'mentorship-program', status: 'pending' },
    });

    // Typed differently, it is the same feed.
    const again = await ana.api('POST', '/api/sources/suggestions', {
      url: 'HTTPS://Mentors.Example.org/programs.json',
      kind: 'peer-group',
    });
    expect(again.response.status).toBe(409);
    expect(problemOf(again.text)).toMatchObject({
      title: 'That feed was suggested already',
      errors: [{ field: 'url', message: 'This feed was suggested already and is waiting for an admin.' }],
    });
    const onPage = await ana.visitor.request('/sources/suggestions', { form: suggestForm(ana, url) });
    expect(onPage.response.status).toBe(409);
    expect(onPage.text).toContain('Feed URL: This feed was suggested already and is waiting for an admin.');
    expect((await suggestions.get(suggestionIdForUrl(url)))?.suggestedBy).toBe(ben.profile.id);

    const read = buildSource(
      { url: 'https://read.example.org/events.ics', kind: 'industry-event' },
      new Date(),
    );
    await sources.create(read);
    const known = await ana.api('POST', '/api/sources/suggestions', { url: read.url, kind: 'peer-group' });
    expect(known.response.status).toBe(409);
    expect(problemOf(known.text)).toMatchObject({
      title: 'That feed is already a source',
      errors: [{ field: 'url', message: 'This feed is already a source: Trellis reads it.' }],
    });
    const knownOnPage = await ana.visitor.request('/sources/suggestions', {
      form: suggestForm(ana, read.url),
    });
    expect(knownOnPage.response.status).toBe(409);
    expect(knownOnPage.text).toContain('Feed URL: This feed is already a source: Trellis reads it.');
    expect(await suggestions.get(suggestionIdForUrl(read.url))).toBeNull();
  });

  it('refuses a form without its CSRF token and a JSON call without X-CSRF-Token with 403, writing nothing', async () => {
    const url = 'https://no-token.example.org/feed.ics';
    const page = await ana.visitor.request('/sources/suggestions', {
      form: { ...suggestForm(ana, url), csrf: '' },
    });
    expect(page.response.status).toBe(403);
    expect(page.text).toContain('This form has expired');
    const api = await ana.visitor.request('/api/sources/suggestions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url, kind: 'peer-group' }),
    });
    expect(api.response.status).toBe(403);
    expect(await suggestions.get(suggestionIdForUrl(url))).toBeNull();
  });
});

describe('the admin role', () => {
  it('is needed to approve or reject (403 page and problem) and to read sources and suggestions over JSON', async () => {
    const url = 'https://guild.example.org/events.ics';
    await ana.visitor.request('/sources/suggestions', { form: suggestForm(ana, url) });
    const id = suggestionIdForUrl(url);

    for (const action of ['approve', 'reject']) {
      const page = await ana.visitor.request(`/sources/suggestions/${id}/${action}`, {
        form: { csrf: ana.csrf, kind: 'industry-event' },
      });
      expect(page.response.status).toBe(403);
      expect(page.text).toContain('Only admins can do this');
      const api = await ana.api('POST', `/api/sources/suggestions/${id}/${action}`, {});
      expect(api.response.status).toBe(403);
      expect(problemOf(api.text).title).toBe('This needs the admin role');
    }
    expect((await ana.api('GET', '/api/sources')).response.status).toBe(403);
    expect((await ana.api('GET', '/api/sources/suggestions')).response.status).toBe(403);
    expect((await suggestions.get(id))?.status).toBe('pending');
    expect(await sources.get(sourceIdForUrl(url))).toBeNull();
  });

  it('needs the CSRF token too: an admin form without it is a 403 and decides nothing', async () => {
    const url = 'https://csrf-admin.example.org/events.ics';
    await ben.visitor.request('/sources/suggestions', { form: suggestForm(ben, url) });
    const id = suggestionIdForUrl(url);
    const page = await admin.visitor.request(`/sources/suggestions/${id}/approve`, {
      form: { kind: 'industry-event' },
    });
    expect(page.response.status).toBe(403);
    const api = await admin.visitor.request(`/api/sources/suggestions/${id}/reject`, { method: 'POST' });
    expect(api.response.status).toBe(403);
    expect((await suggestions.get(id))?.status).toBe('pending');
    expect(await sources.get(sourceIdForUrl(url))).toBeNull();
  });
});

describe('deciding suggestions as the admin', () => {
  it('shows pending suggestions; approving with changes makes the source, which then shows its health', async () => {
    const url = 'https://berlin-peers.example.org/meetups.ics';
    await ana.visitor.request('/sources/suggestions', {
      form: suggestForm(ana, url, { note: 'Ask for the <b>spring</b> list' }),
    });
    const id = suggestionIdForUrl(url);

    const page = await admin.visitor.request('/sources');
    expect(page.text).toMatch(/<h2>Waiting for approval \(\d+\)<\/h2>/);
    expect(page.text).toContain(`<h3 id="${id}-title"><code>${url}</code></h3>`);
    expect(page.text).toContain(`by ${ana.profile.email}`);
    expect(page.text).toContain('Ask for the &lt;b>spring&lt;/b> list');
    expect(page.text).toContain(`<form method="post" action="/sources/suggestions/${id}/approve">`);
    expect(page.text).toContain(`<label for="${id}-kind">Kind</label>`);

    const approved = await admin.visitor.request(`/sources/suggestions/${id}/approve`, {
      form: {
        csrf: admin.csrf,
        kind: 'professional-org',
        organization: 'Berlin Peers e.V.',
        refreshMinutes: '120',
        defaultTags: 'peers, berlin',
      },
    });
    expect(approved.response.status).toBe(303);
    expect(approved.response.headers.get('location')).toBe('/sources?done=approved');
    const source = await sources.get(sourceIdForUrl(url));
    expect(source).toMatchObject({
      url,
      kind: 'professional-org',
      organization: 'Berlin Peers e.V.',
      refreshMinutes: 120,
      defaultTags: ['peers', 'berlin'],
    });
    expect(await suggestions.get(id)).toMatchObject({ status: 'approved', decidedBy: admin.profile.id });
    // The person who suggested it is told, once, with the feed's address.
    const told = (await under.inbox()).filter(
      (mail) =>
        mail.destination.to.some((to) => to.includes(ana.profile.email)) &&
        mail.subject === 'Your suggested feed was approved',
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.body.text).toContain(url);

    const after = await admin.visitor.request('/sources?done=approved');
    expect(after.text).toContain('Approved: the feed is now a source and is fetched within minutes.');
    expect(after.text).not.toContain(`<h3 id="${id}-title">`);
    expect(after.text).toMatch(
      /<th scope="row">Berlin Peers e\.V\.<br\/><code>https:\/\/berlin-peers\.example\.org\/meetups\.ics<\/code>/,
    );
    expect(after.text).toContain('format not known yet');
    expect(after.text).toContain('<th scope="col">Problems</th>');
    expect(after.text).toContain(`<code>${url}</code>: approved`);

    // Its health as the ingest records it: last fetch, last success, last error with the failures, event count.
    if (!source) throw new Error('no source');
    await sources.saveHealth(source.id, {
      ...source.health,
      lastFetchAt: '2030-03-04T05:06:07.000Z',
      lastSuccessAt: '2030-03-01T00:00:00.000Z',
      lastError: 'HTTP 503 from berlin-peers.example.org',
      consecutiveFailures: 3,
      lastEventCount: 12,
      lastFormat: 'icalendar',
      nextFetchAt: '2030-03-04T07:06:07.000Z',
    });
    const health = (await admin.visitor.request('/sources')).text;
    const row = health.slice(
      health.indexOf('Berlin Peers e.V.<br/>'),
      health.indexOf('</tr>', health.indexOf('Berlin Peers e.V.<br/>')),
    );
    expect(row).toContain('format icalendar');
    // In the admin's own zone (UTC here), never a bare instant.
    expect(row).toContain('<time datetime="2030-03-04T05:06:07.000Z">Mon 4 Mar, 05:06 UTC</time>');
    expect(row).toContain('<time datetime="2030-03-01T00:00:00.000Z">Fri 1 Mar, 00:00 UTC</time>');
    expect(row).toContain('HTTP 503 from berlin-peers.example.org');
    expect(row).toContain('3 failed fetches in a row');
    expect(row).toContain('<td>12</td>');
    expect(row).toContain('Mon 4 Mar, 07:06 UTC');

    // The suggester sees the outcome; approving again is a 409; the feed can no longer be suggested.
    expect((await ana.visitor.request('/sources')).text).toContain('approved: Trellis reads it');
    const twice = await admin.visitor.request(`/sources/suggestions/${id}/approve`, {
      form: { csrf: admin.csrf, kind: 'peer-group' },
    });
    expect(twice.response.status).toBe(409);
    expect(twice.text).toContain('That suggestion was approved already.');
    expect((await sources.get(source.id))?.kind).toBe('professional-org');
    const listed = JSON.parse((await admin.api('GET', '/api/sources')).text) as {
      sources: { url: string }[];
    };
    expect(listed.sources.map((one) => one.url)).toContain(url);
    expect(
      (await ben.api('POST', '/api/sources/suggestions', { url, kind: 'peer-group' })).response.status,
    ).toBe(409);
  });

  it("shows a bad approval again with 400, the admin's values and per-field messages, and writes nothing", async () => {
    const url = 'https://careful.example.org/feed.rss';
    await ben.visitor.request('/sources/suggestions', { form: suggestForm(ben, url) });
    const id = suggestionIdForUrl(url);
    const page = await admin.visitor.request(`/sources/suggestions/${id}/approve`, {
      form: {
        csrf: admin.csrf,
        kind: 'peer-group',
        organization: 'Careful',
        refreshMinutes: '5',
        defaultTags: 'Not_A_Tag',
      },
    });
    expect(page.response.status).toBe(400);
    expect(page.text).toContain('Fetch every (minutes): must be at least 15 minutes');
    expect(page.text).toMatch(
      new RegExp(`<input id="${id}-refresh" name="refreshMinutes" aria-invalid="true"[^>]*value="5"`),
    );

    const tags = await admin.visitor.request(`/sources/suggestions/${id}/approve`, {
      form: {
        csrf: admin.csrf,
        kind: 'peer-group',
        organization: 'Careful',
        refreshMinutes: '60',
        defaultTags: 'Not_A_Tag',
      },
    });
    expect(tags.response.status).toBe(400);
    expect(tags.text).toContain(
      'Tags for its events: tags are lower-case words with dashes, at most 40 characters',
    );
    expect(tags.text).toContain('value="Not_A_Tag"');
    expect(await sources.get(sourceIdForUrl(url))).toBeNull();
    expect((await suggestions.get(id))?.status).toBe('pending');
  });

  it('rejects on the page: the suggestion is closed and no source is made', async () => {
    const url = 'https://spam.example.org/feed.ics';
    await ben.visitor.request('/sources/suggestions', { form: suggestForm(ben, url) });
    const id = suggestionIdForUrl(url);
    const rejected = await admin.visitor.request(`/sources/suggestions/${id}/reject`, {
      form: { csrf: admin.csrf },
    });
    expect(rejected.response.status).toBe(303);
    expect(rejected.response.headers.get('location')).toBe('/sources?done=rejected');
    expect(await suggestions.get(id)).toMatchObject({ status: 'rejected', decidedBy: admin.profile.id });
    expect(await sources.get(sourceIdForUrl(url))).toBeNull();
    expect((await admin.visitor.request('/sources?done=rejected')).text).toContain(
      `<code>${url}</code>: rejected`,
    );
    expect((await ben.visitor.request('/sources')).text).toContain('not accepted');
    const again = await ana.api('POST', '/api/sources/suggestions', { url, kind: 'peer-group' });
    expect(problemOf(again.text).errors?.[0]?.message).toBe(
      'This feed was suggested before and an admin did not accept it.',
    );
    const unknown = await admin.visitor.request('/sources/suggestions/sug_000000000000/reject', {
      form: { csrf: admin.csrf },
    });
    expect(unknown.response.status).toBe(404);
  });

  it('lists, approves and rejects over the JSON API: 404 unknown, 409 decided, 400 bad changes', async () => {
    const first = 'https://api-one.example.org/feed.json';
    const second = 'https://api-two.example.org/feed.json';
    await ben.api('POST', '/api/sources/suggestions', { url: first, kind: 'peer-group' });
    await ben.api('POST', '/api/sources/suggestions', { url: second, kind: 'peer-group' });
    const pending = JSON.parse((await admin.api('GET', '/api/sources/suggestions')).text) as {
      suggestions: { url: string; status: string }[];
    };
    expect(pending.suggestions.map((one) => one.url)).toEqual(expect.arrayContaining([first, second]));
    expect(pending.suggestions.every((one) => one.status === 'pending')).toBe(true);

    const firstId = suggestionIdForUrl(first);
    const bad = await admin.api('POST', `/api/sources/suggestions/${firstId}/approve`, {
      refreshMinutes: 'often',
    });
    expect(bad.response.status).toBe(400);
    expect(problemOf(bad.text).errors).toEqual([
      { field: 'refreshMinutes', message: 'must be a whole number of minutes' },
    ]);
    const notJson = await admin.visitor.request(`/api/sources/suggestions/${firstId}/approve`, {
      method: 'POST',
      headers: { 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.response.status).toBe(400);
    expect(await sources.get(sourceIdForUrl(first))).toBeNull();

    const approved = await admin.api('POST', `/api/sources/suggestions/${firstId}/approve`, {
      kind: 'industry-event',
    });
    expect(approved.response.status).toBe(200);
    expect(JSON.parse(approved.text)).toMatchObject({
      suggestion: { id: firstId, status: 'approved' },
      source: { id: sourceIdForUrl(first), url: first, kind: 'industry-event' },
    });
    expect((await sources.get(sourceIdForUrl(first)))?.kind).toBe('industry-event');
    expect((await admin.api('POST', `/api/sources/suggestions/${firstId}/approve`, {})).response.status).toBe(
      409,
    );
    expect((await admin.api('POST', `/api/sources/suggestions/${firstId}/reject`)).response.status).toBe(409);

    const secondId = suggestionIdForUrl(second);
    const rejected = await admin.api('POST', `/api/sources/suggestions/${secondId}/reject`);
    expect(rejected.response.status).toBe(200);
    expect(JSON.parse(rejected.text)).toMatchObject({ suggestion: { id: secondId, status: 'rejected' } });

    for (const id of ['sug_000000000000', 'not-an-id']) {
      const unknown = await admin.api('POST', `/api/sources/suggestions/${id}/approve`, {});
      expect(unknown.response.status, id).toBe(404);
      expect(problemOf(unknown.text).title).toBe('No such suggestion');
    }
    const stillPending = JSON.parse((await admin.api('GET', '/api/sources/suggestions')).text) as {
      suggestions: { url: string }[];
    };
    expect(stillPending.suggestions.map((one) => one.url)).not.toContain(first);
    expect(stillPending.suggestions.map((one) => one.url)).not.toContain(second);
  });
});
