import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionCancelledError, transactWrite } from '../../shared/store/transact-write.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

/* The transaction helper on DynamoDB Local: all or nothing, failed parts named, conflicts retried. */

let table: LocalTable;
beforeAll(async () => {
  table = await createLocalTable();
});
afterAll(() => table.documentClient.destroy());

const claim = (pk: string, label: string, owner: string) => ({
  label,
  Put: {
    TableName: table.tableName,
    Item: { pk, sk: 'X', owner },
    ConditionExpression: 'attribute_not_exists(pk)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  },
});

async function read(pk: string) {
  const output = await table.documentClient.send(
    new GetCommand({ TableName: table.tableName, Key: { pk, sk: 'X' }, ConsistentRead: true }),
  );
  return output.Item ?? null;
}

describe('transactWrite', () => {
  it('writes every part, or none when one condition fails, and names the failed part with its old item', async () => {
    await transactWrite(table.documentClient, [claim('A#1', 'first', 'ana')]);

    const failure = await transactWrite(table.documentClient, [
      claim('B#1', 'second', 'ben'),
      claim('A#1', 'first', 'ben'),
    ]).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TransactionCancelledError);
    const cancelled = failure as TransactionCancelledError;
    expect(cancelled.failed).toEqual(['first']);
    expect(cancelled.failedOn('second')).toBe(false);
    expect(cancelled.oldItem('first')).toMatchObject({ pk: 'A#1', owner: 'ana' });
    expect(await read('B#1')).toBeNull();
  });

  it('lets exactly one of 20 parallel claims of one key win; the others fail on its condition', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        transactWrite(table.documentClient, [
          claim(`C#${index}`, 'own', `user-${index}`),
          claim('C#shared', 'shared', `user-${index}`),
        ]),
      ),
    );

    const won = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
    expect(won).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toBeInstanceOf(TransactionCancelledError);
        expect((outcome.reason as TransactionCancelledError).failed).toEqual(['shared']);
      }
    }
    expect(await read('C#shared')).toMatchObject({ owner: `user-${won[0]}` });
    for (let index = 0; index < 20; index += 1)
      expect(await read(`C#${index}`)).toEqual(index === won[0] ? expect.anything() : null);
  });
});
