import * as z from 'zod';

/** A saved event changed at its source: every attendee's copy is brought up to date (invite-send). */
export const inviteMessageSchema = z.object({
  eventId: z.string().regex(/^evt_[0-9a-f]{20}$/, 'must be an event id like evt_0123456789abcdef0123'),
});

export type InviteMessage = z.infer<typeof inviteMessageSchema>;
