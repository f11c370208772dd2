import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { MailIdentity } from '../../../shared/mail/compose-message.ts';
import { composeReminderMessage } from '../../../shared/mail/compose-reminder.ts';
import { renderReminderHtml } from '../../../shared/reminders/render-reminder-html.tsx';
import { renderReminderText } from '../../../shared/reminders/render-reminder-text.ts';
import { reminderContact, reminderModel, twoContactModel } from './reminder-model-builder.ts';

const identity: MailIdentity = {
  from: 'Trellis <reminders@trellis.example>',
  replyTo: null,
  messageIdDomain: 'trellis.example',
};
const now = new Date('2024-12-02T07:00:00Z');

/** The top-level header fields, unfolded (RFC 5322 2.2.3). */
function headerFields(raw: Uint8Array): string[] {
  const text = Buffer.from(raw).toString('latin1');
  return text
    .slice(0, text.indexOf('\r\n\r\n'))
    .replace(/\r\n(?=[ \t])/g, '')
    .split('\r\n');
}

describe('composeReminderMessage', () => {
  it('is multipart/alternative with UTF-8 text then HTML that decode to the renderers’ output', async () => {
    const model = twoContactModel();
    const message = await composeReminderMessage(model, identity, now);
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    const unfolded = Buffer.from(message.raw)
      .toString('latin1')
      .replace(/\r\n(?=[ \t])/g, '');
    expect([...unfolded.matchAll(/^Content-Type: (.*)$/gm)].map((match) => match[1])).toEqual([
      expect.stringMatching(/^multipart\/alternative; boundary="[^"]+"$/),
      'text/plain; charset=utf-8',
      'text/html; charset=utf-8',
    ]);
    expect(parsed.text).toBe(renderReminderText(model));
    expect(parsed.html).toBe(renderReminderHtml(model));
    expect(parsed.attachments).toEqual([]);
  });

  it('says who it is for and what is inside, and is marked auto-generated without List-Unsubscribe', async () => {
    const message = await composeReminderMessage(twoContactModel(), identity, now);
    expect(message.subject).toBe('Time to reconnect: Ana and Ravi');
    expect(message.messageId).toMatch(/^<[0-9a-f]{32}@trellis\.example>$/);
    expect(headerFields(message.raw).filter((field) => !field.startsWith('Content-Type'))).toEqual([
      'Auto-Submitted: auto-generated',
      'From: Trellis <reminders@trellis.example>',
      'To: Ada <ada@example.org>',
      'Subject: Time to reconnect: Ana and Ravi',
      `Message-ID: ${message.messageId}`,
      'Date: Mon, 02 Dec 2024 07:00:00 +0000',
      'MIME-Version: 1.0',
    ]);
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.has('list-unsubscribe')).toBe(false);
    expect(parsed.subject).toBe('Time to reconnect: Ana and Ravi');
  });

  it('encodes a non-ASCII name in the subject and it decodes back', async () => {
    const message = await composeReminderMessage(reminderModel(), identity, now);
    expect(headerFields(message.raw)).toContain('Subject: =?UTF-8?Q?Time_to_reconnect_with_Ana_Kova=C4=8D?=');
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.subject).toBe('Time to reconnect with Ana Kovač');
    expect(message.raw.every((byte) => byte < 0x80)).toBe(true);
  });

  it('lets no CR/LF in a contact’s or the reader’s name add a header', async () => {
    const model = reminderModel({
      recipient: { email: 'ada@example.org', name: 'Ada\r\nBcc: y@evil', timeZone: 'Europe/Berlin' },
      contacts: [reminderContact({ name: 'Ana\r\nBcc: x@evil\r\n\r\n<b>body</b>' })],
    });
    const message = await composeReminderMessage(model, identity, now);
    const fields = headerFields(message.raw);
    expect(fields.map((field) => field.slice(0, field.indexOf(':')))).toEqual([
      'Auto-Submitted',
      'From',
      'To',
      'Subject',
      'Message-ID',
      'Date',
      'MIME-Version',
      'Content-Type',
    ]);
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe('Time to reconnect with Ana Bcc: x@evil <b>body</b>');
  });
});
