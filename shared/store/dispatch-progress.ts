import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './condition-failure.ts';
import { dispatchProgressKey } from './keys/dispatch-keys.ts';

/** Where an hourly dispatcher stopped, so a missed run is caught up and a window is not dispatched twice. */
export interface DispatchProgress {
  lastWindowEnd(): Promise<number | null>;
  /** Move the mark from `fromMs` (null: none yet) to `toMs`; false when another run moved it first. */
  advance(fromMs: number | null, toMs: number): Promise<boolean>;
}

export function createDispatchProgress(
  client: DynamoDBDocumentClient,
  tableName: string,
  dispatcher: string,
): DispatchProgress {
  const key = dispatchProgressKey(dispatcher);
  return {
    async lastWindowEnd() {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
      );
      return typeof output.Item?.lastWindowEnd === 'number' ? output.Item.lastWindowEnd : null;
    },
    async advance(fromMs, toMs) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: 'SET lastWindowEnd = :to, #type = :type',
            ConditionExpression: fromMs === null ? 'attribute_not_exists(pk)' : 'lastWindowEnd = :from',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: {
              ':to': toMs,
              ':type': 'dispatch-progress',
              ...(fromMs === null ? {} : { ':from': fromMs }),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
