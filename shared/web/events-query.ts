import * as z from 'zod';

/** GET /api/events?from=ISO&to=ISO — at most 120 days at a time. */
const isoInstant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const maxSpanMs = 120 * 86_400_000;

export const eventsQuerySchema = z
  .object({
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    includeRemoved: z.enum(['true', 'false']).optional(),
  })
  .transform((query) => {
    const from = query.from ?? new Date();
    return {
      from,
      to: query.to ?? new Date(from.getTime() + 14 * 86_400_000),
      includeRemoved: query.includeRemoved === 'true',
    };
  })
  .refine((query) => query.to > query.from, { message: 'to must be after from', path: ['to'] })
  .refine((query) => query.to.getTime() - query.from.getTime() <= maxSpanMs, {
    message: 'at most 120 days at a time',
    path: ['to'],
  });
