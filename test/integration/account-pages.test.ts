import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact } from '../../shared/contacts/add-contact.ts';
import { sendDigestBatch } from '../../shared/digest/send-digests.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { createContactDependencies } from '../../shared/store/contact-dependencies.ts';
import { createContactRepository } from '../../shared/store/contact-repository.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createSendLedger } from '../../shared/store/send-ledger.ts';
import { createSuppressionList } from '../../shared/store/suppression-list.ts';
import { createUserRepository, type UserRepository } from '../../shared/store/user-repository.ts';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.ts';
import { eventEntry } from '../support/event-entries.ts';
import { csrfIn, signInVisitor, type TestVisitor } from '../support/test-visitor.ts';

/*
 * The profile, calendar and digest preview pages as a browser without JavaScript meets them: the real
 * api handler over loopback HTTP, DynamoDB Local and SES local.
 */

let under: ApiUnderTest;
let users: UserRepository;

beforeAll(async () => {
  under = await startApiUnderTest();
  users = createUserRepository(under.table.documentClient, under.table.tableName);
});

afterAll(async () => {
  await under?.stop();
});

const emailFor = (name: string) => `${name}-${under.table.tableName}@example.org`;

async function signedIn(name: string): Promise<TestVisitor> {
  return (await signInVisitor(under.api.url, under.inbox, emailFor(name))).visitor;
}

const validProfileForm = (csrf: string) => ({
  csrf,
  name: 'Lena Schmidt',
  topics: ['kubernetes', 'devops'],
  keywords: 'Rust, platform engineering',
  places: 'Berlin, Germany\nOffice (52.52, 13.405, 10 km)',
  onlineOk: 'on',
  kinds: ['industry-event', 'peer-group'],
  followedOrganizations: 'CNCF Berlin',
  mutedWords: 'webinar',
  receiveDigest: 'on',
  digestDay: 'friday',
  digestHour: '7',
  timeZone: 'Europe/Berlin',
  reminderHour: '18',
});

describe('the profile and interests page', () => {
  it('sends a visitor without a session to sign in', async () => {
    const response = await fetch(`${under.api.url}/profile`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in');
  });

  it('shows every setting with a label and saves the whole form', async () => {
    const visitor = await signedIn('lena');
    const page = await visitor.request('/profile');
    expect(page.response.status).toBe(200);
    for (const field of [
      'name',
      'keywords',
      'places',
      'followedOrganizations',
      'mutedWords',
      'digestDay',
      'digestHour',
      'timeZone',
      'reminderHour',
    ])
      expect(page.text).toContain(`<label for="${field}">`);
    expect(page.text).toContain('<legend>Topics you care about</legend>');
    expect(page.text).toContain('<label for="topic-kubernetes">');

    const saved = await visitor.request('/profile', { form: validProfileForm(csrfIn(page.text)) });
    expect(saved.response.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe('/profile?done=saved');

    const profile = await users.getByEmail(emailFor('lena'));
    expect(profile).toMatchObject({
      name: 'Lena Schmidt',
      topics: ['kubernetes', 'devops'],
      keywords: ['rust', 'platform engineering'],
      places: [
        { kind: 'city', city: 'Berlin', country: 'Germany' },
        { kind: 'point', label: 'Office', latitude: 52.52, longitude: 13.405, radiusKm: 10 },
      ],
      onlineOk: true,
      kinds: ['industry-event', 'peer-group'],
      followedOrganizations: ['CNCF Berlin'],
      mutedWords: ['webinar'],
      paused: false,
      digestDay: 'friday',
      digestHour: 7,
      timeZone: 'Europe/Berlin',
      reminderHour: 18,
    });

    const again = await visitor.request('/profile?done=saved');
    expect(again.text).toContain('<p role="status" class="ok">Your interests are saved.</p>');
    expect(again.text).toMatch(/id="topic-kubernetes" name="topics" value="kubernetes" checked/);
    expect(again.text).not.toMatch(/id="topic-data" name="topics" value="data" checked/);
    expect(again.text).toContain('Office (52.52, 13.405, 10 km)');
    expect(again.text).toContain('<option value="Europe/Berlin" selected>');
  });

  it('answers a bad form with 400, a message per field, the values as typed, and changes nothing', async () => {
    const visitor = await signedIn('bad-form');
    const before = await users.getByEmail(emailFor('bad-form'));
    const page = await visitor.request('/profile');
    const bad = await visitor.request('/profile', {
      form: {
        ...validProfileForm(csrfIn(page.text)),
        keywords: 'kept as typed',
        timeZone: 'Mars/Olympus',
        digestHour: '25',
        places: 'Berlin\nNowhere (95, 10, 5 km)',
        kinds: [],
        topics: ['kubernetes', 'knitting'],
      },
    });
    expect(bad.response.status).toBe(400);
    expect(bad.text).toContain('role="alert"');
    expect(bad.text).toContain('Time zone: must be an IANA time zone such as Europe/Berlin');
    expect(bad.text).toContain('Digest hour:');
    expect(bad.text).toContain('Places, line 2:');
    expect(bad.text).toContain('Kinds of events: choose at least one kind of event');
    expect(bad.text).toContain('Topics, choice 2:');
    expect(bad.text).toContain('>kept as typed</textarea>');
    expect(bad.text).toMatch(/<select id="timeZone" name="timeZone" aria-invalid="true"/);
    const after = await users.getByEmail(emailFor('bad-form'));
    expect(after).toEqual(before);
  });

  it('refuses a post without the session CSRF token, and one from another session', async () => {
    const visitor = await signedIn('csrf-profile');
    const other = await signedIn('csrf-other');
    const otherToken = csrfIn((await other.request('/profile')).text);
    const before = await users.getByEmail(emailFor('csrf-profile'));
    for (const csrf of ['', otherToken]) {
      const refused = await visitor.request('/profile', {
        form: { ...validProfileForm(csrf), name: 'Forged' },
      });
      expect(refused.response.status).toBe(403);
      expect(refused.text).toContain('This form has expired');
    }
    expect(await users.getByEmail(emailFor('csrf-profile'))).toEqual(before);
  });

  it('pauses the digest when unticked, and ticking it again also undoes an unsubscribe', async () => {
    const visitor = await signedIn('pause');
    const page = await visitor.request('/profile');
    const { receiveDigest: _on, ...withoutDigest } = validProfileForm(csrfIn(page.text));
    await visitor.request('/profile', { form: withoutDigest });
    expect((await users.getByEmail(emailFor('pause')))?.paused).toBe(true);

    const current = await users.getByEmail(emailFor('pause'));
    if (!current) throw new Error('no profile');
    await users.save({ ...current, unsubscribed: true }, current);
    expect((await visitor.request('/profile')).text).not.toMatch(
      /id="receiveDigest" name="receiveDigest" value="on" checked/,
    );
    await visitor.request('/profile', { form: validProfileForm(csrfIn(page.text)) });
    expect(await users.getByEmail(emailFor('pause'))).toMatchObject({ paused: false, unsubscribed: false });
  });
});

describe('the calendar page', () => {
  it('shows the feed URL to copy and makes a new one on request; a forged post changes nothing', async () => {
    const visitor = await signedIn('calendar');
    const page = await visitor.request('/calendar');
    const urlOf = (html: string) => /id="calendar-url" type="text" readonly value="([^"]+)"/.exec(html)?.[1];
    const before = urlOf(page.text);
    expect(before).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cal\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(page.text).toContain(`href="${before?.replace(/^http:/, 'webcal:')}"`);

    expect((await visitor.request('/calendar/rotate', { form: { csrf: 'forged' } })).response.status).toBe(
      403,
    );
    expect(urlOf((await visitor.request('/calendar')).text)).toBe(before);

    const rotated = await visitor.request('/calendar/rotate', { form: { csrf: csrfIn(page.text) } });
    expect(rotated.response.status).toBe(303);
    const after = await visitor.request(rotated.response.headers.get('location') ?? '');
    expect(after.text).toContain('Your calendar has a new URL; the old one no longer works.');
    expect(urlOf(after.text)).not.toBe(before);
  });
});

describe('the digest preview', () => {
  it('shows this week’s digest exactly as the sender would mail it, with contacts due', async () => {
    const now = new Date();
    const events = createEventStore(under.table.documentClient, under.table.tableName);
    // After the next due digest (at most a week ahead) and inside its two-week window.
    // At noon UTC: an online event has to start in the reader's waking hours (Berlin, 07–22).
    const day = new Date(now.getTime() + 8 * 86_400_000);
    day.setUTCHours(12, 0, 0, 0);
    const start = day.toISOString().replace(/\.\d{3}Z$/, 'Z');
    await events.applySourceSync(
      'src_abcdefabcdef',
      planSourceSync(
        new Map(),
        [
          eventEntry('preview-1', {
            title: 'Kubernetes Preview Night',
            start,
            end: null,
            tags: ['kubernetes'],
            online: true,
            location: null,
            place: null,
          }),
        ],
        { now, allowRemovals: true },
      ),
      now,
    );
    const visitor = await signedIn('preview');
    const form = await visitor.request('/profile');
    await visitor.request('/profile', { form: validProfileForm(csrfIn(form.text)) });
    const profile = await users.getByEmail(emailFor('preview'));
    if (!profile) throw new Error('no profile');
    const contacts = createContactRepository(under.table.documentClient, under.table.tableName);
    // As the contacts page does: the contact and the user's reminder slot.
    await addContact(
      createContactDependencies(under.table.documentClient, under.table.tableName),
      profile,
      { name: 'Jonas Weber', relationship: 'mentor', lastContactedOn: '2026-01-05' },
      now,
    );

    const page = await visitor.request('/digest');
    expect(page.response.status).toBe(200);
    expect(page.response.headers.get('content-security-policy')).toContain("frame-src 'self'");
    expect(page.text).toContain('<iframe src="/digest/email.html" title="The digest email"');
    expect(page.text).not.toContain('No digest would be sent');
    const email = await visitor.request('/digest/email.html');
    expect(email.response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(email.text).toContain('Kubernetes Preview Night');
    expect(email.text).toContain('Jonas Weber');

    const preview = JSON.parse((await visitor.request('/api/digest/preview')).text) as {
      subject: string;
      text: string;
      isoWeek: string;
      nextDueAt: string;
      wouldSend: boolean;
    };
    expect(preview.wouldSend).toBe(true);
    expect(page.text).toContain(`<dd id="digest-subject">${preview.subject.replaceAll('&', '&amp;')}</dd>`);

    // What the sender mails for the same reader, week and window carries the same subject and text.
    const sent: string[] = [];
    const outcome = await sendDigestBatch(
      {
        users,
        events,
        contacts,
        ledger: createSendLedger(under.table.documentClient, under.table.tableName, 'digest'),
        suppression: createSuppressionList(under.table.documentClient, under.table.tableName),
        mailer: {
          sendRaw: async ({ raw }) => {
            sent.push(Buffer.from(raw).toString('utf8'));
            return { providerMessageId: 'captured' };
          },
        },
        identity: { from: 'Trellis <hello@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' },
        links: async () => ({ secret: Buffer.from('a-test-secret-that-is-long-enough-to-sign-links') }),
        publicBaseUrl: under.api.url,
        unsubscribeMailto: 'unsubscribe@trellis.test',
        windowDays: 14,
        logger: silentLogger,
      },
      [
        {
          messageId: '1',
          body: JSON.stringify({ userId: profile.id, isoWeek: preview.isoWeek, dueAt: preview.nextDueAt }),
        },
      ],
      new Date(preview.nextDueAt),
    );
    expect(outcome.outcomes[0]?.outcome).toBe('sent');
    const mail = await simpleParser(sent[0] ?? '');
    // Signed links carry their own expiry second, so only they may differ between the two renderings.
    const unsigned = (text: string) => text.replace(/\/a\/[A-Za-z0-9_.-]+/g, '/a/…').trim();
    expect(mail.subject).toBe(preview.subject);
    expect(unsigned(preview.text)).toBe(unsigned(mail.text ?? ''));
    expect(preview.text).toContain('Kubernetes Preview Night');
    expect(preview.text).toContain('Jonas Weber');
  });

  it('says when no digest would go out, and why', async () => {
    const visitor = await signedIn('quiet');
    const page = await visitor.request('/digest');
    expect(page.response.status).toBe(200);
    expect(page.text).toContain('No digest would be sent:</strong> nothing fits your interests');
    const api = await fetch(`${under.api.url}/api/digest/preview`);
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
  });
});
