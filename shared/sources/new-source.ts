import { createHash } from 'node:crypto';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import { initialHealth, type Source, sourceKinds } from './source.ts';

const slug = lazySchema(() =>
  z
    .string()
    .check(
      z.trim(),
      z.toLowerCase(),
      z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'tags are lower-case words with dashes, at most 40 characters'),
    ),
);

const feedUrl = lazySchema(() =>
  z.pipe(
    z.string().check(
      z.trim(),
      z.maxLength(2048),
      z.refine((value) => URL.canParse(value), { message: 'must be an absolute URL', abort: true }),
      z.refine(
        (value) => ['http:', 'https:'].includes(new URL(value).protocol),
        'must be an http or https URL',
      ),
    ),
    z.transform((value) => new URL(value).href),
  ),
);

export const newSourceSchema = lazySchema(() =>
  z.object({
    url: feedUrl,
    kind: z.enum(sourceKinds),
    organization: z.nullish(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    defaultTags: z._default(z.array(slug).check(z.maxLength(20)), []),
    refreshMinutes: z._default(z.int().check(z.minimum(15), z.maximum(7 * 24 * 60)), 60),
    timeZone: z.nullish(
      z
        .string()
        .check(z.refine((zone) => isValidTimeZone(zone), 'must be an IANA time zone such as Europe/Berlin')),
    ),
  }),
);

export type NewSourceInput = z.input<typeof newSourceSchema>;

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The same URL always gets the same id, so a source cannot be registered twice. */
export function sourceIdForUrl(url: string): string {
  return `src_${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
}

/** Validate an operator's input (throws zod's error with per-field messages) and build the Source. */
export function buildSource(input: NewSourceInput, now: Date): Source {
  const parsed = newSourceSchema.parse(input);
  return {
    id: sourceIdForUrl(parsed.url),
    url: parsed.url,
    kind: parsed.kind,
    organization: parsed.organization ?? null,
    defaultTags: [...new Set(parsed.defaultTags)],
    refreshMinutes: parsed.refreshMinutes,
    timeZone: parsed.timeZone ?? null,
    createdAt: now.toISOString(),
    health: initialHealth(now),
  };
}
