/**
 * JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) as Trellis reads it. JSON Feed has no event
 * fields, so events ride in an item extension, `_event` (extension keys start with `_`):
 *
 *   { start, end?, timezone?, all_day?, location?: string | {name?, address?, city?, country?},
 *     online?, join_url?, status?: 'confirmed'|'tentative'|'cancelled', organizer? }
 *
 * with the schema.org names startDate/endDate/eventStatus/eventAttendanceMode accepted as synonyms.
 */
import * as z from 'zod';
import { readAttendanceMode, readEventStatus } from '../schema-org-terms.ts';

const optionalText = z.string().nullish();

export const jsonFeedPlaceSchema = z.object({
  name: optionalText,
  address: optionalText,
  city: optionalText,
  country: optionalText,
});

export const jsonFeedEventSchema = z.object({
  start: optionalText,
  startDate: optionalText,
  end: optionalText,
  endDate: optionalText,
  timezone: optionalText,
  all_day: z.boolean().nullish(),
  location: z.union([z.string(), jsonFeedPlaceSchema]).nullish(),
  online: z.boolean().nullish(),
  join_url: optionalText,
  status: z
    .string()
    .refine((value) => readEventStatus(value) !== null, {
      error: 'expected confirmed, tentative or cancelled',
    })
    .nullish(),
  eventStatus: z
    .string()
    .refine((value) => readEventStatus(value) !== null, { error: 'expected a schema.org EventStatusType' })
    .nullish(),
  eventAttendanceMode: z
    .string()
    .refine((value) => readAttendanceMode(value) !== null, {
      error: 'expected a schema.org EventAttendanceModeEnumeration',
    })
    .nullish(),
  organizer: optionalText,
});

export const jsonFeedItemSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  url: optionalText,
  external_url: optionalText,
  title: optionalText,
  content_html: optionalText,
  content_text: optionalText,
  summary: optionalText,
  tags: z.array(z.string()).nullish(),
  _event: jsonFeedEventSchema.nullish(),
});

export const jsonFeedSchema = z.object({
  version: z.string(),
  title: optionalText,
  items: z.array(z.unknown()),
});

export type JsonFeedItem = z.infer<typeof jsonFeedItemSchema>;
export type JsonFeedEvent = z.infer<typeof jsonFeedEventSchema>;
