import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';

/**
 * The floor for any function that reads the table: a minimal middy handler with the DynamoDB
 * document client (AWS SDK v3), bundled like the real functions. Compared with `hello` it shows what
 * the SDK alone costs at cold start; compared with the real functions, what Trellis adds.
 */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = middy().handler(async () =>
  client.send(new GetCommand({ TableName: 'hello', Key: { pk: 'hello' } })),
);
