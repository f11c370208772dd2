import { loadMailConfig } from '#shared/config/digest-config.ts';
import { ConfigError, getStringFromEnv } from '#shared/config/env.ts';
import { linkSecretLoader, linkSecretSource } from '#shared/config/link-secret.ts';
import type { LocalSettings } from '#shared/config/local-settings.ts';
import type { DigestLedgerDetail, DigestSendDependencies } from '#shared/digest/send-digests.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createSesMailer, type Mailer } from '#shared/mail/mailer.ts';
import { createSesClient } from '#shared/mail/ses-client.ts';
import { createContactRepository } from '#shared/store/contact-repository.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createMembershipRepository } from '#shared/store/membership-repository.ts';
import { createSavedEventStore } from '#shared/store/saved-event-store.ts';
import { createSendLedger } from '#shared/store/send-ledger.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';
import { localLinkSecret } from './link-secret-file.ts';
import { localSesClient } from './local-ses-client.ts';
import { localMailFrom } from './run-dev.ts';
import { openStoreSession, type StoreSession } from './store-session.ts';

/** The local inbox lives inside `trellis dev`: without it there is nowhere to deliver. */
export class NoLocalInboxError extends Error {
  override readonly name = 'NoLocalInboxError';
}

const notUsed: Mailer = {
  sendRaw: () => Promise.reject(new NoLocalInboxError('nothing is sent in a dry run')),
};

/** Everything `trellis digest` needs, locally (through the running dev server) or on AWS. */
export async function openDigestSession(
  settings: LocalSettings,
  options: { readonly send: boolean },
): Promise<{ deps: DigestSendDependencies; session: StoreSession }> {
  const session = await openStoreSession(settings);
  const { client, tableName } = session;
  const common = {
    users: createUserRepository(client, tableName),
    events: createEventStore(client, tableName),
    contacts: createContactRepository(client, tableName),
    saved: createSavedEventStore(client, tableName),
    memberships: createMembershipRepository(client, tableName),
    ledger: createSendLedger<DigestLedgerDetail>(client, tableName, 'digest'),
    suppression: createSuppressionList(client, tableName),
    windowDays: 14,
    logger: createLogger({ level: settings.logLevel === 'info' ? 'warn' : settings.logLevel }),
  };
  try {
    if (session.mode === 'aws') {
      const mail = loadMailConfig();
      const secret = linkSecretLoader(linkSecretSource());
      return {
        session,
        deps: {
          ...common,
          mailer: createSesMailer(createSesClient(), { configurationSet: mail.configurationSet }),
          identity: { from: mail.from, replyTo: mail.replyTo, messageIdDomain: mail.messageIdDomain },
          links: async () => ({ secret: await secret() }),
          publicBaseUrl: getStringFromEnv('PUBLIC_BASE_URL'),
          unsubscribeMailto: mail.unsubscribeMailto,
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
    return {
      session,
      deps: {
        ...common,
        mailer: ses ? createSesMailer(ses, { configurationSet: null }) : notUsed,
        identity: { from: localMailFrom, replyTo: null, messageIdDomain: 'trellis.local' },
        links: async () => ({ secret }),
        publicBaseUrl: session.dev?.apiUrl ?? `http://${settings.host}:${settings.apiPort}`,
        unsubscribeMailto: 'unsubscribe@trellis.local',
      },
    };
  } catch (error) {
    await session.close();
    if (error instanceof ConfigError || error instanceof NoLocalInboxError) throw error;
    throw error;
  }
}
