import { type BrowseFilter, searchWordsOf } from '../browse/browse-filter.ts';
import { citiesNear, nearPointOf } from '../browse/near-place.ts';
import { cityKeyOf, organizationKeyOf } from '../matching/place-keys.ts';
import { sourceKinds } from '../sources/source.ts';
import type { EventPagePosition } from '../store/event-store.ts';
import { wallTimeToUtcMs } from '../time/zoned-time.ts';
import { isTopicId } from '../topics/topic-vocabulary.ts';
import * as z from '../validation/zod.ts';
import { lazySchema, type ValidationIssue, validationError } from '../validation/zod.ts';

/*
 * The query of `/events` and `GET /api/events` (one route, answering as asked):
 *
 *   from, to   an ISO instant, or a date `YYYY-MM-DD` in the viewer's zone (`to` then includes that
 *              day); at most 120 days at a time; default from now, 14 days for the API, 60 for the page
 *   topic      a topic id of the vocabulary          kind    industry-event | professional-org |
 *   org        an organization's name or slug                mentorship-program | peer-group
 *   city       a city (aliases and accents folded)   near    a city or `lat,lon`, with km (default 25)
 *   online     true (online only) | false (in person only)
 *   q          words to find in title, description, organization and place
 *   limit      events a response, at most 200 (100 by default); `cursor` from a previous `next`
 *
 * A response with more to come carries `next`: the same query with the cursor of where it ended;
 * follow it until there is none. Empty parameters (a form's "any") count as absent.
 */
const isoInstant = lazySchema(() => z.iso.datetime({ offset: true }));
const isoDate = lazySchema(() => z.iso.date());
const instantOrDate = lazySchema(() =>
  z.union([isoInstant, isoDate], {
    error: 'must be a date (YYYY-MM-DD) or an ISO instant',
  }),
);
const maxSpanDays = 120;
/** `near` without `km`. */
export const defaultNearKm = 25;
export const maxEventsPerPage = 200;
export const defaultEventsPerPage = 100;

const cursorShape = lazySchema(() =>
  z.object({
    day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
    sortKey: z.string().check(z.minLength(1)),
  }),
);

/** The position, as an opaque URL-safe token. */
export const encodeEventsCursor = (position: EventPagePosition) =>
  Buffer.from(JSON.stringify(position)).toString('base64url');

const cursor = lazySchema(() =>
  z.pipe(
    z.string(),
    z.transform((token: string, context) => {
      try {
        return cursorShape.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
      } catch {
        context.issues.push({
          code: 'custom',
          message: 'is not a cursor from a previous response',
          input: token,
        });
        return z.NEVER;
      }
    }),
  ),
);

const near = lazySchema(() =>
  z.pipe(
    z.string().check(z.trim(), z.maxLength(120, 'is too long')),
    z.transform((value: string, context) => {
      const point = nearPointOf(value);
      if (point) return point;
      context.issues.push({
        code: 'custom',
        message: 'is not a place we know: give a city, or latitude,longitude such as 52.52,13.40',
        input: value,
      });
      return z.NEVER;
    }),
  ),
);
const shortText = lazySchema(() => z.string().check(z.trim(), z.maxLength(120, 'is too long')));
const trueOrFalse = lazySchema(() => z.enum(['true', 'false'], { error: 'must be true or false' }));

/** The parameters as sent, checked one by one (no defaults yet: they depend on the viewer's zone). */
export const eventsQuerySchema = lazySchema(() =>
  z.object({
    from: z.optional(instantOrDate),
    to: z.optional(instantOrDate),
    includeRemoved: z.optional(z.enum(['true', 'false'])),
    limit: z.optional(
      z.pipe(
        z.coerce.number(),
        z
          .int('must be a whole number')
          .check(
            z.minimum(1, 'must be at least 1'),
            z.maximum(maxEventsPerPage, `must be at most ${maxEventsPerPage}`),
          ),
      ),
    ),
    cursor: z.optional(cursor),
    topic: z.optional(z.string().check(z.refine(isTopicId, 'is not a topic id (see /topics)'))),
    kind: z.optional(z.enum(sourceKinds, { error: `must be one of ${sourceKinds.join(', ')}` })),
    org: z.optional(shortText),
    city: z.optional(shortText),
    near: z.optional(near),
    km: z.optional(
      z.coerce.number().check(z.minimum(1, 'must be at least 1'), z.maximum(500, 'must be at most 500')),
    ),
    online: z.optional(trueOrFalse),
    q: z.optional(z.string().check(z.trim(), z.maxLength(200, 'is too long'))),
    /** Read by the page (the viewer's zone); listed so the page's own links keep it. */
    tz: z.optional(z.string().check(z.maxLength(64))),
    /** Signed in: `for-you` (the reader's matches) or `everything`. */
    view: z.optional(z.enum(['for-you', 'everything'])),
  }),
);

export type EventsQueryParameters = z.output<typeof eventsQuerySchema>;

export interface EventsQuery {
  readonly from: Date;
  readonly to: Date;
  readonly limit: number;
  readonly after: EventPagePosition | null;
  readonly includeRemoved: boolean;
  readonly filter: BrowseFilter;
  readonly view: 'for-you' | 'everything' | null;
  /** The parameters as given (empty ones dropped), for the page's links and form. */
  readonly given: Readonly<Record<string, string>>;
}

const dayMs = 86_400_000;

/** The query string's non-empty parameters. */
export function givenParameters(raw: Readonly<Record<string, string | undefined>> | undefined) {
  const given: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {}))
    if (value !== undefined && value.trim() !== '') given[name] = value;
  return given;
}

/** An instant as given, or the start of a date in the zone (`endOfDay`: the start of the next day). */
function instantOf(value: string, zone: string, endOfDay: boolean): Date {
  if (value.length > 10) return new Date(value);
  const [year, month, day] = value.split('-').map(Number);
  return new Date(
    wallTimeToUtcMs(
      year ?? Number.NaN,
      month ?? Number.NaN,
      (day ?? Number.NaN) + (endOfDay ? 1 : 0),
      0,
      0,
      0,
      zone,
    ),
  );
}

/**
 * The query, its window resolved in the viewer's zone: a validation error (a 400 naming the field) when a
 * parameter is wrong, the window is backwards or longer than 120 days.
 */
export function parseEventsQuery(
  raw: Readonly<Record<string, string | undefined>> | undefined,
  options: { readonly timeZone: string; readonly now: Date; readonly defaultDays: number },
): EventsQuery {
  const given = givenParameters(raw);
  const parameters = eventsQuerySchema.parse(given);
  const from = parameters.from
    ? instantOf(parameters.from, options.timeZone, false)
    : new Date(options.now.getTime());
  const to = parameters.to
    ? instantOf(parameters.to, options.timeZone, true)
    : new Date(from.getTime() + options.defaultDays * dayMs);
  const windowIssues: ValidationIssue[] = [];
  if (!(to > from))
    windowIssues.push({ code: 'custom', message: 'to must be after from', path: ['to'], input: given.to });
  else if (to.getTime() - from.getTime() > maxSpanDays * dayMs)
    windowIssues.push({
      code: 'custom',
      message: `at most ${maxSpanDays} days at a time`,
      path: ['to'],
      input: given.to,
    });
  if (windowIssues.length > 0) throw validationError(windowIssues);
  const words = searchWordsOf(parameters.q);
  const filter: BrowseFilter = {
    ...(parameters.topic ? { topic: parameters.topic } : {}),
    ...(parameters.kind ? { kind: parameters.kind } : {}),
    ...(parameters.org && organizationKeyOf(parameters.org) !== ''
      ? { organizationKey: organizationKeyOf(parameters.org) }
      : {}),
    ...(parameters.city && cityKeyOf(parameters.city) !== '' ? { cityKey: cityKeyOf(parameters.city) } : {}),
    ...(parameters.near ? { near: citiesNear(parameters.near, parameters.km ?? defaultNearKm) } : {}),
    ...(parameters.online ? { online: parameters.online === 'true' } : {}),
    ...(words.length > 0 ? { words } : {}),
    includeRemoved: parameters.includeRemoved === 'true',
  };
  return {
    from,
    to,
    limit: parameters.limit ?? defaultEventsPerPage,
    after: parameters.cursor ?? null,
    includeRemoved: parameters.includeRemoved === 'true',
    filter,
    view: parameters.view ?? null,
    given,
  };
}

/** The query string of the page after `next`, with the window fixed so every page reads the same one. */
export function nextEventsPageQuery(query: EventsQuery, next: EventPagePosition): string {
  const { from: _from, to: _to, limit: _limit, cursor: _cursor, ...filters } = query.given;
  const parameters = new URLSearchParams({
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    ...filters,
    limit: String(query.limit),
    cursor: encodeEventsCursor(next),
  });
  if (query.includeRemoved) parameters.set('includeRemoved', 'true');
  return parameters.toString();
}
