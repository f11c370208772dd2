import * as z from 'zod';

/** One user's digest for one ISO week, as the hourly dispatch queues it. */
export const digestMessageSchema = z.object({
  userId: z.string().regex(/^usr_[0-9a-f]{16}$/, 'must be a user id like usr_0123456789abcdef'),
  isoWeek: z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week like 2026-W48'),
  dueAt: z.iso.datetime(),
});

export type DigestMessage = z.infer<typeof digestMessageSchema>;
