import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log/logger.ts';
import type { IngestMessage } from '../../../shared/queue/ingest-message.ts';
import { announceApproval } from '../../../shared/sources/announce-approval.ts';
import type { Approval } from '../../../shared/sources/approve-suggestion.ts';
import { userProfile } from '../../support/matching-fixtures.ts';

const now = new Date('2030-03-04T10:00:00Z');
const approval = {
  suggestion: { id: 'sug_1', suggestedBy: 'user-1' },
  source: { id: 'src_0123456789ab', url: 'https://feeds.example.org/events.ics' },
} as unknown as Approval;
const identity = { from: 'Trellis <hello@trellis.test>', replyTo: null, messageIdDomain: 'trellis.test' };

function deps(options: { confirmed?: boolean; suppressed?: boolean; queueFails?: boolean } = {}) {
  const queued: IngestMessage[] = [];
  const sent: string[][] = [];
  return {
    queued,
    sent,
    deps: {
      ingestQueue: {
        enqueue: async (messages: readonly IngestMessage[]) => {
          if (options.queueFails) throw new Error('SQS is down');
          queued.push(...messages);
        },
      },
      mail: {
        users: { get: async () => userProfile({ emailConfirmed: options.confirmed ?? true }) },
        suppression: {
          suppressedAmong: async (emails: readonly string[]) => new Set(options.suppressed ? emails : []),
        },
        mailer: {
          sendRaw: async (message: { to: readonly string[] }) => {
            sent.push([...message.to]);
            return { providerMessageId: 'm1' };
          },
        },
        identity,
      },
      logger: silentLogger,
    },
  };
}

describe('after an approval', () => {
  it('queues the new source for a fetch now and tells the person who suggested it', async () => {
    const { deps: given, queued, sent } = deps();
    expect(await announceApproval(given, approval, 'https://trellis.test', now)).toEqual({
      fetchQueued: true,
      suggesterTold: true,
    });
    expect(queued).toEqual([{ sourceId: 'src_0123456789ab', force: true }]);
    expect(sent).toEqual([['ana@example.org']]);
  });

  it('tells nobody at an unconfirmed or suppressed address', async () => {
    for (const options of [{ confirmed: false }, { suppressed: true }]) {
      const { deps: given, sent } = deps(options);
      expect((await announceApproval(given, approval, 'https://trellis.test', now)).suggesterTold).toBe(
        false,
      );
      expect(sent).toEqual([]);
    }
  });

  it('never undoes the approval: a queue that fails is logged, the suggester still told', async () => {
    const { deps: given, sent } = deps({ queueFails: true });
    expect(await announceApproval(given, approval, 'https://trellis.test', now)).toEqual({
      fetchQueued: false,
      suggesterTold: true,
    });
    expect(sent).toHaveLength(1);
  });
});
