import { linkSecretLoader, linkSecretSource } from '#shared/config/link-secret.ts';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import { loadReminderSendConfig } from '#shared/config/reminder-config.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createSesMailer, type Mailer } from '#shared/mail/mailer.ts';
import { createSesClient } from '#shared/mail/ses-client.ts';
import type { ReminderLedgerDetail, ReminderSendDependencies } from '#shared/reminders/send-reminders.ts';
import { createContactRepository } from '#shared/store/contact-repository.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createMembershipRepository } from '#shared/store/membership-repository.ts';
import { createReminderSlots } from '#shared/store/reminder-slots.ts';
import { createSendLedger } from '#shared/store/send-ledger.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';
import { NoLocalInboxError } from './digest-session.ts';
import { localLinkSecret } from './link-secret-file.ts';
import { localSesClient } from './local-ses-client.ts';
import { localMailFrom } from './run-dev.ts';
import { openStoreSession, type StoreSession } from './store-session.ts';

const notUsed: Mailer = {
  sendRaw: () => Promise.reject(new NoLocalInboxError('nothing is sent in a dry run')),
};

/** Everything `trellis reminders` needs, locally (through the running dev server) or on AWS. */
export async function openReminderSession(
  settings: LocalSettings,
  options: { readonly send: boolean },
): Promise<{
  deps: ReminderSendDependencies & { users: ReturnType<typeof createUserRepository> };
  slots: ReturnType<typeof createReminderSlots>;
  session: StoreSession;
}> {
  const session = await openStoreSession(settings);
  const { client, tableName } = session;
  const common = {
    users: createUserRepository(client, tableName),
    contacts: createContactRepository(client, tableName),
    memberships: createMembershipRepository(client, tableName),
    events: createEventStore(client, tableName),
    ledger: createSendLedger<ReminderLedgerDetail>(client, tableName, 'reminder'),
    suppression: createSuppressionList(client, tableName),
    logger: createLogger({ level: settings.logLevel === 'info' ? 'warn' : settings.logLevel }),
  };
  const slots = createReminderSlots(client, tableName);
  try {
    if (session.mode === 'aws') {
      const config = loadReminderSendConfig();
      const secret = linkSecretLoader(linkSecretSource());
      return {
        session,
        slots,
        deps: {
          ...common,
          mailer: createSesMailer(createSesClient(), { configurationSet: config.mail.configurationSet }),
          identity: {
            from: config.mail.from,
            replyTo: config.mail.replyTo,
            messageIdDomain: config.mail.messageIdDomain,
          },
          links: async () => ({ secret: await secret(), publicBaseUrl: config.publicBaseUrl }),
        },
      };
    }
    if (options.send && !session.dev) {
      throw new NoLocalInboxError(
        'the local inbox runs inside `trellis dev`: start it with `npm start` first (or use --dry-run)',
      );
    }
    const secret = Buffer.from(await localLinkSecret(settings.dataDir), 'utf8');
    const ses = localSesClient(session.dev);
    const publicBaseUrl = session.dev?.apiUrl ?? `http://${settings.host}:${settings.apiPort}`;
    return {
      session,
      slots,
      deps: {
        ...common,
        mailer: ses ? createSesMailer(ses, { configurationSet: null }) : notUsed,
        identity: { from: localMailFrom, replyTo: null, messageIdDomain: 'trellis.local' },
        links: async () => ({ secret, publicBaseUrl }),
      },
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}
