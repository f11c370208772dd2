import { EmailLink, Muted, Paragraph, renderEmail } from '../web/components/email.tsx';

/** The welcome email's HTML part: confirmed, what Trellis does, where to begin. */
export function renderWelcomeHtml(parts: {
  readonly confirmed: string;
  readonly what: string;
  readonly stop: string;
  /** Absolute URL and text of each next step. */
  readonly nextSteps: readonly (readonly [url: string, label: string])[];
}): string {
  return renderEmail({
    title: 'Welcome to Trellis',
    preheader: parts.confirmed,
    heading: 'Welcome to Trellis',
    children: (
      <>
        <Paragraph>{parts.confirmed}</Paragraph>
        <Paragraph>{parts.what}</Paragraph>
        <Paragraph style="margin:0 0 8px;">Where to begin:</Paragraph>
        <ul style="margin:0 0 16px;padding-left:20px;">
          {parts.nextSteps.map(([url, label]) => (
            <li>
              <EmailLink href={url}>{label}</EmailLink>
            </li>
          ))}
        </ul>
        <Muted margin="0">{parts.stop}</Muted>
      </>
    ),
  });
}
