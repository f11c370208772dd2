import type { Logger } from '../log/logger.ts';
import { type InviteMessage, inviteMessageSchema } from '../queue/invite-message.ts';
import type { QueueRecord } from '../queue/queue-record.ts';
import type { SavedEventStore } from '../store/saved-event-store.ts';
import { type InviteDependencies, type InviteOutcome, reconcileInvite } from './reconcile-invite.ts';

export interface InviteUpdateDependencies extends InviteDependencies {
  readonly savedEvents: InviteDependencies['savedEvents'] & Pick<SavedEventStore, 'listSavers'>;
  readonly logger: Logger;
}

export interface InviteBatchOutcome {
  readonly failedMessageIds: string[];
  readonly outcomes: { eventId: string; userId: string; outcome: InviteOutcome | 'failed' }[];
}

/**
 * One SQS batch of changed saved events: each event's attendees get their update or cancellation.
 * A message whose sends did not all finish is handed back (partial batch response); the retry sends
 * only what is still missing, since each (user, event, sequence) is in the ledger once.
 */
export async function sendInviteUpdates(
  deps: InviteUpdateDependencies,
  records: readonly QueueRecord[],
  now: Date,
): Promise<InviteBatchOutcome> {
  const failedMessageIds: string[] = [];
  const outcomes: InviteBatchOutcome['outcomes'] = [];
  for (const record of records) {
    let message: InviteMessage;
    try {
      message = inviteMessageSchema.parse(JSON.parse(record.body));
    } catch {
      deps.logger.error('invalid invite message', {
        messageId: record.messageId,
        body: record.body.slice(0, 200),
      });
      failedMessageIds.push(record.messageId);
      continue;
    }
    const results = await updateAttendeesOf(deps, message.eventId, now);
    outcomes.push(...results);
    if (
      results.some(
        (result) => result.outcome === 'failed' || result.outcome === 'busy' || result.outcome === 'held',
      )
    )
      failedMessageIds.push(record.messageId);
  }
  return { failedMessageIds, outcomes };
}

/** Every attendee of one saved event, brought up to date; one attendee failing does not stop the others. */
export async function updateAttendeesOf(
  deps: InviteUpdateDependencies,
  eventId: string,
  now: Date,
): Promise<InviteBatchOutcome['outcomes']> {
  const outcomes: InviteBatchOutcome['outcomes'] = [];
  const savers = await deps.savedEvents.listSavers(eventId);
  if (savers.length === 0) return outcomes;
  // One read of the event for all its attendees.
  const event = await deps.events.get(eventId);
  for (const userId of savers) {
    try {
      outcomes.push({
        eventId,
        userId,
        outcome: await reconcileInvite(deps, userId, eventId, now, { event }),
      });
    } catch (error) {
      deps.logger.error('invitation update failed', { eventId, userId, error });
      outcomes.push({ eventId, userId, outcome: 'failed' });
    }
  }
  return outcomes;
}
