import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/log/logger.ts';
import type { ReminderMessage } from '../../../shared/queue/reminder-message.ts';
import { dispatchDueReminders } from '../../../shared/reminders/dispatch-reminders.ts';

const hourMs = 3_600_000;

/** Runs the dispatcher every hour from `from` to `to` for one user in `zone` at local `hour`. */
async function hourlyRuns(zone: string, hour: number, from: string, to: string): Promise<ReminderMessage[]> {
  const queued: ReminderMessage[] = [];
  let mark: number | null = null;
  const deps = {
    slots: {
      listZones: async () => [zone],
      listInSlot: async (slotZone: string, slotHour: number) =>
        slotZone === zone && slotHour === hour ? ['usr_0123456789abcdef'] : [],
    },
    progress: {
      lastWindowEnd: async () => mark,
      advance: async (_from: number | null, toMs: number) => {
        mark = toMs;
        return true;
      },
    },
    queue: { enqueue: async (messages: readonly ReminderMessage[]) => void queued.push(...messages) },
    logger: silentLogger,
  };
  for (let at = Date.parse(from); at <= Date.parse(to); at += hourMs) {
    await dispatchDueReminders(deps, new Date(at + 90_000));
  }
  return queued;
}

describe('reminder dispatch across DST changes', () => {
  it('queues a New York 09:00 reminder once a day, an hour earlier in UTC after the spring change', async () => {
    const queued = await hourlyRuns('America/New_York', 9, '2030-03-09T00:00:00Z', '2030-03-12T00:00:00Z');
    expect(queued.map((message) => [message.localDate, message.dueAt])).toEqual([
      ['2030-03-09', '2030-03-09T14:00:00.000Z'],
      ['2030-03-10', '2030-03-10T13:00:00.000Z'],
      ['2030-03-11', '2030-03-11T13:00:00.000Z'],
    ]);
  });

  it('queues a Berlin 02:00 reminder once on the autumn day the hour happens twice, and on the spring day it is skipped', async () => {
    const autumn = await hourlyRuns('Europe/Berlin', 2, '2030-10-26T00:00:00Z', '2030-10-28T00:00:00Z');
    expect(autumn.map((message) => [message.localDate, message.dueAt])).toEqual([
      ['2030-10-26', '2030-10-26T00:00:00.000Z'],
      ['2030-10-27', '2030-10-27T00:00:00.000Z'],
    ]);
    const spring = await hourlyRuns('Europe/Berlin', 2, '2030-03-30T00:00:00Z', '2030-04-01T00:00:00Z');
    expect(spring.map((message) => [message.localDate, message.dueAt])).toEqual([
      ['2030-03-30', '2030-03-30T01:00:00.000Z'],
      // 02:00 does not exist that day: the instant after the gap, 03:00 CEST.
      ['2030-03-31', '2030-03-31T01:00:00.000Z'],
      ['2030-04-01', '2030-04-01T00:00:00.000Z'],
    ]);
  });
});
