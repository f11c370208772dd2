import { ConfigError, getOptionalStringFromEnv } from '../config/env.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';

/*
 * The admin role is a configured list of addresses (ADMIN_EMAILS, comma-separated), not a flag a
 * user could set on themselves. An address counts only once it is confirmed by signing in.
 */

type Env = Readonly<Record<string, string | undefined>>;

const addressSchema = lazySchema(() => z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email()));

export function adminEmailsFromEnv(env: Env = process.env): ReadonlySet<string> {
  const raw = getOptionalStringFromEnv('ADMIN_EMAILS', env);
  if (raw === null) return new Set();
  const emails = new Set<string>();
  for (const entry of raw.split(',')) {
    if (entry.trim() === '') continue;
    const parsed = addressSchema.safeParse(entry);
    if (!parsed.success)
      throw new ConfigError(`ADMIN_EMAILS has an entry that is not an address: '${entry.trim()}'`);
    emails.add(parsed.data);
  }
  return emails;
}

export function isAdmin(
  profile: { readonly email: string; readonly emailConfirmed: boolean },
  adminEmails: ReadonlySet<string>,
): boolean {
  return profile.emailConfirmed && adminEmails.has(profile.email.toLowerCase());
}
