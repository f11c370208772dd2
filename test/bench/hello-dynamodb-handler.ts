import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { firstCall } from './hello-first-call.ts';

/**
 * The cold-start floor of a function that reads the table (calendar-feed, ses-events): a minimal middy handler
 * that builds the DynamoDB document client (AWS SDK v3) and makes one table call (the function's first), bundled like the real functions.
 * The bench runs its first invocation against DynamoDB Local, as it does each function's.
 */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = middy().handler(() => firstCall(client));
