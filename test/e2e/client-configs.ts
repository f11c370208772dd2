/**
 * Configuration files for the two calendar clients: vdirsyncer subscribes to a feed URL and keeps a
 * local folder of events (a vdir), khal reads that folder and lists the events in the local zone.
 */

/** vdirsyncer's values are JSON literals. */
const value = (text: string) => JSON.stringify(text);

/** One read-only subscription: the http feed → a filesystem vdir, with its sync status in `statusPath`. */
export function vdirsyncerConfig(options: {
  readonly statusPath: string;
  readonly pair: string;
  readonly feedUrl: string;
  readonly vdirPath: string;
}): string {
  const { pair } = options;
  return [
    '[general]',
    `status_path = ${value(options.statusPath)}`,
    '',
    `[pair ${pair}]`,
    `a = ${value(`${pair}_feed`)}`,
    `b = ${value(`${pair}_local`)}`,
    'collections = null',
    // The feed is the truth: a subscription never writes back.
    'conflict_resolution = "a wins"',
    '',
    `[storage ${pair}_feed]`,
    'type = "http"',
    `url = ${value(options.feedUrl)}`,
    '',
    `[storage ${pair}_local]`,
    'type = "filesystem"',
    `path = ${value(options.vdirPath)}`,
    'fileext = ".ics"',
    '',
  ].join('\n');
}

/** One calendar (the vdir), shown in `timeZone`, with ISO dates and 24-hour times. */
export function khalConfig(options: {
  readonly calendar: string;
  readonly vdirPath: string;
  readonly timeZone: string;
  readonly databasePath: string;
}): string {
  return [
    '[calendars]',
    `[[${options.calendar}]]`,
    `path = ${options.vdirPath}`,
    'type = calendar',
    '',
    '[locale]',
    `local_timezone = ${options.timeZone}`,
    `default_timezone = ${options.timeZone}`,
    'timeformat = %H:%M',
    'dateformat = %Y-%m-%d',
    'longdateformat = %Y-%m-%d',
    'datetimeformat = %Y-%m-%d %H:%M',
    'longdatetimeformat = %Y-%m-%d %H:%M',
    'firstweekday = 0',
    '',
    '[sqlite]',
    `path = ${options.databasePath}`,
    '',
  ].join('\n');
}
