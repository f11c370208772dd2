import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { duplicateSlotsFor, startsWithinDuplicateWindow } from '../events/duplicate-slots.ts';
import type { EventContent, SourceEventContent } from '../events/event-content.ts';
import type { SourceEventState, SourceSyncPlan } from '../events/plan-source-sync.ts';
import type { EventSourceLink, StoredEvent } from '../events/stored-event.ts';
import { batchGetAll, batchWriteAll, type WriteRequest } from './batch-requests.ts';
import { isConditionFailure } from './condition-failure.ts';
import { dedupeKey } from './keys/dedupe-keys.ts';
import {
  callsClosingPk,
  callsClosingSk,
  eventDayPk,
  eventDaySk,
  eventDaysBetween,
  eventKey,
  monthsBetween,
} from './keys/event-keys.ts';
import { sourceEventIdFromSk, sourceEventKey, sourceEventPrefix } from './keys/source-event-keys.ts';
import { queryAll } from './query-all.ts';

/*
 * Three kinds of item per event:
 *
 *   SOURCE#<source> / SEV#<entry>   what one source said (content + hash) and which canonical event it feeds
 *   EVENT#<id> / EVENT              the canonical event: content of its primary source, links to all sources
 *   DEDUPE#<title>#<place>#<slot>   which canonical event claimed a (title, place, 30-minute slot)
 *
 * Bulk writes, not transactions: one feed writes thousands of items (a transaction holds 100 and costs
 * twice the write units), and every write here is idempotent. They go canonical first, source entry
 * last: the source entry's hash is the "done" mark, so whatever a crash cut short, the next ingest
 * writes again (canonical ids are derived from the source entry, so the retry overwrites the same item
 * instead of creating a second one). Changes a person makes (saving, contacts, profiles) are transactions.
 */

export interface SyncResult {
  readonly created: number;
  readonly merged: number;
  readonly updated: number;
  readonly removed: number;
  readonly unchanged: number;
  /** Canonical events someone saved that this sync changed or removed: their attendees get updates. */
  readonly changedSavedEventIds: readonly string[];
}

export interface EventStore {
  loadSourceState(sourceId: string): Promise<Map<string, SourceEventState>>;
  applySourceSync(sourceId: string, plan: SourceSyncPlan, now: Date): Promise<SyncResult>;
  get(eventId: string): Promise<StoredEvent | null>;
  /** The canonical events with these ids that exist, in no particular order. */
  getMany(eventIds: readonly string[]): Promise<StoredEvent[]>;
  /** Canonical events whose start lies in [from, to), in start order, read from the start-day index. */
  listStartingBetween(from: Date, to: Date): Promise<StoredEvent[]>;
  /** Events whose call for speakers closes on a day in [from, to] (`YYYY-MM-DD`), in closing order. */
  listCallsClosingBetween(from: string, to: string): Promise<StoredEvent[]>;
  /**
   * At most `limit` of those, after the position `after` (from a previous page's `next`); reads only as far
   * as the page needs, so a window of 50,000 events costs what one page costs.
   */
  listPageStartingBetween(
    from: Date,
    to: Date,
    limit: number,
    after: EventPagePosition | null,
  ): Promise<EventPage>;
}

/** Where a page of a window ended: the start day and the index sort key of its last event. */
export interface EventPagePosition {
  readonly day: string;
  readonly sortKey: string;
}

export interface EventPage {
  readonly events: StoredEvent[];
  /** Where the next page starts; null on the last page. */
  readonly next: EventPagePosition | null;
}

type Item = Record<string, unknown>;
type LinkMap = Record<string, { sourceEventId: string; url: string | null }>;

const retentionAfterEndSeconds = 30 * 24 * 3600;
const createSliceSize = 1000;

/**
 * Start-day partitions a window read queries at once. The index has one partition per UTC day, so a window is one
 * Query per day (56 for the calendar's 8 weeks): 8 in flight make that 7 round trips instead of 56, and stay far
 * below the SDK's socket pool. Week partitions would need fewer requests, but every stored event's index key
 * would have to be rewritten first (an unchanged event is never written again); day keys need no migration.
 */
const windowReadConcurrency = 8;

/** `work` on every item, at most `limit` at a time; results in the items' order. Stops taking items on a failure. */
async function mapInOrder<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** All-day events count from the start of their date, timed ones by their instant (`…Z` as `….000Z`). */
function startInstantIso(start: string): string {
  return start.length === 10 ? `${start}T00:00:00.000Z` : start.replace('Z', '.000Z');
}

/** Deterministic, so a retried ingest writes the same canonical item again rather than a second one. */
export function canonicalIdFor(sourceId: string, sourceEventId: string): string {
  return `evt_${createHash('sha256').update(`${sourceId}\u0000${sourceEventId}`).digest('hex').slice(0, 20)}`;
}

function startMs(start: string): number {
  return Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start);
}

function expiresAt(content: Pick<EventContent, 'start' | 'end'>): number {
  return Math.floor(startMs(content.end ?? content.start) / 1000) + retentionAfterEndSeconds;
}

function startDay(start: string): string {
  return start.slice(0, 10);
}

/** Attributes of the canonical item that follow from its content (index keys, expiry). */
function contentAttributes(eventId: string, content: EventContent): Item {
  // One index entry per event: its call for speakers, else its registration deadline.
  const closesOn = content.callForSpeakers?.closesOn ?? content.registrationDeadline?.closesOn;
  return {
    ...content,
    gsi1pk: eventDayPk(startDay(content.start)),
    gsi1sk: eventDaySk(content.start, eventId),
    // Only events with a call for speakers that has a closing date are in the calls index.
    ...(closesOn ? { gsi2pk: callsClosingPk(closesOn), gsi2sk: callsClosingSk(closesOn, eventId) } : {}),
    ttl: expiresAt(content),
  };
}

/**
 * Content attributes that are absent when empty: an update whose content no longer has them removes
 * them, so a dropped call for speakers leaves neither the field nor its index entry behind.
 */
const OPTIONAL_CONTENT_ATTRIBUTES = [
  'callForSpeakers',
  'registrationDeadline',
  'people',
  'gsi2pk',
  'gsi2sk',
] as const;

function toStoredEvent(item: Item): StoredEvent {
  const {
    pk: _pk,
    sk: _sk,
    type: _type,
    gsi1pk: _g1,
    gsi1sk: _g1s,
    gsi2pk: _g2,
    gsi2sk: _g2s,
    ttl: _ttl,
    dedupeSlot: _slot,
    hasSavers: _savers,
    links,
    ...rest
  } = item;
  const sources: EventSourceLink[] = Object.entries((links ?? {}) as LinkMap)
    .map(([sourceId, link]) => ({ sourceId, sourceEventId: link.sourceEventId, url: link.url }))
    .sort((a, b) => a.sourceId.localeCompare(b.sourceId));
  return { ...(rest as unknown as Omit<StoredEvent, 'sources'>), sources };
}

export function createEventStore(client: DynamoDBDocumentClient, tableName: string): EventStore {
  const linkFor = (entry: SourceEventContent) => ({
    sourceEventId: entry.sourceEventId,
    url: entry.content.url,
  });

  function sourceEventPut(
    sourceId: string,
    entry: SourceEventContent,
    canonicalId: string,
    removed: boolean,
  ) {
    return {
      PutRequest: {
        Item: {
          ...sourceEventKey(sourceId, entry.sourceEventId),
          type: 'source-event',
          hash: entry.hash,
          canonicalId,
          start: entry.content.start,
          removed,
          content: entry.content,
          ttl: expiresAt(entry.content),
        },
      },
    } satisfies WriteRequest;
  }

  /** Link a source entry to an existing canonical event found as a duplicate; false if that is not allowed. */
  async function linkAsDuplicate(
    canonicalId: string,
    sourceId: string,
    entry: SourceEventContent,
    now: Date,
  ) {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: eventKey(canonicalId),
          UpdateExpression: 'SET links.#source = :link, updatedAt = :now',
          // The same source twice is two events, not a duplicate; a removed event is not revived by another feed.
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(links.#source) AND removed = :false',
          ExpressionAttributeNames: { '#source': sourceId },
          ExpressionAttributeValues: { ':link': linkFor(entry), ':now': now.toISOString(), ':false': false },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async function createEntries(sourceId: string, entries: readonly SourceEventContent[], now: Date) {
    const slotsByEntry = entries.map((entry) => duplicateSlotsFor(entry.content));
    const candidateKeys = [...new Set(slotsByEntry.flatMap((slots) => slots.candidates))].map(dedupeKey);
    const claimed = new Map<string, { canonicalId: string; start: string }>();
    for (const item of await batchGetAll(client, tableName, candidateKeys, {
      projection: 'pk, canonicalId, #s',
      names: { '#s': 'start' },
    })) {
      claimed.set(String(item.pk).slice('DEDUPE#'.length), {
        canonicalId: String(item.canonicalId),
        start: String(item.start),
      });
    }

    const canonicalWrites: WriteRequest[] = [];
    const sourceWrites: WriteRequest[] = [];
    let merged = 0;
    for (const [index, entry] of entries.entries()) {
      const slots = slotsByEntry[index];
      if (!slots) continue;
      const ownId = canonicalIdFor(sourceId, entry.sourceEventId);
      const duplicate = slots.candidates
        .map((slot) => claimed.get(slot))
        .find(
          (claim) =>
            claim &&
            claim.canonicalId !== ownId &&
            startsWithinDuplicateWindow(claim.start, entry.content.start),
        );
      if (duplicate && (await linkAsDuplicate(duplicate.canonicalId, sourceId, entry, now))) {
        merged += 1;
        sourceWrites.push(sourceEventPut(sourceId, entry, duplicate.canonicalId, false));
        continue;
      }
      const ownClaim = claimed.get(slots.own);
      const claimsSlot = !ownClaim || ownClaim.canonicalId === ownId;
      if (claimsSlot) {
        claimed.set(slots.own, { canonicalId: ownId, start: entry.content.start });
        canonicalWrites.push({
          PutRequest: {
            Item: {
              ...dedupeKey(slots.own),
              type: 'dedupe',
              canonicalId: ownId,
              start: entry.content.start,
              ttl: expiresAt(entry.content),
            },
          },
        });
      }
      canonicalWrites.push({
        PutRequest: {
          Item: {
            ...eventKey(ownId),
            type: 'event',
            id: ownId,
            ...contentAttributes(ownId, entry.content),
            primarySourceId: sourceId,
            links: { [sourceId]: linkFor(entry) },
            removed: false,
            firstSeenAt: now.toISOString(),
            updatedAt: now.toISOString(),
            dedupeSlot: claimsSlot ? slots.own : null,
          },
        },
      });
      sourceWrites.push(sourceEventPut(sourceId, entry, ownId, false));
    }
    await batchWriteAll(client, tableName, canonicalWrites);
    await batchWriteAll(client, tableName, sourceWrites);
    return { created: entries.length - merged, merged };
  }

  /** Move the dedupe claim when the primary content moved to another (title, place, slot). */
  async function moveDedupeClaim(canonicalId: string, oldSlot: string | null, content: EventContent) {
    const newSlot = duplicateSlotsFor(content).own;
    if (oldSlot === newSlot) return;
    if (oldSlot) {
      await client
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: dedupeKey(oldSlot),
            UpdateExpression: 'SET canonicalId = :none',
            ConditionExpression: 'canonicalId = :id',
            ExpressionAttributeValues: { ':id': canonicalId, ':none': '' },
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    }
    await client
      .send(
        new UpdateCommand({
          TableName: tableName,
          Key: dedupeKey(newSlot),
          UpdateExpression: 'SET canonicalId = :id, #s = :start, #t = :type, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(pk) OR canonicalId = :id OR canonicalId = :none',
          ExpressionAttributeNames: { '#s': 'start', '#t': 'type', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':id': canonicalId,
            ':none': '',
            ':start': content.start,
            ':type': 'dedupe',
            ':ttl': expiresAt(content),
          },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  function contentUpdate(canonicalId: string, content: EventContent, extra: Item) {
    const values: Item = { ...contentAttributes(canonicalId, content), ...extra };
    const names: Record<string, string> = {};
    const sets: string[] = [];
    for (const [index, [name, value]] of Object.entries(values).entries()) {
      names[`#a${index}`] = name;
      sets.push(`#a${index} = :v${index}`);
      values[`:v${index}`] = value;
    }
    const removes = OPTIONAL_CONTENT_ATTRIBUTES.filter((name) => !(name in values)).map((name) => {
      names[`#r_${name}`] = name;
      return `#r_${name}`;
    });
    return {
      names,
      values: Object.fromEntries(Object.entries(values).filter(([key]) => key.startsWith(':'))),
      expression: sets.join(', '),
      /** ` REMOVE …` for the optional attributes the content no longer has, or ''. */
      remove: removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : '',
    };
  }

  /** The source changed (or re-listed) an entry: update the canonical event if it is the primary source. */
  async function updateEntry(
    sourceId: string,
    entry: SourceEventContent,
    state: SourceEventState,
    now: Date,
    changedSaved: Set<string>,
  ) {
    const canonicalId = state.canonicalId;
    const update = contentUpdate(canonicalId, entry.content, {
      updatedAt: now.toISOString(),
      removed: false,
      dedupeSlot: duplicateSlotsFor(entry.content).own,
    });
    try {
      const output = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: eventKey(canonicalId),
          // Every content change counts as a revision: it is the SEQUENCE the calendar feed carries.
          UpdateExpression: `SET ${update.expression}, links.#source = :link, primarySourceId = :source ADD revision :one${update.remove}`,
          // Primary source, or a removed event coming back through any of its sources.
          ConditionExpression: 'attribute_exists(pk) AND (primarySourceId = :source OR removed = :true)',
          ExpressionAttributeNames: { ...update.names, '#source': sourceId },
          ExpressionAttributeValues: {
            ...update.values,
            ':link': linkFor(entry),
            ':source': sourceId,
            ':true': true,
            ':one': 1,
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (output.Attributes?.hasSavers === true) changedSaved.add(canonicalId);
      await moveDedupeClaim(
        canonicalId,
        (output.Attributes?.dedupeSlot as string | null) ?? null,
        entry.content,
      );
      return canonicalId;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: eventKey(canonicalId),
          UpdateExpression: 'SET links.#source = :link, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#source': sourceId },
          ExpressionAttributeValues: { ':link': linkFor(entry), ':now': now.toISOString() },
        }),
      );
      return canonicalId;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // The canonical event is gone (expired, or a crash left only the source entry): create it afresh.
    await createEntries(sourceId, [entry], now);
    return canonicalIdFor(sourceId, entry.sourceEventId);
  }

  async function readSourceContent(sourceId: string, sourceEventId: string): Promise<EventContent | null> {
    const output = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: sourceEventKey(sourceId, sourceEventId),
        ConsistentRead: true,
      }),
    );
    return (output.Item?.content as EventContent | undefined) ?? null;
  }

  /** A source dropped a future entry: unlink it; promote another source, or mark the event removed. */
  async function removeEntry(
    sourceId: string,
    state: SourceEventState,
    now: Date,
    changedSaved: Set<string>,
  ) {
    let after: Item | undefined;
    try {
      const output = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: eventKey(state.canonicalId),
          UpdateExpression: 'REMOVE links.#source SET updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#source': sourceId },
          ExpressionAttributeValues: { ':now': now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      after = output.Attributes;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    if (after) {
      const remaining = Object.entries((after.links ?? {}) as LinkMap).sort(([a], [b]) => a.localeCompare(b));
      const [next] = remaining;
      if (!next) {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: eventKey(state.canonicalId),
            UpdateExpression: 'SET removed = :true ADD revision :one',
            ExpressionAttributeValues: { ':true': true, ':one': 1 },
          }),
        );
        if (after.hasSavers === true) changedSaved.add(state.canonicalId);
      } else if (after.primarySourceId === sourceId) {
        const [nextSourceId, link] = next;
        const content = await readSourceContent(nextSourceId, link.sourceEventId);
        if (content) {
          const update = contentUpdate(state.canonicalId, content, { primarySourceId: nextSourceId });
          if (after.hasSavers === true) changedSaved.add(state.canonicalId);
          await client
            .send(
              new UpdateCommand({
                TableName: tableName,
                Key: eventKey(state.canonicalId),
                UpdateExpression: `SET ${update.expression} ADD revision :one${update.remove}`,
                ConditionExpression: 'primarySourceId = :old',
                ExpressionAttributeNames: update.names,
                ExpressionAttributeValues: { ...update.values, ':old': sourceId, ':one': 1 },
              }),
            )
            .catch((error: unknown) => {
              if (!isConditionFailure(error)) throw error;
            });
        }
      }
    }
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: sourceEventKey(sourceId, state.sourceEventId),
        UpdateExpression: 'SET removed = :true',
        ExpressionAttributeValues: { ':true': true },
      }),
    );
  }

  return {
    async loadSourceState(sourceId) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': sourceEventKey(sourceId, '').pk,
          ':prefix': sourceEventPrefix,
        },
        ProjectionExpression: 'sk, #h, canonicalId, #s, removed',
        ExpressionAttributeNames: { '#h': 'hash', '#s': 'start' },
        ConsistentRead: true,
      });
      const states = new Map<string, SourceEventState>();
      for (const item of items) {
        const sourceEventId = sourceEventIdFromSk(String(item.sk));
        states.set(sourceEventId, {
          sourceEventId,
          hash: String(item.hash),
          canonicalId: String(item.canonicalId),
          start: String(item.start),
          removed: item.removed === true,
        });
      }
      return states;
    },

    async applySourceSync(sourceId, plan, now) {
      // In slices, so a 20,000-event feed never holds every write request in memory at once; a
      // slice's dedupe claims are written before the next slice looks for duplicates.
      const changedSaved = new Set<string>();
      let created = 0;
      let merged = 0;
      for (let offset = 0; offset < plan.creates.length; offset += createSliceSize) {
        const slice = await createEntries(
          sourceId,
          plan.creates.slice(offset, offset + createSliceSize),
          now,
        );
        created += slice.created;
        merged += slice.merged;
      }
      const updatedWrites: WriteRequest[] = [];
      for (const { incoming, state } of plan.updates) {
        const canonicalId = await updateEntry(sourceId, incoming, state, now, changedSaved);
        updatedWrites.push(sourceEventPut(sourceId, incoming, canonicalId, false));
      }
      await batchWriteAll(client, tableName, updatedWrites);
      for (const state of plan.removals) await removeEntry(sourceId, state, now, changedSaved);
      return {
        created,
        merged,
        updated: plan.updates.length,
        removed: plan.removals.length,
        unchanged: plan.unchanged,
        changedSavedEventIds: [...changedSaved],
      };
    },

    async get(eventId) {
      const output = await client.send(new GetCommand({ TableName: tableName, Key: eventKey(eventId) }));
      return output.Item ? toStoredEvent(output.Item) : null;
    },

    async getMany(eventIds) {
      const items = await batchGetAll(client, tableName, [...new Set(eventIds)].map(eventKey));
      return items.map(toStoredEvent);
    },

    async listCallsClosingBetween(from, to) {
      const months = await Promise.all(
        monthsBetween(from, to).map((month) =>
          queryAll(client, {
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :month AND gsi2sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':month': callsClosingPk(month),
              ':from': from,
              // Every sort key of the last day ("yyyy-mm-dd#<id>") sorts before "yyyy-mm-dd$".
              ':to': `${to}$`,
            },
          }),
        ),
      );
      return months.flat().map(toStoredEvent);
    },

    async listStartingBetween(from, to) {
      const fromIso = from.toISOString();
      const toIso = to.toISOString();
      // Each day's partition comes back sorted by gsi1sk (start, then id), so days in order give start order.
      // Items become events day by day, so raw items of at most a few days are held at once (digest windows are big).
      const days = await mapInOrder(eventDaysBetween(from, to), windowReadConcurrency, async (day) => {
        const items = await queryAll(client, {
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :day',
          ExpressionAttributeValues: { ':day': eventDayPk(day) },
        });
        return items.flatMap((item) => {
          const at = startInstantIso(String(item.start));
          return at >= fromIso && at < toIso ? [toStoredEvent(item)] : [];
        });
      });
      return days.flat();
    },

    async listPageStartingBetween(from, to, limit, after) {
      const fromIso = from.toISOString();
      const toIso = to.toISOString();
      const days = eventDaysBetween(from, to).filter((day) => !after || day >= after.day);
      const found: Item[] = [];
      // One page more than asked tells whether there is a next page.
      const wanted = limit + 1;
      /** One day's events in the window, after the position, reading only as many pages as still wanted. */
      async function readDay(day: string, want: number): Promise<Item[]> {
        const items: Item[] = [];
        const resume = after && after.day === day;
        for await (const page of paginateQuery(
          { client, pageSize: Math.min(want, 1000) },
          {
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: resume ? 'gsi1pk = :day AND gsi1sk > :after' : 'gsi1pk = :day',
            ExpressionAttributeValues: {
              ':day': eventDayPk(day),
              ...(resume ? { ':after': after.sortKey } : {}),
            },
          },
        )) {
          for (const item of page.Items ?? []) {
            const at = startInstantIso(String(item.start));
            if (at >= fromIso && at < toIso) items.push(item);
          }
          if (items.length >= want) break;
        }
        return items;
      }
      // Days are read in order until the page is full: the first day alone, then twice as many days a round up
      // to windowReadConcurrency. A busy first day fills a page without reading a week, and a cold container
      // (the first page it serves) opens one connection before it opens eight.
      for (
        let offset = 0, width = 1;
        offset < days.length && found.length < wanted;
        offset += width, width = Math.min(width * 2, windowReadConcurrency)
      ) {
        const batch = days.slice(offset, offset + width);
        const want = wanted - found.length;
        const read = await Promise.all(batch.map((day) => readDay(day, want)));
        for (const items of read) found.push(...items);
      }
      const events = found.slice(0, limit).map(toStoredEvent);
      const last = events.at(-1);
      return {
        events,
        next:
          found.length > limit && last
            ? { day: startDay(last.start), sortKey: eventDaySk(last.start, last.id) }
            : null,
      };
    },
  };
}
