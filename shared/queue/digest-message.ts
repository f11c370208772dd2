import * as z from 'zod';

/** One user's digest for one ISO week, as the hourly dispatch queues it. */
export const digestMessageSchema = z.object({
  userId: z.string().regex(/^usr_[0-9a-f]{16}$/, 'must be a user id like usr_0123456789abcdef'),
  isoWeek: z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week like 2026-W48'),
  dueAt: z.iso.datetime(),
  /** The dispatch run's snapshot of the event window (absent: the sender reads the window itself). */
  window: z
    .object({
      id: z
        .string()
        .regex(/^digest-[0-9TZ:.-]{10,40}$/, 'must be a snapshot id like digest-2030-03-04T07:00:00.000Z'),
      parts: z.number().int().min(1).max(100),
    })
    .optional(),
});

export type DigestMessage = z.infer<typeof digestMessageSchema>;
