import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';

/** A saved event changed at its source: every attendee's copy is brought up to date (invite-send). */
export const inviteMessageSchema = lazySchema(() =>
  z.object({
    eventId: z
      .string()
      .check(z.regex(/^evt_[0-9a-f]{20}$/, 'must be an event id like evt_0123456789abcdef0123')),
  }),
);

export type InviteMessage = z.infer<typeof inviteMessageSchema>;
