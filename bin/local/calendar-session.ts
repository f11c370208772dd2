import type { CalendarSubscriptionDependencies } from '#shared/calendar/calendar-subscription.ts';
import type { InviteLedgerDetail } from '#shared/calendar/reconcile-invite.ts';
import type { SaveEventDependencies } from '#shared/calendar/save-event.ts';
import type { InviteUpdateDependencies } from '#shared/calendar/send-invite-updates.ts';
import { loadMailConfig } from '#shared/config/digest-config.ts';
import { getStringFromEnv } from '#shared/config/env.ts';
import { linkSecretLoader, linkSecretSource } from '#shared/config/link-secret.ts';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createSesMailer } from '#shared/mail/mailer.ts';
import { createSesClient } from '#shared/mail/ses-client.ts';
import { calendarTokenKey } from '#shared/security/calendar-token.ts';
import { createCalendarStore } from '#shared/store/calendar-store.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createSavedEventStore } from '#shared/store/saved-event-store.ts';
import { createSendLedger } from '#shared/store/send-ledger.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';
import { NoLocalInboxError } from './digest-session.ts';
import { localLinkSecret } from './link-secret-file.ts';
import { localSesClient } from './local-ses-client.ts';
import { localMailFrom } from './run-dev.ts';
import { openStoreSession, type StoreSession } from './store-session.ts';

type MailingDependencies = SaveEventDependencies & InviteUpdateDependencies;

export interface CalendarSession {
  readonly session: StoreSession;
  readonly subscription: CalendarSubscriptionDependencies;
  readonly users: ReturnType<typeof createUserRepository>;
  /** Null when nothing can be mailed (local, without `trellis dev` running). */
  readonly save: MailingDependencies | null;
}

/** What `trellis calendar` and `trellis save` need, locally (through the running dev server) or on AWS. */
export async function openCalendarSession(
  settings: LocalSettings,
  options: { withDemoFeeds?: boolean } = {},
): Promise<CalendarSession> {
  const session = await openStoreSession(settings, options);
  const { client, tableName } = session;
  const users = createUserRepository(client, tableName);
  const calendars = createCalendarStore(client, tableName);
  const aws = session.mode === 'aws';
  const secret = aws
    ? linkSecretLoader(linkSecretSource())
    : async () => Buffer.from(await localLinkSecret(settings.dataDir), 'utf8');
  const tokenKey = async () => calendarTokenKey(await secret());
  const publicBaseUrl = aws
    ? getStringFromEnv('PUBLIC_BASE_URL')
    : (session.dev?.apiUrl ?? `http://${settings.host}:${settings.apiPort}`);
  const ses = aws ? createSesClient() : localSesClient(session.dev);
  const mail = aws ? loadMailConfig() : null;
  const save: MailingDependencies | null = ses
    ? {
        users,
        events: createEventStore(client, tableName),
        savedEvents: createSavedEventStore(client, tableName),
        calendars,
        ledger: createSendLedger<InviteLedgerDetail>(client, tableName, 'invite'),
        suppression: createSuppressionList(client, tableName),
        mailer: createSesMailer(ses, { configurationSet: mail?.configurationSet ?? null }),
        identity: mail
          ? { from: mail.from, replyTo: mail.replyTo, messageIdDomain: mail.messageIdDomain }
          : { from: localMailFrom, replyTo: null, messageIdDomain: 'trellis.local' },
        logger: createLogger({ level: settings.logLevel === 'info' ? 'warn' : settings.logLevel }),
      }
    : null;
  return { session, users, subscription: { calendars, tokenKey, publicBaseUrl }, save };
}

export function requireMailing(session: CalendarSession): MailingDependencies {
  if (!session.save)
    throw new NoLocalInboxError(
      'the local inbox runs inside `trellis dev`: start it with `npm start` first, then save the event',
    );
  return session.save;
}
