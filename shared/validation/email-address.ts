import * as z from './zod.ts';
import { lazySchema } from './zod.ts';

/** An address a person types (sign-in, a new address): trimmed, lower case, at most 254 characters. */
export const emailAddressSchema = lazySchema(() =>
  z.pipe(
    z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email('must be an email address')),
    z.string().check(z.maxLength(254)),
  ),
);
