import * as z from 'zod';
import type { EventPagePosition } from '../store/event-store.ts';

/*
 * GET /api/events?from=ISO&to=ISO&limit=N&cursor=C — at most 120 days at a time, at most 200 events a
 * response (100 unless `limit` says otherwise). A response with more to come carries `next`: the same
 * query with the cursor of where it ended; follow it until there is none.
 */
const isoInstant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const maxSpanMs = 120 * 86_400_000;
export const maxEventsPerPage = 200;
export const defaultEventsPerPage = 100;

const cursorShape = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), sortKey: z.string().min(1) });

/** The position, as an opaque URL-safe token. */
export const encodeEventsCursor = (position: EventPagePosition) =>
  Buffer.from(JSON.stringify(position)).toString('base64url');

const cursor = z.string().transform((token, context) => {
  try {
    return cursorShape.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    context.addIssue({ code: 'custom', message: 'is not a cursor from a previous response' });
    return z.NEVER;
  }
});

export const eventsQuerySchema = z
  .object({
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    includeRemoved: z.enum(['true', 'false']).optional(),
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(maxEventsPerPage, `must be at most ${maxEventsPerPage}`)
      .optional(),
    cursor: cursor.optional(),
  })
  .transform((query) => {
    const from = query.from ?? new Date();
    return {
      from,
      to: query.to ?? new Date(from.getTime() + 14 * 86_400_000),
      includeRemoved: query.includeRemoved === 'true',
      limit: query.limit ?? defaultEventsPerPage,
      after: query.cursor ?? null,
    };
  })
  .refine((query) => query.to > query.from, { message: 'to must be after from', path: ['to'] })
  .refine((query) => query.to.getTime() - query.from.getTime() <= maxSpanMs, {
    message: 'at most 120 days at a time',
    path: ['to'],
  });

export type EventsQuery = z.output<typeof eventsQuerySchema>;

/** The query string of the page after `next`, with the window fixed so every page reads the same one. */
export function nextEventsPageQuery(query: EventsQuery, next: EventPagePosition): string {
  const parameters = new URLSearchParams({
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    limit: String(query.limit),
    cursor: encodeEventsCursor(next),
  });
  if (query.includeRemoved) parameters.set('includeRemoved', 'true');
  return parameters.toString();
}
