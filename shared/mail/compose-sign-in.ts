import { escapeHtml, safeHref } from '../web/escape-html.ts';
import { type ComposedMessage, composeMessage, type MailIdentity } from './compose-message.ts';

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
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><title>Your Trellis sign-in link</title></head><body style="margin:0;padding:16px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5"><p>${escapeHtml(intro)}</p><p>${escapeHtml(action)}</p><p><a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 18px;background:#0b57d0;color:#ffffff;border-radius:6px;text-decoration:none">Sign in to Trellis</a></p><p style="font-size:14px;color:#57606a">${escapeHtml(ignore)}</p></body></html>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
    identity,
    now,
  });
}
