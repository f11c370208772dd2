import { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { adminEmailsFromEnv } from '#shared/auth/admin-emails.ts';
import { sessionKey } from '#shared/auth/session-cookie.ts';
import type { InviteLedgerDetail } from '#shared/calendar/reconcile-invite.ts';
import { saveEventForLink } from '#shared/calendar/save-event.ts';
import { digestWindowDaysFromEnv, loadMailConfig } from '#shared/config/digest-config.ts';
import { getStringFromEnv } from '#shared/config/env.ts';
import { parseLogLevel } from '#shared/config/ingest-config.ts';
import { linkSecretLoader, linkSecretSource } from '#shared/config/link-secret.ts';
import type { DigestLedgerDetail } from '#shared/digest/send-digests.ts';
import { createSesMailer } from '#shared/mail/mailer.ts';
import { createSesClient } from '#shared/mail/ses-client.ts';
import { createObservability } from '#shared/observability/observability.ts';
import { createIngestQueue } from '#shared/queue/ingest-queue.ts';
import { calendarTokenKey } from '#shared/security/calendar-token.ts';
import { createCalendarStore } from '#shared/store/calendar-store.ts';
import { createContactDependencies } from '#shared/store/contact-dependencies.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createMembershipRepository } from '#shared/store/membership-repository.ts';
import { createProfileDependencies } from '#shared/store/profile-dependencies.ts';
import { createSavedEventStore } from '#shared/store/saved-event-store.ts';
import { createSendLedger, defaultSendEventWaitMs } from '#shared/store/send-ledger.ts';
import { createSignInStore } from '#shared/store/sign-in-store.ts';
import { createSourceRepository } from '#shared/store/source-repository.ts';
import { createSourceSuggestionStore } from '#shared/store/source-suggestion-store.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUsedLinks } from '#shared/store/used-links.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';
import { publicBaseUrlFor } from '#shared/web/account-routes.ts';
import { apiRoutes } from '#shared/web/api-routes.ts';
import { webHandler } from '#shared/web/middleware/web-handler.ts';

const tableName = getStringFromEnv('TABLE_NAME');
const observability = createObservability({
  service: 'api',
  logLevel: parseLogLevel(process.env.LOG_LEVEL ?? null),
});
const logger = observability.logger;
const client = observability.traced(createDocumentClient());
const sources = createSourceRepository(client, tableName);
const events = createEventStore(client, tableName);
const users = createUserRepository(client, tableName);
const profiles = createProfileDependencies(client, tableName);
const linkSecret = linkSecretLoader(linkSecretSource());
const mail = loadMailConfig();
const saveDeps = {
  users,
  events,
  savedEvents: createSavedEventStore(client, tableName),
  calendars: createCalendarStore(client, tableName),
  // SES publishes Send events to ses-events wherever a configuration set is used (infra/constructs/mail.ts).
  ledger: createSendLedger<InviteLedgerDetail>(client, tableName, 'invite', {
    resendUnconfirmedAfterMs: mail.configurationSet ? defaultSendEventWaitMs : null,
  }),
  suppression: createSuppressionList(client, tableName),
  mailer: createSesMailer(observability.traced(createSesClient()), {
    configurationSet: mail.configurationSet,
  }),
  identity: { from: mail.from, replyTo: mail.replyTo, messageIdDomain: mail.messageIdDomain },
  logger,
};
const saveEvent = saveEventForLink(saveDeps);
const signIns = createSignInStore(client, tableName);
/** The contact use cases' stores, for the JSON API, the pages and the email links alike. */
const contactActions = createContactDependencies(client, tableName);
const contacts = contactActions.contacts;
const adminEmails = adminEmailsFromEnv();
const accountDeps = {
  signIn: {
    signIns,
    users,
    suppression: saveDeps.suppression,
    mailer: saveDeps.mailer,
    identity: saveDeps.identity,
    logger,
  },
  users,
  profiles,
  calendar: { calendars: saveDeps.calendars, tokenKey: async () => calendarTokenKey(await linkSecret()) },
  sessionKey: async () => sessionKey(await linkSecret()),
  publicBaseUrl: process.env.PUBLIC_BASE_URL ?? null,
  adminEmails,
  contacts,
};
/** Who is signed in, for every page and JSON route of one's own data (and the admin role). */
const signedIn = {
  sessionKey: accountDeps.sessionKey,
  users,
  profiles,
  adminEmails,
};
const myDataDeps = {
  ...signedIn,
  saveEvent: saveDeps,
  publicBaseUrlOf: (event: APIGatewayProxyEventV2) => publicBaseUrlFor(accountDeps.publicBaseUrl, event),
};
const digestPreviewDeps = {
  ...signedIn,
  digest: {
    events,
    contacts,
    ledger: createSendLedger<DigestLedgerDetail>(client, tableName, 'digest'),
    identity: saveDeps.identity,
    links: async () => ({ secret: await linkSecret() }),
    unsubscribeMailto: mail.unsubscribeMailto,
    windowDays: digestWindowDaysFromEnv(),
    saved: saveDeps.savedEvents,
    memberships: createMembershipRepository(client, tableName),
  },
  suppression: saveDeps.suppression,
  publicBaseUrlOf: myDataDeps.publicBaseUrlOf,
};
const contactDeps = {
  ...contactActions,
  usedLinks: createUsedLinks(tableName, client),
};

const routes = apiRoutes({
  overview: { sources, events },
  links: { linkSecret, events, contacts: contactDeps, linkActions: { users, profiles, events, saveEvent } },
  account: accountDeps,
  myData: myDataDeps,
  contacts: { ...signedIn, contactActions },
  profile: signedIn,
  calendar: {
    ...signedIn,
    calendar: accountDeps.calendar,
    saved: saveDeps,
    publicBaseUrlOf: myDataDeps.publicBaseUrlOf,
  },
  digest: digestPreviewDeps,
  sources: {
    ...signedIn,
    sources,
    suggestions: createSourceSuggestionStore(client, tableName),
    announce: {
      // Set where the deployment lets the api queue fetches (and in trellis dev); else the schedule fetches.
      ...(process.env.INGEST_QUEUE_URL
        ? {
            ingestQueue: createIngestQueue(
              observability.traced(new SQSClient({})),
              process.env.INGEST_QUEUE_URL,
            ),
          }
        : {}),
      mail: {
        users,
        suppression: saveDeps.suppression,
        mailer: saveDeps.mailer,
        identity: saveDeps.identity,
      },
      logger,
    },
    publicBaseUrlOf: myDataDeps.publicBaseUrlOf,
  },
  people: {
    ...signedIn,
    people: { events, savedEvents: saveDeps.savedEvents, contacts },
    contactActions,
  },
  organizations: {
    ...signedIn,
    organizations: {
      memberships: createMembershipRepository(client, tableName),
      users,
      slots: contactActions.slots,
      events,
      savedEvents: saveDeps.savedEvents,
      sources,
    },
  },
  browse: {
    events,
    saveEvent: saveDeps,
    notInterested: { users, profiles, events },
    profiles,
    publicBaseUrl: accountDeps.publicBaseUrl,
  },
});

/** HTTP API (payload v2): the pages, the JSON API and the one-click links, on the web middlewares. */
export const handler = webHandler({ routes, signedIn, logger, outermost: observability.middlewares() });
