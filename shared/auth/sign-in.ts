import { randomBytes } from 'node:crypto';
import type { Logger } from '../log/logger.ts';
import type { MailIdentity } from '../mail/compose-message.ts';
import { composeSignInMessage } from '../mail/compose-sign-in.ts';
import { composeWelcomeMessage } from '../mail/compose-welcome.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SignInStore } from '../store/sign-in-store.ts';
import type { SuppressionList } from '../store/suppression-list.ts';
import { TransactionCancelledError } from '../store/transact-write.ts';
import { UserChangedError, UserExistsError, type UserRepository } from '../store/user-repository.ts';
import { registerUser } from '../users/register-user.ts';
import { emailAddressSchema } from '../validation/email-address.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';

/** At most this many sign-in links per address, and per client address, in an hour. */
export const signInLimits = { perEmail: 5, perClient: 20 } as const;

export const signInRequestSchema = lazySchema(() =>
  z.object({
    email: emailAddressSchema,
  }),
);

export interface SignInDependencies {
  readonly signIns: SignInStore;
  readonly users: Pick<UserRepository, 'getByEmail' | 'create' | 'save'>;
  readonly suppression: Pick<SuppressionList, 'suppressedAmong'>;
  readonly mailer: Mailer;
  readonly identity: MailIdentity;
  readonly publicBaseUrl: string;
  readonly logger: Logger;
}

export type SignInRequestOutcome = 'sent' | 'rate-limited' | 'suppressed';

export const signInUrl = (publicBaseUrl: string, token: string) =>
  `${publicBaseUrl.replace(/\/$/, '')}/sign-in/${token}`;

/**
 * Mails a single-use sign-in link (256 random bits; only its hash is stored; valid 15 minutes).
 * Limited per address and per client. The page says the same whatever the outcome but the limit,
 * so it does not tell who has an account.
 */
export async function requestSignIn(
  deps: SignInDependencies,
  input: unknown,
  clientAddress: string,
  now: Date,
): Promise<SignInRequestOutcome> {
  const { email } = signInRequestSchema.parse(input);
  if (!(await deps.signIns.allow('signin-client', clientAddress, signInLimits.perClient, now)))
    return 'rate-limited';
  if (!(await deps.signIns.allow('signin-email', email, signInLimits.perEmail, now))) return 'rate-limited';
  if ((await deps.suppression.suppressedAmong([email])).has(email)) {
    deps.logger.info('sign-in link not sent: address suppressed');
    return 'suppressed';
  }
  const token = randomBytes(32).toString('base64url');
  await deps.signIns.create(token, email, now);
  const message = await composeSignInMessage(email, signInUrl(deps.publicBaseUrl, token), deps.identity, now);
  await deps.mailer.sendRaw({ raw: message.raw, from: deps.identity.from, to: [email] });
  return 'sent';
}

/** Tries when another sign-in for the same address made or confirmed the account in between. */
const signInAttempts = 3;

/**
 * The POST of a sign-in link: uses it up and returns the user it signs in. The first sign-in makes the
 * account (in the time zone the person confirmed on the link's page, when given), or confirms an
 * existing unconfirmed address (double opt-in: nothing else is mailed before);
 * the link is used up in the same transaction, so a link never signs in twice and a failed account
 * write leaves it usable. Confirming only sets a flag, so it goes without the profile's other follow-ups.
 */
export async function completeSignIn(
  deps: Pick<SignInDependencies, 'signIns' | 'users'>,
  token: string,
  now: Date,
  newAccount: { readonly timeZone?: string } = {},
): Promise<{ userId: string; email: string; firstSignIn: boolean } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  for (let attempt = 1; ; attempt += 1) {
    const email = await deps.signIns.peek(token, now);
    if (!email) return null;
    const useUp = deps.signIns.consumePart(token, now);
    try {
      const existing = await deps.users.getByEmail(email);
      if (!existing) {
        const profile = await registerUser(
          deps,
          { email, emailConfirmed: true, ...(newAccount.timeZone ? { timeZone: newAccount.timeZone } : {}) },
          now,
          [useUp],
        );
        return { userId: profile.id, email, firstSignIn: true };
      }
      if (!existing.emailConfirmed) {
        const confirmed = { ...existing, emailConfirmed: true, updatedAt: now.toISOString() };
        await deps.users.save(confirmed, existing, [useUp]);
        return { userId: existing.id, email, firstSignIn: true };
      }
      if (!(await deps.signIns.consume(token, now))) return null;
      return { userId: existing.id, email, firstSignIn: false };
    } catch (error) {
      if (error instanceof TransactionCancelledError && error.failedOn('sign-in')) return null;
      const raced = error instanceof UserExistsError || error instanceof UserChangedError;
      if (!raced || attempt >= signInAttempts) throw error;
    }
  }
}

/**
 * The confirmation mail after the first sign-in. Signing in must not fail because of it, so a failure
 * to send is logged and the person carries on; the account page says the same.
 */
export async function sendWelcome(
  deps: Pick<SignInDependencies, 'mailer' | 'identity' | 'publicBaseUrl' | 'logger'>,
  email: string,
  now: Date,
): Promise<boolean> {
  try {
    const message = await composeWelcomeMessage(email, deps.publicBaseUrl, deps.identity, now);
    await deps.mailer.sendRaw({ raw: message.raw, from: deps.identity.from, to: [email] });
    return true;
  } catch (error) {
    deps.logger.error('welcome mail not sent', { error });
    return false;
  }
}
