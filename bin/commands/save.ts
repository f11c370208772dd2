import { EventNotFoundError, saveEventForUser } from '#shared/calendar/save-event.ts';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { UserNotFoundError } from '#shared/store/user-repository.ts';
import { openCalendarSession, requireMailing } from '../local/calendar-session.ts';
import { NoLocalInboxError } from '../local/digest-session.ts';
import { storeErrors } from './store-errors.ts';
import type { CommandModule } from './usage/command.ts';
import type { SaveInput } from './usage/save.ts';

export const expectedErrors: CommandModule<SaveInput>['expectedErrors'] = [
  ...storeErrors,
  NoLocalInboxError,
  UserNotFoundError,
  EventNotFoundError,
];

/** `trellis save --user EMAIL --event ID`: save an event and email the calendar invitation. */
export async function run({ user, event }: SaveInput, settings: LocalSettings): Promise<number> {
  const calendar = await openCalendarSession(settings);
  try {
    const deps = requireMailing(calendar);
    const profile = await calendar.users.getByEmail(user);
    if (!profile) throw new UserNotFoundError(`no user ${user}`);
    const result = await saveEventForUser(deps, profile.id, event, new Date());
    process.stdout.write(`${result.eventTitle}: ${result.saved}, invitation ${result.invite}\n`);
    if (calendar.session.dev) process.stdout.write(`inbox: ${calendar.session.dev.sesEndpoint}/\n`);
    return 0;
  } finally {
    await calendar.session.close();
  }
}
