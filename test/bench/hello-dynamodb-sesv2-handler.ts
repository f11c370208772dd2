import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { firstCall } from './hello-first-call.ts';

/** The floor of invite-send: the document client and an SES v2 client built, one read. */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const mail = new SESv2Client({});

export const handler = middy().handler(() => firstCall(client));
