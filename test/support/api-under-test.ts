import { type LocalHttpApi, startLocalHttpApi } from '../../shared/local/http-api-adapter.ts';
import type { LocalSes } from '../../shared/local/ses-local.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { type StoredMail, startTestSes } from './local-ses.ts';
import { createLocalTable, type LocalTable } from './local-table.ts';

/*
 * The api Lambda handler itself behind the local HTTP API adapter, against a fresh DynamoDB Local table and
 * SES local, configured through its environment exactly as in Lambda. One per test file (vitest runs
 * each file in its own process, so the environment is the file's own).
 */

export interface ApiUnderTest {
  readonly table: LocalTable;
  readonly api: LocalHttpApi;
  readonly ses: LocalSes;
  inbox(): Promise<StoredMail[]>;
  stop(): Promise<void>;
}

export const testAdminEmail = 'admin@trellis.test';

export async function startApiUnderTest(extraEnv: Record<string, string> = {}): Promise<ApiUnderTest> {
  const table = await createLocalTable();
  const { ses, inbox } = await startTestSes();
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    LINK_SECRET: 'a-test-secret-that-is-long-enough-to-sign-links',
    MAIL_FROM: 'Trellis <hello@trellis.test>',
    ADMIN_EMAILS: testAdminEmail,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    LOG_LEVEL: 'error',
    ...extraEnv,
  });
  const { handler } = await import('../../functions/api.ts');
  const api = await startLocalHttpApi([{ pathPrefix: '/', functionName: 'api', handler }], {
    port: 0,
    logger: silentLogger,
  });
  process.env.PUBLIC_BASE_URL = api.url;
  return {
    table,
    api,
    ses,
    inbox,
    async stop() {
      await api.stop();
      await ses.stop();
    },
  };
}
