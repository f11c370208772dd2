import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchDueSources } from '../../../shared/ingest/dispatch-due-sources.ts';
import { processIngestBatch } from '../../../shared/ingest/process-ingest-batch.ts';
import { silentLogger } from '../../../shared/log/logger.ts';
import { createIngestQueue, EnqueueError } from '../../../shared/queue/ingest-queue.ts';
import { buildSource } from '../../../shared/sources/new-source.ts';
import { batchWriteAll, UnprocessedBatchError } from '../../../shared/store/batch-requests.ts';
import { createDocumentClient } from '../../../shared/store/dynamo-client.ts';
import { createEventStore } from '../../../shared/store/event-store.ts';
import {
  createSourceRepository,
  SourceExistsError,
  SourceNotFoundError,
} from '../../../shared/store/source-repository.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const client = createDocumentClient({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
const instant = { attempts: 3, pause: async () => {} };
const put = (id: string) => ({ PutRequest: { Item: { pk: id, sk: 'X' } } });
const now = new Date('2030-01-01T00:00:00Z');
const source = buildSource({ url: 'https://example.org/feed.ics', kind: 'industry-event' }, now);
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

afterEach(() => {
  dynamo.reset();
  sqs.reset();
});

describe('writes DynamoDB leaves unprocessed (throttling)', () => {
  it('retries only the unprocessed part of a batch', async () => {
    // Prepare
    dynamo
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { t: [put('b')] } })
      .resolvesOnce({});
    // Act
    await batchWriteAll(client, 't', [put('a'), put('b')], instant);
    // Assess
    expect(dynamo).toHaveReceivedCommandTimes(BatchWriteCommand, 2);
    expect(dynamo).toHaveReceivedNthCommandWith(BatchWriteCommand, 2, { RequestItems: { t: [put('b')] } });
  });

  it('fails loudly instead of dropping writes that stay unprocessed', async () => {
    dynamo.on(BatchWriteCommand).resolves({ UnprocessedItems: { t: [put('a')] } });
    await expect(batchWriteAll(client, 't', [put('a')], instant)).rejects.toBeInstanceOf(
      UnprocessedBatchError,
    );
    expect(dynamo).toHaveReceivedCommandTimes(BatchWriteCommand, 3);
  });
});

describe('conditional-check failures become domain errors', () => {
  it('refuses to register the same feed twice', async () => {
    dynamo.on(PutCommand).rejects(conditionFailed());
    await expect(createSourceRepository(client, 't').create(source)).rejects.toBeInstanceOf(
      SourceExistsError,
    );
    expect(dynamo).toHaveReceivedCommandWith(PutCommand, { ConditionExpression: 'attribute_not_exists(pk)' });
  });

  it('reports a health update for a deleted source as not found', async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    await expect(
      createSourceRepository(client, 't').saveHealth(source.id, source.health),
    ).rejects.toBeInstanceOf(SourceNotFoundError);
  });
});

describe('a throttled store during ingest', () => {
  it('hands the message back to the queue (partial batch failure) and still processes the others', async () => {
    dynamo.on(GetCommand).resolves({ Item: { pk: `SOURCE#${source.id}`, sk: 'SOURCE', ...source } });
    dynamo.on(UpdateCommand).resolves({});
    dynamo
      .on(QueryCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} }));
    const deps = {
      sources: createSourceRepository(client, 't'),
      events: createEventStore(client, 't'),
      fetchFeed: async () => ({
        status: 'ok' as const,
        body: new TextEncoder().encode(
          'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20300105T100000Z\r\nSUMMARY:Talk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
        ),
        contentType: 'text/calendar',
        etag: null,
        lastModified: null,
        finalUrl: source.url,
      }),
      logger: silentLogger,
      loopback: 'deny' as const,
    };
    const outcome = await processIngestBatch(
      deps,
      [
        { messageId: 'throttled', body: JSON.stringify({ sourceId: source.id }) },
        { messageId: 'not-json', body: '{oops' },
        { messageId: 'bad-id', body: JSON.stringify({ sourceId: '../../etc' }) },
      ],
      () => now,
      silentLogger,
    );
    expect(outcome.failedMessageIds).toEqual(['throttled', 'not-json', 'bad-id']);
  });
});

describe('dispatch', () => {
  it('fails the run when SQS rejects part of a batch, rather than losing those sources', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [{ pk: `SOURCE#${source.id}`, sk: 'SOURCE', ...source }] });
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false, Message: 'try again' }],
    });
    const queue = createIngestQueue(new SQSClient({ region: 'us-east-1' }), 'https://sqs.example/q');
    await expect(
      dispatchDueSources({ sources: createSourceRepository(client, 't'), queue, logger: silentLogger }, now),
    ).rejects.toBeInstanceOf(EnqueueError);
    expect(sqs).toHaveReceivedCommandWith(SendMessageBatchCommand, {
      Entries: [{ Id: '0', MessageBody: JSON.stringify({ sourceId: source.id }) }],
    });
  });
});
