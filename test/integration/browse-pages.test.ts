import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventContent } from '../../shared/events/event-content.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import type { StoredEvent } from '../../shared/events/stored-event.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createProfileDependencies } from '../../shared/store/profile-dependencies.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';
import { updateProfile } from '../../shared/users/update-profile.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';
import { zoneGuessScript } from '../../shared/web/zone-guess-script.ts';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.ts';
import { eventEntry } from '../support/event-entries.ts';
import { csrfIn, signInLinkFor, signInVisitor, testVisitor } from '../support/test-visitor.ts';

/*
 * Browsing through the real api handler, DynamoDB Local and SES local: `/events` and `/api/events`
 * with their filters, search and cursor, the zone of a visitor who is not signed in (guessed from the
 * browser's language, chosen with `tz`, kept in a cookie), an event's page and its `.ics`, saving and
 * "not interested" from it, a topic's and an organization's page with "Follow", and a sign-up that
 * confirms the time zone its page guessed.
 */

let under: ApiUnderTest;
const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** 18:00 UTC, two days from now: 19:00 in Berlin, 13:00 in New York (in winter). */
const firstMeetup = Math.floor(Date.now() / dayMs) * dayMs + 2 * dayMs + 18 * 3_600_000;
const bareInstant = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const seed: [string, string, Partial<EventContent>][] = [
  ...[0, 1, 2, 3].map((week): [string, string, Partial<EventContent>] => [
    'src_browse00001',
    `meetup-${week}`,
    {
      title: 'Kubernetes Berlin Meetup',
      description: 'Talks about operators and platform teams.',
      start: iso(firstMeetup + week * 7 * dayMs),
      end: iso(firstMeetup + week * 7 * dayMs + 2 * 3_600_000),
      timeZone: 'Europe/Berlin',
      tags: ['kubernetes', 'cloud'],
      organization: 'CNCF Berlin',
      location: 'c-base, Rungestraße 20, Berlin, Germany',
      place: { name: 'c-base', address: 'Rungestraße 20', city: 'Berlin', country: 'Germany' },
    },
  ]),
  [
    'src_browse00002',
    'circle',
    {
      title: 'Remote Leadership Circle',
      description: 'A peer circle for new engineering managers.',
      start: iso(firstMeetup + dayMs),
      end: null,
      timeZone: 'America/New_York',
      online: true,
      location: null,
      place: null,
      tags: ['leadership'],
      kind: 'mentorship-program',
      organization: 'Lead Together',
    },
  ],
  [
    'src_browse00003',
    'data-night',
    {
      title: 'Data Night',
      description: 'Postgres at scale, then drinks.',
      start: iso(firstMeetup + 3 * dayMs),
      end: null,
      tags: ['data'],
      organization: 'Data Munich',
      location: 'Werk1, München, Germany',
      place: { name: 'Werk1', address: null, city: 'München', country: 'Germany' },
      url: 'https://data.example/night',
    },
  ],
];

let events: StoredEvent[] = [];
const eventTitled = (title: string) => {
  const event = events.find((one) => one.title === title);
  if (!event) throw new Error(`no event ${title}`);
  return event;
};

beforeAll(async () => {
  under = await startApiUnderTest();
  const store = createEventStore(under.table.documentClient, under.table.tableName);
  const now = new Date();
  for (const sourceId of new Set(seed.map(([source]) => source))) {
    const entries = seed
      .filter(([source]) => source === sourceId)
      .map(([, id, content]) => eventEntry(id, content));
    await store.applySourceSync(
      sourceId,
      planSourceSync(new Map(), entries, { now, allowRemovals: true }),
      now,
    );
  }
  events = await store.listStartingBetween(now, new Date(now.getTime() + 60 * dayMs));
}, 120_000);

afterAll(async () => {
  await under?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, under.api.url), { headers, redirect: 'manual' });
const visibleText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<script>[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ');

async function apiTitles(query: string): Promise<string[]> {
  const response = await get(`/api/events?${query}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { events: StoredEvent[] };
  return body.events.map((event) => event.title);
}

describe('/events for a visitor who is not signed in', () => {
  it("lists the days in the zone of the browser's language, a weekly series once, no ISO instant", async () => {
    const response = await get('/events', { 'accept-language': 'de-DE,de;q=0.9' });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(
      "Times are in <strong>Europe/Berlin</strong> (guessed from your browser's language)",
    );
    expect(html.match(/>Kubernetes Berlin Meetup</g)).toHaveLength(1);
    expect(html).toMatch(/every \w+day, 19:00 · next \w{3} \d{1,2} \w{3}/);
    expect(html).toContain('19:00–21:00 CET');
    expect(html).toContain('<a href="/topics/kubernetes">Kubernetes</a>');
    expect(html).toContain('<a href="/organizations/cncf-berlin">CNCF Berlin</a>');
    expect(visibleText(html)).not.toMatch(bareInstant);
  });

  it('filters by topic, kind, organization, city (aliases folded), online, and searches the text', async () => {
    expect(await apiTitles('topic=leadership')).toEqual(['Remote Leadership Circle']);
    expect(await apiTitles('kind=mentorship-program')).toEqual(['Remote Leadership Circle']);
    expect(new Set(await apiTitles('org=cncf-berlin'))).toEqual(new Set(['Kubernetes Berlin Meetup']));
    expect(await apiTitles('city=Munich')).toEqual(['Data Night']);
    expect(await apiTitles('online=true')).toEqual(['Remote Leadership Circle']);
    expect(await apiTitles('q=postgr')).toEqual(['Data Night']);
    expect(await apiTitles('q=werk1 munchen')).toEqual(['Data Night']);
    expect(await apiTitles('near=52.52,13.40&km=30')).toContain('Kubernetes Berlin Meetup');
    expect(await apiTitles('near=52.52,13.40&km=30')).not.toContain('Data Night');
    expect(await apiTitles('near=Munich&km=30')).toEqual(['Data Night']);
    expect((await get('/api/events?near=Qwxzy%20Nowhere')).status).toBe(400);
    const page = await (await get('/events?topic=leadership')).text();
    expect(page).toContain('Remote Leadership Circle');
    expect(page).not.toContain('Data Night');
    expect(page).toContain('<option value="leadership" selected>');
  });

  it('pages a filtered window with a cursor that keeps the filter', async () => {
    const first = await get(
      `/api/events?topic=kubernetes&limit=3&to=${encodeURIComponent(iso(Date.now() + 40 * dayMs))}`,
    );
    const body = (await first.json()) as { events: StoredEvent[]; next: string | null };
    expect(body.events.map((event) => event.title)).toEqual(Array(3).fill('Kubernetes Berlin Meetup'));
    expect(body.next).toMatch(/^\/api\/events\?from=.*topic=kubernetes.*&cursor=/);
    const second = (await (await get(body.next ?? '')).json()) as {
      events: StoredEvent[];
      next: string | null;
    };
    expect(second.events).toHaveLength(1);
    expect(second.next).toBeNull();
  });

  it('refuses an unknown topic or kind with a 400 naming the field', async () => {
    const response = await get('/api/events?topic=astrology&kind=party');
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((error) => error.field).sort()).toEqual(['kind', 'topic']);
  });

  it('shows times in a zone chosen with tz, and keeps it in a cookie for the next page', async () => {
    const visitor = testVisitor(under.api.url);
    const chosen = await visitor.request('/events?tz=America/New_York');
    expect(chosen.text).toContain('Times are in <strong>America/New York</strong> (as you chose)');
    expect(chosen.text).toContain('13:00–15:00 EST');
    const meetup = eventTitled('Kubernetes Berlin Meetup');
    const page = await visitor.request(`/events/${meetup.id}`);
    expect(page.text).toContain('(your time, America/New York)');
    // A cookie that is not a zone (or not even percent-encoding) is ignored, never a 500.
    for (const cookie of ['trellis_tz=%E0%A4', 'trellis_tz=Mars%2FOlympus']) {
      const response = await get('/events', { cookie });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('(no zone chosen yet)');
    }
    expect(page.text).toMatch(/19:00–21:00 CET <small>\(local time, Europe\/Berlin\)/);
  });
});

describe("an event's page", () => {
  it('shows when, where with a map link, who, the sources and its .ics, and asks a visitor to sign in to save', async () => {
    const event = eventTitled('Data Night');
    const response = await get(`/events/${event.id}`, { 'accept-language': 'de-DE' });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<h1>Data Night</h1>');
    expect(html).toContain(
      'href="https://www.openstreetmap.org/search?query=Werk1%2C%20M%C3%BCnchen%2C%20Germany"',
    );
    expect(html).toContain('<a href="/organizations/data-munich">Data Munich</a>');
    expect(html).toContain('<a href="https://data.example/night">data.example</a>');
    expect(html).toContain(`href="/events/${event.id}.ics"`);
    expect(html).toContain('<a href="/sign-in">Sign in to save</a>');
    expect(visibleText(html)).not.toMatch(bareInstant);

    const ics = await get(`/events/${event.id}.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const body = await ics.text();
    expect(body).toContain('SUMMARY:Data Night');
    expect(body).toContain(`UID:${event.id}@trellis`);
  });

  it('is a 404 page with the way back for an unknown event', async () => {
    const response = await get('/events/evt_00000000000000000000');
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<h1>Event not found</h1>');
    expect(html).toContain('<a href="/events">Browse the upcoming events</a>');
    expect((await get('/api/events/evt_00000000000000000000')).status).toBe(404);
  });
});

describe('signed in', () => {
  async function reader() {
    const email = `browse-${Math.random().toString(36).slice(2)}@example.org`;
    const { visitor } = await signInVisitor(under.api.url, under.inbox, email);
    const users = createUserRepository(under.table.documentClient, under.table.tableName);
    const profile = async () => (await users.getByEmail(email)) as UserProfile;
    return { visitor, profile };
  }

  it('saves an event from its page and marks another not interested', async () => {
    const { visitor, profile } = await reader();
    const event = eventTitled('Data Night');
    const page = await visitor.request(`/events/${event.id}`);
    expect(page.text).toContain('aria-current="page">Events</a>');
    const csrf = csrfIn(page.text);
    const saved = await visitor.request(`/events/${event.id}/save`, { form: { csrf } });
    expect(saved.response.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe(`/events/${event.id}?done=saved`);
    const after = await visitor.request(`/events/${event.id}?done=saved`);
    expect(after.text).toContain('Added to your calendar');
    const list = await visitor.request('/api/saved-events');
    expect(list.text).toContain(event.id);

    const other = eventTitled('Remote Leadership Circle');
    const marked = await visitor.request(`/events/${other.id}/not-interested`, { form: { csrf } });
    expect(marked.response.status).toBe(303);
    expect((await profile()).notInterested.map((mark) => mark.eventId)).toContain(other.id);

    const forged = await visitor.request(`/events/${event.id}/save`, { form: { csrf: 'forged' } });
    expect(forged.response.status).toBe(403);
  });

  it('follows a topic from its page, which shows its public feed', async () => {
    const { visitor, profile } = await reader();
    const page = await visitor.request('/topics/kubernetes');
    expect(page.response.status).toBe(200);
    expect(page.text).toContain('<h1>Kubernetes</h1>');
    expect(page.text).toContain(`value="${under.api.url}/cal/topics/kubernetes.ics"`);
    expect(page.text).toContain('Kubernetes Berlin Meetup');
    const followed = await visitor.request('/topics/kubernetes/follow', {
      form: { csrf: csrfIn(page.text) },
    });
    expect(followed.response.headers.get('location')).toBe('/topics/kubernetes?done=followed');
    expect((await profile()).topics).toContain('kubernetes');
    expect((await visitor.request('/topics/kubernetes')).text).toContain('You follow this topic.');
    expect((await get('/topics/astrology')).status).toBe(404);
  });

  it("follows an organization from its page, through the organizations' follow", async () => {
    const { visitor, profile } = await reader();
    const page = await visitor.request('/organizations/cncf-berlin');
    expect(page.response.status).toBe(200);
    expect(page.text).toContain('<h1>CNCF Berlin</h1>');
    expect(page.text).toContain('Kubernetes Berlin Meetup');
    expect(page.text).not.toContain('Data Night');
    const followed = await visitor.request('/organizations/cncf-berlin/follow', {
      form: { csrf: csrfIn(page.text), organization: 'CNCF Berlin' },
    });
    expect(followed.response.status).toBe(303);
    expect((await profile()).followedOrganizations).toEqual(['CNCF Berlin']);
    expect((await visitor.request('/organizations/cncf-berlin')).text).toContain('You follow CNCF Berlin.');
  });

  it('shows "for you" with the why, and everything on asking', async () => {
    const { visitor, profile } = await reader();
    await updateProfile(
      createProfileDependencies(under.table.documentClient, under.table.tableName),
      await profile(),
      { topics: ['data'], places: [{ kind: 'city', city: 'Munich', country: 'Germany' }] },
      new Date(),
    );
    const forYou = await visitor.request('/events');
    expect(forYou.text).toContain('aria-current="page">For you</a>');
    expect(forYou.text).toContain('Data Night');
    expect(forYou.text).toContain('Why:');
    expect(forYou.text).not.toContain('Remote Leadership Circle');
    const everything = await visitor.request('/events?view=everything');
    expect(everything.text).toContain('Remote Leadership Circle');
  });

  it('the overview knows who is signed in', async () => {
    const { visitor } = await reader();
    const page = await visitor.request('/');
    expect(page.text).toContain('Signed in as <strong>browse-');
    expect(visibleText(page.text)).not.toMatch(bareInstant);
  });
});

describe('signing up', () => {
  it("confirms the zone its page guessed from the browser's language; the script is allowed by its hash", async () => {
    const email = `zone-${Math.random().toString(36).slice(2)}@example.org`;
    const visitor = testVisitor(under.api.url);
    const form = await visitor.request('/sign-in');
    await visitor.request('/sign-in', { form: { email, csrf: csrfIn(form.text) } });
    const link = new URL(await signInLinkFor(under.inbox, email)).pathname;
    const question = await visitor.request(link, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(question.text).toContain('<label for="timeZone">Your time zone</label>');
    expect(question.text).toContain('<option value="America/New_York" selected>');
    expect(question.text).toContain(`<script>${zoneGuessScript}</script>`);
    const hash = createHash('sha256').update(zoneGuessScript).digest('base64');
    expect(question.response.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}'`);

    const wrong = await visitor.request(link, {
      form: { csrf: csrfIn(question.text), timeZone: 'Mars/Olympus' },
    });
    expect(wrong.response.status).toBe(400);
    expect(wrong.text).toContain('Your time zone: choose one from the list.');

    const done = await visitor.request(link, {
      form: { csrf: csrfIn(question.text), timeZone: 'America/Chicago' },
    });
    expect(done.response.status).toBe(303);
    const users = createUserRepository(under.table.documentClient, under.table.tableName);
    expect((await users.getByEmail(email))?.timeZone).toBe('America/Chicago');

    // Signing in again: the account has its zone, the page asks nothing more.
    await visitor.request('/sign-in', { form: { email, csrf: csrfIn(form.text) } });
    const again = await visitor.request(new URL(await signInLinkFor(under.inbox, email)).pathname);
    expect(again.text).not.toContain('Your time zone');
  });
});
