import { parseArgs } from 'node:util';
import { calendarUrlsFor, rotateCalendarUrl } from '#shared/calendar/calendar-subscription.ts';
import { saveEventForUser } from '#shared/calendar/save-event.ts';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { UserNotFoundError } from '#shared/store/user-repository.ts';
import { openCalendarSession, requireMailing } from '../local/calendar-session.ts';
import { UsageError } from './usage-error.ts';

export const calendarUsage = `trellis calendar url --user EMAIL
trellis calendar rotate --user EMAIL
trellis save --user EMAIL --event ID`;

/** `trellis calendar url|rotate --user EMAIL`: the user's secret feed URL, or a new one. */
export async function runCalendar(args: string[], settings: LocalSettings): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'url' && action !== 'rotate') throw new UsageError(`usage:\n${calendarUsage}`);
  const { values } = parseArgs({ args: rest, options: { user: { type: 'string' } } });
  if (!values.user) throw new UsageError('--user EMAIL is required');
  const calendar = await openCalendarSession(settings);
  try {
    const profile = await calendar.users.getByEmail(values.user);
    if (!profile) throw new UserNotFoundError(`no user ${values.user}`);
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

/** `trellis save --user EMAIL --event ID`: save an event and email the calendar invitation. */
export async function runSave(args: string[], settings: LocalSettings): Promise<number> {
  const { values } = parseArgs({ args, options: { user: { type: 'string' }, event: { type: 'string' } } });
  if (!values.user || !values.event) throw new UsageError('usage: trellis save --user EMAIL --event ID');
  const calendar = await openCalendarSession(settings);
  try {
    const deps = requireMailing(calendar);
    const profile = await calendar.users.getByEmail(values.user);
    if (!profile) throw new UserNotFoundError(`no user ${values.user}`);
    const result = await saveEventForUser(deps, profile.id, values.event, new Date());
    process.stdout.write(`${result.eventTitle}: ${result.saved}, invitation ${result.invite}\n`);
    if (calendar.session.dev) process.stdout.write(`inbox: ${calendar.session.dev.sesEndpoint}/\n`);
    return 0;
  } finally {
    await calendar.session.close();
  }
}
