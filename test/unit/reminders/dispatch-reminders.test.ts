import { describe, expect, it } from 'vitest';
import type {
  DispatchPlan,
  DispatchState,
  SlotDispatchProgress,
} from '../../../shared/dispatch/slot-dispatch.ts';
import { silentLogger } from '../../../shared/log/logger.ts';
import type { ReminderMessage } from '../../../shared/queue/reminder-message.ts';
import { dispatchDueReminders, type ReminderSlotDue } from '../../../shared/reminders/dispatch-reminders.ts';

const quarterMs = 15 * 60_000;

/** The progress item as DynamoDB keeps it: a version every save checks and moves on. */
function memoryProgress<Slot>(): SlotDispatchProgress<Slot> & { state: DispatchState<Slot> } {
  const store = {
    state: { lastWindowEnd: null, plan: null, version: 0 } as DispatchState<Slot>,
    async read() {
      return structuredClone(store.state);
    },
    async savePlan(plan: DispatchPlan<Slot>, version: number) {
      if (store.state.version !== version) return false;
      store.state = { ...store.state, plan: structuredClone(plan), version: version + 1 };
      return true;
    },
    async finish(toMs: number, version: number) {
      if (store.state.version !== version) return false;
      store.state = { lastWindowEnd: toMs, plan: null, version: version + 1 };
      return true;
    },
  };
  return store;
}

/** A slot of `count` readers (sorted ids, as the index keeps them), paged like the store pages it. */
function slotsOf(zone: string, hour: number, count: number) {
  const ids = Array.from({ length: count }, (_, index) => `usr_${String(index).padStart(8, '0')}`);
  return {
    listZones: async () => [zone],
    pageInSlot: async (slotZone: string, slotHour: number, after: string | null, limit: number) => {
      if (slotZone !== zone || slotHour !== hour) return { userIds: [], next: null };
      const start = after === null ? 0 : ids.findIndex((id) => id > after);
      const page = start === -1 ? [] : ids.slice(start, start + limit);
      const next = start !== -1 && start + limit < ids.length ? (page[page.length - 1] ?? null) : null;
      return { userIds: page, next };
    },
  };
}

/** Runs the dispatcher every 15 minutes from `from` to `to`. */
async function quarterHourlyRuns(
  zone: string,
  hour: number,
  from: string,
  to: string,
  readers = 1,
): Promise<ReminderMessage[]> {
  const queued: ReminderMessage[] = [];
  const deps = {
    slots: slotsOf(zone, hour, readers),
    progress: memoryProgress<ReminderSlotDue>(),
    queue: { enqueue: async (messages: readonly ReminderMessage[]) => void queued.push(...messages) },
    logger: silentLogger,
  };
  for (let at = Date.parse(from); at <= Date.parse(to); at += quarterMs) {
    await dispatchDueReminders(deps, new Date(at + 20_000));
  }
  return queued;
}

describe('reminder dispatch across DST changes', () => {
  it('queues a New York 09:00 reminder once a day, an hour earlier in UTC after the spring change', async () => {
    const queued = await quarterHourlyRuns(
      'America/New_York',
      9,
      '2030-03-09T00:00:00Z',
      '2030-03-12T00:00:00Z',
    );
    expect(queued.map((message) => [message.localDate, message.dueAt])).toEqual([
      ['2030-03-09', '2030-03-09T14:00:00.000Z'],
      ['2030-03-10', '2030-03-10T13:00:00.000Z'],
      ['2030-03-11', '2030-03-11T13:00:00.000Z'],
    ]);
  });

  it('queues a Berlin 02:00 reminder once on the autumn day the hour happens twice, and on the spring day it is skipped', async () => {
    const autumn = await quarterHourlyRuns(
      'Europe/Berlin',
      2,
      '2030-10-26T00:00:00Z',
      '2030-10-28T00:00:00Z',
    );
    expect(autumn.map((message) => [message.localDate, message.dueAt])).toEqual([
      ['2030-10-26', '2030-10-26T00:00:00.000Z'],
      ['2030-10-27', '2030-10-27T00:00:00.000Z'],
    ]);
    const spring = await quarterHourlyRuns(
      'Europe/Berlin',
      2,
      '2030-03-30T00:00:00Z',
      '2030-04-01T00:00:00Z',
    );
    expect(spring.map((message) => [message.localDate, message.dueAt])).toEqual([
      ['2030-03-30', '2030-03-30T01:00:00.000Z'],
      // 02:00 does not exist that day: the instant after the gap, 03:00 CEST.
      ['2030-03-31', '2030-03-31T01:00:00.000Z'],
      ['2030-04-01', '2030-04-01T00:00:00.000Z'],
    ]);
  });
});

describe('reminder dispatch at scale and in odd zones', () => {
  it('queues Kolkata (UTC+5:30) and Kathmandu (UTC+5:45) at their own 09:00, in the quarter it falls in', async () => {
    for (const [zone, dueAt] of [
      ['Asia/Kolkata', '2030-03-06T03:30:00.000Z'],
      ['Asia/Kathmandu', '2030-03-06T03:15:00.000Z'],
    ] as const) {
      const queued: { message: ReminderMessage; runAt: number }[] = [];
      let runAt = 0;
      const deps = {
        slots: slotsOf(zone, 9, 1),
        progress: memoryProgress<ReminderSlotDue>(),
        queue: {
          enqueue: async (messages: readonly ReminderMessage[]) =>
            void queued.push(...messages.map((message) => ({ message, runAt }))),
        },
        logger: silentLogger,
      };
      for (
        let at = Date.parse('2030-03-06T02:00:00Z');
        at <= Date.parse('2030-03-06T05:00:00Z');
        at += quarterMs
      ) {
        runAt = at + 20_000;
        await dispatchDueReminders(deps, new Date(runAt));
      }
      expect(queued.map(({ message }) => message.dueAt)).toEqual([dueAt]);
      // Queued by the run right after the due quarter hour, not up to 45 minutes later.
      expect((queued[0]?.runAt ?? 0) - Date.parse(dueAt)).toBeLessThan(quarterMs);
    }
  });

  it('queues 100,000 readers of one slot each exactly once across runs that stop for time and resume', async () => {
    const queued = new Map<string, number>();
    const progress = memoryProgress<ReminderSlotDue>();
    let budget = 0;
    const deps = {
      slots: slotsOf('Europe/Berlin', 9, 100_000),
      progress,
      queue: {
        enqueue: async (messages: readonly ReminderMessage[]) => {
          budget -= 1;
          for (const message of messages) queued.set(message.userId, (queued.get(message.userId) ?? 0) + 1);
        },
      },
      logger: silentLogger,
      // Each page "costs" a second; a run has 25 seconds before the 15-second margin stops it.
      remainingMs: () => budget * 1000 + 15_000,
      pageSize: 1_000,
    };
    const dueRun = new Date('2030-03-06T08:00:20Z');
    const results = [];
    for (let run = 0; run < 20 && queued.size < 100_000; run += 1) {
      budget = 10;
      results.push(await dispatchDueReminders(deps, new Date(dueRun.getTime() + run * quarterMs)));
    }
    expect(queued.size).toBe(100_000);
    expect([...queued.values()].every((count) => count === 1)).toBe(true);
    expect(results[0]?.complete).toBe(false);
    expect(results.some((result) => result.complete)).toBe(true);
    expect(progress.state.plan).toBeNull();
  });

  it('lets only one of two runs at once go on', async () => {
    const progress = memoryProgress<ReminderSlotDue>();
    const queued: ReminderMessage[] = [];
    const deps = {
      slots: slotsOf('Europe/Berlin', 9, 3_000),
      progress,
      queue: { enqueue: async (messages: readonly ReminderMessage[]) => void queued.push(...messages) },
      logger: silentLogger,
      pageSize: 1_000,
    };
    const at = new Date('2030-03-06T08:00:20Z');
    await Promise.all([dispatchDueReminders(deps, at), dispatchDueReminders(deps, at)]);
    expect(new Set(queued.map((message) => message.userId)).size).toBe(3_000);
    // The loser stops at its first save: at most one page twice, which the send ledger makes one mail.
    expect(queued.length).toBeLessThanOrEqual(4_000);
  });
});
