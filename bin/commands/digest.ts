import type { LocalSettings } from '#shared/config/local-settings.ts';
import { dispatchWindow, dueSlotsInWindow, isoWeekAt } from '#shared/digest/digest-schedule.ts';
import { digestSelection } from '#shared/digest/digest-selection.ts';
import { previewDigest, sendDigestBatch } from '#shared/digest/send-digests.ts';
import type { DigestMessage } from '#shared/queue/digest-message.ts';
import { UserNotFoundError } from '#shared/store/user-repository.ts';
import { NoLocalInboxError, openDigestSession } from '../local/digest-session.ts';
import { storeErrors } from './store-errors.ts';
import type { CommandModule } from './usage/command.ts';
import type { DigestInput } from './usage/digest.ts';

export const expectedErrors: CommandModule<DigestInput>['expectedErrors'] = [
  ...storeErrors,
  NoLocalInboxError,
  UserNotFoundError,
];

/**
 * Send weekly digests now, through the same code as the Lambda (and the same send ledger: running it
 * twice sends once). Without --user: every user whose digest came due in the hour before --now.
 */
export async function run(values: DigestInput, settings: LocalSettings): Promise<number> {
  const { now, dryRun } = values;
  const { deps, session } = await openDigestSession(settings, { send: !dryRun });
  try {
    const messages: DigestMessage[] = [];
    if (values.user) {
      const profile = await deps.users.getByEmail(values.user);
      if (!profile) throw new UserNotFoundError(`no user ${values.user}`);
      messages.push({
        userId: profile.id,
        isoWeek: isoWeekAt(now.getTime(), profile.timeZone),
        dueAt: now.toISOString(),
      });
    } else {
      const window = dispatchWindow(now.getTime(), null);
      for (const zone of await deps.users.listDigestZones()) {
        for (const slot of window ? dueSlotsInWindow(zone, window.fromMs, window.toMs) : []) {
          for (const userId of await deps.users.listInDigestSlot(zone, slot.weekday, slot.hour)) {
            messages.push({ userId, isoWeek: slot.isoWeek, dueAt: new Date(slot.dueMs).toISOString() });
          }
        }
      }
    }
    if (messages.length === 0) {
      if (values.json) {
        process.stdout.write('[]\n');
        return 0;
      }
      process.stdout.write(
        'no digests due in the hour before that time (use --user EMAIL to send one now)\n',
      );
      return 0;
    }
    if (dryRun) {
      const selections = [];
      for (const message of messages) {
        const profile = await deps.users.get(message.userId);
        if (!profile) continue;
        const { raw, model, empty } = await previewDigest(deps, profile, message.isoWeek, now);
        if (values.json) selections.push(digestSelection(model, { wouldSend: !empty }));
        else process.stdout.write(`${Buffer.from(raw).toString('utf8')}\n`);
      }
      if (values.json)
        process.stdout.write(
          `${JSON.stringify(values.user ? (selections[0] ?? null) : selections, null, 2)}\n`,
        );
      return 0;
    }
    const outcome = await sendDigestBatch(
      deps,
      messages.map((message, index) => ({ messageId: String(index), body: JSON.stringify(message) })),
      now,
    );
    const emails = new Map(
      (await deps.users.getMany(messages.map((message) => message.userId))).map((p) => [p.id, p.email]),
    );
    for (const entry of outcome.outcomes) {
      process.stdout.write(`${emails.get(entry.userId ?? '') ?? entry.userId}: ${entry.outcome}\n`);
    }
    if (session.dev) process.stdout.write(`inbox: ${session.dev.sesEndpoint}/\n`);
    return outcome.failedMessageIds.length > 0 ? 1 : 0;
  } finally {
    await session.close();
  }
}
