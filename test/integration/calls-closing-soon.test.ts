import { beforeEach, describe, expect, it } from 'vitest';
import { callsClosingSoon } from '../../shared/calls/calls-closing-soon.ts';
import type { SourceEventContent } from '../../shared/events/event-content.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { createEventStore, type EventStore } from '../../shared/store/event-store.ts';
import { eventEntry } from '../support/event-entries.ts';
import { createLocalTable } from '../support/local-table.ts';
import { userProfile } from '../support/matching-fixtures.ts';

/*
 * Calls for speakers in the table: the canonical event of a conference with a closing date is in the
 * calls index (gsi2, by closing month), read back for a window of days; a feed that drops the call takes
 * it out of the index; a reader gets the calls of the events that match them, soonest closing first.
 */

const now = new Date('2030-03-01T12:00:00Z');
let store: EventStore;

const conference = (id: string, closesOn: string | null, overrides: Parameters<typeof eventEntry>[1] = {}) =>
  eventEntry(id, {
    title: `Conf ${id}`,
    start: '2030-06-10',
    end: '2030-06-12',
    allDay: true,
    timeZone: null,
    online: true,
    place: null,
    location: null,
    tags: ['leadership'],
    ...(closesOn ? { callForSpeakers: { url: `https://cfp.example/${id}`, closesOn } } : {}),
    ...overrides,
  });

async function sync(entries: SourceEventContent[]) {
  const previous = await store.loadSourceState('src_conferences');
  await store.applySourceSync(
    'src_conferences',
    planSourceSync(previous, entries, { now, allowRemovals: true }),
    now,
  );
}

beforeEach(async () => {
  const table = await createLocalTable();
  store = createEventStore(table.documentClient, table.tableName);
});

describe('calls for speakers closing soon', () => {
  it('reads the calls closing in a window of days, across months, and nothing else', async () => {
    await sync([
      conference('before', '2030-02-28'),
      conference('first', '2030-03-01'),
      conference('march', '2030-03-20'),
      conference('april', '2030-04-02'),
      conference('later', '2030-05-01'),
      conference('none', null),
    ]);
    const calls = await store.listCallsClosingBetween('2030-03-01', '2030-04-02');
    expect(calls.map((event) => event.id).length).toBe(3);
    expect(calls.map((event) => event.title)).toEqual(['Conf first', 'Conf march', 'Conf april']);
    expect(calls[0]?.callForSpeakers).toEqual({ url: 'https://cfp.example/first', closesOn: '2030-03-01' });
    // The index keys stay inside the store.
    expect(Object.keys(calls[0] ?? {})).not.toContain('gsi2pk');
  });

  it('drops a call the feed no longer has, field and index entry alike', async () => {
    await sync([conference('moving', '2030-03-10')]);
    expect(await store.listCallsClosingBetween('2030-03-01', '2030-03-31')).toHaveLength(1);
    await sync([conference('moving', null)]);
    expect(await store.listCallsClosingBetween('2030-03-01', '2030-03-31')).toEqual([]);
    const [event] = await store.listStartingBetween(
      new Date('2030-06-01T00:00:00Z'),
      new Date('2030-07-01T00:00:00Z'),
    );
    expect(event?.callForSpeakers).toBeUndefined();
  });

  it('gives a reader the open calls of events that match them within 21 days, soonest first', async () => {
    await sync([
      conference('lead-late', '2030-03-15'),
      conference('lead-soon', '2030-03-03'),
      conference('too-late', '2030-03-30'),
      conference('k8s', '2030-03-05', { tags: ['kubernetes'], title: 'KubeConf' }),
    ]);
    const reader = userProfile({ topics: ['leadership'], timeZone: 'Pacific/Auckland' });
    const calls = await callsClosingSoon({ events: store }, reader, now);
    expect(calls.map((call) => [call.title, call.closesOn, call.daysLeft])).toEqual([
      // 12:00 UTC on 1 March is already 2 March in Auckland.
      ['Conf lead-soon', '2030-03-03', 1],
      ['Conf lead-late', '2030-03-15', 13],
    ]);
    expect(calls[0]?.applyUrl).toBe('https://cfp.example/lead-soon');
    expect(calls.every((call) => call.kind === 'call-for-speakers')).toBe(true);
  });

  it('treats a registration deadline the same way', async () => {
    await sync([
      conference('programme', null, {
        title: 'Mentoring Programme',
        registrationDeadline: { url: 'https://mentor.example/apply', closesOn: '2030-03-08' },
      }),
    ]);
    const calls = await callsClosingSoon({ events: store }, userProfile({ topics: ['leadership'] }), now);
    expect(calls.map((call) => [call.kind, call.title, call.closesOn, call.applyUrl])).toEqual([
      ['registration', 'Mentoring Programme', '2030-03-08', 'https://mentor.example/apply'],
    ]);
  });
});
