import type { Relationship } from '../contacts/contact.ts';

/** An upcoming event that fits both the reader and the contact ("Ana might like this too"). */
export interface ReminderSuggestion {
  readonly title: string;
  /** As stored: UTC instant `YYYY-MM-DDTHH:mm:ssZ`, or `YYYY-MM-DD` for all-day. */
  readonly start: string;
  readonly end: string | null;
  readonly allDay: boolean;
  readonly url: string | null;
  /** Why it fits both: "kubernetes", "CNCF Berlin". */
  readonly reason: string;
  /** When the event names the contact: where to meet them ("Dr X speaks at Platform Day on Tue 8 Dec"). */
  readonly meet?: string;
}

export interface ReminderContactItem {
  readonly contactId: string;
  readonly name: string;
  readonly relationship: Relationship;
  readonly organization: string | null;
  /** Local dates `YYYY-MM-DD`. */
  readonly lastContactedOn: string | null;
  readonly dueOn: string;
  /** Days since the last contact (or since the contact was added, when never). */
  readonly daysSinceContact: number;
  readonly neverContacted: boolean;
  readonly overdueDays: number;
  /** "every 6 weeks" */
  readonly cadenceText: string;
  readonly notes: string;
  /** At most three. */
  readonly suggestions: readonly ReminderSuggestion[];
  /** Signed one-use links (30 days) that open a confirmation page; only its POST changes anything. */
  readonly links: {
    readonly talkedUrl: string;
    readonly snoozeUrl: string;
    readonly cadenceUrl: string;
  };
}

/** A membership renewing within 30 days: one line "Your membership of X renews on …". */
export interface ReminderRenewal {
  readonly organization: string;
  /** The reader's local date `YYYY-MM-DD`. */
  readonly renewsOn: string;
}

/** One reconnect reminder email: every contact due today, most overdue first. */
export interface ReminderModel {
  readonly recipient: { readonly email: string; readonly name: string | null; readonly timeZone: string };
  /** The reader's local date the reminder is for. */
  readonly today: string;
  readonly contacts: readonly ReminderContactItem[];
  /** Memberships renewing soon (absent: none). */
  readonly renewals?: readonly ReminderRenewal[];
  readonly links: {
    /** Where to manage contacts (the web pages of a later issue; the overview page until then). */
    readonly contactsUrl: string;
  };
}
