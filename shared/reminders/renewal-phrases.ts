import { formatDay, yearOf } from '../digest/format-event-time.ts';
import { plainLine } from '../digest/plain-line.ts';
import type { ReminderModel, ReminderRenewal } from './reminder-model.ts';

/*
 * The words of the membership renewals in the daily reminder mail, shared by the HTML and the text
 * part. Plain text: the organization is made single-line here and escaped by the HTML renderer.
 */

export const RENEWALS_TITLE = 'Memberships renewing soon';

export const shownRenewals = (model: ReminderModel): readonly ReminderRenewal[] => model.renewals ?? [];

function organizationText(renewal: ReminderRenewal): string {
  return plainLine(renewal.organization) || 'An organization';
}

/** "Your membership of CNCF Berlin renews on Tue 8 Dec." in the reader's calendar. */
export function renewalLineText(renewal: ReminderRenewal, model: ReminderModel): string {
  const referenceYear = yearOf(model.today, model.recipient.timeZone);
  const day = formatDay(
    renewal.renewsOn,
    model.recipient.timeZone,
    referenceYear === undefined ? {} : { referenceYear },
  );
  return `Your membership of ${organizationText(renewal)} renews on ${day}.`;
}

/** Subject, heading and preview of a mail with renewals and no contact due; null when a contact is due. */
export function renewalOnlyText(model: ReminderModel): string | null {
  const renewals = shownRenewals(model);
  const [only] = renewals;
  if (model.contacts.length > 0 || !only) return null;
  return renewals.length === 1
    ? `Your membership of ${organizationText(only)} renews soon`
    : `${renewals.length} memberships renew soon`;
}

/** The preview line of a mail with renewals and no contact due; null when a contact is due. */
export function renewalIntroText(model: ReminderModel): string | null {
  const renewals = shownRenewals(model);
  const [only] = renewals;
  if (model.contacts.length > 0 || !only) return null;
  return renewals.length === 1
    ? renewalLineText(only, model)
    : `${renewals.length} of your memberships renew in the next 30 days.`;
}

export const renewalFooterText =
  'Remove the renewal date on the organizations page to stop renewal reminders.';
