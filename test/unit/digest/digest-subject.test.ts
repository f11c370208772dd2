import { describe, expect, it } from 'vitest';
import { digestSubject, MAX_SUBJECT_LENGTH } from '../../../shared/digest/digest-subject.ts';
import {
  contactDue,
  digestChange,
  digestItem,
  digestModel,
  digestSection,
  manyItems,
  quietWeekModel,
} from './digest-model-builder.ts';

const LONG_TITLE =
  'The Annual International Conference on Continuous Delivery, Observability and Site Reliability Engineering';

function withTitles(titles: readonly string[]) {
  return digestModel({ sections: [digestSection('near-you', manyItems(titles))] });
}

describe('digestSubject', () => {
  it('counts the events and names the first two', () => {
    const titles = ['Kubernetes Berlin Meetup', 'Platform Engineering Day', 'A', 'B', 'C', 'D', 'E', 'F'];
    expect(digestSubject(withTitles(titles))).toBe(
      '8 events this week: Kubernetes Berlin Meetup, Platform Engineering Day and 6 more',
    );
    expect(digestSubject(withTitles(titles.slice(0, 2)))).toBe(
      '2 events this week: Kubernetes Berlin Meetup and Platform Engineering Day',
    );
    expect(digestSubject(withTitles(titles.slice(0, 1)))).toBe('1 event this week: Kubernetes Berlin Meetup');
  });

  it('names only the first event when two titles do not fit', () => {
    const titles = ['Cloud Native Security Conference Europe: Hands-on Day', 'Platform Engineering Day', 'A'];
    expect(digestSubject(withTitles(titles))).toBe(
      '3 events this week: Cloud Native Security Conference Europe: Hands-on Day and 2 more',
    );
  });

  it('cuts a title that alone is too long at a word boundary', () => {
    const five = digestSubject(withTitles([LONG_TITLE, 'A', 'B', 'C', 'D']));
    expect(five).toBe(
      '5 events this week: The Annual International Conference on Continuous Delivery… and 4 more',
    );
    expect(Array.from(five)).toHaveLength(MAX_SUBJECT_LENGTH);
    expect(digestSubject(withTitles([LONG_TITLE]))).toBe(
      '1 event this week: The Annual International Conference on Continuous Delivery…',
    );
  });

  it('cuts a single 500-letter word inside the word', () => {
    const subject = digestSubject(withTitles(['x'.repeat(500)]));
    expect(subject).toBe(`1 event this week: ${'x'.repeat(70)}…`);
  });

  it('keeps a title with CR/LF on one line', () => {
    const subject = digestSubject(withTitles(['<script>alert(1)</script>\r\nBcc: x@evil']));
    expect(subject).toBe('1 event this week: <script>alert(1)</script> Bcc: x@evil');
  });

  it('counts an event listed in two sections once', () => {
    const model = digestModel({
      sections: [digestSection('near-you', [digestItem()]), digestSection('organizations', [digestItem()])],
    });
    expect(digestSubject(model)).toBe('1 event this week: Kubernetes Berlin Meetup');
  });

  it('names the one change or contact when there are no events', () => {
    expect(digestSubject(quietWeekModel({ changes: [digestChange()] }))).toBe(
      'This week: SRE Night has moved',
    );
    expect(digestSubject(quietWeekModel({ contactsDue: [contactDue()] }))).toBe(
      'This week: Grace Hopper is due for a reconnect',
    );
    expect(
      digestSubject(
        quietWeekModel({ changes: [digestChange({ change: 'cancelled' })], contactsDue: [contactDue()] }),
      ),
    ).toBe('This week: SRE Night is cancelled; Grace Hopper is due for a reconnect');
    expect(digestSubject(quietWeekModel({ changes: [digestChange({ change: 'removed' })] }))).toBe(
      'This week: SRE Night is no longer listed',
    );
  });

  it('counts several changes and contacts, and falls back to counts when names do not fit', () => {
    const changes = [digestChange(), digestChange({ eventId: 'evt_2' })];
    const contacts = [
      contactDue(),
      contactDue({ name: 'Alan Turing' }),
      contactDue({ name: 'Ada Lovelace' }),
    ];
    expect(digestSubject(quietWeekModel({ changes, contactsDue: contacts }))).toBe(
      'This week: 2 events you saw changed; 3 contacts due for a reconnect',
    );
    expect(
      digestSubject(
        quietWeekModel({ changes: [digestChange({ title: LONG_TITLE })], contactsDue: [contactDue()] }),
      ),
    ).toBe('This week: 1 event you saw changed; 1 contact due for a reconnect');
  });

  it('says so in a quiet week, with the week’s dates', () => {
    expect(digestSubject(quietWeekModel())).toBe(
      'Quiet week (Mon 2 – Sun 8 Dec): nothing new matched your interests',
    );
  });
});
