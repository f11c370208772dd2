import { SESv2Client } from '@aws-sdk/client-sesv2';
import { type LocalSes, startLocalSes } from '../../shared/local/ses-local.ts';

export interface StoredMail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: string[] };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
  readonly at: number;
}

/** aws-ses-v2-local on a free loopback port, with a client for it and a look into its inbox. */
export async function startTestSes(): Promise<{
  ses: LocalSes;
  client: SESv2Client;
  inbox(): Promise<StoredMail[]>;
}> {
  const ses = await startLocalSes({ port: 0 });
  const client = new SESv2Client({
    endpoint: ses.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    ses,
    client,
    inbox: async () =>
      ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: StoredMail[] }).emails,
  };
}
