import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { MailTag } from './ledger-tag.ts';

export interface OutgoingMessage {
  readonly raw: Uint8Array;
  readonly from: string;
  readonly to: readonly string[];
  /** SES message tags, returned in SES's events (the send-ledger key of a scheduled mail). */
  readonly tags?: readonly MailTag[];
}

export interface Mailer {
  sendRaw(message: OutgoingMessage): Promise<{ readonly providerMessageId: string }>;
}

export interface MailerRetry {
  readonly attempts: number;
  readonly pause: (ms: number) => Promise<void>;
}

const throttlingErrors = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
]);
const defaultRetry: MailerRetry = {
  attempts: 6,
  pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The mail certainly did not go out (SES said no, or it was never handed over). */
export class MailNotSentError extends Error {
  override readonly name: string = 'MailNotSentError';
}

/** SES refused: the account's 24-hour sending quota is used up. Retrying before it frees up cannot help. */
export class DailyQuotaExceededError extends MailNotSentError {
  override readonly name = 'DailyQuotaExceededError';
}

/** SES says "Daily message quota exceeded" in a throttling error (ThrottlingException and kin). */
const dailyQuotaMessage = /daily message quota|daily sending quota/i;

/** SES rejected the message for a reason retrying will not fix (bad address, unverified sender, …). */
export class MailRejectedError extends MailNotSentError {
  override readonly name = 'MailRejectedError';
}

/**
 * Sends raw MIME through SES (v2 SendEmail with Raw content) in a configuration set, so bounces and
 * complaints come back as events. Throttling (SES's max send rate) backs off and retries with jitter:
 * the only retries around a send, since the SES client is built without its own (`createSesClient`).
 * A used-up daily quota is not retried (DailyQuotaExceededError).
 */
export function createSesMailer(
  client: SESv2Client,
  options: { readonly configurationSet: string | null; readonly retry?: MailerRetry },
): Mailer {
  const retry = options.retry ?? defaultRetry;
  return {
    async sendRaw(message) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const output = await client.send(
            new SendEmailCommand({
              FromEmailAddress: message.from,
              Destination: { ToAddresses: [...message.to] },
              Content: { Raw: { Data: message.raw } },
              ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
              ...(message.tags?.length
                ? { EmailTags: message.tags.map((tag) => ({ Name: tag.name, Value: tag.value })) }
                : {}),
            }),
          );
          return { providerMessageId: output.MessageId ?? '' };
        } catch (error) {
          const name = (error as { name?: string }).name ?? '';
          if (dailyQuotaMessage.test((error as { message?: string }).message ?? '')) {
            throw new DailyQuotaExceededError(`SES refused: ${(error as Error).message}`);
          }
          if (throttlingErrors.has(name) && attempt < retry.attempts) {
            await retry.pause(Math.min(200 * 2 ** attempt, 5_000) * (0.5 + Math.random() / 2));
            continue;
          }
          if (name === 'MessageRejected' || name === 'BadRequestException' || name === 'NotFoundException') {
            throw new MailRejectedError(`SES rejected the message: ${(error as Error).message}`);
          }
          throw error;
        }
      }
    },
  };
}

/** Failures that happen before a request can leave: no connection, no address. */
const neverLeftCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether the failed call certainly sent nothing: SES answered with an error (or we read its answer as
 * one), or the request never left. A timeout or a connection broken after the request left says
 * nothing about it.
 */
export function surelyNotSent(error: unknown): boolean {
  if (error instanceof MailNotSentError) return true;
  const failure = error as { $metadata?: { httpStatusCode?: number }; code?: string } | null;
  const status = failure?.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 400) return true;
  return typeof failure?.code === 'string' && neverLeftCodes.has(failure.code);
}
