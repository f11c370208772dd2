import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';

/** One user's digest for one ISO week, as the hourly dispatch queues it. */
export const digestMessageSchema = lazySchema(() =>
  z.object({
    userId: z.string().check(z.regex(/^usr_[0-9a-f]{16}$/, 'must be a user id like usr_0123456789abcdef')),
    isoWeek: z.string().check(z.regex(/^\d{4}-W\d{2}$/, 'must be an ISO week like 2026-W48')),
    dueAt: z.iso.datetime(),
    /** The dispatch run's snapshot of the event window (absent: the sender reads the window itself). */
    window: z.optional(
      z.object({
        id: z
          .string()
          .check(
            z.regex(
              /^digest-[0-9TZ:.-]{10,40}$/,
              'must be a snapshot id like digest-2030-03-04T07:00:00.000Z',
            ),
          ),
        parts: z.int().check(z.minimum(1), z.maximum(100)),
      }),
    ),
  }),
);

export type DigestMessage = z.infer<typeof digestMessageSchema>;
