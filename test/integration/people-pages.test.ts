import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import type { EventPerson } from '../../shared/feeds/feed-event.ts';
import { personKey } from '../../shared/people/person-name.ts';
import { createContactRepository } from '../../shared/store/contact-repository.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createProfileDependencies } from '../../shared/store/profile-dependencies.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';
import { updateProfile } from '../../shared/users/update-profile.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.ts';
import { eventEntry } from '../support/event-entries.ts';
import { csrfIn, signInVisitor } from '../support/test-visitor.ts';

/*
 * People worth meeting through the real api handler: events naming speakers in the table, a reader
 * whose topics match some of them, the page, the JSON API, and "Add as potential mentor" making a
 * contact at the stage "to reach out".
 */

let under: ApiUnderTest;
const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const speaker = (name: string): EventPerson => ({
  name,
  key: personKey(name),
  role: 'speaker',
  from: 'field',
});

beforeAll(async () => {
  under = await startApiUnderTest();
  const events = createEventStore(under.table.documentClient, under.table.tableName);
  // Noon UTC: inside any waking hours the reader's zone (UTC by default) has.
  const now = Math.floor(Date.now() / dayMs) * dayMs + 12 * 3_600_000;
  const entries = [
    eventEntry('lead-1', {
      title: 'Leading Teams Night',
      start: iso(now + 3 * dayMs),
      end: null,
      online: true,
      place: null,
      location: null,
      tags: ['leadership'],
      people: [speaker('Dr. Priya Natarajan')],
    }),
    eventEntry('lead-2', {
      title: 'Engineering Leadership Day',
      start: iso(now + 10 * dayMs),
      end: null,
      online: true,
      place: null,
      location: null,
      tags: ['leadership'],
      people: [speaker('Priya Natarajan'), speaker('Tom Berg')],
    }),
    eventEntry('k8s', {
      title: 'Kubernetes Deep Dive',
      start: iso(now + 5 * dayMs),
      end: null,
      online: true,
      place: null,
      location: null,
      tags: ['kubernetes'],
      people: [speaker('Tom Berg'), speaker('Ola Nordmann')],
    }),
    eventEntry('k8s-2', {
      title: 'Cluster Ops',
      start: iso(now + 6 * dayMs),
      end: null,
      online: true,
      place: null,
      location: null,
      tags: ['kubernetes'],
      people: [speaker('Ola Nordmann')],
    }),
  ];
  await events.applySourceSync(
    'src_people0000',
    planSourceSync(new Map(), entries, { now: new Date(now), allowRemovals: true }),
    new Date(now),
  );
}, 120_000);

afterAll(async () => {
  await under?.stop();
});

describe('people worth meeting', () => {
  it('suggests the speaker of the reader’s matching events, and adds them as a potential mentor', async () => {
    const email = `reader-${under.table.tableName}@example.org`;
    const { visitor } = await signInVisitor(under.api.url, under.inbox, email);
    const users = createUserRepository(under.table.documentClient, under.table.tableName);
    const profile = (await users.getByEmail(email)) as UserProfile;
    await updateProfile(
      createProfileDependencies(under.table.documentClient, under.table.tableName),
      profile,
      { topics: ['leadership'], onlineOk: true },
      new Date(),
    );

    const json = await visitor.request('/api/people/suggested');
    expect(json.response.status).toBe(200);
    const { people } = JSON.parse(json.text) as {
      people: { name: string; why: string; sharedTopics: string[] }[];
    };
    expect(people.map((person) => person.name)).toEqual(['Dr. Priya Natarajan']);
    expect(people[0]?.why).toMatch(/^Speaks at 2 Leadership events you match: /);

    const page = await visitor.request('/people');
    expect(page.response.status).toBe(200);
    expect(page.text).toContain('Dr. Priya Natarajan');
    expect(page.text).toContain('Add as potential mentor');
    expect(page.text).not.toContain('Ola Nordmann');

    const added = await visitor.request('/people/potential-mentors', {
      form: { csrf: csrfIn(page.text), name: 'Dr. Priya Natarajan', topics: 'leadership' },
    });
    expect(added.response.status).toBe(303);
    expect(added.response.headers.get('location')).toBe('/people?done=added');
    expect((await visitor.request('/people?done=added')).text).toContain('Added as a potential mentor');
    const contacts = await createContactRepository(
      under.table.documentClient,
      under.table.tableName,
    ).listForUser(profile.id);
    expect(contacts).toMatchObject([
      {
        name: 'Dr. Priya Natarajan',
        relationship: 'potential-mentor',
        stage: 'to-reach-out',
        topics: ['leadership'],
      },
    ]);
    // Now a contact, no longer a suggestion.
    const after = JSON.parse((await visitor.request('/api/people/suggested')).text) as { people: unknown[] };
    expect(after.people).toEqual([]);
  });

  it('refuses the add without the session’s CSRF token, and asks a visitor to sign in', async () => {
    const anonymous = await fetch(new URL('/api/people/suggested', under.api.url));
    expect(anonymous.status).toBe(401);
    const email = `other-${under.table.tableName}@example.org`;
    const { visitor } = await signInVisitor(under.api.url, under.inbox, email);
    const refused = await visitor.request('/people/potential-mentors', { form: { name: 'Someone Else' } });
    expect(refused.response.status).toBe(403);
  });
});
