import { describe, expect, it } from 'vitest';
import {
  inBerlin,
  inDays,
  matchBoth,
  onlineEvent,
  shown,
  storedEvent,
  userProfile,
} from '../../support/matching-fixtures.ts';

const ana = userProfile({
  topics: ['kubernetes', 'security'],
  keywords: ['platform engineering', 'rust'],
  places: [inBerlin],
  followedOrganizations: ['CNCF Berlin'],
  // Awake at every hour: these tests start online events at any time of day.
  wakingHours: { from: 0, to: 24 },
});

// Every event starts in the middle of the window (soonness 0.5) unless it says otherwise.
describe('what makes an event match, and the reasons given', () => {
  it('scores topics: 10 for the first, 3 for each more, named in the user order with their labels', () => {
    const result = matchBoth([onlineEvent({ id: 'e', tags: ['security', 'kubernetes', 'cloud'] })], ana);
    expect(shown(result)).toEqual([['e', 13.5, 'matches: Kubernetes, Security', 'online']]);
  });

  it('names at most three topics', () => {
    const profile = userProfile({ topics: ['ai-ml', 'data', 'cloud', 'devops'] });
    const result = matchBoth([onlineEvent({ id: 'e', tags: ['ai-ml', 'cloud', 'data', 'devops'] })], profile);
    expect(shown(result)).toEqual([
      ['e', 19.5, 'matches: AI & machine learning, Data & analytics, Cloud', 'online'],
    ]);
  });

  it('scores a keyword in the title, the tags or the organization 8, each more 2', () => {
    const events = [
      onlineEvent({ id: 'title', title: 'Platform Engineering Day', start: inDays(1.4) }),
      onlineEvent({ id: 'tag', tags: ['platform-engineering'], start: inDays(2.8) }),
      onlineEvent({ id: 'organization', organization: 'Rust Berlin', start: inDays(4.2) }),
      onlineEvent({ id: 'both', title: 'Rust for Platform Engineering', start: inDays(5.6) }),
    ];
    expect(shown(matchBoth(events, ana))).toEqual([
      ['both', 10.6, 'keywords: platform engineering, rust', 'online'],
      ['title', 8.9, 'keyword: platform engineering', 'online'],
      ['tag', 8.8, 'keyword: platform engineering', 'online'],
      ['organization', 8.7, 'keyword: rust', 'online'],
    ]);
  });

  it('scores a keyword only in the description 3, and only for an event that qualifies otherwise', () => {
    const events = [
      onlineEvent({
        id: 'topic-and-description',
        tags: ['kubernetes'],
        description: 'All about platform engineering.',
      }),
      onlineEvent({ id: 'description-only', description: 'All about platform engineering.' }),
    ];
    expect(shown(matchBoth(events, ana))).toEqual([
      ['topic-and-description', 13.5, 'matches: Kubernetes · keyword: platform engineering', 'online'],
    ]);
  });

  it('matches keywords as whole words and phrases only', () => {
    const events = [
      onlineEvent({ id: 'platforms', title: 'Platforms and Engineering' }),
      onlineEvent({ id: 'trusty', title: 'Trusty Rustacean Social' }),
      onlineEvent({ id: 'punctuated', title: 'Platform-Engineering: Rust!' }),
    ];
    expect(shown(matchBoth(events, ana))).toEqual([
      ['punctuated', 10.5, 'keywords: platform engineering, rust', 'online'],
    ]);
  });

  it('scores a followed organization 12, whether it is the organization or the organizer', () => {
    const events = [
      onlineEvent({ id: 'organization', organization: 'CNCF Berlin', start: inDays(3.5) }),
      onlineEvent({ id: 'organizer', organization: 'Meetup Hub', organizer: 'cncf berlin' }),
    ];
    expect(shown(matchBoth(events, ana))).toEqual([
      ['organization', 12.75, 'follows CNCF Berlin', 'organizations'],
      ['organizer', 12.5, 'follows cncf berlin', 'organizations'],
    ]);
  });

  it('scores a followed source 12 and names its organization when it has one', () => {
    const profile = userProfile({ followedSources: ['src-cncf'] });
    const events = [
      onlineEvent({ id: 'named', primarySourceId: 'src-cncf', organization: 'CNCF Berlin' }),
      onlineEvent({ id: 'unnamed', primarySourceId: 'src-cncf', start: inDays(10.5) }),
    ];
    expect(shown(matchBoth(events, profile))).toEqual([
      ['named', 12.5, 'follows CNCF Berlin', 'organizations'],
      ['unnamed', 12.25, 'from a source you follow', 'organizations'],
    ]);
  });

  it('scores an event in a named city 4, said as "in <city>" (selected by place alone only for a reader who wants everything near)', () => {
    const event = storedEvent({ id: 'e', title: 'Knitting for Coders' });
    expect(shown(matchBoth([event], ana))).toEqual([]);
    const result = matchBoth([event], { ...ana, everythingNearMe: true });
    expect(shown(result)).toEqual([['e', 4.5, 'in Berlin', 'near-you']]);
  });

  it('scores a mentorship program 3 more, in its own section', () => {
    const events = [storedEvent({ id: 'e', kind: 'mentorship-program', tags: ['kubernetes'] })];
    expect(shown(matchBoth(events, ana))).toEqual([
      ['e', 17.5, 'matches: Kubernetes · in Berlin · mentorship program', 'mentorship'],
    ]);
  });

  it('adds up to 1 for soonness: 1 at the send time, 0 at the end of the window', () => {
    const events = [
      onlineEvent({ id: 'now', tags: ['kubernetes'], start: inDays(0) }),
      onlineEvent({ id: 'quarter', tags: ['kubernetes'], start: inDays(3.5) }),
      onlineEvent({ id: 'last', tags: ['kubernetes'], start: inDays(13.93) }),
    ];
    expect(shown(matchBoth(events, ana)).map(([id, score]) => [id, score])).toEqual([
      ['now', 11],
      ['quarter', 10.75],
      ['last', 10.01],
    ]);
  });

  it('gives at most three reasons, the weightiest first', () => {
    const event = storedEvent({
      id: 'everything',
      title: 'Rust Mentoring',
      kind: 'mentorship-program',
      organization: 'CNCF Berlin',
      tags: ['kubernetes'],
    });
    expect(shown(matchBoth([event], ana))).toEqual([
      ['everything', 37.5, 'follows CNCF Berlin · matches: Kubernetes · keyword: rust', 'mentorship'],
    ]);
  });

  it('puts a followed online event under organizations, an online one under online, near ones under near you', () => {
    const events = [
      onlineEvent({ id: 'followed-online', organization: 'CNCF Berlin', tags: ['kubernetes'] }),
      onlineEvent({ id: 'online', tags: ['kubernetes'], start: inDays(7.7) }),
      storedEvent({ id: 'near', tags: ['kubernetes'], start: inDays(8.4) }),
    ];
    expect(shown(matchBoth(events, ana)).map(([id, , , section]) => [id, section])).toEqual([
      ['followed-online', 'organizations'],
      ['near', 'near-you'],
      ['online', 'online'],
    ]);
  });
});
