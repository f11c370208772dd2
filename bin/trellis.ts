#!/usr/bin/env node
import { ZodError } from 'zod';
import { CalendarRotationConflictError } from '#shared/calendar/calendar-subscription.ts';
import { EventNotFoundError } from '#shared/calendar/save-event.ts';
import { ConfigError } from '#shared/config/env.ts';
import { loadLocalSettings } from '#shared/config/local-settings.ts';
import {
  ContactChangedError,
  ContactDateInFutureError,
  ContactNotFoundError,
  ContactOwnerNotFoundError,
  ReminderScheduleChangedError,
} from '#shared/contacts/contact-errors.ts';
import { FeedParseError } from '#shared/feeds/feed-errors.ts';
import { DynamoLocalStartError, JavaMissingError } from '#shared/local/dynamodb-local-server.ts';
import { PortInUseError } from '#shared/local/listen.ts';
import { SourceFetchError } from '#shared/security/source-fetch-error.ts';
import { SourceExistsError, SourceNotFoundError } from '#shared/store/source-repository.ts';
import { UserExistsError, UserNotFoundError } from '#shared/store/user-repository.ts';
import { calendarUsage, runCalendar, runSave } from './commands/calendar.ts';
import { contactsUsage, runContacts } from './commands/contacts.ts';
import { runDev } from './commands/dev.ts';
import { digestUsage, runDigest } from './commands/digest.ts';
import { ingestUsage, runIngest } from './commands/ingest.ts';
import { InputError, parseUsage, runParse } from './commands/parse.ts';
import { remindersUsage, runReminders } from './commands/reminders.ts';
import { runSources, sourcesUsage } from './commands/sources.ts';
import { UsageError } from './commands/usage-error.ts';
import { runUsers, usersUsage } from './commands/users.ts';
import { NoLocalInboxError } from './local/digest-session.ts';
import { DevAlreadyRunningError } from './local/run-dev.ts';

const usage = `Trellis — industry events, professional organizations and mentorship programs, matched to you.

usage:
  trellis dev                 run the whole service locally (same as npm start)
  ${sourcesUsage.replace(/\n/g, '\n  ')}
  ${ingestUsage}
  ${parseUsage}
  ${usersUsage.replace(/\n/g, '\n  ')}
  ${contactsUsage.replace(/\n/g, '\n  ')}
  ${digestUsage}
  ${remindersUsage}
  ${calendarUsage.replace(/\n/g, '\n  ')}

Local mode keeps its data in .trellis/ (TRELLIS_DATA_DIR); with TRELLIS_TARGET=aws and TABLE_NAME the
sources and ingest commands work on the deployed table instead. See README.md for every variable.
`;

/** Expected failures print one clear line; anything else is a bug and keeps its stack trace. */
const expectedErrors = [
  ConfigError,
  PortInUseError,
  JavaMissingError,
  DynamoLocalStartError,
  DevAlreadyRunningError,
  InputError,
  FeedParseError,
  SourceFetchError,
  SourceExistsError,
  SourceNotFoundError,
  UserExistsError,
  UserNotFoundError,
  NoLocalInboxError,
  EventNotFoundError,
  CalendarRotationConflictError,
  ContactNotFoundError,
  ContactChangedError,
  ContactDateInFutureError,
  ContactOwnerNotFoundError,
  ReminderScheduleChangedError,
];

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(usage);
    return command ? 0 : 2;
  }
  const settings = loadLocalSettings();
  switch (command) {
    case 'dev':
      return runDev(settings);
    case 'sources':
      await runSources(args, settings);
      return 0;
    case 'ingest':
      return runIngest(args, settings);
    case 'parse':
      return runParse(args);
    case 'users':
      await runUsers(args, settings);
      return 0;
    case 'contacts':
      await runContacts(args, settings);
      return 0;
    case 'digest':
      return runDigest(args, settings);
    case 'reminders':
      return runReminders(args, settings);
    case 'calendar':
      return runCalendar(args, settings);
    case 'save':
      return runSave(args, settings);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`trellis: ${error.message}\n\n${usage}`);
      process.exitCode = 2;
    } else if (error instanceof ZodError) {
      const fields = error.issues
        .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
        .join('; ');
      process.stderr.write(`trellis: invalid input: ${fields}\n`);
      process.exitCode = 2;
    } else if (expectedErrors.some((type) => error instanceof type)) {
      process.stderr.write(`trellis: ${(error as Error).message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(
        `trellis: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exitCode = 70;
    }
  },
);
