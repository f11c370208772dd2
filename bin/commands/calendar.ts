import {
  CalendarRotationConflictError,
  calendarUrlsFor,
  rotateCalendarUrl,
} from '#shared/calendar/calendar-subscription.ts';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { UserNotFoundError } from '#shared/store/user-repository.ts';
import { openCalendarSession } from '../local/calendar-session.ts';
import { NoLocalInboxError } from '../local/digest-session.ts';
import { storeErrors } from './store-errors.ts';
import type { CalendarInput } from './usage/calendar.ts';
import type { CommandModule } from './usage/command.ts';

export const expectedErrors: CommandModule<CalendarInput>['expectedErrors'] = [
  ...storeErrors,
  NoLocalInboxError,
  UserNotFoundError,
  CalendarRotationConflictError,
];

/** `trellis calendar url|rotate --user EMAIL`: the user's secret feed URL, or a new one. */
export async function run({ action, user }: CalendarInput, settings: LocalSettings): Promise<number> {
  const calendar = await openCalendarSession(settings);
  try {
    const profile = await calendar.users.getByEmail(user);
    if (!profile) throw new UserNotFoundError(`no user ${user}`);
    const now = new Date();
    const urls =
      action === 'url'
        ? await calendarUrlsFor(calendar.subscription, profile.id, now)
        : await rotateCalendarUrl(calendar.subscription, profile.id, now);
    if (action === 'rotate') process.stdout.write('the previous calendar URL no longer works\n');
    process.stdout.write(`${urls.https}\n${urls.webcal}\n`);
    return 0;
  } finally {
    await calendar.session.close();
  }
}
