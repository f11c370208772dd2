import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { digestSubject } from '../../../shared/digest/digest-subject.ts';
import { renderDigestHtml } from '../../../shared/digest/render-digest-html.tsx';
import { renderDigestText } from '../../../shared/digest/render-digest-text.ts';
import {
  composeDigestMessage,
  composeMessage,
  type MailIdentity,
  type MessageInput,
} from '../../../shared/mail/compose-message.ts';
import { MailCompositionError } from '../../../shared/mail/mail-composition-error.ts';
import {
  contactDue,
  digestChange,
  digestItem,
  digestModel,
  digestSection,
} from '../digest/digest-model-builder.ts';

const identity: MailIdentity = {
  from: 'Trellis <digest@trellis.example>',
  replyTo: 'help@trellis.example',
  messageIdDomain: 'trellis.example',
};
const now = new Date('2024-12-01T08:00:00Z');

function rawText(raw: Uint8Array): string {
  return Buffer.from(raw).toString('latin1');
}

/** The top-level header fields, unfolded (RFC 5322 2.2.3: a CRLF followed by white space goes). */
function headerFields(raw: Uint8Array): string[] {
  const text = rawText(raw);
  return text
    .slice(0, text.indexOf('\r\n\r\n'))
    .replace(/\r\n(?=[ \t])/g, '')
    .split('\r\n');
}

/** Content-Type of every MIME part, in order, with the random boundaries masked. */
function contentTypes(raw: Uint8Array): string[] {
  const unfolded = rawText(raw).replace(/\r\n(?=[ \t])/g, '');
  return [...unfolded.matchAll(/^Content-Type: (.*)$/gm)].map((match) =>
    (match[1] ?? '').replace(/boundary="[^"]+"/, 'boundary="…"'),
  );
}

describe('composeDigestMessage', () => {
  const model = digestModel({ changes: [digestChange()], contactsDue: [contactDue()] });

  it('is multipart/alternative with UTF-8 text and HTML that decode to the renderers’ output', async () => {
    const message = await composeDigestMessage(model, identity, now);
    expect(contentTypes(message.raw)).toEqual([
      'multipart/alternative; boundary="…"',
      'text/plain; charset=utf-8',
      'text/html; charset=utf-8',
    ]);
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.text).toBe(renderDigestText(model));
    expect(parsed.html).toBe(renderDigestHtml(model));
  });

  it('is 7-bit clean with CRLF line ends and no line over 998 octets', async () => {
    const message = await composeDigestMessage(model, identity, now);
    expect(message.raw.every((byte) => byte < 0x80)).toBe(true);
    const text = rawText(message.raw);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.split('\r\n').filter((line) => line.length > 998)).toEqual([]);
  });

  it('carries the one-click List-Unsubscribe headers exactly', async () => {
    const message = await composeDigestMessage(model, identity, now);
    const fields = headerFields(message.raw);
    expect(fields.filter((field) => /^List-Unsubscribe/i.test(field))).toEqual([
      'List-Unsubscribe: <https://trellis.example/a/unsubscribe?t=u1>, <mailto:unsubscribe@trellis.example?subject=unsubscribe%20u1>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    ]);
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.headers.get('list')).toEqual({
      unsubscribe: {
        url: 'https://trellis.example/a/unsubscribe?t=u1',
        mail: 'unsubscribe@trellis.example?subject=unsubscribe%20u1',
      },
      'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' },
    });
  });

  it('has a random Message-ID on our domain, Date = now, the identity and the subject', async () => {
    const message = await composeDigestMessage(model, identity, now);
    const again = await composeDigestMessage(model, identity, now);
    expect(message.messageId).toMatch(/^<[0-9a-f]{32}@trellis\.example>$/);
    expect(again.messageId).not.toBe(message.messageId);
    expect(message.subject).toBe(digestSubject(model));
    expect(headerFields(message.raw).filter((field) => !field.startsWith('Content-Type'))).toEqual([
      'List-Unsubscribe: <https://trellis.example/a/unsubscribe?t=u1>, <mailto:unsubscribe@trellis.example?subject=unsubscribe%20u1>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      'Auto-Submitted: auto-generated',
      'From: Trellis <digest@trellis.example>',
      'To: Ada <ada@example.org>',
      'Reply-To: help@trellis.example',
      'Subject: 1 event this week: Kubernetes Berlin Meetup',
      `Message-ID: ${message.messageId}`,
      'Date: Sun, 01 Dec 2024 08:00:00 +0000',
      'MIME-Version: 1.0',
    ]);
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.messageId).toBe(message.messageId);
    expect(parsed.date?.toISOString()).toBe('2024-12-01T08:00:00.000Z');
  });

  it('leaves Reply-To out when the identity has none', async () => {
    const message = await composeDigestMessage(model, { ...identity, replyTo: null }, now);
    expect(headerFields(message.raw).filter((field) => field.startsWith('Reply-To'))).toEqual([]);
  });

  it('encodes non-ASCII names and subjects (RFC 2047) and they decode back', async () => {
    const german = digestModel({
      recipient: { email: 'zoe@example.org', name: 'Zoë Müller', timeZone: 'Europe/Berlin' },
      sections: [digestSection('near-you', [digestItem({ title: 'Café Über Meetup' })])],
    });
    const message = await composeDigestMessage(
      german,
      { ...identity, from: 'Trellis Café <digest@trellis.example>' },
      now,
    );
    const fields = headerFields(message.raw);
    expect(fields).toContain('From: =?UTF-8?Q?Trellis_Caf=C3=A9?= <digest@trellis.example>');
    expect(fields).toContain('To: =?UTF-8?Q?Zo=C3=AB_M=C3=BCller?= <zoe@example.org>');
    expect(fields).toContain(
      'Subject: =?UTF-8?Q?1_event_this_week=3A_Caf=C3=A9_=C3=9Cber?= =?UTF-8?Q?_Meetup?=',
    );
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.from?.value).toEqual([{ address: 'digest@trellis.example', name: 'Trellis Café' }]);
    expect(Array.isArray(parsed.to) ? null : parsed.to?.value).toEqual([
      { address: 'zoe@example.org', name: 'Zoë Müller' },
    ]);
    expect(parsed.subject).toBe('1 event this week: Café Über Meetup');
  });

  it('lets no CR/LF in a title or a name add a header', async () => {
    const hostile = digestModel({
      recipient: { email: 'ada@example.org', name: 'Ada\r\nBcc: y@evil', timeZone: 'Europe/Berlin' },
      sections: [
        digestSection('near-you', [digestItem({ title: 'Title\r\nBcc: x@evil\r\n\r\n<b>body</b>' })]),
      ],
    });
    const message = await composeDigestMessage(hostile, identity, now);
    const fields = headerFields(message.raw);
    expect(fields.map((field) => field.slice(0, field.indexOf(':')))).toEqual([
      'List-Unsubscribe',
      'List-Unsubscribe-Post',
      'Auto-Submitted',
      'From',
      'To',
      'Reply-To',
      'Subject',
      'Message-ID',
      'Date',
      'MIME-Version',
      'Content-Type',
    ]);
    expect(fields).toContain('Subject: 1 event this week: Title Bcc: x@evil <b>body</b>');
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe('1 event this week: Title Bcc: x@evil <b>body</b>');
    expect(Array.isArray(parsed.to) ? null : parsed.to?.value).toEqual([
      { address: 'ada@example.org', name: 'Ada Bcc: y@evil' },
    ]);
  });

  it('refuses unsubscribe links that are not one-click https or a plain mailto', async () => {
    const withLinks = (links: Partial<typeof model.links>) =>
      digestModel({ links: { ...model.links, ...links } });
    for (const links of [
      { unsubscribeUrl: 'http://trellis.example/a/unsubscribe' },
      { unsubscribeUrl: 'javascript:alert(1)' },
      { unsubscribeUrl: 'https://user:pw@trellis.example/u' },
      { unsubscribeMailto: 'mailto:unsubscribe@trellis.example>, <https://evil.example' },
      { unsubscribeMailto: 'https://trellis.example/u' },
      { unsubscribeMailto: 'mailto:unsubscribe@trellis.example\r\nBcc: x@evil' },
    ]) {
      await expect(composeDigestMessage(withLinks(links), identity, now)).rejects.toThrow(
        MailCompositionError,
      );
    }
  });

  it('accepts a plain http unsubscribe link on loopback, for the local runtime', async () => {
    const local = digestModel({
      links: { ...model.links, unsubscribeUrl: 'http://127.0.0.1:3000/a/unsubscribe?t=u1' },
    });
    const message = await composeDigestMessage(local, identity, now);
    expect(headerFields(message.raw)).toContain(
      'List-Unsubscribe: <http://127.0.0.1:3000/a/unsubscribe?t=u1>, <mailto:unsubscribe@trellis.example?subject=unsubscribe%20u1>',
    );
  });
});

describe('composeMessage', () => {
  const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
  const base = {
    to: { address: 'ada@example.org', name: null },
    subject: 'Invitation: SRE Night',
    text: 'SRE Night, Thu 5 Dec',
    html: '<p>SRE Night, Thu 5 Dec</p>',
    identity,
    now,
  };

  it('adds a calendar invite as a text/calendar alternative with its method, plus an .ics attachment', async () => {
    const message = await composeMessage({
      ...base,
      alternatives: [{ contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: ics }],
      attachments: [
        { filename: 'invite.ics', contentType: 'application/ics', content: new TextEncoder().encode(ics) },
      ],
      inReplyTo: '<first@trellis.example>',
      references: ['<first@trellis.example>'],
    });
    expect(contentTypes(message.raw)).toEqual([
      'multipart/mixed; boundary="…"',
      'multipart/alternative; boundary="…"',
      'text/plain; charset=utf-8',
      'text/html; charset=utf-8',
      'text/calendar; charset=utf-8; method=REQUEST',
      'application/ics; name=invite.ics',
    ]);
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.text).toBe('SRE Night, Thu 5 Dec');
    expect(parsed.attachments.map((a) => [a.contentType, a.filename ?? null, a.content.toString()])).toEqual([
      ['text/calendar', null, ics],
      ['application/ics', 'invite.ics', ics],
    ]);
    expect(parsed.inReplyTo).toBe('<first@trellis.example>');
    expect(parsed.references).toBe('<first@trellis.example>');
  });

  it('sends a text-only message as a single text/plain part', async () => {
    const message = await composeMessage({ ...base, html: null });
    expect(contentTypes(message.raw)).toEqual(['text/plain; charset=utf-8']);
  });

  it('refuses a bad recipient, Message-ID domain, identity or extra header', async () => {
    const attempts: MessageInput[] = [
      { ...base, to: { address: 'a@example.org, b@example.org', name: null } },
      { ...base, to: { address: 'a@example.org\r\nBcc: x@evil', name: null } },
      { ...base, to: { address: 'not-an-address', name: null } },
      { ...base, identity: { ...identity, messageIdDomain: 'evil>\r\nBcc: x' } },
      { ...base, identity: { ...identity, from: 'Trellis <digest@trellis.example>\r\nBcc: x@evil' } },
      { ...base, headers: { Bcc: 'x@evil' } },
      { ...base, headers: { subject: 'Other' } },
      { ...base, headers: { 'X-Note': 'line\r\nBcc: x@evil' } },
      { ...base, headers: { 'X Bad: y': 'z' } },
      { ...base, inReplyTo: '<a@b>\r\nBcc: x@evil' },
    ];
    for (const input of attempts) {
      await expect(composeMessage(input)).rejects.toThrow(MailCompositionError);
    }
  });
});
