import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';

export interface SendLimits {
  /** Messages per second the account may send. */
  readonly maxSendRate: number;
  readonly max24HourSend: number;
  readonly sentLast24Hours: number;
}

/** The account's sending limits (SES GetAccount), read at most once per `cacheMs` per container. */
export function sesAccountLimits(client: SESv2Client, cacheMs = 5 * 60_000): () => Promise<SendLimits> {
  let cached: { readonly at: number; readonly limits: SendLimits } | null = null;
  return async () => {
    if (cached && Date.now() - cached.at < cacheMs) return cached.limits;
    const quota = (await client.send(new GetAccountCommand({}))).SendQuota;
    const limits: SendLimits = {
      maxSendRate: quota?.MaxSendRate ?? 1,
      max24HourSend: quota?.Max24HourSend ?? 200,
      sentLast24Hours: quota?.SentLast24Hours ?? 0,
    };
    cached = { at: Date.now(), limits };
    return limits;
  };
}
