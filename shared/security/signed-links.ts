import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';

/**
 * One-click links in emails (unsubscribe, not interested, …) carry what they do, for whom, and until
 * when, signed with HMAC-SHA256 so they cannot be forged or altered. Opening one only shows a page;
 * the change happens on its POST (mail scanners follow links with GET).
 */

export const linkActions = ['unsubscribe', 'not-interested', 'save', 'talked', 'snooze', 'cadence'] as const;
export type LinkAction = (typeof linkActions)[number];

/** Actions on a contact (reminder emails): they expire in 30 days and work once (shared/store/used-links.ts). */
export const contactLinkActions = ['talked', 'snooze', 'cadence'] as const;
export type ContactLinkAction = (typeof contactLinkActions)[number];

export const isContactLinkAction = (action: LinkAction): action is ContactLinkAction =>
  (contactLinkActions as readonly string[]).includes(action);

const payloadSchema = lazySchema(() =>
  z.object({
    a: z.enum(linkActions),
    u: z.string().check(z.minLength(1), z.maxLength(64)),
    e: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    c: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    x: z.int().check(z.positive()),
  }),
);

export interface LinkPayload {
  readonly action: LinkAction;
  readonly userId: string;
  readonly eventId?: string;
  readonly contactId?: string;
  /** Expiry, epoch seconds. */
  readonly expiresAt: number;
}

export class InvalidLinkError extends Error {
  override readonly name = 'InvalidLinkError';
}

export class ExpiredLinkError extends Error {
  override readonly name = 'ExpiredLinkError';
}

/** How long each kind of link stays valid. Unsubscribe links live long: people act on old mail. */
export const linkLifetimeSeconds: Record<LinkAction, number> = {
  unsubscribe: 365 * 86_400,
  'not-interested': 60 * 86_400,
  save: 60 * 86_400,
  talked: 30 * 86_400,
  snooze: 30 * 86_400,
  cadence: 30 * 86_400,
};

const signature = (body: string, secret: Uint8Array) => createHmac('sha256', secret).update(body).digest();

export function signLink(
  action: LinkAction,
  userId: string,
  now: Date,
  secret: Uint8Array,
  eventId?: string,
  contactId?: string,
): string {
  const payload = {
    a: action,
    u: userId,
    ...(eventId ? { e: eventId } : {}),
    ...(contactId ? { c: contactId } : {}),
    x: Math.floor(now.getTime() / 1000) + linkLifetimeSeconds[action],
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${signature(body, secret).toString('base64url')}`;
}

export function verifyLink(token: string, secret: Uint8Array, now: Date): LinkPayload {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || token.length > 1024)
    throw new InvalidLinkError('this link is not valid');
  const expected = signature(body, secret);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InvalidLinkError('this link is not valid');
  let parsed: z.infer<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidLinkError('this link is not valid');
  }
  if (parsed.x * 1000 < now.getTime()) throw new ExpiredLinkError('this link has expired');
  return {
    action: parsed.a,
    userId: parsed.u,
    ...(parsed.e ? { eventId: parsed.e } : {}),
    ...(parsed.c ? { contactId: parsed.c } : {}),
    expiresAt: parsed.x,
  };
}

/** A link that acts on one contact of a user (reminder emails). */
export function signContactLink(
  action: ContactLinkAction,
  userId: string,
  contactId: string,
  now: Date,
  secret: Uint8Array,
): string {
  return signLink(action, userId, now, secret, undefined, contactId);
}

export const actionUrl = (publicBaseUrl: string, token: string) =>
  `${publicBaseUrl.replace(/\/$/, '')}/a/${token}`;
