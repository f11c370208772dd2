import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { firstCall } from './hello-first-call.ts';

/** The floor of the dispatchers and ingest-feed: the document client and an SQS client built, one read. */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const queue = new SQSClient({});

export const handler = middy().handler(() => firstCall(client));
