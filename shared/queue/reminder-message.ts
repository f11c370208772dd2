import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';

/** One user's reminder for one local date, as the hourly dispatch queues it. */
export const reminderMessageSchema = lazySchema(() =>
  z.object({
    userId: z.string().check(z.regex(/^usr_[0-9a-f]{16}$/, 'must be a user id like usr_0123456789abcdef')),
    localDate: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-25')),
    dueAt: z.iso.datetime(),
  }),
);

export type ReminderMessage = z.infer<typeof reminderMessageSchema>;
