import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { organizerOf } from '../../../shared/calendar/reconcile-invite.ts';
import { renderInvite } from '../../../shared/calendar/render-invite.ts';
import { composeInviteMessage } from '../../../shared/mail/compose-invite.ts';
import { storedEvent } from './calendar-fixtures.ts';

const now = new Date('2026-02-20T12:00:00Z');
const identity = { from: 'Trellis <digest@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' };
const organizer = organizerOf(identity.from);

function invite(method: 'REQUEST' | 'CANCEL', sequence: number) {
  return renderInvite({
    entry: { event: storedEvent(), note: 'Saved in Trellis.', sequence, status: 'confirmed' },
    method,
    organizer,
    attendee: 'ana@example.org',
    now,
  });
}

/** The raw MIME tree: content types, depth first. */
function mimeTypes(raw: string): string[] {
  return [...raw.matchAll(/^Content-Type: ([^;\r\n]+)/gim)].map((match) => (match[1] ?? '').toLowerCase());
}

describe('iTIP invitations', () => {
  it('writes METHOD:REQUEST on the calendar, with the service as ORGANIZER and the user asked to reply', () => {
    const calendar = new ICAL.Component(ICAL.parse(invite('REQUEST', 0)));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = calendar.getFirstSubcomponent('vevent') as ICAL.Component;
    expect(vevent.getFirstPropertyValue('uid')).toBe('evt_0123456789abcdef0123@trellis');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:digest@trellis.test');
    expect(vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe('Trellis');
    const attendee = vevent.getFirstProperty('attendee');
    expect(String(attendee?.getFirstValue()).toLowerCase()).toBe('mailto:ana@example.org');
    expect(attendee?.getParameter('rsvp')).toBe('TRUE');
    expect(attendee?.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1);
  });

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED, the same UID and the next SEQUENCE', () => {
    const calendar = new ICAL.Component(ICAL.parse(invite('CANCEL', 2)));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const vevent = calendar.getFirstSubcomponent('vevent') as ICAL.Component;
    expect(vevent.getFirstPropertyValue('uid')).toBe('evt_0123456789abcdef0123@trellis');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('mails it as text, HTML, a text/calendar part whose method matches, and an invite.ics attachment', async () => {
    const ics = invite('REQUEST', 1);
    const message = await composeInviteMessage(
      {
        kind: 'update',
        method: 'REQUEST',
        recipient: { address: 'ana@example.org', name: 'Ana' },
        title: 'Kubernetes <Berlin> Meetup',
        when: 'Tue 3 Mar, 19:00–21:00 CET',
        where: 'c-base, Berlin',
        url: 'https://example.org/k8s',
        ics,
        previousMessageId: '<first@trellis.test>',
      },
      identity,
      now,
    );
    const raw = Buffer.from(message.raw).toString('utf8');
    expect(mimeTypes(raw)).toEqual([
      'multipart/mixed',
      'multipart/alternative',
      'text/plain',
      'text/html',
      'text/calendar',
      'application/ics',
    ]);
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.subject).toBe(
      'Updated invitation: Kubernetes <Berlin> Meetup · Tue 3 Mar, 19:00–21:00 CET',
    );
    expect(parsed.inReplyTo).toBe('<first@trellis.test>');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.html).toContain('Kubernetes &lt;Berlin> Meetup');
    expect(parsed.html).not.toContain('<Berlin>');
    expect(parsed.text).toContain('When: Tue 3 Mar, 19:00–21:00 CET');
    const attachment = parsed.attachments.find((part) => part.filename === 'invite.ics');
    expect(attachment?.content.toString('utf8')).toBe(ics);
  });

  it('reads the organizer from the configured From address', () => {
    expect(organizerOf('Trellis <digest@trellis.test>')).toEqual({
      name: 'Trellis',
      email: 'digest@trellis.test',
    });
    expect(organizerOf('"Trellis Events" <events@x.org>')).toEqual({
      name: 'Trellis Events',
      email: 'events@x.org',
    });
    expect(organizerOf('events@x.org')).toEqual({ name: 'Trellis', email: 'events@x.org' });
  });
});
