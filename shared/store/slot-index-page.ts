import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { userIdOfUserPk } from './keys/user-keys.ts';

/**
 * One page of a schedule slot's readers from gsi3 (KEYS_ONLY, sort key = user id): the ids after
 * `after`, at most `limit`, and where to go on. Reads pages until `limit` ids are found or the slot
 * ends, so a page is full unless the slot is through.
 */
export async function pageSlotIndex(
  client: DynamoDBDocumentClient,
  tableName: string,
  slotPk: string,
  after: string | null,
  limit: number,
): Promise<{ userIds: string[]; next: string | null }> {
  const userIds: string[] = [];
  let last = after;
  for (;;) {
    const output = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: last === null ? 'gsi3pk = :pk' : 'gsi3pk = :pk AND gsi3sk > :after',
        ExpressionAttributeValues: { ':pk': slotPk, ...(last === null ? {} : { ':after': last }) },
        Limit: limit - userIds.length,
      }),
    );
    for (const item of output.Items ?? []) {
      const userId = userIdOfUserPk(String(item.pk));
      if (userId !== null) userIds.push(userId);
      last = String(item.gsi3sk);
    }
    if (!output.LastEvaluatedKey) return { userIds, next: null };
    if (userIds.length >= limit) return { userIds, next: last };
  }
}
