import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMessage, type MessageInput } from '../../../shared/mail/compose-message.ts';
import { MailCompositionError } from '../../../shared/mail/mail-composition-error.ts';
import {
  encodeHeaderText,
  encodeWord,
  foldHeader,
  formatMailbox,
  quotedPrintable,
} from '../../../shared/mail/mime-encoding.ts';
import { buildMimeMessage } from '../../../shared/mail/mime-message.ts';

/**
 * Messages written by nodemailer's MailComposer (10.6) before shared/mail/mime-message.ts replaced it, with the
 * random boundaries and Message-ID masked: the new writer must produce the same bytes.
 */
interface Fixture {
  readonly name: string;
  readonly input: Omit<MessageInput, 'now'> & { readonly now: string };
  readonly raw: string;
}
const fixtures: Fixture[] = JSON.parse(
  readFileSync(new URL('./mime-fixtures.json', import.meta.url), 'utf8'),
) as Fixture[];

const mask = (raw: Uint8Array): string =>
  Buffer.from(raw)
    .toString('utf8')
    .replace(/--_NmP-[0-9a-f]{16}-Part_/g, '--_NmP-0000000000000000-Part_')
    .replace(/<[0-9a-f]{32}@/g, '<00000000000000000000000000000000@');

const lines = (raw: Uint8Array): string[] => Buffer.from(raw).toString('latin1').split('\r\n');

const identity = {
  from: 'Trellis <digest@trellis.example>',
  replyTo: null,
  messageIdDomain: 'trellis.example',
};
const now = new Date('2024-12-01T08:00:00Z');

describe('composeMessage writes what nodemailer wrote', () => {
  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', async (_name, fixture) => {
    const message = await composeMessage({ ...fixture.input, now: new Date(fixture.input.now) });
    expect(mask(message.raw)).toBe(fixture.raw);
  });
});

describe('the MIME writer', () => {
  it('keeps every line within 76 characters in encoded bodies and 998 everywhere, CRLF only, 7-bit', async () => {
    const text = `${'Zoë Müller was here. '.repeat(30)}\n${'x'.repeat(2000)}\n${'東京 '.repeat(300)}  `;
    const message = await composeMessage({
      to: { address: 'ada@example.org', name: 'Zoë' },
      subject: `Ünïcode ${'long subject words '.repeat(10)}`,
      text,
      html: `<p>${'東京'.repeat(400)}</p>`,
      identity,
      now,
    });
    expect(message.raw.every((byte) => byte < 0x80)).toBe(true);
    const raw = Buffer.from(message.raw).toString('latin1');
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines(message.raw).filter((line) => line.length > 76)).toEqual([]);
    const parsed = await simpleParser(Buffer.from(message.raw));
    expect(parsed.text).toBe(text);
    expect(parsed.subject).toBe(`Ünïcode ${'long subject words '.repeat(10)}`.trim());
  });

  it('sends short-lined ASCII as 7bit and a longer line as quoted-printable', async () => {
    const short = await composeMessage({
      to: { address: 'a@example.org', name: null },
      subject: 's',
      text: 'a\nb',
      html: null,
      identity,
      now,
    });
    expect(lines(short.raw)).toContain('Content-Transfer-Encoding: 7bit');
    expect(Buffer.from(short.raw).toString('latin1').endsWith('\r\n\r\na\r\nb\r\n')).toBe(true);
    const long = await composeMessage({
      to: { address: 'a@example.org', name: null },
      subject: 's',
      text: 'y'.repeat(200),
      html: null,
      identity,
      now,
    });
    expect(lines(long.raw)).toContain('Content-Transfer-Encoding: quoted-printable');
    expect(lines(long.raw).filter((line) => line.length > 76)).toEqual([]);
  });

  it('writes text/calendar REQUEST and CANCEL alternatives with their method, and the .ics attachment', async () => {
    for (const method of ['REQUEST', 'CANCEL']) {
      const ics = `BEGIN:VCALENDAR\r\nMETHOD:${method}\r\nSUMMARY:Café night\r\nEND:VCALENDAR\r\n`;
      const message = await composeMessage({
        to: { address: 'a@example.org', name: null },
        subject: 'Invitation',
        text: 'text',
        html: '<p>html</p>',
        alternatives: [{ contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics }],
        attachments: [
          { filename: 'invite.ics', contentType: `application/ics; method=${method}`, content: ics },
        ],
        identity,
        now,
      });
      const raw = Buffer.from(message.raw).toString('latin1');
      expect(raw).toContain(`Content-Type: text/calendar; charset=utf-8; method=${method}\r\n`);
      expect(raw).toContain(`Content-Type: application/ics; method=${method}; name=invite.ics\r\n`);
      expect(raw).toContain('Content-Disposition: attachment; filename=invite.ics\r\n');
      const parsed = await simpleParser(Buffer.from(message.raw));
      expect(parsed.attachments.map((a) => [a.contentType, a.content.toString()])).toEqual([
        ['text/calendar', ics],
        ['application/ics', ics],
      ]);
    }
  });

  it('shows a subject that looks like an encoded word as the text it is', async () => {
    const message = await composeMessage({
      to: { address: 'a@example.org', name: null },
      subject: 'Talk: =?UTF-8?Q?x?=',
      text: 't',
      html: null,
      identity,
      now,
    });
    expect((await simpleParser(Buffer.from(message.raw))).subject).toBe('Talk: =?UTF-8?Q?x?=');
  });

  it('takes the sender as one mailbox, quoted or not, and refuses anything else', async () => {
    const send = (from: string) =>
      composeMessage({
        to: { address: 'a@example.org', name: null },
        subject: 's',
        text: 't',
        html: null,
        identity: { ...identity, from },
        now,
      });
    const fromOf = async (from: string) =>
      (await simpleParser(Buffer.from((await send(from)).raw))).from?.value;
    expect(await fromOf('"Trellis, Berlin" <digest@trellis.example>')).toEqual([
      { address: 'digest@trellis.example', name: 'Trellis, Berlin' },
    ]);
    expect(await fromOf('digest@trellis.example')).toEqual([{ address: 'digest@trellis.example', name: '' }]);
    for (const bad of ['a@x.example, b@x.example', 'Trellis <a@x.example> <b@x.example>', 'no address']) {
      await expect(send(bad)).rejects.toThrow(MailCompositionError);
    }
  });

  it('refuses content parameters and file names it would have to encode', () => {
    expect(() => buildMimeMessage([], { contentType: 'text/plain; charset="ü"', content: 'x' })).toThrow(
      MailCompositionError,
    );
    expect(() =>
      buildMimeMessage([], { contentType: 'application/ics', content: 'x', filename: 'ü.ics' }),
    ).toThrow(MailCompositionError);
    expect(() => buildMimeMessage([], { contentType: 'not a type', content: 'x' })).toThrow(
      MailCompositionError,
    );
  });
});

describe('encodings', () => {
  it('Q-encodes Latin text and B-encodes the rest, in words of at most 52 characters', () => {
    expect(encodeWord('Café')).toBe('=?UTF-8?Q?Caf=C3=A9?=');
    expect(encodeWord('東京')).toBe('=?UTF-8?B?5p2x5Lqs?=');
    for (const word of encodeWord(`${'Zoë '.repeat(30)}東京`).split(' '))
      expect(word.length).toBeLessThanOrEqual(52);
    expect(encodeHeaderText('plain ASCII')).toBe('plain ASCII');
    expect(encodeHeaderText('say "hi"')).toBe('=?UTF-8?Q?say_=22hi=22?=');
  });

  it('quoted-printable: escapes =, non-ASCII and white space at a line end, soft-breaks at 76', () => {
    expect(quotedPrintable('a=b é \nend ')).toBe('a=3Db =C3=A9=20\nend=20');
    const wrapped = quotedPrintable('word '.repeat(40));
    expect(wrapped.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    expect(wrapped.replace(/=\r\n/g, '')).toBe(`${'word '.repeat(39)}word=20`);
  });

  it('folds header fields at white space into lines of at most 76', () => {
    const field = `References: ${Array.from({ length: 6 }, (_, n) => `<message-${n}@trellis.example>`).join(' ')}`;
    const folded = foldHeader(field);
    expect(folded.split('\r\n').length).toBe(3);
    expect(folded.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    expect(folded.replace(/\r\n(?=[ \t])/g, '')).toBe(field);
  });

  it('writes mailboxes with the name bare, quoted or encoded, the domain in A-labels', () => {
    expect(formatMailbox({ name: 'Ada Lovelace', address: 'ada@example.org' })).toBe(
      'Ada Lovelace <ada@example.org>',
    );
    expect(formatMailbox({ name: 'Ada "the" L.', address: 'ada@example.org' })).toBe(
      '"Ada \\"the\\" L." <ada@example.org>',
    );
    expect(formatMailbox({ name: 'Zoë', address: 'zoe@Exämple.org' })).toBe(
      '=?UTF-8?Q?Zo=C3=AB?= <zoe@xn--exmple-cua.org>',
    );
    expect(formatMailbox({ name: null, address: 'a..b@example.org' })).toBe('<"a..b"@example.org>');
  });
});
