import { randomBytes } from 'node:crypto';
import type { DigestModel } from '../digest/digest-model.ts';
import { digestSubject } from '../digest/digest-subject.ts';
import { renderDigestHtml } from '../digest/render-digest-html.tsx';
import { renderDigestText } from '../digest/render-digest-text.ts';
import { listUnsubscribeHeaders } from './list-unsubscribe.ts';
import { MailCompositionError } from './mail-composition-error.ts';
import { formatMailbox } from './mime-encoding.ts';
import { buildMimeMessage, type MimeHeader, type MimeLeaf, type MimeNode } from './mime-message.ts';

/** Who a message comes from, as configured once per deployment. */
export interface MailIdentity {
  /** `Trellis <digest@example.org>` */
  readonly from: string;
  readonly replyTo: string | null;
  /** Right-hand side of generated Message-IDs (a domain we own, so they are unique to us). */
  readonly messageIdDomain: string;
}

export interface ComposedMessage {
  /** The whole RFC 5322 message, CRLF line ends, ready for SES SendEmail Raw. */
  readonly raw: Uint8Array;
  /** With angle brackets: `<…@messageIdDomain>` (what In-Reply-To/References of a follow-up quote). */
  readonly messageId: string;
  readonly subject: string;
}

export interface MailAddress {
  readonly address: string;
  readonly name: string | null;
}

/** One more rendering of the body beside text and HTML, e.g. an iTIP invite. */
export interface MessageAlternative {
  /** Full type with parameters: `text/calendar; charset=utf-8; method=REQUEST` (Outlook needs the method). */
  readonly contentType: string;
  readonly content: string;
}

export interface MessageAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string | Uint8Array;
}

export interface MessageInput {
  readonly to: MailAddress;
  readonly subject: string;
  readonly text: string;
  /** The HTML rendering, or null for a text-only message. */
  readonly html: string | null;
  /** After text and HTML inside multipart/alternative (RFC 2046: the last one is the richest). */
  readonly alternatives?: readonly MessageAlternative[];
  /** Makes the message multipart/mixed, the alternatives first. */
  readonly attachments?: readonly MessageAttachment[];
  /** Extra header fields (List-Unsubscribe, Auto-Submitted, …); the standard ones cannot be set here. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Message-ID of the message this follows up (an invite update threads under the invite). */
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly identity: MailIdentity;
  readonly now: Date;
}

/** Fields composeMessage sets itself; a caller's header of the same name would be silently replaced. */
const STANDARD_FIELDS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'in-reply-to',
  'references',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
]);
const FIELD_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const CONTROL = /\p{Cc}/u;
const MAILBOX = /^[^\s@<>()[\]\\,;:"\p{Cc}]+@[^\s@<>()[\]\\,;:"\p{Cc}]+$/u;
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * A MIME message (shared/mail/mime-message.ts): multipart/alternative (text, HTML, then any further
 * alternatives), inside multipart/mixed when there are attachments; UTF-8 throughout, RFC 2047 words for
 * non-ASCII names and subjects, quoted-printable or base64 bodies where 7bit will not do. The bytes are those
 * nodemailer's MailComposer wrote before it (test/unit/mail/mime-message.test.ts compares the two).
 */
export async function composeMessage(input: MessageInput): Promise<ComposedMessage> {
  const { identity } = input;
  if (!MAILBOX.test(input.to.address)) {
    throw new MailCompositionError(`Not a single mail address: '${input.to.address}'`);
  }
  if (!DOMAIN.test(identity.messageIdDomain)) {
    throw new MailCompositionError(`Not a domain for Message-IDs: '${identity.messageIdDomain}'`);
  }
  for (const value of [
    identity.from,
    identity.replyTo ?? '',
    input.inReplyTo ?? '',
    ...(input.references ?? []),
  ]) {
    if (CONTROL.test(value)) throw new MailCompositionError(`A header value holds a line break: '${value}'`);
  }
  const messageId = `<${randomBytes(16).toString('hex')}@${identity.messageIdDomain}>`;
  const subject = oneLine(input.subject);
  const structured = (name: string, value: string): MimeHeader => ({ name, value, kind: 'structured' });
  const headers: MimeHeader[] = [
    ...Object.entries(extraHeaders(input.headers ?? {})).map(([name, value]) => ({ name, value })),
    structured('From', formatMailbox(parseMailbox(identity.from))),
    structured(
      'To',
      formatMailbox({ address: input.to.address, name: input.to.name ? oneLine(input.to.name) : null }),
    ),
    ...(identity.replyTo ? [structured('Reply-To', formatMailbox(parseMailbox(identity.replyTo)))] : []),
    ...(input.inReplyTo ? [structured('In-Reply-To', messageIds([input.inReplyTo]))] : []),
    ...(input.references?.length ? [structured('References', messageIds(input.references))] : []),
    { name: 'Subject', value: subject },
    structured('Message-ID', messageId),
    structured('Date', input.now.toUTCString().replace(/GMT/, '+0000')),
  ];
  // Empty text or HTML is left out; with no renderings at all the message is an empty text/plain.
  const alternatives: MimeLeaf[] = [
    ...(input.text ? [{ contentType: 'text/plain; charset=utf-8', content: input.text }] : []),
    ...(input.html ? [{ contentType: 'text/html; charset=utf-8', content: input.html }] : []),
    ...(input.alternatives ?? []).map((part) => ({ contentType: part.contentType, content: part.content })),
  ];
  const attachments: MimeLeaf[] = (input.attachments ?? []).map((attachment) => ({
    contentType: attachment.contentType,
    content: attachment.content,
    filename: attachment.filename,
  }));
  const readable: MimeNode | null =
    alternatives.length > 1 ? { multipart: 'alternative', parts: alternatives } : (alternatives[0] ?? null);
  const parts = [...(readable ? [readable] : []), ...attachments];
  const body: MimeNode =
    parts.length > 1
      ? { multipart: 'mixed', parts }
      : (parts[0] ?? { contentType: 'text/plain', content: '' });
  return { raw: buildMimeMessage(headers, body), messageId, subject };
}

/** The digest's subject and bodies: what the message carries, and what the preview page shows. */
export function digestMessageParts(model: DigestModel): { subject: string; text: string; html: string } {
  return { subject: digestSubject(model), text: renderDigestText(model), html: renderDigestHtml(model) };
}

/**
 * The weekly digest as a message: text and HTML renderings of one model, with the one-click
 * unsubscribe headers and `Auto-Submitted: auto-generated` (RFC 3834: no vacation auto-replies).
 */
export async function composeDigestMessage(
  model: DigestModel,
  identity: MailIdentity,
  now: Date,
): Promise<ComposedMessage> {
  return composeMessage({
    to: { address: model.recipient.email, name: model.recipient.name },
    ...digestMessageParts(model),
    headers: {
      ...listUnsubscribeHeaders(model.links.unsubscribeUrl, model.links.unsubscribeMailto),
      'Auto-Submitted': 'auto-generated',
    },
    identity,
    now,
  });
}

function extraHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) {
    if (!FIELD_NAME.test(name) || STANDARD_FIELDS.has(name.toLowerCase())) {
      throw new MailCompositionError(`Header '${name}' cannot be set as an extra header`);
    }
    if (CONTROL.test(value)) throw new MailCompositionError(`Header '${name}' holds a line break`);
  }
  return { ...headers };
}

/**
 * One mailbox of the configuration: `Trellis <digest@example.org>`, `"Trellis, Berlin" <…>` or a bare address.
 * The display name is whatever stands before the angle brackets (quotes taken off); it is quoted or encoded again
 * on the way out. Anything whose address is not one mailbox is refused.
 */
function parseMailbox(value: string): { name: string | null; address: string } {
  const trimmed = value.trim();
  const angled = /^(.*?)\s*<([^<>\s]+)>$/.exec(trimmed);
  const address = angled ? (angled[2] ?? '') : trimmed;
  let name = angled ? (angled[1] ?? '').trim() : '';
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(name);
  if (quoted) name = (quoted[1] ?? '').replace(/\\(.)/g, '$1');
  if (!MAILBOX.test(address) || (!quoted && /[<>"]/.test(name))) {
    throw new MailCompositionError(`Not a single mailbox: '${value}'`);
  }
  return { name: name || null, address };
}

/** Message-IDs for In-Reply-To and References: each in angle brackets, no white space inside, one space apart. */
function messageIds(ids: readonly string[]): string {
  return ids
    .flatMap((id) =>
      id
        .replace(/<[^>]*>/g, (inside) => inside.replace(/\s/g, ''))
        .trim()
        .split(/\s+/),
    )
    .filter(Boolean)
    .map((id) => `${id.startsWith('<') ? '' : '<'}${id}${id.endsWith('>') ? '' : '>'}`)
    .join(' ');
}

function oneLine(value: string): string {
  return value
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
