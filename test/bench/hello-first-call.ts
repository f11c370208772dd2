import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';

/** The one table call a hello makes: the same operation as the function it is the baseline of (BENCH_FIRST_CALL). */
export function firstCall(client: DynamoDBDocumentClient): Promise<unknown> {
  const TableName = process.env.TABLE_NAME;
  const Key = { pk: 'hello', sk: 'hello' };
  switch (process.env.BENCH_FIRST_CALL) {
    case 'Query':
      return client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'hello' },
        }),
      );
    case 'PutItem':
      return client.send(new PutCommand({ TableName, Item: { ...Key, at: Date.now() } }));
    case 'BatchGetItem':
      return client.send(new BatchGetCommand({ RequestItems: { [String(TableName)]: { Keys: [Key] } } }));
    default:
      return client.send(new GetCommand({ TableName, Key }));
  }
}
