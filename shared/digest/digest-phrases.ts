import type {
  DigestCallItem,
  DigestChange,
  DigestContactDue,
  DigestEventItem,
  DigestModel,
  DigestSection,
} from './digest-model.ts';
import { formatDay, formatEventStart, formatEventTime, formatWindow, yearOf } from './format-event-time.ts';
import { plainLine } from './plain-line.ts';
import { knownTimeZone } from './zoned-date-parts.ts';

/**
 * The words of a digest, shared by the HTML and the text part so both say the same. Every string
 * returned is plain text: feed values are made single-line here and escaped by the HTML renderer.
 */

export const CHANGES_TITLE = 'Changed since last week';
export const CONTACTS_TITLE = 'Due to reconnect';
export const CALLS_TITLE = 'Calls for speakers closing soon';

/** Sections that have something to show, in model order. */
export function shownSections(model: DigestModel): DigestSection[] {
  return model.sections.filter((section) => section.items.length > 0);
}

/** Every event once, in model order (an event listed in two sections counts once). */
export function digestEvents(model: DigestModel): DigestEventItem[] {
  const seen = new Set<string>();
  const events: DigestEventItem[] = [];
  for (const section of model.sections) {
    for (const item of section.items) {
      if (seen.has(item.eventId)) continue;
      seen.add(item.eventId);
      events.push(item);
    }
  }
  return events;
}

export function isQuietWeek(model: DigestModel): boolean {
  return (
    digestEvents(model).length === 0 &&
    model.changes.length === 0 &&
    model.contactsDue.length === 0 &&
    model.callsClosing.length === 0
  );
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Mon 2 – Sun 8 Dec" */
export function weekText(model: DigestModel): string {
  return formatWindow(model.windowFrom, model.windowTo, model.recipient.timeZone);
}

export function headingText(model: DigestModel): string {
  return isQuietWeek(model) ? `A quiet week, ${weekText(model)}` : `Your week, ${weekText(model)}`;
}

export function greetingText(model: DigestModel): string {
  const name = model.recipient.name === null ? '' : plainLine(model.recipient.name);
  return name ? `Hi ${name},` : 'Hi,';
}

export function introText(model: DigestModel): string {
  const count = digestEvents(model).length;
  if (count > 0)
    return `${plural(count, 'event', 'events')} this week ${count === 1 ? 'fits' : 'fit'} your interests.`;
  if (!isQuietWeek(model)) return 'No new events matched your interests this week.';
  return 'Nothing new matched your interests this week, and nothing you saw before has changed. More topics, keywords or places in your preferences widen the net.';
}

export function zoneText(model: DigestModel): string {
  return `Times are in your time zone, ${knownTimeZone(model.recipient.timeZone)}.`;
}

export function eventTimeText(item: DigestEventItem, model: DigestModel): string {
  return formatEventTime(item, model.recipient.timeZone, options(model));
}

/** Place, online or both, and who runs it: "c-base, Berlin · CNCF Berlin", "Online". */
export function whereText(item: DigestEventItem): string | null {
  const location = item.location === null ? '' : plainLine(item.location);
  const where =
    location && item.online ? `${location} (also online)` : location || (item.online ? 'Online' : '');
  const organization = item.organization === null ? '' : plainLine(item.organization);
  return [where, organization].filter((part) => part !== '').join(' · ') || null;
}

export function statusText(item: DigestEventItem): string | null {
  if (item.status === 'cancelled') return 'Cancelled';
  if (item.status === 'tentative') return 'Not yet confirmed';
  return null;
}

/** "Why: matches kubernetes · in Berlin" */
export function reasonsText(item: DigestEventItem): string | null {
  const reasons = item.reasons.map(plainLine).filter((reason) => reason !== '');
  return reasons.length > 0 ? `Why: ${reasons.join(' · ')}` : null;
}

export function titleText(title: string): string {
  return plainLine(title) || 'Untitled event';
}

/** "Moved: Tue 3 Dec, 19:00 CET → Thu 5 Dec, 18:00 CET", "Cancelled (was Tue 3 Dec, 19:00 CET)" */
export function changeText(change: DigestChange, model: DigestModel): string {
  const zone = model.recipient.timeZone;
  const start = formatEventStart(change.start, change.allDay, zone, options(model));
  switch (change.change) {
    case 'moved':
      return `Moved: ${formatEventStart(change.previousStart, change.allDay, zone, options(model))} → ${start}`;
    case 'cancelled':
      return `Cancelled (was ${start})`;
    case 'removed':
      return `No longer listed by its organizer (was ${start})`;
  }
}

/** "Call for speakers closes Tue 8 Dec (in 6 days)", "Registration closes today, Wed 2 Dec" */
export function callText(call: DigestCallItem, model: DigestModel): string {
  const what = call.kind === 'call-for-speakers' ? 'Call for speakers' : 'Registration';
  const day = formatDay(call.closesOn, model.recipient.timeZone, options(model));
  if (call.daysLeft <= 0) return `${what} closes today, ${day}`;
  if (call.daysLeft === 1) return `${what} closes tomorrow, ${day}`;
  return `${what} closes ${day} (in ${call.daysLeft} days)`;
}

/** "The event: Thu 14 Jan 2027" */
export function callEventText(call: DigestCallItem, model: DigestModel): string {
  return `The event: ${formatEventStart(call.eventStart, call.allDay, model.recipient.timeZone, options(model))}`;
}

/** "Grace Hopper" */
export function contactText(contact: DigestContactDue): string {
  return plainLine(contact.name) || 'A contact';
}

/** "Grace Hopper (mentor)" */
export function contactNameText(contact: DigestContactDue): string {
  const relationship = plainLine(contact.relationship);
  return relationship ? `${contactText(contact)} (${relationship})` : contactText(contact);
}

/** "Last in touch Mon 4 Nov", "No contact recorded yet" */
export function lastContactText(contact: DigestContactDue, model: DigestModel): string {
  return contact.lastContacted === null
    ? 'No contact recorded yet'
    : `Last in touch ${formatDay(contact.lastContacted, model.recipient.timeZone, options(model))}`;
}

export function footerReasonText(model: DigestModel): string {
  return `You get this email because ${plainLine(model.recipient.email)} is subscribed to the Trellis weekly digest.`;
}

function options(model: DigestModel) {
  const referenceYear = yearOf(model.windowFrom, model.recipient.timeZone);
  return referenceYear === undefined ? {} : { referenceYear };
}
