import { EmailLink, Paragraph, renderEmail } from '../web/components/email.tsx';
import { safeHref } from '../web/safe-href.ts';
import { type ComposedMessage, composeMessage, type MailIdentity } from './compose-message.ts';

/** "Your suggested feed is now a source": to the person who suggested it, once, when it is approved. */
export async function composeSourceApprovedMessage(
  to: string,
  feedUrl: string,
  publicBaseUrl: string,
  identity: MailIdentity,
  now: Date,
): Promise<ComposedMessage> {
  const sourcesUrl = `${publicBaseUrl.replace(/\/$/, '')}/sources`;
  const approved = 'The feed you suggested is now a Trellis source:';
  const next =
    'It is being read now; its events that fit your interests come in your digest and your calendar feed.';
  return composeMessage({
    to: { address: to, name: null },
    subject: 'Your suggested feed was approved',
    text: [approved, '', feedUrl, '', next, '', `Sources: ${sourcesUrl}`, '', '— Trellis', ''].join('\n'),
    html: renderEmail({
      title: 'Your suggested feed was approved',
      preheader: approved,
      heading: 'Your suggested feed was approved',
      children: (
        <>
          <Paragraph>{approved}</Paragraph>
          <Paragraph style="word-break:break-all;">{feedUrl}</Paragraph>
          <Paragraph>{next}</Paragraph>
          <Paragraph>
            <EmailLink href={safeHref(sourcesUrl) ?? ''}>See the sources</EmailLink>
          </Paragraph>
        </>
      ),
    }),
    headers: { 'Auto-Submitted': 'auto-generated' },
    identity,
    now,
  });
}
