import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { groupByDay } from '../../../shared/browse/day-groups.ts';
import { browseRowsOf } from '../../../shared/browse/series-rows.ts';
import { renderDigestHtml } from '../../../shared/digest/render-digest-html.tsx';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import { renderInviteHtml } from '../../../shared/mail/invite-html.tsx';
import { renderReminderHtml } from '../../../shared/reminders/render-reminder-html.tsx';
import { buildSource } from '../../../shared/sources/new-source.ts';
import type { Source } from '../../../shared/sources/source.ts';
import type { SourceSuggestion } from '../../../shared/sources/source-suggestion.ts';
import { renderActionConfirmation, renderActionDone } from '../../../shared/web/action-pages.tsx';
import { renderCalendarPage } from '../../../shared/web/calendar-page.tsx';
import { renderDigestPreviewPage } from '../../../shared/web/digest-preview-page.tsx';
import { renderEventPage } from '../../../shared/web/event-page.tsx';
import type { ViewerZone } from '../../../shared/web/events-time-zone.ts';
import { renderOverviewPage } from '../../../shared/web/overview-page.tsx';
import { renderSourcesPage } from '../../../shared/web/source-pages.tsx';
import { eventEntry } from '../../support/event-entries.ts';
import { digestChange, digestItem, digestModel, digestSection } from '../digest/digest-model-builder.ts';
import { reminderContact, reminderModel, reminderSuggestion } from '../reminders/reminder-model-builder.ts';

/*
 * What a hostile feed can put in an event (title, description, place, organizer, link) reaches every page
 * and mail that shows events. Each must render it as text: no element, attribute or script of its own, and
 * a link from a feed only when it is http(s).
 */

const TITLE = '<script>alert(1)</script>';
const PLACE = '"><img src=x onerror=alert(2)>';
const ORGANIZER = "<svg onload=alert(3)>O'Reilly & Sons";
const DESCRIPTION = '</textarea><iframe src="javascript:alert(4)"></iframe>';
const LINK = 'javascript:alert(5)';
const hostile = [TITLE, PLACE, ORGANIZER];

const now = new Date('2030-03-01T00:00:00Z');
const nav = { current: null, csrf: 'tok-123' };
const viewer: ViewerZone = {
  zone: 'Europe/Berlin',
  source: 'language',
  setCookie: [],
  likely: ['Europe/Berlin'],
};

/** Elements our own markup has; anything else in the document came from data. */
const allowedElements = new Set(
  'html head meta link title style body a header nav ul ol li form input button main h1 h2 h3 p div span strong small br table thead tbody tr th td code time label select optgroup option textarea fieldset legend section blockquote dl dt dd iframe details summary pre s'.split(
    ' ',
  ),
);

/** Asserts that the markup carries the hostile strings as text only, and links only where we put links. */
function expectInert(html: string, shown: readonly string[] = hostile): void {
  const document = parseDocument(html);
  const elements = DomUtils.findAll(() => true, document.children);
  for (const element of elements) {
    expect(allowedElements, `<${element.name}>`).toContain(element.name);
    for (const [name, value] of Object.entries(element.attribs)) {
      expect(name, `attribute ${name} on <${element.name}>`).not.toMatch(/^on/i);
      if (name === 'href' || name === 'src' || name === 'action')
        expect(value, `${name} on <${element.name}>`).toMatch(/^(https?:\/\/|webcal:\/\/|\/|#)/);
    }
    // Our one link element is the favicon.
    if (element.name === 'link') expect(element.attribs).toMatchObject({ rel: 'icon', href: '/favicon.svg' });
    // Our one frame is the digest preview's, showing our own mail.
    if (element.name === 'iframe') expect(element.attribs.src).toBe('/digest/email.html');
  }
  expect(html).not.toMatch(/javascript:/i);
  const text = DomUtils.textContent(document);
  for (const value of shown) expect(text).toContain(value);
}

function storedEvent(overrides: Partial<StoredEvent>): StoredEvent {
  return {
    ...eventEntry('a').content,
    id: 'evt_1',
    primarySourceId: 'src_1',
    sources: [],
    removed: false,
    firstSeenAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

const hostileSource: Source = {
  ...buildSource({ url: 'https://example.org/feed', kind: 'industry-event', organization: ORGANIZER }, now),
  health: {
    ...buildSource({ url: 'https://example.org/feed', kind: 'industry-event' }, now).health,
    lastError: `${TITLE} ${PLACE}`,
    lastFormat: PLACE,
  },
};

describe('a hostile feed renders inert', () => {
  it('on the overview page', () => {
    const html = renderOverviewPage({
      sources: [hostileSource],
      days: groupByDay(
        browseRowsOf([
          storedEvent({
            title: TITLE,
            url: LINK,
            location: PLACE,
            place: null,
            description: DESCRIPTION,
            tags: [ORGANIZER],
          }),
          storedEvent({ id: 'evt_2', title: 'Fine', url: 'https://example.org/e?a=1&b=2' }),
        ]),
        viewer.zone,
        now,
      ),
      viewer,
      signedIn: null,
    });
    expectInert(html);
    expect(html).toContain('<a href="/events/evt_2" class="title">Fine</a>');
  });

  it("on an event's own page, signed in or not", () => {
    const event = storedEvent({
      title: TITLE,
      url: LINK,
      location: PLACE,
      description: '</textarea><iframe src=x></iframe>',
      organizer: ORGANIZER,
      sources: [
        { sourceId: 'src_1', sourceEventId: 'a', url: LINK },
        { sourceId: 'src_2', sourceEventId: 'b', url: 'https://example.org/e?a=1&b=2' },
      ],
    });
    for (const signedIn of [null, nav]) {
      const html = renderEventPage({ event, viewer, nav: signedIn });
      expectInert(html, [...hostile, '</textarea><iframe src=x></iframe>']);
      expect(html).toContain('<a href="https://example.org/e?a=1&amp;b=2">example.org</a>');
    }
  });

  it('on the digest preview page and in the digest email it shows', () => {
    const item = digestItem({
      title: TITLE,
      url: LINK,
      location: PLACE,
      organization: ORGANIZER,
      joinUrl: LINK,
      reasons: [PLACE],
    });
    const mail = renderDigestHtml(
      digestModel({
        sections: [digestSection('near-you', [item])],
        changes: [digestChange({ title: TITLE, url: LINK })],
      }),
    );
    expectInert(mail);
    const page = renderDigestPreviewPage(
      {
        to: 'ada@example.org',
        subject: `1 event this week: ${TITLE}`,
        text: `${TITLE}\n${PLACE} · ${ORGANIZER}\n${LINK}`,
        nextDue: 'Mon 2 Dec, 08:00 CET',
        notSent: null,
        alreadySentThisWeek: false,
      },
      { ...nav, current: 'digest' },
    );
    // The text part quotes the feed's link as text; no attribute carries it.
    expectInert(page.replaceAll(LINK, 'quoted-link'));
    expect(DomUtils.textContent(parseDocument(page))).toContain(LINK);
  });

  it('on the calendar page (saved events)', () => {
    const html = renderCalendarPage(
      { https: 'https://trellis.example/cal/t.ics', webcal: 'webcal://trellis.example/cal/t.ics' },
      {
        events: [
          {
            eventId: 'evt_1"><script>',
            title: TITLE,
            start: '2030-03-02T18:00:00Z',
            end: null,
            allDay: false,
            status: 'cancelled',
            savedAt: now.toISOString(),
          },
        ],
        timeZone: 'Europe/Berlin',
      },
      { ...nav, current: 'calendar' },
      null,
    );
    expectInert(html, [TITLE]);
  });

  it('on the sources pages (suggestions, approvals, source health)', () => {
    const suggestion: SourceSuggestion = {
      id: 'sug_1',
      url: `https://example.org/${PLACE}`,
      kind: 'industry-event',
      organization: ORGANIZER,
      note: TITLE,
      status: 'pending',
      suggestedBy: 'usr_1',
      suggestedAt: now.toISOString(),
      decidedBy: null,
      decidedAt: null,
    };
    const html = renderSourcesPage({
      nav: { ...nav, current: 'sources', isAdmin: true },
      timeZone: 'Europe/Berlin',
      csrf: 'tok-123',
      status: null,
      problems: [TITLE],
      suggestForm: {
        values: { url: LINK, organization: ORGANIZER, note: DESCRIPTION },
        errors: { url: TITLE },
      },
      own: [suggestion],
      admin: {
        pending: [{ suggestion, suggestedByEmail: PLACE }],
        approveForm: { suggestionId: 'sug_1', values: { organization: PLACE }, errors: { kind: TITLE } },
        recentlyDecided: [{ ...suggestion, id: 'sug_2', status: 'approved', decidedAt: now.toISOString() }],
        sources: [hostileSource],
      },
    });
    // The suggest form shows what was typed, javascript: URLs included, as a field's value or text only.
    expectInert(html.replaceAll('javascript:', 'typed-js:'));
    const fields = DomUtils.findAll(() => true, parseDocument(html).children);
    expect(fields.find((element) => element.attribs.id === 'suggest-url')?.attribs.value).toBe(LINK);
    expect(DomUtils.textContent(fields.find((element) => element.name === 'textarea') ?? [])).toBe(
      DESCRIPTION,
    );
  });

  it('on the one-click link pages that name an event', () => {
    expectInert(renderActionConfirmation('save', TITLE), [TITLE]);
    expectInert(
      renderActionDone({
        outcome: 'saved',
        eventTitle: TITLE,
        invited: true,
        timeZone: 'Europe/Berlin',
        eventId: 'evt_"><script>',
        start: '2030-03-12T18:00:00Z',
        end: null,
        allDay: false,
        location: PLACE,
        online: false,
      }),
      [TITLE, PLACE],
    );
    expectInert(renderActionDone({ outcome: 'not-interested', eventTitle: TITLE }), [TITLE]);
  });

  it('in the invitation email', () => {
    const html = renderInviteHtml({
      intro: 'The organizer changed this event.',
      title: TITLE,
      cancelled: true,
      when: 'Tue 3 Mar, 19:00–21:00 CET',
      where: `${PLACE} ${ORGANIZER}`,
      url: LINK,
    });
    // The event's link is not http(s): shown as text, never as an href.
    expectInert(html.replaceAll(LINK, 'shown-link'));
    expect(html).not.toMatch(/href="javascript/i);
  });

  it('in the reminder email (events to talk about)', () => {
    const html = renderReminderHtml(
      reminderModel({
        contacts: [
          reminderContact({
            suggestions: [reminderSuggestion({ title: TITLE, url: LINK, reason: `${PLACE} ${ORGANIZER}` })],
          }),
        ],
      }),
    );
    expectInert(html);
  });
});
