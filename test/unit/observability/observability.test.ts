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
