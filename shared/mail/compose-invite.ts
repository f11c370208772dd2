import type { InviteMethod } from '../store/saved-event-store.ts';
import { escapeHtml, safeHref } from '../web/escape-html.ts';
import {
  type ComposedMessage,
  composeMessage,
  type MailAddress,
  type MailIdentity,
} from './compose-message.ts';

/** Why the invitation goes out: saved, changed or cancelled by the organizer, or removed by the user. */
export type InviteKind = 'new' | 'update' | 'cancel' | 'removed';

export interface InviteMessageModel {
  readonly kind: InviteKind;
  readonly method: InviteMethod;
  readonly recipient: MailAddress;
  readonly title: string;
  /** In the recipient's zone: "Tue 3 Dec, 19:00–21:00 CET". */
  readonly when: string;
  readonly where: string | null;
  readonly url: string | null;
  /** The iTIP calendar object (renderInvite). */
  readonly ics: string;
  /** The previous invitation for this event, so clients thread the update under it. */
  readonly previousMessageId: string | null;
}

const subjectPrefix = {
  new: 'Invitation',
  update: 'Updated invitation',
  cancel: 'Cancelled',
  removed: 'Removed from your calendar',
} as const;

const intro = {
  new: 'You saved this event in Trellis. Here is the invitation for your calendar; if the organizer changes it, an update follows.',
  update: 'The organizer changed this event. Your calendar entry is updated with this message.',
  cancel:
    'The organizer cancelled this event (or withdrew it from their listing). This message removes it from your calendar.',
  removed:
    'You removed this event from your saved events in Trellis, so this message takes it off your calendar. Only your copy goes: the organizer is not told.',
} as const;

function bodyLines(model: InviteMessageModel): [string, string][] {
  return [
    ['When', model.when],
    ...(model.where ? ([['Where', model.where]] as [string, string][]) : []),
    ...(model.url ? ([['Details', model.url]] as [string, string][]) : []),
  ];
}

function renderInviteText(model: InviteMessageModel): string {
  return [
    intro[model.kind],
    '',
    model.title,
    ...bodyLines(model).map(([label, value]) => `${label}: ${value}`),
    '',
    '— Trellis',
    '',
  ].join('\n');
}

function renderInviteHtml(model: InviteMessageModel): string {
  const rows = bodyLines(model)
    .map(([label, value]) => {
      const href = label === 'Details' ? safeHref(value) : null;
      const shown = href
        ? `<a href="${escapeHtml(href)}" style="color:#0b5cad">${escapeHtml(value)}</a>`
        : escapeHtml(value);
      return `<tr><td style="padding:2px 12px 2px 0;color:#555;vertical-align:top">${label}</td><td style="padding:2px 0">${shown}</td></tr>`;
    })
    .join('');
  const title = model.kind === 'cancel' ? `<s>${escapeHtml(model.title)}</s>` : escapeHtml(model.title);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><title>${escapeHtml(model.title)}</title></head><body style="margin:0;padding:16px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5"><p style="margin:0 0 12px">${escapeHtml(intro[model.kind])}</p><h1 style="font-size:20px;margin:0 0 8px">${title}</h1><table role="presentation" style="border-collapse:collapse">${rows}</table><p style="margin:16px 0 0;color:#555;font-size:14px">— Trellis</p></body></html>`;
}

/**
 * An invitation as email: text and HTML, then the iTIP object as a `text/calendar; method=…` part
 * (Outlook shows Accept/Decline only when the part's method matches the METHOD inside), and the same
 * object as an `invite.ics` attachment for clients that only look at attachments.
 */
export async function composeInviteMessage(
  model: InviteMessageModel,
  identity: MailIdentity,
  now: Date,
): Promise<ComposedMessage> {
  return composeMessage({
    to: model.recipient,
    subject: `${subjectPrefix[model.kind]}: ${model.title} · ${model.when}`,
    text: renderInviteText(model),
    html: renderInviteHtml(model),
    alternatives: [
      { contentType: `text/calendar; charset=utf-8; method=${model.method}`, content: model.ics },
    ],
    attachments: [
      { filename: 'invite.ics', contentType: `application/ics; method=${model.method}`, content: model.ics },
    ],
    headers: { 'Auto-Submitted': 'auto-generated' },
    ...(model.previousMessageId
      ? { inReplyTo: model.previousMessageId, references: [model.previousMessageId] }
      : {}),
    identity,
    now,
  });
}
