import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { firstCall } from './hello-first-call.ts';

/**
 * The floor of api, digest-send and reminder-send: the document client, an SES v2 client and an SQS client built
 * (the api's ingest queue, the senders' requeue of deferred mail) and the Secrets Manager client module (the bench
 * gives the link secret as a value, as local mode does: there is no local Secrets Manager), one read.
 */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const mail = new SESv2Client({});
export const queue = new SQSClient({});
export const Secrets = SecretsManagerClient;

export const handler = middy().handler(() => firstCall(client));
