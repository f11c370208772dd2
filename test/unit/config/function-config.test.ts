import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/config/env.ts';
import {
  loadIngestDispatchConfig,
  loadIngestFeedConfig,
  parseLoopbackPolicy,
} from '../../../shared/config/ingest-config.ts';
import { loadLocalSettings } from '../../../shared/config/local-settings.ts';

describe('function configuration', () => {
  it('reads the ingest-feed settings with their defaults', () => {
    expect(
      loadIngestFeedConfig({ TABLE_NAME: 'trellis', INVITE_QUEUE_URL: 'https://sqs.test/invites' }),
    ).toEqual({
      tableName: 'trellis',
      logLevel: 'info',
      loopback: 'deny',
      userAgent: null,
      horizonDays: 120,
      maxFeedBytes: 5 * 1024 * 1024,
      maxEventsPerSource: 5_000,
      inviteQueueUrl: 'https://sqs.test/invites',
    });
  });

  it('fails at start-up, naming the variable, when one is missing or malformed', () => {
    expect(() => loadIngestDispatchConfig({ TABLE_NAME: 'trellis' })).toThrow(
      new ConfigError('environment variable INGEST_QUEUE_URL is required'),
    );
    expect(() => loadIngestFeedConfig({ TABLE_NAME: 't' })).toThrow(
      new ConfigError('environment variable INVITE_QUEUE_URL is required'),
    );
    expect(() => loadIngestFeedConfig({ TABLE_NAME: 't', TRELLIS_HORIZON_DAYS: 'soon' })).toThrow(
      /TRELLIS_HORIZON_DAYS must be an integer/,
    );
    expect(() => loadIngestFeedConfig({ TABLE_NAME: 't', LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be/);
    expect(() =>
      loadIngestFeedConfig({ TABLE_NAME: 't', INVITE_QUEUE_URL: 'q', TRELLIS_MAX_EVENTS_PER_SOURCE: '0' }),
    ).toThrow(/TRELLIS_MAX_EVENTS_PER_SOURCE must be an integer between 1 and/);
  });

  it('parses the loopback policy: deny, allow, or a port list', () => {
    expect(parseLoopbackPolicy(null)).toBe('deny');
    expect(parseLoopbackPolicy('allow')).toBe('allow');
    expect(parseLoopbackPolicy('3001, 3002')).toEqual({ ports: [3001, 3002] });
    expect(() => parseLoopbackPolicy('3001,http')).toThrow(ConfigError);
    expect(() => parseLoopbackPolicy('70000')).toThrow(ConfigError);
  });
});

describe('local settings', () => {
  it('defaults to the documented ports and data folder', () => {
    expect(loadLocalSettings({}, '/home/ana/trellis')).toMatchObject({
      dataDir: '/home/ana/trellis/.trellis',
      host: '127.0.0.1',
      apiPort: 3000,
      dynamoPort: 8000,
      sesPort: 8005,
      feedsPort: 3001,
      ingestEveryMinutes: 30,
      allowLoopbackFeeds: false,
    });
  });

  it('takes overrides from the environment and rejects a bad port', () => {
    expect(
      loadLocalSettings(
        { TRELLIS_PORT: '4000', TRELLIS_DATA_DIR: '/tmp/t', TRELLIS_ALLOW_LOOPBACK_FEEDS: '1' },
        '/x',
      ),
    ).toMatchObject({
      apiPort: 4000,
      dataDir: '/tmp/t',
      allowLoopbackFeeds: true,
    });
    expect(() => loadLocalSettings({ TRELLIS_PORT: '99999' }, '/x')).toThrow(
      /TRELLIS_PORT must be an integer between 0 and 65535/,
    );
  });
});
