import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RequestCounter {
  /** Requests that write (PutItem, UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems). */
  writes(): number;
  /** Of those, the writes to a source's own record (its health: last fetch, next fetch). */
  sourceRecordWrites(): number;
  reads(): number;
  byCommand(): Record<string, number>;
  reset(): void;
}

const writeCommands = /^(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)Command$/;

function sortKeyOf(input: unknown): unknown {
  const key = (input as { Key?: { sk?: unknown } } | undefined)?.Key?.sk;
  return typeof key === 'object' && key !== null && 'S' in key ? (key as { S: unknown }).S : key;
}

/** Counts every DynamoDB request the client sends, by the low-level command name. */
export function countRequests(client: DynamoDBDocumentClient): RequestCounter {
  let counts: Record<string, number> = {};
  let sourceWrites = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      counts[name] = (counts[name] ?? 0) + 1;
      if (writeCommands.test(name) && sortKeyOf(args.input) === 'SOURCE') sourceWrites += 1;
      return next(args);
    },
    { step: 'initialize', name: 'trellisRequestCounter', override: true },
  );
  const total = (test: (name: string) => boolean) =>
    Object.entries(counts).reduce((sum, [name, count]) => (test(name) ? sum + count : sum), 0);
  return {
    writes: () => total((name) => writeCommands.test(name)),
    sourceRecordWrites: () => sourceWrites,
    reads: () => total((name) => !writeCommands.test(name)),
    byCommand: () => ({ ...counts }),
    reset: () => {
      counts = {};
      sourceWrites = 0;
    },
  };
}
