import { describe, expect, it } from 'vitest';
import type { NotInterestedMark } from '../../../shared/users/user-profile.ts';
import {
  inBerlin,
  matchBoth,
  onlineEvent,
  shown,
  storedEvent,
  userProfile,
} from '../../support/matching-fixtures.ts';

const mark: NotInterestedMark = {
  eventId: 'marked',
  sourceId: 'src-vendor',
  organization: 'Vendor Co',
  tags: ['sales', 'webinar', 'pitch', 'demo'],
  at: '2030-03-01T00:00:00Z',
};
const profile = userProfile({ topics: ['kubernetes'], places: [inBerlin], notInterested: [mark] });
/** The same reader, taking everything near them: nearness alone selects. */
const everythingNear = { ...profile, everythingNearMe: true };

describe('"not interested": the event never again, similar ones lower', () => {
  it('hides the marked event and lowers those of its source or organization by 3 and each shared tag by 1', () => {
    const events = [
      onlineEvent({ id: 'marked', tags: ['kubernetes'] }),
      onlineEvent({ id: 'unrelated', tags: ['kubernetes'] }),
      onlineEvent({ id: 'same-source', tags: ['kubernetes'], primarySourceId: 'src-vendor' }),
      onlineEvent({ id: 'same-organization', tags: ['kubernetes'], organization: 'VENDOR CO' }),
      onlineEvent({ id: 'one-shared-tag', tags: ['kubernetes', 'sales'] }),
      onlineEvent({ id: 'two-shared-tags', tags: ['kubernetes', 'sales', 'webinar'] }),
      onlineEvent({
        id: 'at-most-6',
        tags: ['kubernetes', 'sales', 'webinar', 'pitch', 'demo'],
        primarySourceId: 'src-vendor',
      }),
    ];
    expect(shown(matchBoth(events, profile)).map(([id, score]) => [id, score])).toEqual([
      ['unrelated', 10.5],
      ['one-shared-tag', 9.5],
      ['two-shared-tags', 8.5],
      ['same-organization', 7.5],
      ['same-source', 7.5],
      ['at-most-6', 4.5],
    ]);
  });

  it('leaves out an event that nets out at nothing', () => {
    const nearOnly = storedEvent({
      id: 'near-only',
      primarySourceId: 'src-vendor',
      tags: ['sales', 'webinar', 'pitch'],
    });
    expect(matchBoth([nearOnly], everythingNear).matches).toEqual([]);
    expect(shown(matchBoth([nearOnly], { ...everythingNear, notInterested: [] }))).toEqual([
      ['near-only', 4.5, 'in Berlin', 'near-you'],
    ]);
  });
});
