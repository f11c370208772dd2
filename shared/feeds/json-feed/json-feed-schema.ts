/**
 * JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) as Trellis reads it. JSON Feed has no event
 * fields, so events ride in an item extension, `_event` (extension keys start with `_`):
 *
 *   { start, end?, timezone?, all_day?, location?: string | {name?, address?, city?, country?},
 *     online?, join_url?, status?: 'confirmed'|'tentative'|'cancelled', organizer? }
 *
 * with the schema.org names startDate/endDate/eventStatus/eventAttendanceMode accepted as synonyms.
 */
import * as z from '../../validation/zod.ts';
import { lazySchema } from '../../validation/zod.ts';
import { readAttendanceMode, readEventStatus } from '../schema-org-terms.ts';

const optionalText = lazySchema(() => z.nullish(z.string()));
/** A term the vocabulary knows, else the issue says which ones it takes. */
const term = (known: (value: string) => boolean, expected: string) =>
  z.nullish(z.string().check(z.refine(known, { error: expected })));

export const jsonFeedPlaceSchema = lazySchema(() =>
  z.object({
    name: optionalText,
    address: optionalText,
    city: optionalText,
    country: optionalText,
  }),
);

export const jsonFeedEventSchema = lazySchema(() =>
  z.object({
    start: optionalText,
    startDate: optionalText,
    end: optionalText,
    endDate: optionalText,
    timezone: optionalText,
    all_day: z.nullish(z.boolean()),
    location: z.nullish(z.union([z.string(), jsonFeedPlaceSchema])),
    online: z.nullish(z.boolean()),
    join_url: optionalText,
    status: term((value) => readEventStatus(value) !== null, 'expected confirmed, tentative or cancelled'),
    eventStatus: term((value) => readEventStatus(value) !== null, 'expected a schema.org EventStatusType'),
    eventAttendanceMode: term(
      (value) => readAttendanceMode(value) !== null,
      'expected a schema.org EventAttendanceModeEnumeration',
    ),
    organizer: optionalText,
  }),
);

export const jsonFeedItemSchema = lazySchema(() =>
  z.object({
    id: z.nullish(z.union([z.string(), z.number()])),
    url: optionalText,
    external_url: optionalText,
    title: optionalText,
    content_html: optionalText,
    content_text: optionalText,
    summary: optionalText,
    tags: z.nullish(z.array(z.string())),
    _event: z.nullish(jsonFeedEventSchema),
  }),
);

export const jsonFeedSchema = lazySchema(() =>
  z.object({
    version: z.string(),
    title: optionalText,
    items: z.array(z.unknown()),
  }),
);

export type JsonFeedItem = z.infer<typeof jsonFeedItemSchema>;
export type JsonFeedEvent = z.infer<typeof jsonFeedEventSchema>;
