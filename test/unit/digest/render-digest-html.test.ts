import { describe, expect, it } from 'vitest';
import { digestSubject } from '../../../shared/digest/digest-subject.ts';
import { renderDigestHtml } from '../../../shared/digest/render-digest-html.tsx';
import {
  contactDue,
  digestChange,
  digestItem,
  digestModel,
  digestSection,
  inZone,
  quietWeekModel,
} from './digest-model-builder.ts';
import { htmlElements, textsOf } from './html-elements.ts';

const LONG_WORD = 'W'.repeat(500);

function hostileModel() {
  return digestModel({
    sections: [
      digestSection('near-you', [
        digestItem({
          eventId: 'evt_script',
          title: '<script>alert(1)</script>',
          url: 'https://example.org/"><img onerror=alert(1)>',
          location: '"><img src=x onerror=alert(2)>',
          organization: "O'Reilly & <b>Sons</b>",
          reasons: ['matches <i>kubernetes</i>'],
        }),
        digestItem({ eventId: 'evt_crlf', title: 'Title\r\nBcc: x@evil', url: 'javascript:alert(3)' }),
        digestItem({ eventId: 'evt_long', title: `Talk ${LONG_WORD}` }),
      ]),
    ],
    changes: [
      digestChange({
        title: '<img src=x onerror=alert(4)>',
        url: 'data:text/html,<script>alert(5)</script>',
      }),
    ],
    contactsDue: [
      contactDue({ name: '<svg onload=alert(6)>', doneUrl: 'https://trellis.example/a/done?t="x"' }),
    ],
    recipient: { email: 'ada@example.org', name: '</p><script>alert(7)</script>', timeZone: 'Europe/Berlin' },
  });
}

describe('renderDigestHtml', () => {
  it('lays out sections in model order with their titles and leaves empty ones out', () => {
    const model = digestModel({
      sections: [
        digestSection('near-you', [digestItem()]),
        digestSection('online', []),
        digestSection('organizations', [digestItem({ eventId: 'evt_org', title: 'CNCF Members Call' })]),
        digestSection('mentorship', [digestItem({ eventId: 'evt_mentor', title: 'Mentoring Circle' })]),
      ],
      changes: [digestChange()],
      contactsDue: [contactDue()],
    });
    const html = renderDigestHtml(model);
    expect(textsOf(html, 'h1')).toEqual(['Your week, Mon 2 – Sun 8 Dec']);
    expect(textsOf(html, 'h2')).toEqual([
      'Near you',
      'From organizations you follow',
      'Mentorship programs',
      'Changed since last week',
      'Due to reconnect',
    ]);
    expect(textsOf(html, 'h3')).toEqual([
      'Kubernetes Berlin Meetup',
      'CNCF Members Call',
      'Mentoring Circle',
      'SRE Night',
      'Grace Hopper (mentor)',
    ]);
  });

  it('shows an event with its link, local time, place, organization, reasons and a not-interested link', () => {
    const html = renderDigestHtml(digestModel());
    expect(html).toContain(
      '<h3 class="tr-text" style="margin:0 0 4px;font-size:17px;line-height:1.35;font-weight:600;color:#1f2328;"><a href="https://example.org/events/k8s" class="tr-link" style="color:#0b57d0;text-decoration:underline;">Kubernetes Berlin Meetup</a></h3>' +
        '<p style="margin:0;">Tue 3 Dec, 19:00–21:00 CET</p>' +
        '<p style="margin:0;">c-base, Rungestraße 20, Berlin · CNCF Berlin</p>' +
        '<p class="tr-muted" style="margin:4px 0 0;font-size:14px;color:#57606a;">You follow Kubernetes, and it is in Berlin.</p>' +
        '<p style="margin:6px 0 0;font-size:13px;"><a href="https://trellis.example/a/save?t=k8s" class="tr-link" style="color:#0b57d0;text-decoration:underline;" aria-label="Add to my calendar: Kubernetes Berlin Meetup">Add to my calendar</a> · <a href="https://trellis.example/a/not-interested?t=k8s" class="tr-link" style="color:#0b57d0;text-decoration:underline;" aria-label="Not interested in Kubernetes Berlin Meetup">Not interested</a></p>',
    );
  });

  it('shows the same event in the reader’s zone: Berlin, New York, Kolkata', () => {
    const berlin = digestModel();
    const newYork = inZone(berlin, 'America/New_York', '2024-12-02T05:00:00Z', '2024-12-09T05:00:00Z');
    const kolkata = inZone(berlin, 'Asia/Kolkata', '2024-12-01T18:30:00Z', '2024-12-08T18:30:00Z');
    const timeLine = (html: string) => textsOf(html, 'p').filter((text) => text.startsWith('Tue'));
    expect(timeLine(renderDigestHtml(berlin))).toEqual(['Tue 3 Dec, 19:00–21:00 CET']);
    expect(timeLine(renderDigestHtml(newYork))).toEqual(['Tue 3 Dec, 13:00–15:00 EST']);
    expect(timeLine(renderDigestHtml(kolkata))).toEqual(['Tue 3 Dec, 23:30 – Wed 4 Dec, 01:30 GMT+5:30']);
    expect(textsOf(renderDigestHtml(newYork), 'p')).toContain(
      '1 event this week fits your interests. Times are in your time zone, America/New_York.',
    );
  });

  it('shows all-day and multi-day events, online and hybrid places, and a status', () => {
    const model = digestModel({
      sections: [
        digestSection('online', [
          digestItem({
            eventId: 'evt_day',
            start: '2024-12-07',
            end: '2024-12-08',
            allDay: true,
            online: true,
            location: null,
            organization: null,
          }),
          digestItem({
            eventId: 'evt_days',
            start: '2024-12-07',
            end: '2024-12-09',
            allDay: true,
            online: true,
          }),
          digestItem({ eventId: 'evt_off', status: 'cancelled', reasons: [] }),
          digestItem({ eventId: 'evt_maybe', status: 'tentative', location: null, organization: null }),
        ]),
      ],
    });
    const paragraphs = textsOf(renderDigestHtml(model), 'p');
    expect(paragraphs).toEqual([
      'Hi Ada,',
      '4 events this week fit your interests. Times are in your time zone, Europe/Berlin.',
      'Sat 7 Dec (all day)',
      'Online',
      'You follow Kubernetes, and it is in Berlin.',
      'Add to my calendar · Not interested',
      'Sat 7 – Sun 8 Dec',
      'c-base, Rungestraße 20, Berlin (also online) · CNCF Berlin',
      'You follow Kubernetes, and it is in Berlin.',
      'Add to my calendar · Not interested',
      'Tue 3 Dec, 19:00–21:00 CET · Cancelled',
      'c-base, Rungestraße 20, Berlin · CNCF Berlin',
      'Add to my calendar · Not interested',
      'Tue 3 Dec, 19:00–21:00 CET · Not yet confirmed',
      'You follow Kubernetes, and it is in Berlin.',
      'Add to my calendar · Not interested',
      'You get this email because ada@example.org is subscribed to the Trellis weekly digest.',
      'Change your digest preferences · Unsubscribe from this digest',
    ]);
  });

  it('renders hostile feed text as text and links only http(s) URLs', () => {
    const html = renderDigestHtml(hostileModel());
    const elements = htmlElements(html);
    expect(elements.filter((e) => ['script', 'img', 'svg', 'iframe', 'b', 'i'].includes(e.name))).toEqual([]);
    expect(
      elements.flatMap((e) => Object.keys(e.attributes)).filter((name) => name.startsWith('on')),
    ).toEqual([]);
    expect(elements.filter((e) => e.name === 'a').map((e) => e.attributes.href)).toEqual([
      'https://example.org/%22%3E%3Cimg%20onerror=alert(1)%3E',
      'https://trellis.example/a/save?t=k8s',
      'https://trellis.example/a/not-interested?t=k8s',
      'https://trellis.example/a/save?t=k8s',
      'https://trellis.example/a/not-interested?t=k8s',
      'https://example.org/events/k8s',
      'https://trellis.example/a/save?t=k8s',
      'https://trellis.example/a/not-interested?t=k8s',
      'https://trellis.example/a/done?t=%22x%22',
      'https://trellis.example/',
      'https://trellis.example/a/unsubscribe?t=u1',
    ]);
    expect(textsOf(html, 'h3')).toEqual([
      '<script>alert(1)</script>',
      'Title Bcc: x@evil',
      `Talk ${LONG_WORD}`,
      '<img src=x onerror=alert(4)>',
      '<svg onload=alert(6)> (mentor)',
    ]);
    expect(textsOf(html, 'p')).toContain('"><img src=x onerror=alert(2)> · O\'Reilly & <b>Sons</b>');
    expect(textsOf(html, 'p')).toContain('You follow <i>kubernetes</i>.');
    expect(textsOf(html, 'p')[0]).toBe('Hi </p><script>alert(7)</script>,');
    expect(html).not.toContain('\r');
  });

  it('lets a 500-letter word wrap inside the 600px column instead of widening it', () => {
    const html = renderDigestHtml(hostileModel());
    const card = htmlElements(html).find((e) => e.attributes.class === 'tr-card');
    expect(card?.attributes.style).toContain('word-break:break-word;overflow-wrap:anywhere;');
    expect(card?.text).toContain(LONG_WORD);
    expect(html).toContain(
      '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;table-layout:fixed;border-collapse:collapse;"><tr><td class="tr-card"',
    );
  });

  it('is an email-safe document: inline styles, no images, scripts or remote resources', () => {
    const model = digestModel({ changes: [digestChange()], contactsDue: [contactDue()] });
    const html = renderDigestHtml(model);
    const elements = htmlElements(html);
    expect(html.startsWith('<!doctype html>\n<html lang="en" dir="ltr">')).toBe(true);
    expect(textsOf(html, 'title')).toEqual([digestSubject(model)]);
    expect(elements.filter((e) => e.name === 'meta').map((e) => e.attributes)).toEqual([
      { charset: 'utf-8' },
      { name: 'viewport', content: 'width=device-width, initial-scale=1' },
      { name: 'x-apple-disable-message-reformatting' },
      { name: 'color-scheme', content: 'light dark' },
      { name: 'supported-color-schemes', content: 'light dark' },
    ]);
    expect(new Set(elements.map((e) => e.name))).toEqual(
      new Set([
        'html',
        'head',
        'meta',
        'title',
        'style',
        'body',
        'div',
        'table',
        'tr',
        'td',
        'h1',
        'h2',
        'h3',
        'p',
        'a',
      ]),
    );
    expect(elements.filter((e) => 'src' in e.attributes)).toEqual([]);
    expect(html).not.toMatch(/url\(|@import|<link/i);
    const styled = elements.filter((e) => ['body', 'td', 'h1', 'h2', 'h3', 'p', 'a'].includes(e.name));
    expect(styled.filter((e) => !e.attributes.style)).toEqual([]);
    expect(textsOf(html, 'style')).toHaveLength(1);
    expect(textsOf(html, 'style')[0]).toContain('@media (prefers-color-scheme: dark)');
    expect(
      elements.filter((e) => e.name === 'table').every((e) => e.attributes.role === 'presentation'),
    ).toBe(true);
  });

  it('lists changes since last week with old and new times', () => {
    const model = digestModel({
      changes: [
        digestChange(),
        digestChange({
          eventId: 'evt_c',
          title: 'Cloud Day',
          change: 'cancelled',
          start: '2024-12-04T08:00:00Z',
        }),
        digestChange({
          eventId: 'evt_r',
          title: 'Go Night',
          change: 'removed',
          start: '2024-12-06',
          allDay: true,
          url: null,
        }),
      ],
    });
    const html = renderDigestHtml(model);
    expect(textsOf(html, 'h3').slice(1)).toEqual(['SRE Night', 'Cloud Day', 'Go Night']);
    expect(textsOf(html, 'p').filter((text) => /^(Moved|Cancelled|No longer)/.test(text))).toEqual([
      'Moved: Tue 3 Dec, 19:00 CET → Thu 5 Dec, 18:00 CET',
      'Cancelled (was Wed 4 Dec, 09:00 CET)',
      'No longer listed by its organizer (was Fri 6 Dec (all day))',
    ]);
    // No URL, no link: the heading holds the bare title.
    expect(html).toContain('color:#1f2328;">Go Night</h3>');
  });

  it('shows contacts due with a mark-as-done link, and no block when there are none', () => {
    const none = renderDigestHtml(digestModel());
    expect(textsOf(none, 'h2')).toEqual(['Near you']);
    const html = renderDigestHtml(
      digestModel({
        contactsDue: [
          contactDue(),
          contactDue({ name: 'Alan Turing', relationship: 'peer', lastContacted: null }),
        ],
      }),
    );
    expect(textsOf(html, 'h3').slice(1)).toEqual(['Grace Hopper (mentor)', 'Alan Turing (peer)']);
    expect(textsOf(html, 'p')).toEqual(
      expect.arrayContaining(['Last in touch Mon 4 Nov', 'No contact recorded yet']),
    );
    expect(html).toContain(
      '<a href="https://trellis.example/a/done?t=grace" class="tr-link" style="color:#0b57d0;text-decoration:underline;" aria-label="Mark as reconnected: Grace Hopper">Mark as reconnected</a>',
    );
  });

  it('ends with why the reader gets it and links to preferences and unsubscribe', () => {
    const html = renderDigestHtml(digestModel());
    expect(html).toContain(
      '<p style="margin:0 0 8px;">You get this email because ada@example.org is subscribed to the Trellis weekly digest.</p>' +
        '<p style="margin:0;"><a href="https://trellis.example/" class="tr-link" style="color:#0b57d0;text-decoration:underline;">Change your digest preferences</a> · ' +
        '<a href="https://trellis.example/a/unsubscribe?t=u1" class="tr-link" style="color:#0b57d0;text-decoration:underline;">Unsubscribe from this digest</a></p>',
    );
  });

  it('sends a short note in a quiet week', () => {
    const html = renderDigestHtml(quietWeekModel());
    expect(textsOf(html, 'h1')).toEqual(['A quiet week, Mon 2 – Sun 8 Dec']);
    expect(textsOf(html, 'h2')).toEqual([]);
    expect(textsOf(html, 'h3')).toEqual([]);
    expect(textsOf(html, 'p')).toEqual([
      'Hi Ada,',
      'Nothing new matched your interests this week, and nothing you saw before has changed. More topics, keywords or places in your preferences widen the net.',
      'Open your digest preferences',
      'You get this email because ada@example.org is subscribed to the Trellis weekly digest.',
      'Change your digest preferences · Unsubscribe from this digest',
    ]);
  });
});
