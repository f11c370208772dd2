import { type ComposedMessage, composeMessage, type MailIdentity } from './compose-message.ts';
import { renderWelcomeHtml } from './welcome-html.tsx';

/** The next steps a welcome mail points to, as path and text. */
const nextSteps = [
  ['/profile', 'Choose your interests and when your weekly digest comes'],
  ['/contacts', 'Add a mentor or a peer to stay in touch with'],
  ['/digest', 'Preview this week’s digest'],
  ['/calendar', 'Subscribe to your calendar feed'],
] as const;

/**
 * The confirmation after the first sign-in: the address is confirmed (double opt-in done), what the
 * person signed up for, and where to begin. Sent once, when the address is confirmed.
 */
export async function composeWelcomeMessage(
  to: string,
  publicBaseUrl: string,
  identity: MailIdentity,
  now: Date,
): Promise<ComposedMessage> {
  const base = publicBaseUrl.replace(/\/$/, '');
  const confirmed = `Your address ${to} is confirmed, and your Trellis account is ready.`;
  const what =
    'Trellis finds industry events, professional organizations and mentorship programs that fit you, emails you one digest a week, and reminds you to stay in touch with the people who matter to your work.';
  const stop =
    'Every digest has a one-click unsubscribe link. If you did not sign up, ignore this email: you will get nothing else unless you sign in.';
  const text = [
    confirmed,
    '',
    what,
    '',
    'Where to begin:',
    ...nextSteps.map(([path, label]) => `- ${label}: ${base}${path}`),
    '',
    stop,
    '',
    '— Trellis',
    '',
  ].join('\n');
  const html = renderWelcomeHtml({
    confirmed,
    what,
    stop,
    nextSteps: nextSteps.map(([path, label]) => [`${base}${path}`, label] as const),
  });
  return composeMessage({
    to: { address: to, name: null },
    subject: 'Welcome to Trellis: your address is confirmed',
    text,
    html,
    headers: { 'Auto-Submitted': 'auto-generated' },
    identity,
    now,
  });
}
