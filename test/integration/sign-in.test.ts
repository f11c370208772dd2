import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSignIn } from '../../shared/auth/sign-in.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import type { LocalHttpApi } from '../../shared/local/http-api-adapter.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { canonicalIdFor, createEventStore } from '../../shared/store/event-store.ts';
import { createSignInStore } from '../../shared/store/sign-in-store.ts';
import { createSuppressionList } from '../../shared/store/suppression-list.ts';
import { createUserRepository, type UserRepository } from '../../shared/store/user-repository.ts';
import { buildUserProfile } from '../../shared/users/profile-input.ts';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.ts';
import { eventEntry } from '../support/event-entries.ts';
import type { StoredMail } from '../support/local-ses.ts';
import type { LocalTable } from '../support/local-table.ts';
import {
  csrfIn,
  signInLinkFor as mailedSignInLink,
  signInVisitor,
  testVisitor,
} from '../support/test-visitor.ts';

/*
 * The api Lambda handler itself behind the local HTTP API adapter, against DynamoDB Local and SES local:
 * sign-in links, sessions, CSRF, rate limits and /api/me as a browser or a script meets them.
 */

let under: ApiUnderTest;
let table: LocalTable;
let api: LocalHttpApi;
let inbox: () => Promise<StoredMail[]>;
let users: UserRepository;

beforeAll(async () => {
  under = await startApiUnderTest();
  ({ table, api, inbox } = under);
  users = createUserRepository(table.documentClient, table.tableName);
});

afterAll(async () => {
  await under?.stop();
});

const browser = () => testVisitor(api.url);
const signInLinkFor = (email: string) => mailedSignInLink(inbox, email);
const signIn = (email: string) => signInVisitor(api.url, inbox, email);

describe('passwordless sign-in', () => {
  it('signs a new person up: the emailed link, opened and confirmed, makes a confirmed account and a session', async () => {
    const email = `new-${table.tableName}@example.org`;
    const visitor = browser();
    const form = await visitor.request('/sign-in');
    expect(form.text).toContain('<label for="email">Email address</label>');
    const sent = await visitor.request('/sign-in', { form: { email, csrf: csrfIn(form.text) } });
    expect(sent.text).toContain('a sign-in link is on its way');
    expect(await users.getByEmail(email)).toBeNull();

    const link = await signInLinkFor(email);
    expect(link).toMatch(/\/sign-in\/[A-Za-z0-9_-]{43}$/);
    // Opening the link (a mail scanner does) signs nobody in and uses nothing up.
    const question = await visitor.request(new URL(link).pathname);
    expect(question.text).toContain('<form method="post">');
    expect(await users.getByEmail(email)).toBeNull();

    const done = await visitor.request(new URL(link).pathname, { form: { csrf: csrfIn(question.text) } });
    expect(done.response.status).toBe(303);
    expect(done.response.headers.get('location')).toBe('/account?firstSignIn=1');
    const cookie = done.response.headers.getSetCookie().find((entry) => entry.startsWith('trellis_session='));
    expect(cookie).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/);
    expect((await users.getByEmail(email))?.emailConfirmed).toBe(true);

    const mailsTo = async () =>
      (await inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(email)));
    expect((await mailsTo()).map((mail) => mail.subject)).toEqual([
      'Your Trellis sign-in link',
      'Welcome to Trellis: your address is confirmed',
    ]);
    expect((await mailsTo())[1]?.body.text).toContain(`${api.url}/profile`);

    const account = await visitor.request('/account?firstSignIn=1');
    expect(account.text).toContain('Your address is confirmed.');
    expect(account.text).toMatch(/webcal:\/\/127\.0\.0\.1:\d+\/cal\/[A-Za-z0-9_-]{43}\.ics/);
  });

  it('confirms an existing unconfirmed address on the first sign-in, and a link works once', async () => {
    const email = `lea-${table.tableName}@example.org`;
    await users.create(buildUserProfile({ email }, new Date()));
    const { visitor, link, done } = await signIn(email);
    expect(done.response.headers.get('location')).toBe('/account?firstSignIn=1');
    expect((await users.getByEmail(email))?.emailConfirmed).toBe(true);
    const question = await visitor.request(new URL(link).pathname);
    const again = await visitor.request(new URL(link).pathname, { form: { csrf: csrfIn(question.text) } });
    expect(again.response.status).toBe(410);
    const later = await signIn(email);
    expect(later.done.response.headers.get('location')).toBe('/account');
    const welcomes = (await inbox()).filter(
      (mail) => mail.destination.to.some((to) => to.includes(email)) && mail.subject.startsWith('Welcome'),
    );
    expect(welcomes).toHaveLength(1);
    expect(again.text).toContain('This sign-in link does not work');
  });

  it('refuses a sign-in form or link POST without the CSRF token of the page', async () => {
    const email = `csrf-${table.tableName}@example.org`;
    const visitor = browser();
    await visitor.request('/sign-in');
    const forged = await visitor.request('/sign-in', { form: { email, csrf: 'x'.repeat(22) } });
    expect(forged.response.status).toBe(403);
    expect(await signInLinkFor(email)).toBe('');
  });

  it('limits sign-in links per address (5 an hour) and per client (20 an hour)', async () => {
    const email = `busy-${table.tableName}@example.org`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const visitor = browser();
      const form = await visitor.request('/sign-in');
      statuses.push(
        (await visitor.request('/sign-in', { form: { email, csrf: csrfIn(form.text) } })).response.status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // Per client, at the domain level: the local HTTP adapter sees every request from 127.0.0.1.
    const deps = {
      signIns: createSignInStore(table.documentClient, table.tableName),
      users,
      suppression: createSuppressionList(table.documentClient, table.tableName),
      mailer: { sendRaw: async () => ({ providerMessageId: 'dropped' }) },
      identity: { from: 'Trellis <hello@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' },
      publicBaseUrl: api.url,
      logger: silentLogger,
    };
    const perClient: string[] = [];
    for (let attempt = 0; attempt < 21; attempt++) {
      perClient.push(
        await requestSignIn(
          deps,
          { email: `c${attempt}-${table.tableName}@example.org` },
          '10.9.9.9',
          new Date(),
        ),
      );
    }
    expect(perClient.slice(0, 20).every((outcome) => outcome === 'sent')).toBe(true);
    expect(perClient[20]).toBe('rate-limited');
  });

  it('answers /api/me with problem+json: 401 without a session, 403 without the CSRF header, 400 per field, and no partial write', async () => {
    const email = `me-${table.tableName}@example.org`;
    expect((await browser().request('/api/me')).response.status).toBe(401);
    const { visitor } = await signIn(email);
    const me = await visitor.request('/api/me');
    expect(me.response.status).toBe(200);
    const csrf = me.response.headers.get('x-csrf-token') ?? '';
    expect((JSON.parse(me.text) as { profile: { email: string } }).profile.email).toBe(email);

    const noToken = await visitor.request('/api/me', {
      method: 'PATCH',
      body: JSON.stringify({ digestHour: 7 }),
    });
    expect(noToken.response.status).toBe(403);
    expect(noToken.response.headers.get('content-type')).toBe('application/problem+json');

    const invalid = await visitor.request('/api/me', {
      method: 'PATCH',
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ digestHour: 7, timeZone: 'Mars/Olympus', topics: ['knitting'] }),
    });
    expect(invalid.response.status).toBe(400);
    expect(
      (JSON.parse(invalid.text) as { errors: { field: string }[] }).errors.map((error) => error.field),
    ).toEqual(['timeZone', 'topics.0']);
    expect((await users.getByEmail(email))?.digestHour).toBe(8);

    const valid = await visitor.request('/api/me', {
      method: 'PATCH',
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ digestHour: 7, topics: ['kubernetes'] }),
    });
    expect(valid.response.status).toBe(200);
    expect((await users.getByEmail(email))?.digestHour).toBe(7);
  });

  it('signs out every session of a user on "Sign out everywhere", and a new sign-in works after it', async () => {
    const email = `everywhere-${table.tableName}@example.org`;
    const laptop = await signIn(email);
    const phone = await signIn(email);
    expect((await phone.visitor.request('/api/me')).response.status).toBe(200);

    const account = await laptop.visitor.request('/account');
    expect(account.text).toContain('action="/sign-out/everywhere"');
    const forged = await laptop.visitor.request('/sign-out/everywhere', { form: { csrf: 'forged' } });
    expect(forged.response.status).toBe(403);
    expect((await phone.visitor.request('/api/me')).response.status).toBe(200);

    const out = await laptop.visitor.request('/sign-out/everywhere', {
      form: { csrf: csrfIn(account.text) },
    });
    expect(out.response.status).toBe(303);
    expect(out.response.headers.get('location')).toBe('/sign-in');
    // The phone kept its cookie, but that session was issued before: it no longer works anywhere.
    expect(phone.visitor.jar.has('trellis_session')).toBe(true);
    expect((await phone.visitor.request('/api/me')).response.status).toBe(401);
    expect((await phone.visitor.request('/account')).response.headers.get('location')).toBe('/sign-in');
    expect((await phone.visitor.request('/api/contacts')).response.status).toBe(401);

    const again = await signIn(email);
    expect((await again.visitor.request('/api/me')).response.status).toBe(200);
  });

  it("never lets one user's session read or change another's data, and rejects an altered cookie", async () => {
    const first = await signIn(`first-${table.tableName}@example.org`);
    const second = await signIn(`second-${table.tableName}@example.org`);
    const secondMe = JSON.parse((await second.visitor.request('/api/me')).text) as {
      profile: { email: string };
    };
    expect(secondMe.profile.email).toBe(`second-${table.tableName}@example.org`);
    const session = first.visitor.jar.get('trellis_session') ?? '';
    const [body, mac] = session.split('.');
    const payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as { u: string };
    const other = await users.getByEmail(`second-${table.tableName}@example.org`);
    const forgedBody = Buffer.from(JSON.stringify({ ...payload, u: other?.id })).toString('base64url');
    first.visitor.jar.set('trellis_session', `${forgedBody}.${mac}`);
    expect((await first.visitor.request('/api/me')).response.status).toBe(401);
    expect((await first.visitor.request('/account')).response.headers.get('location')).toBe('/sign-in');
  });
});

describe("a signed-in user's own data over the JSON API", () => {
  async function signedIn(name: string) {
    const { visitor } = await signIn(`${name}-${table.tableName}@example.org`);
    const csrf = (await visitor.request('/api/me')).response.headers.get('x-csrf-token') ?? '';
    const call = (method: string, path: string, body?: unknown) =>
      visitor.request(path, {
        method,
        headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    return { visitor, call };
  }

  it('adds, lists, changes, marks talked and removes contacts; another user reaches none of them', async () => {
    const ana = await signedIn('ana-api');
    const created = await ana.call('POST', '/api/contacts', {
      name: 'Jonas',
      relationship: 'mentor',
      lastContactedOn: '2026-01-01',
    });
    expect(created.response.status).toBe(201);
    const { contact } = JSON.parse(created.text) as { contact: { id: string; nextDueOn: string } };
    expect(contact.nextDueOn).toBe('2026-02-12');

    const bad = await ana.call('POST', '/api/contacts', { name: '', relationship: 'boss' });
    expect(bad.response.status).toBe(400);
    expect(
      (JSON.parse(bad.text) as { errors: { field: string }[] }).errors.map((error) => error.field).sort(),
    ).toEqual(['name', 'relationship']);

    const changed = await ana.call('PATCH', `/api/contacts/${contact.id}`, {
      cadence: { every: 2, unit: 'weeks' },
    });
    expect((JSON.parse(changed.text) as { contact: { nextDueOn: string } }).contact.nextDueOn).toBe(
      '2026-01-15',
    );
    const talked = await ana.call('POST', `/api/contacts/${contact.id}/talked`);
    expect(
      (JSON.parse(talked.text) as { contact: { lastContactedOn: string } }).contact.lastContactedOn,
    ).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const ben = await signedIn('ben-api');
    expect(JSON.parse((await ben.call('GET', '/api/contacts')).text)).toEqual({ contacts: [] });
    expect(
      (await ben.call('PATCH', `/api/contacts/${contact.id}`, { name: 'Mine now' })).response.status,
    ).toBe(404);
    expect((await ben.call('DELETE', `/api/contacts/${contact.id}`)).response.status).toBe(404);

    const withoutToken = await ana.visitor.request(`/api/contacts/${contact.id}`, { method: 'DELETE' });
    expect(withoutToken.response.status).toBe(403);
    expect((await ana.call('DELETE', `/api/contacts/${contact.id}`)).response.status).toBe(204);
    expect(JSON.parse((await ana.call('GET', '/api/contacts')).text)).toEqual({ contacts: [] });
  });

  it('gives the calendar URL and rotates it: the old one answers no more', async () => {
    const ana = await signedIn('cal-api');
    const before = JSON.parse((await ana.call('GET', '/api/calendar')).text) as { https: string };
    const after = JSON.parse((await ana.call('POST', '/api/calendar/rotate')).text) as { https: string };
    expect(after.https).not.toBe(before.https);
    expect(JSON.parse((await ana.call('GET', '/api/calendar')).text)).toEqual(after);
  });

  it('saves an event and mails the invitation; an unknown event is a 404', async () => {
    const now = new Date();
    const events = createEventStore(table.documentClient, table.tableName);
    const start = new Date(now.getTime() + 5 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await events.applySourceSync(
      'src_eeeeeeeeeeee',
      planSourceSync(new Map(), [eventEntry('api-save', { title: 'API Saved Meetup', start, end: null })], {
        now,
        allowRemovals: true,
      }),
      now,
    );
    const eventId = canonicalIdFor('src_eeeeeeeeeeee', 'api-save');
    const ana = await signedIn('save-api');
    const saved = await ana.call('POST', '/api/saved-events', { eventId });
    expect(saved.response.status).toBe(201);
    expect(JSON.parse(saved.text)).toMatchObject({ saved: 'saved', invite: 'sent-invite' });
    const mails = (await inbox()).filter((mail) =>
      mail.destination.to.some((to) => to.includes(`save-api-${table.tableName}`)),
    );
    expect(mails.map((mail) => mail.subject)).toContainEqual(
      expect.stringMatching(/^Invitation: API Saved Meetup · /),
    );
    expect(
      (await ana.call('POST', '/api/saved-events', { eventId: 'evt_00000000000000000000' })).response.status,
    ).toBe(404);
    expect((await ana.call('POST', '/api/saved-events', { eventId: 'nope' })).response.status).toBe(400);
  });
});
