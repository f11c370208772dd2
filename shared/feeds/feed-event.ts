/** What every feed format is normalized into: one occurrence of an event, as the rest of Trellis sees it. */

export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

export type FeedFormat = 'icalendar' | 'rss' | 'atom' | 'json-feed' | 'json-ld' | 'conference-data';

/** How an event names a person: as its organizer, a speaker (performer), a chair, or the entry's author. */
export type PersonRole = 'organizer' | 'speaker' | 'chair' | 'author';

export interface EventPerson {
  /** As the feed first spelled it. */
  readonly name: string;
  /** personKey(name): the same person from two feeds has one key. */
  readonly key: string;
  readonly role: PersonRole;
  /** `field`: a structured field named them; `text`: read from the description by a labelled line ("Speaker: …"). */
  readonly from: 'field' | 'text';
}

/** An open call for speakers (papers, talks): where to apply and the last day to do so, as the feed gives them. */
export interface CallForSpeakers {
  readonly url: string | null;
  /** The last day of the call, `YYYY-MM-DD` in the event's own terms; null when the feed gives none. */
  readonly closesOn: string | null;
}

/** Structured place, as far as the feed lets us know it. */
export interface EventPlace {
  readonly name: string | null;
  readonly address: string | null;
  readonly city: string | null;
  readonly country: string | null;
}

export interface NormalizedEvent {
  /** Stable within its feed: the same feed entry (and occurrence) gets the same id on every parse. */
  readonly id: string;
  /** The feed's own identifier for the entry (UID, guid, id, @id, or its URL), if it has one. */
  readonly uid: string | null;
  /** For an occurrence of a recurring series: its original start (UTC ISO instant, or YYYY-MM-DD). */
  readonly recurrenceId: string | null;
  readonly title: string;
  /** Plain text: HTML stripped, entities decoded, whitespace tidied. */
  readonly description: string;
  /** `YYYY-MM-DDTHH:mm:ssZ` (UTC) for timed events, `YYYY-MM-DD` for all-day ones. */
  readonly start: string;
  /** Same shape as `start`; exclusive end; null when the feed gives none. */
  readonly end: string | null;
  readonly allDay: boolean;
  /** IANA zone the event was published in (null for all-day, floating or offset-only times). */
  readonly timeZone: string | null;
  readonly status: EventStatus;
  readonly online: boolean;
  readonly joinUrl: string | null;
  /** One display line for the location ("Venue, Street 1, Berlin, Germany"), or null. */
  readonly location: string | null;
  readonly place: EventPlace | null;
  readonly organizer: string | null;
  readonly url: string | null;
  /** The feed's own categories, as written (trimmed, deduplicated). */
  readonly categories: readonly string[];
  /** Topic tags: curated vocabulary ids found in the text, plus source default tags and feed categories, slugged. */
  readonly tags: readonly string[];
  /** The event's call for speakers, when its feed has one (the conference data set does); else null. */
  readonly callForSpeakers: CallForSpeakers | null;
  /**
   * The last day to register or apply (a mentorship programme's applications, an event's tickets),
   * when the feed gives one (schema.org `offers.validThrough`); else null. Same shape as a call.
   */
  readonly registrationDeadline: CallForSpeakers | null;
  /** People the event names (see EventPerson); empty when it names none. */
  readonly people: readonly EventPerson[];
}

/** A problem with one entry (or a non-fatal problem with the feed); the rest of the feed still counts. */
export interface FeedProblem {
  /** Which entry: its UID/guid/id, or `#<index>` when it has none, or null for the feed as a whole. */
  readonly entry: string | null;
  readonly message: string;
  /**
   * `error` (the default when absent): something that may be an event could not be read, so it may be
   * missing from `events`. `warning`: nothing readable was lost (a field was ignored, an entry that
   * is not an event was skipped). Ingest trusts a feed's omissions (marks vanished events removed)
   * only when it has no errors.
   */
  readonly severity?: 'error' | 'warning';
}

/** True when a problem may hide an event (see FeedProblem.severity). */
export const mayHideEvents = (problem: FeedProblem) => problem.severity !== 'warning';

export interface ParsedFeed {
  readonly format: FeedFormat;
  readonly title: string | null;
  readonly events: NormalizedEvent[];
  readonly problems: FeedProblem[];
}

/** Recurring series are expanded to the occurrences that start in [from, to). */
export interface ExpansionWindow {
  readonly fromMs: number;
  readonly toMs: number;
}
