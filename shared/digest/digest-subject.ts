import type { DigestChange, DigestModel } from './digest-model.ts';
import {
  contactText,
  coverageText,
  digestEvents,
  isQuietWeek,
  plural,
  titleText,
  weekText,
} from './digest-phrases.ts';
import { truncateAtWord } from './truncate-at-word.ts';

/** Inbox lists cut subjects around here; past it a subject says less, not more. */
export const MAX_SUBJECT_LENGTH = 90;

/**
 * A subject that says what is inside: "8 events this week: Kubernetes Berlin Meetup, Platform
 * Engineering Day and 6 more"; without events, the changes and contacts due; in a week with
 * nothing, a quiet-week note. Always one line of at most MAX_SUBJECT_LENGTH characters, the most
 * specific wording that fits first, a title cut at a word boundary as the last resort.
 */
export function digestSubject(model: DigestModel): string {
  const events = digestEvents(model);
  if (events.length > 0)
    return eventsSubject(
      events.map((event) => titleText(event.title)),
      coverageText(model),
    );
  if (isQuietWeek(model))
    return fitted([`Quiet week (${weekText(model)}): nothing new matched your interests`]);
  return updatesSubject(model);
}

function eventsSubject(titles: readonly string[], span: string): string {
  const [first = '', second = ''] = titles;
  const prefix = `${plural(titles.length, 'event', 'events')} ${span === 'this week' ? span : `in ${span}`}: `;
  const others = (shown: number) => ` and ${titles.length - shown} more`;
  if (titles.length === 1) return prefix + truncateAtWord(first, MAX_SUBJECT_LENGTH - length(prefix));
  const both = titles.length === 2 ? `${first} and ${second}` : `${first}, ${second}${others(2)}`;
  const candidates = [prefix + both, `${prefix}${first}${others(1)}`];
  const firstRoom = MAX_SUBJECT_LENGTH - length(prefix) - length(others(1));
  return fitted([...candidates, `${prefix}${truncateAtWord(first, firstRoom)}${others(1)}`]);
}

function updatesSubject(model: DigestModel): string {
  const { changes, contactsDue, callsClosing } = model;
  const [onlyChange] = changes;
  const [onlyContact] = contactsDue;
  const countedChanges =
    changes.length > 0 ? `${plural(changes.length, 'event', 'events')} you saw changed` : null;
  const countedContacts =
    contactsDue.length > 0
      ? `${plural(contactsDue.length, 'contact', 'contacts')} due for a reconnect`
      : null;
  const namedChange = changes.length === 1 && onlyChange ? changeSentence(onlyChange) : countedChanges;
  const namedContact =
    contactsDue.length === 1 && onlyContact
      ? `${contactText(onlyContact)} is due for a reconnect`
      : countedContacts;
  const [onlyCall] = callsClosing;
  const countedCalls =
    callsClosing.length > 0 ? `${plural(callsClosing.length, 'deadline', 'deadlines')} closing soon` : null;
  const namedCall =
    callsClosing.length === 1 && onlyCall
      ? `${onlyCall.kind === 'call-for-speakers' ? 'the call for speakers' : 'registration'} for ${titleText(onlyCall.title)} closes soon`
      : countedCalls;
  const people = model.people ?? [];
  const organizations = model.organizations ?? [];
  const suggested =
    people.length > 0
      ? `${plural(people.length, 'person', 'people')} worth meeting`
      : organizations.length > 0
        ? `${plural(organizations.length, 'organization', 'organizations')} worth joining`
        : null;
  const sentence = (parts: readonly (string | null)[]) =>
    `This week: ${parts.filter((part) => part !== null).join('; ')}`;
  return fitted([
    sentence([namedChange, namedContact, namedCall, suggested]),
    sentence([countedChanges, countedContacts, countedCalls, suggested]),
  ]);
}

function changeSentence(change: DigestChange): string {
  const title = titleText(change.title);
  if (change.change === 'moved') return `${title} has moved`;
  return change.change === 'cancelled' ? `${title} is cancelled` : `${title} is no longer listed`;
}

/** The first candidate that fits, or the last one cut at a word boundary. */
function fitted(candidates: readonly string[]): string {
  const fitting = candidates.find((candidate) => length(candidate) <= MAX_SUBJECT_LENGTH);
  return fitting ?? truncateAtWord(candidates[candidates.length - 1] ?? '', MAX_SUBJECT_LENGTH);
}

function length(text: string): number {
  return Array.from(text).length;
}
