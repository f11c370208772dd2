import { Muted, Paragraph, renderEmail } from '../web/components/email.tsx';
import { FeedLink } from '../web/components/feed-link.tsx';

/** The sign-in email's HTML part: what happened, the one button, and what to do if the reader did not ask. */
export function renderSignInHtml(parts: {
  readonly intro: string;
  readonly action: string;
  readonly ignore: string;
  readonly link: string;
}): string {
  return renderEmail({
    title: 'Your Trellis sign-in link',
    preheader: parts.action,
    heading: 'Sign in to Trellis',
    children: (
      <>
        <Paragraph>{parts.intro}</Paragraph>
        <Paragraph>{parts.action}</Paragraph>
        <Paragraph>
          <FeedLink
            href={parts.link}
            style="display:inline-block;padding:10px 18px;background:#0b57d0;color:#ffffff;border-radius:6px;text-decoration:none;"
          >
            Sign in to Trellis
          </FeedLink>
        </Paragraph>
        <Muted margin="0">{parts.ignore}</Muted>
      </>
    ),
  });
}
