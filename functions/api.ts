import { SESv2Client } from '@aws-sdk/client-sesv2';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpRouterHandler from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { adminEmailsFromEnv } from '#shared/auth/admin-emails.ts';
import { sessionKey } from '#shared/auth/session-cookie.ts';
import type { InviteLedgerDetail } from '#shared/calendar/reconcile-invite.ts';
import { saveEventForLink } from '#shared/calendar/save-event.ts';
import { digestWindowDaysFromEnv, loadMailConfig } from '#shared/config/digest-config.ts';
import { getStringFromEnv } from '#shared/config/env.ts';
import { parseLogLevel } from '#shared/config/ingest-config.ts';
import { linkSecretLoader, linkSecretSource } from '#shared/config/link-secret.ts';
import type { DigestLedgerDetail } from '#shared/digest/send-digests.ts';
import { collapseSeries } from '#shared/events/collapse-series.ts';
import { createLogger } from '#shared/log/logger.ts';
import { createSesMailer } from '#shared/mail/mailer.ts';
import { applyContactLink, contactLinkSubject } from '#shared/reminders/apply-contact-link.ts';
import { calendarTokenKey } from '#shared/security/calendar-token.ts';
import {
  ExpiredLinkError,
  InvalidLinkError,
  isContactLinkAction,
  type LinkPayload,
  verifyLink,
} from '#shared/security/signed-links.ts';
import { createCalendarStore } from '#shared/store/calendar-store.ts';
import { createContactDependencies } from '#shared/store/contact-dependencies.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createEventStore } from '#shared/store/event-store.ts';
import { createProfileDependencies } from '#shared/store/profile-dependencies.ts';
import { createSavedEventStore } from '#shared/store/saved-event-store.ts';
import { createSendLedger } from '#shared/store/send-ledger.ts';
import { createSignInStore } from '#shared/store/sign-in-store.ts';
import { createSourceRepository } from '#shared/store/source-repository.ts';
import { createSourceSuggestionStore } from '#shared/store/source-suggestion-store.ts';
import { createSuppressionList } from '#shared/store/suppression-list.ts';
import { createUsedLinks } from '#shared/store/used-links.ts';
import { createUserRepository } from '#shared/store/user-repository.ts';
import { applyLinkAction } from '#shared/users/apply-link-action.ts';
import { accountRoutes, publicBaseUrlFor } from '#shared/web/account-routes.ts';
import {
  renderActionConfirmation,
  renderActionDone,
  renderContactActionDone,
  renderLinkProblem,
} from '#shared/web/action-pages.ts';
import { calendarPageRoutes } from '#shared/web/calendar-page-routes.ts';
import { contactPageRoutes } from '#shared/web/contact-page-routes.ts';
import { digestPreviewRoutes } from '#shared/web/digest-preview-routes.ts';
import { eventsQuerySchema, nextEventsPageQuery } from '#shared/web/events-query.ts';
import { mapKnownErrors, problemJsonContentType } from '#shared/web/http-errors.ts';
import { myDataRoutes } from '#shared/web/my-data-routes.ts';
import { renderOverviewPage } from '#shared/web/overview-page.ts';
import { formFieldsOf, htmlResponse, jsonResponse } from '#shared/web/page-responses.ts';
import { profilePageRoutes } from '#shared/web/profile-page-routes.ts';
import { sourceRoutes } from '#shared/web/source-routes.ts';

const tableName = getStringFromEnv('TABLE_NAME');
const logger = createLogger({
  level: parseLogLevel(process.env.LOG_LEVEL ?? null),
  fields: { function: 'api' },
});
const client = createDocumentClient();
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
  ledger: createSendLedger<InviteLedgerDetail>(client, tableName, 'invite'),
  suppression: createSuppressionList(client, tableName),
  mailer: createSesMailer(new SESv2Client({}), { configurationSet: mail.configurationSet }),
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
  contactActions,
  calendar: accountDeps.calendar,
  saveEvent: saveDeps,
  publicBaseUrlOf: (event: Event) => publicBaseUrlFor(accountDeps.publicBaseUrl, event),
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
  },
  suppression: saveDeps.suppression,
  publicBaseUrlOf: myDataDeps.publicBaseUrlOf,
};
const contactDeps = {
  ...contactActions,
  usedLinks: createUsedLinks(tableName),
};

type Event = APIGatewayProxyEventV2;

/** The overview reads at most this many upcoming events and shows at most this many rows. */
const overviewEventsRead = 500;
const overviewRows = 60;
type Result = APIGatewayProxyResultV2;

/** The one-click link pages: the same headers as every page (no scripts, no framing, no caching). */
const html = (statusCode: number, body: string): Result => htmlResponse(statusCode, body);

/** A signed one-click link: verified, or a page that says why not (410 for expired, 400 for invalid). */
async function readLink(event: Event): Promise<LinkPayload | Result> {
  try {
    return verifyLink(event.pathParameters?.token ?? '', await linkSecret(), new Date());
  } catch (error) {
    if (error instanceof ExpiredLinkError) return html(410, renderLinkProblem(error.message));
    if (error instanceof InvalidLinkError) return html(400, renderLinkProblem(error.message));
    throw error;
  }
}

const isResult = (value: LinkPayload | Result): value is Result =>
  typeof value === 'object' && 'statusCode' in value;

const json = (body: unknown): Result => jsonResponse(200, body);

const routes = httpRouterHandler<Event, Result>([
  ...accountRoutes(accountDeps),
  ...myDataRoutes(myDataDeps),
  ...contactPageRoutes({ ...signedIn, contactActions }),
  ...profilePageRoutes(signedIn),
  ...calendarPageRoutes({
    ...signedIn,
    calendar: accountDeps.calendar,
    saved: saveDeps,
    publicBaseUrlOf: myDataDeps.publicBaseUrlOf,
  }),
  ...digestPreviewRoutes(digestPreviewDeps),
  ...sourceRoutes({ ...signedIn, sources, suggestions: createSourceSuggestionStore(client, tableName) }),
  { method: 'GET', path: '/health', handler: async () => json({ status: 'ok' }) },
  {
    method: 'GET',
    path: '/api/events',
    handler: async (event: Event) => {
      const query = eventsQuerySchema.parse(event.queryStringParameters ?? {});
      const page = await events.listPageStartingBetween(query.from, query.to, query.limit, query.after);
      return json({
        from: query.from,
        to: query.to,
        events: page.events.filter((item) => query.includeRemoved || !item.removed),
        next: page.next ? `/api/events?${nextEventsPageQuery(query, page.next)}` : null,
      });
    },
  },
  {
    // Opening a link only asks: mail scanners follow links, and a GET must change nothing.
    method: 'GET',
    path: '/a/{token}',
    handler: async (event: Event) => {
      const link = await readLink(event);
      if (isResult(link)) return link;
      if (isContactLinkAction(link.action)) {
        const subject = await contactLinkSubject(contactDeps, link);
        if (!subject) return html(404, renderContactActionDone({ outcome: 'gone' }));
        return html(
          200,
          renderActionConfirmation(link.action, `${subject.contact.name} (${subject.contact.relationship})`, {
            cadence: subject.contact.cadence,
          }),
        );
      }
      const subject = link.eventId ? await events.get(link.eventId) : null;
      return html(200, renderActionConfirmation(link.action, subject?.title ?? null));
    },
  },
  {
    // The confirmation form, and RFC 8058 one-click unsubscribe (List-Unsubscribe=One-Click): no cookie, no login.
    method: 'POST',
    path: '/a/{token}',
    handler: async (event: Event) => {
      const link = await readLink(event);
      if (isResult(link)) return link;
      if (isContactLinkAction(link.action)) {
        const token = event.pathParameters?.token ?? '';
        const result = await applyContactLink(
          contactDeps,
          token,
          { ...link, action: link.action },
          Object.fromEntries(formFieldsOf(event)),
          new Date(),
        );
        if (result.outcome === 'invalid-form')
          return html(
            400,
            renderActionConfirmation(link.action, result.contactName, { problems: result.problems }),
          );
        return html(result.outcome === 'already-used' ? 410 : 200, renderContactActionDone(result));
      }
      return html(
        200,
        renderActionDone(await applyLinkAction({ users, profiles, events, saveEvent }, link, new Date())),
      );
    },
  },
  {
    method: 'GET',
    path: '/',
    handler: async () => {
      const now = new Date();
      // Bounded whatever the feeds hold: one page of the next 60 days, a series shown once.
      const [allSources, upcoming] = await Promise.all([
        sources.list(),
        events.listPageStartingBetween(
          now,
          new Date(now.getTime() + 60 * 86_400_000),
          overviewEventsRead,
          null,
        ),
      ]);
      const rows = collapseSeries(upcoming.events, overviewRows);
      return {
        statusCode: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        body: renderOverviewPage({ sources: allSources, rows, now }),
      };
    },
  },
]);

/** HTTP API (payload v2): the overview page and the read-only JSON API. */
export const handler = middy<Event, Result>()
  .use(problemJsonContentType())
  .use(
    httpErrorHandler({
      logger: (error: { statusCode?: number; message?: string }) =>
        (error.statusCode ?? 500) < 500
          ? logger.info('request rejected', { status: error.statusCode, problem: error.message })
          : logger.error('request failed', { error }),
    }),
  )
  .use(mapKnownErrors())
  .handler(routes);
