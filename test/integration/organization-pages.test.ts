import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { createMembershipRepository } from '../../shared/store/membership-repository.ts';
import { createProfileDependencies } from '../../shared/store/profile-dependencies.ts';
import { createReminderSlots } from '../../shared/store/reminder-slots.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';
import { updateProfile } from '../../shared/users/update-profile.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.ts';
import { eventEntry } from '../support/event-entries.ts';
import { csrfIn, signInVisitor, type TestVisitor } from '../support/test-visitor.ts';

/*
 * The organizations page and its JSON API through the real api handler, DynamoDB Local and SES local:
 * a reader sees the organization behind their matching events with the why, follows it, marks a
 * membership with a renewal date (and gets the date wrong first), and leaves again.
 */

let under: ApiUnderTest;
const dayMs = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

beforeAll(async () => {
  under = await startApiUnderTest();
  const events = createEventStore(under.table.documentClient, under.table.tableName);
  // 17:00 UTC, a waking hour wherever the reader is told it (online events at night are not matched).
  const start = Math.floor(Date.now() / dayMs) * dayMs + 17 * 3_600_000;
  const entries = [1, 2].map((n) =>
    eventEntry(`wie-${n}`, {
      title: `Engineering Leadership Evening ${n} <b>`,
      start: iso(start + n * 4 * dayMs),
      end: null,
      online: true,
      place: null,
      location: null,
      tags: ['leadership'],
      kind: 'professional-org',
      organization: 'Women in Engineering Network',
      url: `https://wie.example/events/${n}`,
    }),
  );
  await events.applySourceSync(
    'src_wieorg00000',
    planSourceSync(new Map(), entries, { now: new Date(), allowRemovals: true }),
    new Date(),
  );
}, 120_000);

afterAll(async () => {
  await under?.stop();
});

async function reader(): Promise<{ visitor: TestVisitor; profile: UserProfile }> {
  const email = `orgs-${Math.random().toString(36).slice(2)}-${under.table.tableName}@example.org`;
  const { visitor } = await signInVisitor(under.api.url, under.inbox, email);
  const users = createUserRepository(under.table.documentClient, under.table.tableName);
  const profile = (await users.getByEmail(email)) as UserProfile;
  const updated = await updateProfile(
    createProfileDependencies(under.table.documentClient, under.table.tableName),
    profile,
    { topics: ['leadership'], onlineOk: true },
    new Date(),
  );
  return { visitor, profile: updated };
}

describe('the organizations page', () => {
  it('shows the organization with the why, follows it, and records a membership with its renewal date', async () => {
    const { visitor, profile } = await reader();
    const page = await visitor.request('/organizations');
    expect(page.response.status).toBe(200);
    expect(page.text).toContain('<h1>Organizations</h1>');
    expect(page.text).toContain('Women in Engineering Network');
    expect(page.text).toContain('Professional organization');
    expect(page.text).toContain('2 events you match in the next 90 days');
    expect(page.text).toContain('Engineering Leadership Evening 1 &lt;b>');
    expect(page.text).toMatch(/href="https:\/\/wie\.example\/?"/);
    expect(page.text).toContain('aria-current="page">Organizations</a>');
    const csrf = csrfIn(page.text);

    const follow = await visitor.request('/organizations/follow', {
      form: { csrf, organization: 'Women in Engineering Network' },
    });
    expect(follow.response.status).toBe(303);
    expect(follow.response.headers.get('location')).toBe('/organizations?done=followed');
    const users = createUserRepository(under.table.documentClient, under.table.tableName);
    expect((await users.get(profile.id))?.followedOrganizations).toEqual(['Women in Engineering Network']);
    const followed = await visitor.request('/organizations?done=followed');
    expect(followed.text).toContain('Followed: their events rank higher in your digest.');
    expect(followed.text).toMatch(/Unfollow<span class="visually-hidden"> Women in Engineering Network/);

    const memberships = createMembershipRepository(under.table.documentClient, under.table.tableName);
    const wrong = await visitor.request('/organizations/membership', {
      form: { csrf, organization: 'Women in Engineering Network', renewsOn: '2031-02-30' },
    });
    expect(wrong.response.status).toBe(400);
    expect(wrong.text).toContain('Renews on: must be a real calendar date');
    expect(wrong.text).toContain('value="2031-02-30"');
    expect(wrong.text).toContain('aria-invalid="true"');
    expect(await memberships.listForUser(profile.id)).toEqual([]);

    const member = await visitor.request('/organizations/membership', {
      form: { csrf, organization: 'Women in Engineering Network', renewsOn: '2031-02-28' },
    });
    expect(member.response.status).toBe(303);
    const [stored] = await memberships.listForUser(profile.id);
    expect(stored?.renewsOn).toBe('2031-02-28');
    const slots = createReminderSlots(under.table.documentClient, under.table.tableName);
    expect(await slots.get(profile.id)).not.toBeNull();
    const after = await visitor.request('/organizations');
    expect(after.text).toContain('You are a member');
    expect(after.text).toContain('renews Fri 28 Feb 2031');

    const left = await visitor.request('/organizations/leave', {
      form: { csrf, organization: 'Women in Engineering Network' },
    });
    expect(left.response.status).toBe(303);
    expect(await memberships.listForUser(profile.id)).toEqual([]);
    expect(await slots.get(profile.id)).toBeNull();
  });

  it('answers the same as JSON, with the session’s CSRF header, and 401 without a session', async () => {
    const { visitor } = await reader();
    const suggested = await visitor.request('/api/organizations/suggested');
    expect(suggested.response.status).toBe(200);
    const body = JSON.parse(suggested.text) as {
      organizations: { name: string; relevantEventCount: number; why: string[] }[];
    };
    expect(body.organizations[0]).toMatchObject({
      name: 'Women in Engineering Network',
      relevantEventCount: 2,
    });

    const csrf = (await visitor.request('/api/me')).response.headers.get('x-csrf-token') ?? '';
    const json = { 'content-type': 'application/json' };
    const refused = await visitor.request('/api/organizations/membership', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ organization: 'Open Mentorship Program' }),
    });
    expect(refused.response.status).toBe(403);
    const created = await visitor.request('/api/organizations/membership', {
      method: 'POST',
      headers: { ...json, 'x-csrf-token': csrf },
      body: JSON.stringify({ organization: 'Open Mentorship Program', renewsOn: null }),
    });
    expect(created.response.status).toBe(201);
    expect(JSON.parse(created.text).membership).toMatchObject({
      organization: 'Open Mentorship Program',
      renewsOn: null,
    });
    const bad = await visitor.request('/api/organizations/membership', {
      method: 'POST',
      headers: { ...json, 'x-csrf-token': csrf },
      body: JSON.stringify({ organization: 'Open Mentorship Program', renewsOn: 'soon' }),
    });
    expect(bad.response.status).toBe(400);
    expect(JSON.parse(bad.text).errors).toEqual([
      { field: 'renewsOn', message: 'must be a date as YYYY-MM-DD' },
    ]);
    const notFollowing = await visitor.request('/api/organizations/unfollow', {
      method: 'POST',
      headers: { ...json, 'x-csrf-token': csrf },
      body: JSON.stringify({ organization: 'Open Mentorship Program' }),
    });
    expect(notFollowing.response.status).toBe(404);
    const gone = await visitor.request('/api/organizations/leave', {
      method: 'POST',
      headers: { ...json, 'x-csrf-token': csrf },
      body: JSON.stringify({ organization: 'open mentorship program' }),
    });
    expect(gone.response.status).toBe(204);

    const anonymous = await fetch(`${under.api.url}/api/organizations/suggested`);
    expect(anonymous.status).toBe(401);
  });
});
