import { createHash } from 'node:crypto';
import { strictAddressPolicy } from '../security/address-policy.ts';
import { parseOutboundUrl, refuseBlockedLiteral } from '../security/outbound-url.ts';
import { SourceFetchError } from '../security/source-fetch-error.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import { type SourceKind, sourceKinds } from './source.ts';

/*
 * A feed anyone signed in may suggest; an admin approves it (it becomes a Source) or rejects it.
 * The id comes from the normalized URL, so the same feed suggested twice is one suggestion.
 */

export const suggestionStatuses = ['pending', 'approved', 'rejected'] as const;
export type SuggestionStatus = (typeof suggestionStatuses)[number];

export interface SourceSuggestion {
  readonly id: string;
  readonly url: string;
  readonly kind: SourceKind;
  readonly organization: string | null;
  /** Why the feed is worth reading, for the admin. */
  readonly note: string | null;
  readonly status: SuggestionStatus;
  readonly suggestedBy: string;
  readonly suggestedAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
}

/** An empty form field means "not given". */
const blankAsAbsent = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Names that never reach a public feed: this machine (RFC 6761 `localhost`, also written as a fully
 * qualified `localhost.`), and the names private networks and clouds keep for themselves (`.internal`,
 * e.g. GCP's metadata.google.internal; `.local` mDNS; `.home.arpa`). Others are checked when fetched.
 */
const privateNameSuffixes = ['localhost', 'internal', 'local', 'home.arpa'];
function privateName(hostname: string): string | null {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  const suffix = privateNameSuffixes.find((one) => name === one || name.endsWith(`.${one}`));
  if (!suffix) return null;
  return suffix === 'localhost'
    ? `${hostname} is this machine, not a public feed`
    : `${hostname} is a private network name, not a public feed`;
}

/**
 * What the fetcher would refuse without looking anything up: other schemes, credentials, ports of
 * non-HTTP services, and literal private, loopback or otherwise special addresses.
 */
function outboundRefusal(url: string): string | null {
  try {
    const parsed = parseOutboundUrl(url);
    const named = privateName(parsed.hostname);
    if (named) return named;
    refuseBlockedLiteral(parsed, strictAddressPolicy);
    return null;
  } catch (error) {
    if (error instanceof SourceFetchError) return error.message.replace(/^refused: /, '');
    throw error;
  }
}

/** An absolute http(s) URL, normalized exactly as a Source's URL is (so the ids agree). */
export const suggestedFeedUrl = lazySchema(() =>
  z
    .pipe(
      z.string('enter the feed URL').check(
        z.trim(),
        z.minLength(1, { message: 'enter the feed URL', abort: true }),
        z.maxLength(2048, 'must be at most 2048 characters'),
        z.refine((value) => URL.canParse(value), {
          message: 'must be an absolute URL, such as https://example.org/events.ics',
          abort: true,
        }),
        z.refine((value) => ['http:', 'https:'].includes(new URL(value).protocol), {
          message: 'must be an http or https URL',
          abort: true,
        }),
      ),
      z.transform((value) => new URL(value).href),
    )
    .check(
      z.superRefine((url, context) => {
        const refusal = outboundRefusal(url);
        if (refusal)
          context.issues.push({
            code: 'custom',
            message: `Trellis would never fetch this: ${refusal}`,
            input: url,
          });
      }),
    ),
);

export const sourceSuggestionInputSchema = lazySchema(() =>
  z.object({
    url: suggestedFeedUrl,
    kind: z.enum(sourceKinds, `choose one of: ${sourceKinds.join(', ')}`),
    organization: z.optional(
      z.pipe(
        z.transform(blankAsAbsent),
        z.nullish(z.string().check(z.trim(), z.maxLength(200, 'must be at most 200 characters'))),
      ),
    ),
    note: z.optional(
      z.pipe(
        z.transform(blankAsAbsent),
        z.nullish(z.string().check(z.trim(), z.maxLength(500, 'must be at most 500 characters'))),
      ),
    ),
  }),
);

export type SourceSuggestionInput = z.input<typeof sourceSuggestionInputSchema>;

/** The same normalized URL always gets the same suggestion id. */
export function suggestionIdForUrl(url: string): string {
  return `sug_${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
}

export const isSuggestionId = (value: string) => /^sug_[0-9a-f]{12}$/.test(value);

/** Validate a suggestion (throws zod's error with per-field messages) and build it, pending. */
export function buildSourceSuggestion(
  input: SourceSuggestionInput,
  userId: string,
  now: Date,
): SourceSuggestion {
  const parsed = sourceSuggestionInputSchema.parse(input);
  return {
    id: suggestionIdForUrl(parsed.url),
    url: parsed.url,
    kind: parsed.kind,
    organization: parsed.organization ?? null,
    note: parsed.note ?? null,
    status: 'pending',
    suggestedBy: userId,
    suggestedAt: now.toISOString(),
    decidedBy: null,
    decidedAt: null,
  };
}
