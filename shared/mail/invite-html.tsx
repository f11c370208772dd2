import type { ComponentChildren } from 'preact';
import { EmailLink, Muted, Paragraph, renderEmail } from '../web/components/email.tsx';
import { COLOR, LAYOUT_TABLE } from '../web/email-style.ts';

/** What the HTML part of an invitation shows: the event's facts beside the calendar part. */
export interface InviteHtmlModel {
  /** Why this invitation came (saved, changed, cancelled, removed). */
  readonly intro: string;
  readonly title: string;
  readonly cancelled: boolean;
  readonly when: string;
  readonly where: string | null;
  /** The event's page; a link only when http(s). */
  readonly url: string | null;
}

function Fact(props: { readonly label: string; readonly children: ComponentChildren }) {
  return (
    <tr>
      <td style={`padding:2px 12px 2px 0;color:${COLOR.muted};vertical-align:top;`} class="tr-muted">
        {props.label}
      </td>
      <td style="padding:2px 0;">{props.children}</td>
    </tr>
  );
}

/** The invitation's HTML part. Titles and places come from feeds: text to the renderer, escaped. */
export function renderInviteHtml(model: InviteHtmlModel): string {
  return renderEmail({
    title: model.title,
    preheader: model.intro,
    heading: model.cancelled ? <s>{model.title}</s> : model.title,
    children: (
      <>
        <Paragraph>{model.intro}</Paragraph>
        <table {...LAYOUT_TABLE} style="border-collapse:collapse;width:auto;">
          <Fact label="When">{model.when}</Fact>
          {model.where ? <Fact label="Where">{model.where}</Fact> : null}
          {model.url ? (
            <Fact label="Details">
              <EmailLink href={model.url}>{model.url}</EmailLink>
            </Fact>
          ) : null}
        </table>
        <Muted margin="16px 0 0">— Trellis</Muted>
      </>
    ),
  });
}
