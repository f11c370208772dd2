import { CALLS_CLOSING_WITHIN_DAYS, callsClosingSoon, matchingCalls } from '../calls/calls-closing-soon.ts';
import type { Contact } from '../contacts/contact.ts';
import { localDate } from '../contacts/next-due-date.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import { addDays } from '../feeds/event-time.ts';
import type { Logger } from '../log/logger.ts';
import { MailDeferredError } from '../mail/bulk-mailer.ts';
import { composeDigestMessage, digestMessageParts, type MailIdentity } from '../mail/compose-message.ts';
import type { Mailer } from '../mail/mailer.ts';
import { sendOnce } from '../mail/send-once.ts';
import { buildEventIndex, matchEventsForUser, type PreviousDigestEntry } from '../matching/match-events.ts';
import { type DigestMessage, digestMessageSchema } from '../queue/digest-message.ts';
import type { QueueRecord } from '../queue/queue-record.ts';
import type { ContactRepository } from '../store/contact-repository.ts';
import type { EventStore } from '../store/event-store.ts';
import type { MembershipRepository } from '../store/membership-repository.ts';
import { isSaved, type SavedEventStore } from '../store/saved-event-store.ts';
import type { SendLedger } from '../store/send-ledger.ts';
import type { SuppressionList } from '../store/suppression-list.ts';
import type { UserRepository } from '../store/user-repository.ts';
import type { WindowSnapshotStore } from '../store/window-snapshot-store.ts';
import { isoWeekMonday, isoWeekText, plusDays } from '../time/calendar-date.ts';
import { receivesDigests } from '../users/digest-eligibility.ts';
import type { UserProfile } from '../users/user-profile.ts';
import { buildDigestModel, type DigestLinks, isEmptyDigest, shownEntries } from './build-digest-model.ts';
import { contactsDueThisWeek } from './contacts-due-this-week.ts';
import type { DigestModel } from './digest-model.ts';
import { digestSuggestions, type SuggestionsMemory, suggestionsDue } from './digest-suggestions.ts';
import { readDigestWindow } from './snapshot-digest-window.ts';

/** What the ledger keeps of each sent digest. */
export interface DigestLedgerDetail {
  readonly shown: readonly PreviousDigestEntry[];
  /** People and organizations suggested so far, and when each section was last looked at. */
  readonly suggestions?: SuggestionsMemory;
}

export interface DigestSendDependencies {
  readonly users: UserRepository;
  readonly events: EventStore;
  readonly ledger: SendLedger<DigestLedgerDetail>;
  readonly suppression: SuppressionList;
  readonly mailer: Mailer;
  readonly identity: MailIdentity;
  readonly links: () => Promise<Omit<DigestLinks, 'publicBaseUrl' | 'unsubscribeMailto'>>;
  readonly publicBaseUrl: string;
  readonly unsubscribeMailto: string;
  readonly windowDays: number;
  readonly logger: Logger;
  /** The readers' contacts, for "due this week" (absent: no contacts section). */
  readonly contacts?: Pick<ContactRepository, 'listForUsers'>;
  /**
   * The readers' saved events and memberships, for "People worth meeting" and "Organizations worth
   * joining"; read only for a reader whose sections are due (at most once a month). Absent: the
   * suggestions come from the window's matches alone.
   */
  readonly saved?: Pick<SavedEventStore, 'listForUser'>;
  readonly memberships?: Pick<MembershipRepository, 'listForUser'>;
  /** Where the dispatch runs keep their window snapshots; absent: the window is read from the table. */
  readonly snapshots?: WindowSnapshotStore;
}

/** What the once-a-month sections read for one reader. */
interface SuggestionEvidence {
  readonly saved: readonly StoredEvent[];
  readonly memberships: readonly { readonly organizationKey: string; readonly renewsOn: string | null }[];
}
const noEvidence: SuggestionEvidence = { saved: [], memberships: [] };

/**
 * For the readers whose suggestion sections are due: their saved events (one query each, the events
 * in one batch read for all of them) and memberships (one query each).
 */
async function suggestionEvidence(
  deps: Pick<DigestSendDependencies, 'saved' | 'memberships' | 'events'>,
  userIds: readonly string[],
): Promise<Map<string, SuggestionEvidence>> {
  const evidence = new Map<string, SuggestionEvidence>();
  if (userIds.length === 0 || (!deps.saved && !deps.memberships)) return evidence;
  const [savedLists, membershipLists] = await Promise.all([
    Promise.all(userIds.map((userId) => deps.saved?.listForUser(userId) ?? Promise.resolve([]))),
    Promise.all(userIds.map((userId) => deps.memberships?.listForUser(userId) ?? Promise.resolve([]))),
  ]);
  const savedIds = [
    ...new Set(savedLists.flatMap((list) => list.filter(isSaved).map((entry) => entry.eventId))),
  ];
  const events = new Map(
    (savedIds.length > 0 ? await deps.events.getMany(savedIds) : []).map((event) => [event.id, event]),
  );
  userIds.forEach((userId, index) => {
    evidence.set(userId, {
      saved: (savedLists[index] ?? [])
        .filter(isSaved)
        .flatMap((entry) => events.get(entry.eventId) ?? [])
        .filter((event) => !event.removed),
      memberships: (membershipLists[index] ?? []).map((membership) => ({
        organizationKey: membership.organizationKey,
        renewsOn: membership.renewsOn,
      })),
    });
  });
  return evidence;
}

export type DigestOutcome =
  | 'sent'
  | 'already-sent'
  | 'empty-week'
  | 'not-subscribed'
  | 'suppressed'
  | 'unknown-user'
  | 'busy'
  /** Handed to SES before, with no word whether it went: retried until SES's event says, never re-sent. */
  | 'held'
  /** Bulk sending is paused (daily quota) or its shared rate stayed full: handed back for `resumeAt`. */
  | 'deferred'
  | 'failed'
  | 'invalid-message';

export interface DigestBatchOutcome {
  readonly failedMessageIds: string[];
  /** When the 'deferred' messages may be tried again (null: none were deferred). */
  readonly resumeAt: string | null;
  readonly outcomes: { messageId: string; userId: string | null; outcome: DigestOutcome }[];
}

const dayMs = 86_400_000;
/**
 * SENT marks written together: a crash loses at most this many marks, which SES's Send events (or, where
 * none are published, the hold on unknown outcomes) settle without a second mail.
 */
const sentMarksPerWrite = 25;

interface SentMark {
  readonly userId: string;
  readonly period: string;
  readonly token: string;
  readonly messageId: string;
  readonly sentAt: Date;
}
/** How far back the "previous digest" is looked for (a user may have had quiet weeks). */
const previousWeeksLooked = 4;

function previousWeeks(isoWeek: string): string[] {
  const [year, week] = isoWeek.split('-W').map(Number);
  const monday = isoWeekMonday(year ?? 0, week ?? 0);
  return Array.from({ length: previousWeeksLooked }, (_, index) =>
    isoWeekText(plusDays(monday, -7 * (index + 1))),
  );
}

/**
 * One SQS batch of digests. Shared work is done once per batch — profiles, suppressions and previous
 * digests read in batches, the window's events read and indexed once — so a user costs about two
 * DynamoDB writes (the ledger claim and its SENT mark). Records that fail for a reason a retry may
 * fix are handed back (partial batch response); they end in the DLQ, never silently.
 */
export async function sendDigestBatch(
  deps: DigestSendDependencies,
  records: readonly QueueRecord[],
  now: Date,
): Promise<DigestBatchOutcome> {
  const outcomes: DigestBatchOutcome['outcomes'] = [];
  const failedMessageIds: string[] = [];
  const record = (messageId: string, userId: string | null, outcome: DigestOutcome) => {
    outcomes.push({ messageId, userId, outcome });
    if (outcome === 'failed' || outcome === 'busy' || outcome === 'held' || outcome === 'invalid-message')
      failedMessageIds.push(messageId);
  };

  const messages: { messageId: string; message: DigestMessage }[] = [];
  for (const { messageId, body } of records) {
    try {
      messages.push({ messageId, message: digestMessageSchema.parse(JSON.parse(body)) });
    } catch {
      deps.logger.error('invalid digest message', { messageId, body: body.slice(0, 200) });
      record(messageId, null, 'invalid-message');
    }
  }
  if (messages.length === 0) return { failedMessageIds, outcomes, resumeAt: null };

  const profiles = new Map(
    (await deps.users.getMany(messages.map((entry) => entry.message.userId))).map((profile) => [
      profile.id,
      profile,
    ]),
  );
  const suppressed = await deps.suppression.suppressedAmong(
    [...profiles.values()].map((profile) => profile.email),
  );
  const contactsByUser = deps.contacts ? await deps.contacts.listForUsers([...profiles.keys()]) : new Map();
  const weeks = [...new Set(messages.flatMap((entry) => previousWeeks(entry.message.isoWeek)))];
  const previous = await deps.ledger.latestSent([...profiles.keys()], weeks);
  const dueReaders = [...profiles.values()].filter(
    (profile) =>
      receivesDigests(profile) &&
      !suppressed.has(profile.email) &&
      suggestionsDue(previous.get(profile.id)?.detail?.suggestions ?? {}, now),
  );
  const evidenceByUser = await suggestionEvidence(
    deps,
    dueReaders.map((profile) => profile.id),
  );
  const windowTo = new Date(now.getTime() + deps.windowDays * dayMs);
  // Calls closing soon, read once for the whole batch: every zone's today lies within a day of UTC's.
  const utcToday = localDate(now, 'UTC');
  const [stored, callEvents] = await Promise.all([
    readDigestWindow(
      deps,
      messages.flatMap((entry) => (entry.message.window ? [entry.message.window] : [])),
      now,
      windowTo,
    ),
    deps.events.listCallsClosingBetween(
      addDays(utcToday, -1),
      addDays(utcToday, CALLS_CLOSING_WITHIN_DAYS + 1),
    ),
  ]);
  const index = buildEventIndex(stored);
  const secret = await deps.links();
  const links: DigestLinks = {
    ...secret,
    publicBaseUrl: deps.publicBaseUrl,
    unsubscribeMailto: deps.unsubscribeMailto,
  };

  // SENT marks go in groups (the claim already holds the detail): one write per digest, not two.
  const pendingSent: SentMark[] = [];
  const flushSent = async () => {
    const marks = pendingSent.splice(0);
    await deps.ledger.markSentMany(marks, (lost) =>
      deps.logger.warn('digest sent, but its claim was taken over before the SENT mark', lost),
    );
  };
  const recordSent = async (mark: SentMark) => {
    pendingSent.push(mark);
    if (pendingSent.length >= sentMarksPerWrite) await flushSent();
  };
  let resumeAt: Date | null = null;
  for (const { messageId, message } of messages) {
    const profile = profiles.get(message.userId);
    const log = deps.logger.child({ messageId, userId: message.userId, isoWeek: message.isoWeek });
    if (!profile) {
      log.warn('digest for an unknown user (removed since it was queued)');
      record(messageId, message.userId, 'unknown-user');
      continue;
    }
    if (!receivesDigests(profile)) {
      log.info('digest skipped: user does not receive digests', {
        confirmed: profile.emailConfirmed,
        paused: profile.paused,
        unsubscribed: profile.unsubscribed,
      });
      record(messageId, profile.id, 'not-subscribed');
      continue;
    }
    if (suppressed.has(profile.email)) {
      log.info('digest skipped: address suppressed after a bounce or complaint');
      record(messageId, profile.id, 'suppressed');
      continue;
    }
    if (resumeAt) {
      record(messageId, profile.id, 'deferred');
      continue;
    }
    try {
      const outcome = await sendOne(
        deps,
        profile,
        message,
        index,
        previous.get(profile.id)?.detail ?? null,
        links,
        now,
        windowTo,
        log,
        contactsByUser.get(profile.id) ?? [],
        callEvents,
        evidenceByUser.get(profile.id) ?? noEvidence,
        recordSent,
      );
      record(messageId, profile.id, outcome);
    } catch (error) {
      if (error instanceof MailDeferredError) {
        // Paused or rate-bound: nothing more is sent from this batch; all of it comes back later.
        log.warn('digest deferred', { reason: error.message, resumeAt: error.resumeAt.toISOString() });
        resumeAt = error.resumeAt;
        record(messageId, profile.id, 'deferred');
        continue;
      }
      log.error('digest failed', { error });
      record(messageId, profile.id, 'failed');
    }
  }
  await flushSent();
  return { failedMessageIds, outcomes, resumeAt: resumeAt?.toISOString() ?? null };
}

async function sendOne(
  deps: DigestSendDependencies,
  profile: UserProfile,
  message: DigestMessage,
  index: ReturnType<typeof buildEventIndex>,
  previousDetail: DigestLedgerDetail | null,
  links: DigestLinks,
  now: Date,
  windowTo: Date,
  log: Logger,
  contacts: readonly Contact[],
  callEvents: readonly StoredEvent[],
  evidence: SuggestionEvidence,
  recordSent: (entry: SentMark) => Promise<void>,
): Promise<DigestOutcome> {
  const previous = previousDetail?.shown ?? [];
  const matches = matchEventsForUser(index, profile, { now, windowTo, previous });
  const suggestions = digestSuggestions({
    profile,
    matches: matches.matches,
    saved: evidence.saved,
    contacts,
    memberships: evidence.memberships,
    memory: previousDetail?.suggestions ?? {},
    windowDays: deps.windowDays,
    now,
  });
  const model = buildDigestModel(
    profile,
    matches,
    { isoWeek: message.isoWeek, from: now, to: windowTo },
    links,
    now,
    contactsDueThisWeek(profile, contacts, links, now),
    readersCalls(profile, callEvents, now),
    suggestions,
  );
  if (isEmptyDigest(model) && !profile.quietWeekNotes) {
    log.info('digest skipped: nothing fits this week');
    return 'empty-week';
  }
  const result = await sendOnce(deps.ledger, { userId: profile.id, period: message.isoWeek }, now, log, {
    compose: async () => {
      const composed = await composeDigestMessage(model, deps.identity, now);
      return {
        messageId: composed.messageId,
        detail: { shown: shownEntries(model, matches), suggestions: suggestions.memory },
        send: (tags) =>
          deps.mailer
            .sendRaw({ raw: composed.raw, from: deps.identity.from, to: [profile.email], tags })
            .then(() => undefined),
      };
    },
    markSent: (token, mail) =>
      recordSent({
        userId: profile.id,
        period: message.isoWeek,
        token,
        messageId: mail.messageId,
        sentAt: now,
      }),
  });
  switch (result.outcome) {
    case 'already-sent':
      log.info('digest already sent this week', { sentAt: result.sentAt });
      return 'already-sent';
    case 'busy':
      return 'busy';
    case 'unknown-outcome':
      return 'held';
    case 'sent':
      log.info('digest sent', {
        messageId: result.messageId,
        attempt: result.attempt,
        events: model.sections.reduce((sum, section) => sum + section.items.length, 0),
        changes: model.changes.length,
      });
      return 'sent';
  }
}

/** The reader's calls closing from their today through the next 21 days, from the batch's calls. */
function readersCalls(profile: UserProfile, callEvents: readonly StoredEvent[], now: Date) {
  const today = localDate(now, profile.timeZone);
  return matchingCalls(profile, callEvents, now, today, addDays(today, CALLS_CLOSING_WITHIN_DAYS));
}

/** A digest rendered without sending or recording anything: `trellis digest --dry-run` and the preview page. */
export interface DigestPreview {
  readonly model: DigestModel;
  readonly raw: Uint8Array;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Nothing fits and the reader wants no quiet-week note: no mail would go out. */
  readonly empty: boolean;
}

/** One user's digest exactly as `sendDigestBatch` would build it now, with their contacts due this week. */
export async function previewDigest(
  deps: Pick<
    DigestSendDependencies,
    | 'events'
    | 'ledger'
    | 'identity'
    | 'links'
    | 'publicBaseUrl'
    | 'unsubscribeMailto'
    | 'windowDays'
    | 'contacts'
    | 'saved'
    | 'memberships'
  >,
  profile: UserProfile,
  isoWeek: string,
  now: Date,
): Promise<DigestPreview> {
  const windowTo = new Date(now.getTime() + deps.windowDays * dayMs);
  const [stored, latest, contacts, secret, calls] = await Promise.all([
    deps.events.listStartingBetween(now, windowTo),
    deps.ledger.latestSent([profile.id], previousWeeks(isoWeek)),
    deps.contacts ? deps.contacts.listForUsers([profile.id]) : new Map<string, Contact[]>(),
    deps.links(),
    callsClosingSoon(deps, profile, now),
  ]);
  const index = buildEventIndex(stored);
  const previousDetail = latest.get(profile.id)?.detail ?? null;
  const previous = previousDetail?.shown ?? [];
  const memory = previousDetail?.suggestions ?? {};
  const evidence = suggestionsDue(memory, now)
    ? ((await suggestionEvidence(deps, [profile.id])).get(profile.id) ?? noEvidence)
    : noEvidence;
  const links: DigestLinks = {
    ...secret,
    publicBaseUrl: deps.publicBaseUrl,
    unsubscribeMailto: deps.unsubscribeMailto,
  };
  const matches = matchEventsForUser(index, profile, { now, windowTo, previous });
  const readersContacts = contacts.get(profile.id) ?? [];
  const suggestions = digestSuggestions({
    profile,
    matches: matches.matches,
    saved: evidence.saved,
    contacts: readersContacts,
    memberships: evidence.memberships,
    memory,
    windowDays: deps.windowDays,
    now,
  });
  const model = buildDigestModel(
    profile,
    matches,
    { isoWeek, from: now, to: windowTo },
    links,
    now,
    contactsDueThisWeek(profile, readersContacts, links, now),
    calls,
    suggestions,
  );
  const composed = await composeDigestMessage(model, deps.identity, now);
  return {
    model,
    raw: composed.raw,
    ...digestMessageParts(model),
    empty: isEmptyDigest(model) && !profile.quietWeekNotes,
  };
}
