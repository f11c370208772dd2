import { safeHref } from '../web/safe-href.ts';
import { type ComposedMessage, composeMessage, type MailIdentity } from './compose-message.ts';
import { renderSignInHtml } from './sign-in-html.tsx';

/**
 * The sign-in email: the one message sent to an address that is not confirmed yet (following its link
 * is what confirms it). Text and HTML, no tracking, and it says what to do if the reader did not ask.
 */
export async function composeSignInMessage(
  to: string,
  link: string,
  identity: MailIdentity,
  now: Date,
): Promise<ComposedMessage> {
  const intro = 'Someone (we hope you) asked to sign in to Trellis with this address.';
  const action = 'Open this link within 15 minutes to sign in. It works once.';
  const ignore = 'If you did not ask, ignore this email: nothing happens and no account is made or changed.';
  const href = safeHref(link) ?? '';
  return composeMessage({
    to: { address: to, name: null },
    subject: 'Your Trellis sign-in link',
    text: [intro, '', action, '', link, '', ignore, '', '— Trellis', ''].join('\n'),
    html: renderSignInHtml({ intro, action, ignore, link: href }),
    headers: { 'Auto-Submitted': 'auto-generated' },
    identity,
    now,
  });
}
