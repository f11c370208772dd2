import { describe, expect, it } from 'vitest';
import {
  buildEventIndex,
  matchEventsForUser,
  matchEventsNaively,
} from '../../../shared/matching/match-events.ts';
import { generateMatchingEvents, generateMatchingUser } from '../../bench/matching-bench.ts';
import {
  inBerlin,
  NOW,
  onlineEvent,
  shown,
  storedEvent,
  userProfile,
  WINDOW_TO,
} from '../../support/matching-fixtures.ts';

describe('the index and the all-pairs reference', () => {
  it('choose, score, word and order the same for hundreds of generated users on one index', () => {
    const events = generateMatchingEvents({ events: 3_000, seed: 11 });
    const index = buildEventIndex(events);
    let compared = 0;
    let matched = 0;
    for (let user = 0; user < 400; user++) {
      const { profile, options } = generateMatchingUser(events, user, 11);
      // Vary the caps too: every fourth user gets small ones.
      const capped = user % 4 === 3 ? { ...options, maxEvents: 5, maxPerOrganization: 1 } : options;
      const indexed = matchEventsForUser(index, profile, capped);
      expect(indexed, `user ${user}`).toEqual(matchEventsNaively(events, profile, capped));
      compared++;
      matched += indexed.matches.length;
    }
    expect(compared).toBe(400);
    // The comparison means something only if users do get matches.
    expect(matched / compared).toBeGreaterThan(4);
  }, 60_000); // hundreds of users through both matchers: seconds, more on a busy machine

  it('forgets one user when the next one comes, also when its per-user stamps wrap around', () => {
    const events = [
      storedEvent({ id: 'berlin', tags: ['kubernetes'] }),
      onlineEvent({ id: 'online', tags: ['kubernetes'], organization: 'CNCF London' }),
    ];
    const index = buildEventIndex(events);
    const options = { now: NOW, windowTo: WINDOW_TO, previous: [] };
    const mark = {
      eventId: 'berlin',
      sourceId: null,
      organization: null,
      tags: [],
      at: '2030-03-01T00:00:00Z',
    };
    const follower = userProfile({
      places: [inBerlin],
      followedOrganizations: ['CNCF London'],
      notInterested: [mark],
    });
    const neighbour = userProfile({ topics: ['kubernetes'], places: [inBerlin] });

    // The follower's marks are left with stamp 1; after the wrap the neighbour gets epoch 1 again.
    expect(shown(matchEventsForUser(index, follower, options))).toEqual([
      ['online', 12.5, 'follows CNCF London', 'organizations'],
    ]);
    index.scratch.epoch = 0xffff_fffe;
    expect(shown(matchEventsForUser(index, neighbour, options))).toEqual([
      ['berlin', 14.5, 'matches: Kubernetes · in Berlin', 'near-you'],
      ['online', 10.5, 'matches: Kubernetes', 'online'],
    ]);
    expect(index.scratch.epoch).toBe(1);
  });
});
