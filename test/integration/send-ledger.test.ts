import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { ledgerKey } from '../../shared/store/keys/ledger-keys.ts';
import { createSendLedger } from '../../shared/store/send-ledger.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';
import { countRequests } from '../support/request-counter.ts';

let table: LocalTable;
const now = new Date('2030-03-04T07:00:00Z');
const handing = { messageId: '<m@trellis.test>', detail: { shown: ['a'] } };

beforeEach(async () => {
  table = await createLocalTable();
});

const statusOf = async (userId: string, period: string) =>
  (
    await table.documentClient.send(
      new GetCommand({ TableName: table.tableName, Key: ledgerKey(userId, 'digest', period) }),
    )
  ).Item?.status;

describe('SENT marks in groups', () => {
  it('marks many claims SENT in one transaction', async () => {
    const ledger = createSendLedger<{ shown: string[] }>(table.documentClient, table.tableName, 'digest');
    const claims = [];
    for (const userId of ['u1', 'u2', 'u3']) {
      const claim = await ledger.claim(userId, '2030-W10', now, handing);
      if (claim.outcome !== 'claimed') throw new Error('expected a claim');
      claims.push({
        userId,
        period: '2030-W10',
        token: claim.token,
        messageId: `<${userId}@t>`,
        sentAt: now,
      });
    }
    const requests = countRequests(table.documentClient);
    const lost: unknown[] = [];
    await ledger.markSentMany(claims, (entry) => lost.push(entry));
    expect(requests.byCommand()).toEqual({ TransactWriteItemsCommand: 1 });
    expect(lost).toEqual([]);
    for (const userId of ['u1', 'u2', 'u3']) expect(await statusOf(userId, '2030-W10')).toBe('sent');
    const latest = await ledger.latestSent(['u2'], ['2030-W10']);
    expect(latest.get('u2')).toMatchObject({ messageId: '<u2@t>', detail: { shown: ['a'] } });
  });

  it('marks the others one by one when one claim was taken over, and reports that one', async () => {
    const ledger = createSendLedger<{ shown: string[] }>(table.documentClient, table.tableName, 'digest', {
      resendUnconfirmedAfterMs: 10 * 60_000,
    });
    const first = await ledger.claim('u1', '2030-W10', now, handing);
    const second = await ledger.claim('u2', '2030-W10', now, handing);
    if (first.outcome !== 'claimed' || second.outcome !== 'claimed') throw new Error('expected claims');
    // u2's hand-over went unanswered past the wait: another attempt claims it again.
    const later = new Date(now.getTime() + 11 * 60_000);
    expect((await ledger.claim('u2', '2030-W10', later, handing)).outcome).toBe('claimed');

    const lost: { userId: string }[] = [];
    await ledger.markSentMany(
      [
        { userId: 'u1', period: '2030-W10', token: first.token, messageId: '<1@t>', sentAt: now },
        { userId: 'u2', period: '2030-W10', token: second.token, messageId: '<2@t>', sentAt: now },
      ],
      (entry) => lost.push(entry),
    );
    expect(lost.map((entry) => entry.userId)).toEqual(['u2']);
    expect(await statusOf('u1', '2030-W10')).toBe('sent');
    expect(await statusOf('u2', '2030-W10')).toBe('handing');
  });
});
