import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import {
  berlin,
  ids,
  inBerlin,
  inDays,
  london,
  matchBoth,
  NOW,
  onlineEvent,
  storedEvent,
  userProfile,
  WINDOW_TO,
} from '../../support/matching-fixtures.ts';

const kubernetesInBerlin = userProfile({ topics: ['kubernetes'], places: [inBerlin] });
const meetup = (id: string, fields: Partial<StoredEvent> = {}) =>
  storedEvent({ id, title: 'Kubernetes Meetup', tags: ['kubernetes'], ...fields });

describe('events that never match', () => {
  it('drops cancelled and removed events', () => {
    const events = [
      meetup('kept'),
      meetup('cancelled', { status: 'cancelled' }),
      meetup('removed', { removed: true }),
    ];
    expect(ids(matchBoth(events, kubernetesInBerlin))).toEqual(['kept']);
  });

  it('drops events that started before the send time, keeps one starting exactly at it', () => {
    const events = [
      meetup('started', { start: new Date(NOW.getTime() - 1000).toISOString().replace('.000Z', 'Z') }),
      meetup('starts-now', { start: NOW.toISOString().replace('.000Z', 'Z') }),
    ];
    expect(ids(matchBoth(events, kubernetesInBerlin))).toEqual(['starts-now']);
  });

  it('drops events starting at or after the end of the window, keeps one a second before it', () => {
    const events = [
      meetup('at-end', { start: WINDOW_TO.toISOString().replace('.000Z', 'Z') }),
      meetup('before-end', {
        start: new Date(WINDOW_TO.getTime() - 1000).toISOString().replace('.000Z', 'Z'),
      }),
    ];
    expect(ids(matchBoth(events, kubernetesInBerlin))).toEqual(['before-end']);
  });

  it('drops kinds of source the user does not want', () => {
    const events = [meetup('industry'), meetup('peer', { kind: 'peer-group' })];
    const profile = userProfile({ ...kubernetesInBerlin, kinds: ['peer-group'] });
    expect(ids(matchBoth(events, profile))).toEqual(['peer']);
    expect(ids(matchBoth(events, { ...profile, kinds: [] }))).toEqual([]);
  });

  it('drops events of a muted source, unless another source that is not muted lists them too', () => {
    const events = [
      meetup('only-muted', { primarySourceId: 'src-muted' }),
      meetup('also-elsewhere', {
        primarySourceId: 'src-muted',
        sources: [
          { sourceId: 'src-muted', sourceEventId: 'a', url: null },
          { sourceId: 'src-other', sourceEventId: 'b', url: null },
        ],
      }),
      meetup('other'),
    ];
    const profile = { ...kubernetesInBerlin, mutedSources: ['src-muted'] };
    expect(ids(matchBoth(events, profile))).toEqual(['also-elsewhere', 'other']);
  });

  it('drops an event the user marked not interested', () => {
    const events = [meetup('marked'), meetup('other', { start: inDays(8) })];
    const profile = {
      ...kubernetesInBerlin,
      notInterested: [
        { eventId: 'marked', sourceId: null, organization: null, tags: [], at: '2030-03-01T00:00:00Z' },
      ],
    };
    expect(ids(matchBoth(events, profile))).toEqual(['other']);
  });

  it('drops in-person events that are not near, even from an organization the user follows', () => {
    const events = [
      meetup('berlin'),
      meetup('london', { place: london }),
      meetup('nowhere', { place: null }),
      meetup('london-followed', { place: london, organization: 'CNCF London' }),
      onlineEvent({ id: 'online-followed', title: 'CNCF London live', organization: 'CNCF London' }),
    ];
    const profile = { ...kubernetesInBerlin, followedOrganizations: ['CNCF London'] };
    expect(ids(matchBoth(events, profile))).toEqual(['berlin', 'online-followed']);
  });

  it('gives a user with no places no in-person events, not even from what they follow', () => {
    const events = [
      meetup('berlin'),
      meetup('followed', { place: london, organization: 'CNCF London' }),
      onlineEvent({ id: 'followed-online', title: 'CNCF London live', organization: 'CNCF London' }),
    ];
    const profile = userProfile({ topics: ['kubernetes'], followedOrganizations: ['cncf london'] });
    expect(ids(matchBoth(events, profile))).toEqual(['followed-online']);
  });

  it('drops online events for a user who does not take them, unless the event also has a venue near them', () => {
    const events = [
      onlineEvent({ id: 'online', title: 'Kubernetes Live', tags: ['kubernetes'] }),
      onlineEvent({ id: 'hybrid', title: 'Kubernetes Hybrid', tags: ['kubernetes'], place: berlin }),
      onlineEvent({ id: 'hybrid-far', title: 'Kubernetes Hybrid', tags: ['kubernetes'], place: london }),
    ];
    expect(ids(matchBoth(events, { ...kubernetesInBerlin, onlineOk: false }))).toEqual(['hybrid']);
    // Equal scores and starts: by id.
    expect(ids(matchBoth(events, kubernetesInBerlin))).toEqual(['hybrid', 'hybrid-far', 'online']);
  });

  it('drops events with no signal of their own: no topic, headline keyword or follow', () => {
    const events = [
      onlineEvent({ id: 'unrelated', title: 'Gardening Club', tags: ['gardening'] }),
      onlineEvent({ id: 'topic', title: 'Kubernetes Live', tags: ['kubernetes'] }),
    ];
    expect(ids(matchBoth(events, userProfile({ topics: ['kubernetes'] })))).toEqual(['topic']);
  });

  it('never selects an event for its place alone, nor for its place and being a mentorship program', () => {
    const events = [
      meetup('near-only', { title: 'Gardening Club', tags: ['gardening'] }),
      meetup('mentorship-near', { title: 'Nursing buddies', tags: [], kind: 'mentorship-program' }),
      meetup('described', { title: 'Monthly social', tags: [], description: 'We talk about rust.' }),
      meetup('topic-near', { title: 'Kubernetes Night', tags: ['kubernetes'] }),
    ];
    const profile = userProfile({ topics: ['kubernetes'], keywords: ['rust'], places: [inBerlin] });
    expect(ids(matchBoth(events, profile))).toEqual(['topic-near']);
  });

  it('selects everything near a reader who asks for it, and still nothing far away', () => {
    const events = [
      meetup('near-only', { title: 'Gardening Club', tags: ['gardening'] }),
      meetup('mentorship-near', { title: 'Nursing buddies', tags: [], kind: 'mentorship-program' }),
      meetup('far', { title: 'Gardening Club', tags: ['gardening'], place: london }),
      onlineEvent({ id: 'online', title: 'Gardening live', tags: ['gardening'] }),
    ];
    const profile = userProfile({ places: [inBerlin], everythingNearMe: true });
    expect(ids(matchBoth(events, profile))).toEqual(['mentorship-near', 'near-only']);
  });
});
