import type { ComponentChildren } from 'preact';
import { COLOR, DARK_MODE_CSS, FONT, LAYOUT_TABLE } from '../email-style.ts';
import { FeedLink } from './feed-link.tsx';
import { renderDocument, trustedHtml } from './render.ts';

/*
 * The parts every email is made of (see email-style.ts for why tables and inline styles). Text goes in
 * as children and is escaped by the renderer; links from outside go through FeedLink (http(s) only).
 */

// Outlook's Word engine ignores max-width: it gets a fixed 600px table, in comments only it reads.
const MSO_OPEN =
  '<!--[if mso]><table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->';
const MSO_CLOSE = '<!--[if mso]></td></tr></table><![endif]-->';

export interface EmailDocumentProps {
  /** The document's `<title>` (the subject). */
  readonly title: string;
  /** The hidden inbox preview line. */
  readonly preheader: string;
  /** The card's `<h1>`. */
  readonly heading: ComponentChildren;
  readonly children: ComponentChildren;
}

/** The whole email: head with the dark-mode style, the hidden preheader, the one-column card and its heading. */
export function EmailDocument(props: EmailDocumentProps) {
  return (
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="x-apple-disable-message-reformatting" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{props.title}</title>
        <style>{trustedHtml(DARK_MODE_CSS)}</style>
      </head>
      <body class="tr-page" style={`margin:0;padding:0;background:${COLOR.page};`}>
        <div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;">
          {props.preheader}
        </div>
        <table {...LAYOUT_TABLE} class="tr-page" style={`background:${COLOR.page};`}>
          <tr>
            <td align="center" style="padding:16px 8px;">
              {trustedHtml(MSO_OPEN)}
              <table
                {...LAYOUT_TABLE}
                style="max-width:600px;width:100%;table-layout:fixed;border-collapse:collapse;"
              >
                <tr>
                  <td
                    class="tr-card"
                    style={`padding:24px 20px;background:${COLOR.card};color:${COLOR.text};font-family:${FONT};font-size:16px;line-height:1.5;word-break:break-word;overflow-wrap:anywhere;`}
                  >
                    <h1
                      class="tr-text"
                      style={`margin:0 0 12px;font-size:22px;line-height:1.3;font-weight:700;color:${COLOR.text};`}
                    >
                      {props.heading}
                    </h1>
                    {props.children}
                  </td>
                </tr>
              </table>
              {trustedHtml(MSO_CLOSE)}
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
}

/** An email as the HTML part of a message. */
export function renderEmail(props: EmailDocumentProps): string {
  return renderDocument(<EmailDocument {...props} />);
}

/** A link when the URL is http(s), else the text alone; `label` names the target for screen readers. */
export function EmailLink(props: {
  readonly href: string | null;
  readonly label?: string;
  readonly children: ComponentChildren;
}) {
  return (
    <FeedLink
      href={props.href}
      class="tr-link"
      style={`color:${COLOR.link};text-decoration:underline;`}
      aria-label={props.label}
    >
      {props.children}
    </FeedLink>
  );
}

export function Paragraph(props: { readonly style?: string; readonly children: ComponentChildren }) {
  return <p style={props.style ?? 'margin:0 0 16px;'}>{props.children}</p>;
}

export function Muted(props: { readonly margin?: string; readonly children: ComponentChildren }) {
  return (
    <p class="tr-muted" style={`margin:${props.margin ?? '4px 0 0'};font-size:14px;color:${COLOR.muted};`}>
      {props.children}
    </p>
  );
}

export function Heading2(props: { readonly margin: string; readonly children: ComponentChildren }) {
  return (
    <h2
      class="tr-text"
      style={`margin:${props.margin};font-size:19px;line-height:1.3;font-weight:700;color:${COLOR.text};`}
    >
      {props.children}
    </h2>
  );
}

export function Heading3(props: {
  readonly margin?: string;
  readonly size?: number;
  readonly children: ComponentChildren;
}) {
  return (
    <h3
      class="tr-text"
      style={`margin:${props.margin ?? '0 0 4px'};font-size:${props.size ?? 17}px;line-height:1.35;font-weight:600;color:${COLOR.text};`}
    >
      {props.children}
    </h3>
  );
}

export function Alert(props: { readonly children: ComponentChildren }) {
  return (
    <strong class="tr-alert" style={`color:${COLOR.alert};`}>
      {props.children}
    </strong>
  );
}

/** Entries one under another, each under a thin rule. */
export function RuledRows(props: {
  readonly padding?: string;
  readonly children: readonly ComponentChildren[];
}) {
  return (
    <table {...LAYOUT_TABLE} style="table-layout:fixed;border-collapse:collapse;">
      {props.children.map((row) => (
        <tr>
          <td
            class="tr-rule"
            style={`padding:${props.padding ?? '12px 0'};border-top:1px solid ${COLOR.rule};`}
          >
            {row}
          </td>
        </tr>
      ))}
    </table>
  );
}

/** The small print under a rule: why this mail came, and the links to change that. */
export function EmailFooter(props: { readonly marginTop: string; readonly children: ComponentChildren }) {
  return (
    <table {...LAYOUT_TABLE} style={`margin-top:${props.marginTop};border-collapse:collapse;`}>
      <tr>
        <td
          class="tr-rule tr-muted"
          style={`padding-top:16px;border-top:1px solid ${COLOR.rule};color:${COLOR.muted};font-size:13px;line-height:1.5;`}
        >
          {props.children}
        </td>
      </tr>
    </table>
  );
}
