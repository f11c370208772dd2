import type { Relationship } from '../contacts/contact.ts';
import { formatDay, formatEventTime, yearOf } from '../digest/format-event-time.ts';
import { plainLine } from '../digest/plain-line.ts';
import { truncateAtWord } from '../digest/truncate-at-word.ts';
import { knownTimeZone } from '../digest/zoned-date-parts.ts';
import type { ReminderContactItem, ReminderModel, ReminderSuggestion } from './reminder-model.ts';
import { renewalFooterText, renewalIntroText, renewalOnlyText, shownRenewals } from './renewal-phrases.ts';

/**
 * The words of a reconnect reminder, shared by the HTML and the text part so both say the same.
 * Every string returned is plain text: contact and feed values are made single-line here and
 * escaped by the HTML renderer.
 */

/** Inbox lists cut subjects around here; past it a subject says less, not more. */
export const MAX_SUBJECT_LENGTH = 90;
/** The model promises at most three; a longer list is cut rather than trusted. */
export const MAX_SUGGESTIONS = 3;

export const TALKED_TEXT = 'We talked';
export const SNOOZE_TEXT = 'Snooze a week';
export const CADENCE_TEXT = 'Change cadence';
export const NOTES_TITLE = 'Notes';
export const CONTACTS_LINK_TEXT = 'Manage your contacts';

/** A name of control characters only, which validation should have refused. */
const UNNAMED = 'Unnamed contact';

const RELATIONSHIP_NAMES: Record<Relationship, string> = {
  mentor: 'Mentor',
  mentee: 'Mentee',
  peer: 'Peer',
  sponsor: 'Sponsor',
  'potential-mentor': 'Potential mentor',
  other: 'Contact',
};

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Ana Kovač" */
export function contactNameText(contact: ReminderContactItem): string {
  return plainLine(contact.name) || UNNAMED;
}

/**
 * What the mail calls a contact after introducing them: the first word of the name ("Ana"), or the
 * whole name when the first word is a title or initial ("Dr.") or another contact due today starts
 * the same way (two Anas stay told apart in the subject and in screen readers' link labels).
 */
export function shortNameText(contact: ReminderContactItem, model: ReminderModel): string {
  const name = contactNameText(contact);
  const first = firstWord(name);
  if (name === UNNAMED || first === name || first.endsWith('.')) return name;
  const shared = model.contacts.some(
    (other) =>
      contactNameText(other) !== name &&
      firstWord(contactNameText(other)).toLocaleLowerCase() === first.toLocaleLowerCase(),
  );
  return shared ? name : first;
}

/**
 * A subject that says what is inside: "Time to reconnect with Ana Kovač", "Time to reconnect: Ana
 * and Ravi", "Time to reconnect: Ana, Ravi and 2 more" (most overdue first, as in the model). One
 * line of at most MAX_SUBJECT_LENGTH characters; a name is cut at a word boundary as a last resort.
 */
export function reminderSubject(model: ReminderModel): string {
  const names = model.contacts.map((contact) => shortNameText(contact, model));
  const [only] = model.contacts;
  if (names.length === 0) return renewalOnlyText(model) ?? 'Time to reconnect';
  if (names.length === 1 && only) {
    const prefix = 'Time to reconnect with ';
    return prefix + truncateAtWord(contactNameText(only), MAX_SUBJECT_LENGTH - length(prefix));
  }
  const prefix = 'Time to reconnect: ';
  const [first = '', second = '', third = ''] = names;
  const more = (shown: number) => ` and ${names.length - shown} more`;
  const candidates: string[] = [];
  if (names.length === 2) candidates.push(`${prefix}${first} and ${second}`);
  if (names.length === 3) candidates.push(`${prefix}${first}, ${second} and ${third}`);
  if (names.length > 3) candidates.push(`${prefix}${first}, ${second}${more(2)}`);
  candidates.push(`${prefix}${first}${more(1)}`);
  const fitting = candidates.find((candidate) => length(candidate) <= MAX_SUBJECT_LENGTH);
  if (fitting) return fitting;
  const room = MAX_SUBJECT_LENGTH - length(prefix) - length(more(1));
  return `${prefix}${truncateAtWord(first, room)}${more(1)}`;
}

/** "Time to reconnect with Ana Kovač", "Time to reconnect with 3 people" */
export function headingText(model: ReminderModel): string {
  const [only] = model.contacts;
  if (model.contacts.length === 1 && only) return `Time to reconnect with ${contactNameText(only)}`;
  if (model.contacts.length === 0) return renewalOnlyText(model) ?? 'Time to reconnect';
  return `Time to reconnect with ${model.contacts.length} people`;
}

export function greetingText(model: ReminderModel): string {
  const name = model.recipient.name === null ? '' : plainLine(model.recipient.name);
  return name ? `Hi ${name},` : 'Hi,';
}

/** Also the inbox preview line. */
export function introText(model: ReminderModel): string {
  const [only] = model.contacts;
  if (model.contacts.length === 1 && only) return `${contactNameText(only)} is due for a conversation.`;
  if (model.contacts.length === 0)
    return renewalIntroText(model) ?? 'Nobody is due for a conversation today.';
  return `${model.contacts.length} people are due for a conversation, most overdue first.`;
}

/** Said once, and only when some event time is shown. */
export function zoneText(model: ReminderModel): string | null {
  const anyEvent = model.contacts.some((contact) => shownSuggestions(contact).length > 0);
  return anyEvent ? `Times are in your time zone, ${knownTimeZone(model.recipient.timeZone)}.` : null;
}

/** "Mentor · CNCF Berlin", "Peer" */
export function relationshipText(contact: ReminderContactItem): string {
  const organization = contact.organization === null ? '' : plainLine(contact.organization);
  const relationship = RELATIONSHIP_NAMES[contact.relationship] ?? 'Contact';
  return organization ? `${relationship} · ${organization}` : relationship;
}

/**
 * "6 weeks since you last talked on Thu 17 Oct, overdue by 4 days.", "3 weeks since you added Ana
 * (you have not logged a talk yet)."
 */
export function sinceText(contact: ReminderContactItem, model: ReminderModel): string {
  const days = Math.max(0, contact.daysSinceContact);
  const overdue = contact.overdueDays > 0 ? `, overdue by ${durationText(contact.overdueDays)}` : '';
  if (contact.neverContacted) {
    const name = shortNameText(contact, model);
    const since = days === 0 ? `You added ${name} today` : `${durationText(days)} since you added ${name}`;
    return `${since} (you have not logged a talk yet)${overdue}.`;
  }
  const on = contact.lastContactedOn === null ? '' : ` on ${dayText(contact.lastContactedOn, model)}`;
  const since = days === 0 ? 'You last talked today' : `${durationText(days)} since you last talked${on}`;
  return `${since}${overdue}.`;
}

/**
 * A span of whole days as people say it: "1 day", "13 days", "6 weeks", "4 months", "2 years".
 * Rounded down, so it never claims more time has passed than has.
 */
export function durationText(days: number): string {
  if (days < 14) return plural(days, 'day', 'days');
  if (days < 91) return plural(Math.floor(days / 7), 'week', 'weeks');
  if (days < 730) return plural(Math.floor(days / 30.4375), 'month', 'months');
  return plural(Math.floor(days / 365.25), 'year', 'years');
}

/** "You planned to talk every 6 weeks." */
export function cadenceSentence(contact: ReminderContactItem): string | null {
  const cadence = plainLine(contact.cadenceText);
  return cadence ? `You planned to talk ${cadence}.` : null;
}

/** The notes as the person wrote them, line by line; blank lines and control characters dropped. */
export function notesLines(contact: ReminderContactItem): string[] {
  return contact.notes
    .split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/)
    .map(plainLine)
    .filter((line) => line !== '');
}

export function shownSuggestions(contact: ReminderContactItem): readonly ReminderSuggestion[] {
  return contact.suggestions.slice(0, MAX_SUGGESTIONS);
}

/** "Ana might like this too:" */
export function suggestionsTitle(contact: ReminderContactItem, model: ReminderModel): string {
  return `${shortNameText(contact, model)} might like ${shownSuggestions(contact).length === 1 ? 'this' : 'these'} too:`;
}

export function suggestionTitleText(suggestion: ReminderSuggestion): string {
  return plainLine(suggestion.title) || 'Untitled event';
}

/** "Tue 3 Dec, 19:00–21:00 CET" in the reader's zone. */
export function suggestionTimeText(suggestion: ReminderSuggestion, model: ReminderModel): string {
  return formatEventTime(suggestion, model.recipient.timeZone, timeOptions(model));
}

/** "Fits you both: kubernetes" */
export function suggestionReasonText(suggestion: ReminderSuggestion): string | null {
  if (suggestion.meet) return `Where to meet: ${plainLine(suggestion.meet)}`;
  const reason = plainLine(suggestion.reason);
  return reason ? `Fits you both: ${reason}` : null;
}

/**
 * What screen readers announce for each action: the visible words first, then the contact ("We talked
 * with Ana"), so a voice-control user who says what they see hits the link (WCAG 2.5.3 Label in Name).
 */
export function actionLabels(
  contact: ReminderContactItem,
  model: ReminderModel,
): { readonly talked: string; readonly snooze: string; readonly cadence: string } {
  const name = shortNameText(contact, model);
  return {
    talked: `We talked with ${name}`,
    snooze: `Snooze a week: the reminder about ${name}`,
    cadence: `Change cadence: how often to talk with ${name}`,
  };
}

/** Why this mail came, and why it has no unsubscribe: each contact's reminders stop on their own. */
export function footerReasonText(model: ReminderModel): string {
  return `You get this email because ${plainLine(model.recipient.email)} asked Trellis for reminders to stay in touch. Pause or remove a contact to stop reminders about them.${shownRenewals(model).length > 0 ? ` ${renewalFooterText}` : ''}`;
}

function dayText(date: string, model: ReminderModel): string {
  return formatDay(date, model.recipient.timeZone, timeOptions(model));
}

/** Dates in the reminder's own year go without the year. */
function timeOptions(model: ReminderModel): { referenceYear?: number } {
  const referenceYear = yearOf(model.today, model.recipient.timeZone);
  return referenceYear === undefined ? {} : { referenceYear };
}

function firstWord(name: string): string {
  return name.split(' ')[0] ?? name;
}

function length(text: string): number {
  return Array.from(text).length;
}
