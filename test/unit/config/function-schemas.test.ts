import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarFeedSchema, loadCalendarFeedConfig } from '../../../shared/config/calendar-config.ts';
import {
  digestWindowDaysFromEnv,
  loadDigestSendConfig,
  loadMailConfig,
} from '../../../shared/config/digest-config.ts';
import {
  ConfigError,
  getIntFromEnv,
  getOptionalStringFromEnv,
  getStringFromEnv,
  parseEnv,
} from '../../../shared/config/env.ts';
import { parseLogLevel } from '../../../shared/config/ingest-config.ts';
import { linkSecretLoader, linkSecretSource } from '../../../shared/config/link-secret.ts';
import { loadReminderSendConfig } from '../../../shared/config/reminder-config.ts';

const secret = 'k'.repeat(40);
const sender = {
  TABLE_NAME: 'trellis',
  MAIL_FROM: 'Trellis <digest@Trellis.Test>',
  PUBLIC_BASE_URL: 'https://trellis.test/',
  LINK_SECRET: secret,
};

describe('function schemas over the environment', () => {
  it('reads digest-send with its mail defaults derived from MAIL_FROM', () => {
    expect(loadDigestSendConfig(sender)).toEqual({
      tableName: 'trellis',
      logLevel: 'info',
      mail: {
        from: 'Trellis <digest@Trellis.Test>',
        replyTo: null,
        configurationSet: null,
        messageIdDomain: 'trellis.test',
        unsubscribeMailto: 'unsubscribe@trellis.test',
      },
      publicBaseUrl: 'https://trellis.test',
      linkSecret: { value: secret },
      windowDays: 14,
    });
  });

  it('names every missing or malformed variable in one error at start-up', () => {
    expect(() =>
      loadReminderSendConfig({ MAIL_FROM: 'nobody', PUBLIC_BASE_URL: 'not a url', LOG_LEVEL: 'LOUD' }),
    ).toThrow(
      new ConfigError(
        'environment variable TABLE_NAME is required; ' +
          "environment variable LOG_LEVEL must be debug, info, warn or error, got 'LOUD'; " +
          "environment variable MAIL_FROM must contain an address with a domain, got 'nobody'; " +
          "environment variable PUBLIC_BASE_URL must be an absolute URL, got 'not a url'",
      ),
    );
    expect(() => loadDigestSendConfig({ ...sender, LINK_SECRET: undefined })).toThrow(
      new ConfigError('environment variable LINK_SECRET or LINK_SECRET_ARN is required'),
    );
  });

  it('never repeats a secret in its error', () => {
    const attempt = () => linkSecretSource({ LINK_SECRET: 'short-but-secret' });
    expect(attempt).toThrow(
      new ConfigError('environment variable LINK_SECRET must be at least 32 characters'),
    );
  });

  it('treats blank values as unset and trims the rest', () => {
    expect(loadMailConfig({ MAIL_FROM: ' a@b.test ', MAIL_REPLY_TO: '  ' })).toMatchObject({
      from: 'a@b.test',
      replyTo: null,
    });
    expect(() => getStringFromEnv('TABLE_NAME', { TABLE_NAME: '   ' })).toThrow(
      new ConfigError('environment variable TABLE_NAME is required'),
    );
    expect(getOptionalStringFromEnv('X', {})).toBeNull();
    expect(getIntFromEnv('X', 7, {})).toBe(7);
    expect(digestWindowDaysFromEnv({ TRELLIS_DIGEST_WINDOW_DAYS: '21' })).toBe(21);
    expect(parseLogLevel('DEBUG')).toBe('debug');
  });

  it('exposes each schema for reuse', () => {
    expect(parseEnv(calendarFeedSchema, { TABLE_NAME: 't', CALENDAR_MAX_EVENTS: '20' }).maxEvents).toBe(20);
    expect(() => loadCalendarFeedConfig({ TABLE_NAME: 't', CALENDAR_REFRESH_MINUTES: '5' })).toThrow(
      /CALENDAR_REFRESH_MINUTES must be an integer between 15 and 10080, got '5'/,
    );
  });
});

describe('link secret', () => {
  const secrets = mockClient(SecretsManagerClient);
  afterEach(() => {
    secrets.reset();
  });

  it('reads the secret from Secrets Manager once per container', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'from-secrets-manager' });
    const load = linkSecretLoader(
      { arn: 'arn:aws:secretsmanager:eu-west-1:1:secret:once' },
      new SecretsManagerClient({}),
    );
    // Act
    const first = await load();
    const second = await load();
    // Assess
    expect(Buffer.from(first).toString('utf8')).toBe('from-secrets-manager');
    expect(second).toBe(first);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('tries again on the next call when the first read fails', async () => {
    // Prepare
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('throttled'))
      .resolves({ SecretString: 'second-time' });
    const load = linkSecretLoader(
      { arn: 'arn:aws:secretsmanager:eu-west-1:1:secret:retry' },
      new SecretsManagerClient({}),
    );
    // Act / Assess
    await expect(load()).rejects.toThrow();
    expect(Buffer.from(await load()).toString('utf8')).toBe('second-time');
  });

  it('uses the value itself in local mode', async () => {
    expect(Buffer.from(await linkSecretLoader({ value: secret })()).toString('utf8')).toBe(secret);
  });
});
