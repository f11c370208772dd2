import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import type { MatchedEvent } from '../../../shared/matching/match-types.ts';
import {
  type OrganizationEvidence,
  organizationsOf,
  organizationsWorthJoining,
  rankOrganizations,
} from '../../../shared/organizations/rank-organizations.ts';
import { inDays, storedEvent } from '../../support/matching-fixtures.ts';

/*
 * The ranking of organizations behind a reader's matching events, and the why, on small hand-made
 * worlds: which organizations an event stands for, the order, the kind, the website, regular meetings.
 */

const matched = (event: StoredEvent, score = 10): MatchedEvent => ({
  event,
  score,
  reasons: [],
  section: 'near-you',
});

const evidence = (fields: Partial<OrganizationEvidence>): OrganizationEvidence => ({
  matches: [],
  saved: [],
  sources: [],
  profile: { followedOrganizations: [] },
  memberships: [],
  windowDays: 90,
  ...fields,
});

const women = (id: string, days: number, fields: Partial<StoredEvent> = {}) =>
  storedEvent({
    id,
    title: `Women in Engineering ${id}`,
    start: inDays(days),
    kind: 'professional-org',
    organization: 'Women in Engineering Network',
    organizer: 'Women in Engineering Network',
    url: `https://wie.example/events/${id}`,
    ...fields,
  });

const circle = (id: string, days: number) =>
  storedEvent({
    id,
    title: `Product Leaders Circle ${id}`,
    start: inDays(days),
    kind: 'peer-group',
    organization: 'Product Leaders Circle',
    organizer: null,
    url: null,
  });

describe('which organizations an event stands for', () => {
  it('counts the source organization and a different organizer once each, compared as the matcher does', () => {
    const event = storedEvent({ id: 'e', organization: 'Berlin Tech Community', organizer: 'CNCF Berlin' });
    expect(organizationsOf(event).map((one) => one.name)).toEqual(['Berlin Tech Community', 'CNCF Berlin']);
    const same = storedEvent({ id: 'f', organization: 'CNCF Berlin', organizer: 'cncf-berlin' });
    expect(organizationsOf(same)).toHaveLength(1);
  });

  it('leaves out an organizer the event names as a person', () => {
    const event = storedEvent({
      id: 'e',
      organization: 'Berlin Tech Community',
      organizer: 'Jonas Weber',
      people: [{ name: 'Jonas Weber', key: 'jonas weber', role: 'organizer', from: 'field' }],
    });
    expect(organizationsOf(event).map((one) => one.name)).toEqual(['Berlin Tech Community']);
  });
});

describe('ranking organizations', () => {
  it('ranks by matching events in the window, then by score, and says why with the first titles', () => {
    const ranked = rankOrganizations(
      evidence({
        matches: [
          matched(women('w1', 3)),
          matched(women('w2', 10)),
          matched(women('w3', 40)),
          matched(
            storedEvent({ id: 'b1', organization: 'Berlin Tech Community', kind: 'industry-event' }),
            50,
          ),
        ],
      }),
    );
    expect(ranked.map((one) => one.name)).toEqual(['Women in Engineering Network', 'Berlin Tech Community']);
    const [first] = ranked;
    expect(first?.relevantEventCount).toBe(3);
    expect(first?.kind).toBe('professional-org');
    expect(first?.joinable).toBe(true);
    expect(first?.nextEvents.map((event) => event.id)).toEqual(['w1', 'w2', 'w3']);
    expect(first?.why[0]).toBe(
      '3 events you match in the next 90 days: “Women in Engineering w1”, “Women in Engineering w2” and 1 more.',
    );
    expect(ranked[1]?.kind).toBe('industry-event');
    expect(ranked[1]?.joinable).toBe(false);
  });

  it('breaks a tie in events by the summed match score, then by name', () => {
    const ranked = rankOrganizations(
      evidence({
        matches: [
          matched(storedEvent({ id: 'a', organization: 'Alpha Guild' }), 5),
          matched(storedEvent({ id: 'z', organization: 'Zeta Guild' }), 9),
          matched(storedEvent({ id: 'm', organization: 'Mu Guild' }), 5),
        ],
      }),
    );
    expect(ranked.map((one) => one.name)).toEqual(['Zeta Guild', 'Alpha Guild', 'Mu Guild']);
  });

  it('puts first a peer group whose meetings the reader saved twice, even with fewer events ahead', () => {
    const ranked = rankOrganizations(
      evidence({
        matches: [matched(women('w1', 3)), matched(women('w2', 4)), matched(circle('c3', 20))],
        saved: [circle('c1', -30), circle('c2', -2)],
      }),
    );
    expect(ranked[0]?.name).toBe('Product Leaders Circle');
    expect(ranked[0]?.attendsRegularly).toBe(true);
    expect(ranked[0]?.kind).toBe('peer-group');
    expect(ranked[0]?.why[0]).toBe(
      'You saved 2 of their meetings: you attend regularly, so joining the group is the next step.',
    );
  });

  it('suggests a regularly attended peer group with no matching events ahead; one saved meeting is not regular', () => {
    const regular = rankOrganizations(evidence({ saved: [circle('c1', -30), circle('c2', -2)] }));
    expect(regular.map((one) => [one.name, one.relevantEventCount, one.attendsRegularly])).toEqual([
      ['Product Leaders Circle', 0, true],
    ]);
    const once = rankOrganizations(evidence({ saved: [circle('c1', -30)] }));
    expect(once[0]?.attendsRegularly).toBe(false);
    expect(once[0]?.why).toEqual(['You saved 1 of their events.']);
  });

  it('takes the kind from the organization’s own source over its events', () => {
    const ranked = rankOrganizations(
      evidence({
        matches: [
          matched(storedEvent({ id: 'o', organization: 'Open Mentorship Program', kind: 'industry-event' })),
        ],
        sources: [
          {
            url: 'https://open-mentorship.example/feed.json',
            organization: 'Open Mentorship Program',
            kind: 'mentorship-program',
          },
        ],
      }),
    );
    expect(ranked[0]?.kind).toBe('mentorship-program');
    expect(ranked[0]?.website).toBe('https://open-mentorship.example');
    expect(ranked[0]?.websiteFrom).toBe('source');
  });

  it('tells the website from the origin most of their event pages share, never from one event or a loopback feed', () => {
    const shared = rankOrganizations(
      evidence({ matches: [matched(women('w1', 3)), matched(women('w2', 4))] }),
    );
    expect(shared[0]?.website).toBe('https://wie.example');
    expect(shared[0]?.websiteFrom).toBe('events');
    const single = rankOrganizations(
      evidence({
        matches: [matched(women('w1', 3))],
        sources: [
          {
            url: 'http://127.0.0.1:8004/women.xml',
            organization: 'Women in Engineering Network',
            kind: 'professional-org',
          },
        ],
      }),
    );
    expect(single[0]?.website).toBeNull();
  });

  it('marks followed organizations and memberships, and the digest’s list leaves out members and event organizers', () => {
    const input = evidence({
      matches: [
        matched(women('w1', 3)),
        matched(circle('c1', 5)),
        matched(storedEvent({ id: 'b', organization: 'Berlin Tech Community' })),
      ],
      profile: { followedOrganizations: ['women in engineering network'] },
      memberships: [{ organizationKey: 'product leaders circle', renewsOn: '2030-06-01' }],
    });
    const ranked = rankOrganizations(input);
    const wie = ranked.find((one) => one.name === 'Women in Engineering Network');
    expect(wie?.followed).toBe(true);
    expect(wie?.why).toContain('You follow them: their events rank higher in your digest.');
    const circleEntry = ranked.find((one) => one.name === 'Product Leaders Circle');
    expect(circleEntry?.member).toBe(true);
    expect(circleEntry?.renewsOn).toBe('2030-06-01');
    expect(organizationsWorthJoining(input).map((one) => one.name)).toEqual(['Women in Engineering Network']);
  });

  it('counts an event matched twice once', () => {
    const event = women('w1', 3);
    const ranked = rankOrganizations(evidence({ matches: [matched(event), matched(event)] }));
    expect(ranked[0]?.relevantEventCount).toBe(1);
  });
});
