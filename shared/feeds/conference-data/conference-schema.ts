import * as z from '../../validation/zod.ts';
import { lazySchema } from '../../validation/zod.ts';

/**
 * One entry of the open conference data set behind confs.tech
 * (github.com/tech-conferences/conference-data): local dates, end inclusive.
 */
const localDate = lazySchema(() =>
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date')),
);
const trimmed = lazySchema(() => z.string().check(z.trim()));
const required = lazySchema(() => z.string().check(z.trim(), z.minLength(1)));

export const conferenceEntrySchema = lazySchema(() =>
  z.object({
    name: required,
    url: required,
    startDate: localDate,
    endDate: z.optional(localDate),
    city: z.optional(trimmed),
    country: z.optional(trimmed),
    online: z.optional(z.boolean()),
    locales: z.optional(z.string()),
    cfpUrl: z.optional(trimmed),
    cfpEndDate: z.optional(localDate),
  }),
);

export type ConferenceEntry = z.infer<typeof conferenceEntrySchema>;

/**
 * What tells the data set apart from other JSON arrays: objects, most of them with the entries'
 * required keys (a broken entry is then reported as such, not taken for another format).
 */
export function looksLikeConferenceData(json: unknown): json is unknown[] {
  if (!Array.isArray(json) || json.length === 0) return false;
  const sample = json.slice(0, 20);
  let complete = 0;
  for (const entry of sample) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return false;
    if ('name' in entry && 'startDate' in entry && 'url' in entry) complete++;
  }
  return complete * 2 >= sample.length;
}
