import type { Logger } from '../log/logger.ts';
import type { MailIdentity } from '../mail/compose-message.ts';
import { composeSourceApprovedMessage } from '../mail/compose-source-approved.tsx';
import type { Mailer } from '../mail/mailer.ts';
import type { IngestQueue } from '../queue/ingest-queue.ts';
import type { SuppressionList } from '../store/suppression-list.ts';
import type { UserRepository } from '../store/user-repository.ts';
import type { Approval } from './approve-suggestion.ts';

export interface ApprovalAnnouncementDependencies {
  /** Fetch the new source now instead of at the next scheduled dispatch (absent: the schedule's). */
  readonly ingestQueue?: IngestQueue;
  /** Tell the person who suggested it (absent: nobody is told). */
  readonly mail?: {
    readonly users: Pick<UserRepository, 'get'>;
    readonly suppression: Pick<SuppressionList, 'suppressedAmong'>;
    readonly mailer: Mailer;
    readonly identity: MailIdentity;
  };
  readonly logger: Logger;
}

export interface ApprovalAnnouncement {
  readonly fetchQueued: boolean;
  readonly suggesterTold: boolean;
}

/**
 * What follows an approval, after its transaction: the new source is queued for a fetch at once
 * ("within minutes" holds), and the person who suggested it gets one short mail (a confirmed,
 * unsuppressed address only). Neither may undo the approval: a failure is logged, and the schedule
 * still fetches the source within its period.
 */
export async function announceApproval(
  deps: ApprovalAnnouncementDependencies,
  approval: Approval,
  /** Where the mail's link to the sources page points (the configured URL, or the request's host). */
  publicBaseUrl: string,
  now: Date,
): Promise<ApprovalAnnouncement> {
  let fetchQueued = false;
  let suggesterTold = false;
  if (deps.ingestQueue) {
    try {
      await deps.ingestQueue.enqueue([{ sourceId: approval.source.id, force: true }]);
      fetchQueued = true;
    } catch (error) {
      deps.logger.error('approved source not queued for a fetch; the schedule will fetch it', {
        error,
        sourceId: approval.source.id,
      });
    }
  }
  const mail = deps.mail;
  if (mail) {
    try {
      const suggester = await mail.users.get(approval.suggestion.suggestedBy);
      if (suggester?.emailConfirmed) {
        const suppressed = await mail.suppression.suppressedAmong([suggester.email]);
        if (!suppressed.has(suggester.email)) {
          const message = await composeSourceApprovedMessage(
            suggester.email,
            approval.source.url,
            publicBaseUrl,
            mail.identity,
            now,
          );
          await mail.mailer.sendRaw({ raw: message.raw, from: mail.identity.from, to: [suggester.email] });
          suggesterTold = true;
        }
      }
    } catch (error) {
      deps.logger.error('suggester not told of the approval', {
        error,
        suggestionId: approval.suggestion.id,
      });
    }
  }
  return { fetchQueued, suggesterTold };
}
