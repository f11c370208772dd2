import { describe, expect, it } from 'vitest';
import { buildDigestModel, shownEntries } from '../../../shared/digest/build-digest-model.ts';
import { greetingText, headingText, introText } from '../../../shared/digest/digest-phrases.ts';
import { digestSubject } from '../../../shared/digest/digest-subject.ts';
import { renderDigestText } from '../../../shared/digest/render-digest-text.ts';
import { whySentence } from '../../../shared/digest/why-sentence.ts';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import type { MatchedEvent, UserMatches } from '../../../shared/matching/match-events.ts';
import { storedEvent, userProfile } from '../../support/matching-fixtures.ts';

// Wed 2 Dec 2026, 08:00 in Berlin; the digest covers the next 14 days.
const now = new Date('2026-12-02T07:00:00Z');
const to = new Date(now.getTime() + 14 * 86_400_000);
const links = {
  publicBaseUrl: 'https://trellis.example',
  unsubscribeMailto: 'unsubscribe@trellis.example',
  secret: Buffer.from('a-test-secret-that-is-long-enough-to-sign-links'),
};
const profile = userProfile({ name: 'Dr. Ada Lovelace' });

const match = (event: StoredEvent, reasons = ['matches: Leadership', 'in Berlin']): MatchedEvent => ({
  event,
  score: 1,
  reasons,
  section: 'near-you',
});

function build(matches: readonly MatchedEvent[]) {
  const result: UserMatches = { matches, changes: [] };
  return {
    model: buildDigestModel(profile, result, { isoWeek: '2026-W49', from: now, to }, links, now),
    result,
  };
}

const circle = (id: string, start: string) =>
  storedEvent({
    id,
    title: 'Leadership Circle',
    start,
    end: start.replace('T18:00', 'T20:00'),
    description: 'A monthly circle for new engineering managers. Bring a question; leave with three answers.',
  });

describe('the digest model', () => {
  it('shows a recurring series once, with its dates on one line, and records every occurrence as shown', () => {
    const { model, result } = build([
      match(circle('wed-16', '2026-12-16T18:00:00Z')),
      match(storedEvent({ id: 'talk', title: 'Leading Through Change', start: '2026-12-10T17:00:00Z' })),
      match(circle('wed-9', '2026-12-09T18:00:00Z')),
    ]);
    const [section] = model.sections;
    expect(section?.items.map((item) => item.eventId)).toEqual(['wed-9', 'talk']);
    expect(section?.items[0]?.laterOccurrences.map((occurrence) => occurrence.eventId)).toEqual(['wed-16']);
    const text = renderDigestText(model);
    expect(text).toContain('  Wednesdays: 9, 16 Dec, 19:00–21:00 CET');
    expect(text).toContain('  A monthly circle for new engineering managers.\n');
    expect(text).toContain('  You follow Leadership, and it is in Berlin.');
    expect(
      shownEntries(model, result)
        .map((entry) => entry.eventId)
        .sort(),
    ).toEqual(['talk', 'wed-16', 'wed-9']);
  });

  it('orders each section by date, whatever the ranking', () => {
    const { model } = build([
      match(storedEvent({ id: 'late', title: 'Late', start: '2026-12-14T18:00:00Z' })),
      match(storedEvent({ id: 'early', title: 'Early', start: '2026-12-03T18:00:00Z' })),
      match(storedEvent({ id: 'day', title: 'All day', start: '2026-12-05', allDay: true })),
    ]);
    expect(model.sections[0]?.items.map((item) => item.eventId)).toEqual(['early', 'day', 'late']);
  });

  it('cuts a long description to one line at a word, and leaves out one that only repeats the title', () => {
    const long = 'word '.repeat(60);
    const { model } = build([
      match(storedEvent({ id: 'long', title: 'Long', description: long, start: '2026-12-03T18:00:00Z' })),
      match(
        storedEvent({ id: 'same', title: 'Same', description: '<p>Same</p>', start: '2026-12-04T18:00:00Z' }),
      ),
    ]);
    const [long1, same] = model.sections[0]?.items ?? [];
    expect(long1?.blurb?.endsWith('word…')).toBe(true);
    expect(Array.from(long1?.blurb ?? '').length).toBeLessThanOrEqual(140);
    expect(same?.blurb).toBeNull();
  });

  it('says what it covers and greets by first name', () => {
    const { model } = build([match(storedEvent({ id: 'one', title: 'One', start: '2026-12-03T18:00:00Z' }))]);
    expect(headingText(model)).toBe('Your next two weeks, Wed 2 – Wed 16 Dec');
    expect(introText(model)).toBe('1 event in the next two weeks fits your interests.');
    expect(digestSubject(model)).toBe('1 event in the next two weeks: One');
    expect(greetingText(model)).toBe('Hi Ada,');
  });
});

describe('why, as a sentence', () => {
  it("turns the matcher's reasons into one sentence", () => {
    expect(whySentence(['matches: Leadership', 'in Berlin'])).toBe(
      'You follow Leadership, and it is in Berlin.',
    );
    expect(whySentence(['matches: Leadership, Careers'])).toBe('You follow Leadership and Careers.');
    expect(whySentence(['keyword: kubernetes', 'follows CNCF Berlin', '12 km away'])).toBe(
      'It mentions “kubernetes”, you follow CNCF Berlin, and it is 12 km from you.',
    );
    expect(whySentence(['from a source you follow', 'mentorship program'])).toBe(
      'It comes from a source you follow, and it is a mentorship program.',
    );
    expect(whySentence([])).toBeNull();
  });
});
