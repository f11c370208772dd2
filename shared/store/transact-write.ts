import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/*
 * Several items that change together go in one TransactWriteItems: all of it happens or none of it.
 * Each part carries a label naming what it guards ('email', 'profile', 'slot', …), so a use case turns
 * "the condition on part X failed" into its own typed error without counting array positions.
 *
 *   send ──▶ committed
 *     │
 *     ├─ cancelled, some part's condition failed ─▶ TransactionCancelledError (failed labels, old items)
 *     └─ cancelled only by a conflicting transaction in flight ─▶ wait a little and send again (bounded)
 */

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One item's change within a transaction, named for the error that its condition guards. */
export type TransactionPart = TransactItem & { readonly label: string };

export interface CancellationDetail {
  readonly label: string;
  /** DynamoDB's code: ConditionalCheckFailed, TransactionConflict, ValidationError, … ('None' for parts that were fine). */
  readonly code: string;
  /** The item as it was, for parts that asked for it (ReturnValuesOnConditionCheckFailure: 'ALL_OLD'). */
  readonly item: Record<string, unknown> | null;
}

export class TransactionCancelledError extends Error {
  override readonly name = 'TransactionCancelledError';
  readonly reasons: readonly CancellationDetail[];
  constructor(reasons: readonly CancellationDetail[]) {
    super(
      `transaction cancelled: ${reasons
        .filter((reason) => reason.code !== 'None')
        .map((reason) => `${reason.label} ${reason.code}`)
        .join(', ')}`,
    );
    this.reasons = reasons;
  }

  /** The labels whose condition failed. */
  get failed(): string[] {
    return this.reasons.filter((reason) => reason.code === 'ConditionalCheckFailed').map((r) => r.label);
  }

  failedOn(label: string): boolean {
    return this.failed.includes(label);
  }

  /** The old item of a part whose condition failed (when the part asked for ALL_OLD). */
  oldItem(label: string): Record<string, unknown> | null {
    return this.reasons.find((reason) => reason.label === label)?.item ?? null;
  }
}

export interface TransactOptions {
  /** Tries when only conflicting transactions cancelled it (default 6). */
  readonly attempts?: number;
  readonly pause?: (ms: number) => Promise<void>;
}

const defaultPause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function detailsOf(error: TransactionCanceledException, parts: readonly TransactionPart[]) {
  return parts.map((part, index): CancellationDetail => {
    const reason = error.CancellationReasons?.[index];
    return {
      label: part.label,
      code: reason?.Code ?? 'None',
      item: reason?.Item ? unmarshall(reason.Item as Parameters<typeof unmarshall>[0]) : null,
    };
  });
}

export async function transactWrite(
  client: DynamoDBDocumentClient,
  parts: readonly TransactionPart[],
  options: TransactOptions = {},
): Promise<void> {
  const attempts = options.attempts ?? 6;
  const pause = options.pause ?? defaultPause;
  const TransactItems = parts.map(({ label: _label, ...item }) => item as TransactItem);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = detailsOf(error, parts);
      const onlyConflicts =
        reasons.some((reason) => reason.code === 'TransactionConflict') &&
        reasons.every((reason) => reason.code === 'None' || reason.code === 'TransactionConflict');
      if (!onlyConflicts || attempt >= attempts) throw new TransactionCancelledError(reasons);
      // Another transaction held one of these items: it will be done in milliseconds. Jittered backoff.
      await pause(Math.random() * 20 * 2 ** attempt);
    }
  }
}
