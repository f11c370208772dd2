import type { InviteMethod } from '../store/saved-event-store.ts';
import {
  type ComposedMessage,
  composeMessage,
  type MailAddress,
  type MailIdentity,
} from './compose-message.ts';
import { renderInviteHtml } from './invite-html.tsx';

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
    html: renderInviteHtml({
      intro: intro[model.kind],
      title: model.title,
      cancelled: model.kind === 'cancel',
      when: model.when,
      where: model.where,
      url: model.url,
    }),
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
