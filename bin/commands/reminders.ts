import type { LocalSettings } from '#shared/config/local-settings.ts';
import { localDate } from '#shared/contacts/next-due-date.ts';
import { dispatchWindow, dueSlotsInWindow } from '#shared/digest/digest-schedule.ts';
import type { ReminderMessage } from '#shared/queue/reminder-message.ts';
import { previewReminder, sendReminderBatch } from '#shared/reminders/send-reminders.ts';
import { UserNotFoundError } from '#shared/store/user-repository.ts';
import { NoLocalInboxError } from '../local/digest-session.ts';
import { openReminderSession } from '../local/reminder-session.ts';
import { storeErrors } from './store-errors.ts';
import type { CommandModule } from './usage/command.ts';
import type { SendInput } from './usage/digest.ts';

export const expectedErrors: CommandModule<SendInput>['expectedErrors'] = [
  ...storeErrors,
  NoLocalInboxError,
  UserNotFoundError,
];

/**
 * Send reconnect reminders now, through the same code and send ledger as the Lambda (running it twice
 * sends once a day). Without --user: every user whose reminder hour came in the hour before --now.
 */
export async function run(values: SendInput, settings: LocalSettings): Promise<number> {
  const { now, dryRun } = values;
  const { deps, slots, session } = await openReminderSession(settings, { send: !dryRun });
  try {
    const messages: ReminderMessage[] = [];
    if (values.user) {
      const profile = await deps.users.getByEmail(values.user);
      if (!profile) throw new UserNotFoundError(`no user ${values.user}`);
      messages.push({
        userId: profile.id,
        localDate: localDate(now, profile.timeZone),
        dueAt: now.toISOString(),
      });
    } else {
      const window = dispatchWindow(now.getTime(), null);
      for (const zone of await slots.listZones()) {
        for (const slot of window ? dueSlotsInWindow(zone, window.fromMs, window.toMs) : []) {
          const day = localDate(new Date(slot.dueMs), zone);
          for (const userId of await slots.listInSlot(zone, slot.hour)) {
            if (!messages.some((message) => message.userId === userId && message.localDate === day))
              messages.push({ userId, localDate: day, dueAt: new Date(slot.dueMs).toISOString() });
          }
        }
      }
    }
    if (messages.length === 0) {
      process.stdout.write(
        'no reminders due in the hour before that time (use --user EMAIL to send one now)\n',
      );
      return 0;
    }
    if (dryRun) {
      for (const message of messages) {
        const profile = await deps.users.get(message.userId);
        if (!profile) continue;
        const preview = await previewReminder(deps, profile, message.localDate, now);
        process.stdout.write(
          preview ? `${Buffer.from(preview.raw).toString('utf8')}\n` : `${profile.email}: no contact due\n`,
        );
      }
      return 0;
    }
    const outcome = await sendReminderBatch(
      deps,
      messages.map((message, index) => ({ messageId: String(index), body: JSON.stringify(message) })),
      now,
    );
    const emails = new Map(
      (await deps.users.getMany(messages.map((m) => m.userId))).map((p) => [p.id, p.email]),
    );
    for (const entry of outcome.outcomes)
      process.stdout.write(`${emails.get(entry.userId ?? '') ?? entry.userId}: ${entry.outcome}\n`);
    if (session.dev) process.stdout.write(`inbox: ${session.dev.sesEndpoint}/\n`);
    return outcome.failedMessageIds.length > 0 ? 1 : 0;
  } finally {
    await session.close();
  }
}
