import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RequestCounter {
  /** Requests that write (PutItem, UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems). */
  writes(): number;
  reads(): number;
  byCommand(): Record<string, number>;
  reset(): void;
}

const writeCommands = /^(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)Command$/;

/** Counts every DynamoDB request the client sends, by the low-level command name. */
export function countRequests(client: DynamoDBDocumentClient): RequestCounter {
  let counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'trellisRequestCounter', override: true },
  );
  const total = (test: (name: string) => boolean) =>
    Object.entries(counts).reduce((sum, [name, count]) => (test(name) ? sum + count : sum), 0);
  return {
    writes: () => total((name) => writeCommands.test(name)),
    reads: () => total((name) => !writeCommands.test(name)),
    byCommand: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
  };
}
