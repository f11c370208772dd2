import type {
  DigestCallItem,
  DigestChange,
  DigestContactDue,
  DigestEventItem,
  DigestModel,
  DigestOrganizationItem,
  DigestPersonItem,
  DigestSection,
} from './digest-model.ts';
import { formatDay, formatEventStart, formatEventTime, formatWindow, yearOf } from './format-event-time.ts';
import { plainLine } from './plain-line.ts';
import { seriesTimeText } from './series-time.ts';
import { whySentence } from './why-sentence.ts';
import { knownTimeZone } from './zoned-date-parts.ts';

/**
 * The words of a digest, shared by the HTML and the text part so both say the same. Every string
 * returned is plain text: feed values are made single-line here and escaped by the HTML renderer.
 */

export const CHANGES_TITLE = 'Changed since last week';
export const CONTACTS_TITLE = 'Due to reconnect';
export const CALLS_TITLE = 'Calls for speakers closing soon';
export const PEOPLE_TITLE = 'People worth meeting';
export const ORGANIZATIONS_TITLE = 'Organizations worth joining';

export const digestPeople = (model: DigestModel) => model.people ?? [];
export const digestOrganizations = (model: DigestModel) => model.organizations ?? [];

/** "Dr. Lena Hoffmann" */
export function personText(person: DigestPersonItem): string {
  return plainLine(person.name) || 'Someone';
}

/** "Speaks at 2 Leadership events you match: …. Next: Platform Day, Tue 8 Dec, 19:00 CET." */
export function personWhyText(person: DigestPersonItem, model: DigestModel): string {
  const why = plainLine(person.why);
  const next = person.nextEvent;
  if (!next) return why;
  const when = formatEventStart(next.start, next.allDay, model.recipient.timeZone, options(model));
  return `${why} Next: ${titleText(next.title)}, ${when}.`;
}

/** "CNCF Berlin (Peer group)" */
export function organizationText(organization: DigestOrganizationItem): string {
  const name = plainLine(organization.name) || 'An organization';
  const kind = plainLine(organization.kind);
  return kind ? `${name} (${kind})` : name;
}

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
    model.callsClosing.length === 0 &&
    (model.people ?? []).length === 0 &&
    (model.organizations ?? []).length === 0
  );
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Mon 2 – Sun 8 Dec" */
export function weekText(model: DigestModel): string {
  return formatWindow(model.windowFrom, model.windowTo, model.recipient.timeZone);
}

const DAY_MS = 86_400_000;
const SPAN_WORDS = ['', 'one', 'two', 'three', 'four'];

/** How many weeks the window covers, in words, when it is whole weeks: "two weeks"; else "10 days". */
function spanNoun(model: DigestModel): string {
  const days = Math.round((Date.parse(model.windowTo) - Date.parse(model.windowFrom)) / DAY_MS);
  if (!(days > 7)) return 'week';
  const weeks = days / 7;
  return Number.isInteger(weeks) && SPAN_WORDS[weeks] ? `${SPAN_WORDS[weeks]} weeks` : `${days} days`;
}

/** What the digest covers: "this week", or above seven days "the next two weeks". */
export function coverageText(model: DigestModel): string {
  const noun = spanNoun(model);
  return noun === 'week' ? 'this week' : `the next ${noun}`;
}

export function headingText(model: DigestModel): string {
  const noun = spanNoun(model);
  if (isQuietWeek(model)) return `A quiet ${noun}, ${weekText(model)}`;
  return noun === 'week' ? `Your week, ${weekText(model)}` : `Your next ${noun}, ${weekText(model)}`;
}

const HONORIFICS = new Set(['dr', 'prof', 'mr', 'mrs', 'ms', 'mx', 'sir', 'dame']);

/** "Ada Lovelace" → "Ada"; "Dr. Grace Hopper" → "Grace"; a single word as it is. */
export function firstName(name: string | null): string {
  const words = (name === null ? '' : plainLine(name)).split(' ').filter((word) => word !== '');
  const significant = words.filter((word) => !HONORIFICS.has(word.toLowerCase().replace(/\.$/, '')));
  return significant[0] ?? words[0] ?? '';
}

export function greetingText(model: DigestModel): string {
  const name = firstName(model.recipient.name);
  return name ? `Hi ${name},` : 'Hi,';
}

export function introText(model: DigestModel): string {
  const count = digestEvents(model).length;
  const span = coverageText(model);
  const spanPhrase = span === 'this week' ? span : `in ${span}`;
  if (count > 0)
    return `${plural(count, 'event', 'events')} ${spanPhrase} ${count === 1 ? 'fits' : 'fit'} your interests.`;
  if (!isQuietWeek(model)) return `No new events matched your interests ${spanPhrase}.`;
  return `Nothing new matched your interests ${spanPhrase}, and nothing you saw before has changed. More topics, keywords or places in your preferences widen the net.`;
}

export function zoneText(model: DigestModel): string {
  return `Times are in your time zone, ${knownTimeZone(model.recipient.timeZone)}.`;
}

/** When: one event's time, or a series' dates on one line ("Wednesdays: 9, 16 Dec, 19:00–21:00 CET"). */
export function eventTimeText(item: DigestEventItem, model: DigestModel): string {
  if (item.laterOccurrences.length === 0)
    return formatEventTime(item, model.recipient.timeZone, options(model));
  return seriesTimeText([item, ...item.laterOccurrences], model.recipient.timeZone, options(model));
}

/** The one-line blurb from the description, or null. */
export function blurbText(item: DigestEventItem): string | null {
  const blurb = item.blurb === null ? '' : plainLine(item.blurb);
  return blurb || null;
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

/** Why it is here, as a sentence: "You follow Kubernetes, and it is in Berlin." */
export function reasonsText(item: Pick<DigestEventItem, 'reasons'>): string | null {
  return whySentence(item.reasons);
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
