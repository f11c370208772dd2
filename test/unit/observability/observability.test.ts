import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createObservability } from '../../../shared/observability/observability.ts';

const context = {
  functionName: 'trellis-digest-send',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:1:function:trellis-digest-send',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  getRemainingTimeInMillis: () => 1000,
} as unknown as Context;

describe('observability middlewares', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('publishes the counted outcomes as one EMF record per invocation, and nothing it did not count', async () => {
    // Prepare
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(...String(chunk).trim().split('\n'));
      return true;
    });
    const observability = createObservability({
      service: 'digest-send',
      logLevel: 'error',
      emf: true,
      tracing: false,
    });
    const handler = middy()
      .use(observability.middlewares())
      .handler(async () => {
        observability.metrics.count('DigestsSent', 3);
        observability.metrics.count('MailsSuppressed', 0);
      });
    // Act
    await handler({}, context);
    // Assess
    const records = printed.map((line) => JSON.parse(line));
    const emf = records.find((record) => 'DigestsSent' in record);
    expect(emf).toMatchObject({ DigestsSent: 3, service: 'digest-send' });
    expect(emf._aws.CloudWatchMetrics[0].Namespace).toBe('Trellis');
    expect(emf).not.toHaveProperty('MailsSuppressed');
  });

  it('logs with the request id and cold start once the context is injected', async () => {
    // Prepare
    const observability = createObservability({
      service: 'ses-events',
      logLevel: 'info',
      emf: false,
      tracing: false,
    });
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const handler = middy()
      .use(observability.middlewares())
      .handler(async () => observability.logger.info('address suppressed'));
    // Act
    await handler({}, context);
    // Assess
    expect(lines.join('')).toMatch(
      /INFO {2}\[trellis-digest-send\] address suppressed .*function_request_id=request-1/,
    );
  });

  it('leaves clients untouched while tracing is off', () => {
    const observability = createObservability({ service: 'api', logLevel: 'info', tracing: false });
    const client = { send: () => {} };
    expect(observability.traced(client)).toBe(client);
  });
});

describe('tracing', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('loads Powertools Tracer when tracing is on and records the SDK clients handed to it', async () => {
    // Prepare: as on Lambda with active tracing (no daemon: the segment has nowhere to go, which is fine).
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'trellis-ses-events');
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    vi.stubEnv('AWS_XRAY_CONTEXT_MISSING', 'IGNORE_ERROR');
    vi.stubEnv(
      '_X_AMZN_TRACE_ID',
      'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    );
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const observability = createObservability({
      service: 'ses-events',
      logLevel: 'error',
      emf: false,
      tracing: true,
    });
    const client = observability.traced(new DynamoDBClient({ region: 'us-east-1' }));
    const handler = middy()
      .use(observability.middlewares())
      .handler(async () => 'done');
    // Act
    const result = await handler({}, context);
    // Assess
    expect(result).toBe('done');
    expect(client.middlewareStack.identify().some((name) => /xray|tracing|Segment/i.test(name))).toBe(true);
  });
});
