/** One message as the local SES (aws-ses-v2-local) lists it at `GET /store`. */
interface StoredMail {
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly text?: string };
}

export const signInSubject = 'Your Trellis sign-in link';

/**
 * The newest sign-in link mailed to an address, waiting up to timeoutMs for it: the page answers once
 * SES took the message, but a slow machine should not turn that into a flaky read.
 */
export async function waitForSignInLink(sesUrl: string, to: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${sesUrl}/store`, { signal: AbortSignal.timeout(5_000) });
    if (response.status !== 200) throw new Error(`GET ${sesUrl}/store: ${response.status}`);
    const { emails } = (await response.json()) as { emails: StoredMail[] };
    const mail = emails
      .filter((email) => email.subject === signInSubject && email.destination.to.some((d) => d.includes(to)))
      .at(-1);
    const link = /(https?:\/\/\S+\/sign-in\/[A-Za-z0-9_-]+)/.exec(mail?.body.text ?? '')?.[1];
    if (link) return link;
    if (Date.now() > deadline)
      throw new Error(
        `no sign-in link for ${to} within ${timeoutMs} ms; subjects in the inbox: ${JSON.stringify(emails.map((email) => email.subject))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every message the local SES holds for an address, oldest first. */
export async function inboxOf(sesUrl: string, to: string): Promise<StoredMail[]> {
  const response = await fetch(`${sesUrl}/store`, { signal: AbortSignal.timeout(5_000) });
  if (response.status !== 200) throw new Error(`GET ${sesUrl}/store: ${response.status}`);
  const { emails } = (await response.json()) as { emails: StoredMail[] };
  return emails.filter((email) => email.destination.to.some((address) => address.includes(to)));
}
