import { describe, expect, it } from 'vitest';
import { renderDigestText } from '../../../shared/digest/render-digest-text.ts';
import {
  contactDue,
  digestChange,
  digestItem,
  digestModel,
  digestSection,
  inZone,
  quietWeekModel,
} from './digest-model-builder.ts';

const FOOTER = `----
You get this email because ada@example.org is subscribed to the Trellis weekly
digest.

Change your digest preferences:
https://trellis.example/

Unsubscribe from this digest:
https://trellis.example/a/unsubscribe?t=u1
`;

function fullModel() {
  return digestModel({
    sections: [
      digestSection('near-you', [digestItem()]),
      digestSection('online', [
        digestItem({
          eventId: 'evt_pe',
          title: 'Platform Engineering Day',
          start: '2024-12-07',
          end: '2024-12-09',
          allDay: true,
          online: true,
          location: null,
          organization: null,
          status: 'tentative',
          url: 'https://example.org/events/platform-day',
          reasons: ['matches: Platform Engineering'],
          notInterestedUrl: 'https://trellis.example/a/not-interested?t=pe',
          saveUrl: 'https://trellis.example/a/save?t=pe',
        }),
      ]),
      digestSection('mentorship', []),
    ],
    changes: [digestChange()],
    contactsDue: [contactDue()],
  });
}

describe('renderDigestText', () => {
  it('writes the whole digest as plain text, each URL on its own line', () => {
    expect(renderDigestText(fullModel())).toBe(`Your week, Mon 2 – Sun 8 Dec
============================

Hi Ada,

2 events this week fit your interests. Times are in your time zone,
Europe/Berlin.


Near you
--------

Kubernetes Berlin Meetup
  Tue 3 Dec, 19:00–21:00 CET
  c-base, Rungestraße 20, Berlin · CNCF Berlin
  You follow Kubernetes, and it is in Berlin.
  https://example.org/events/k8s
  Add to my calendar:
  https://trellis.example/a/save?t=k8s
  Not interested:
  https://trellis.example/a/not-interested?t=k8s


Online
------

Platform Engineering Day
  Sat 7 – Sun 8 Dec · Not yet confirmed
  Online
  You follow Platform Engineering.
  https://example.org/events/platform-day
  Add to my calendar:
  https://trellis.example/a/save?t=pe
  Not interested:
  https://trellis.example/a/not-interested?t=pe


Changed since last week
-----------------------

SRE Night
  Moved: Tue 3 Dec, 19:00 CET → Thu 5 Dec, 18:00 CET
  https://example.org/events/sre


Due to reconnect
----------------

Grace Hopper (mentor)
  Last in touch Mon 4 Nov
  Mark as reconnected:
  https://trellis.example/a/done?t=grace


${FOOTER}`);
  });

  it('writes a short note in a quiet week', () => {
    expect(renderDigestText(quietWeekModel())).toBe(`A quiet week, Mon 2 – Sun 8 Dec
===============================

Hi Ada,

Nothing new matched your interests this week, and nothing you saw before has
changed. More topics, keywords or places in your preferences widen the net.

Open your digest preferences:
https://trellis.example/


${FOOTER}`);
  });

  it('shows times in the reader’s zone', () => {
    const kolkata = inZone(digestModel(), 'Asia/Kolkata', '2024-12-01T18:30:00Z', '2024-12-08T18:30:00Z');
    expect(renderDigestText(kolkata)).toContain(
      'Kubernetes Berlin Meetup\n  Tue 3 Dec, 23:30 – Wed 4 Dec, 01:30 GMT+5:30\n',
    );
  });

  it('keeps hostile titles on their lines, drops non-http links and wraps a 500-letter word', () => {
    const text = renderDigestText(
      digestModel({
        sections: [
          digestSection('near-you', [
            digestItem({ eventId: 'evt_crlf', title: 'Title\r\nBcc: x@evil', url: 'javascript:alert(1)' }),
            digestItem({
              eventId: 'evt_long',
              title: 'W'.repeat(500),
              notInterestedUrl: 'data:text/plain,x',
            }),
          ]),
        ],
      }),
    );
    expect(text).toContain('\n\nTitle Bcc: x@evil\n  Tue 3 Dec, 19:00–21:00 CET\n');
    expect(text).not.toContain('javascript:');
    expect(text).not.toContain('data:');
    expect(text).toContain(`\n\n${'W'.repeat(78)}\n`);
    expect(text).toContain(`\n${'W'.repeat(500 - 6 * 78)}\n  Tue 3 Dec`);
    const lines = text.split('\n');
    expect(lines.filter((line) => Array.from(line).length > 78)).toEqual([]);
  });

  it('puts every URL on a line of its own, however long', () => {
    const longUrl = `https://example.org/events/${'a'.repeat(120)}?utm_source=feed&utm_medium=rss`;
    const text = renderDigestText(
      digestModel({ sections: [digestSection('near-you', [digestItem({ url: longUrl })])] }),
    );
    const urlLines = text.split('\n').filter((line) => line.includes('://'));
    expect(urlLines).toEqual([
      `  ${longUrl}`,
      '  https://trellis.example/a/save?t=k8s',
      '  https://trellis.example/a/not-interested?t=k8s',
      'https://trellis.example/',
      'https://trellis.example/a/unsubscribe?t=u1',
    ]);
  });
});
