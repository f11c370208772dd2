import { SESv2Client, type SESv2ClientConfig } from '@aws-sdk/client-sesv2';

/**
 * The SES client of every sender: no SDK retries, because the mailer retries throttling itself and the
 * queue retries the rest; retries inside retries would multiply the attempts and the time.
 */
export function createSesClient(config: SESv2ClientConfig = {}): SESv2Client {
  return new SESv2Client({ maxAttempts: 1, ...config });
}
