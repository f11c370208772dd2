import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DispatchPlan, DispatchState, SlotDispatchProgress } from '../dispatch/slot-dispatch.ts';
import { isConditionFailure } from './condition-failure.ts';
import { dispatchProgressKey } from './keys/dispatch-keys.ts';

/*
 * One item per dispatcher (`DISPATCH#<name>` / `PROGRESS`): where the last finished plan ended, the
 * plan in progress with its cursor, and a version that every save checks and moves on, so two runs
 * at once cannot both queue the same pages. An item written before versions existed counts as 0.
 */
export function createDispatchProgress<Slot>(
  client: DynamoDBDocumentClient,
  tableName: string,
  dispatcher: string,
): SlotDispatchProgress<Slot> {
  const key = dispatchProgressKey(dispatcher);
  const versionIs = (version: number) =>
    version === 0
      ? { ConditionExpression: 'attribute_not_exists(#version)', values: {} }
      : { ConditionExpression: '#version = :version', values: { ':version': version } };

  async function update(
    expression: string,
    version: number,
    values: Record<string, unknown>,
    names: Record<string, string> = {},
  ): Promise<boolean> {
    const condition = versionIs(version);
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: expression,
          ConditionExpression: condition.ConditionExpression,
          ExpressionAttributeNames: { '#version': 'version', '#type': 'type', ...names },
          ExpressionAttributeValues: {
            ...values,
            ...condition.values,
            ':next': version + 1,
            ':type': 'dispatch-progress',
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  return {
    async read(): Promise<DispatchState<Slot>> {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
      );
      const item = output.Item;
      return {
        lastWindowEnd: typeof item?.lastWindowEnd === 'number' ? item.lastWindowEnd : null,
        plan: (item?.plan as DispatchPlan<Slot> | undefined) ?? null,
        version: typeof item?.version === 'number' ? item.version : 0,
      };
    },
    savePlan(plan, version) {
      return update(
        'SET #plan = :plan, #version = :next, #type = :type',
        version,
        { ':plan': plan },
        {
          '#plan': 'plan',
        },
      );
    },
    finish(toMs, version) {
      return update(
        'SET lastWindowEnd = :to, #version = :next, #type = :type REMOVE #plan',
        version,
        { ':to': toMs },
        { '#plan': 'plan' },
      );
    },
  };
}
