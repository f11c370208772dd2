import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEventTime } from '../../shared/digest/format-event-time.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { type LocalHttpApi, startLocalHttpApi } from '../../shared/local/http-api-adapter.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { canonicalIdFor, createEventStore, type EventStore } from '../../shared/store/event-store.ts';
import { createSavedEventStore, type SavedEventStore } from '../../shared/store/saved-event-store.ts';
import { createUserRepository, type UserRepository } from '../../shared/store/user-repository.ts';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.ts';
import { eventEntry } from '../support/event-entries.ts';
import type { StoredMail } from '../support/local-ses.ts';
import { csrfIn, signInVisitor } from '../support/test-visitor.ts';

/*
 * "Remove from my calendar" as a person meets it: the real api handler (JSON API and the /calendar
 * page) and the calendar-feed handler over loopback HTTP, DynamoDB Local, and SES local's inbox.
 */

const sourceId = 'src_ffffffffffff';
let under: ApiUnderTest;
let feedApi: LocalHttpApi;
let users: UserRepository;
let events: EventStore;
let savedEvents: SavedEventStore;

function daysFromNow(days: number, hourUtc: number): string {
  const day = new Date(Date.now() + days * 86_400_000);
  day.setUTCHours(hourUtc, 30, 0, 0);
  return day.toISOString().replace('.000Z', 'Z');
}

const entries = [
  eventEntry('summit', { title: 'Platform Summit', start: daysFromNow(6, 8), end: daysFromNow(6, 15) }),
  eventEntry('meetup', { title: 'Rust & Coffee', start: daysFromNow(4, 17), end: null }),
  eventEntry('past', { title: 'Last Month Meetup', start: daysFromNow(-30, 17), end: null }),
  eventEntry('k8s', {
    title: 'Kubernetes Night',
    start: daysFromNow(5, 17),
    end: null,
    tags: ['kubernetes'],
  }),
];
const summitId = canonicalIdFor(sourceId, 'summit');
const meetupId = canonicalIdFor(sourceId, 'meetup');
const pastId = canonicalIdFor(sourceId, 'past');
const k8sId = canonicalIdFor(sourceId, 'k8s');

beforeAll(async () => {
  under = await startApiUnderTest();
  // The env is the api's (table, link secret): the feed function reads the same.
  const { handler } = await import('../../functions/calendar-feed.ts');
  feedApi = await startLocalHttpApi([{ pathPrefix: '/cal/', functionName: 'calendar-feed', handler }], {
    port: 0,
    logger: silentLogger,
  });
  users = createUserRepository(under.table.documentClient, under.table.tableName);
  events = createEventStore(under.table.documentClient, under.table.tableName);
  savedEvents = createSavedEventStore(under.table.documentClient, under.table.tableName);
  const now = new Date();
  await events.applySourceSync(
    sourceId,
    planSourceSync(new Map(), entries, { now, allowRemovals: true }),
    now,
  );
});

afterAll(async () => {
  await feedApi?.stop();
  await under?.stop();
});

const emailFor = (name: string) => `${name}-${under.table.tableName}@example.org`;

async function signedIn(name: string) {
  const { visitor } = await signInVisitor(under.api.url, under.inbox, emailFor(name));
  const csrf = (await visitor.request('/api/me')).response.headers.get('x-csrf-token') ?? '';
  const call = (method: string, path: string, body?: unknown) =>
    visitor.request(path, {
      method,
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const savedList = async () =>
    (JSON.parse((await call('GET', '/api/saved-events')).text) as { savedEvents: { eventId: string }[] })
      .savedEvents;
  /** The titles in the user's secret feed, fetched as a calendar app does. */
  const feedTitles = async () => {
    const { https } = JSON.parse((await call('GET', '/api/calendar')).text) as { https: string };
    const response = await fetch(`${feedApi.url}${new URL(https).pathname}`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(response.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    return calendar
      .getAllSubcomponents('vevent')
      .map((vevent) => String(vevent.getFirstPropertyValue('summary')));
  };
  return { visitor, call, savedList, feedTitles, email: emailFor(name) };
}

type InboxMail = StoredMail & {
  attachments: { content: string; contentType: string; filename?: string }[];
};

/** The invitation emails SES took for one address, oldest first, with their text/calendar part read. */
async function invitesTo(email: string) {
  const mails = (await under.inbox()) as InboxMail[];
  return mails
    .filter((mail) => mail.destination.to.some((to) => to.includes(email)))
    .flatMap((mail) => {
      const part = mail.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'));
      if (!part) return [];
      const calendar = new ICAL.Component(ICAL.parse(Buffer.from(part.content, 'base64').toString('utf8')));
      const vevent = calendar.getFirstSubcomponent('vevent') as ICAL.Component;
      return [
        {
          subject: mail.subject,
          text: mail.body.text ?? '',
          method: calendar.getFirstPropertyValue('method'),
          uid: vevent.getFirstPropertyValue('uid'),
          sequence: vevent.getFirstPropertyValue('sequence'),
        },
      ];
    });
}

describe('the saved-events API', () => {
  it('lists what was saved; DELETE cancels the invitation by mail and takes it out of the list and the feed; saving again re-invites', async () => {
    const ana = await signedIn('ana');
    expect((await ana.call('POST', '/api/saved-events', { eventId: summitId })).response.status).toBe(201);
    expect((await ana.call('POST', '/api/saved-events', { eventId: meetupId })).response.status).toBe(201);
    await savedEvents.save((await users.getByEmail(ana.email))?.id ?? '', pastId, new Date());

    const listed = await ana.savedList();
    // Soonest first; the past one is left out.
    expect(listed).toEqual([
      {
        eventId: meetupId,
        title: 'Rust & Coffee',
        start: entries[1]?.content.start,
        end: null,
        allDay: false,
        status: 'confirmed',
        savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
      expect.objectContaining({
        eventId: summitId,
        title: 'Platform Summit',
        start: entries[0]?.content.start,
      }),
    ]);
    expect(await ana.feedTitles()).toEqual(expect.arrayContaining(['Platform Summit', 'Rust & Coffee']));
    expect((await invitesTo(ana.email)).map(({ method, sequence }) => [method, sequence])).toEqual([
      ['REQUEST', 0],
      ['REQUEST', 0],
    ]);

    // No X-CSRF-Token: refused, nothing changes.
    const forged = await ana.visitor.request(`/api/saved-events/${summitId}`, { method: 'DELETE' });
    expect(forged.response.status).toBe(403);
    expect((await ana.savedList()).map((item) => item.eventId)).toEqual([meetupId, summitId]);

    expect((await ana.call('DELETE', `/api/saved-events/${summitId}`)).response.status).toBe(204);
    const afterRemoval = await invitesTo(ana.email);
    expect(afterRemoval).toHaveLength(3);
    expect(afterRemoval[2]).toMatchObject({
      subject: expect.stringMatching(/^Removed from your calendar: Platform Summit · /),
      method: 'CANCEL',
      uid: `${summitId}@trellis`,
      sequence: 1,
    });
    expect(afterRemoval[2]?.text).toContain('You removed this event from your saved events in Trellis');
    expect((await ana.savedList()).map((item) => item.eventId)).toEqual([meetupId]);
    const titles = await ana.feedTitles();
    expect(titles).toContain('Rust & Coffee');
    expect(titles).not.toContain('Platform Summit');

    // Removing again: the same answer, no second cancellation.
    expect((await ana.call('DELETE', `/api/saved-events/${summitId}`)).response.status).toBe(204);
    expect(await invitesTo(ana.email)).toHaveLength(3);

    const again = await ana.call('POST', '/api/saved-events', { eventId: summitId });
    expect(again.response.status).toBe(201);
    expect(JSON.parse(again.text)).toMatchObject({ saved: 'saved', invite: 'sent-invite' });
    expect((await invitesTo(ana.email))[3]).toMatchObject({
      subject: expect.stringMatching(/^Invitation: Platform Summit · /),
      method: 'REQUEST',
      uid: `${summitId}@trellis`,
      sequence: 2,
    });
    expect((await ana.savedList()).map((item) => item.eventId)).toEqual([meetupId, summitId]);
    expect(await ana.feedTitles()).toContain('Platform Summit');
  });

  it('answers 404 for an event the user did not save, and another user’s DELETE changes nothing', async () => {
    const ben = await signedIn('ben');
    const eve = await signedIn('eve');
    expect((await ben.call('POST', '/api/saved-events', { eventId: meetupId })).response.status).toBe(201);

    expect((await eve.call('DELETE', `/api/saved-events/${meetupId}`)).response.status).toBe(404);
    expect((await eve.call('DELETE', '/api/saved-events/evt_00000000000000000000')).response.status).toBe(
      404,
    );
    expect((await eve.call('DELETE', '/api/saved-events/not-an-id')).response.status).toBe(404);
    expect(await eve.savedList()).toEqual([]);

    expect((await ben.savedList()).map((item) => item.eventId)).toEqual([meetupId]);
    expect(await invitesTo(ben.email)).toHaveLength(1);
    expect(await invitesTo(eve.email)).toEqual([]);
    const benId = (await users.getByEmail(ben.email))?.id ?? '';
    expect(await savedEvents.get(benId, meetupId)).toMatchObject({ removedAt: null });
  });

  it('keeps a removed event out of the feed even where it fits the user’s interests', async () => {
    const gus = await signedIn('gus');
    const profile = await users.getByEmail(gus.email);
    if (!profile) throw new Error('no profile');
    await users.save(
      { ...profile, topics: ['kubernetes'], places: [{ kind: 'city', city: 'Berlin', country: null }] },
      profile,
    );
    expect(await gus.feedTitles()).toContain('Kubernetes Night');
    await gus.call('POST', '/api/saved-events', { eventId: k8sId });
    expect((await gus.call('DELETE', `/api/saved-events/${k8sId}`)).response.status).toBe(204);
    expect(await gus.feedTitles()).not.toContain('Kubernetes Night');
  });
});

describe('the saved events on the calendar page', () => {
  it('lists them in the user’s zone, each with a remove form that cancels the invitation', async () => {
    const carl = await signedIn('carl');
    const profile = await users.getByEmail(carl.email);
    if (!profile) throw new Error('no profile');
    await users.save({ ...profile, timeZone: 'America/New_York' }, profile);
    const empty = await carl.visitor.request('/calendar');
    expect(empty.text).toContain('<h2>Events you saved</h2>');
    expect(empty.text).toContain('You have not saved any upcoming events.');

    await carl.call('POST', '/api/saved-events', { eventId: summitId });
    const page = await carl.visitor.request('/calendar');
    const summit = await events.get(summitId);
    if (!summit) throw new Error('no event');
    expect(page.text).toContain('<h3>Platform Summit</h3>');
    expect(page.text).toContain(`<p>${formatEventTime(summit, 'America/New_York')}</p>`);
    expect(formatEventTime(summit, 'America/New_York')).toMatch(/ E[SD]T$/);
    const action = `/calendar/saved/${summitId}/remove`;
    expect(page.text).toContain(`<form method="post" action="${action}">`);
    expect(page.text).toContain(
      'Remove from my calendar<span class="visually-hidden">: Platform Summit</span></button>',
    );

    // A forged form: 403, the event stays.
    expect((await carl.visitor.request(action, { form: { csrf: 'forged' } })).response.status).toBe(403);
    expect((await carl.visitor.request(action, { form: {} })).response.status).toBe(403);
    expect((await carl.savedList()).map((item) => item.eventId)).toEqual([summitId]);

    const removed = await carl.visitor.request(action, { form: { csrf: csrfIn(page.text) } });
    expect(removed.response.status).toBe(303);
    expect(removed.response.headers.get('location')).toBe('/calendar?done=removed');
    const after = await carl.visitor.request('/calendar?done=removed');
    expect(after.text).toContain('<p role="status" class="ok">The event is removed from your calendar.</p>');
    expect(after.text).not.toContain('<h3>Platform Summit</h3>');
    expect(after.text).toContain('You have not saved any upcoming events.');
    expect((await invitesTo(carl.email)).map(({ method, sequence }) => [method, sequence])).toEqual([
      ['REQUEST', 0],
      ['CANCEL', 1],
    ]);
  });

  it('answers 404 for another user’s saved event or an unknown one, and removes nothing', async () => {
    const dana = await signedIn('dana');
    const fred = await signedIn('fred');
    await dana.call('POST', '/api/saved-events', { eventId: meetupId });
    const page = await fred.visitor.request('/calendar');
    const csrf = csrfIn(page.text);

    const foreign = await fred.visitor.request(`/calendar/saved/${meetupId}/remove`, { form: { csrf } });
    expect(foreign.response.status).toBe(404);
    expect(foreign.text).toContain('This event is not among the events you saved, so nothing was changed.');
    const unknown = await fred.visitor.request('/calendar/saved/evt_00000000000000000000/remove', {
      form: { csrf },
    });
    expect(unknown.response.status).toBe(404);
    expect((await dana.savedList()).map((item) => item.eventId)).toEqual([meetupId]);
    expect(await invitesTo(dana.email)).toHaveLength(1);
  });
});
